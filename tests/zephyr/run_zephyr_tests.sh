#!/usr/bin/env bash
# The library's unit tests inside Zephyr 2.7 on QEMU, with osfn as an external Zephyr
# module (zephyr/module.yml) and mbedTLS from Zephyr's mbedtls module.
#
# Installs the Debian packages of ../shared/third_party/ZEPHYR.md and builds with its CMake
# lines (ZEPHYR_BASE, the cmsis and mbedtls modules, ZEPHYR_EXTRA_MODULES=<repo root>):
#
#  1. build/zephyr-tests/ for BOARD=osfn_mps2_an385 (tests/zephyr/boards: Zephyr's own
#     MPS2 AN385 SoC support, run on `qemu-system-arm -M mps2-an385`, 4 MB RAM): every
#     unit suite of tests/unit plus the Zephyr port's checks, in one image. The suites'
#     static buffers (~240 KB together; test_client alone ~60 KB) do not fit the 64 KB
#     of qemu_cortex_m3.
#  2. build/zephyr-net/ for BOARD=qemu_cortex_m3 (lm3s6965evb, 64 KB RAM), the board of
#     ZEPHYR.md, with Zephyr's TCP/IP stack on its Stellaris Ethernet (overlay-net.conf):
#     the Zephyr port's checks (clock, sleep, wall clock, random bytes, the zsock_*
#     transport and the TLS connector without a peer). Where the machine allows it (root,
#     /dev/net/tun, iproute2, python3, openssl) the same image also makes both calls live:
#     a network namespace gets a TAP device tap0 (192.0.2.1/24, MTU 576), the emulator
#     (tests/emulator) listens on 192.0.2.1:443 inside it, and QEMU's Stellaris Ethernet
#     is attached to tap0 (Zephyr takes 192.0.2.2). Elsewhere it prints
#     "SKIP: live call from Zephyr over TAP: <reason>" and runs without a peer.
#
# Each suite runs on a fresh, painted thread stack and its peak is printed. QEMU runs
# under `timeout` and stops through semihosting with the image's status (0 pass, 1 fail,
# 3 Zephyr fatal error). Prints the images' output, one line per image, and last
# `N passed, N failed` (the sum); exits 0 only when nothing failed and something passed.
# Usage: tests/zephyr/run_zephyr_tests.sh
#   OSFN_ZEPHYR_IMAGES="unit net" (default) or one of them: which images to build and run.
#   OSFN_QEMU_TIMEOUT=180: seconds each QEMU run may take.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SHARED="$ROOT/../shared/third_party"
QEMU_TIMEOUT=${OSFN_QEMU_TIMEOUT:-180}
IMAGES=" ${OSFN_ZEPHYR_IMAGES:-unit net} "
t_start=$(date +%s)

say() { printf 'zephyr-tests: %s\n' "$*"; }

# ---- packages (ZEPHYR.md); another apt may hold the lock: retry a few times ------
pkgs=(cmake ninja-build device-tree-compiler gcc-arm-none-eabi libnewlib-arm-none-eabi
      qemu-system-arm gperf python3-yaml python3-pyelftools python3-pykwalify
      python3-ruamel.yaml python3-dateutil python3-packaging python3-distutils libjsmn-dev)
for attempt in 1 2 3 4 5 6; do
  "$ROOT/scripts/deps.sh" "${pkgs[@]}" && break
  [ "$attempt" -eq 6 ] && { say "could not install: ${pkgs[*]}"; exit 1; }
  [ "$(id -u)" -ne 0 ] && exit 1
  say "package install failed (apt lock held?); retrying in 10 s"
  sleep 10
done

if [ ! -f "$SHARED/zephyr/VERSION" ] || [ ! -d "$SHARED/zephyr-modules/cmsis" ]; then
  say "no Zephyr tree at $SHARED/zephyr (with zephyr-modules/cmsis, mbedtls)"
  exit 1
fi
ZEPHYR_BASE=$(realpath "$SHARED/zephyr")
M=$(realpath "$SHARED/zephyr-modules")
export ZEPHYR_BASE

# write_select BUILD SELECT PORT STACK: the image's suite selection (see
# tests/zephyr/CMakeLists.txt), rewritten only when it changes. SELECT: "all", "none" or
# one suite name; STACK: the suite thread's stack in bytes.
write_select() {
  local build=$1 select=$2 port=$3 stack=$4 extra=${5:-} tmp
  mkdir -p "$build/select"
  tmp="$build/select/osfn_rtos_select.h.new"
  {
    echo "/* written by tests/zephyr/run_zephyr_tests.sh */"
    case $select in
      all) ;;
      none) echo "#define OSFN_RTOS_SELECT(X)" ;;
      *) echo "#define OSFN_RTOS_SELECT(X) X($select)" ;;
    esac
    echo "#define OSFN_TEST_PORT_SUITE $port"
    echo "#define OSFN_TEST_SUITE_STACK $stack"
    [ -n "$extra" ] && cat "$extra"
  } >"$tmp"
  if cmp -s "$tmp" "$build/select/osfn_rtos_select.h"; then
    rm -f "$tmp"
  else
    mv "$tmp" "$build/select/osfn_rtos_select.h"
  fi
}

total_pass=0
total_fail=0
summary_lines=()
# QEMU's network for the next image (default: none), its clock options (default: QEMU's
# real-time virtual clock), a command to run QEMU in (e.g. `ip netns exec NS`), and extra
# lines for the selection header.
QEMU_NET=(-net none)
QEMU_CLOCK=()
QEMU_WRAP=()
SELECT_EXTRA=

# image NAME BOARD BUILD_DIR QEMU_MACHINE SELECT PORT STACK [CMAKE_ARG...]: configure
# (once), build, run, count.
image() {
  local name=$1 board=$2 build=$3 machine=$4 select=$5 port=$6 stack=$7
  shift 7
  local t0 t1 t2 rc line p=0 f=0 ram out
  t0=$(date +%s)
  write_select "$build" "$select" "$port" "$stack" "$SELECT_EXTRA"
  if [ ! -f "$build/build.ninja" ]; then
    if ! cmake -GNinja -B "$build" -S "$ROOT/tests/zephyr" -DBOARD="$board" \
         -DZEPHYR_TOOLCHAIN_VARIANT=cross-compile -DCROSS_COMPILE=/usr/bin/arm-none-eabi- \
         -DPYTHON_PREFER=/usr/bin/python3 -DUSER_CACHE_DIR="$ROOT/build/.zcache" \
         -DBUILD_VERSION=zephyr-v2.7.0 \
         -DZEPHYR_MODULES="$M/cmsis;$M/mbedtls" -DZEPHYR_EXTRA_MODULES="$ROOT" "$@" \
         >"$build/configure.log" 2>&1; then
      cat "$build/configure.log"
      say "$name: configure failed (log: $build/configure.log)"
      rm -f "$build/build.ninja"
      total_fail=$((total_fail + 1))
      summary_lines+=("$(printf '%-10s %-16s configure failed' "$name" "$board")")
      return
    fi
  fi
  if ! ninja -C "$build" >"$build/build.log" 2>&1; then
    grep -aE "error|overflowed|FAILED" "$build/build.log" | head -20
    say "$name: build failed (log: $build/build.log)"
    total_fail=$((total_fail + 1))
    summary_lines+=("$(printf '%-10s %-16s build failed' "$name" "$board")")
    return
  fi
  # RAM in use, from the link's memory report (kept: a no-op rebuild does not print it).
  grep -aE '^ +SRAM:' "$build/build.log" | awk '{print $2}' >"$build/ram.new"
  [ -s "$build/ram.new" ] && mv "$build/ram.new" "$build/ram.txt"
  ram=$(cat "$build/ram.txt" 2>/dev/null)
  t1=$(date +%s)
  out="$build/qemu.log"
  "${QEMU_WRAP[@]}" timeout "$QEMU_TIMEOUT" qemu-system-arm -cpu cortex-m3 -machine "$machine" \
    -nographic -vga none "${QEMU_NET[@]}" "${QEMU_CLOCK[@]}" -semihosting-config enable=on,target=native \
    -kernel "$build/zephyr/zephyr.elf" </dev/null 2>"$build/qemu.stderr" | tr -d '\r' >"$out"
  rc=${PIPESTATUS[0]}
  t2=$(date +%s)
  # The image's own lines, without its "N passed, N failed" (summed below).
  grep -avE '^[0-9]+ passed, [0-9]+ failed$|^\*\*\* Booting' "$out"
  line=$(grep -aE '^[0-9]+ passed, [0-9]+ failed$' "$out" | tail -1)
  if [ -n "$line" ]; then
    p=${line%% passed*}
    f=${line#*passed, }
    f=${f%% failed*}
  fi
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    f=1 # a hang (124), a fatal error (3) or a status without a failed test
  fi
  [ "$rc" -eq 124 ] && say "$name: QEMU stopped after ${QEMU_TIMEOUT} s (hang?)"
  total_pass=$((total_pass + p))
  total_fail=$((total_fail + f))
  summary_lines+=("$(printf '%-10s %-16s %3d passed, %d failed, status %d, RAM %s B, build %ds, run %ds' \
    "$name" "$board" "$p" "$f" "$rc" "${ram:-?}" $((t1 - t0)) $((t2 - t1)))")
}

[[ $IMAGES == *" unit "* ]] && image unit osfn_mps2_an385 "$ROOT/build/zephyr-tests" mps2-an385 all 1 8192
if [[ $IMAGES != *" net "* ]]; then
  printf '  %s\n' "${summary_lines[@]}"
  echo "$total_pass passed, $total_fail failed"
  [ "$total_fail" -eq 0 ] && [ "$total_pass" -gt 0 ]
  exit
fi

# ---- the network image, live where the machine allows it ---------------------------
source "$ROOT/tests/e2e/netns.sh"
NET_BUILD="$ROOT/build/zephyr-net"
SERVER=192.0.2.1
NS=
EMU_PID=
live_reason=
# shellcheck disable=SC2317  # called through the trap
cleanup() {
  if [ -n "$EMU_PID" ]; then
    kill "$EMU_PID" 2>/dev/null
    for _ in $(seq 1 30); do kill -0 "$EMU_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$EMU_PID" 2>/dev/null
    wait "$EMU_PID" 2>/dev/null
  fi
  netns_teardown "$NS"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ "$(id -u)" -ne 0 ]; then live_reason="needs root (network namespace and TAP device)"
elif [ ! -c /dev/net/tun ]; then live_reason="/dev/net/tun is missing (no TUN/TAP here)"
elif ! command -v ip >/dev/null 2>&1; then live_reason="'ip' (iproute2) is not installed"
elif ! command -v openssl >/dev/null 2>&1; then live_reason="openssl is not installed (the emulator's test PKI)"
fi
mkdir -p "$NET_BUILD"
if [ -z "$live_reason" ]; then
  NS="osfn-zephyr-$$-$RANDOM"
  if ! ip netns add "$NS" 2>"$NET_BUILD/netns.err"; then
    live_reason="cannot create a network namespace: $(cat "$NET_BUILD/netns.err")"
    NS=
  elif ! { ip netns exec "$NS" ip link set lo up &&
           ip netns exec "$NS" ip tuntap add dev tap0 mode tap &&
           ip netns exec "$NS" ip addr add "$SERVER/24" dev tap0 &&
           ip netns exec "$NS" ip link set tap0 mtu 576 &&
           ip netns exec "$NS" ip link set tap0 up; } 2>"$NET_BUILD/tap.err"; then
    live_reason="cannot create tap0: $(cat "$NET_BUILD/tap.err")"
  elif ! bash "$ROOT/tests/emulator/gen_certs.sh" "$NET_BUILD/certs" >"$NET_BUILD/certs.log" 2>&1; then
    live_reason="tests/emulator/gen_certs.sh failed (log: $NET_BUILD/certs.log)"
  fi
fi
if [ -z "$live_reason" ]; then
  # The live call's parameters for main.c: address, CA, and the fixtures' first key.
  python3 - "$ROOT/tests/emulator/fixtures.json" "$NET_BUILD/certs/ca.crt" >"$NET_BUILD/live.h" <<'PY'
import json, sys
fixtures, ca = sys.argv[1], sys.argv[2]
cred = json.load(open(fixtures))["credentials"][0]
c = lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
print("#define OSFN_TEST_LIVE 1")
print('#define OSFN_TEST_LIVE_ADDR "192.0.2.1"')
print('#define OSFN_TEST_LIVE_HOST "opensearch.cn-hangzhou.aliyuncs.com"')
print("#define OSFN_TEST_LIVE_PORT 443u")
print("#define OSFN_TEST_LIVE_KEY_ID " + c(cred["accessKeyId"]))
print("#define OSFN_TEST_LIVE_KEY_SECRET " + c(cred["accessKeySecret"]))
print("#define OSFN_TEST_LIVE_CA \\")
for line in open(ca).read().splitlines():
    print("    " + c(line + "\n") + " \\")
print("    \"\"")
PY
  rm -f "$NET_BUILD/emu.port" "$NET_BUILD/emu.log" # the emulator appends: this run's lines only
  ip netns exec "$NS" python3 "$ROOT/tests/emulator/osfn_emulator.py" --host "$SERVER" --port 443 \
    --port-file "$NET_BUILD/emu.port" --certs-dir "$NET_BUILD/certs" --log "$NET_BUILD/emu.log" \
    >"$NET_BUILD/emu.out" 2>&1 &
  EMU_PID=$!
  for _ in $(seq 1 150); do
    [ -s "$NET_BUILD/emu.port" ] && break
    kill -0 "$EMU_PID" 2>/dev/null || break
    sleep 0.1
  done
  if [ -s "$NET_BUILD/emu.port" ]; then
    SELECT_EXTRA="$NET_BUILD/live.h"
    QEMU_WRAP=(ip netns exec "$NS")
    QEMU_NET=(-nic "tap,model=stellaris,ifname=tap0,script=no,downscript=no")
  else
    live_reason="the emulator did not start: $(tail -3 "$NET_BUILD/emu.out")"
  fi
fi
[ -n "$live_reason" ] && echo "SKIP: live call from Zephyr over TAP: $live_reason"
# The guest's clock from QEMU's instruction counter (icount), not from the host's clock.
# Without it the uptime Zephyr 2.7's SysTick driver derives from QEMU's (real-time) SysTick
# goes wrong when the host preempts QEMU: with one or two busy host cores it ran 8-20x
# faster than the host's clock (33.7 s of
# uptime in 1.9 s; it also stepped back by 1 s), so the 10 s handshake deadline, the 3 s
# connect timeout and the 60 s response timeout ran out after a fraction of a second
# (measured: 4 of 6 runs with one or two busy cores failed, OSFN_ERR_TIMEOUT from the
# handshake's deadline or connect's ETIMEDOUT). With icount: 9 of 9 passed, 7 of them with
# busy cores, and the uptime stayed within 1 s of the host's clock.
# sleep=on: an idle guest (waiting for the network) sees real time pass, as the emulator
# on the other end does (Zephyr's own QEMU_ICOUNT uses sleep=off, which would warp
# through those waits, and is off with networking). shift=2: 4 ns per instruction, about
# QEMU's own speed here, so busy stretches (the handshake's crypto) neither race ahead of
# the host's clock nor fall far behind it.
QEMU_CLOCK=(-icount "shift=2,align=off,sleep=on")
image net qemu_cortex_m3 "$NET_BUILD" lm3s6965evb none 1 6144 -DOVERLAY_CONFIG=overlay-net.conf
if [ -n "$SELECT_EXTRA" ]; then
  echo "zephyr-tests: emulator log (one line per request):"
  sed 's/^/  /' "$NET_BUILD/emu.log" 2>/dev/null
fi
t_end=$(date +%s)

echo "zephyr-tests: images (Zephyr $(sed -n 's/^VERSION_MAJOR = //p' "$ZEPHYR_BASE/VERSION").$(sed -n 's/^VERSION_MINOR = //p' "$ZEPHYR_BASE/VERSION").$(sed -n 's/^PATCHLEVEL = //p' "$ZEPHYR_BASE/VERSION")):"
printf '  %s\n' "${summary_lines[@]}"
printf 'zephyr-tests: total %ds\n' $((t_end - t_start))
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ] && [ "$total_pass" -gt 0 ]
