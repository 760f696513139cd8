#!/usr/bin/env python3
"""Self-test of the OpenSearch emulator, from Python's own client side.

Signs requests with a signer written here, independently of the emulator's (and checks
both against signing.md's 5 vectors), drives the emulator over real TLS sockets and
checks answers, faults, admin API, TLS 1.2 resumption and shutdown.

    python3 tests/emulator/test_emulator.py

Last line: "N passed, M failed"; exit status 1 on any failure.
"""

import base64
import email.utils
import hashlib
import hmac
import json
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import traceback
import uuid
from urllib.parse import quote

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True          # no __pycache__ in the source tree
import osfn_emulator as emu  # noqa: E402  (only for the vector checks of its signer)

EMULATOR = os.path.join(HERE, "osfn_emulator.py")
HOSTNAME = "opensearch.cn-hangzhou.aliyuncs.com"
VERSION = "2017-12-25"
EMPTY_SHA = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
PERM = {"id": "LTAI5tExampleKeyId", "secret": "ExampleSecret0123456789abcdefXY"}
TEMP = {"id": "STS.ExampleTempKeyId", "secret": "ExampleTempSecret",
        "token": "CAIS.ExampleSecurityToken=="}
UUID_RE = re.compile(r"^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$")
IO_TIMEOUT = 5.0

# --------------------------------------------------------------------------------------
# An independent signer (urllib's quote, email.utils dates)
# --------------------------------------------------------------------------------------
def enc(text):
    return quote(text, safe="-_.~")     # UTF-8, upper-case hex, "/" encoded too


def v3_authorization(method, path, query, headers, key_id, secret):
    names = sorted(h for h in headers if h in ("host", "content-type") or h.startswith("x-acs-"))
    canonical = "\n".join([
        method, path, "&".join("%s=%s" % (enc(k), enc(v)) for k, v in sorted(query.items())),
        "".join("%s:%s\n" % (h, headers[h].strip()) for h in names), ";".join(names),
        headers["x-acs-content-sha256"]])
    to_sign = "ACS3-HMAC-SHA256\n" + hashlib.sha256(canonical.encode()).hexdigest()
    sig = hmac.new(secret.encode(), to_sign.encode(), hashlib.sha256).hexdigest()
    return "ACS3-HMAC-SHA256 Credential=%s,SignedHeaders=%s,Signature=%s" % (
        key_id, ";".join(names), sig)


def roa_authorization(method, path, query, headers, key_id, secret):
    acs = "".join("%s:%s\n" % (h, headers[h].strip())
                  for h in sorted(h for h in headers if h.startswith("x-acs-")))
    resource = path + ("?" + "&".join("%s=%s" % kv for kv in sorted(query.items()))
                       if query else "")
    to_sign = "%s\n%s\n%s\n%s\n%s\n%s%s" % (
        method, headers.get("accept", ""), headers.get("content-md5", ""),
        headers.get("content-type", ""), headers.get("date", ""), acs, resource)
    mac = hmac.new(secret.encode(), to_sign.encode(), hashlib.sha1).digest()
    return "acs %s:%s" % (key_id, base64.b64encode(mac).decode())


def api_path(app, fn, inst, gen=None):
    path = "/v4/openapi/app-groups/%s/functions/%s/instances/%s" % (enc(app), enc(fn),
                                                                     enc(inst))
    return path + ("/tasks/" + enc(gen) if gen is not None else "")


def make_request(names, query=None, scheme="v3", cred=PERM, when=None, nonce=None,
                 action=None, version=VERSION, extra=None, after_sign=None, path=None):
    """-> (target, headers dict) for an API call, signed like the official SDK."""
    query = query or {}
    path = path or api_path(*names)
    when = time.time() if when is None else when
    headers = {"host": HOSTNAME, "accept": "application/json",
               "x-acs-action": action or ("GetFunctionTask" if len(names) == 4
                                          else "GetFunctionInstance"),
               "x-acs-version": version,
               "x-acs-signature-nonce": nonce or uuid.uuid4().hex}
    if scheme == "v3":
        headers["x-acs-date"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(when))
        headers["x-acs-content-sha256"] = EMPTY_SHA
    else:
        headers["date"] = email.utils.formatdate(when, usegmt=True)
        headers["x-acs-signature-method"] = "HMAC-SHA1"
        headers["x-acs-signature-version"] = "1.0"
    if "token" in cred:
        headers["x-acs-accesskey-id"] = cred["id"]
        headers["x-acs-security-token"] = cred["token"]
    headers.update(extra or {})
    sign = v3_authorization if scheme == "v3" else roa_authorization
    headers["authorization"] = sign("GET", path, query, headers, cred["id"], cred["secret"])
    if after_sign:
        after_sign(headers)
    target = path + ("?" + "&".join("%s=%s" % (enc(k), enc(v)) for k, v in query.items())
                     if query else "")
    return target, headers


# --------------------------------------------------------------------------------------
# A small HTTP/1.1 client that shows what is on the wire
# --------------------------------------------------------------------------------------
class Resp:
    def __init__(self):
        self.version = self.reason = None
        self.status = 0
        self.headers = {}
        self.body = b""
        self.interim = []           # status codes of 1xx answers
        self.chunks = []            # (size text, extension text) per chunk
        self.trailers = {}
        self.eof = False            # the server closed right after this response

    def json(self):
        return json.loads(self.body)


class Conn:
    def __init__(self, port, tls=True, ctx=None, session=None, hostname=HOSTNAME):
        raw = socket.create_connection(("127.0.0.1", port), timeout=IO_TIMEOUT)
        if tls:
            ctx = ctx or CLIENT_CTX
            self.sock = ctx.wrap_socket(raw, server_hostname=hostname, session=session,
                                        suppress_ragged_eofs=False)
        else:
            self.sock = raw
        self.buf = bytearray()
        self.recv_calls = 0

    def close(self):
        self.sock.close()

    def send(self, target, headers, method="GET", body=b""):
        lines = ["%s %s HTTP/1.1" % (method, target)]
        lines += ["%s: %s" % kv for kv in headers.items()]
        if body:
            lines.append("Content-Length: %d" % len(body))
        self.sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode() + body)

    def fill(self):
        """Read more; False on a clean EOF (TLS close_notify / TCP FIN)."""
        data = self.sock.recv(65536)
        self.recv_calls += 1
        self.buf += data
        return bool(data)

    def line(self):
        while b"\r\n" not in self.buf:
            if not self.fill():
                raise EOFError("EOF inside a line")
        i = self.buf.index(b"\r\n")
        text = bytes(self.buf[:i]).decode("latin-1")
        del self.buf[:i + 2]
        return text

    def exact(self, n):
        while len(self.buf) < n:
            if not self.fill():
                raise EOFError("EOF after %d of %d bytes" % (len(self.buf), n))
        data = bytes(self.buf[:n])
        del self.buf[:n]
        return data

    def headers(self):
        out = {}
        while True:
            text = self.line()
            if not text:
                return out
            name, _, value = text.partition(":")
            out[name.strip().lower()] = value.strip()

    def response(self):
        r = Resp()
        while True:
            r.version, status, r.reason = self.line().split(" ", 2)
            r.status = int(status)
            r.headers = self.headers()
            if r.status >= 200:
                break
            r.interim.append(r.status)
        if r.headers.get("transfer-encoding") == "chunked":
            r.body = self.chunked(r)
        elif "content-length" in r.headers:
            r.body = self.exact(int(r.headers["content-length"]))
        else:
            while self.fill():
                pass
            r.body, r.eof = bytes(self.buf), True
            self.buf.clear()
        return r

    def chunked(self, r):
        body = bytearray()
        while True:
            size_text, _, ext = self.line().partition(";")
            r.chunks.append((size_text, ext))
            size = int(size_text, 16)
            if size == 0:
                r.trailers = self.headers()
                return bytes(body)
            body += self.exact(size)
            if self.exact(2) != b"\r\n":
                raise ValueError("chunk not followed by CRLF")

    def at_eof(self):
        """True when the server closed cleanly and nothing else came."""
        return not self.buf and not self.fill()

    def call(self, names, **kw):
        fault = kw.pop("fault", None)
        target, headers = make_request(names, **kw)
        if fault:
            headers["x-osfn-fault"] = fault
        self.send(target, headers)
        return self.response()


def admin(port, method, name, body=None, conn=None):
    c = conn or Conn(port)
    data = json.dumps(body).encode() if body is not None else b""
    c.send("/__admin/" + name, {"Host": HOSTNAME}, method, data)
    r = c.response()
    if conn is None:
        c.close()
    return r.status, r.json()


def call(port, names, **kw):
    c = Conn(port)
    try:
        return c.call(names, **kw)
    finally:
        c.close()


def expect_gateway(resp, status, code):
    assert resp.status == status, (resp.status, resp.body)
    body = resp.json()
    assert body["Code"] == code, body
    assert {"RequestId", "HostId", "Code", "Message"} <= set(body), body
    assert body["HostId"] == HOSTNAME and UUID_RE.match(body["RequestId"]), body
    assert resp.headers["x-acs-request-id"] == body["RequestId"]
    assert resp.headers["content-type"] == "application/json;charset=utf-8"
    return body


# --------------------------------------------------------------------------------------
# Test runner
# --------------------------------------------------------------------------------------
TESTS = []


def test(fn):
    TESTS.append(fn)
    return fn


class Env:
    """The emulators under test and their files."""

    def __init__(self):
        self.tmp = tempfile.mkdtemp(prefix="osfn-emu-test-")
        self.certs = os.path.join(self.tmp, "certs")
        self.log = os.path.join(self.tmp, "emulator.log")
        self.procs = []

    def start(self, *extra, name="main"):
        port_file = os.path.join(self.tmp, name + ".port")
        cmd = [sys.executable, EMULATOR, "--host", "127.0.0.1", "--port", "0",
               "--port-file", port_file, "--certs-dir", self.certs] + list(extra)
        with open(port_file + ".stderr", "w") as err:
            proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)
        self.procs.append(proc)
        return proc, port_file

    @staticmethod
    def wait_port(proc, port_file, limit=10.0):
        deadline = time.monotonic() + limit
        while not os.path.exists(port_file):
            if proc.poll() is not None or time.monotonic() > deadline:
                with open(port_file + ".stderr") as f:
                    raise RuntimeError("emulator did not start (rc %s): %s"
                                       % (proc.poll(), f.read()[-2000:]))
            time.sleep(0.02)
        with open(port_file) as f:
            return int(f.read())

    def stop_all(self):
        for proc in self.procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        shutil.rmtree(self.tmp, ignore_errors=True)


ENV = Env()
CLIENT_CTX = None
PORT = None


def signing_vectors():
    """signing.md's five vectors: (scheme, path, query, headers, cred, expected)."""
    p1 = "/v4/openapi/app-groups/my_app_group/functions/ctr/instances/ctr_v1"
    p2 = p1 + "/tasks/1626769100"
    p5 = "/v4/openapi/app-groups/my%20app/functions/%E6%A8%A1%E5%9E%8B/instances/a~b.c-d_e"
    n1, n2 = "3156853299f313e23d1673dc12e1703d", "a1b2c3d4e5f60718293a4b5c6d7e8f90"

    def v3h(action, date, nonce, sts=False):
        h = {"host": HOSTNAME, "x-acs-action": action, "x-acs-content-sha256": EMPTY_SHA,
             "x-acs-date": date, "x-acs-signature-nonce": nonce, "x-acs-version": VERSION,
             "accept": "application/json"}
        if sts:
            h.update({"x-acs-accesskey-id": TEMP["id"], "x-acs-security-token": TEMP["token"]})
        return h

    def roah(action, date, nonce, sts=False):
        h = {"date": date, "host": HOSTNAME, "accept": "application/json",
             "x-acs-signature-nonce": nonce, "x-acs-signature-method": "HMAC-SHA1",
             "x-acs-signature-version": "1.0", "x-acs-version": VERSION,
             "x-acs-action": action}
        if sts:
            h.update({"x-acs-accesskey-id": TEMP["id"], "x-acs-security-token": TEMP["token"]})
        return h

    sig = "ACS3-HMAC-SHA256 Credential=%s,SignedHeaders=%s,Signature=%s"
    return [
        ("v3", p1, {"output": "detail"},
         v3h("GetFunctionInstance", "2026-11-23T06:00:00Z", n1), PERM,
         sig % (PERM["id"], "host;x-acs-action;x-acs-content-sha256;x-acs-date;"
                "x-acs-signature-nonce;x-acs-version",
                "4d5ee2ad5eaaec5efd27ee582f65936f137b1df507e891b6cab91869180a2d7f")),
        ("v3", p2, {}, v3h("GetFunctionTask", "2026-11-23T06:00:01Z", n2, True), TEMP,
         sig % (TEMP["id"], "host;x-acs-accesskey-id;x-acs-action;x-acs-content-sha256;"
                "x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version",
                "745ff5932124027e8639275d34504308eacb8f85e3afed24c055d7c06ffa87cb")),
        ("roa", p1, {"output": "detail"},
         roah("GetFunctionInstance", "Mon, 23 Nov 2026 06:00:00 GMT", n1), PERM,
         "acs LTAI5tExampleKeyId:7IXoVnSz+WSGk88r2bEtCk4VXlk="),
        ("roa", p2, {}, roah("GetFunctionTask", "Mon, 23 Nov 2026 06:00:01 GMT", n2, True),
         TEMP, "acs STS.ExampleTempKeyId:VWjaIH/Py6FzXvZE3jGghwPByCc="),
        ("v3", p5, {"output": "simple"},
         v3h("GetFunctionInstance", "2026-11-23T06:00:02Z", "0" * 32), PERM,
         sig % (PERM["id"], "host;x-acs-action;x-acs-content-sha256;x-acs-date;"
                "x-acs-signature-nonce;x-acs-version",
                "1669dfd217ae4d70e0025844ee0c88f68f307ff4d5d9f3ca1fba88080715641a")),
    ]


# --------------------------------------------------------------------------------------
# Signing
# --------------------------------------------------------------------------------------
@test
def vectors_with_emulator_signer():
    for i, (scheme, path, query, headers, cred, expected) in enumerate(signing_vectors(), 1):
        pairs = list(query.items())
        if scheme == "v3":
            canonical, signed = emu.v3_canonical_request("GET", path, pairs, headers, EMPTY_SHA)
            got = "ACS3-HMAC-SHA256 Credential=%s,SignedHeaders=%s,Signature=%s" % (
                cred["id"], signed, emu.v3_signature(cred["secret"], canonical))
        else:
            to_sign = emu.roa_string_to_sign("GET", path, pairs, headers)
            got = "acs %s:%s" % (cred["id"], emu.roa_signature(cred["secret"], to_sign))
        assert got == expected, "vector %d: %s" % (i, got)


@test
def vectors_with_test_signer():
    for i, (scheme, path, query, headers, cred, expected) in enumerate(signing_vectors(), 1):
        sign = v3_authorization if scheme == "v3" else roa_authorization
        got = sign("GET", path, query, headers, cred["id"], cred["secret"])
        assert got == expected, "vector %d: %s" % (i, got)


@test
def vector_1_canonical_request_text():
    scheme, path, query, headers, _, _ = signing_vectors()[0]
    canonical, _ = emu.v3_canonical_request("GET", path, list(query.items()), headers,
                                            EMPTY_SHA)
    assert canonical == (
        "GET\n/v4/openapi/app-groups/my_app_group/functions/ctr/instances/ctr_v1\n"
        "output=detail\nhost:opensearch.cn-hangzhou.aliyuncs.com\n"
        "x-acs-action:GetFunctionInstance\nx-acs-content-sha256:" + EMPTY_SHA + "\n"
        "x-acs-date:2026-11-23T06:00:00Z\n"
        "x-acs-signature-nonce:3156853299f313e23d1673dc12e1703d\n"
        "x-acs-version:2017-12-25\n\n"
        "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;"
        "x-acs-version\n" + EMPTY_SHA), canonical


# --------------------------------------------------------------------------------------
# Successful calls
# --------------------------------------------------------------------------------------
@test
def v3_instance_detail_camel():
    r = call(PORT, ("my-app", "ctr", "ctr_test"), query={"output": "detail"})
    assert r.status == 200 and r.version == "HTTP/1.1", r.body
    assert r.headers["content-type"] == "application/json;charset=utf-8"
    date = email.utils.parsedate_to_datetime(r.headers["date"]).timestamp()
    assert abs(date - time.time()) < 5 and r.headers["date"].endswith(" GMT")
    body = r.json()
    assert list(body) == ["status", "requestId", "httpCode", "code", "message", "latency",
                          "result"], list(body)
    assert UUID_RE.match(body["requestId"]) and r.headers["x-acs-request-id"] == \
        body["requestId"]
    assert body["status"] == "OK" and body["httpCode"] == 200 and body["code"] == ""
    res = body["result"]
    assert res["Description"] == "test" and "description" not in res
    assert res["task"] == {"dagStatus": "running", "progress": 30, "lastRunTime": 200020}
    assert json.loads(res["extendInfo"]) == {"error": {}, "dataReport": {}}


@test
def output_levels():
    names = ("my-app", "ctr", "ctr_test")
    simple = call(PORT, names, query={"output": "simple"}).json()["result"]
    normal = call(PORT, names).json()["result"]
    explicit = call(PORT, names, query={"output": "normal"}).json()["result"]
    detail = call(PORT, names, query={"output": "detail"}).json()["result"]
    for key in ("createParameters", "usageParameters", "cron", "task"):
        assert key not in simple, key
    assert normal == explicit and "task" not in normal
    assert normal["createParameters"] == [{"name": "param1", "value": "val1"}]
    assert "cron" in normal and "task" in detail
    r = call(PORT, names, query={"output": "full"})
    body = r.json()
    assert r.status == 400 and body["code"] == "InvalidParameter" and body["httpCode"] == 400
    nt = call(PORT, ("my-app", "ctr", "ctr_notask"), query={"output": "detail"}).json()
    assert "task" not in nt["result"] and nt["result"]["extendInfo"] == ""


@test
def roa_instance_and_sts_task():
    r = call(PORT, ("my-app", "ctr", "ctr_test"), scheme="roa", query={"output": "detail"})
    assert r.status == 200 and r.json()["result"]["instanceName"] == "ctr_test", r.body
    for scheme in ("v3", "roa"):
        r = call(PORT, ("my_app_group", "ctr", "ctr_v1", "1626769100"), scheme=scheme,
                 cred=TEMP)
        assert r.status == 200, (scheme, r.body)
        res = r.json()["result"]
        assert res["generation"] == "1626769100" and res["endTime"] == 1626772700000
        assert json.loads(res["extendInfo"]) == {"recall": 91, "errors": []}
    r = call(PORT, ("my-app", "ctr", "ctr_test", "3"))
    assert r.json()["result"]["runId"] == "trigger__2021-03-05T12:18:41"


@test
def non_ascii_names_and_escapes():
    names = ("my app", "模型", "a~b.c-d_e")
    assert api_path(*names).endswith("/my%20app/functions/%E6%A8%A1%E5%9E%8B/instances/"
                                     "a~b.c-d_e")
    r = call(PORT, names, query={"output": "detail"})
    assert r.status == 200, r.body
    assert b"\\ud83d\\ude00" in r.body and b"\\u00e9" in r.body and b'\\"' in r.body
    res = r.json()["result"]
    assert res["functionName"] == "模型" and "😀" in res["Description"]
    assert "\n" in res["Description"] and '"quoted"' in res["Description"]
    assert json.loads(res["extendInfo"])["note"] == "café 😀"
    assert res["unknownNested"]["a"][6] == {"b": "c"}
    r = call(PORT, names + ("1",), scheme="roa")
    assert r.status == 200 and r.json()["result"]["functionName"] == "模型", r.body
    admin(PORT, "POST", "config", {"ensureAscii": False})
    try:
        raw = call(PORT, names).body
        assert "😀".encode() in raw and b"\\ud83d" not in raw
    finally:
        admin(PORT, "POST", "config", {"ensureAscii": True})


@test
def slash_in_name_and_canonical_encoding():
    r = call(PORT, ("my-app", "ctr", "ctr/v2"))
    assert "/instances/ctr%2Fv2" in api_path("my-app", "ctr", "ctr/v2")
    assert r.status == 200 and r.json()["result"]["instanceName"] == "ctr/v2", r.body
    # Lower-case hex is a different wire path than the canonical one: refused.
    path = "/v4/openapi/app-groups/my%20app/functions/%e6%a8%a1%e5%9e%8b/instances/a~b.c-d_e"
    body = expect_gateway(call(PORT, ("my app", "模型", "a~b.c-d_e"), path=path), 400,
                          "SignatureDoesNotMatch")
    assert "canonically" in body["Message"]


@test
def not_exist_and_code_with_ok():
    r = call(PORT, ("my-app", "ctr", "no_such"))
    body = r.json()
    assert r.status == 404 and body["code"] == "Instance.NotExist" and \
        body["httpCode"] == 404 and body["message"] and "result" not in body, body
    r = call(PORT, ("my-app", "ctr", "ctr_test", "99"))
    assert r.status == 404 and r.json()["code"] == "Task.NotExist", r.body
    r = call(PORT, ("150057101", "ctr", "ctr_code_with_ok"))
    body = r.json()
    assert r.status == 200 and body["status"] == "OK" and body["httpCode"] == 200
    assert body["code"] == "Instance.NotExist" and body["result"]["instanceName"] == "ctr_test"


@test
def pascal_casing():
    status, cfg = admin(PORT, "POST", "config", {"casing": "pascal"})
    assert status == 200 and cfg["casing"] == "pascal"
    try:
        body = call(PORT, ("150057101", "ctr", "ctr_test"), query={"output": "detail"}).json()
        assert list(body) == ["Status", "HttpCode", "RequestId", "Message", "Code", "Result",
                              "Latency"], list(body)
        res = body["Result"]
        assert res["Belongs"]["Language"] == "zh(Default)" and res["VersionId"] == 101
        assert res["CreateParameters"][0] == {"Name": "param1", "Value": "value1"}
        assert res["ExtendInfo"] == '{\\"dataReport\\":{},\\"errors\\":{}}', res["ExtendInfo"]
        assert res["Task"] == {"DagStatus": "success", "LastRunTime": 1234}
        task = call(PORT, ("150057101", "ctr", "ctr_test", "1")).json()["Result"]
        assert task["EndTime"] == 1647213406267 and task["Generation"] == "1"
        err = call(PORT, ("my-app", "ctr", "nope")).json()
        assert err["Code"] == "Instance.NotExist" and err["HttpCode"] == 404
    finally:
        admin(PORT, "POST", "config", {"casing": "camel"})
    assert "status" in call(PORT, ("my-app", "ctr", "ctr_test")).json()


@test
def time_based_fixtures():
    admin(PORT, "POST", "reset")
    task7 = ("my-app", "ctr", "ctr_training", "7")
    first = call(PORT, task7).json()["result"]
    assert first["status"] == "running" and first["progress"] <= 10, first
    admin(PORT, "POST", "advance", {"seconds": 5})
    mid = call(PORT, task7).json()["result"]
    assert mid["status"] == "running" and 50 <= mid["progress"] < 100 and mid["endTime"] == 0
    inst = call(PORT, ("my-app", "ctr", "ctr_training"), query={"output": "detail"}).json()
    assert inst["result"]["task"]["dagStatus"] == "running"
    warming = ("my-app", "ctr", "ctr_warming")
    assert call(PORT, warming).json()["result"]["status"] == "unavailable"
    fail8 = call(PORT, ("my-app", "ctr", "ctr_training", "8")).json()["result"]
    assert fail8["status"] == "running" and fail8["progress"] >= 50, fail8
    admin(PORT, "POST", "advance", {"seconds": 5.5})
    done = call(PORT, task7).json()["result"]
    assert done["status"] == "success" and done["progress"] == 100, done
    assert done["endTime"] - done["startTime"] == 10000, done
    fail8 = call(PORT, ("my-app", "ctr", "ctr_training", "8")).json()["result"]
    assert fail8["status"] == "failed" and fail8["progress"] == 60, fail8
    assert call(PORT, warming).json()["result"]["status"] == "available"
    inst = call(PORT, ("my-app", "ctr", "ctr_training"), query={"output": "detail"}).json()
    assert inst["result"]["task"] == {"dagStatus": "success", "progress": 100,
                                      "lastRunTime": 10000}, inst["result"]["task"]
    admin(PORT, "POST", "reset")
    assert call(PORT, task7).json()["result"]["progress"] <= 10


# --------------------------------------------------------------------------------------
# Gateway errors
# --------------------------------------------------------------------------------------
INST = ("my-app", "ctr", "ctr_test")


def tamper_signature(headers):
    auth = headers["authorization"]
    headers["authorization"] = auth[:-1] + ("0" if auth[-1] != "0" else "1")


@test
def signature_errors():
    for scheme in ("v3", "roa"):
        body = expect_gateway(call(PORT, INST, scheme=scheme, after_sign=tamper_signature),
                              400, "SignatureDoesNotMatch")
        assert "Recommend" in body and TEMP["token"] not in body["Message"]
    # A token must never come back, even inside the server's canonical request.
    body = expect_gateway(call(PORT, INST, cred=TEMP, after_sign=tamper_signature), 400,
                          "SignatureDoesNotMatch")
    assert TEMP["token"] not in body["Message"] and "x-acs-security-token" in body["Message"]
    # An x-acs-* header added after signing is not in SignedHeaders.
    body = expect_gateway(call(PORT, INST, after_sign=lambda h: h.update({"x-acs-extra": "1"})),
                          400, "SignatureDoesNotMatch")
    assert "SignedHeaders" in body["Message"]
    # A header the SDK does not sign (user-agent) may be added freely.
    r = call(PORT, INST, after_sign=lambda h: h.update({"user-agent": "osfn-test/1"}))
    assert r.status == 200, r.body
    expect_gateway(call(PORT, INST, extra={"x-acs-content-sha256": "00" * 32}), 400,
                   "SignatureDoesNotMatch")


@test
def auth_errors():
    expect_gateway(call(PORT, INST, after_sign=lambda h: h.pop("authorization")), 400,
                   "MissingAuthorization")
    expect_gateway(call(PORT, INST, cred={"id": "LTAI5tUnknown", "secret": "x"}), 404,
                   "InvalidAccessKeyId.NotFound")
    expect_gateway(call(PORT, INST, after_sign=lambda h: h.update(
        {"authorization": "Bearer abc"})), 400, "IncompleteSignature")


@test
def sts_errors():
    task = ("my_app_group", "ctr", "ctr_v1", "1626769100")
    no_token = dict(TEMP)
    del no_token["token"]
    expect_gateway(call(PORT, task, cred=no_token), 400, "InvalidSecurityToken.Missing")
    wrong = dict(TEMP, token="CAIS.WrongToken==")
    expect_gateway(call(PORT, task, cred=wrong), 400, "InvalidSecurityToken.Mismatch")
    expect_gateway(call(PORT, task, cred=TEMP, extra={"x-acs-accesskey-id": "LTAI5tOther"}),
                   400, "InvalidSecurityToken.Mismatch")
    expect_gateway(call(PORT, task, cred=dict(PERM, token="CAIS.X==")), 400,
                   "InvalidSecurityToken.Mismatch")


@test
def time_errors():
    for scheme in ("v3", "roa"):
        expect_gateway(call(PORT, INST, scheme=scheme, when=time.time() - 16 * 60), 400,
                       "InvalidTimeStamp.Expired")
        expect_gateway(call(PORT, INST, scheme=scheme, when=time.time() + 16 * 60), 400,
                       "InvalidTimeStamp.Expired")
        assert call(PORT, INST, scheme=scheme, when=time.time() - 14 * 60).status == 200
    expect_gateway(call(PORT, INST, extra={"x-acs-date": "2026-11-23 06:00:00"}), 400,
                   "InvalidTimeStamp.Format")
    now = email.utils.formatdate(time.time(), usegmt=True)
    wrong_day = ("Mon" if not now.startswith("Mon") else "Tue") + now[3:]
    expect_gateway(call(PORT, INST, scheme="roa", extra={"date": wrong_day}), 400,
                   "InvalidTimeStamp.Format")

    def drop_date(h):
        del h["x-acs-date"]
    expect_gateway(call(PORT, INST, after_sign=drop_date), 400, "InvalidTimeStamp.Format")


@test
def nonce_errors():
    nonce = uuid.uuid4().hex
    assert call(PORT, INST, nonce=nonce).status == 200
    expect_gateway(call(PORT, INST, nonce=nonce, scheme="roa"), 400, "SignatureNonceUsed")
    # A refused request does not burn its nonce.
    nonce = uuid.uuid4().hex
    expect_gateway(call(PORT, INST, nonce=nonce, after_sign=tamper_signature), 400,
                   "SignatureDoesNotMatch")
    assert call(PORT, INST, nonce=nonce).status == 200

    def drop_nonce(h):
        del h["x-acs-signature-nonce"]
    expect_gateway(call(PORT, INST, after_sign=drop_nonce), 400, "MissingSignatureNonce")


@test
def action_version_and_path_errors():
    expect_gateway(call(PORT, INST, action="GetFunctionTask"), 400, "InvalidAction")
    expect_gateway(call(PORT, INST + ("3",), action="GetFunctionInstance"), 400,
                   "InvalidAction")
    expect_gateway(call(PORT, INST, version="2021-01-01"), 400, "InvalidVersion")
    expect_gateway(call(PORT, INST, path="/v4/openapi/app-groups/my-app/functions/ctr"), 404,
                   "InvalidAction.NotFound")
    c = Conn(PORT)
    target, headers = make_request(INST)
    c.send(target, headers, method="POST", body=b"{}")
    expect_gateway(c.response(), 404, "InvalidAction.NotFound")
    c.sock.sendall(b"GET / HTTP/1.1\nHost: x\n\n")        # bare LF: refused, then closed
    expect_gateway(c.response(), 400, "BadRequest")
    assert c.at_eof()
    c.close()
    c = Conn(PORT)
    c.sock.sendall(b"GET /__admin/counters HTTP/1.1\r\n\r\n")     # no Host
    expect_gateway(c.response(), 400, "BadRequest")
    c.close()


# --------------------------------------------------------------------------------------
# Faults
# --------------------------------------------------------------------------------------
def faulted(fault, names=INST, **kw):
    """(connection, response or exception) for a request carrying x-osfn-fault."""
    c = Conn(PORT)
    try:
        return c, c.call(names, fault=fault, **kw)
    except (OSError, EOFError, ValueError) as exc:
        return c, exc


@test
def fault_truncate():
    c = Conn(PORT)
    target, headers = make_request(INST)
    headers["x-osfn-fault"] = "truncate=50"
    c.send(target, headers)
    while c.fill():          # a clean close: SSLEOFError here would mean no close_notify
        pass
    assert len(c.buf) == 50 and bytes(c.buf).startswith(b"HTTP/1.1 200 OK\r\n"), bytes(c.buf)
    c.close()
    c, exc = faulted("truncate")             # default: half of the response
    assert isinstance(exc, EOFError), exc
    c.close()


@test
def fault_reset():
    # Python's ssl reports a RST under TLS as SSLEOFError, so look at the TCP socket
    # itself (TLS 1.2: no post-handshake records can sit before the RST).
    ctx = ssl.create_default_context(cafile=os.path.join(ENV.certs, "ca.crt"))
    ctx.maximum_version = ssl.TLSVersion.TLSv1_2
    c = Conn(PORT, ctx=ctx)
    target, headers = make_request(INST)
    headers["x-osfn-fault"] = "reset"
    c.send(target, headers)
    raw = socket.socket(fileno=os.dup(c.sock.fileno()))
    raw.settimeout(IO_TIMEOUT)
    try:
        data = raw.recv(100)
        raise AssertionError("expected a TCP RST, got %r" % data)
    except ConnectionResetError:
        pass
    finally:
        raw.close()
        c.close()


@test
def fault_drip_and_stall():
    started = time.monotonic()
    c, r = faulted("drip=2", names=("my-app", "ctr", "nope"))
    assert isinstance(r, Resp) and r.status == 404 and r.json()["code"] == "Instance.NotExist"
    assert c.recv_calls > 50 and time.monotonic() - started > 0.3, c.recv_calls
    assert c.call(INST).status == 200      # still kept alive
    c.close()
    started = time.monotonic()
    c, exc = faulted("stall=0.6")
    took = time.monotonic() - started
    assert isinstance(exc, EOFError) and 0.5 < took < 3, (exc, took)
    c.close()


@test
def fault_chunked_ext():
    c, r = faulted("chunked-ext", query={"output": "detail"})
    assert r.status == 200 and "content-length" not in r.headers, r.headers
    assert r.json()["result"]["instanceName"] == "ctr_test"
    sizes = [int(s, 16) for s, _ in r.chunks[:-1]]
    assert max(sizes) <= 15 and sum(1 for s in sizes if s <= 7) > len(sizes) // 2
    texts = "".join(s for s, _ in r.chunks)
    assert re.search(r"[a-f]", texts) and re.search(r"[A-F]", texts), texts
    assert any(ext.startswith("foo=bar") for _, ext in r.chunks)
    assert r.trailers == {"x-osfn-trailer": "done"}
    assert c.call(INST).status == 200
    c.close()


@test
def fault_close_delimited_connection_close_http10():
    c, r = faulted("close-delimited")
    assert r.status == 200 and r.eof and "content-length" not in r.headers
    assert r.headers["connection"] == "close" and r.json()["status"] == "OK"
    c.close()
    c, r = faulted("connection-close")
    assert r.status == 200 and r.headers["connection"] == "close" and c.at_eof()
    c.close()
    c, r = faulted("http10")
    assert r.version == "HTTP/1.0" and r.status == 200 and "connection" not in r.headers
    assert r.json()["status"] == "OK" and c.at_eof()
    c.close()


@test
def fault_oversize_and_interim():
    c, r = faulted("oversize=100000", query={"output": "detail"})
    assert r.status == 200 and len(r.body) == 100000, len(r.body)
    body = r.json()
    assert len(body["osfnPadding"]) > 90000 and body["result"]["instanceName"] == "ctr_test"
    c.close()
    c, r = faulted("oversize")
    assert len(r.body) == 1048576
    c.close()
    c, r = faulted("interim")
    assert r.interim == [100] and r.status == 200
    assert c.call(INST).status == 200
    c.close()


@test
def fault_http_errors():
    c, r = faulted("status500")
    expect_gateway(r, 500, "InternalError")
    assert c.call(INST).status == 200       # the connection stays usable
    c.close()
    c, r = faulted("status503")
    expect_gateway(r, 503, "ServiceUnavailable")
    c.close()
    c, r = faulted("status429=3")
    expect_gateway(r, 429, "Throttling.User")
    assert r.headers["retry-after"] == "3"
    c.close()
    c, r = faulted("status429")
    assert r.headers["retry-after"] == "1"
    c.close()
    c, r = faulted("html")
    assert r.status == 502 and r.headers["content-type"] == "text/html"
    assert r.body.startswith(b"<html>")
    c.close()
    c, r = faulted("empty-error")
    assert r.status == 503 and r.headers["content-length"] == "0" and r.body == b""
    assert "x-acs-request-id" in r.headers and "date" in r.headers
    c.close()


@test
def fault_queue_via_admin():
    admin(PORT, "POST", "reset")
    status, _ = admin(PORT, "POST", "fault", {"mode": "status503", "count": 2})
    assert status == 200
    admin(PORT, "POST", "fault", {"mode": "status429", "arg": 2})
    c = Conn(PORT)
    expect_gateway(c.call(INST, after_sign=tamper_signature), 400, "SignatureDoesNotMatch")
    codes = [c.call(INST).status for _ in range(4)]
    assert codes == [503, 503, 429, 200], codes
    # A faulted request used its nonce: a retry needs a fresh one.
    admin(PORT, "POST", "fault", {"mode": "status500"})
    nonce = uuid.uuid4().hex
    assert c.call(INST, nonce=nonce).status == 500
    expect_gateway(c.call(INST, nonce=nonce), 400, "SignatureNonceUsed")
    c.close()
    _, counters = admin(PORT, "GET", "counters")
    assert counters["faultsApplied"] == 4 and counters["pendingFaults"] == 0, counters
    assert admin(PORT, "POST", "fault", {"mode": "explode"})[0] == 400
    assert admin(PORT, "POST", "fault", {"mode": "drip", "count": 0})[0] == 400
    assert admin(PORT, "GET", "nothing")[0] == 404
    expect_gateway(call(PORT, INST, fault="explode"), 400, "InvalidParameter")
    expect_gateway(call(PORT, INST, fault="drip=-1"), 400, "InvalidParameter")


# --------------------------------------------------------------------------------------
# Connections and TLS
# --------------------------------------------------------------------------------------
@test
def tls12_resumption_and_keep_alive():
    ctl = Conn(PORT)
    admin(PORT, "POST", "reset", conn=ctl)
    ctx = ssl.create_default_context(cafile=os.path.join(ENV.certs, "ca.crt"))
    ctx.maximum_version = ssl.TLSVersion.TLSv1_2
    first = Conn(PORT, ctx=ctx)
    assert first.sock.version() == "TLSv1.2" and not first.sock.session_reused
    for _ in range(3):                      # keep-alive: three calls, one connection
        assert first.call(INST).status == 200
    session = first.sock.session
    first.close()
    second = Conn(PORT, ctx=ctx, session=session)
    assert second.sock.session_reused, "client did not resume"
    assert second.call(INST).status == 200
    second.close()
    _, counters = admin(PORT, "GET", "counters", conn=ctl)
    ctl.close()
    assert (counters["connections"], counters["fullHandshakes"],
            counters["resumedHandshakes"], counters["requests"]) == (2, 1, 1, 4), counters


@test
def close_idle_sends_close_notify_then_fin():
    idle = Conn(PORT)
    assert idle.call(INST).status == 200
    for _ in range(40):         # until the server thread is back waiting (idle)
        status, body = admin(PORT, "POST", "close-idle")
        assert status == 200, body
        if body["closed"] >= 1:
            break
        time.sleep(0.05)
    assert body["closed"] >= 1, body
    idle.sock.settimeout(2)
    # suppress_ragged_eofs=False: a FIN without close_notify would raise SSLEOFError.
    assert idle.sock.recv(100) == b""
    raw = idle.sock.unwrap()                # our close_notify back, then the raw TCP side
    raw.settimeout(2)
    assert raw.recv(100) == b""             # FIN
    raw.close()


@test
def idle_timeout_closes():
    c = Conn(PORT)
    assert c.call(INST).status == 200
    started = time.monotonic()
    c.sock.settimeout(5)
    assert c.sock.recv(100) == b""
    took = time.monotonic() - started
    assert 1.2 < took < 3.0, took           # the emulator runs with --idle-timeout 1.5
    c.close()


@test
def clock_offset_and_date_header():
    admin(PORT, "POST", "config", {"clockOffsetSeconds": 3600})
    try:
        r = call(PORT, INST)
        expect_gateway(r, 400, "InvalidTimeStamp.Expired")
        server_time = email.utils.parsedate_to_datetime(r.headers["date"]).timestamp()
        assert abs(server_time - time.time() - 3600) < 5
        assert call(PORT, INST, when=server_time).status == 200     # synced from Date
    finally:
        admin(PORT, "POST", "config", {"clockOffsetSeconds": 0})


@test
def cert_profiles():
    started = {}
    for profile in ("wrong-host", "expired", "other-ca"):
        started[profile] = ENV.start("--cert-profile", profile, name=profile)
    expected = {"wrong-host": "Hostname mismatch", "expired": "certificate has expired",
                "other-ca": "unable to get local issuer certificate"}
    for profile, (proc, port_file) in started.items():
        port = ENV.wait_port(proc, port_file)
        try:
            Conn(port).close()
            raise AssertionError(profile + ": handshake succeeded")
        except ssl.SSLCertVerificationError as exc:
            assert expected[profile] in str(exc), (profile, exc)
        lax = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        lax.check_hostname = False
        lax.verify_mode = ssl.CERT_NONE
        ctl = Conn(port, ctx=lax)
        for _ in range(40):     # the server counts the failure when the alert arrives
            _, counters = admin(port, "GET", "counters", conn=ctl)
            if counters["failedHandshakes"]:
                break
            time.sleep(0.05)
        ctl.close()
        assert counters["failedHandshakes"] == 1 and counters["fullHandshakes"] == 1, counters
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=2) == 0


@test
def plain_mode_and_max_requests():
    proc, port_file = ENV.start("--plain", "--max-requests", "2", name="plain")
    port = ENV.wait_port(proc, port_file)
    c = Conn(port, tls=False)
    first = c.call(INST)
    assert first.status == 200 and first.headers["connection"] == "keep-alive"
    second = c.call(INST)
    assert second.status == 200 and second.headers["connection"] == "close" and c.at_eof()
    c.close()
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=2) == 0


@test
def log_holds_no_secret():
    with open(ENV.log, encoding="utf-8") as f:
        log = f.read()
    assert "GetFunctionInstance" in log and "SignatureDoesNotMatch" in log
    for secret in (PERM["secret"], TEMP["secret"], TEMP["token"], "Signature=", "acs LTAI"):
        assert secret not in log, secret


@test
def sigterm_stops_within_one_second():
    idle = Conn(PORT)                       # an open connection must not hold it up
    assert idle.call(INST).status == 200
    proc = ENV.procs[0]
    started = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    rc = proc.wait(timeout=5)
    took = time.monotonic() - started
    idle.close()
    assert rc == 0 and took < 1.0, (rc, took)
    assert not os.path.exists(os.path.join(ENV.tmp, "main.port"))


# --------------------------------------------------------------------------------------
def main():
    global CLIENT_CTX, PORT
    passed = failed = 0
    try:
        subprocess.run(["bash", os.path.join(HERE, "gen_certs.sh"), ENV.certs], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        CLIENT_CTX = ssl.create_default_context(cafile=os.path.join(ENV.certs, "ca.crt"))
        proc, port_file = ENV.start("--idle-timeout", "1.5", "--log", ENV.log)
        PORT = ENV.wait_port(proc, port_file)
        for fn in TESTS:
            started = time.monotonic()
            try:
                fn()
                passed += 1
                print("ok   %-45s %.2fs" % (fn.__name__, time.monotonic() - started))
            except Exception as exc:  # noqa: BLE001 - any error fails that test only
                failed += 1
                print("FAIL %-45s %s: %s" % (fn.__name__, type(exc).__name__, exc))
                traceback.print_exc(limit=3, file=sys.stdout)
    finally:
        ENV.stop_all()
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
