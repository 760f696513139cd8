#!/usr/bin/env bash
# API reference: Doxygen over the public headers, every warning an error.
#   lib/include/osfn/*.h  the library (every public symbol, parameter and return documented);
#   port/*/*.h            every port's header, to the same standard.
# HTML goes to build/docs/html (open build/docs/html/index.html); warnings to
# build/docs/warnings.log. Exit status non-zero on any warning.
# Usage: scripts/docs.sh
set -uo pipefail
source "$(dirname "$0")/common.sh"
"$ROOT/scripts/deps.sh" doxygen || exit 2

PORT_HEADERS=()
for h in "$ROOT"/port/*/*.h; do PORT_HEADERS+=("${h#"$ROOT"/}"); done

OUT="$ROOT/build/docs"
rm -rf "$OUT/html"
mkdir -p "$OUT"
cd "$ROOT" || exit 2
version=$(sed -n 's/^#define OSFN_VERSION_STRING "\(.*\)"/\1/p' lib/include/osfn/osfn_config_defaults.h)
t0=$(date +%s)
OSFN_VERSION="$version" OSFN_DOCS_OUT="$OUT" OSFN_PORT_HEADERS="${PORT_HEADERS[*]}" \
  doxygen docs/Doxyfile >"$OUT/doxygen.log" 2>&1
rc=$?
t=$(( $(date +%s) - t0 ))
nwarn=$(grep -c . "$OUT/warnings.log" 2>/dev/null)
nwarn=${nwarn:-0}
headers=$(( $(ls lib/include/osfn/*.h | wc -l) + ${#PORT_HEADERS[@]} ))
if [ $rc -eq 0 ] && [ "$nwarn" -eq 0 ]; then
  echo "docs: $headers headers, 0 warnings, HTML in build/docs/html (${t}s)"
  exit 0
fi
echo "docs: $headers headers, $nwarn warning(s) (doxygen exit $rc, ${t}s):"
sed "s|$ROOT/||" "$OUT/warnings.log" | head -60 | sed 's/^/  /'
exit 1
