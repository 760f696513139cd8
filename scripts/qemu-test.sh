#!/usr/bin/env bash
# Run the unit tests (tests/unit/*.c) on a Cortex-M3 under QEMU (mps2-an385, semihosting).
# Installs what is missing (Debian packages), fetches Debian's mbedTLS source once
# (scripts/fetch-mbedtls-src.sh), cross-builds into build/target-m3/ (tests/target/,
# cmake/toolchain-arm-none-eabi.cmake), runs the ELF under QEMU and prints its output:
# the suites, the stack figures (painted stack: run, per suite, per public call) and,
# last, the "N passed, N failed" line. Exits with QEMU's status, which is the target's:
# 0 pass, 1 a test failed, 2 program stack overflow, 100 + exception number on a fault
# (103 HardFault ...), 124 hang (timeout), other = build or QEMU failure.
# Usage: scripts/qemu-test.sh [--build-only]
#        (QEMU's output is also kept in build/target-m3/qemu.log; --build-only: no QEMU run)
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD="$ROOT/build/target-m3"
ELF="$BUILD/osfn_target_tests.elf"
CPU_FLAGS="-mcpu=cortex-m3 -mthumb"
t_start=$(date +%s)

pkgs=(cmake make python3 libjsmn-dev dpkg-dev gcc-arm-none-eabi libnewlib-arm-none-eabi)
[ "${1:-}" = "--build-only" ] || pkgs+=(qemu-system-arm)
"$ROOT/scripts/deps.sh" "${pkgs[@]}" || exit 1
MBEDTLS_SRC=$("$ROOT/scripts/fetch-mbedtls-src.sh") || exit 1

mkdir -p "$BUILD"
if ! { cmake -S "$ROOT/tests/target" -B "$BUILD" \
         -DCMAKE_TOOLCHAIN_FILE="$ROOT/cmake/toolchain-arm-none-eabi.cmake" \
         -DOSFN_ARM_CPU_FLAGS="$CPU_FLAGS" -DMBEDTLS_SOURCE_DIR="$MBEDTLS_SRC" \
         -DOSFN_TARGET_TESTS=ON &&
       cmake --build "$BUILD" -j "$(nproc)"; } >"$BUILD/build.log" 2>&1; then
  cat "$BUILD/build.log" >&2
  echo "qemu-test: cross build failed (log: $BUILD/build.log)" >&2
  exit 1
fi
t_built=$(date +%s)
if [ "${1:-}" = "--build-only" ]; then
  echo "qemu-test: built $ELF in $((t_built - t_start))s (not run)"
  exit 0
fi

# stdin from /dev/null: QEMU's -nographic console must not take the caller's terminal.
timeout 300 qemu-system-arm -M mps2-an385 -nographic \
  -semihosting-config enable=on,target=native -kernel "$ELF" </dev/null >"$BUILD/qemu.log" 2>&1
rc=$?
t_end=$(date +%s)

# The target prints the summary before its stack figures: show the summary last.
summary=$(grep -aE '^[0-9]+ passed, [0-9]+ failed$' "$BUILD/qemu.log" | tail -1)
grep -avE '^[0-9]+ passed, [0-9]+ failed$' "$BUILD/qemu.log"
case $rc in
  0 | 1) ;;
  2) echo "qemu-test: the program stack overflowed into its MPU guard (status 2)" ;;
  124) echo "qemu-test: QEMU was stopped after 300 s (hang?)" ;;
  134) echo "qemu-test: QEMU aborted (CPU lockup?)" ;;
  *) if [ $rc -gt 100 ] && [ $rc -lt 164 ]; then
       echo "qemu-test: fault, exception $((rc - 100)) (status $rc)"
     else
       echo "qemu-test: QEMU exited with status $rc"
     fi ;;
esac
printf 'qemu-test: Cortex-M3 (mps2-an385), build %ds, QEMU run %ds, total %ds, status %d\n' \
  $((t_built - t_start)) $((t_end - t_built)) $((t_end - t_start)) $rc
[ -n "$summary" ] && echo "$summary"
exit $rc
