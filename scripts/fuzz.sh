#!/usr/bin/env bash
# Build the libFuzzer harnesses (tests/fuzz) with clang + ASan + UBSan and run each for
# SECONDS (default 60). Per harness it prints execs, exec/s, coverage (cov/ft), corpus
# size and crashes; the last line is "N passed, N failed" (one per harness); exits
# non-zero on any crash, leak, timeout or invariant failure.
#
# Usage: scripts/fuzz.sh [SECONDS] [HARNESS...]     (harnesses: http result path)
# Environment:
#   FUZZ_JOBS=1|2   parallel fuzzing processes per harness (libFuzzer -fork; at most 2)
#   FUZZ_OUT=DIR    work directory (default build/fuzz): DIR/corpus/<h> grows across runs,
#                   DIR/crashes/<h>/ keeps crash inputs, DIR/logs/<h>.log the full output
# The committed seeds (tests/fuzz/corpus/<h>) are read, never written.
# Reproduce a crash: build/fuzz/fuzz_<h> build/fuzz/crashes/<h>/crash-...
set -uo pipefail
source "$(dirname "$0")/common.sh"

SECONDS_EACH=${1:-60}
shift || true
HARNESSES=("$@")
[ ${#HARNESSES[@]} -eq 0 ] && HARNESSES=(http result path)
JOBS=${FUZZ_JOBS:-1}
[ "$JOBS" -gt 2 ] && JOBS=2
[ "$JOBS" -lt 1 ] && JOBS=1
OUT=${FUZZ_OUT:-$ROOT/build/fuzz}
mkdir -p "$OUT" && OUT=$(cd "$OUT" && pwd)
if ! [[ "$SECONDS_EACH" =~ ^[0-9]+$ ]] || [ "$SECONDS_EACH" -lt 1 ]; then
  echo "usage: scripts/fuzz.sh [SECONDS] [http|result|path ...]" >&2
  exit 2
fi

# clang's libFuzzer runtime comes with libclang-rt-<major>-dev on Debian.
"$ROOT/scripts/deps.sh" clang cmake make libmbedtls-dev libjsmn-dev || exit 1
CLANG_MAJOR=$(clang -dumpversion | cut -d. -f1)
"$ROOT/scripts/deps.sh" "libclang-rt-$CLANG_MAJOR-dev" || exit 1

mkdir -p "$OUT/logs"
if ! { CC=clang cmake -S "$ROOT/tests/fuzz" -B "$OUT" -DCMAKE_BUILD_TYPE=RelWithDebInfo &&
       cmake --build "$OUT" -j "$(nproc)"; } >"$OUT/logs/build.log" 2>&1; then
  cat "$OUT/logs/build.log" >&2
  echo "fuzz: build failed" >&2
  echo "0 passed, ${#HARNESSES[@]} failed"
  exit 1
fi

declare -A MAX_LEN=([http]=8192 [result]=8192 [path]=16384)
pass=0
fail=0
for h in "${HARNESSES[@]}"; do
  bin="$OUT/fuzz_$h"
  if [ ! -x "$bin" ]; then
    echo "fuzz_$h: no such harness"
    fail=$((fail + 1))
    continue
  fi
  corpus="$OUT/corpus/$h"
  crashes="$OUT/crashes/$h"
  log="$OUT/logs/$h.log"
  mkdir -p "$corpus" "$crashes"
  before=$(find "$crashes" -type f | wc -l)
  args=(-max_total_time="$SECONDS_EACH" -max_len="${MAX_LEN[$h]:-8192}" -timeout=10 -rss_limit_mb=2048
        -print_final_stats=1 -artifact_prefix="$crashes/" -dict="$ROOT/tests/fuzz/dict/$h.dict")
  [ "$JOBS" -gt 1 ] && args+=(-fork="$JOBS" -ignore_crashes=0)
  start=$(date +%s)
  (cd "$OUT" && "$bin" "${args[@]}" "$corpus" "$ROOT/tests/fuzz/corpus/$h") >"$log" 2>&1
  rc=$?
  took=$(( $(date +%s) - start ))
  after=$(find "$crashes" -type f | wc -l)
  new_crashes=$((after - before))
  # figures: final stats when printed, else the last status line
  execs=$(grep -aoE 'stat::number_of_executed_units: [0-9]+' "$log" | tail -1 | awk '{print $2}')
  rate=$(grep -aoE 'stat::average_exec_per_sec: [0-9]+' "$log" | tail -1 | awk '{print $2}')
  last=$(grep -aE '^#[0-9]+' "$log" | tail -1)
  [ -z "$execs" ] && execs=$(sed -nE 's/^#([0-9]+).*/\1/p' <<<"$last")
  [ -z "$rate" ] && rate=$(sed -nE 's/.*exec\/s: ([0-9]+).*/\1/p' <<<"$last")
  cov=$(sed -nE 's/.*cov: ([0-9]+).*/\1/p' <<<"$last")
  ft=$(sed -nE 's/.*ft: ([0-9]+).*/\1/p' <<<"$last")
  files=$(find "$corpus" -type f | wc -l)
  crashed=$new_crashes
  if [ $rc -ne 0 ] && [ "$crashed" -eq 0 ]; then crashed=1; fi
  printf 'fuzz_%-7s %4ss  execs %-10s exec/s %-7s cov %-6s ft %-7s corpus %-6s crashes %s\n' \
    "$h" "$took" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "$files" "$crashed"
  if [ "$crashed" -eq 0 ]; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "  FAIL fuzz_$h (exit $rc; log $log; inputs in $crashes/)"
    grep -aE 'ERROR: |invariant failed|SUMMARY' "$log" | head -5 | sed 's/^/    /'
  fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
