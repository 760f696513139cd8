#!/usr/bin/env bash
# The demo: build osfn, start the local emulator of the OpenSearch service on a free
# loopback port (with its own test CA), and run both calls against it over TLS:
#   osfn instance my-app ctr ctr_test --output detail
#   osfn task my-app ctr ctr_test 3
# No Alibaba Cloud account needed. The emulator is stopped on exit, even on failure.
set -euo pipefail
source "$(dirname "$0")/common.sh"
"$ROOT/scripts/deps.sh" "${BASE_PKGS[@]}" || exit 1

echo "building osfn (build/bin/osfn)..."
BUILD_TARGET=osfn_cli configure_build "$ROOT/build" gcc -DCMAKE_BUILD_TYPE=RelWithDebInfo
OSFN="$ROOT/build/bin/osfn"

EMU_DIR=$(mktemp -d)
source "$ROOT/tests/e2e/emulators.sh"
cleanup() { emu_stop_all; rm -rf "$EMU_DIR"; }
trap cleanup EXIT
bash "$ROOT/tests/emulator/gen_certs.sh" "$EMU_DIR/certs" >/dev/null 2>&1
emu_start demo good

# The emulator knows this example key pair (tests/emulator/fixtures.json); it is not a real one.
export ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI5tExampleKeyId
export ALIBABA_CLOUD_ACCESS_KEY_SECRET=ExampleSecret0123456789abcdefXY
unset ALIBABA_CLOUD_SECURITY_TOKEN
common=(--endpoint "localhost:$EMU_PORT_demo" --ca-file "$EMU_DIR/certs/ca.crt")

echo "emulator: https://localhost:$EMU_PORT_demo (test CA $EMU_DIR/certs/ca.crt)"
echo
echo "\$ osfn instance my-app ctr ctr_test --output detail"
"$OSFN" "${common[@]}" instance my-app ctr ctr_test --output detail
echo
echo "\$ osfn task my-app ctr ctr_test 3"
"$OSFN" "${common[@]}" task my-app ctr ctr_test 3
echo
echo "\$ osfn --sig roa --json task my-app ctr ctr_test 3"
"$OSFN" "${common[@]}" --sig roa --json task my-app ctr ctr_test 3
echo
echo "\$ osfn --print-request instance my-app ctr ctr_test --output detail   (the signed bytes)"
"$OSFN" "${common[@]}" --print-request instance my-app ctr ctr_test --output detail
