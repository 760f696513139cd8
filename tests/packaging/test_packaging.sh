#!/usr/bin/env bash
# Packaging: build osfn, `cmake --install` it into a temporary prefix (not the one it was
# configured with, to prove the tree is relocatable), then build and run small consumers
# against it with find_package(osfn) and with pkg-config, and one that vendors the source
# tree with add_subdirectory(). Ends with "N passed, N failed"; exits non-zero on a failure.
# Usage: test_packaging.sh [OUT_DIR]   (default: build/packaging; wiped first)
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$ROOT/tests/packaging"
OUT=${1:-$ROOT/build/packaging}
CC=${CC:-gcc}
pass=0
fail=0

ok() { echo "ok    $*"; pass=$((pass + 1)); }
bad() { echo "FAIL  $*"; fail=$((fail + 1)); }
# step NAME CMD...: run CMD with its output in $OUT/NAME.log; ok or FAIL with the log's tail
LAST_LOG=
step() {
  local name=$1
  shift
  LAST_LOG="$OUT/logs/$(printf '%s' "$name" | tr -c 'A-Za-z0-9.-' '_' | cut -c1-60).log"
  if "$@" >"$LAST_LOG" 2>&1; then
    ok "$name"
  else
    bad "$name (log: $LAST_LOG)"
    tail -25 "$LAST_LOG" | sed 's/^/        /'
    return 1
  fi
}
# show: print the output of the last step (what a consumer printed)
show() { sed 's/^/        /' "$LAST_LOG"; }
finish() { echo "$pass passed, $fail failed"; [ "$fail" -eq 0 ]; exit $?; }

rm -rf "$OUT"
mkdir -p "$OUT/logs"
PREFIX="$OUT/prefix"
export CC

# ---- 1. build and install --------------------------------------------------------------
if ! { step "configure osfn (prefix /opt/osfn-not-used, tests and CLI off)" \
         cmake -S "$ROOT" -B "$OUT/build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/opt/osfn-not-used \
           -DOSFN_BUILD_TESTS=OFF -DOSFN_BUILD_CLI=OFF &&
       step "build osfn" cmake --build "$OUT/build" -j "$(nproc)" &&
       step "cmake --install --prefix $PREFIX" cmake --install "$OUT/build" --prefix "$PREFIX"; }; then
  finish
fi

LIBDIR=$(sed -n 's/^CMAKE_INSTALL_LIBDIR:PATH=//p' "$OUT/build/CMakeCache.txt")
missing=()
for f in include/osfn/osfn_client.h include/osfn/osfn_request.h include/osfn/osfn_config_defaults.h \
         include/osfn/port/osfn_posix_net.h include/osfn/port/osfn_tls.h include/osfn/port/osfn_tls_endpoint.h \
         "$LIBDIR/libosfn.a" "$LIBDIR/libosfn_port_posix.a" \
         "$LIBDIR/cmake/osfn/osfnConfig.cmake" "$LIBDIR/cmake/osfn/osfnConfigVersion.cmake" \
         "$LIBDIR/cmake/osfn/osfnTargets.cmake" "$LIBDIR/pkgconfig/osfn.pc" "$LIBDIR/pkgconfig/osfn-port-posix.pc"; do
  [ -f "$PREFIX/$f" ] || missing+=("$f")
done
if [ ${#missing[@]} -eq 0 ]; then
  ok "installed: headers, libosfn.a, libosfn_port_posix.a, osfnConfig.cmake (+Version, Targets), osfn.pc"
else
  bad "not installed: ${missing[*]}"
fi
# No path of this machine's source or build tree may leak into the installed package files.
if grep -rlF -e "$ROOT" -e "$OUT/build" -e /opt/osfn-not-used "$PREFIX/$LIBDIR/cmake" "$PREFIX/$LIBDIR/pkgconfig" >"$OUT/leaks.txt"; then
  bad "installed package files name build-machine paths: $(tr '\n' ' ' <"$OUT/leaks.txt")"
else
  ok "installed cmake and pkg-config files name no source, build or configured-prefix path"
fi

# ---- 2. find_package(osfn) -------------------------------------------------------------
step "find_package consumer: configure" \
  cmake -S "$HERE/consumer" -B "$OUT/consumer-package" -DOSFN_CONSUMER_MODE=package -DCMAKE_PREFIX_PATH="$PREFIX" &&
step "find_package consumer: build" cmake --build "$OUT/consumer-package" &&
step "find_package consumer: run osfn::osfn" "$OUT/consumer-package/consumer" && show &&
step "find_package consumer: run osfn::osfn_port_posix" "$OUT/consumer-package/consumer_posix" && show
# The version file: 0.1 matches, 0.2 and 1.0 do not.
mkdir -p "$OUT/version"
cat >"$OUT/version/CMakeLists.txt" <<'CM'
cmake_minimum_required(VERSION 3.13)
project(v C)
find_package(osfn ${WANT})
if(NOT osfn_FOUND)
  message(FATAL_ERROR "osfn ${WANT} not found")
endif()
message(STATUS "osfn ${osfn_VERSION}")
CM
if cmake -S "$OUT/version" -B "$OUT/version/b1" -DWANT=0.1 -DCMAKE_PREFIX_PATH="$PREFIX" >"$OUT/version.log" 2>&1 &&
   ! cmake -S "$OUT/version" -B "$OUT/version/b2" -DWANT=0.2 -DCMAKE_PREFIX_PATH="$PREFIX" >>"$OUT/version.log" 2>&1 &&
   ! cmake -S "$OUT/version" -B "$OUT/version/b3" -DWANT=1.0 -DCMAKE_PREFIX_PATH="$PREFIX" >>"$OUT/version.log" 2>&1; then
  ok "osfnConfigVersion.cmake: 0.1 found, 0.2 and 1.0 refused"
else
  bad "version check (log: $OUT/version.log)"
fi

# ---- 3. pkg-config -----------------------------------------------------------------------
export PKG_CONFIG_PATH="$PREFIX/$LIBDIR/pkgconfig"
if command -v pkg-config >/dev/null 2>&1; then
  step "pkg-config --exact-version osfn = $(sed -n 's/^Version: //p' "$PREFIX/$LIBDIR/pkgconfig/osfn.pc")" \
    pkg-config --exact-version="$(sed -n 's/^Version: //p' "$PREFIX/$LIBDIR/pkgconfig/osfn.pc")" osfn
  # shellcheck disable=SC2046
  step "pkg-config consumer: build ($CC -std=c99 main.c \$(pkg-config --cflags --libs osfn))" \
    "$CC" -std=c99 -Wall -Wextra -Werror "$HERE/consumer/main.c" $(pkg-config --cflags --libs osfn) -o "$OUT/pc-consumer" &&
  step "pkg-config consumer: run" "$OUT/pc-consumer" && show
  # shellcheck disable=SC2046
  step "pkg-config consumer: build with osfn-port-posix" \
    "$CC" -std=c99 -Wall -Wextra -Werror "$HERE/consumer/main_posix.c" $(pkg-config --cflags --libs osfn-port-posix) \
      -o "$OUT/pc-consumer-posix" &&
  step "pkg-config consumer: run with osfn-port-posix" "$OUT/pc-consumer-posix" && show
else
  bad "pkg-config is not installed (apt-get install pkg-config)"
fi

# ---- 4. add_subdirectory (vendored) ------------------------------------------------------
step "add_subdirectory consumer: configure (tests, CLI and install rules off when not top level)" \
  cmake -S "$HERE/consumer" -B "$OUT/consumer-subdir" -DOSFN_CONSUMER_MODE=subdir -DOSFN_SOURCE_DIR="$ROOT" &&
step "add_subdirectory consumer: build" cmake --build "$OUT/consumer-subdir" -j "$(nproc)" &&
step "add_subdirectory consumer: run" "$OUT/consumer-subdir/consumer" &&
step "add_subdirectory consumer: run with the POSIX port" "$OUT/consumer-subdir/consumer_posix"

finish
