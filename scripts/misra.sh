#!/usr/bin/env bash
# MISRA C:2012 check with cppcheck's MISRA addon (Debian `cppcheck`; no rule texts are
# shipped, so rules show as numbers).
#
#   lib/   must have no violation except the documented deviations of
#          docs/misra-suppressions.txt (explained in docs/MISRA.md): the script fails
#          on any other one.
#   port/  figures are printed for information only.
#
# Prints, for lib/ and for port/, the count per rule; for lib/ also which of them are
# deviations. Raw reports: build/misra/{lib,port}.txt.
# Usage: scripts/misra.sh [--verbose]   (--verbose lists every lib/ violation)
set -uo pipefail
source "$(dirname "$0")/common.sh"
"$ROOT/scripts/deps.sh" cppcheck || exit 2

VERBOSE=0
[ "${1:-}" = "--verbose" ] && VERBOSE=1
OUT="$ROOT/build/misra"
SUPP="$ROOT/docs/misra-suppressions.txt"
mkdir -p "$OUT"
cd "$ROOT" || exit 2

# One configuration (the default build: every OSFN_* at its default), C99, a 64-bit
# host's type sizes; system headers (jsmn, mbedTLS, libc) are not analysed.
CPPCHECK=(cppcheck --addon=misra --std=c99 --language=c --platform=unix64 --max-configs=1
          -j "$(nproc)" --suppress=missingIncludeSystem --inline-suppr -q
          --template='{file}:{line}:{id}')

t0=$(date +%s)
"${CPPCHECK[@]}" -I lib/include -I lib/src lib/src lib/include 2>"$OUT/lib.txt"
"${CPPCHECK[@]}" -I lib/include $(for d in port/*/; do printf -- '-I %s ' "$d"; done) port \
  2>"$OUT/port.txt"
t=$(( $(date +%s) - t0 ))

# A cppcheck error (not a rule) is a failure of the check itself.
if grep -vE ':misra-c2012-[0-9.]+$|^nofile:0:toomanyconfigs$' "$OUT/lib.txt" | grep -q .; then
  echo "misra: cppcheck reported errors:" >&2
  grep -vE ':misra-c2012-[0-9.]+$' "$OUT/lib.txt" | head -20 >&2
  exit 2
fi

# Classify lib/ findings: deviated (matches RULE or RULE:PATH-PREFIX of the list) or not.
awk -F: -v supp="$SUPP" '
  BEGIN {
    while ((getline line < supp) > 0) {
      sub(/#.*/, "", line); gsub(/[ \t]/, "", line)
      if (line == "") continue
      n++; srule[n] = line; spath[n] = ""
      if (index(line, ":") > 0) { srule[n] = substr(line, 1, index(line, ":") - 1)
                                  spath[n] = substr(line, index(line, ":") + 1) }
    }
  }
  $3 ~ /^misra-c2012-/ {
    dev = 0
    for (i = 1; i <= n; i++)
      if ($3 == srule[i] && (spath[i] == "" || index($1, spath[i]) == 1)) { dev = 1; break }
    print (dev ? "deviation" : "violation") "\t" $3 "\t" $1 ":" $2
  }' "$OUT/lib.txt" >"$OUT/lib-classified.txt"

rule_of() { sed -E 's/misra-c2012-//'; }
echo "== lib/ (MISRA C:2012, cppcheck $(cppcheck --version | awk '{print $2}'))"
printf '  %-8s %10s %12s\n' rule violations deviations
cut -f2 "$OUT/lib-classified.txt" | sort -u | rule_of | sort -t. -k1,1n -k2,2n | while read -r r; do
  v=$(awk -F'\t' -v r="misra-c2012-$r" '$1 == "violation" && $2 == r' "$OUT/lib-classified.txt" | wc -l)
  d=$(awk -F'\t' -v r="misra-c2012-$r" '$1 == "deviation" && $2 == r' "$OUT/lib-classified.txt" | wc -l)
  printf '  %-8s %10d %12d\n' "$r" "$v" "$d"
done
nviol=$(grep -c '^violation' "$OUT/lib-classified.txt")
ndev=$(grep -c '^deviation' "$OUT/lib-classified.txt")
echo "  lib/: $nviol violation(s) outside the deviations, $ndev deviated finding(s) (docs/MISRA.md)"
if [ "$nviol" -gt 0 ]; then
  echo "  not deviated:"
  grep '^violation' "$OUT/lib-classified.txt" | awk -F'\t' '{print "    " $3 " " $2}' |
    { if [ $VERBOSE -eq 1 ]; then cat; else head -40; fi; }
fi

echo "== port/ (information only)"
grep -oE 'misra-c2012-[0-9.]+$' "$OUT/port.txt" | rule_of | sort | uniq -c |
  sort -t. -k1,1n | awk '{printf "  %-8s %10d\n", $2, $1}' | sort -t. -k1,1n -k2,2n
for d in port/*/; do
  c=$(grep -c "^${d}" "$OUT/port.txt")
  printf '  %-16s %5d findings\n' "$d" "$c"
done
echo "  port/: $(grep -cE 'misra-c2012-' "$OUT/port.txt") finding(s)"
echo "misra: ${t}s"
[ "$nviol" -eq 0 ]
