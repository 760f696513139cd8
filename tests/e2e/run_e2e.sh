#!/usr/bin/env bash
# Run the end-to-end tests: start emulators (good certificate, other CA, wrong host
# name, expired), run the test binary against them, stop them whatever happens.
# Usage: run_e2e.sh path/to/osfn_e2e_tests SCRATCH_DIR
set -u
BIN=$1
EMU_DIR=$2
mkdir -p "$EMU_DIR"
source "$(dirname "$0")/emulators.sh"
trap emu_stop_all EXIT
# generate the test PKI once, before several emulators race to do it
[ -f "$EMU_DIR/certs/ca.crt" ] || bash "$EMU_ROOT/tests/emulator/gen_certs.sh" "$EMU_DIR/certs" >/dev/null || exit 1
emu_start good good && emu_start otherca other-ca && emu_start wronghost wrong-host &&
  emu_start expired expired || exit 1
export OSFN_E2E_CA="$EMU_DIR/certs/ca.crt" OSFN_E2E_PORT=$EMU_PORT_good \
  OSFN_E2E_PORT_OTHER_CA=$EMU_PORT_otherca OSFN_E2E_PORT_WRONG_HOST=$EMU_PORT_wronghost \
  OSFN_E2E_PORT_EXPIRED=$EMU_PORT_expired
# One process per suite: the TLS pool suites install a process-wide mbedTLS allocator.
rc=0
for suite in e2e tls_pool tls_pool_small; do
  "$BIN" "$suite" || rc=1
done
exit $rc
