#!/usr/bin/env bash
# CLI contract tests for `osfn` (no network): --print-request against signing.md's
# vectors, exit codes, messages, masking of the token, and that no secret is printed.
# Usage: test_cli.sh path/to/osfn
set -u
OSFN=${1:?usage: test_cli.sh path/to/osfn}
pass=0
fail=0
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT

ok()   { pass=$((pass + 1)); }
bad()  { fail=$((fail + 1)); echo "FAIL: $*"; }
# run ENV... -- ARGS...: runs osfn with a clean credential environment plus ENV
run() {
  local envs=()
  while [ "$1" != "--" ]; do envs+=("$1"); shift; done
  shift
  env -u ALIBABA_CLOUD_ACCESS_KEY_ID -u ALIBABA_CLOUD_ACCESS_KEY_SECRET -u ALIBABA_CLOUD_SECURITY_TOKEN \
    "${envs[@]}" "$OSFN" "$@" >"$out" 2>"$err"
  rc=$?
}
expect_rc()  { [ "$rc" -eq "$1" ] && ok || bad "$2: exit $rc, want $1 ($(head -c 300 "$err"))"; }
expect_out() { grep -qF -- "$1" "$out" && ok || bad "$2: stdout lacks [$1]"; }
expect_err() { grep -qF -- "$1" "$err" && ok || bad "$2: stderr lacks [$1]"; }
no_secret()  { if grep -qF -- "$1" "$out" "$err"; then bad "$2: secret printed"; else ok; fi; }

K1=(ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI5tExampleKeyId ALIBABA_CLOUD_ACCESS_KEY_SECRET=ExampleSecret0123456789abcdefXY)
K2=(ALIBABA_CLOUD_ACCESS_KEY_ID=STS.ExampleTempKeyId ALIBABA_CLOUD_ACCESS_KEY_SECRET=ExampleTempSecret
    ALIBABA_CLOUD_SECURITY_TOKEN=CAIS.ExampleSecurityToken==)

# Vector 1 (V3): the authorization header byte for byte, CRLF line ends.
run "${K1[@]}" -- instance my_app_group ctr ctr_v1 --output detail --print-request \
    --date 2026-11-23T06:00:00Z --nonce 3156853299f313e23d1673dc12e1703d
expect_rc 0 "vector 1"
want=$'authorization: ACS3-HMAC-SHA256 Credential=LTAI5tExampleKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=4d5ee2ad5eaaec5efd27ee582f65936f137b1df507e891b6cab91869180a2d7f\r'
grep -qxF -- "$want" "$out" && ok || bad "vector 1: authorization differs"
head -1 "$out" | grep -qxF $'GET /v4/openapi/app-groups/my_app_group/functions/ctr/instances/ctr_v1?output=detail HTTP/1.1\r' && ok || bad "vector 1: request line"
[ "$(tail -c 4 "$out" | od -An -c | tr -d ' ')" = '\r\n\r\n' ] && ok || bad "vector 1: does not end with CRLF CRLF"
no_secret ExampleSecret0123456789abcdefXY "vector 1"

# Options before the command give the same bytes.
cp "$out" "$out.1"
run "${K1[@]}" -- --print-request --nonce 3156853299f313e23d1673dc12e1703d --date 2026-11-23T06:00:00Z \
    --output detail instance my_app_group ctr ctr_v1
cmp -s "$out" "$out.1" && ok || bad "options before the command change the request"
rm -f "$out.1"

# Vector 3 (ROA).
run "${K1[@]}" -- instance my_app_group ctr ctr_v1 --output detail --sig roa --print-request \
    --date 2026-11-23T06:00:00Z --nonce 3156853299f313e23d1673dc12e1703d
expect_rc 0 "vector 3"
expect_out $'authorization: acs LTAI5tExampleKeyId:7IXoVnSz+WSGk88r2bEtCk4VXlk=\r' "vector 3"
expect_out $'date: Mon, 23 Nov 2026 06:00:00 GMT\r' "vector 3"

# Vector 2 (V3 + STS): signature exact, token masked, never printed.
run "${K2[@]}" -- task my_app_group ctr ctr_v1 1626769100 --print-request \
    --date 2026-11-23T06:00:01Z --nonce a1b2c3d4e5f60718293a4b5c6d7e8f90
expect_rc 0 "vector 2"
expect_out "Signature=745ff5932124027e8639275d34504308eacb8f85e3afed24c055d7c06ffa87cb" "vector 2"
expect_out $'x-acs-security-token: ***\r' "vector 2 masks the token"
no_secret "CAIS.ExampleSecurityToken" "vector 2 token"
no_secret ExampleTempSecret "vector 2 secret"

# Vector 4 (ROA + STS).
run "${K2[@]}" -- task my_app_group ctr ctr_v1 1626769100 --sig roa --print-request \
    --date 2026-11-23T06:00:01Z --nonce a1b2c3d4e5f60718293a4b5c6d7e8f90
expect_out "authorization: acs STS.ExampleTempKeyId:VWjaIH/Py6FzXvZE3jGghwPByCc=" "vector 4"

# Vector 5 (encoding).
run "${K1[@]}" -- instance "my app" "模型" a~b.c-d_e --output simple --print-request \
    --date 2026-11-23T06:00:02Z --nonce 00000000000000000000000000000000
expect_out "GET /v4/openapi/app-groups/my%20app/functions/%E6%A8%A1%E5%9E%8B/instances/a~b.c-d_e?output=simple HTTP/1.1" "vector 5 path"
expect_out "Signature=1669dfd217ae4d70e0025844ee0c88f68f307ff4d5d9f3ca1fba88080715641a" "vector 5"

# A random nonce is 32 lower-case hex chars and differs between runs.
run "${K1[@]}" -- task a b c 1 --print-request
n1=$(grep -a '^x-acs-signature-nonce: ' "$out" | tr -d '\r' | cut -d' ' -f2)
run "${K1[@]}" -- task a b c 1 --print-request
n2=$(grep -a '^x-acs-signature-nonce: ' "$out" | tr -d '\r' | cut -d' ' -f2)
[[ "$n1" =~ ^[0-9a-f]{32}$ ]] && [ "$n1" != "$n2" ] && ok || bad "random nonce [$n1] [$n2]"

# Endpoint and region.
run "${K1[@]}" -- task a b c 1 --print-request --endpoint 127.0.0.1:8443
expect_out $'host: 127.0.0.1:8443\r' "endpoint host header"
run "${K1[@]}" -- task a b c 1 --print-request --region ap-southeast-1
expect_out $'host: opensearch.ap-southeast-1.aliyuncs.com\r' "region host"

# Usage errors: exit 2 with a message naming the problem.
run "${K1[@]}" -- instance a b c --output full --print-request
expect_rc 2 "bad output"; expect_err "output" "bad output"
run "${K1[@]}" -- instance a b --print-request
expect_rc 2 "missing arg"; expect_err "instance needs" "missing arg"
run "${K1[@]}" -- frobnicate a b c
expect_rc 2 "unknown command"; expect_err "unknown command" "unknown command"
run "${K1[@]}" -- task a b c 1 --bogus
expect_rc 2 "unknown option"; expect_err "--bogus" "unknown option"
run "${K1[@]}" -- task a b c 1 --sig v2 --print-request
expect_rc 2 "bad sig"; expect_err "--sig" "bad sig"
run "${K1[@]}" -- task a b c 1 --date 2026-11-23 --print-request
expect_rc 2 "bad date"; expect_err "--date" "bad date"
run "${K1[@]}" -- task a b c 1 --nonce xyz --print-request
expect_rc 2 "bad nonce"; expect_err "--nonce" "bad nonce"
run "${K1[@]}" -- task a b c 1 --endpoint "bad host" --print-request
expect_rc 2 "bad host"; expect_err "host" "bad host"
run "${K1[@]}" -- task a b c 1 --endpoint host:99999 --print-request
expect_rc 2 "bad port"; expect_err "port" "bad port"
run "${K1[@]}" -- task a b $'c\r\nx: y' 1 --print-request
expect_rc 2 "CRLF in value"; expect_err "control character" "CRLF in value"
run "${K1[@]}" -- task a b c "" --print-request
expect_rc 2 "empty value"; expect_err "empty" "empty value"
run "${K1[@]}" -- task a b c 1 --output detail --print-request
expect_rc 2 "--output on task"
run "${K1[@]}" -- task a b c 1 --timeout 0 --print-request
expect_rc 2 "bad timeout"

# Missing credentials: exit 2 naming the variables.
run -- task a b c 1 --print-request
expect_rc 2 "no credentials"
expect_err "ALIBABA_CLOUD_ACCESS_KEY_ID" "no credentials"
expect_err "ALIBABA_CLOUD_ACCESS_KEY_SECRET" "no credentials"
run ALIBABA_CLOUD_ACCESS_KEY_ID=x -- task a b c 1 --print-request
expect_rc 2 "no secret"

# Help.
run -- --help
expect_rc 0 "help"; expect_out "usage: osfn" "help"; expect_out "--print-request" "help"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
