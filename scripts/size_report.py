#!/usr/bin/env python3
"""Assemble the footprint and stack report (docs/size.md) from the cross builds.

Called by scripts/size-report.sh once the builds exist; see that script for the steps.
Reads:
  - the library objects of each architecture's build (`size -A` per section: code
    .text*, rodata .rodata*/.srodata*, data .data*/.sdata*, bss .bss*/.sbss*);
  - the call graphs and frames (.ci/.su) through scripts/stack_usage.py;
  - the painted-stack figures printed by the QEMU run (build/target-m3/qemu.log);
  - the sizes of the public types (sizes_probe.c.obj, `nm -S`);
  - the token counts of tests/fixtures/*.json (size_tokens, run on the host).
Writes the Markdown report and prints it.
"""
import argparse
import datetime
import glob
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True
import stack_usage  # noqa: E402

TARGET_FLASH = 8 * 1024
TARGET_STACK = 1536
HEAD_ALLOWANCE = 300  # bytes of HTTP status line + headers assumed per response

GROUPS = [
    ("signing only", ["osfn_crypto", "osfn_time", "osfn_util"]),
    ("request builder (signing + request + status)",
     ["osfn_crypto", "osfn_time", "osfn_util", "osfn_request", "osfn_status"]),
    ("response reader + JSON mapping", ["osfn_http", "osfn_json", "osfn_result"]),
    ("whole client (every object)", None),
]


def run(cmd):
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


class Arch:
    def __init__(self, spec):
        # name:label:build_dir:tool_prefix
        self.name, self.label, self.build, self.prefix = spec.split(":", 3)

    def tool(self, t):
        return self.prefix + t

    def lib_objects(self):
        objs = glob.glob(os.path.join(self.build, "CMakeFiles", "osfn_target.dir", "**", "*.obj"),
                         recursive=True)
        return {re.sub(r"\.c\.obj$", "", os.path.basename(o)): o for o in sorted(objs)}

    def deps(self):
        """For each library object, the other library objects it references."""
        objs = self.lib_objects()
        defined, undefined = {}, {}
        for name, path in objs.items():
            undefined[name] = set()
            for line in run([self.tool("nm"), path]).splitlines():
                p = line.split()
                if len(p) == 2 and p[0] == "U":
                    undefined[name].add(p[1])
                elif len(p) == 3 and p[1] in "TDRB":
                    defined[p[2]] = name
        return {n: {defined[u] for u in us if u in defined and defined[u] != n}
                for n, us in undefined.items()}

    def sections(self, obj):
        sizes = {"code": 0, "rodata": 0, "data": 0, "bss": 0}
        for line in run([self.tool("size"), "-A", obj]).splitlines():
            parts = line.split()
            if len(parts) < 2 or not parts[1].isdigit():
                continue
            sec, n = parts[0], int(parts[1])
            if sec.startswith(".text"):
                sizes["code"] += n
            elif sec.startswith((".rodata", ".srodata")):
                sizes["rodata"] += n
            elif sec.startswith((".data", ".sdata")):
                sizes["data"] += n
            elif sec.startswith((".bss", ".sbss")) or sec == "COMMON":
                sizes["bss"] += n
        sizes["flash"] = sizes["code"] + sizes["rodata"] + sizes["data"]
        sizes["ram"] = sizes["data"] + sizes["bss"]
        return sizes

    def linked_client(self):
        """Bytes per origin in osfn_link_client.map: osfn, mbedtls, libc (C library + helpers)."""
        path = os.path.join(self.build, "osfn_link_client.map")
        if not os.path.exists(path):
            return None
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        text = text[text.find("Linker script and memory map"):]
        out = {"osfn": 0, "mbedtls": 0, "libc": 0}
        pending = None
        for line in text.splitlines():
            m = re.match(r"^ (\.\S+)\s+0x[0-9a-f]+\s+0x([0-9a-f]+)\s+(\S.*)$", line)
            sec = size = obj = None
            if m:
                sec, size, obj = m.group(1), int(m.group(2), 16), m.group(3)
                pending = None
            else:
                m2 = re.match(r"^ (\.\S+)$", line)
                if m2:
                    pending = m2.group(1)
                    continue
                m3 = re.match(r"^\s+0x[0-9a-f]+\s+0x([0-9a-f]+)\s+(\S.*)$", line)
                if m3 and pending:
                    sec, size, obj = pending, int(m3.group(1), 16), m3.group(2)
                pending = None
            if sec is None or not sec.startswith((".text", ".rodata", ".srodata", ".data", ".sdata")):
                continue
            if "libosfn_target.a(" in obj:
                out["osfn"] += size
            elif "libosfn_target_mbed.a(" in obj:
                out["mbedtls"] += size
            elif "link_probe.c" not in obj:
                out["libc"] += size
        return out

    def type_sizes(self):
        obj = glob.glob(os.path.join(self.build, "CMakeFiles", "osfn_sizes_probe.dir", "**", "*.obj"),
                        recursive=True)
        out = {}
        if obj:
            for line in run([self.tool("nm"), "-S", "-t", "d", obj[0]]).splitlines():
                p = line.split()
                if len(p) == 4 and p[3].startswith("osfn_sizeof_"):
                    out[p[3][len("osfn_sizeof_"):]] = int(p[1], 10)
        return out

    def probe_elf_size(self):
        elf = os.path.join(self.build, "osfn_link_probe.elf")
        if not os.path.exists(elf):
            return None
        line = run([self.tool("size"), elf]).splitlines()[1].split()
        return int(line[0]) + int(line[1]), int(line[2])

    def stack(self, headers, mbedtls_dir):
        fns = stack_usage.parse_ci(
            stack_usage.collect_ci([os.path.join(self.build, "CMakeFiles", "osfn_target.dir"),
                                    os.path.join(self.build, "CMakeFiles", "osfn_target_mbed.dir")]),
            os.path.realpath(mbedtls_dir))
        elf = os.path.join(self.build, "osfn_link_probe.elf")
        ext = stack_usage.parse_objdump(self.tool("objdump"), elf) if os.path.exists(elf) else {}
        an = stack_usage.Analysis(fns, ext)
        res = {}
        for n in sorted(stack_usage.public_names(headers)):
            if n not in fns:
                continue
            total, path, flags = an.worst(n, False)
            own, own_path, _ = an.worst(n, True)
            res[n] = {"stack": total, "own": own, "path": path, "own_path": own_path,
                      "flags": sorted(flags)}
        return res


def painted(qemu_log):
    calls, suites, run_peak, status = {}, [], None, None
    if not qemu_log or not os.path.exists(qemu_log):
        return calls, suites, run_peak, status
    with open(qemu_log, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = re.match(r"stack: call (\S+)\s+(>=)?\s*(\d+) bytes, (\d+) calls", line)
            if m:
                calls[m.group(1)] = (int(m.group(3)), int(m.group(4)), bool(m.group(2)))
                continue
            m = re.match(r"stack: suite (\S+)\s+peak\s+(\d+) bytes from the stack top,\s+(\d+) below", line)
            if m:
                suites.append((m.group(1), int(m.group(2)), int(m.group(3))))
                continue
            m = re.match(r"stack: run peak (\d+) bytes", line)
            if m:
                run_peak = int(m.group(1))
                continue
            m = re.match(r"^(\d+) passed, (\d+) failed$", line.strip())
            if m:
                status = line.strip()
    return calls, suites, run_peak, status


def level_of(name):
    if name.startswith("task_"):
        return "task"
    if name.startswith("gateway_"):
        return "gateway error"
    for lv in ("simple", "normal", "detail"):
        if lv in name:
            return lv
    if name.startswith("instance_sample") or name.startswith("instance_example"):
        return "detail (seed)"
    return "instance"


def kb(n):
    return "%.1f KB" % (n / 1024.0)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--mbedtls-dir", required=True)
    ap.add_argument("--arch", action="append", required=True,
                    help="name:label:build_dir:tool_prefix (first = flash table's first)")
    ap.add_argument("--stack-arch", action="append", default=[], help="extra arch for stack only")
    ap.add_argument("--minimal", help="name:label:build_dir:tool_prefix:DEFINES of a build with "
                    "the optional parts compiled out (one more row under 'Flash by use')")
    ap.add_argument("--qemu-log")
    ap.add_argument("--tokens", help="output of size_tokens")
    ap.add_argument("--out", required=True)
    ap.add_argument("--json")
    a = ap.parse_args()

    archs = [Arch(s) for s in a.arch]
    stack_archs = [Arch(s) for s in a.stack_arch] + archs
    headers = os.path.join(a.root, "lib", "include", "osfn")
    L = []
    data = {}

    def p(s=""):
        L.append(s)

    gcc = {}
    for ar in stack_archs:
        try:
            gcc[ar.name] = run([ar.tool("gcc"), "--version"]).splitlines()[0]
        except (OSError, subprocess.CalledProcessError):
            gcc[ar.name] = "?"

    p("# Footprint and stack")
    p()
    p("Written by `scripts/size-report.sh` on %s. Library alone (`lib/src/*.c`: not mbedTLS, "
      "not the port), each object built with `-Os -ffunction-sections -fdata-sections` and C99:"
      % datetime.datetime.utcnow().strftime("%Y-%m-%dT%H:%MZ"))
    p()
    for ar in stack_archs:
        p("- %s: `%s`" % (ar.label, gcc[ar.name]))
    p()
    p("Flash = code + rodata + data; RAM = data + bss (static RAM of the library itself; "
      "the caller owns every buffer). Per-object sums, as in coreHTTP's size table: a link with "
      "`--gc-sections` keeps only the functions a program calls.")
    p()

    # ---- flash per object ----------------------------------------------------------
    sizes = {ar.name: {o: ar.sections(path) for o, path in ar.lib_objects().items()} for ar in archs}
    objects = sorted(set().union(*[set(s) for s in sizes.values()]))
    data["objects"] = sizes
    hdr = "| object |" + "".join(" %s code | rodata | **flash** | RAM |" % ar.label for ar in archs)
    p("## Flash and RAM per object")
    p()
    p(hdr)
    p("|---|" + "---:|---:|---:|---:|" * len(archs))
    for o in objects:
        row = "| `%s.o` |" % o
        for ar in archs:
            s = sizes[ar.name].get(o)
            row += (" %d | %d | **%d** | %d |" % (s["code"], s["rodata"], s["flash"], s["ram"])) if s else " - | - | - | - |"
        p(row)
    row = "| **total** |"
    for ar in archs:
        t = {k: sum(s[k] for s in sizes[ar.name].values()) for k in ("code", "rodata", "flash", "ram")}
        row += " %d | %d | **%d** | %d |" % (t["code"], t["rodata"], t["flash"], t["ram"])
    p(row)
    p()

    # ---- groups --------------------------------------------------------------------
    p("## Flash by use")
    p()
    deps = archs[0].deps()
    p("| what | objects | also links |" + "".join(" %s flash |" % ar.label for ar in archs) + " target |")
    p("|---|---|---|" + "---:|" * len(archs) + "---|")
    group_totals = {}
    for label, objs in GROUPS:
        members = objs if objs is not None else objects
        needs = set()
        for m in members:
            needs |= deps.get(m, set())
        needs -= set(members)
        row = "| %s | %s | %s |" % (label, ", ".join("`%s`" % m.replace("osfn_", "") for m in members)
                                    if objs is not None else "all %d" % len(objects),
                                    ", ".join("`%s`" % m.replace("osfn_", "") for m in sorted(needs)) or "-")
        for ar in archs:
            tot = sum(sizes[ar.name][m]["flash"] for m in members if m in sizes[ar.name])
            group_totals[(label, ar.name)] = tot
            row += " %d (%s) |" % (tot, kb(tot))
        if objs is None:
            first = group_totals[(label, archs[0].name)]
            verdict = "met" if first <= TARGET_FLASH else "**missed by %d B (%.1fx)**" % (
                first - TARGET_FLASH, first / float(TARGET_FLASH))
            row += " <= 8 KB: %s |" % verdict
        else:
            row += " |"
        p(row)
    p()
    if a.minimal:
        spec, defines = a.minimal.rsplit(":", 1)
        mi = Arch(spec)
        msizes = {o: mi.sections(path) for o, path in mi.lib_objects().items()}
        tot = sum(s["flash"] for s in msizes.values())
        full = group_totals[("whole client (every object)", archs[0].name)] if archs[0].label == mi.label else None
        linked = mi.linked_client()
        data["minimal"] = {"defines": defines, "flash": tot, "linked_osfn": linked["osfn"] if linked else None}
        p("Minimal configuration (`%s`, what `tests/kconfig/minimal.defconfig` switches off): "
          "whole client on %s **%d B (%s)**%s; as linked by the client application (osfn part) %s. "
          "%s the 8 KB target."
          % (defines.replace(";", " "), mi.label, tot, kb(tot),
             (", %d B less than the default" % (full - tot)) if full is not None else "",
             ("%d B" % linked["osfn"]) if linked else "not built",
             "Within" if tot <= TARGET_FLASH else "Still %.1fx" % (tot / float(TARGET_FLASH))))
        p()
    p("\"also links\": other library objects the group's objects reference (not counted in the "
      "group's figure).")
    biggest = {ar.name: max(sizes[ar.name].items(), key=lambda kv: kv[1]["flash"]) for ar in archs}
    p()
    p("Anchor (Cortex-M4 -Os, text+data): AWS coreHTTP (with llhttp) + coreJSON + SigV4 "
      "= about 29.6 KB together. Largest object: " +
      ", ".join("%s `%s.o` %d B" % (ar.label, biggest[ar.name][0], biggest[ar.name][1]["flash"])
                for ar in archs) + ".")
    p()
    p("As linked by an application that calls the client (`osfn_link_client.elf`, "
      "`--gc-sections`, roots `osfn_client_init`, `_get_instance`, `_get_task`, `_close`, "
      "`osfn_strerror`; flash = code + rodata + data):")
    p()
    p("| | osfn | mbedTLS SHA-1 + SHA-256 | C library + compiler helpers | total |")
    p("|---|---:|---:|---:|---:|")
    for ar in archs:
        lc = ar.linked_client()
        if lc:
            p("| %s | %d | %d | %d | %d (%s) |" % (ar.label, lc["osfn"], lc["mbedtls"], lc["libc"],
                                                   sum(lc.values()), kb(sum(lc.values()))))
            data.setdefault("linked_client", {})[ar.name] = lc
    p()
    probes = [(ar, ar.probe_elf_size()) for ar in archs]
    p("The whole library linked with everything it calls (`osfn_link_probe.elf`, no "
      "`--gc-sections`): " + ", ".join("%s %d B (%s)" % (ar.label, pe[0], kb(pe[0]))
                                         for ar, pe in probes if pe) + ".")
    p()

    # ---- stack -----------------------------------------------------------------------
    stacks = {ar.name: ar.stack(headers, a.mbedtls_dir) for ar in stack_archs}
    data["stack"] = stacks
    calls, suites, run_peak, status = painted(a.qemu_log)
    names = sorted(set().union(*[set(s) for s in stacks.values()]))
    p("## Peak stack per public call")
    p()
    p("Static: GCC's `-fstack-usage` frames summed along the worst path of the call graph "
      "(`-fcallgraph-info=su`, read by `scripts/stack_usage.py`); C library and compiler helper "
      "frames from the linked probe's disassembly. \"no mbedTLS\" leaves out mbedTLS's own frames "
      "(SHA-256's compression function is 336-352 B). Callbacks (transport, clock, random, sleep, "
      "log hook: the port's or the caller's functions) are not included: add their frames. "
      "Painted: the Cortex-M3 QEMU run (`scripts/qemu-test.sh`); each outermost call of a public "
      "function is wrapped, a window below the stack pointer painted, and the deepest word the "
      "call wrote measured, mbedTLS and the tests' callbacks included (the unit tests, then "
      "`tests/target/client_probe.c` for the client calls).")
    p()
    sa = stack_archs
    p("| public call |" + "".join(" %s | no mbedTLS |" % ar.label for ar in sa) +
      " Cortex-M3 painted | flags |")
    p("|---|" + "---:|---:|" * len(sa) + "---:|---|")
    for n in names:
        row = "| `%s` |" % n
        flags = set()
        for ar in sa:
            r = stacks[ar.name].get(n)
            if r:
                row += " %d | %d |" % (r["stack"], r["own"])
                flags |= set(r["flags"])
            else:
                row += " - | - |"
        c = calls.get(n)
        row += (" %s%d |" % (">=" if c[2] else "", c[0])) if c else " not run |"
        row += " %s |" % ", ".join(sorted(flags))
        p(row)
    p()
    worst = {}
    for ar in sa:
        fn, r = max(stacks[ar.name].items(), key=lambda kv: kv[1]["own"])
        worst[ar.name] = (fn, r)
    p("Worst public call outside mbedTLS, against the 1.5 KB target (anchor: SigV4's peak "
      "stack is about 10.5 KB): " +
      "; ".join("%s `%s` %d B (%s)" % (ar.label, worst[ar.name][0], worst[ar.name][1]["own"],
                                       "met" if worst[ar.name][1]["own"] <= TARGET_STACK
                                       else "**missed by %d B**" % (worst[ar.name][1]["own"] - TARGET_STACK))
                for ar in sa) + ".")
    p()
    ar0 = sa[0]
    for fn in sorted({worst[ar.name][0] for ar in sa} |
                     {"osfn_client_get_task", "osfn_http_read_response", "osfn_parse_instance"}):
        r = stacks[ar0.name].get(fn)
        if r:
            p("- %s `%s`, worst path (bytes per frame): %s" % (ar0.label, fn, " > ".join(r["path"])))
    p()
    p("Flags: `callback` = calls a function pointer (its frame is the port's or caller's); "
      "`recursion` = a cycle (unbounded); `dynamic` = a frame GCC could not bound; `unknown` = a "
      "callee without frame information (counted as 0). Static figures can exceed painted ones: "
      "the call graph has paths no input takes (e.g. `osfn_percent_encode` shares `put` with the "
      "signing code, whose hashing branch it never reaches).")
    p()
    if run_peak is not None:
        p("Painted, whole QEMU run: %d B of the 64 KB program stack (the tests' own frames, token "
          "arrays and newlib's printf included). Per suite (from the stack top / below the suite's "
          "entry): %s." % (run_peak, ", ".join("%s %d / %d" % s for s in suites)))
        p()
        p("QEMU run result: `%s`." % (status or "no summary line"))
    else:
        p("The QEMU run's figures are missing (no %s)." % a.qemu_log)
    p()

    # ---- RAM a call needs ------------------------------------------------------------
    p("## RAM a call needs")
    p()
    ts = {ar.name: ar.type_sizes() for ar in sa}
    ra = archs[0]  # the RAM figures: the first --arch (Cortex-M4F)
    tok = ts[ra.name].get("osfn_json_token_t", 20)
    p("Caller-owned, per call: the response buffer (HTTP head + body + 1 byte for the NUL), "
      "the token array (%d B per token on these 32-bit targets), the result struct, the parameter "
      "arrays (%d B per entry) and the stack above. Tokens counted by `osfn_json_count_tokens()` "
      "(host helper `scripts/size_tokens.c`) on the bodies in `tests/fixtures/` as they are now; "
      "\"compact\" drops the whitespace outside strings (what a server sends). The buffer column "
      "assumes a %d B HTTP head (the emulator's is about 280 B; measure your endpoint) and the "
      "compact body." % (tok, ts[ra.name].get("osfn_param_t", 8), HEAD_ALLOWANCE))
    p()
    rows = []
    if a.tokens and os.path.exists(a.tokens):
        with open(a.tokens, encoding="utf-8") as f:
            for line in f:
                parts = line.split()
                if len(parts) == 5:
                    rows.append((parts[0], int(parts[1]), int(parts[2]), int(parts[3]), parts[4]))
    order = {"simple": 0, "normal": 1, "detail": 2, "detail (seed)": 3, "instance": 4, "task": 5,
             "gateway error": 6}
    rows.sort(key=lambda r: (order.get(level_of(r[0]), 9), r[0]))
    p("| body | output | bytes as stored | compact | tokens | token array | response buffer |")
    p("|---|---|---:|---:|---:|---:|---:|")
    for name, pretty, compact, tokens, st in rows:
        p("| `%s` | %s | %d | %d | %d%s | %d B | %d B |" % (
            name, level_of(name), pretty, compact, tokens, "" if st == "OSFN_OK" else " (" + st + ")",
            tokens * tok, HEAD_ALLOWANCE + compact + 1))
    data["tokens"] = rows
    p()
    p("Type sizes (bytes): " + "; ".join(
        "%s: %s" % (ar.label, ", ".join("`%s` %d" % (k, v) for k, v in sorted(ts[ar.name].items())))
        for ar in sa if ts[ar.name]) + ".")
    p()
    by = {level_of(r[0]): r for r in rows if r[0].startswith(("instance_simple", "instance_normal",
                                                              "instance_detail", "task_sample_camel"))}
    inst = ts[ra.name].get("osfn_instance_t", 0)
    task = ts[ra.name].get("osfn_task_t", 0)
    pent = ts[ra.name].get("osfn_param_t", 8)
    ccall = max(stacks[ra.name].get(f, {}).get("stack", 0)
                for f in ("osfn_client_get_instance", "osfn_client_get_task"))
    if by:
        p("Total for one call with these bodies, %s (buffer + tokens + result struct + 8 parameter "
          "entries + the client call's static peak stack of %d B incl. mbedTLS, callbacks excluded):"
          % (ra.label, ccall))
        p()
        for lv in ("simple", "normal", "detail", "task"):
            r = by.get(lv)
            if not r:
                continue
            buf = HEAD_ALLOWANCE + r[2] + 1
            res = task if lv == "task" else inst + 8 * pent
            p("- `%s` (%s): %d + %d + %d + %d = **%d B**" % (
                lv, r[0], buf, r[3] * tok, res, ccall, buf + r[3] * tok + res + ccall))
        p()
    p("The client keeps no other RAM: `osfn_client_t` is the caller's (%d B) and the library has "
      "no static data (RAM column above)." % ts[ra.name].get("osfn_client_t", 0))

    text = "\n".join(L) + "\n"
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(a.out, "w", encoding="utf-8") as f:
        f.write(text)
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump(data, f, indent=1, default=str)
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
