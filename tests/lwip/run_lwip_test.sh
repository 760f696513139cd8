#!/usr/bin/env bash
# lwIP over TAP: create a network namespace with a TAP device tap0 (kernel side
# 192.0.2.1/24), start the emulator on 192.0.2.1 inside it, and run the lwIP test
# program there (lwIP takes 192.0.2.2/24 on tap0 through its unix port's tapif).
# tap0's MTU is 576: Debian's liblwip0 2.1.3 allocates pool pbufs with 592 bytes of room
# yet its tapif copies a whole incoming frame into one, so a 1514-byte frame from the
# kernel overruns lwIP's heap (valgrind shows it; glibc aborts "malloc(): corrupted top
# size"). 576 + 14 bytes of Ethernet header fit. See OSFN_LWIP_TEST_MTU in test_lwip.c.
# Everything is removed on exit, whatever happens. Needs root and /dev/net/tun;
# without them it prints "SKIP: reason" and exits 0.
# Usage: run_lwip_test.sh path/to/osfn_lwip_tests [SCRATCH_DIR]
set -u
BIN=${1:?usage: run_lwip_test.sh path/to/osfn_lwip_tests [SCRATCH_DIR]}
WORK=${2:-}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
source "$ROOT/tests/e2e/netns.sh"
SERVER=192.0.2.1
LWIP_ADDR=192.0.2.2

skip() {
  echo "SKIP: lwIP-over-TAP test: $*"
  exit 0
}

[ "$(id -u)" -eq 0 ] || skip "needs root (network namespace and TAP device); run as root to prove the lwIP port"
[ -c /dev/net/tun ] || skip "/dev/net/tun is missing (no TUN/TAP support here)"
command -v ip >/dev/null 2>&1 || skip "'ip' (iproute2) is not installed"
command -v python3 >/dev/null 2>&1 || skip "python3 is not installed (the emulator needs it)"
command -v openssl >/dev/null 2>&1 || skip "openssl is not installed (the emulator's test PKI needs it)"
[ -x "$BIN" ] || { echo "test program $BIN not found" >&2; exit 1; }

if [ -z "$WORK" ]; then
  WORK=$(mktemp -d)
  OWN_WORK=1
else
  mkdir -p "$WORK"
  OWN_WORK=0
fi
NS="osfn-lwip-$$-$RANDOM"
EMU_PID=
NS_MADE=0

# shellcheck disable=SC2317  # called through the trap
cleanup() {
  if [ -n "$EMU_PID" ]; then
    kill "$EMU_PID" 2>/dev/null
    for _ in $(seq 1 30); do kill -0 "$EMU_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$EMU_PID" 2>/dev/null
    wait "$EMU_PID" 2>/dev/null
  fi
  [ "$NS_MADE" -eq 1 ] && netns_teardown "$NS"
  [ "$OWN_WORK" -eq 1 ] && rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

in_ns() { ip netns exec "$NS" "$@"; }

ip netns add "$NS" 2>"$WORK/netns.err" || skip "cannot create a network namespace: $(cat "$WORK/netns.err")"
NS_MADE=1
if ! { in_ns ip link set lo up &&
       in_ns ip tuntap add dev tap0 mode tap &&
       in_ns ip addr add "$SERVER/24" dev tap0 &&
       in_ns ip link set tap0 mtu 576 &&
       in_ns ip link set tap0 up; } 2>"$WORK/tap.err"; then
  skip "cannot create tap0 in namespace $NS: $(cat "$WORK/tap.err")"
fi

# Test PKI (made once per scratch dir), then the emulator inside the namespace.
bash "$ROOT/tests/emulator/gen_certs.sh" "$WORK/certs" >/dev/null || { echo "gen_certs.sh failed" >&2; exit 1; }
rm -f "$WORK/emu.port" "$WORK/emu.log"
in_ns python3 "$ROOT/tests/emulator/osfn_emulator.py" --host "$SERVER" --port 0 \
  --port-file "$WORK/emu.port" --certs-dir "$WORK/certs" --log "$WORK/emu.log" >"$WORK/emu.out" 2>&1 &
EMU_PID=$!
for _ in $(seq 1 150); do
  [ -s "$WORK/emu.port" ] && break
  kill -0 "$EMU_PID" 2>/dev/null || break
  sleep 0.1
done
if [ ! -s "$WORK/emu.port" ]; then
  echo "emulator did not start in $NS:" >&2
  cat "$WORK/emu.out" >&2
  exit 1
fi
PORT=$(cat "$WORK/emu.port")
echo "namespace $NS: tap0 $SERVER/24 (kernel, emulator on port $PORT), lwIP $LWIP_ADDR/24"

in_ns env PRECONFIGURED_TAPIF=tap0 OSFN_LWIP_PORT="$PORT" OSFN_LWIP_CA="$WORK/certs/ca.crt" \
  OSFN_LWIP_SERVER="$SERVER" OSFN_LWIP_ADDR="$LWIP_ADDR" timeout 60 "$BIN"
rc=$?
# The bytes went over tap0 (lwIP's side of the wire), not the kernel's loopback.
in_ns ip -s link show dev tap0 | awk '/RX:/{getline; rx=$1" B, "$2" packets"} /TX:/{getline; tx=$1" B, "$2" packets"}
  END {print "tap0 (kernel side): received " rx ", sent " tx}'
echo "emulator: $(wc -l <"$WORK/emu.log") requests logged"
[ $rc -eq 124 ] && echo "FAIL: the lwIP test program did not finish within 60 s"
exit $rc
