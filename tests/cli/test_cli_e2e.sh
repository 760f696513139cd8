#!/usr/bin/env bash
# The CLI against the emulator: results, exit codes, watch, retries, and that neither
# the secret nor the security token appears in any output, verbose included.
# Usage: test_cli_e2e.sh path/to/osfn SCRATCH_DIR
set -u
OSFN=$1
EMU_DIR=$2
mkdir -p "$EMU_DIR"
source "$(dirname "$0")/../e2e/emulators.sh"
trap emu_stop_all EXIT
bash "$EMU_ROOT/tests/emulator/gen_certs.sh" "$EMU_DIR/certs" >/dev/null 2>&1 || exit 1
emu_start cli good || exit 1
emu_start cliother other-ca || exit 1
PORT=$EMU_PORT_cli
CA="$EMU_DIR/certs/ca.crt"
SECRET=ExampleSecret0123456789abcdefXY
TSECRET=ExampleTempSecret
TOKEN=CAIS.ExampleSecurityToken==
ALL_OUT="$EMU_DIR/all-output.txt"
: >"$ALL_OUT"
pass=0
fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# admin PATH JSON: POST to the emulator's admin API (python3: no curl needed)
admin() {
  python3 - "$PORT" "$CA" "$1" "$2" <<'PY'
import http.client, ssl, sys
port, ca, path, body = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
ctx = ssl.create_default_context(cafile=ca)
c = http.client.HTTPSConnection("localhost", port, context=ctx, timeout=10)
c.request("POST", path, body=body, headers={"content-type": "application/json"})
r = c.getresponse()
sys.exit(0 if r.status == 200 else 1)
PY
}

# run CREDS-SET ARGS...: run osfn -v against the emulator; keeps stdout/stderr, and all output
run() {
  local creds=$1
  shift
  if [ "$creds" = sts ]; then
    env ALIBABA_CLOUD_ACCESS_KEY_ID=STS.ExampleTempKeyId ALIBABA_CLOUD_ACCESS_KEY_SECRET=$TSECRET \
      ALIBABA_CLOUD_SECURITY_TOKEN=$TOKEN "$OSFN" -v --endpoint "localhost:$PORT" --ca-file "$CA" "$@" \
      >"$EMU_DIR/out" 2>"$EMU_DIR/err"
  else
    env -u ALIBABA_CLOUD_SECURITY_TOKEN ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI5tExampleKeyId \
      ALIBABA_CLOUD_ACCESS_KEY_SECRET=$SECRET "$OSFN" -v --endpoint "localhost:$PORT" --ca-file "$CA" "$@" \
      >"$EMU_DIR/out" 2>"$EMU_DIR/err"
  fi
  rc=$?
  cat "$EMU_DIR/out" "$EMU_DIR/err" >>"$ALL_OUT"
}
expect() { [ "$rc" -eq "$1" ] && ok || bad "$2: exit $rc, want $1: $(head -c 400 "$EMU_DIR/err")"; }
has_out() { grep -qF -- "$1" "$EMU_DIR/out" && ok || bad "$2: stdout lacks [$1]"; }
has_err() { grep -qF -- "$1" "$EMU_DIR/err" && ok || bad "$2: stderr lacks [$1]"; }

# success, readable and JSON, both schemes, STS
run key instance my-app ctr ctr_test --output detail
expect 0 "instance detail"; has_out "task          running, 30%" "instance detail"
run sts task my-app ctr ctr_test 3 --json --sig roa
expect 0 "task json sts roa"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["result"]["progress"]==100 and d["result"]["status"]=="success"' \
  "$EMU_DIR/out" && ok || bad "task --json is not the expected JSON"
run sts instance my-app ctr ctr_test --output simple
expect 0 "instance simple sts"

# API errors: exit 3, code and request id on stderr
run key task my-app ctr ctr_test 99
expect 3 "Task.NotExist"; has_err "Task.NotExist" "Task.NotExist"; has_err "request id" "Task.NotExist"
env -u ALIBABA_CLOUD_SECURITY_TOKEN ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI5tExampleKeyId ALIBABA_CLOUD_ACCESS_KEY_SECRET=wrong \
  "$OSFN" -v --endpoint "localhost:$PORT" --ca-file "$CA" task my-app ctr ctr_test 3 >"$EMU_DIR/out" 2>"$EMU_DIR/err"
rc=$?; cat "$EMU_DIR/out" "$EMU_DIR/err" >>"$ALL_OUT"
expect 3 "wrong secret"; has_err "SignatureDoesNotMatch" "wrong secret"

# retries: two 503s, then success; verbose says so
admin /__admin/fault '{"mode":"status503","count":2}' || bad "admin fault"
run sts task my-app ctr ctr_test 3
expect 0 "retried 503"; has_err "retrying" "retried 503"; has_err "3 attempt(s)" "retried 503"
# network: a stalled response times out (exit 4) after the retries
admin /__admin/fault '{"mode":"stall","arg":3,"count":3}' || bad "admin fault"
run key task my-app ctr ctr_test 3 --timeout 0.5
expect 4 "stall"; has_err "OSFN_ERR_TIMEOUT" "stall"
admin /__admin/reset '{}' || bad "admin reset"
# oversize: exit 5 with the size needed
admin /__admin/fault '{"mode":"oversize","arg":200000}' || bad "admin fault"
run key task my-app ctr ctr_test 3
expect 5 "oversize"; has_err "needs a" "oversize"
# an HTML error page: not an API error (no JSON body): exit 5 after the retries
admin /__admin/fault '{"mode":"html","count":3}' || bad "admin fault"
run key task my-app ctr ctr_test 3
expect 5 "html error page"; has_err "HTTP 502" "html error page"
admin /__admin/reset '{}' || bad "admin reset"
# a server whose certificate is from another CA: exit 4
env ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI5tExampleKeyId ALIBABA_CLOUD_ACCESS_KEY_SECRET=$SECRET \
  "$OSFN" -v --endpoint "localhost:$EMU_PORT_cliother" --ca-file "$CA" task my-app ctr ctr_test 3 >"$EMU_DIR/out" 2>"$EMU_DIR/err"
rc=$?; cat "$EMU_DIR/out" "$EMU_DIR/err" >>"$ALL_OUT"
expect 4 "untrusted certificate"; has_err "OSFN_ERR_TLS_CERT" "untrusted certificate"

# watch: task failing (exit 3), task succeeding (exit 0), deadline (exit 4), instance available (exit 0)
admin /__admin/reset '{}' || bad "admin reset"
run sts watch my-app ctr ctr_training --task 8 --interval 0.3 --deadline 30
expect 3 "watch failing task"; has_out "failed, 60%" "watch failing task"
run key watch my-app ctr ctr_training --task 7 --interval 0.3 --deadline 30
expect 0 "watch task"; has_out "task succeeded" "watch task"; has_out "running" "watch task progress lines"
admin /__admin/reset '{}' || bad "admin reset"   # ctr_warming: available 10 s after this
run key watch my-app ctr ctr_warming --until available --interval 0.2 --deadline 0.5
expect 4 "watch deadline"
admin /__admin/advance '{"seconds":60}' || bad "admin advance"
run key watch my-app ctr ctr_warming --until available --interval 0.2 --deadline 10
expect 0 "watch available"; has_out "instance available" "watch available"
run key watch my-app ctr nope --interval 0.2 --deadline 5
expect 3 "watch unknown instance"; has_err "Instance.NotExist" "watch unknown instance"

# no secret and no token anywhere in what the CLI printed, on any path
for s in "$SECRET" "$TSECRET" "$TOKEN"; do
  if grep -qF -- "$s" "$ALL_OUT"; then bad "a secret appears in the CLI's output"; else ok; fi
done
[ -s "$ALL_OUT" ] && ok || bad "no output collected"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
