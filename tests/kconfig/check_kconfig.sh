#!/usr/bin/env bash
# Check the Kconfig: it parses cleanly with kconfiglib (python3-kconfiglib), every symbol
# reaches the code through lib/include/osfn/osfn_config_defaults.h, and the library
# builds with alldefconfig and with a minimal configuration (ROA and the watch helper
# off, small buffers), each turned into a header of `#define CONFIG_OSFN_...` lines by
# kconfiglib's genconfig and given to the build as OSFN_CONFIG_FILE. The minimal build
# must really leave ROA out (symbols, and a ROA request is refused with
# OSFN_ERR_BAD_CONFIG). Ends with "N passed, N failed"; exits non-zero on a failure.
# Usage: check_kconfig.sh [OUT_DIR]   (default: build/kconfig)
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$ROOT/tests/kconfig"
OUT=${1:-$ROOT/build/kconfig}
KCONFIG="$HERE/Kconfig.standalone"
pass=0
fail=0

ok() { echo "ok    $*"; pass=$((pass + 1)); }
bad() { echo "FAIL  $*"; fail=$((fail + 1)); }
finish() { echo "$pass passed, $fail failed"; [ "$fail" -eq 0 ]; exit $?; }

# kconfiglib is a Debian module (no console scripts): find a python3 that imports it.
PY=
for p in python3 /usr/bin/python3; do
  if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import kconfiglib' 2>/dev/null; then PY=$p; break; fi
done
if [ -z "$PY" ]; then
  bad "python3-kconfiglib is not installed (apt-get install python3-kconfiglib)"
  finish
fi
rm -rf "$OUT"
mkdir -p "$OUT"
cd "$OUT" || exit 1

# ---- 1. the Kconfig itself -------------------------------------------------------
if "$PY" - "$KCONFIG" "$ROOT/Kconfig" "$ROOT/lib/include/osfn/osfn_config_defaults.h" >"$OUT/lint.log" 2>&1 <<'PYEOF'
import re, sys, kconfiglib
standalone, module, defaults = sys.argv[1:4]
kconf = kconfiglib.Kconfig(standalone, warn_to_stderr=False)
problems = list(kconf.warnings)
text = open(module).read()
if re.search(r'^\s*mainmenu\b', text, re.M):
    problems.append("the module Kconfig has a mainmenu (Zephyr/ESP-IDF source it)")
names = {s.name for s in kconf.unique_defined_syms}
for n in sorted(names):
    if not n.startswith("OSFN"):
        problems.append("symbol without the OSFN prefix: " + n)
header = open(defaults).read()
mapped = set(re.findall(r'\bCONFIG_(OSFN_[A-Z0-9_]+)', header))
# OSFN is the menu itself; the V3 choice member is the complement of OSFN_DEFAULT_SIG_ROA.
for n in sorted(names - mapped - {"OSFN", "OSFN_DEFAULT_SIG_V3"}):
    problems.append("Kconfig symbol not mapped in osfn_config_defaults.h: CONFIG_" + n)
for n in sorted(mapped - names):
    problems.append("osfn_config_defaults.h reads CONFIG_%s, which the Kconfig does not define" % n)
for p in problems:
    print(p)
print("%d symbols, %d mapped" % (len(names), len(mapped & names)))
sys.exit(1 if problems else 0)
PYEOF
then
  ok "Kconfig parses without warnings, no mainmenu, every symbol mapped ($(tail -1 "$OUT/lint.log"))"
else
  bad "Kconfig lint:"; sed 's/^/        /' "$OUT/lint.log"
fi

# ---- 2. configurations -> headers --------------------------------------------------
# make_config NAME (alldef | defconfig FILE): writes $OUT/NAME/.config and osfn_kconfig.h
make_config() {
  local kind=$2 dir="$OUT/$1"
  mkdir -p "$dir"
  ( cd "$dir" &&
    if [ "$kind" = alldef ]; then
      KCONFIG_CONFIG=.config "$PY" -m alldefconfig "$KCONFIG"
    else
      KCONFIG_CONFIG=.config "$PY" -m defconfig --kconfig "$KCONFIG" "$3"
    fi &&
    KCONFIG_CONFIG=.config "$PY" -m genconfig --header-path osfn_kconfig.h "$KCONFIG" ) >"$dir/kconfig.log" 2>&1
}
printf 'CONFIG_OSFN=y\nCONFIG_OSFN_DEFAULT_SIG_ROA=y\n' >"$OUT/sigroa.defconfig"
printf 'CONFIG_OSFN=y\n# CONFIG_OSFN_ENABLE_ROA is not set\nCONFIG_OSFN_DEFAULT_SIG_ROA=y\n' >"$OUT/conflict.defconfig"
for c in alldef minimal sigroa conflict; do
  case $c in
    alldef) args=(alldef alldef) ;;
    minimal) args=(minimal defconfig "$HERE/minimal.defconfig") ;;
    *) args=("$c" defconfig "$OUT/$c.defconfig") ;;
  esac
  if make_config "${args[@]}" && [ -s "$OUT/$c/osfn_kconfig.h" ]; then
    ok "config $c: .config and osfn_kconfig.h ($(grep -c '^#define' "$OUT/$c/osfn_kconfig.h") defines)"
  else
    bad "config $c:"; sed 's/^/        /' "$OUT/$c/kconfig.log"
  fi
done
# ROA as the default scheme depends on ROA being built: Kconfig must fall back to V3.
if grep -q '^#define CONFIG_OSFN_DEFAULT_SIG_V3 1' "$OUT/conflict/osfn_kconfig.h" 2>/dev/null &&
   ! grep -q 'CONFIG_OSFN_DEFAULT_SIG_ROA' "$OUT/conflict/osfn_kconfig.h"; then
  ok "ROA off + default scheme ROA: Kconfig falls back to V3"
else
  bad "ROA off + default scheme ROA was not refused by the Kconfig"
fi

# ---- 3. build the library and the probe with each header -----------------------------
WARN=(-std=c99 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes)
# build_lib CONFIG CC OPT: $OUT/CONFIG/CC-OPT/libosfn.a and the probe beside it
build_lib() {
  local cfg=$1 cc=$2 opt=$3 dir="$OUT/$1/$2$3" f
  local defs=(-DOSFN_CONFIG_FILE="\"$OUT/$cfg/osfn_kconfig.h\"")
  mkdir -p "$dir"
  {
    for f in "$ROOT"/lib/src/*.c; do
      "$cc" "${WARN[@]}" "$opt" "${defs[@]}" -I"$ROOT/lib/include" -I"$ROOT/lib/src" \
        -c "$f" -o "$dir/$(basename "${f%.c}").o" || return 1
    done
    ar rcs "$dir/libosfn.a" "$dir"/*.o &&
    "$cc" "${WARN[@]}" "$opt" "${defs[@]}" -I"$ROOT/lib/include" "$HERE/kconfig_probe.c" \
      "$dir/libosfn.a" -lmbedcrypto -o "$dir/probe"
  } >"$dir/build.log" 2>&1
}
CCS=(gcc)
command -v clang >/dev/null 2>&1 && CCS+=(clang)
for cfg in alldef minimal sigroa; do
  for cc in "${CCS[@]}"; do
    for opt in -Os -O0; do
      if build_lib "$cfg" "$cc" "$opt"; then
        ok "build $cfg with $cc $opt (-Werror)"
      else
        bad "build $cfg with $cc $opt:"; head -30 "$OUT/$cfg/$cc$opt/build.log" | sed 's/^/        /'
      fi
    done
  done
done

# ---- 4. the values reach the code -----------------------------------------------------
# check_probe CONFIG: every OSFN_* the probe prints equals the .config's value
check_probe() {
  local cfg=$1 dir="$OUT/$1/gcc-Os"
  "$dir/probe" >"$dir/probe.out" 2>&1 || return 1
  "$PY" - "$OUT/$cfg/.config" "$dir/probe.out" <<'PYEOF'
import re, sys
conf = {}
for line in open(sys.argv[1]):
    m = re.match(r'^CONFIG_(\w+)=(.*)$', line.strip())
    if m:
        v = m.group(2)
        conf[m.group(1)] = "1" if v == "y" else (v[1:-1] if v.startswith('"') else v)
    m = re.match(r'^# CONFIG_(\w+) is not set$', line.strip())
    if m:
        conf[m.group(1)] = "0"
bad = 0
seen = 0
for line in open(sys.argv[2]):
    name, _, value = line.rstrip("\n").partition("=")
    if not name.startswith("OSFN_"):
        continue
    seen += 1
    want = conf.get(name, "0")
    if value != want:
        print("%s: code has %s, .config %s" % (name, value, want))
        bad = 1
for name in conf:
    if name.startswith("OSFN_") and name not in ("OSFN_DEFAULT_SIG_V3",) and \
       not any(l.startswith(name + "=") for l in open(sys.argv[2])):
        print("%s: in .config, not shown by the probe" % name)
        bad = 1
print("%d values compared" % seen)
sys.exit(bad)
PYEOF
}
for cfg in alldef minimal sigroa; do
  if [ -x "$OUT/$cfg/gcc-Os/probe" ] && check_probe "$cfg" >"$OUT/$cfg/compare.log" 2>&1; then
    ok "config $cfg: every OSFN_* value in the code matches .config ($(tail -1 "$OUT/$cfg/compare.log"))"
  else
    bad "config $cfg: values differ:"; sed 's/^/        /' "$OUT/$cfg/compare.log" 2>/dev/null
  fi
done

# ---- 5. ROA and the watch helper really compiled out ------------------------------------
probe_line() { grep "^$2=" "$OUT/$1/gcc-Os/probe.out" 2>/dev/null | cut -d= -f2; }
if [ "$(probe_line alldef request.roa)" = OSFN_OK ] && [ "$(probe_line alldef request.v3)" = OSFN_OK ]; then
  ok "alldefconfig: ROA and V3 requests build"
else
  bad "alldefconfig: ROA/V3 request: $(probe_line alldef request.roa)/$(probe_line alldef request.v3)"
fi
if [ "$(probe_line minimal request.roa)" = OSFN_ERR_BAD_CONFIG ] && [ "$(probe_line minimal request.v3)" = OSFN_OK ]; then
  ok "minimal: a ROA request is refused (OSFN_ERR_BAD_CONFIG), V3 builds"
else
  bad "minimal: ROA/V3 request: $(probe_line minimal request.roa)/$(probe_line minimal request.v3)"
fi

if [ "$(probe_line alldef strerror.timeout)" = "deadline passed" ] &&
   [ "$(probe_line minimal strerror.timeout)" = OSFN_ERR_TIMEOUT ]; then
  ok "minimal: osfn_strerror() gives the enum name (descriptions compiled out; alldefconfig: the text)"
else
  bad "strerror: alldefconfig '$(probe_line alldef strerror.timeout)', minimal '$(probe_line minimal strerror.timeout)'"
fi
if strings "$OUT/alldef/gcc-Os/libosfn.a" | grep -q 'deadline passed' &&
   ! strings "$OUT/minimal/gcc-Os/libosfn.a" | grep -q 'deadline passed'; then
  ok "minimal: the status descriptions are not in libosfn.a"
else
  bad "minimal: status descriptions still in libosfn.a (or missing from alldefconfig)"
fi

# nm_has CONFIG PATTERN: the -O0 library (nothing inlined) has a symbol matching PATTERN
nm_has() { nm "$OUT/$1/gcc-O0/libosfn.a" 2>/dev/null | grep -Eq "$2"; }
ROA_SYMS=' [tT] (sign_roa|collect_roa|base64_encode)$'
if nm_has alldef "$ROA_SYMS" && ! nm_has minimal "$ROA_SYMS"; then
  ok "minimal: the ROA signer is not in libosfn.a (sign_roa, collect_roa, base64_encode; present with alldefconfig)"
else
  bad "minimal: ROA signer symbols still present (or missing from alldefconfig)"
fi
# The guards in lib/src/osfn_watch.c and lib/src/osfn_crypto.c leave these out.
if nm_has alldef ' T osfn_watch$' && ! nm_has minimal ' T osfn_watch$'; then
  ok "minimal: osfn_watch is not in libosfn.a"
else
  bad "minimal: osfn_watch still in libosfn.a (or missing from alldefconfig)"
fi
if nm_has alldef ' U mbedtls_sha1_' && ! nm_has minimal 'mbedtls_sha1_'; then
  ok "minimal: no mbedtls_sha1_* reference (mbedTLS may be built without MBEDTLS_SHA1_C)"
else
  bad "minimal: libosfn.a still references mbedtls_sha1_*"
fi

# ---- 6. figures -------------------------------------------------------------------------
for cfg in alldef minimal; do
  for cc in "${CCS[@]}"; do
    [ -f "$OUT/$cfg/$cc-Os/libosfn.a" ] || continue
    read -r text data bss < <(size -t "$OUT/$cfg/$cc-Os/libosfn.a" | awk 'END {print $1, $2, $3}')
    printf 'size  %-8s %-6s -Os: text %6s B, data %s B, bss %s B (libosfn.a)\n' "$cfg" "$cc" "$text" "$data" "$bss"
  done
done
finish
