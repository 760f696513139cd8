#!/usr/bin/env bash
# The library's unit tests inside FreeRTOS on QEMU mps2-an385 (Cortex-M3), and
# examples/freertos: its watch task built and run against a stub connector (canned
# responses), and its lwIP + TLS connector (board_lwip.c) compiled only (there is no lwIP
# for arm-none-eabi here to link it with).
#
# Installs what is missing (Debian packages), fetches Debian's mbedTLS source once
# (scripts/fetch-mbedtls-src.sh, shared with scripts/qemu-test.sh), cross-builds
# tests/freertos into build/freertos/ against ../shared/third_party/FreeRTOS-Kernel, runs
# the tests under QEMU (`timeout`) and prints their output: one line per suite with the
# suite task's stack high-water mark, then `N passed, N failed`. Exits with QEMU's status,
# which is the image's: 0 pass, 1 a test failed, 2 stack overflow hook, 4 configASSERT,
# 100 + exception number on a fault (103 HardFault), 124 hang (timeout); other = build or
# QEMU failure. The last line `N passed, N failed` counts the unit tests and, as one
# more, the example's run.
# Usage: tests/freertos/run_freertos_tests.sh
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD="$ROOT/build/freertos"
KERNEL="$ROOT/../shared/third_party/FreeRTOS-Kernel"
QEMU_TIMEOUT=${OSFN_QEMU_TIMEOUT:-180}
t_start=$(date +%s)

say() { printf 'freertos-tests: %s\n' "$*" >&2; }

pkgs=(cmake ninja-build python3 libjsmn-dev dpkg-dev gcc-arm-none-eabi libnewlib-arm-none-eabi
      qemu-system-arm)
for attempt in 1 2 3 4 5 6; do
  "$ROOT/scripts/deps.sh" "${pkgs[@]}" && break
  [ "$attempt" -eq 6 ] && { say "could not install: ${pkgs[*]}"; exit 1; }
  [ "$(id -u)" -ne 0 ] && exit 1
  say "package install failed (apt lock held?); retrying in 10 s"
  sleep 10
done
if [ ! -f "$KERNEL/tasks.c" ] || [ ! -f "$KERNEL/portable/GCC/ARM_CM3/port.c" ]; then
  say "no FreeRTOS kernel with the GCC/ARM_CM3 port at $KERNEL"
  exit 1
fi
MBEDTLS_SRC=$("$ROOT/scripts/fetch-mbedtls-src.sh") || { say "no mbedTLS source"; exit 1; }

mkdir -p "$BUILD"
if ! { cmake -GNinja -S "$ROOT/tests/freertos" -B "$BUILD" \
         -DCMAKE_TOOLCHAIN_FILE="$ROOT/cmake/toolchain-arm-none-eabi.cmake" \
         -DOSFN_ARM_CPU_FLAGS="-mcpu=cortex-m3 -mthumb" \
         -DFREERTOS_KERNEL_DIR="$(realpath "$KERNEL")" -DMBEDTLS_SOURCE_DIR="$MBEDTLS_SRC" &&
       cmake --build "$BUILD" -j "$(nproc)"; } >"$BUILD/build.log" 2>&1; then
  cat "$BUILD/build.log" >&2
  say "cross build failed (log: $BUILD/build.log)"
  exit 1
fi
if [ -f "$ROOT/examples/freertos/osfn_watch_task.c" ] && [ ! -f "$BUILD/osfn_freertos_example.elf" ]; then
  say "examples/freertos was not built"
  exit 1
fi
t_built=$(date +%s)

# stdin from /dev/null: QEMU's -nographic console must not take the caller's terminal.
timeout "$QEMU_TIMEOUT" qemu-system-arm -M mps2-an385 -nographic \
  -semihosting-config enable=on,target=native -kernel "$BUILD/osfn_freertos_tests.elf" \
  </dev/null >"$BUILD/qemu.log" 2>&1
rc=$?
t_tests=$(date +%s)

# The example: the watch task against the stub connector, to its end (status 0 when the
# instance became available).
ex_rc=0
if [ -f "$BUILD/osfn_freertos_example.elf" ]; then
  timeout 60 qemu-system-arm -M mps2-an385 -nographic \
    -semihosting-config enable=on,target=native -kernel "$BUILD/osfn_freertos_example.elf" \
    </dev/null >"$BUILD/qemu-example.log" 2>&1
  ex_rc=$?
fi
t_end=$(date +%s)

summary=$(grep -aE '^[0-9]+ passed, [0-9]+ failed$' "$BUILD/qemu.log" | tail -1)
grep -avE '^[0-9]+ passed, [0-9]+ failed$' "$BUILD/qemu.log"
case $rc in
  0 | 1) ;;
  2) echo "freertos-tests: a task overflowed its stack (status 2)" ;;
  4) echo "freertos-tests: configASSERT failed (status 4)" ;;
  124) echo "freertos-tests: QEMU was stopped after ${QEMU_TIMEOUT} s (hang?)" ;;
  *) echo "freertos-tests: QEMU exited with status $rc" ;;
esac
passed=0
failed=0
if [ -n "$summary" ]; then
  passed=${summary%% passed*}
  failed=${summary#*passed, }
  failed=${failed%% failed*}
fi
if [ $rc -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1
fi
if [ -f "$BUILD/osfn_freertos_example.elf" ]; then
  echo "freertos-tests: examples/freertos on QEMU (stub connector), status $ex_rc:"
  sed 's/^/  /' "$BUILD/qemu-example.log"
  if [ $ex_rc -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
fi
lwip_obj=$(find "$BUILD/CMakeFiles/osfn_freertos_example_lwip.dir" -name 'board_lwip.c.obj' 2>/dev/null | head -1)
if [ -n "$lwip_obj" ]; then
  echo "freertos-tests: examples/freertos/board_lwip.c (lwIP + TLS connector) compiled for Cortex-M3, not linked (no lwIP for arm-none-eabi here)"
fi
printf 'freertos-tests: build %ds, tests on QEMU %ds, example %ds, total %ds, status %d\n' \
  $((t_built - t_start)) $((t_tests - t_built)) $((t_end - t_tests)) $((t_end - t_start)) $rc
echo "$passed passed, $failed failed"
if [ $rc -eq 0 ] && { [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; }; then
  rc=1
fi
exit $rc
