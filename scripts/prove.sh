#!/usr/bin/env bash
# Frama-C proofs of the parsers and builders (tests/proofs/, docs/proofs.md).
#
# Each harness is one Frama-C session: Eva explores every input the harness
# allows (arbitrary bytes, lengths, splits, buffer sizes), then WP proves the
# ACSL contracts and assertions that Eva's non-relational domain cannot see
# (and every run-time-error condition of those functions), then the Report
# plugin consolidates both: a property counts as proved when Eva or WP proved
# it. One line per harness: "proved" or "N alarms" (the unproved properties
# are listed below it and kept in build/proofs/<harness>.csv / .log).
#
# Usage: scripts/prove.sh [--quick] [harness...]
#   --quick   smaller bounds (the subset ./scripts/test.sh runs)
# Exit status: 0 when every harness is proved, 1 otherwise, 2 on a tool error.
set -uo pipefail
source "$(dirname "$0")/common.sh"
"$ROOT/scripts/deps.sh" frama-c-base why3 z3 cvc4 libmbedtls-dev libjsmn-dev || exit 2

QUICK=0
ONLY=()
for a in "$@"; do
  case "$a" in
    --quick) QUICK=1 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) ONLY+=("$a") ;;
  esac
done

OUT="$ROOT/build/proofs"
mkdir -p "$OUT"
# WP reaches its provers through Why3; keep Why3's prover list inside build/.
export WHY3CONFIG="$OUT/why3.conf"
if [ ! -s "$WHY3CONFIG" ]; then
  why3 config detect >"$OUT/why3-detect.log" 2>&1 || { cat "$OUT/why3-detect.log" >&2; exit 2; }
fi

cd "$ROOT" || exit 2
P=tests/proofs
CPP="-I lib/include -I lib/src -I $P -idirafter /usr/include"
EVA_COMMON=(-eva -eva-no-show-progress -eva-split-limit 2000 -eva-split-return auto
            -eva-auto-loop-unroll 128 -eva-slevel 10 -eva-warn-key garbled-mix=active)
WP_COMMON=(-wp -wp-rte -wp-model Typed+Cast -wp-prover z3,cvc4 -wp-timeout 20 -wp-par "$(nproc)")

# harness NAME "DEFINES" "SOURCES" "EVA OPTIONS" "WP FUNCTIONS"
names=() defs=() srcs=() evaopts=() wpfcts=()
harness() { names+=("$1"); defs+=("$2"); srcs+=("$3"); evaopts+=("$4"); wpfcts+=("$5"); }

if [ $QUICK -eq 1 ]; then
  ENC="-DENC_MAX_IN=64"                      # input 0..64 bytes, output buffer 0..193
  REQ="-DREQ_MAX_STR=4 -DREQ_MAX_BUF=1024"
else
  ENC="-DENC_MAX_IN=341"                     # input 0..341 bytes, output buffer 0..1024
  REQ="-DREQ_MAX_STR=8 -DREQ_MAX_BUF=1024"
fi

# WP only, unbounded: the HTTP head scanner/splitters and the chunked decoder, each
# function proved against its ACSL contract for every input of every length.
HTTP_CORE="is_digit,is_ows,is_bad_ctl,is_tchar,http_hex_value,osfn__lower,trim_ows,next_element"
HTTP_CORE="$HTTP_CORE,parse_decimal,next_line,scan_head,split_header_line,chunk_begin_size"
HTTP_CORE="$HTTP_CORE,chunk_size_done,chunk_size_line_end,chunk_step_size,chunk_step_data_end"
HTTP_CORE="$HTTP_CORE,chunk_step_trailer,chunk_step,chunk_decode,sat_add,chunk_min_remaining"

# The response path: Eva on the public function with small bounds, WP on everything it
# calls for any length (docs/proofs.md). About 43 minutes: full mode only.
HTTP="-DHTTP_MAX_BUF=32"
JSON="-DJSON_MAX_BODY=16 -DJSON_MAX_TOKENS=6 -DJSON_MAX_PARAMS=1"

harness encode "$ENC" \
  "lib/src/osfn_request.c lib/src/osfn_crypto.c lib/src/osfn_util.c lib/src/osfn_time.c $P/stub_mbedtls.c $P/proof_encode.c" \
  "" "put"
harness request "$REQ" \
  "lib/src/osfn_request.c lib/src/osfn_crypto.c lib/src/osfn_util.c lib/src/osfn_time.c $P/stub_mbedtls.c $P/proof_request.c" \
  "-eva-use-spec put" "put,civil_from_epoch"

# WP only, unbounded: the JSON string decoder (escapes, surrogates, UTF-8), number and
# literal checks, separator checks and the integer parser.
JSON_CORE="json_hex_value,read_hex4,read_u_escape,read_escape,read_utf8,next_code_point,low_byte"
JSON_CORE="$JSON_CORE,put_utf8,decode_string,check_string,skip_digits,is_json_number,is_ws,gap_is"
JSON_CORE="$JSON_CORE,parse_integer,has_fraction_or_exponent"
# WP only, unbounded: the hash layer's buffer bounds (digest lengths, key/pad arrays).
CRYPTO_CORE="osfn_hash_len,osfn_hash_start,osfn_hash_update,osfn_hash_finish,osfn_hmac_update"

harness http-core "" "lib/src/osfn_http.c lib/src/osfn_time.c" "WP-ONLY" "$HTTP_CORE"
harness json-core "" "lib/src/osfn_json.c" "WP-ONLY" "$JSON_CORE"
harness hash-core "" "lib/src/osfn_crypto.c $P/stub_mbedtls.c" "WP-ONLY" "$CRYPTO_CORE"

if [ $QUICK -eq 0 ]; then
  DRIVER="deadline_passed,recv_error,read_some,drop_front,read_head,read_length_body"
  DRIVER="$DRIVER,read_chunked_body,read_close_body,read_body,reset_result,osfn_http_read_response"
  # The transport is a contract (stub_transport.c) that the driver's indirect calls name
  # (`calls`); WP proves the driver against it (-wp-split: one goal per path), Eva the rest.
  harness http "$HTTP" \
    "lib/src/osfn_http.c lib/src/osfn_time.c lib/src/osfn_util.c $P/stub_transport.c $P/proof_http.c" \
    "-eva-interprocedural-splits -rte-no-pointer-call -wp-split -eva-use-spec osfn__parse_http_date" \
    "civil_from_epoch,$HTTP_CORE,ci_equal_n,is_token,has_http_prefix,parse_status_line,apply_content_length,apply_transfer_encoding,apply_connection,apply_retry_after,apply_header,retry_after_seconds,finish_head,head_reset,parse_head,osfn_http_find_header,osfn__parse_http_date,osfn_time_parse_http_date,find3,get_digits,get_clock,epoch_from_civil,days_from_civil,days_in_month,is_leap,$DRIVER,osfn__proof_recv,osfn__proof_clock,main"
  # jsmn is a contract (stub_jsmn.c); WP proves the validation, navigation and mapping
  # contracts (-wp-literals: the member names are string literals), Eva the rest.
  JSON_WP="$JSON_CORE,bytes_are,is_json_literal,tok_start,tok_end,is_container,text_start"
  JSON_WP="$JSON_WP,text_after_open,check_token,close_up,check_structure,jsmn_error_status"
  JSON_WP="$JSON_WP,count_tokens,too_few_tokens,tokenize,osfn__json_parse,primitive_kind"
  JSON_WP="$JSON_WP,osfn__json_kind,osfn__json_skip,osfn__json_size,osfn__json_key_is"
  JSON_WP="$JSON_WP,osfn__json_find,osfn__json_get_int64,put_nul,osfn__json_terminate"
  JSON_WP="$JSON_WP,keep_first,is_http_error,name_index,map_string,map_any_as_text,map_int"
  JSON_WP="$JSON_WP,find_object,map_param,map_params,status_is_error,map_envelope,is_retryable"
  JSON_WP="$JSON_WP,is_api_error,classify,parse_common,list_is_bad,osfn__ci_contains,osfn__ci_equal,osfn__ci_equal_0"
  harness json "$JSON" \
    "lib/src/osfn_json.c lib/src/osfn_result.c lib/src/osfn_util.c $P/stub_jsmn.c $P/proof_json.c" \
    "-wp-literals" "$JSON_WP,map_belongs,map_instance_task,map_instance_status,map_instance_source,map_instance_strings,map_instance_result,osfn_parse_instance"
  harness json-task "$JSON -DJSON_TASK" \
    "lib/src/osfn_json.c lib/src/osfn_result.c lib/src/osfn_util.c $P/stub_jsmn.c $P/proof_json.c" \
    "-wp-literals" "$JSON_WP,map_task_result,osfn_parse_task"
fi

selected() {
  local n=$1 o
  [ ${#ONLY[@]} -eq 0 ] && return 0
  for o in "${ONLY[@]}"; do [ "$o" = "$n" ] && return 0; done
  return 1
}

# Statuses that count as proved. "Considered valid" is a contract without a
# body to check it against: the C library's and Frama-C's builtins only (the
# script fails if one of osfn's own functions shows up with it).
ok_status='^(Valid|Considered valid|Dead|Valid but dead|Unreachable)$'

total_fail=0
total_run=0
t_all=$(date +%s)
for i in "${!names[@]}"; do
  name=${names[$i]}
  selected "$name" || continue
  total_run=$((total_run + 1))
  log="$OUT/$name.log" csv="$OUT/$name.csv"
  rm -f "$csv"
  t0=$(date +%s)
  # shellcheck disable=SC2086
  only_fcts=""
  if [ "${evaopts[$i]}" = "WP-ONLY" ]; then
    # No Eva: count only the properties of the functions WP was asked to prove.
    cmd=(frama-c -cpp-extra-args="$CPP ${defs[$i]}" ${srcs[$i]} "${WP_COMMON[@]}" -wp-fct "${wpfcts[$i]}")
    only_fcts=",${wpfcts[$i]},"
  else
    cmd=(frama-c -cpp-extra-args="$CPP ${defs[$i]}" ${srcs[$i]} "${EVA_COMMON[@]}" ${evaopts[$i]})
    if [ -n "${wpfcts[$i]}" ]; then
      cmd+=(-then "${WP_COMMON[@]}" -wp-fct "${wpfcts[$i]}")
    fi
  fi
  cmd+=(-then -report-csv "$csv")
  "${cmd[@]}" >"$log" 2>&1
  rc=$?
  t=$(( $(date +%s) - t0 ))
  if [ $rc -ne 0 ] || [ ! -s "$csv" ]; then
    printf '%-10s ERROR (frama-c exit %d, %ds; log: %s)\n' "$name" "$rc" "$t" "$log"
    grep -E 'User Error|error:' "$log" | head -10 | sed 's/^/    /'
    total_fail=$((total_fail + 1))
    continue
  fi
  cov=$(grep -oE '[0-9]+ statements reached \(out of [0-9]+\)' "$log" | head -1 |
        awk '{printf "%d/%d statements", $1, $6}' | tr -d ')')
  if [ -n "$only_fcts" ]; then
    cov="$(grep -oE 'Proved goals: +[0-9]+ / [0-9]+' "$log" | tail -1 | awk '{print $3 "/" $5}') WP goals"
    # A function's own requires are the hypotheses of this proof (their call sites are
    # outside it); the preconditions of its callees are kept ("precondition of f").
    awk -F'\t' -v f="$only_fcts" 'NR == 1 || (NF >= 7 && index(f, "," $4 ",") > 0 && $5 != "precondition")' \
      "$csv" >"$csv.sel"
    mv "$csv.sel" "$csv"
  fi
  # (a property's text may continue on the next line: rows have 7 fields)
  nprops=$(awk -F'\t' 'NR > 1 && NF >= 7' "$csv" | wc -l)
  bad=$(awk -F'\t' -v ok="$ok_status" 'NR > 1 && NF >= 7 && $6 !~ ok' "$csv")
  own_assumed=$(awk -F'\t' 'NR > 1 && NF >= 7 && $6 == "Considered valid" && $1 !~ /FRAMAC_SHARE/ && $2 !~ /^stub_[a-z0-9_]*\.c$/' "$csv")
  if [ -n "$own_assumed" ]; then
    bad=$(printf '%s\n%s' "$bad" "$own_assumed" | sed '/^$/d')
  fi
  nbad=$( [ -z "$bad" ] && echo 0 || printf '%s\n' "$bad" | wc -l)
  if [ "$nbad" -eq 0 ]; then
    printf '%-10s proved    (%d properties, %s, %ds)\n' "$name" "$nprops" "$cov" "$t"
  else
    printf '%-10s %d alarms (%d properties, %s, %ds; log: %s)\n' "$name" "$nbad" "$nprops" "$cov" "$t" "$log"
    printf '%s\n' "$bad" | awk -F'\t' '{printf "    %s:%s %s [%s] %s\n", $2, $3, $4, $6, $7}' | head -30
    total_fail=$((total_fail + 1))
  fi
done
echo "prove: $(( $(date +%s) - t_all ))s, $total_fail harness(es) not proved"
# The summary line scripts/test.sh adds up.
echo "$(( total_run - total_fail )) passed, $total_fail failed"
[ $total_fail -eq 0 ]
