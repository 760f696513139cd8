#!/usr/bin/env bash
# Valgrind memcheck of the unit tests, the end-to-end tests (client + POSIX port +
# mbedTLS against the emulator over TLS) and the CLI (instance, task, watch and error
# paths against the emulator), built without sanitizers in build/memcheck.
#
# Each process runs under valgrind --leak-check=full --errors-for-leak-kinds=definite
# --error-exitcode=99 with its own log (build/memcheck/vg/<name>.<pid>.log). The script
# prints, per step, the processes checked, the errors and the bytes definitely lost,
# ends with "N passed, N failed" (one per step) and exits non-zero on any memcheck
# error, definite leak or test failure.
#
# Usage: scripts/memcheck.sh [unit] [e2e] [cli]   (default: all three)
# Under valgrind the e2e run takes about 13 s (7 s without); the e2e tests' own deadlines
# (1.5 s in the fault test) held in every run so far, also with the other core busy
# fuzzing. The CLI runs get --timeout 30.
set -uo pipefail
source "$(dirname "$0")/common.sh"

STEPS=("$@")
[ ${#STEPS[@]} -eq 0 ] && STEPS=(unit e2e cli)
OUT="$ROOT/build/memcheck"
VG="$OUT/vg"

"$ROOT/scripts/deps.sh" "${BASE_PKGS[@]}" valgrind || exit 1

echo "memcheck: building in $OUT (gcc -O1 -g, no sanitizers)"
configure_build "$OUT" gcc -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_C_FLAGS=-O1 -g -fno-omit-frame-pointer" || exit 1
rm -rf "$VG"
mkdir -p "$VG"

# A wrapper that runs a binary under valgrind with a per-process log named after $1.
wrapper() {
  local name=$1 bin=$2 w="$OUT/vg-$1.sh"
  cat >"$w" <<EOF
#!/usr/bin/env bash
exec valgrind --quiet --leak-check=full --show-leak-kinds=definite,indirect \\
  --errors-for-leak-kinds=definite --error-exitcode=99 --track-origins=yes \\
  --log-file="$VG/$name.%p.log" "$bin" "\$@"
EOF
  chmod +x "$w"
  echo "$w"
}

pass=0
fail=0
# summarize NAME RC: read the logs of step NAME, print figures, count pass/fail.
summarize() {
  local name=$1 rc=$2 logs n errors lost dirty
  logs=("$VG/$name".*.log)
  n=0; errors=0; lost=0; dirty=0
  if [ -e "${logs[0]}" ]; then
    n=${#logs[@]}
    # --quiet: a log holds only problems. Count memory-error records, definitely-lost
    # bytes, and logs with anything in them at all.
    errors=$(cat "${logs[@]}" | grep -cE '^==[0-9]+== (Invalid|Conditional jump|Syscall param|Mismatched|Source and destination|Argument|Use of uninitialised|Jump to|Process terminating)' || true)
    lost=$(cat "${logs[@]}" | sed -nE 's/.* ([0-9,]+) bytes in [0-9,]+ blocks are definitely lost.*/\1/p' | tr -d , |
           awk '{s += $1} END {print s + 0}')
    for l in "${logs[@]}"; do [ -s "$l" ] && dirty=$((dirty + 1)); done
  fi
  printf 'memcheck %-5s processes %-4s errors %-4s definitely lost %s bytes, logs with findings %s (exit %s)\n' \
    "$name" "$n" "$errors" "$lost" "$dirty" "$rc"
  if [ "$rc" -eq 0 ] && [ "$errors" -eq 0 ] && [ "$lost" -eq 0 ] && [ "$dirty" -eq 0 ] && [ "$n" -gt 0 ]; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    for l in "${logs[@]}"; do
      [ -s "$l" ] && { echo "  --- $l"; head -40 "$l" | sed 's/^/  /'; }
    done
  fi
}

for step in "${STEPS[@]}"; do
  start=$(date +%s)
  case $step in
  unit)
    w=$(wrapper unit "$OUT/bin/osfn_unit_tests")
    "$w" >"$OUT/unit.log" 2>&1
    rc=$?
    tail -1 "$OUT/unit.log" | sed 's/^/  unit tests: /'
    summarize unit $rc
    ;;
  e2e)
    w=$(wrapper e2e "$OUT/bin/osfn_e2e_tests")
    "$ROOT/tests/e2e/run_e2e.sh" "$w" "$OUT/e2e-run" >"$OUT/e2e.log" 2>&1
    rc=$?
    grep -E 'FAIL|passed, [0-9]+ failed' "$OUT/e2e.log" | head -20 | sed 's/^/  e2e: /'
    summarize e2e $rc
    ;;
  cli)
    w=$(wrapper cli "$OUT/bin/osfn")
    (
      EMU_DIR="$OUT/cli-run"
      mkdir -p "$EMU_DIR"
      source "$ROOT/tests/e2e/emulators.sh"
      trap emu_stop_all EXIT
      bash "$EMU_ROOT/tests/emulator/gen_certs.sh" "$EMU_DIR/certs" >/dev/null 2>&1 || exit 1
      emu_start vg good || exit 1
      export ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI5tExampleKeyId ALIBABA_CLOUD_ACCESS_KEY_SECRET=ExampleSecret0123456789abcdefXY
      unset ALIBABA_CLOUD_SECURITY_TOKEN
      common=(-v --endpoint "localhost:$EMU_PORT_vg" --ca-file "$EMU_DIR/certs/ca.crt" --timeout 30)
      bad=0
      # run EXPECTED-EXIT ARGS...: one CLI process under valgrind
      run() {
        local want=$1 got
        shift
        "$w" "${common[@]}" "$@" >>"$EMU_DIR/out" 2>&1
        got=$?
        if [ "$got" -ne "$want" ]; then echo "  cli: exit $got, want $want: $*"; bad=1; fi
      }
      run 0 instance my-app ctr ctr_test --output detail
      run 0 task my-app ctr ctr_test 3
      run 0 task my-app ctr ctr_test 3 --json --sig roa
      ALIBABA_CLOUD_SECURITY_TOKEN=CAIS.ExampleSecurityToken== ALIBABA_CLOUD_ACCESS_KEY_ID=STS.ExampleTempKeyId \
        ALIBABA_CLOUD_ACCESS_KEY_SECRET=ExampleTempSecret run 0 instance my-app ctr ctr_test --output simple
      run 3 task my-app ctr ctr_test 99
      run 0 watch my-app ctr ctr_training --task 7 --interval 0.3 --deadline 60
      run 2 task my-app ctr                       # usage error: no port object set up
      "$w" "${common[@]}" --endpoint "localhost:1" task my-app ctr ctr_test 3 >>"$EMU_DIR/out" 2>&1
      [ $? -eq 4 ] || { echo "  cli: connection refused should exit 4"; bad=1; }
      exit $bad
    ) >"$OUT/cli.log" 2>&1
    rc=$?
    sed 's/^/  /' "$OUT/cli.log" | head -20
    summarize cli $rc
    ;;
  *)
    echo "memcheck: unknown step $step (unit, e2e, cli)"
    fail=$((fail + 1))
    continue
    ;;
  esac
  echo "  ($step: $(( $(date +%s) - start )) s)"
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
