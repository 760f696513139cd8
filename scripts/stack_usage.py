#!/usr/bin/env python3
"""Worst-case stack of each public osfn call from GCC's own figures.

Reads the call graphs GCC writes with `-fcallgraph-info=su` (.ci files, VCG; each defined
function's node carries its `-fstack-usage` frame and qualifier) for the library and the
mbedTLS files built with it, and sums frames along every call path from each public
function (the `osfn_*` names declared in the public headers). Functions with no .ci node
(the C library and the compiler's helpers, e.g. memcpy or __aeabi_uldivmod) get their
frame and callees from the disassembly of a linked ELF (`--elf`, `--objdump`): the stack
decrements in their body (push, stmdb sp!, strd ..., [sp, #-N]!, sub sp, vpush on Arm;
addi sp,sp,-N on RISC-V) and their direct calls.

Reported per public function: the worst path in bytes, the same without mbedTLS's frames,
the path itself, and flags: `callback` (an indirect call: a port or user function whose
frame is not included), `recursion` (a cycle: unbounded), `dynamic` (a frame GCC could not
size statically), `unknown` (a callee with no frame information, counted as 0).

usage: stack_usage.py --headers DIR [--elf ELF --objdump TOOL] [--mbedtls-dir DIR]
                      [--json OUT] CI_FILE_OR_DIR...
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys

NODE_RE = re.compile(r'^node: \{ title: "([^"]*)" label: "([^"]*)"(.*)\}$')
EDGE_RE = re.compile(r'^edge: \{ sourcename: "([^"]*)" targetname: "([^"]*)"')
FRAME_RE = re.compile(r'\\n(\d+) bytes \(([^)]*)\)$')
INDIRECT = "__indirect_call"
# Indirect calls whose target is known: mbedTLS 2.28 zeroizes through a volatile pointer
# to memset (so the compiler cannot drop the call).
KNOWN_INDIRECT = {"mbedtls_platform_zeroize": "memset"}


class Fn:
    def __init__(self, title, name, where, frame, qual, origin):
        self.title = title
        self.name = name
        self.where = where
        self.frame = frame
        self.qual = qual
        self.origin = origin  # "osfn", "mbedtls" or "libc"
        self.callees = []


def parse_ci(paths, mbedtls_dir):
    fns = {}
    edges = []
    for path in paths:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                line = line.rstrip("\n")
                m = NODE_RE.match(line)
                if m:
                    title, label = m.group(1), m.group(2)
                    fm = FRAME_RE.search(label)
                    if fm is None:
                        continue  # an external declaration, not a definition
                    parts = label.split("\\n")
                    where = parts[1] if len(parts) > 1 else ""
                    origin = "mbedtls" if (mbedtls_dir and where.startswith(mbedtls_dir)) else "osfn"
                    fns[title] = Fn(title, parts[0], where, int(fm.group(1)), fm.group(2), origin)
                    continue
                m = EDGE_RE.match(line)
                if m:
                    edges.append((m.group(1), m.group(2)))
    for src, dst in edges:
        if src in fns:
            if dst == INDIRECT and fns[src].name in KNOWN_INDIRECT:
                dst = KNOWN_INDIRECT[fns[src].name]
            if dst not in fns[src].callees:
                fns[src].callees.append(dst)
    return fns


ARM_PUSH_RE = re.compile(r'\b(?:push(?:\.w)?|stmdb(?:\.w)?\s+sp!,|stmfd\s+sp!,)\s*\{([^}]*)\}')
ARM_VPUSH_RE = re.compile(r'\bvpush\s*\{([^}]*)\}')
ARM_STR_PRE_RE = re.compile(r'\bstr(d|b|h)?(?:\.w)?\s+[^\[]*\[sp, #-(\d+)\]!')
ARM_SUB_SP_RE = re.compile(r'\bsub(?:w|\.w|s)?\s+sp,\s*(?:sp,\s*)?#(\d+)')
RV_ADDI_SP_RE = re.compile(r'\b(?:c\.)?addi(?:16sp)?\s+sp,\s*(?:sp,\s*)?(-\d+)')
CALL_RE = re.compile(r'\b(bl|blx|b|b\.w|b\.n|jal|j|jalr|tail|call)\b[^<]*<([^>+]+)>')


def reg_count(reglist):
    n = 0
    for part in reglist.split(","):
        part = part.strip()
        m = re.match(r'([a-z]+)(\d+)-[a-z]+(\d+)$', part)
        if m:
            n += int(m.group(3)) - int(m.group(2)) + 1
        elif part:
            n += 1
    return n


def parse_objdump(objdump, elf):
    """Frames and direct callees of every function in ELF, from its disassembly."""
    out = subprocess.run([objdump, "-d", "--no-show-raw-insn", elf], check=True,
                         capture_output=True, text=True).stdout
    fns = {}
    cur = None
    for line in out.splitlines():
        m = re.match(r'^[0-9a-f]+ <([^>]+)>:$', line)
        if m:
            cur = Fn(m.group(1), m.group(1), os.path.basename(elf), 0, "disassembly", "libc")
            fns[cur.name] = cur
            continue
        if cur is None or not line.startswith(" "):
            continue
        insn = line.split("\t", 1)[-1]
        m = ARM_PUSH_RE.search(insn)
        if m:
            cur.frame += 4 * reg_count(m.group(1))
        m = ARM_VPUSH_RE.search(insn)
        if m:
            regs = reg_count(m.group(1))
            cur.frame += (8 if re.search(r'\bd\d', m.group(1)) else 4) * regs
        m = ARM_STR_PRE_RE.search(insn)
        if m:
            cur.frame += int(m.group(2))
        m = ARM_SUB_SP_RE.search(insn)
        if m:
            cur.frame += int(m.group(1))
        m = RV_ADDI_SP_RE.search(insn)
        if m:
            cur.frame += -int(m.group(1))
        m = CALL_RE.search(insn)
        if m and m.group(2) != cur.name and m.group(2) not in cur.callees:
            cur.callees.append(m.group(2))
        if re.search(r'\b(blx|jalr)\s+(r\d+|ip|lr|[a-z]\d)\b', insn) and INDIRECT not in cur.callees:
            cur.callees.append(INDIRECT)
    return fns


def public_names(header_dir):
    names = set()
    for path in sorted(glob.glob(os.path.join(header_dir, "*.h"))):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
        for m in re.finditer(r"\b(osfn_[A-Za-z0-9_]+)\s*\(", text):
            if not re.search(r"\(\s*\*\s*$", text[:m.start()]):
                names.add(m.group(1))
    return names


class Analysis:
    def __init__(self, fns, ext):
        self.fns = fns
        self.ext = ext
        self.memo = {}

    def node(self, title):
        if title in self.fns:
            return self.fns[title]
        return self.ext.get(title)

    def worst(self, title, skip_mbedtls, stack=()):
        """(bytes, path, flags) of the deepest path from title."""
        key = (title, skip_mbedtls)
        if key in self.memo:
            return self.memo[key]
        if title == INDIRECT:
            return (0, ["<callback>"], {"callback"})
        fn = self.node(title)
        if fn is None:
            return (0, [title + "?"], {"unknown"})
        if title in stack:
            return (0, [fn.name + " (cycle)"], {"recursion"})
        flags = set()
        if fn.qual not in ("static", "disassembly"):
            flags.add("dynamic")
        own = 0 if (skip_mbedtls and fn.origin == "mbedtls") else fn.frame
        best, best_path = 0, []
        for c in fn.callees:
            b, p, fl = self.worst(c, skip_mbedtls, stack + (title,))
            flags |= fl
            # Deepest first; on a tie, a path through known code rather than a callback.
            if b > best or not best_path or (b == best and best_path[-1] == "<callback>"):
                best, best_path = b, p
        res = (own + best, ["%s %d" % (fn.name, own)] + best_path, flags)
        if "recursion" not in flags:
            self.memo[key] = res
        return res


def collect_ci(args):
    paths = []
    for a in args:
        if os.path.isdir(a):
            paths += glob.glob(os.path.join(a, "**", "*.ci"), recursive=True)
        else:
            paths.append(a)
    return sorted(paths)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--headers", required=True, help="lib/include/osfn")
    ap.add_argument("--elf", help="linked ELF for C library frames")
    ap.add_argument("--objdump", default="objdump")
    ap.add_argument("--mbedtls-dir", default="", help="mbedTLS source dir (its frames are 'mbedtls')")
    ap.add_argument("--json", help="write the results as JSON here")
    ap.add_argument("ci", nargs="+", help=".ci files or directories holding them")
    a = ap.parse_args()

    fns = parse_ci(collect_ci(a.ci), os.path.realpath(a.mbedtls_dir) if a.mbedtls_dir else "")
    ext = parse_objdump(a.objdump, a.elf) if a.elf else {}
    an = Analysis(fns, ext)
    names = sorted(n for n in public_names(a.headers) if n in fns)
    results = []
    for n in names:
        total, path, flags = an.worst(n, False)
        own, _, _ = an.worst(n, True)
        results.append({"function": n, "stack": total, "stack_without_mbedtls": own,
                        "path": path, "flags": sorted(flags)})
    unknown = sorted({c for f in fns.values() for c in f.callees
                      if c != INDIRECT and c not in fns and c not in ext})
    print("%-30s %8s %10s  %s" % ("public function", "stack", "no mbedTLS", "flags / worst path"))
    for r in results:
        print("%-30s %8d %10d  %s%s" % (r["function"], r["stack"], r["stack_without_mbedtls"],
                                        ("[" + ",".join(r["flags"]) + "] ") if r["flags"] else "",
                                        " > ".join(r["path"])))
    if unknown:
        print("no frame information (counted as 0): " + ", ".join(unknown))
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump({"functions": results, "unknown": unknown}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
