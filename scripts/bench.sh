#!/usr/bin/env bash
# Benchmark: host CPU per operation in instructions (valgrind callgrind, deterministic),
# wire bytes per poll, TLS handshakes per 100 polls in three connection modes, and
# mbedTLS's heap (a calloc/free wrapper). Builds tests/bench as its own project in
# build/bench (mbedTLS linked statically, so the wrapper sees its allocations), runs one
# emulator on 127.0.0.1, prints ONE table and writes it to docs/bench.md.
# No figure is checked against a limit: the script fails only when something does not run.
# Usage: scripts/bench.sh [--mbedtls-root DIR] [--out FILE]
#   --mbedtls-root DIR  another mbedTLS install (e.g. build/mbedtls-3.6 from
#                       scripts/mbedtls36.sh); default Debian's libmbedtls-dev
#   --out FILE          where the table goes (default docs/bench.md)
set -uo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "$0")/common.sh"

MBED_ROOT=""
OUT="$ROOT/docs/bench.md"
while [ $# -gt 0 ]; do
  case "$1" in
    --mbedtls-root) MBED_ROOT=$(cd "$2" && pwd) || exit 2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    *) echo "usage: $0 [--mbedtls-root DIR] [--out FILE]" >&2; exit 2 ;;
  esac
done

"$ROOT/scripts/deps.sh" "${BASE_PKGS[@]}" valgrind || exit 1
t0=$(date +%s)

BUILD="$ROOT/build/bench${MBED_ROOT:+-$(basename "$MBED_ROOT")}"
CPU_RUNS=200     # sign / parse operations per callgrind run
CALL_RUNS=40     # calls on the kept-alive connection per callgrind run
RESUMED_RUNS=5   # resumed handshakes per callgrind run

die() { echo "bench: $*" >&2; exit 1; }

# ---- build -------------------------------------------------------------------------
echo "== building the benchmark in ${BUILD#"$ROOT"/}"
mkdir -p "$BUILD"
if ! { cmake -S "$ROOT/tests/bench" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
         ${MBED_ROOT:+-DMBEDTLS_ROOT="$MBED_ROOT"} &&
       cmake --build "$BUILD" -j "$(nproc)"; } >"$BUILD/build.log" 2>&1; then
  cat "$BUILD/build.log" >&2
  die "build failed"
fi
CPU_BIN="$BUILD/osfn_bench_cpu"
NET_BIN="$BUILD/osfn_bench_net"

# ---- emulator ------------------------------------------------------------------------
EMU_DIR="$BUILD/emu"
mkdir -p "$EMU_DIR"
source "$ROOT/tests/e2e/emulators.sh"
trap emu_stop_all EXIT
emu_start bench good || die "emulator did not start"
# shellcheck disable=SC2154 # EMU_PORT_bench is set by emu_start
PORT=$EMU_PORT_bench
CA="$EMU_DIR/certs/ca.crt"

# ---- results: key=value lines into R[] -------------------------------------------------
declare -A R
load() { # load PREFIX FILE: R[PREFIX.key]=value
  local k v
  while IFS='=' read -r k v; do
    [ -n "$k" ] && R["$1.$k"]=$v
  done <"$2"
}

echo "== wire bytes, handshakes per 100 polls, heap"
"$NET_BIN" wire "$PORT" "$CA" "$BUILD/detail.http" >"$BUILD/wire.txt" 2>"$BUILD/wire.log" ||
  { cat "$BUILD/wire.txt" "$BUILD/wire.log" >&2; die "wire run failed"; }
load w "$BUILD/wire.txt"

# cg NAME TOGGLE CMD...: callgrind, counting only TOGGLE and its callees; R[cg.NAME]=total Ir
cg() {
  local name=$1 toggle=$2 out="$BUILD/callgrind.$1.out"
  shift 2
  rm -f "$out"
  if ! LD_BIND_NOW=1 valgrind --tool=callgrind --callgrind-out-file="$out" --toggle-collect="$toggle" \
       "$@" >"$BUILD/callgrind.$name.txt" 2>"$BUILD/callgrind.$name.log"; then
    cat "$BUILD/callgrind.$name.txt" "$BUILD/callgrind.$name.log" >&2
    die "callgrind run $name failed"
  fi
  R["cg.$name"]=$(sed -n 's/^totals: *\([0-9]*\).*/\1/p' "$out")
  [ -n "${R["cg.$name"]}" ] || die "no totals in $out"
  load "$name" "$BUILD/callgrind.$name.txt"
}

echo "== instructions (callgrind)"
for op in sign-v3-task sign-roa-task sign-v3-instance sign-roa-instance; do
  cg "$op" bench_op "$CPU_BIN" "$op" "$CPU_RUNS"
done
cg parse-detail bench_op "$CPU_BIN" parse-detail "$CPU_RUNS" "$BUILD/detail.http"
cg call-task bench_call "$NET_BIN" call-task "$PORT" "$CA" "$CALL_RUNS"
cg call-detail bench_call "$NET_BIN" call-detail "$PORT" "$CA" "$CALL_RUNS"
# Handshakes: one dump per osfn_tls_handshake call (.1 the full one, then the resumed ones).
HS_OUT="$BUILD/callgrind.handshakes.out"
rm -f "$HS_OUT" "$HS_OUT".*
LD_BIND_NOW=1 valgrind --tool=callgrind --callgrind-out-file="$HS_OUT" --toggle-collect=osfn_tls_handshake \
  --dump-after=osfn_tls_handshake "$NET_BIN" handshakes "$PORT" "$CA" "$RESUMED_RUNS" \
  >"$BUILD/callgrind.handshakes.txt" 2>"$BUILD/callgrind.handshakes.log" ||
  { cat "$BUILD/callgrind.handshakes.txt" "$BUILD/callgrind.handshakes.log" >&2; die "callgrind run handshakes failed"; }
hs_total() { sed -n 's/^totals: *\([0-9]*\).*/\1/p' "$HS_OUT.$1"; }
full_ir=$(hs_total 1)
resumed_sum=0
for i in $(seq 2 $((RESUMED_RUNS + 1))); do
  [ -f "$HS_OUT.$i" ] || die "missing $HS_OUT.$i"
  resumed_sum=$((resumed_sum + $(hs_total "$i")))
done
resumed_ir=$((resumed_sum / RESUMED_RUNS))

# ---- figures -----------------------------------------------------------------------------
per() { echo $(( ($1 + $2 / 2) / $2 )); }           # rounded division
grp() { echo "$1" | sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/' -e 'ta'; }  # 1234567 -> 1,234,567
ins() { grp "$(per "${R["cg.$1"]}" "$2")"; }
P=${R[w.polls]}
for m in fresh keepalive resume; do
  R[$m.up]=$(per "${R[w.${m}_tcp_up]}" "$P")
  R[$m.down]=$(per "${R[w.${m}_tcp_down]}" "$P")
done
for k in w.heap_config w.heap_rig w.heap_peak_full_handshake w.heap_peak_resumed_handshake \
         w.heap_peak_call w.heap_held_connected w.heap_held_closed w.heap_end; do
  [ -n "${R[$k]:-}" ] || die "missing $k in the wire run"
done
heap_note=""
res_note=""
if [ "${R[w.resume_resumed]}" -eq 0 ]; then
  res_note=" -- NO session was resumed: these handshakes were full ones"
fi
# The wrapper sees mbedTLS's heap only while mbedTLS calls calloc/free itself.
MBED_INC=$(sed -n 's/^MBEDTLS_INCLUDE_DIR:[A-Z]*=//p' "$BUILD/CMakeCache.txt")
if grep -qs '^#define MBEDTLS_PLATFORM_MEMORY' "$MBED_INC/mbedtls/config.h" "$MBED_INC/mbedtls/mbedtls_config.h"; then
  heap_note=" (MBEDTLS_PLATFORM_MEMORY is on: allocations through another allocator are missed)"
fi
if [ "${R[w.heap_rig]}" -eq 0 ]; then
  heap_note=" (0: mbedTLS is linked shared, the wrapper cannot see it)"
fi

CPU_MODEL=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
CC_VER=$(sed -n 's/^CMAKE_C_COMPILER:[A-Z]*=//p' "$BUILD/CMakeCache.txt")
CC_VER="$("$CC_VER" --version | head -1)"
VG_VER=$(valgrind --version)
DATE=$(date -u +%Y-%m-%dT%H:%MZ)
t1=$(date +%s)

table() {
  cat <<EOF
| measure | figure | notes |
|---|---|---|
| **CPU, instructions per operation** | | callgrind, x86-64, -O2 (RelWithDebInfo) |
| sign + build GetFunctionTask request, V3 | $(ins sign-v3-task "$CPU_RUNS") | ${R[sign-v3-task.request_bytes]} B request, real service host |
| sign + build GetFunctionTask request, ROA | $(ins sign-roa-task "$CPU_RUNS") | ${R[sign-roa-task.request_bytes]} B |
| sign + build GetFunctionInstance detail request, V3 | $(ins sign-v3-instance "$CPU_RUNS") | ${R[sign-v3-instance.request_bytes]} B |
| sign + build GetFunctionInstance detail request, ROA | $(ins sign-roa-instance "$CPU_RUNS") | ${R[sign-roa-instance.request_bytes]} B |
| read + map a detail response | $(ins parse-detail "$CPU_RUNS") | HTTP reader over memory + osfn_parse_instance; ${R[parse-detail.response_bytes]} B, ${R[parse-detail.tokens]} tokens |
| whole GetFunctionTask call, kept-alive TLS | $(ins call-task "$CALL_RUNS") | sign, TLS write, read, map; no handshake; mean of $CALL_RUNS |
| whole GetFunctionInstance detail call, kept-alive TLS | $(ins call-detail "$CALL_RUNS") | same |
| TLS handshake, full (client side) | $(grp "$full_ir") | osfn_tls_handshake; ${R[w.tls_version]} ${R[w.ciphersuite]} |
| TLS handshake, resumed (client side) | $(grp "$resumed_ir") | mean of $RESUMED_RUNS$res_note |
| **Wire bytes per poll** | | a poll = one GetFunctionTask, V3 |
| HTTP request / response, GetFunctionTask | $(per "${R[w.keepalive_http_up]}" "$P") / $(per "${R[w.keepalive_http_down]}" "$P") B | client stats; Host \`localhost:PORT\` (the service's host is 20 B longer) |
| HTTP request / response, GetFunctionInstance detail | ${R[w.detail_request_bytes]} / ${R[w.detail_response_bytes]} B | body ${R[w.detail_body_bytes]} B |
| TCP up / down per poll, fresh connection each poll | ${R[fresh.up]} / ${R[fresh.down]} B | TLS records + handshake + close_notify, counted under TLS |
| TCP up / down per poll, keep-alive | ${R[keepalive.up]} / ${R[keepalive.down]} B | one handshake over $P polls |
| TCP up / down per poll, reconnect with resumption | ${R[resume.up]} / ${R[resume.down]} B | closed after each poll, session kept |
| TLS handshake bytes up / down, full | ${R[w.hs_full_up]} / ${R[w.hs_full_down]} B | at TCP, during connect |
| TLS handshake bytes up / down, resumed | ${R[w.hs_resumed_up]} / ${R[w.hs_resumed_down]} B | mean over $(( P - 1 ))$res_note |
| **TLS handshakes per 100 polls** | | emulator's /__admin/counters |
| fresh connection each poll (new TLS config) | ${R[w.fresh_full]} full + ${R[w.fresh_resumed]} resumed | ${R[w.fresh_connections]} TCP connections |
| keep-alive (one connection) | ${R[w.keepalive_full]} full + ${R[w.keepalive_resumed]} resumed | ${R[w.keepalive_connections]} TCP connection(s) |
| reconnect with session resumption | ${R[w.resume_full]} full + ${R[w.resume_resumed]} resumed | ${R[w.resume_connections]} TCP connections |
| **mbedTLS heap, bytes in use**$heap_note | | calloc/free wrapper (-Wl,--wrap), static mbedTLS |
| TLS config + CA (one test CA) | ${R[w.heap_config]} | |
| + connection object (mbedtls_ssl_setup) | ${R[w.heap_rig]} | total before the first connect |
| peak during a full handshake | ${R[w.heap_peak_full_handshake]} | ${R[w.heap_full_allocs]} calloc calls |
| peak during a resumed handshake | ${R[w.heap_peak_resumed_handshake]} | ${R[w.hs_resumed_allocs]} calloc calls$res_note |
| peak during a call (kept-alive connection) | ${R[w.heap_peak_call]} | |
| held between polls: connected / closed with session | ${R[w.heap_held_connected]} / ${R[w.heap_held_closed]} | after everything is freed: ${R[w.heap_end]} |
EOF
}

{
  echo "# Benchmark"
  echo
  echo "Written by \`scripts/bench.sh\` (build dir \`${BUILD#"$ROOT"/}\`), $DATE. Host: $CPU_MODEL,"
  echo "$(nproc) cores, $(uname -sm). Compiler: $CC_VER. mbedTLS ${R[w.mbedtls_version]},"
  echo "${R[w.tls_version]} with the emulator (\`tests/emulator\`, Python $(python3 -c 'import ssl,sys; print("%d.%d, %s" % (sys.version_info[0], sys.version_info[1], ssl.OPENSSL_VERSION))')) on 127.0.0.1. $VG_VER."
  echo "Instructions are host x86-64 figures, a relative measure for a Cortex-M; they include"
  echo "mbedTLS's hashing and record crypto where the operation uses it. The offline rows repeat"
  echo "exactly; the rows with the emulator vary by about 2 % between runs (the server's key"
  echo "share, the Date header, how often a read finds nothing yet)."
  echo
  table
  echo
  echo "How: \`tests/bench/bench_cpu.c\` runs one operation $CPU_RUNS times inside \`bench_op()\`"
  echo "(callgrind \`--toggle-collect=bench_op\`, fixed time and nonce, after one warm-up); the"
  echo "detail response is the emulator's, captured by \`tests/bench/bench_net.c\`, which also"
  echo "makes the $P polls per mode, counts bytes by wrapping the POSIX TCP transport under TLS,"
  echo "and counts heap with \`-Wl,--wrap=calloc,--wrap=free\` over mbedTLS's static archives."
  echo "Handshake instructions: \`--toggle-collect=osfn_tls_handshake --dump-after=osfn_tls_handshake\`"
  echo "over one full handshake and $RESUMED_RUNS resumed ones (each connection carries one poll, so a"
  echo "TLS 1.3 ticket is read before the next connect)."
} >"$BUILD/bench.md"

echo
table
echo
cp "$BUILD/bench.md" "$OUT" || die "cannot write $OUT"
echo "bench: written to ${OUT#"$ROOT"/} (mbedTLS ${R[w.mbedtls_version]}, ${R[w.tls_version]}) in $((t1 - t0)) s"
