#!/usr/bin/env python3
"""Write the seed corpus of the fuzz harnesses from tests/fixtures (run from anywhere).

tests/fuzz/corpus/http/    4 control bytes + an HTTP response: every fixture framed with
                           Content-Length, chunked (extensions, trailer) and close-delimited,
                           plus interim 1xx, HTTP/1.0, 204/304, error pages, Retry-After.
tests/fuzz/corpus/result/  4 control bytes + a body: every fixture under a few HTTP statuses,
                           plus extendInfo-like objects and edge cases.
tests/fuzz/corpus/path/    8 control bytes + connection scripts separated by #NEXTCONN#:
                           keep-alive, stale connection, retries (503, 429 + Retry-After,
                           throttling), clock skew (time error + Date), watch progress.
The output is deterministic; the files are committed. See the harnesses for the layouts.
"""
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
FIX = os.path.join(ROOT, "tests", "fixtures")
OUT = os.path.join(HERE, "corpus")
SEP = b"#NEXTCONN#"
RS = b"#NEXTRESP#"
DATE = b"Date: Mon, 24 Nov 2025 16:00:00 GMT\r\n"


def fixtures():
    out = {}
    for name in sorted(os.listdir(FIX)):
        if name.endswith(".json"):
            with open(os.path.join(FIX, name), "rb") as f:
                out[name[:-5]] = f.read()
    return out


def head(status=b"200 OK", extra=b"", version=b"1.1"):
    return (b"HTTP/" + version + b" " + status + b"\r\nContent-Type: application/json;charset=utf-8\r\n"
            + DATE + b"x-acs-request-id: 68ED4E1B-92B8-5821-A886-9C90686139EB\r\n" + extra)


def cl(body, status=b"200 OK", extra=b"", version=b"1.1"):
    return head(status, extra, version) + b"Content-Length: %d\r\n\r\n" % len(body) + body


def chunked(body, status=b"200 OK", extra=b""):
    out = head(status, extra) + b"Transfer-Encoding: chunked\r\n\r\n"
    sizes = [1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144]
    i = k = 0
    while i < len(body):
        n = min(sizes[k % len(sizes)], len(body) - i)
        line = (b"%X" if k % 2 else b"%x") % n
        if k % 3 == 2:
            line += b";ext=" + str(k).encode()
        out += line + b"\r\n" + body[i:i + n] + b"\r\n"
        i += n
        k += 1
    return out + b"0\r\nX-Trailer: t\r\n\r\n"


def close(body, status=b"200 OK", extra=b""):
    return head(status, extra + b"Connection: close\r\n") + b"\r\n" + body


def write(kind, name, data):
    d = os.path.join(OUT, kind)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def http_corpus(fx):
    roomy = bytes([0x00, 0x00, 0x00, 0x00])
    for name, body in fx.items():
        write("http", name + ".cl", roomy + cl(body))
        write("http", name + ".chunked", bytes([0x00, 0x80 | 5, 0x07, 0x31]) + chunked(body))
        write("http", name + ".close", bytes([0x40, 0x01, 0x03, 0x00]) + close(body))
    small = fx["task_sample_camel"]
    write("http", "interim.100", roomy + b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
          + cl(small))
    write("http", "http10.keepalive", roomy + cl(small, extra=b"Connection: keep-alive\r\n", version=b"1.0"))
    write("http", "bare_lf", roomy + cl(small).replace(b"\r\n", b"\n"))
    write("http", "no_content.204", roomy + b"HTTP/1.1 204 No Content\r\n" + DATE + b"\r\n")
    write("http", "not_modified.304", roomy + b"HTTP/1.1 304 Not Modified\r\nTransfer-Encoding: chunked\r\n\r\n")
    write("http", "html.502", bytes([0x00, 0x02, 0x00, 0x00]) + cl(
        b"<html><body><h1>502 Bad Gateway</h1></body></html>", b"502 Bad Gateway",
        b"Content-Type: text/html\r\n"))
    write("http", "retry_after.429", roomy + cl(fx["gateway_throttling"], b"429 Too Many Requests",
                                                 b"Retry-After: 3\r\n"))
    write("http", "retry_after_date.503", roomy + cl(b'{"code":"ServiceUnavailable"}', b"503 Service Unavailable",
                                                      b"Retry-After: Mon, 24 Nov 2025 16:00:09 GMT\r\n"))
    write("http", "two_responses", roomy + cl(small) + cl(small))
    write("http", "too_large", bytes([0x81, 0x00, 0x00, 0x00]) + cl(fx["instance_detail"]))
    write("http", "hang", bytes([0x00, 0x04, 0x00, 0x00]) + cl(small)[:-10])
    write("http", "ambiguous", roomy + head(extra=b"Content-Length: 5\r\nContent-Length: 6\r\n") + b"\r\nhello!")
    write("http", "te_and_cl", roomy + head(extra=b"Content-Length: 5\r\nTransfer-Encoding: chunked\r\n")
          + b"\r\n5\r\nhello\r\n0\r\n\r\n")


def result_corpus(fx):
    for name, body in fx.items():
        write("result", name + ".200", bytes([0x01, 0xFF, 0xFF, 0x3F]) + body)
    write("result", "gateway_signature.403", bytes([0x06, 0xFF, 0x00, 0x3F]) + fx["gateway_signature"])
    write("result", "gateway_throttling.429", bytes([0x08, 0xFF, 0x00, 0x3F]) + fx["gateway_throttling"])
    write("result", "instance_detail.few_tokens", bytes([0x01, 0x10, 0x21, 0x05]) + fx["instance_detail"])
    write("result", "instance_normal.no_tokens", bytes([0x00, 0x00, 0x00, 0x00]) + fx["instance_normal"])
    write("result", "html.502", bytes([0x0A, 0x40, 0x00, 0x00]) + b"<html><body>502 Bad Gateway</body></html>")
    write("result", "extend_info", bytes([0x01, 0xFF, 0x00, 0xBF])
          + b'{"recall":91,"errors":[],"dataReport":{"itemCount":"88210"},"a":"x\\u00e9\\ud83d\\ude00"}')
    write("result", "escapes", bytes([0x01, 0xFF, 0x00, 0x7F])
          + b'{"status":"OK","code":"","result":{"instanceName":"a\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u0041",'
            b'"extendInfo":"{\\"recall\\":7}","createParameters":[{"name":"n","value":{"x":[1,2.5e3,true,null]}}]}}')
    write("result", "deep", bytes([0x01, 0xFF, 0x00, 0x3F]) + b"[" * 33 + b"]" * 33)
    write("result", "numbers", bytes([0x01, 0xFF, 0x00, 0x3F])
          + b'{"result":{"versionId":-9223372036854775808,"createTime":"9223372036854775807","task":{"progress":1e2}}}')


def path_corpus(fx):
    inst = fx["instance_detail"]
    task = fx["task_sample_camel"]

    def ctl(c0=0x40, c5=0x00, c6=0x00, c7=0x00, c3=0x03):
        # c0 0x40: device clock "now", instance first, V3, sleep; 1 + 3 attempts; 64*64+256 byte buffer
        return bytes([c0, 0x40, 0xFF, c3, 0x00, c5, c6, c7])

    write("path", "keepalive", ctl() + cl(inst) + RS + cl(task))
    write("path", "stale_then_new", ctl() + cl(inst) + SEP + cl(task))
    write("path", "close_then_new", ctl() + close(inst) + SEP + chunked(task))
    write("path", "retry_503", ctl() + cl(b'{"code":"ServiceUnavailable","message":"busy"}', b"503 Service Unavailable")
          + RS + cl(inst) + RS + cl(task))
    write("path", "retry_429", ctl() + cl(fx["gateway_throttling"], b"429 Too Many Requests", b"Retry-After: 1\r\n")
          + RS + cl(inst) + RS + cl(task))
    write("path", "html_502", ctl(c0=0x49) + cl(b"<html>502</html>", b"502 Bad Gateway", b"Content-Type: text/html\r\n")
          + SEP + cl(task) + RS + cl(inst))
    skew = (b'{"RequestId":"6C3E1C52-0B4A-5E3B-8F4A-2D1E1B2B7C11","Code":"InvalidTimeStamp.Expired",'
            b'"Message":"Specified time stamp or date value is expired."}')
    write("path", "skew_1970", ctl(c0=0x00) + cl(skew, b"400 Bad Request") + RS + cl(inst) + RS + cl(task))
    write("path", "skew_fast_roa_sts", ctl(c0=0x8A) + cl(skew, b"400 Bad Request") + RS + cl(inst) + RS + cl(task))
    write("path", "skew_saved_offset", ctl(c0=0x00, c7=0xD0) + cl(inst) + RS + cl(task))
    write("path", "signature_error", ctl() + cl(fx["gateway_signature"], b"403 Forbidden") + RS + cl(task))
    write("path", "not_exist", ctl() + cl(fx["instance_example_camel"]) + RS + cl(fx["task_example_camel"]))
    write("path", "connect_fails", ctl(c6=0x05) + cl(inst) + SEP + cl(task))
    write("path", "reset_mid", ctl(c5=0x01) + cl(inst)[:300] + SEP + cl(inst) + RS + cl(task))
    write("path", "send_fails", ctl(c5=0xC0) + cl(inst) + RS + cl(task) + SEP + cl(task))
    write("path", "no_sleep", ctl(c0=0x44) + cl(b'{"code":"ServiceUnavailable"}', b"503 Service Unavailable") + SEP
          + cl(inst) + RS + cl(task))
    running = b'{"status":"OK","requestId":"r","result":{"status":"running","progress":%d,"generation":"3"}}'
    done = b'{"status":"OK","requestId":"r","result":{"status":"success","progress":100,"generation":"3"}}'
    write("path", "watch_task", ctl(c0=0x51, c7=0x30) + cl(task) + RS + cl(inst) + RS + cl(running % 30) + RS
          + cl(running % 60) + RS + cl(done))
    unavailable = inst.replace(b'"available"', b'"unavailable"')
    write("path", "watch_instance", ctl(c0=0x50, c7=0x30) + cl(inst) + RS + cl(task) + RS + cl(unavailable)
          + SEP + cl(inst))


def main():
    fx = fixtures()
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    http_corpus(fx)
    result_corpus(fx)
    path_corpus(fx)
    total = 0
    for d, _, files in os.walk(OUT):
        for f in files:
            total += os.path.getsize(os.path.join(d, f))
    print("corpus: %d bytes in %s" % (total, OUT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
