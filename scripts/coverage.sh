#!/usr/bin/env bash
# Line and branch coverage of lib/ (gcc --coverage + gcovr).
#
# Builds everything in build/coverage with gcc --coverage -O0, runs the tests through
# ctest (unit, no_malloc, cli; and, unless --unit-only, every other ctest test but the
# emulator's Python self-test: e2e, cli_e2e, lwip, ...), then reports with gcovr over lib/ only: line and branch coverage per file and
# in total, and every line or branch left uncovered (file:line). Exits non-zero when a
# test fails or lib/ as a whole is below 95 % of lines or 90 % of branches.
#
# Usage: scripts/coverage.sh [--unit-only]
# Output: the table on stdout; build/coverage/coverage.txt (same), build/coverage/html/
#         (annotated sources), build/coverage/summary.json (gcovr --json-summary).
# gcovr options: --exclude-unreachable-branches (drops branches gcc emits on lines
# holding no code of their own); --exclude-throw-branches is passed too but changes
# nothing for C (no exceptions). No source carries exclusion markers.
set -uo pipefail
source "$(dirname "$0")/common.sh"

UNIT_ONLY=0
[ "${1:-}" = "--unit-only" ] && UNIT_ONLY=1
LINE_MIN=95
BRANCH_MIN=90
OUT="$ROOT/build/coverage"

"$ROOT/scripts/deps.sh" "${BASE_PKGS[@]}" gcovr || exit 1

rm -rf "$OUT"
mkdir -p "$OUT"
echo "coverage: building in $OUT (gcc --coverage -O0)"
configure_build "$OUT" gcc -DCMAKE_BUILD_TYPE=Debug \
  "-DCMAKE_C_FLAGS=--coverage -O0 -fprofile-update=atomic" \
  -DCMAKE_EXE_LINKER_FLAGS=--coverage || exit 1

echo "coverage: running the tests"
if [ $UNIT_ONLY -eq 1 ]; then
  ctest --test-dir "$OUT" --output-on-failure -R '^(unit|no_malloc|cli)$' >"$OUT/ctest.log" 2>&1
else
  # every ctest test that runs lib/ code (the emulator's own Python self-test does not)
  ctest --test-dir "$OUT" --output-on-failure --timeout 600 -E '^emulator_selftest$' >"$OUT/ctest.log" 2>&1
fi
test_rc=$?
grep -E 'tests passed|tests failed|\*\*\*Failed|Passed|Failed' "$OUT/ctest.log" | sed 's/^/  /'

GCOVR_OPTS=(-r "$ROOT" --filter "$ROOT/lib/" --object-directory "$OUT"
            --exclude-unreachable-branches --exclude-throw-branches)
mkdir -p "$OUT/html"
gcovr "${GCOVR_OPTS[@]}" --json "$OUT/coverage.json" --json-summary-pretty \
  --json-summary "$OUT/summary.json" --html-details "$OUT/html/index.html" "$OUT" \
  >"$OUT/gcovr.log" 2>&1 || { cat "$OUT/gcovr.log" >&2; exit 1; }

python3 - "$OUT/summary.json" "$OUT/coverage.json" "$LINE_MIN" "$BRANCH_MIN" <<'PY' | tee "$OUT/coverage.txt"
import json, sys
summary, detail, line_min, branch_min = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
s = json.load(open(summary))
def pct(c, t):
    return 100.0 * c / t if t else 100.0
print("%-28s %15s %8s %15s %8s" % ("file", "lines", "%", "branches", "%"))
for f in sorted(s["files"], key=lambda f: f["filename"]):
    print("%-28s %7d / %5d %7.1f %7d / %5d %7.1f" % (
        f["filename"], f["line_covered"], f["line_total"], pct(f["line_covered"], f["line_total"]),
        f["branch_covered"], f["branch_total"], pct(f["branch_covered"], f["branch_total"])))
lc, lt, bc, bt = s["line_covered"], s["line_total"], s["branch_covered"], s["branch_total"]
lp, bp = pct(lc, lt), pct(bc, bt)
print("%-28s %7d / %5d %7.1f %7d / %5d %7.1f" % ("TOTAL lib/", lc, lt, lp, bc, bt, bp))
# every uncovered line and branch, for docs/coverage.md
d = json.load(open(detail))
gaps = []
for f in sorted(d["files"], key=lambda f: f["file"]):
    for ln in f["lines"]:
        if ln.get("gcovr/noncode"):
            continue
        if ln["count"] == 0:
            gaps.append("%s:%d: line not run" % (f["file"], ln["line_number"]))
        missed = [i for i, b in enumerate(ln.get("branches", [])) if b["count"] == 0]
        if missed and ln["count"] > 0:
            gaps.append("%s:%d: branch %s of %d not taken" % (
                f["file"], ln["line_number"], ",".join(str(i) for i in missed), len(ln["branches"])))
print("uncovered (%d):" % len(gaps))
for g in gaps:
    print("  " + g)
ok = lp >= line_min and bp >= branch_min
print("coverage: lines %.1f %% (min %.0f), branches %.1f %% (min %.0f): %s" % (
    lp, line_min, bp, branch_min, "ok" if ok else "BELOW THRESHOLD"))
sys.exit(0 if ok else 3)
PY
cov_rc=${PIPESTATUS[0]}
if [ $test_rc -ne 0 ]; then
  echo "coverage: some tests failed (log: $OUT/ctest.log)"
  echo "0 passed, 1 failed"
  exit 1
fi
if [ "$cov_rc" -ne 0 ]; then
  echo "0 passed, 1 failed"
  exit 1
fi
echo "1 passed, 0 failed"
