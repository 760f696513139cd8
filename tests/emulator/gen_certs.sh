#!/usr/bin/env bash
# Make the emulator's test PKI with the openssl CLI (OpenSSL 3.0).
#
#   gen_certs.sh DIR [--force]
#
# Writes into DIR (created if missing):
#   ca.crt / ca.der            the test CA that clients trust (PEM / DER)
#   ca.key                     its key
#   other-ca.crt, other-ca.key a second, untrusted CA
#   server-good.{crt,key}      leaf from ca, names below, valid 2020-01-01 .. 2049-12-31
#   server-wrong-host.{crt,key} leaf from ca, only DNS:wrong-host.invalid
#   server-expired.{crt,key}   leaf from ca, right names, valid 2020-01-01 .. 2021-01-01
#   server-other-ca.{crt,key}  leaf from other-ca, right names
# Right names: DNS:opensearch.<region>.aliyuncs.com for each SDK region, DNS:localhost,
# IP:127.0.0.1. Keys are RSA 2048 and signatures SHA-256 (what mbedTLS 2.28 takes by default).
# Does nothing when every file is already there (unless --force). Concurrent runs on one DIR
# are serialised with flock.
set -euo pipefail

dir=${1:?usage: gen_certs.sh DIR [--force]}
force=${2:-}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

profiles="good wrong-host expired other-ca"
all_present() {
    local f
    for f in ca.crt ca.der ca.key other-ca.crt other-ca.key; do
        [ -s "$dir/$f" ] || return 1
    done
    for f in $profiles; do
        [ -s "$dir/server-$f.crt" ] && [ -s "$dir/server-$f.key" ] || return 1
    done
}

exec 9>"$dir/.gen.lock"
flock 9
if [ "$force" != "--force" ] && all_present; then
    exit 0
fi

work=$(mktemp -d "$dir/.gen.XXXXXX")
trap 'rm -rf "$work"' EXIT

regions="cn-hangzhou cn-shanghai cn-beijing cn-zhangjiakou cn-shenzhen cn-qingdao cn-hongkong
ap-southeast-1 ap-southeast-5 us-east-1 eu-central-1"
good_san="DNS:localhost,IP:127.0.0.1"
for r in $regions; do
    good_san="$good_san,DNS:opensearch.$r.aliyuncs.com"
done

# One minimal `openssl ca` configuration serves both CAs: the CA's own directory is passed
# with -keyfile/-cert/-outdir, its database lives under $work/db-<ca>.
cat >"$work/ca.cnf" <<'EOF'
[ca]
default_ca = test_ca
[test_ca]
database = $ENV::DB/index.txt
serial = $ENV::DB/serial
new_certs_dir = $ENV::DB
default_md = sha256
policy = policy_any
copy_extensions = none
unique_subject = no
[policy_any]
commonName = supplied
organizationName = optional
[v3_ca]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[v3_leaf]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = $ENV::SAN
EOF

newkey() { openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1" 2>/dev/null; }

# sign CA_NAME SUBJECT_CN KEY OUT START END EXT SAN  (CA_NAME "self:<name>" = self-signed CA)
sign() {
    local ca=$1 cn=$2 key=$3 out=$4 start=$5 end=$6 ext=$7 san=$8 db cakey cacrt
    local extra=()
    case $ca in
        self:*) ca=${ca#self:}; cakey=$key; extra=(-selfsign) ;;
        *) cakey="$work/$ca.key"; extra=(-cert "$work/$ca.crt") ;;
    esac
    db="$work/db-$ca"
    mkdir -p "$db"
    [ -f "$db/index.txt" ] || { : >"$db/index.txt"; openssl rand -hex 16 >"$db/serial"; }
    openssl req -new -key "$key" -subj "/O=osfn tests/CN=$cn" -out "$work/req.csr"
    DB=$db SAN=$san openssl ca -batch -notext -config "$work/ca.cnf" -keyfile "$cakey" \
        "${extra[@]}" -in "$work/req.csr" -out "$out" -startdate "$start" -enddate "$end" \
        -extensions "$ext" 2>/dev/null
}

for ca in ca other-ca; do
    newkey "$work/$ca.key"
    sign "self:$ca" "osfn $ca test root" "$work/$ca.key" "$work/$ca.crt" \
        20200101000000Z 20491231235959Z v3_ca ""
done

leaf() {  # leaf PROFILE ISSUER CN START END SAN
    newkey "$work/server-$1.key"
    sign "$2" "$3" "$work/server-$1.key" "$work/server-$1.crt" "$4" "$5" v3_leaf "$6"
}
host=opensearch.cn-hangzhou.aliyuncs.com
leaf good ca "$host" 20200101000000Z 20491231235959Z "$good_san"
leaf wrong-host ca wrong-host.invalid 20200101000000Z 20491231235959Z "DNS:wrong-host.invalid"
leaf expired ca "$host" 20200101000000Z 20210101000000Z "$good_san"
leaf other-ca other-ca "$host" 20200101000000Z 20491231235959Z "$good_san"
openssl x509 -in "$work/ca.crt" -outform DER -out "$work/ca.der"

for f in ca.crt ca.der ca.key other-ca.crt other-ca.key; do
    mv -f "$work/$f" "$dir/$f"
done
for p in $profiles; do
    mv -f "$work/server-$p.key" "$dir/server-$p.key"
    mv -f "$work/server-$p.crt" "$dir/server-$p.crt"
done
chmod 600 "$dir"/*.key
echo "gen_certs.sh: test PKI written to $dir (trust $dir/ca.crt)" >&2
