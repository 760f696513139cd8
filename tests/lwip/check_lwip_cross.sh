#!/usr/bin/env bash
# Cross-compile the lwIP port, and the shared TCP + TLS endpoint it plugs into
# (port/mbedtls/osfn_tls_endpoint.c), for Cortex-M4 (arm-none-eabi-gcc, newlib) against lwIP
# 2.1.3's own headers (from liblwip-dev, without Debian's lwipopts.h and arch/) with the
# embedded-style lwipopts.h in tests/lwip/embedded/, in two variants that take the
# port's other code paths (IPv4 + DNS + int-millisecond timeouts; IPv4/IPv6 + no DNS +
# struct timeval). -Werror. Also checks the objects need no 64-bit division helper.
# Ends with "N passed, N failed"; prints SKIP and exits 0 without the toolchain or headers.
# Usage: check_lwip_cross.sh [OUT_DIR]   (default: build/lwip-cross)
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${1:-$ROOT/build/lwip-cross}
CC=arm-none-eabi-gcc
LWIP_HDRS=${LWIP_HDRS:-/usr/include/lwip}
MBEDTLS_HDRS=${MBEDTLS_HDRS:-/usr/include/mbedtls}
command -v "$CC" >/dev/null 2>&1 || { echo "SKIP: $CC not installed (gcc-arm-none-eabi)"; exit 0; }
[ -f "$LWIP_HDRS/lwip/sockets.h" ] || { echo "SKIP: lwIP headers not found in $LWIP_HDRS (liblwip-dev)"; exit 0; }
[ -f "$MBEDTLS_HDRS/ssl.h" ] || { echo "SKIP: mbedTLS headers not found in $MBEDTLS_HDRS (libmbedtls-dev)"; exit 0; }

rm -rf "$OUT"
mkdir -p "$OUT/inc"
# Only lwIP's own header trees and mbedTLS: not Debian's lwipopts.h, arch/ or the host's libc.
ln -s "$LWIP_HDRS/lwip" "$OUT/inc/lwip"
ln -s "$LWIP_HDRS/netif" "$OUT/inc/netif"
ln -s "$MBEDTLS_HDRS" "$OUT/inc/mbedtls"
pass=0
fail=0
for v in 1 2; do
  # The port, and the shared TCP + TLS endpoint it plugs into (port/mbedtls).
  for src in port/lwip/osfn_port_lwip.c port/mbedtls/osfn_tls_endpoint.c; do
    name=$(basename "$src" .c)
    obj="$OUT/$name.v$v.o"
    if "$CC" -std=c99 -mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16 -Os \
         -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
         -DOSFN_LWIPOPTS_VARIANT=$v '-DMBEDTLS_CONFIG_FILE="mbedtls_config_cross.h"' \
         -I"$ROOT/tests/lwip/embedded" -I"$OUT/inc" -I"$ROOT/lib/include" -I"$ROOT/port/lwip" \
         -I"$ROOT/port/mbedtls" -c "$ROOT/$src" -o "$obj" >"$OUT/$name.v$v.log" 2>&1; then
      echo "ok    variant $v: $name.c for Cortex-M4, text $(arm-none-eabi-size "$obj" | awk 'END {print $1}') B;" \
           "lwIP calls: $(arm-none-eabi-nm -u "$obj" | awk '$2 ~ /^(lwip_|sys_|netconn_|ip)/ {printf "%s ", $2}')"
      pass=$((pass + 1))
      if arm-none-eabi-nm -u "$obj" | grep -q '__aeabi_[lu]*div'; then
        echo "FAIL  variant $v: $name.c needs a 64-bit division helper"; fail=$((fail + 1))
      else
        echo "ok    variant $v: $name.c needs no 64-bit division helper"; pass=$((pass + 1))
      fi
    else
      echo "FAIL  variant $v: $name.c:"; sed 's/^/        /' "$OUT/$name.v$v.log"; fail=$((fail + 1))
    fi
  done
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
