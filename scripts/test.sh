#!/usr/bin/env bash
# Build with gcc and with clang (ASan + UBSan) and run every test.
# Ends with one line "N passed, N failed" summing every test case; exits non-zero on any failure.
set -uo pipefail
source "$(dirname "$0")/common.sh"
"$ROOT/scripts/deps.sh" "${BASE_PKGS[@]}" || exit 1

LOGS="$ROOT/build/logs"
mkdir -p "$LOGS"
total_pass=0
total_fail=0

# step NAME CMD...: run CMD, keep its log, add the "N passed, N failed" lines it printed.
step() {
  local name=$1
  shift
  local log="$LOGS/$name.log" rc p f
  "$@" >"$log" 2>&1
  rc=$?
  read -r p f < <(grep -aoE '[0-9]+ passed, [0-9]+ failed$' "$log" |
                  awk '{p += $1; f += $3} END {print p + 0, f + 0}')
  if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
    if [ $rc -eq 0 ]; then p=1; else f=1; fi
  elif [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then
    f=1
  fi
  total_pass=$((total_pass + p))
  total_fail=$((total_fail + f))
  if [ $rc -eq 0 ] && [ "$f" -eq 0 ]; then
    printf '  ok    %-28s %5d passed\n' "$name" "$p"
  else
    printf '  FAIL  %-28s %5d passed, %d failed (log: %s)\n' "$name" "$p" "$f" "$log"
    grep -aE 'FAIL|error|Error|failed' "$log" | head -40 | sed 's/^/        /'
  fi
}

echo "== gcc build (build/)"
step build-gcc configure_build "$ROOT/build" gcc -DCMAKE_BUILD_TYPE=RelWithDebInfo
step tests-gcc ctest --test-dir "$ROOT/build" -V --timeout 600

echo "== clang build with ASan + UBSan (build/clang-asan/)"
step build-clang-asan configure_build "$ROOT/build/clang-asan" clang -DCMAKE_BUILD_TYPE=Debug -DOSFN_SANITIZE=ON
step tests-clang-asan ctest --test-dir "$ROOT/build/clang-asan" -V --timeout 600

echo "== libFuzzer harnesses, 10 s each from the committed seeds (build/fuzz-short/)"
step fuzz-short env FUZZ_OUT="$ROOT/build/fuzz-short" "$ROOT/scripts/fuzz.sh" 10

echo "== mbedTLS 3.6 from Debian trixie's source (build/mbedtls36/)"
step mbedtls36 "$ROOT/scripts/mbedtls36.sh"

echo "== Kconfig: alldefconfig and a minimal config (tests/kconfig/)"
step kconfig "$ROOT/tests/kconfig/check_kconfig.sh" "$ROOT/build/kconfig"

echo "== packaging: cmake --install, find_package, pkg-config, add_subdirectory"
step packaging "$ROOT/tests/packaging/test_packaging.sh" "$ROOT/build/packaging"

echo "== unit tests on Cortex-M3 under QEMU (build/target-m3/)"
step qemu-cortex-m3 "$ROOT/scripts/qemu-test.sh"

echo "== unit tests inside FreeRTOS on QEMU mps2-an385, examples/freertos (build/freertos/)"
step freertos "$ROOT/tests/freertos/run_freertos_tests.sh"

echo "== unit tests inside Zephyr 2.7 on QEMU; both calls from Zephyr's TCP/IP stack over TAP (build/zephyr-*/)"
step zephyr "$ROOT/tests/zephyr/run_zephyr_tests.sh"

echo "== MISRA C:2012 (cppcheck), API reference (Doxygen, warnings are errors), Frama-C (quick bounds)"
step misra "$ROOT/scripts/misra.sh"
step docs "$ROOT/scripts/docs.sh"
step prove "$ROOT/scripts/prove.sh" --quick

echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
