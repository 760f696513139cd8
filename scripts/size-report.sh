#!/usr/bin/env bash
# Footprint and stack report: prints it and writes docs/size.md.
#  - flash (code + rodata + data) and RAM (data + bss) of the library alone, per object and
#    per use (signing, request builder, response reader + JSON mapping, whole client), for
#    Cortex-M4F and RISC-V rv32imac at -Os (build/target-m4f/, build/target-rv32/);
#  - peak stack of every public call: -fstack-usage frames summed along the call graph
#    (scripts/stack_usage.py) on Cortex-M3, Cortex-M4F and rv32imac, next to the painted
#    figure of the Cortex-M3 QEMU run (scripts/qemu-test.sh, build/target-m3/);
#  - RAM a call needs: buffer and tokens for the bodies in tests/fixtures/ (host helper).
# Installs missing Debian packages, fetches mbedTLS's source once (for its headers and
# SHA frames). Exits non-zero when a build fails; a failing QEMU test run is reported in
# the document (and by scripts/qemu-test.sh), not fatal here.
# Usage: scripts/size-report.sh [--no-qemu]
#        (--no-qemu: build the Cortex-M3 tests but reuse the last build/target-m3/qemu.log)
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
t_start=$(date +%s)
run_qemu=1
[ "${1:-}" = "--no-qemu" ] && run_qemu=0

"$ROOT/scripts/deps.sh" cmake make gcc python3 libjsmn-dev libmbedtls-dev dpkg-dev \
  gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm \
  gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf || exit 1
MBEDTLS_SRC=$("$ROOT/scripts/fetch-mbedtls-src.sh") || exit 1

# build DIR TOOLCHAIN [cmake args...]: configure and build a library-only cross build.
build() {
  local dir=$1 tc=$2
  shift 2
  mkdir -p "$dir"
  if ! { cmake -S "$ROOT/tests/target" -B "$dir" -DCMAKE_TOOLCHAIN_FILE="$ROOT/cmake/$tc" \
           -DMBEDTLS_SOURCE_DIR="$MBEDTLS_SRC" "$@" &&
         cmake --build "$dir" -j "$(nproc)"; } >"$dir/build.log" 2>&1; then
    cat "$dir/build.log" >&2
    echo "size-report: build failed in $dir" >&2
    exit 1
  fi
}

echo "== Cortex-M4F library build (build/target-m4f)"
build "$ROOT/build/target-m4f" toolchain-arm-none-eabi.cmake \
  -DOSFN_ARM_CPU_FLAGS="-mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16"
# The smallest configuration Kconfig offers (tests/kconfig/minimal.defconfig's switches).
MINIMAL_DEFINES="OSFN_ENABLE_ROA=0;OSFN_ENABLE_WATCH=0;OSFN_ENABLE_STATUS_TEXT=0"
echo "== Cortex-M4F library build, minimal configuration (build/target-m4f-min)"
build "$ROOT/build/target-m4f-min" toolchain-arm-none-eabi.cmake \
  -DOSFN_ARM_CPU_FLAGS="-mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16" \
  -DOSFN_TARGET_DEFINES="$MINIMAL_DEFINES"
echo "== RISC-V rv32imac library build (build/target-rv32)"
build "$ROOT/build/target-rv32" toolchain-riscv32-elf.cmake \
  -DOSFN_RISCV_CPU_FLAGS="-march=rv32imac -mabi=ilp32"

if [ $run_qemu -eq 1 ]; then
  echo "== Cortex-M3 unit tests under QEMU (scripts/qemu-test.sh, build/target-m3)"
  "$ROOT/scripts/qemu-test.sh" >"$ROOT/build/target-m3.qemu-test.log" 2>&1
  qrc=$?
  tail -2 "$ROOT/build/target-m3.qemu-test.log"
  if [ ! -f "$ROOT/build/target-m3/osfn_target_tests.elf" ]; then
    cat "$ROOT/build/target-m3.qemu-test.log" >&2
    exit 1
  fi
  [ $qrc -eq 0 ] || echo "size-report: the QEMU run failed (status $qrc, log build/target-m3.qemu-test.log)"
else
  echo "== Cortex-M3 build (scripts/qemu-test.sh --build-only, build/target-m3)"
  "$ROOT/scripts/qemu-test.sh" --build-only || exit 1
  [ -f "$ROOT/build/target-m3/qemu.log" ] || echo "size-report: no QEMU log yet: painted figures missing"
fi

echo "== token counts of tests/fixtures/*.json (host)"
HOST="$ROOT/build/size-report"
mkdir -p "$HOST"
if ! cc -std=c99 -O1 -Wall -Wextra -Werror -I"$ROOT/lib/include" -I"$ROOT/lib/src" \
     "$ROOT"/lib/src/*.c "$ROOT/scripts/size_tokens.c" -lmbedcrypto -o "$HOST/size_tokens" \
     >"$HOST/build.log" 2>&1; then
  cat "$HOST/build.log" >&2
  echo "size-report: host helper failed to build" >&2
  exit 1
fi
"$HOST/size_tokens" "$ROOT"/tests/fixtures/*.json >"$HOST/tokens.txt" || exit 1

echo
python3 "$ROOT/scripts/size_report.py" --root "$ROOT" --mbedtls-dir "$MBEDTLS_SRC" \
  --arch "m4f:Cortex-M4F:$ROOT/build/target-m4f:arm-none-eabi-" \
  --arch "rv32:rv32imac:$ROOT/build/target-rv32:riscv64-unknown-elf-" \
  --minimal "m4f-min:Cortex-M4F:$ROOT/build/target-m4f-min:arm-none-eabi-:$MINIMAL_DEFINES" \
  --stack-arch "m3:Cortex-M3:$ROOT/build/target-m3:arm-none-eabi-" \
  --qemu-log "$ROOT/build/target-m3/qemu.log" --tokens "$HOST/tokens.txt" \
  --json "$HOST/size.json" --out "$ROOT/docs/size.md" || exit 1
echo "size-report: wrote docs/size.md in $(( $(date +%s) - t_start ))s"
