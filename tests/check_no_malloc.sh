#!/usr/bin/env bash
# Fails when a static library references an allocator: the library is zero-malloc.
# Usage: check_no_malloc.sh libosfn.a
set -euo pipefail
lib=$1
[ -f "$lib" ] || { echo "no such library: $lib"; exit 2; }
objs=$(nm -A "$lib" 2>/dev/null | grep -c ' T ' || true)
[ "$objs" -gt 0 ] || { echo "no defined functions in $lib: wrong file?"; exit 2; }
bad=$(nm -u -A "$lib" | grep -Ew '(malloc|calloc|realloc|free|strdup|strndup|mbedtls_md_setup|mbedtls_calloc|mbedtls_free)$' || true)
if [ -n "$bad" ]; then
  echo "allocator references in $lib:"
  echo "$bad"
  echo "0 passed, 1 failed"
  exit 1
fi
echo "no allocator referenced by $(nm -A "$lib" | awk -F: '{print $2}' | sort -u | wc -l) objects"
echo "1 passed, 0 failed"
