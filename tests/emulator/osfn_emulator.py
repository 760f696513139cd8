#!/usr/bin/env python3
"""Local emulator of the Alibaba Cloud OpenSearch v4 openapi, for osfn's tests and demo.

Serves GetFunctionInstance and GetFunctionTask over HTTPS (or plain HTTP with --plain),
verifies V3 (ACS3-HMAC-SHA256) and ROA (HMAC-SHA1) signatures exactly as
shared/docs/signing.md describes, answers from a JSON fixture file, and can inject
transport and HTTP faults on request. Written from the docs only, independently of the
C library, so that it checks the library instead of mirroring it.

Python 3 standard library only. See README.md beside this file.
"""

import argparse
import base64
import calendar
import hashlib
import hmac
import json
import math
import os
import re
import select
import signal
import socket
import ssl
import struct
import subprocess
import sys
import threading
import time
import uuid
from urllib.parse import unquote_to_bytes

HERE = os.path.dirname(os.path.abspath(__file__))

API_VERSION = "2017-12-25"
HOST_ID = "opensearch.cn-hangzhou.aliyuncs.com"
TIME_WINDOW_S = 15 * 60
EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()
V3_PREFIX = "ACS3-HMAC-SHA256 "
ROA_PREFIX = "acs "

MAX_HEADER_BYTES = 32 * 1024
MAX_HEADERS = 100
MAX_BODY_BYTES = 64 * 1024
MAX_CONNECTIONS = 256
MAX_NONCES = 100000
HANDSHAKE_TIMEOUT_S = 10.0
LINGER_S = 2.0          # how long a cleanly closed connection drains its peer's last bytes
SHUTDOWN_JOIN_S = 0.5

CERT_PROFILES = ("good", "wrong-host", "expired", "other-ca")
FAULT_MODES = ("truncate", "reset", "drip", "stall", "chunked-ext", "close-delimited",
               "oversize", "status500", "status503", "status429", "html", "empty-error",
               "connection-close", "interim", "http10")
GATEWAY_FAULTS = ("status500", "status503", "status429", "html", "empty-error")
OUTPUT_LEVELS = ("simple", "normal", "detail")
# Result fields that `simple` leaves out; `normal` adds them back except `task`.
NORMAL_ONLY_FIELDS = ("createparameters", "usageparameters", "cron")
REASONS = {200: "OK", 400: "Bad Request", 404: "Not Found", 429: "Too Many Requests",
           500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable"}
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
               "Nov", "Dec")

# --------------------------------------------------------------------------------------
# Signing (pure functions; the self-test checks them against signing.md's vectors)
# --------------------------------------------------------------------------------------
_UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")


def percent_encode(value):
    """Encode every byte outside A-Z a-z 0-9 - _ . ~ as %XX (upper-case hex)."""
    data = value.encode("utf-8") if isinstance(value, str) else value
    return "".join(chr(b) if b in _UNRESERVED else "%%%02X" % b for b in data)


def v3_canonical_request(method, path, query, headers, payload_hash):
    """Return (canonical request, signed headers) for ACS3-HMAC-SHA256.

    query: list of (key, value) decoded strings; headers: dict lower-case name -> value.
    """
    pairs = sorted((percent_encode(k), percent_encode(v)) for k, v in query)
    canonical_query = "&".join("%s=%s" % kv for kv in pairs)
    names = sorted(n for n in headers
                   if n in ("host", "content-type") or n.startswith("x-acs-"))
    canonical_headers = "".join("%s:%s\n" % (n, headers[n].strip()) for n in names)
    signed = ";".join(names)
    canonical = "\n".join([method, path, canonical_query, canonical_headers, signed,
                           payload_hash])
    return canonical, signed


def v3_signature(secret, canonical_request):
    digest = hashlib.sha256(canonical_request.encode("utf-8")).hexdigest()
    string_to_sign = "ACS3-HMAC-SHA256\n" + digest
    return hmac.new(secret.encode("utf-8"), string_to_sign.encode("utf-8"),
                    hashlib.sha256).hexdigest()


def roa_string_to_sign(method, path, query, headers):
    """ROA (acs, HMAC-SHA1) string to sign; query values are NOT percent-encoded."""
    acs = sorted(n for n in headers if n.startswith("x-acs-"))
    canon_headers = "".join(
        "%s:%s\n" % (n, re.sub(r"[\t\r\n]", " ", headers[n]).strip()) for n in acs)
    resource = path
    if query:
        resource += "?" + "&".join("%s=%s" % kv for kv in sorted(query))
    return "\n".join([method, headers.get("accept", ""), headers.get("content-md5", ""),
                      headers.get("content-type", ""), headers.get("date", ""),
                      canon_headers + resource])


def roa_signature(secret, string_to_sign):
    mac = hmac.new(secret.encode("utf-8"), string_to_sign.encode("utf-8"), hashlib.sha1)
    return base64.b64encode(mac.digest()).decode("ascii")


# --------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------
def http_date(ts):
    t = time.gmtime(ts)
    return "%s, %02d %s %04d %02d:%02d:%02d GMT" % (
        DAY_NAMES[t.tm_wday], t.tm_mday, MONTH_NAMES[t.tm_mon - 1], t.tm_year,
        t.tm_hour, t.tm_min, t.tm_sec)


def iso_date(ts):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ts))


_ISO_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$")
_RFC1123_RE = re.compile(
    r"^([A-Z][a-z]{2}), (\d{2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$")


def _epoch(year, month, day, hh, mm, ss):
    """Seconds since the epoch of a UTC date, or None when a field is out of range."""
    if not (1 <= month <= 12 and 1 <= day <= 31 and hh <= 23 and mm <= 59 and ss <= 60):
        return None
    if day > calendar.monthrange(year, month)[1]:
        return None
    return calendar.timegm((year, month, day, hh, mm, ss, 0, 0, 0))


def parse_iso_date(text):
    m = _ISO_RE.match(text)
    return _epoch(*map(int, m.groups())) if m else None


def parse_http_date(text):
    """Strict RFC 1123 date; the weekday must agree with the date."""
    m = _RFC1123_RE.match(text)
    if not m or m.group(3) not in MONTH_NAMES or m.group(1) not in DAY_NAMES:
        return None
    ts = _epoch(int(m.group(4)), MONTH_NAMES.index(m.group(3)) + 1, int(m.group(2)),
                int(m.group(5)), int(m.group(6)), int(m.group(7)))
    if ts is None or DAY_NAMES[time.gmtime(ts).tm_wday] != m.group(1):
        return None
    return ts


def new_request_id():
    return str(uuid.uuid4()).upper()


# --------------------------------------------------------------------------------------
# Fixtures and rendering
# --------------------------------------------------------------------------------------
class Fixtures:
    """Credentials, instances and tasks from a fixture file (see README.md)."""

    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        self.credentials = {c["accessKeyId"]: c for c in data.get("credentials", [])}
        self.instances = {}
        for inst in data.get("instances", []):
            self.instances[(inst["app"], inst["function"], inst["instance"])] = inst
        self.tasks = {}
        for task in data.get("tasks", []):
            key = (task["app"], task["function"], task["instance"], str(task["generation"]))
            self.tasks[key] = task
        self.check(path)

    def check(self, path):
        """Fail at start-up, not on a request, on a fixture that cannot be served."""
        for cred in self.credentials.values():
            if not cred.get("accessKeySecret"):
                raise ValueError("%s: credential %s has no accessKeySecret"
                                 % (path, cred["accessKeyId"]))
        for inst in self.instances.values():
            if not isinstance(inst.get("result"), dict):
                raise ValueError("%s: instance %r has no result object" % (path, inst))
            gen = inst.get("taskGeneration")
            if gen is not None and \
                    (inst["app"], inst["function"], inst["instance"], str(gen)) not in self.tasks:
                raise ValueError("%s: taskGeneration %s of %s has no task"
                                 % (path, gen, inst["instance"]))
        for key, task in self.tasks.items():
            if key[:3] not in self.instances or not isinstance(task.get("result"), dict):
                raise ValueError("%s: task %r needs its instance and a result" % (path, key))
            if task.get("progressPerSecond", 1) <= 0:
                raise ValueError("%s: task %r: progressPerSecond must be > 0" % (path, key))


def live_task(task, elapsed, epoch_wall):
    """The task's result at `elapsed` seconds of fixture time (progress may advance)."""
    result = dict(task["result"])
    rate = task.get("progressPerSecond")
    if rate:
        start = task.get("progressStart", 0)
        end = task.get("endProgress", 100)
        progress = min(end, int(start + elapsed * rate))
        done = progress >= end
        start_ms = int(epoch_wall * 1000)
        result["progress"] = progress
        result["status"] = task.get("finalStatus", "success") if done else "running"
        result["startTime"] = start_ms
        result["endTime"] = start_ms + int((end - start) / rate * 1000) if done else 0
    return result


def live_instance(inst, output, elapsed, epoch_wall, fixtures):
    """The instance's result for an output level, with time-dependent fields applied."""
    result = dict(inst["result"])
    after = inst.get("availableAfterSeconds")
    if after is not None:
        result["status"] = "available" if elapsed >= after else "unavailable"
    gen = inst.get("taskGeneration")
    if gen is not None:
        key = (inst["app"], inst["function"], inst["instance"], str(gen))
        task = live_task(fixtures.tasks[key], elapsed, epoch_wall)
        end, start = task.get("endTime"), task.get("startTime", 0)
        run_ms = end - start if end else elapsed * 1000
        result["task"] = {"dagStatus": task.get("status", "running"),
                          "progress": task.get("progress", 0), "lastRunTime": int(run_ms)}
    for key in list(result):
        low = key.lower()
        if low == "task" and output != "detail":
            del result[key]
        elif low in NORMAL_ONLY_FIELDS and output == "simple":
            del result[key]
    return result


def encode_extend_info(result):
    """extendInfo given as an object in the fixture travels as a JSON string."""
    for key, value in result.items():
        if key.lower() == "extendinfo" and not isinstance(value, str):
            result[key] = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return result


def to_pascal(value):
    """Upper-case the first letter of every key, recursively (values untouched)."""
    if isinstance(value, dict):
        return {k[:1].upper() + k[1:]: to_pascal(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_pascal(v) for v in value]
    return value


def envelope(casing, http_code, request_id, code, message, latency, result, status="OK"):
    """The service's envelope; camel keeps the samples' order, pascal the examples'."""
    if casing == "pascal":
        env = {"Status": status, "HttpCode": http_code, "RequestId": request_id,
               "Message": message, "Code": code}
        if result is not None:
            env["Result"] = to_pascal(result)
        env["Latency"] = latency
        return env
    env = {"status": status, "requestId": request_id, "httpCode": http_code, "code": code,
           "message": message, "latency": latency}
    if result is not None:
        env["result"] = result  # keys as the fixture spells them (keeps `Description`)
    return env


# --------------------------------------------------------------------------------------
# HTTP messages
# --------------------------------------------------------------------------------------
class HttpError(Exception):
    """A request that cannot be parsed: answered with 400 and the connection closed."""


class Request:
    def __init__(self, method, target, version, header_list, body):
        """header_list: [(lower-case name, value)] as received."""
        self.method = method
        self.target = target
        self.version = version
        self.body = body
        self.path, _, self.raw_query = target.partition("?")
        self.headers = {}
        self.duplicates = set()
        for name, value in header_list:
            if name in self.headers:
                self.duplicates.add(name)
                self.headers[name] += "," + value
            else:
                self.headers[name] = value

    def wants_close(self):
        conn = self.headers.get("connection", "").lower()
        if self.version == "HTTP/1.0":
            return "keep-alive" not in conn
        return "close" in conn

    def request_line(self):
        return "%s %s %s" % (self.method, self.target, self.version)


_TOKEN_RE = re.compile(r"^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$")


def parse_head(head):
    """Parse request line and headers (bytes up to, not including, the blank line)."""
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        raise HttpError("request head is not UTF-8")
    lines = text.split("\r\n")
    if any("\n" in line or "\r" in line for line in lines):
        raise HttpError("bare CR or LF in request head")
    parts = lines[0].split(" ")
    if len(parts) != 3 or parts[2] not in ("HTTP/1.1", "HTTP/1.0") or \
            not _TOKEN_RE.match(parts[0]) or not parts[1].startswith("/"):
        raise HttpError("bad request line")
    if len(lines) - 1 > MAX_HEADERS:
        raise HttpError("too many headers")
    headers = []
    for line in lines[1:]:
        name, sep, value = line.partition(":")
        if not sep or not _TOKEN_RE.match(name):
            raise HttpError("bad header line")
        headers.append((name.lower(), value.strip(" \t")))
    return parts[0], parts[1], parts[2], headers


class Response:
    def __init__(self, status, body=b"", content_type="application/json;charset=utf-8",
                 request_id=None, extra_headers=(), code="-"):
        self.status = status
        self.body = body
        self.content_type = content_type if body else None
        self.request_id = request_id or new_request_id()
        self.extra_headers = list(extra_headers)
        self.code = code            # error code, for the log only
        self.close = False
        self.version = "HTTP/1.1"
        self.date = None

    def head(self, length=True):
        lines = ["%s %d %s" % (self.version, self.status, REASONS.get(self.status, "Unknown")),
                 "Date: " + self.date, "Server: osfn-emulator"]
        if self.content_type:
            lines.append("Content-Type: " + self.content_type)
        if length:
            lines.append("Content-Length: %d" % len(self.body))
        lines.append("x-acs-request-id: " + self.request_id)
        lines += ["%s: %s" % h for h in self.extra_headers]
        if self.version == "HTTP/1.1":
            lines.append("Connection: " + ("close" if self.close else "keep-alive"))
        return ("\r\n".join(lines) + "\r\n\r\n").encode("ascii")

    def to_bytes(self):
        return self.head() + self.body


def json_response(status, obj, ensure_ascii=True, request_id=None, extra_headers=(),
                  code="-"):
    body = json.dumps(obj, ensure_ascii=ensure_ascii, separators=(",", ":")).encode("utf-8")
    return Response(status, body, request_id=request_id, extra_headers=extra_headers,
                    code=code)


class GatewayError(Exception):
    """An error the gateway answers itself: always PascalCase, top level, no Result."""

    def __init__(self, status, code, message, extra_headers=()):
        super().__init__(code)
        self.status, self.code, self.message = status, code, message
        self.extra_headers = extra_headers

    def response(self):
        rid = new_request_id()
        body = {"RequestId": rid, "HostId": HOST_ID, "Code": self.code,
                "Message": self.message,
                "Recommend": "https://api.aliyun.com/troubleshoot?q=%s&product=OpenSearch"
                             % self.code}
        return json_response(self.status, body, request_id=rid,
                             extra_headers=self.extra_headers, code=self.code)


# --------------------------------------------------------------------------------------
# Shared state: counters, configuration, faults, nonces, fixture clock
# --------------------------------------------------------------------------------------
COUNTER_NAMES = ("connections", "fullHandshakes", "resumedHandshakes", "failedHandshakes",
                 "requests", "adminRequests", "authFailures", "faultsApplied",
                 "idleClosed")


class State:
    def __init__(self, fixtures, default_config):
        self.lock = threading.Lock()
        self.fixtures = fixtures
        self.default_config = dict(default_config)
        self.reset()

    def reset(self):
        with self.lock:
            self.counters = dict.fromkeys(COUNTER_NAMES, 0)
            self.config = dict(self.default_config)
            self.faults = []                       # FIFO of [mode, arg, remaining]
            self.nonces = {}                       # nonce -> expiry (server clock)
            self.epoch_mono = time.monotonic()     # fixture time starts here ...
            self.epoch_wall = time.time()
            self.advanced = 0.0                    # ... plus what /__admin/advance added

    def count(self, name, n=1):
        with self.lock:
            self.counters[name] += n

    def now(self):
        """The server clock: wall time shifted by clockOffsetSeconds."""
        return time.time() + self.config["clockOffsetSeconds"]

    def elapsed(self):
        with self.lock:
            return time.monotonic() - self.epoch_mono + self.advanced

    def push_fault(self, mode, arg, count):
        with self.lock:
            self.faults.append([mode, arg, count])

    def take_fault(self):
        with self.lock:
            if not self.faults:
                return None
            fault = self.faults[0]
            fault[2] -= 1
            if fault[2] <= 0:
                self.faults.pop(0)
            return fault[0], fault[1]

    def use_nonce(self, nonce, now):
        """Record a nonce; False when it was already seen inside the time window."""
        with self.lock:
            if len(self.nonces) >= MAX_NONCES:
                self.nonces = {n: t for n, t in self.nonces.items() if t > now}
            expiry = self.nonces.get(nonce)
            if expiry is not None and expiry > now:
                return False
            self.nonces[nonce] = now + TIME_WINDOW_S
            return True


# --------------------------------------------------------------------------------------
# Routing and signature verification
# --------------------------------------------------------------------------------------
API_PREFIX = "/v4/openapi/app-groups/"


def route(method, path):
    """(action, [raw path parameters]) for the two API paths, else None."""
    if method != "GET" or not path.startswith(API_PREFIX):
        return None
    raw = path[len(API_PREFIX):].split("/")
    fixed = raw[1::2]           # the literal segments between the parameters
    if fixed == ["functions", "instances"]:
        action = "GetFunctionInstance"
    elif fixed == ["functions", "instances", "tasks"]:
        action = "GetFunctionTask"
    else:
        return None
    params = raw[0::2]
    if len(params) != len(fixed) + 1 or "" in params:
        return None
    return action, params


def decode_segments(raw_segments):
    """Percent-decode path parameters; also require that they were canonically encoded
    (a server that re-encodes the path would otherwise compute another signature)."""
    decoded = []
    for seg in raw_segments:
        try:
            text = unquote_to_bytes(seg).decode("utf-8")
        except UnicodeDecodeError:
            raise GatewayError(400, "InvalidParameter", "path segment is not UTF-8: " + seg)
        if percent_encode(text) != seg:
            raise GatewayError(400, "SignatureDoesNotMatch",
                               "path segment %r is not canonically percent-encoded "
                               "(expected %r)" % (seg, percent_encode(text)))
        decoded.append(text)
    return decoded


def parse_query(raw_query):
    pairs = []
    if not raw_query:
        return pairs
    for item in raw_query.split("&"):
        key, _, value = item.partition("=")
        try:
            pairs.append((unquote_to_bytes(key).decode("utf-8"),
                          unquote_to_bytes(value).decode("utf-8")))
        except UnicodeDecodeError:
            raise GatewayError(400, "InvalidParameter", "query is not UTF-8")
    if len({k for k, _ in pairs}) != len(pairs):
        raise GatewayError(400, "InvalidParameter", "duplicate query parameter")
    return pairs


def parse_authorization(value):
    """-> (scheme, access key id, signature, signed headers or None)."""
    if value.startswith(V3_PREFIX):
        fields = {}
        for part in value[len(V3_PREFIX):].split(","):
            key, sep, val = part.strip().partition("=")
            if sep:
                fields[key] = val
        if not all(fields.get(k) for k in ("Credential", "SignedHeaders", "Signature")):
            raise GatewayError(400, "IncompleteSignature",
                               "Authorization needs Credential, SignedHeaders and Signature")
        return "v3", fields["Credential"], fields["Signature"], fields["SignedHeaders"]
    if value.startswith(ROA_PREFIX):
        key_id, sep, sig = value[len(ROA_PREFIX):].rpartition(":")
        if not sep or not key_id or not sig:
            raise GatewayError(400, "IncompleteSignature",
                               "Authorization must be 'acs <AccessKeyId>:<Signature>'")
        return "roa", key_id, sig, None
    raise GatewayError(400, "IncompleteSignature",
                       "unknown Authorization scheme (ACS3-HMAC-SHA256 or acs expected)")


def redact(text, cred):
    token = cred.get("securityToken")
    return text.replace(token, "<security-token>") if token else text


SIGNIFICANT_HEADERS = ("host", "content-type", "authorization", "date", "accept",
                       "content-md5")


def verify(req, state, action, raw_params):
    """Authenticate an API request.

    Returns (decoded path parameters, query pairs) or raises GatewayError. The nonce is
    recorded only once everything else has passed.
    """
    headers = req.headers
    for name in req.duplicates:
        if name in SIGNIFICANT_HEADERS or name.startswith("x-acs-"):
            raise GatewayError(400, "InvalidParameter", "duplicate header: " + name)
    if "authorization" not in headers:
        raise GatewayError(400, "MissingAuthorization", "Authorization header is missing")
    scheme, key_id, signature, signed = parse_authorization(headers["authorization"])
    cred = state.fixtures.credentials.get(key_id)
    if cred is None:
        raise GatewayError(404, "InvalidAccessKeyId.NotFound",
                           "Specified access key is not found.")
    check_time(headers, scheme, state.now())
    nonce = headers.get("x-acs-signature-nonce", "")
    if not nonce:
        raise GatewayError(400, "MissingSignatureNonce", "x-acs-signature-nonce is missing")
    params = decode_segments(raw_params)
    query = parse_query(req.raw_query)
    if scheme == "v3":
        check_v3(req, cred, signature, signed, query)
    else:
        check_roa(req, cred, signature, query)
    check_sts(headers, cred, key_id)
    if headers.get("x-acs-action") != action:
        raise GatewayError(400, "InvalidAction",
                           "x-acs-action must be %s for this path" % action)
    if headers.get("x-acs-version") != API_VERSION:
        raise GatewayError(400, "InvalidVersion", "x-acs-version must be " + API_VERSION)
    if not state.use_nonce(nonce, state.now()):
        raise GatewayError(400, "SignatureNonceUsed",
                           "Specified signature nonce was used already.")
    return params, query


def check_time(headers, scheme, now):
    name = "x-acs-date" if scheme == "v3" else "date"
    value = headers.get(name)
    parse = parse_iso_date if scheme == "v3" else parse_http_date
    ts = parse(value) if value else None
    if ts is None:
        raise GatewayError(400, "InvalidTimeStamp.Format",
                           "%s is missing or malformed: %r" % (name, value))
    if abs(ts - now) > TIME_WINDOW_S:
        raise GatewayError(400, "InvalidTimeStamp.Expired",
                           "Specified time stamp or date value is expired (%s=%s, "
                           "server time %s)" % (name, value, http_date(now)))


def check_v3(req, cred, signature, signed, query):
    headers = req.headers
    content_sha = headers.get("x-acs-content-sha256")
    if not content_sha:
        raise GatewayError(400, "IncompleteSignature", "x-acs-content-sha256 is missing")
    if content_sha != hashlib.sha256(req.body).hexdigest():
        raise GatewayError(400, "SignatureDoesNotMatch",
                           "x-acs-content-sha256 does not match the request body")
    canonical, expected_signed = v3_canonical_request(req.method, req.path, query,
                                                      headers, content_sha)
    if signed != expected_signed:
        raise GatewayError(400, "SignatureDoesNotMatch",
                           "SignedHeaders %r differ from the request's headers %r"
                           % (signed, expected_signed))
    if not hmac.compare_digest(signature, v3_signature(cred["accessKeySecret"], canonical)):
        raise GatewayError(400, "SignatureDoesNotMatch",
                           "Specified signature does not match our calculation. "
                           "server canonical request is:" + redact(canonical, cred))


def check_roa(req, cred, signature, query):
    headers = req.headers
    if headers.get("x-acs-signature-method") != "HMAC-SHA1" or \
            headers.get("x-acs-signature-version") != "1.0":
        raise GatewayError(400, "IncompleteSignature",
                           "acs scheme needs x-acs-signature-method: HMAC-SHA1 and "
                           "x-acs-signature-version: 1.0")
    to_sign = roa_string_to_sign(req.method, req.path, query, headers)
    if not hmac.compare_digest(signature, roa_signature(cred["accessKeySecret"], to_sign)):
        raise GatewayError(400, "SignatureDoesNotMatch",
                           "Specified signature does not match our calculation. "
                           "server string to sign is:" + redact(to_sign, cred))


def check_sts(headers, cred, key_id):
    """Temporary credentials need their token and key id; permanent ones take no token."""
    token = cred.get("securityToken")
    sent = headers.get("x-acs-security-token")
    if token is None:
        if sent is not None:
            raise GatewayError(400, "InvalidSecurityToken.Mismatch",
                               "a security token was sent with a permanent AccessKey")
        return
    if not sent:
        raise GatewayError(400, "InvalidSecurityToken.Missing",
                           "x-acs-security-token is required for this AccessKey")
    if not hmac.compare_digest(sent, token) or headers.get("x-acs-accesskey-id") != key_id:
        raise GatewayError(400, "InvalidSecurityToken.Mismatch",
                           "x-acs-security-token or x-acs-accesskey-id does not match")


# --------------------------------------------------------------------------------------
# The API itself
# --------------------------------------------------------------------------------------
def api_response(state, action, params, query, started):
    """Render the service's answer (a success or a *.NotExist envelope)."""
    with state.lock:
        casing = state.config["casing"]
        ensure_ascii = state.config["ensureAscii"]
        epoch_wall = state.epoch_wall
    elapsed = state.elapsed()
    fixtures = state.fixtures
    rid = new_request_id()

    # Tests read back what the server decoded from the path (JSON, ASCII-escaped).
    echo = [("X-Emulator-Path-Params",
             json.dumps(list(params), ensure_ascii=True, separators=(",", ":")))]

    def reply(http_code, code, message, result, status="OK"):
        latency = max(1, int((time.monotonic() - started) * 1000))
        env = envelope(casing, http_code, rid, code, message, latency, result, status)
        return json_response(http_code, env, ensure_ascii, rid, extra_headers=echo,
                             code=code or "-")

    output = dict(query).get("output", "normal") if action == "GetFunctionInstance" \
        else "normal"
    if output not in OUTPUT_LEVELS:
        return reply(400, "InvalidParameter",
                     "output must be one of simple, normal, detail", None, "FAIL")
    inst = fixtures.instances.get(tuple(params[:3]))
    if inst is None:
        return reply(404, "Instance.NotExist", "instance not exist.", None, "FAIL")
    if action == "GetFunctionTask":
        task = fixtures.tasks.get(tuple(params))
        if task is None:
            return reply(404, "Task.NotExist", "task not exist.", None, "FAIL")
        result = live_task(task, elapsed, epoch_wall)
        quirk = task.get("envelope", {})
    else:
        result = live_instance(inst, output, elapsed, epoch_wall, fixtures)
        quirk = inst.get("envelope", {})
    result = encode_extend_info(result)
    # A fixture "envelope" reproduces the docs' examples: an error code with status OK
    # and HTTP 200.
    return reply(200, quirk.get("code", ""), quirk.get("message", ""), result)


# --------------------------------------------------------------------------------------
# Faults: each turns a finished response into what goes on the wire
# --------------------------------------------------------------------------------------
def is_number(value):
    """A finite JSON number (bool is not one)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and \
        math.isfinite(value)


def valid_fault_arg(arg):
    """A fault argument is absent or a non-negative number."""
    return arg is None or (is_number(arg) and arg >= 0)


def parse_fault_header(value):
    """x-osfn-fault: mode[=arg] -> (mode, arg or None)."""
    mode, sep, text = value.strip().partition("=")
    if mode not in FAULT_MODES:
        raise GatewayError(400, "InvalidParameter", "unknown x-osfn-fault mode: " + mode)
    try:
        arg = float(text) if sep else None
    except ValueError:
        arg = "bad"
    if not valid_fault_arg(arg):
        raise GatewayError(400, "InvalidParameter",
                           "x-osfn-fault argument must be a non-negative number")
    return mode, arg


def gateway_fault_response(mode, arg):
    if mode == "status500":
        return GatewayError(500, "InternalError", "The request processing has failed due "
                            "to some unknown error, warning or failure.").response()
    if mode == "status503":
        return GatewayError(503, "ServiceUnavailable", "The request has failed due to a "
                            "temporary failure of the server.").response()
    if mode == "status429":
        secs = int(arg) if arg is not None else 1
        return GatewayError(429, "Throttling.User", "Request was denied due to user flow "
                            "control.", [("Retry-After", str(secs))]).response()
    if mode == "html":
        page = ("<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
                "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>Tengine</center>"
                "\r\n</body>\r\n</html>\r\n")
        return Response(502, page.encode("ascii"), "text/html", code="html")
    return Response(503, b"", code="empty-error")       # empty-error


def chunk_size_text(size, index):
    """Hex chunk size in varying case and with the odd leading zero."""
    text = "%x" % size if index % 2 else "%X" % size
    return "0" + text if index % 3 == 0 else text


def chunked_body(body):
    """Chunks of 1..7 bytes, every fifth of 10..15 (so hex letters appear), with chunk
    extensions on most of them, then a last chunk with an extension and a trailer."""
    exts = (";foo=bar", "", ';name="quoted ; value"', ";flag", ";a=1;b=2")
    out, pos, index = [], 0, 0
    while pos < len(body):
        size = 10 + index % 6 if index % 5 == 4 else 1 + index % 7
        piece = body[pos:pos + size]
        out.append(b"%s%s\r\n%s\r\n" % (chunk_size_text(len(piece), index).encode(),
                                       exts[index % len(exts)].encode(), piece))
        pos += len(piece)
        index += 1
    out.append(b"0;end=yes\r\nX-Osfn-Trailer: done\r\n\r\n")
    return b"".join(out)


def oversize_body(body, size):
    """Prefix a JSON object with an unknown string field so the body is `size` bytes
    (or just over it when the real body is already that large)."""
    key = b"OsfnPadding" if body[2:3].isupper() else b"osfnPadding"   # the body's casing
    head = b'{"' + key + b'":"'
    pad = max(0, size - (len(head) + 2 + len(body) - 1))
    return head + b"x" * pad + b'",' + body[1:]


def wire_bytes(resp, mode, arg):
    """What goes on the wire for a response under a fault mode: (bytes, close after)."""
    if mode == "truncate":
        data = resp.to_bytes()
        return data[:int(arg) if arg is not None else len(data) // 2], True
    if mode == "chunked-ext":
        resp.extra_headers += [("Transfer-Encoding", "chunked"), ("Trailer", "X-Osfn-Trailer")]
        return resp.head(length=False) + chunked_body(resp.body), resp.close
    if mode == "close-delimited":
        resp.close = True
        return resp.head(length=False) + resp.body, True
    if mode == "oversize":
        resp.body = oversize_body(resp.body, 1048576 if arg is None else int(arg))
    elif mode == "connection-close":
        resp.close = True
    elif mode == "interim":
        return b"HTTP/1.1 100 Continue\r\n\r\n" + resp.to_bytes(), resp.close
    elif mode == "http10":         # an HTTP/1.0 answer (no Connection header), then close
        resp.version = "HTTP/1.0"
        resp.close = True
    return resp.to_bytes(), resp.close


# --------------------------------------------------------------------------------------
# Connections
# --------------------------------------------------------------------------------------
class Connection:
    """One client connection, served by its own daemon thread."""

    def __init__(self, server, sock, peer):
        self.server = server
        self.state = server.state
        self.sock = sock
        self.peer = "%s:%d" % peer[:2]
        self.buf = bytearray()
        self.idle = False               # guarded by server.conn_lock
        self.close_requested = False    # guarded by server.conn_lock
        self.fin_sent = threading.Event()
        self.wake_r, self.wake_w = os.pipe()   # closed by Server.forget, under conn_lock
        os.set_blocking(self.wake_w, False)
        self.requests = 0

    # -- life cycle ------------------------------------------------------------------
    def run(self):
        try:
            if self.server.ssl_context is None or self.handshake():
                self.serve()
        except (OSError, ValueError) as exc:   # peer vanished, TLS error mid-stream...
            self.server.log("%s connection error: %s" % (self.peer, type(exc).__name__))
        finally:
            self.abort()
            self.server.forget(self)

    def handshake(self):
        self.sock.settimeout(HANDSHAKE_TIMEOUT_S)
        try:
            tls = self.server.ssl_context.wrap_socket(self.sock, server_side=True,
                                                      do_handshake_on_connect=False)
            self.sock = tls
            tls.do_handshake()
        except (OSError, ssl.SSLError) as exc:
            self.state.count("failedHandshakes")
            self.server.log("%s handshake failed: %s" % (self.peer, exc))
            return False
        self.state.count("resumedHandshakes" if tls.session_reused else "fullHandshakes")
        return True

    def wake(self, close):
        """Ask the thread to close (close=True) or to look at the server's state.
        Call with server.conn_lock held: the pipe lives while the connection is
        registered."""
        if close:
            self.close_requested = True
        try:
            os.write(self.wake_w, b"x")
        except OSError:
            pass

    def serve(self):
        idle_timeout = self.server.args.idle_timeout
        while True:
            ready = self.wait_for_request(idle_timeout)
            if ready is not True:
                if ready != "stopping":
                    self.state.count("idleClosed")
                self.close_cleanly()
                return
            req = self.read_request(idle_timeout)
            if req is None or not self.handle(req):
                return

    def wait_for_request(self, timeout):
        """True once request bytes are there; otherwise why the connection should close:
        "close-idle", "stopping" or "idle-timeout"."""
        if self.buf or (isinstance(self.sock, ssl.SSLSocket) and self.sock.pending()):
            return True
        poller = select.poll()
        poller.register(self.sock.fileno(), select.POLLIN)
        poller.register(self.wake_r, select.POLLIN)
        deadline = time.monotonic() + timeout
        while True:
            with self.server.conn_lock:
                self.idle = True
            try:
                events = poller.poll(max(0.0, deadline - time.monotonic()) * 1000)
            finally:
                with self.server.conn_lock:
                    self.idle = False
                    close_requested = self.close_requested
            if close_requested:
                return "close-idle"
            if self.server.stopping:
                return "stopping"
            fds = {fd for fd, _ in events}
            if self.wake_r in fds:
                os.read(self.wake_r, 64)
            if self.sock.fileno() in fds:
                return True
            if time.monotonic() >= deadline:
                return "idle-timeout"

    def recv_more(self, timeout):
        self.sock.settimeout(timeout)
        data = self.sock.recv(65536)
        self.buf += data
        return bool(data)

    def read_request(self, timeout):
        """Read one request. None when the connection is over: EOF or timeout (closed
        here), or a malformed request (answered with 400, then closed)."""
        try:
            while b"\r\n\r\n" not in self.buf:
                if len(self.buf) > MAX_HEADER_BYTES:
                    raise HttpError("request head too large")
                if b"\n\n" in self.buf or b"\n\r\n" in self.buf:
                    raise HttpError("request head ends with a bare LF")
                if not self.recv_more(timeout):
                    self.close_cleanly()
                    return None
            end = self.buf.index(b"\r\n\r\n")
            method, target, version, headers = parse_head(bytes(self.buf[:end]))
            if version == "HTTP/1.1" and "host" not in (n for n, _ in headers):
                raise HttpError("HTTP/1.1 request without Host")
            del self.buf[:end + 4]
            length = self.body_length(headers)
            while len(self.buf) < length:
                if not self.recv_more(timeout):
                    self.close_cleanly()
                    return None
            body = bytes(self.buf[:length])
            del self.buf[:length]
            return Request(method, target, version, headers, body)
        except socket.timeout:
            self.close_cleanly()
            return None
        except HttpError as exc:
            resp = GatewayError(400, "BadRequest", str(exc)).response()
            resp.close = True
            self.respond(resp, "-", "-")
            return None

    @staticmethod
    def body_length(headers):
        names = [n for n, _ in headers]
        if "transfer-encoding" in names:
            raise HttpError("request bodies with Transfer-Encoding are not supported")
        values = [v for n, v in headers if n == "content-length"]
        if not values:
            return 0
        if len(set(values)) != 1 or not values[0].isdigit() or \
                int(values[0]) > MAX_BODY_BYTES:
            raise HttpError("bad Content-Length")
        return int(values[0])

    # -- requests --------------------------------------------------------------------
    def handle(self, req):
        """Answer one request; False when the connection is finished."""
        self.requests += 1
        max_requests = self.server.args.max_requests
        close = req.wants_close() or self.server.stopping or \
            (max_requests > 0 and self.requests >= max_requests)
        if req.path.startswith("/__admin/"):
            self.state.count("adminRequests")
            resp, action, fault = self.server.admin(req), "admin", None
        else:
            self.state.count("requests")
            resp, action, fault = self.api(req)
        resp.close = close
        return self.respond(resp, req.request_line(), action, fault)

    def api(self, req):
        """-> (response, action, fault or None)."""
        started = time.monotonic()
        matched = route(req.method, req.path)
        if matched is None:
            err = GatewayError(404, "InvalidAction.NotFound",
                               "Specified api is not found, please check your url and method.")
            return err.response(), "-", None
        action, raw_params = matched
        try:
            params, query = verify(req, self.state, action, raw_params)
        except GatewayError as err:
            self.state.count("authFailures")
            return err.response(), action, None
        try:
            header = req.headers.get("x-osfn-fault")
            fault = parse_fault_header(header) if header else self.state.take_fault()
        except GatewayError as err:
            return err.response(), action, None
        return api_response(self.state, action, params, query, started), action, fault

    def respond(self, resp, request_line, action, fault=None):
        """Send a response, shaped by a fault if any; False when the connection ended."""
        mode, arg = fault if fault else (None, None)
        if fault:
            self.state.count("faultsApplied")
        if mode in GATEWAY_FAULTS:
            close, resp = resp.close, gateway_fault_response(mode, arg)
            resp.close = close
        resp.date = http_date(self.state.now())
        note = "-" if mode is None else mode if arg is None else "%s=%g" % (mode, arg)
        status = "-" if mode in ("reset", "stall") else resp.status
        self.server.log('%s "%s" action=%s status=%s code=%s fault=%s' % (
            self.peer, request_line, action, status, resp.code, note))
        if mode == "reset":
            self.reset()
            return False
        if mode == "stall":
            self.server.stop_event.wait(30.0 if arg is None else arg)
            self.close_cleanly()
            return False
        data, close = wire_bytes(resp, None if mode in GATEWAY_FAULTS else mode, arg)
        if mode == "drip":
            sent = self.write_slowly(data, 50.0 if arg is None else arg)
        else:
            sent = self.write(data)
        if sent and close:
            self.close_cleanly()
        return sent and not close

    def write(self, data):
        try:
            self.sock.sendall(data)
            return True
        except OSError:
            self.abort()
            return False

    def write_slowly(self, data, delay_ms):
        """One byte every delay_ms (each its own TLS record); stops early on shutdown."""
        for i in range(len(data)):
            if self.server.stop_event.wait(delay_ms / 1000.0) or \
                    not self.write(data[i:i + 1]):
                return False
        return True

    # -- closing ---------------------------------------------------------------------
    def close_cleanly(self):
        """TLS close_notify, then FIN; then, unless the server is stopping, drain the
        peer for a moment so that unread bytes do not turn our close into a RST."""
        sock = self.sock
        if sock is None:
            return
        try:
            if isinstance(sock, ssl.SSLSocket):
                sock.settimeout(0.0)
                try:
                    sock.unwrap()       # sends close_notify; the peer's reply is optional
                except (ssl.SSLError, OSError):
                    pass
                sock.settimeout(None)
            sock.shutdown(socket.SHUT_WR)
        except (OSError, ValueError):
            pass
        self.fin_sent.set()
        if not self.server.stopping:
            self.drain(sock)
        self.abort()

    @staticmethod
    def drain(sock):
        """Read and drop what the peer still sends, until EOF or LINGER_S."""
        deadline = time.monotonic() + LINGER_S
        raw = socket.socket(fileno=os.dup(sock.fileno()))
        try:
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    return
                raw.settimeout(left)
                if not raw.recv(65536):
                    return
        except OSError:
            return
        finally:
            raw.close()

    def reset(self):
        """Close with SO_LINGER 0: the kernel sends a TCP RST."""
        try:
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                 struct.pack("ii", 1, 0))
        except OSError:
            pass
        self.abort()

    def abort(self):
        sock, self.sock = self.sock, None
        self.fin_sent.set()
        if sock is not None:
            try:
                sock.close()
            except OSError:
                pass


# --------------------------------------------------------------------------------------
# Server
# --------------------------------------------------------------------------------------
def wait_all(conns, limit):
    """Wait (at most `limit` seconds in all) until each connection has sent its FIN."""
    deadline = time.monotonic() + limit
    for conn in conns:
        conn.fin_sent.wait(max(0.0, deadline - time.monotonic()))


class Server:
    def __init__(self, args, state, ssl_context):
        self.args = args
        self.state = state
        self.ssl_context = ssl_context
        self.stopping = False
        self.stop_event = threading.Event()
        self.conn_lock = threading.Lock()
        self.connections = set()
        self.log_lock = threading.Lock()
        self.log_file = None
        if args.log == "-":
            self.log_file = sys.stderr
        elif args.log:
            self.log_file = open(args.log, "a", encoding="utf-8", buffering=1)
        self.wake_r, self.wake_w = os.pipe()
        os.set_blocking(self.wake_w, False)
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind((args.host, args.port))
        self.listener.listen(64)
        self.port = self.listener.getsockname()[1]

    def log(self, text):
        """Request line, action, status and error code only: never headers or secrets."""
        if self.log_file is None:
            return
        with self.log_lock:
            self.log_file.write("%s %s\n" % (iso_date(time.time()), text))

    def write_port_file(self):
        path = self.args.port_file
        if not path:
            return
        tmp = "%s.%d.tmp" % (path, os.getpid())
        with open(tmp, "w") as f:
            f.write("%d\n" % self.port)
        os.replace(tmp, path)

    def request_stop(self):
        """Safe from a signal handler: flag and wake the accept loop."""
        self.stopping = True
        self.stop_event.set()
        try:
            os.write(self.wake_w, b"x")
        except OSError:
            pass

    def serve_forever(self):
        poller = select.poll()
        poller.register(self.listener.fileno(), select.POLLIN)
        poller.register(self.wake_r, select.POLLIN)
        while not self.stopping:
            events = poller.poll()
            if self.stopping:
                break
            if any(fd == self.listener.fileno() for fd, _ in events):
                self.accept()

    def accept(self):
        try:
            sock, peer = self.listener.accept()
        except OSError:
            return
        self.state.count("connections")
        with self.conn_lock:
            full = len(self.connections) >= MAX_CONNECTIONS
        if full:
            sock.close()
            return
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        conn = Connection(self, sock, peer)
        with self.conn_lock:
            self.connections.add(conn)
        threading.Thread(target=conn.run, name="conn-" + conn.peer, daemon=True).start()

    def forget(self, conn):
        with self.conn_lock:
            self.connections.discard(conn)
            os.close(conn.wake_r)
            os.close(conn.wake_w)

    def close_idle(self):
        """Close every idle kept-alive connection; returns how many, once their FIN is out."""
        with self.conn_lock:
            idle = [c for c in self.connections if c.idle]
            for conn in idle:
                conn.wake(close=True)
        wait_all(idle, 1.0)
        return len(idle)

    def shutdown(self):
        self.listener.close()
        with self.conn_lock:
            conns = list(self.connections)
            for conn in conns:
                conn.wake(close=False)
        wait_all(conns, SHUTDOWN_JOIN_S)
        if self.args.port_file:
            try:
                os.unlink(self.args.port_file)
            except OSError:
                pass

    # -- admin API -------------------------------------------------------------------
    def admin(self, req):
        name = req.path[len("/__admin/"):]
        handlers = {("GET", "counters"): self.admin_counters,
                    ("POST", "reset"): self.admin_reset,
                    ("POST", "fault"): self.admin_fault,
                    ("POST", "config"): self.admin_config,
                    ("POST", "close-idle"): self.admin_close_idle,
                    ("POST", "advance"): self.admin_advance}
        handler = handlers.get((req.method, name))
        if handler is None:
            return json_response(404, {"error": "unknown admin endpoint %s %s"
                                       % (req.method, req.path)})
        body = {}
        if req.body:
            try:
                body = json.loads(req.body)
            except ValueError:
                return json_response(400, {"error": "body is not JSON"})
            if not isinstance(body, dict):
                return json_response(400, {"error": "body must be a JSON object"})
        try:
            return json_response(200, handler(body))
        except (ValueError, TypeError) as exc:
            return json_response(400, {"error": str(exc)})

    def admin_counters(self, _body):
        with self.state.lock:
            counters = dict(self.state.counters)
            counters["pendingFaults"] = sum(f[2] for f in self.state.faults)
        with self.conn_lock:
            counters["openConnections"] = len(self.connections)
        return counters

    def admin_reset(self, _body):
        self.state.reset()
        return {"ok": True}

    def admin_fault(self, body):
        mode = body.get("mode")
        if mode not in FAULT_MODES:
            raise ValueError("mode must be one of " + ", ".join(FAULT_MODES))
        arg = body.get("arg")
        if not valid_fault_arg(arg):
            raise ValueError("arg must be a non-negative number")
        count = body.get("count", 1)
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            raise ValueError("count must be a positive integer")
        self.state.push_fault(mode, arg, count)
        return {"ok": True, "mode": mode, "arg": arg, "count": count}

    def admin_config(self, body):
        checks = {"casing": lambda v: v in ("camel", "pascal"),
                  "ensureAscii": lambda v: isinstance(v, bool),
                  "clockOffsetSeconds": is_number}
        for key, value in body.items():
            if key not in checks or not checks[key](value):
                raise ValueError("bad config entry %r" % key)
        with self.state.lock:
            self.state.config.update(body)
            return dict(self.state.config)

    def admin_close_idle(self, _body):
        return {"closed": self.close_idle()}

    def admin_advance(self, body):
        seconds = body.get("seconds")
        if not is_number(seconds) or seconds < 0:
            raise ValueError("seconds must be a non-negative number")
        with self.state.lock:
            self.state.advanced += seconds
        return {"elapsed": self.state.elapsed()}


# --------------------------------------------------------------------------------------
# Start-up
# --------------------------------------------------------------------------------------
def ensure_certs(certs_dir, profile):
    names = ["server-%s.crt" % profile, "server-%s.key" % profile, "ca.crt"]
    if all(os.path.exists(os.path.join(certs_dir, n)) for n in names):
        return
    subprocess.run(["bash", os.path.join(HERE, "gen_certs.sh"), certs_dir], check=True,
                   stdout=subprocess.DEVNULL)


def make_ssl_context(args):
    ensure_certs(args.certs_dir, args.cert_profile)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    if args.ciphers:
        ctx.set_ciphers(args.ciphers)
    ctx.load_cert_chain(os.path.join(args.certs_dir, "server-%s.crt" % args.cert_profile),
                        os.path.join(args.certs_dir, "server-%s.key" % args.cert_profile))
    # Session tickets and the server session cache are on by default; nothing to enable.
    return ctx


def parse_args(argv):
    p = argparse.ArgumentParser(description="Local Alibaba Cloud OpenSearch emulator")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=0, help="0 picks a free port")
    p.add_argument("--port-file", help="the port is written here (atomically) once listening")
    p.add_argument("--certs-dir", help="test PKI; made with gen_certs.sh when missing")
    p.add_argument("--cert-profile", choices=CERT_PROFILES, default="good")
    p.add_argument("--fixtures", default=os.path.join(HERE, "fixtures.json"))
    p.add_argument("--casing", choices=("camel", "pascal"), default="camel")
    p.add_argument("--plain", action="store_true", help="HTTP without TLS (debug only)")
    p.add_argument("--idle-timeout", type=float, default=30.0)
    p.add_argument("--max-requests", type=int, default=0,
                   help="close a connection after this many requests (0: no limit)")
    p.add_argument("--log", help="append one line per request here ('-' for stderr)")
    p.add_argument("--clock-offset", type=float, default=0.0,
                   help="seconds added to the server clock (Date header and time checks)")
    p.add_argument("--ciphers", help="OpenSSL cipher string for TLS 1.2 (default: Python's)")
    args = p.parse_args(argv)
    if not args.plain and not args.certs_dir:
        p.error("--certs-dir is required unless --plain")
    return args


def main(argv=None):
    args = parse_args(argv)
    fixtures = Fixtures(args.fixtures)
    state = State(fixtures, {"casing": args.casing, "ensureAscii": True,
                             "clockOffsetSeconds": args.clock_offset})
    ssl_context = None if args.plain else make_ssl_context(args)
    server = Server(args, state, ssl_context)
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: server.request_stop())
    server.write_port_file()
    sys.stderr.write("osfn emulator: %s://%s:%d (cert profile %s)\n" % (
        "http" if args.plain else "https", args.host, server.port,
        "-" if args.plain else args.cert_profile))
    try:
        server.serve_forever()
    finally:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
