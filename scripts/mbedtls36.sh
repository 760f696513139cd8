#!/usr/bin/env bash
# mbedTLS 3.6 support check: fetch Debian trixie's mbedTLS source (apt-get source, deb-src
# only: no trixie binary package becomes installable), build it on the host into
# build/mbedtls-3.6/, configure osfn against it in build/mbedtls36/, check that the
# include and library paths really are 3.6 (not Debian's 2.28 in /usr), then build and run
# the unit, CLI, no-malloc and end-to-end tests (TLS 1.3 with the emulator; the e2e test
# test_idle_close_reconnects_with_resumption checks TLS session resumption).
# Every step is cached: the source in build/src/, the install in build/mbedtls-3.6/.
# Needs root only to add the deb-src entry and fetch the source (else prints the commands
# and exits 1). Exits non-zero when any check or test fails.
# Usage: scripts/mbedtls36.sh [--clean]   (--clean removes the 3.6 build and install first)
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "$0")/common.sh"

SRC_ROOT="$ROOT/build/src"
PREFIX="$ROOT/build/mbedtls-3.6"
MBED_BUILD="$ROOT/build/mbedtls-3.6-build"
OSFN_BUILD="$ROOT/build/mbedtls36"
SOURCES_FILE=/etc/apt/sources.list.d/osfn-trixie-src.sources
JOBS=$(nproc)
t_start=$(date +%s)

if [ "${1:-}" = "--clean" ]; then
  rm -rf "$PREFIX" "$MBED_BUILD" "$OSFN_BUILD"
fi

say() { printf '== %s\n' "$*"; }
die() { printf 'mbedtls36: %s\n' "$*" >&2; exit 1; }

"$ROOT/scripts/deps.sh" "${BASE_PKGS[@]}" dpkg-dev || exit 1

# ---- 1. source ---------------------------------------------------------------------
find_src() {
  [ -d "$SRC_ROOT" ] || return 0
  find "$SRC_ROOT/" -mindepth 1 -maxdepth 1 -type d -name 'mbedtls-3.6*' | sort -V | tail -1
}
SRC=$(find_src)
if [ -n "$SRC" ] && [ ! -f "$SRC/library/ssl_tls.c" ]; then  # an interrupted unpack
  rm -rf "$SRC"
  SRC=""
fi
if [ -z "$SRC" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    cat >&2 <<MSG
mbedtls36: fetching Debian trixie's mbedTLS source needs root; run as root:
  printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: trixie\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' > $SOURCES_FILE
  apt-get update && mkdir -p $SRC_ROOT && cd $SRC_ROOT && apt-get source mbedtls/trixie
MSG
    exit 1
  fi
  if [ ! -f "$SOURCES_FILE" ]; then
    say "adding $SOURCES_FILE (deb-src only)"
    cat >"$SOURCES_FILE" <<'SRCS'
# Added by osfn scripts/mbedtls36.sh: Debian trixie *source* packages only (apt-get source
# mbedtls/trixie). Types is deb-src alone, so no trixie binary package index is fetched
# and nothing from trixie can be installed by apt-get install.
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRCS
  fi
  say "apt-get update"
  export DEBIAN_FRONTEND=noninteractive
  for attempt in 1 2 3 4 5 6; do  # another apt run (a colleague's script) may hold the lock
    apt-get update -qq -o Acquire::Retries=2 && break
    [ "$attempt" -eq 6 ] && die "apt-get update failed"
    say "apt-get update failed (lock held?); retrying in 5 s"
    sleep 5
  done
  # deb-src alone: trixie must not show up as a binary candidate.
  if apt-cache policy libmbedtls-dev libc6 | grep -q 'trixie'; then
    die "trixie binary packages are visible to apt; check /etc/apt/sources.list.d/"
  fi
  say "apt-get source mbedtls/trixie into $SRC_ROOT"
  mkdir -p "$SRC_ROOT"
  (cd "$SRC_ROOT" && apt-get source -qq mbedtls/trixie >"$SRC_ROOT/apt-get-source.log" 2>&1) ||
    { cat "$SRC_ROOT/apt-get-source.log" >&2; die "apt-get source failed"; }
  SRC=$(find_src)
  [ -n "$SRC" ] || die "no mbedtls-3.6* directory in $SRC_ROOT after apt-get source"
fi
say "source: $SRC"

# ---- 2. build and install mbedTLS 3.6 (static libraries) ------------------------------
# The same configuration as Debian's libmbedtls-dev (debian/rules): deprecation warnings
# on (so osfn's -Werror build proves it uses no deprecated API), threading, CMAC, SRTP;
# plus the buffer allocator (MEMORY_BUFFER_ALLOC_C, PLATFORM_MEMORY, and MEMORY_DEBUG for
# its peak/current counters), so that the e2e
# suites tls_pool/tls_pool_small can test osfn_tls_use_static_pool() (nothing else
# changes: mbedTLS keeps calloc/free until that function is called).
MBED_OPTS="MBEDTLS_DEPRECATED_WARNING MBEDTLS_THREADING_C MBEDTLS_THREADING_PTHREAD MBEDTLS_CMAC_C"
MBED_OPTS="$MBED_OPTS MBEDTLS_SSL_DTLS_SRTP MBEDTLS_MEMORY_BUFFER_ALLOC_C MBEDTLS_PLATFORM_MEMORY"
MBED_OPTS="$MBED_OPTS MBEDTLS_MEMORY_DEBUG"
STAMP="$PREFIX/osfn-mbedtls-options"
if [ ! -f "$PREFIX/include/mbedtls/build_info.h" ] || [ ! -f "$PREFIX/lib/libmbedcrypto.a" ] ||
   [ "$(cat "$STAMP" 2>/dev/null)" != "$MBED_OPTS" ]; then
  say "building mbedTLS into $PREFIX"
  rm -rf "$MBED_BUILD" "$PREFIX"
  mkdir -p "$MBED_BUILD"
  # config.py edits include/mbedtls/mbedtls_config.h in place; setting twice is harmless.
  # shellcheck disable=SC2086 # MBED_OPTS is a word list
  (cd "$SRC" && for opt in $MBED_OPTS; do
     python3 scripts/config.py set "$opt" || exit 1
   done) || die "scripts/config.py failed in $SRC"
  if ! { cmake -S "$SRC" -B "$MBED_BUILD" -DCMAKE_BUILD_TYPE=Release \
           -DCMAKE_INSTALL_PREFIX="$PREFIX" -DCMAKE_INSTALL_LIBDIR=lib \
           -DENABLE_TESTING=OFF -DENABLE_PROGRAMS=OFF -DGEN_FILES=OFF \
           -DUSE_STATIC_MBEDTLS_LIBRARY=ON -DUSE_SHARED_MBEDTLS_LIBRARY=OFF \
           -DMBEDTLS_FATAL_WARNINGS=OFF &&
         cmake --build "$MBED_BUILD" -j "$JOBS" &&
         cmake --install "$MBED_BUILD"; } >"$MBED_BUILD/build.log" 2>&1; then
    cat "$MBED_BUILD/build.log" >&2
    die "mbedTLS build failed (log: $MBED_BUILD/build.log)"
  fi
  echo "$MBED_OPTS" >"$STAMP"
else
  say "mbedTLS already installed in $PREFIX"
fi
t_mbed=$(date +%s)

# ---- 3. configure osfn against it, and prove the paths are 3.6 ------------------------
say "configuring osfn in $OSFN_BUILD with MBEDTLS_ROOT=$PREFIX"
mkdir -p "$OSFN_BUILD"
# Drop cached find results so that a build dir configured earlier cannot keep /usr paths.
if ! cmake -S "$ROOT" -B "$OSFN_BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
       -DCMAKE_EXPORT_COMPILE_COMMANDS=ON -DMBEDTLS_ROOT="$PREFIX" -DOSFN_BUILD_BENCH=ON \
       -UMBEDTLS_INCLUDE_DIR -UMBEDCRYPTO_LIBRARY -UMBEDX509_LIBRARY -UMBEDTLS_LIBRARY \
       >"$OSFN_BUILD/configure.log" 2>&1; then
  cat "$OSFN_BUILD/configure.log" >&2
  die "configure failed"
fi
cache() { sed -n "s/^$1:[A-Z]*=//p" "$OSFN_BUILD/CMakeCache.txt"; }
for v in MBEDTLS_INCLUDE_DIR MBEDCRYPTO_LIBRARY MBEDX509_LIBRARY MBEDTLS_LIBRARY; do
  val=$(cache "$v")
  case "$val" in
    "$PREFIX"/*) printf '   %-20s %s\n' "$v" "$val" ;;
    *) die "$v is '$val', not under $PREFIX (CMake found another mbedTLS)" ;;
  esac
done
# Every compile of the library and port must see the 3.6 headers first (-I, not /usr).
if ! grep -q -- "-I$PREFIX/include" "$OSFN_BUILD/compile_commands.json"; then
  die "compile_commands.json has no -I$PREFIX/include"
fi
# Compile-time and run-time version, with the include dir and library CMake picked.
VER_C="$OSFN_BUILD/mbedtls_version_check.c"
cat >"$VER_C" <<'CSRC'
#include <stdio.h>
#include <string.h>
#include <mbedtls/version.h>
int main(void)
{
    char run[18];
    mbedtls_version_get_string(run);
    printf("%s %s\n", MBEDTLS_VERSION_STRING, run);
    return (strncmp(MBEDTLS_VERSION_STRING, "3.6.", 4) == 0 && strcmp(MBEDTLS_VERSION_STRING, run) == 0) ? 0 : 1;
}
CSRC
cc -std=c99 -I"$(cache MBEDTLS_INCLUDE_DIR)" "$VER_C" "$(cache MBEDCRYPTO_LIBRARY)" \
  -o "$OSFN_BUILD/mbedtls_version_check" || die "version check did not build"
read -r ver_compile ver_run < <("$OSFN_BUILD/mbedtls_version_check" || true)
"$OSFN_BUILD/mbedtls_version_check" >/dev/null ||
  die "mbedTLS is $ver_compile (headers) / $ver_run (library), not 3.6"
say "mbedTLS $ver_compile (headers) / $ver_run (library)"

# ---- 4. build osfn and run the tests --------------------------------------------------
say "building osfn against mbedTLS $ver_run"
if ! cmake --build "$OSFN_BUILD" -j "$JOBS" >"$OSFN_BUILD/build.log" 2>&1; then
  cat "$OSFN_BUILD/build.log" >&2
  die "osfn build against mbedTLS 3.6 failed (log: $OSFN_BUILD/build.log)"
fi
# The test binaries link the 3.6 archives (static), never /usr's libmbed*.so.
for bin in osfn_unit_tests osfn_e2e_tests osfn; do
  f="$OSFN_BUILD/bin/$bin"
  [ -x "$f" ] || continue
  if ldd "$f" | grep -q 'libmbed'; then
    die "$bin links a shared libmbed* (2.28 from /usr?): $(ldd "$f" | grep libmbed)"
  fi
done
t_build=$(date +%s)

say "running tests against mbedTLS $ver_run (ctest: unit, no_malloc, cli, e2e)"
rc=0
ctest --test-dir "$OSFN_BUILD" -V --timeout 600 -E emulator_selftest \
  >"$OSFN_BUILD/ctest.log" 2>&1 || rc=$?
{ grep -aE '^ *[0-9]+/[0-9]+ Test ' "$OSFN_BUILD/ctest.log" || true; } | sed 's/^/   /'
{ grep -aE '^[0-9]+: (FAIL|  /)' "$OSFN_BUILD/ctest.log" || true; } | head -40 | sed 's/^/   /'

# TLS facts with the emulator: negotiated version, and a resumed second connection. Needs
# the benchmark programs (top-level option OSFN_BUILD_BENCH); skipped when not built.
tls_line="TLS facts not measured (build with -DOSFN_BUILD_BENCH=ON for osfn_bench_net)"
if [ -x "$OSFN_BUILD/bin/osfn_bench_net" ]; then
  EMU_DIR="$OSFN_BUILD/bench-emu"
  mkdir -p "$EMU_DIR"
  source "$ROOT/tests/e2e/emulators.sh"
  trap emu_stop_all EXIT
  # shellcheck disable=SC2154 # EMU_PORT_tls is set by emu_start
  if emu_start tls good &&
     "$OSFN_BUILD/bin/osfn_bench_net" tls-info "$EMU_PORT_tls" "$EMU_DIR/certs/ca.crt" >"$OSFN_BUILD/tls-info.txt" 2>&1; then
    declare -A T
    while IFS='=' read -r k v; do T[$k]=$v; done <"$OSFN_BUILD/tls-info.txt"
    tls_line="${T[tls_version]} ${T[ciphersuite]}; second connection: ${T[resumed]} resumed, $((T[full] - 1)) full"
    [ "${T[resumed]}" = "1" ] || { rc=1; tls_line="$tls_line (NOT RESUMED)"; }
  else
    rc=1
    tls_line="TLS facts: tls-info failed: $(tail -3 "$OSFN_BUILD/tls-info.txt" 2>/dev/null)"
  fi
  emu_stop_all
fi
say "$tls_line"

# One closing line: test cases summed over the test binaries' "N passed, N failed" lines.
read -r passed failed < <(grep -aoE '[0-9]+ passed, [0-9]+ failed$' "$OSFN_BUILD/ctest.log" |
                          awk '{p += $1; f += $3} END {print p + 0, f + 0}')
[ $rc -ne 0 ] && [ "$failed" -eq 0 ] && failed=1
t_end=$(date +%s)
printf '== mbedTLS %s: source+build %ss, osfn build %ss, tests %ss, total %ss (log: %s)\n' \
  "$ver_run" $((t_mbed - t_start)) $((t_build - t_mbed)) $((t_end - t_build)) $((t_end - t_start)) \
  "${OSFN_BUILD#"$ROOT"/}/ctest.log"
echo "mbedtls36: $passed passed, $failed failed"
[ $rc -eq 0 ] && [ "$failed" -eq 0 ]
