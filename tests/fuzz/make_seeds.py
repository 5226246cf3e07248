#!/usr/bin/env python3
"""Seed inputs for the fuzz targets, cut out of the bundled corpus.

  make_seeds.py --target T --out DIR            the small seeds (committed
                                                as tests/fuzz/seeds/T/)
  make_seeds.py --runtime --target T --out DIR  the large ones, made at test
                                                time (real pclntabs)
Input formats are described at the top of each tests/fuzz/fuzz_T.c.
Needs the zstd command-line tool; standard library otherwise.
"""
import argparse
import os
import struct
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
SAMPLES = ["go1.19-scenarios", "go1.22-scenarios", "go1.27-scenarios"]


def unzstd(path):
    return subprocess.run(["zstd", "-q", "-d", "-c", path], check=True,
                          capture_output=True).stdout


def zstd(data, *opts):
    return subprocess.run(["zstd", "-q", "-c", *opts], input=data, check=True,
                          capture_output=True).stdout


def sections(d):
    shoff, = struct.unpack_from("<Q", d, 0x28)
    shnum, shstrndx = struct.unpack_from("<HH", d, 0x3c)
    hdrs = [struct.unpack_from("<IIQQQQIIQQ", d, shoff + 64 * i) for i in range(shnum)]
    stroff = hdrs[shstrndx][4]
    out = {}
    for h in hdrs:
        name = d[stroff + h[0]:d.index(b"\0", stroff + h[0])].decode()
        out[name] = {"type": h[1], "addr": h[3], "off": h[4], "size": h[5], "link": h[6]}
    return out


def symbol(d, secs, want):
    st, ss = secs[".symtab"], secs[".strtab"]
    for i in range(st["size"] // 24):
        nm, info, other, shndx, val, size = struct.unpack_from("<IBBHQQ", d, st["off"] + 24 * i)
        s = ss["off"] + nm
        if d[s:s + len(want) + 1] == want.encode() + b"\0":
            return val
    return 0


def core_seeds(corpus):
    out = {}
    for s in SAMPLES:
        d = unzstd(os.path.join(corpus, s, "core.zst"))
        phoff, = struct.unpack_from("<Q", d, 0x20)
        phnum, = struct.unpack_from("<H", d, 0x38)
        notes_end, first_load = 0, len(d)
        for i in range(phnum):
            t, _, off, _, _, filesz = struct.unpack_from("<IIQQQQ", d, phoff + 56 * i)
            if t == 4:
                notes_end = max(notes_end, off + filesz)
            elif t == 1 and filesz:
                first_load = min(first_load, off)
        head = d[:notes_end]
        out[f"{s}-notes"] = head
        out[f"{s}-onepage"] = d[:first_load + 4096]
        out[f"{s}-notes.zst"] = zstd(head, "-3")
    return out


def zstd_seeds(corpus):
    d = unzstd(os.path.join(corpus, "go1.22-scenarios", "core.zst"))
    head = d[:16384]
    one = zstd(head, "-3")
    return {
        "core-head-16k": one,
        "core-head-16k-19": zstd(head, "-19"),
        "two-frames": zstd(head[:4096], "-1") + zstd(head[4096:8192], "-1"),
        "zeros-1m": zstd(bytes(1 << 20), "-3"),
        "cut": one[: len(one) // 2],
        "skippable": struct.pack("<II", 0x184D2A50, 4) + b"abcd" + zstd(b"hello", "-1"),
        "empty": b"",
    }


def pclntab_seeds(corpus, runtime):
    out = {}
    if not runtime:
        # a header alone: the parser's first checks
        out["header-only"] = struct.pack("<QQQII", 0x55cae0, 0x401000, 0, 72, 3) + \
            struct.pack("<IBBBBQQQ", 0xfffffff1, 0, 0, 1, 8, 1, 1, 0x401000) + \
            struct.pack("<5Q", 72, 72, 72, 72, 72)
        return out
    for s in SAMPLES:
        d = unzstd(os.path.join(corpus, s, "exe.zst"))
        secs = sections(d)
        p = secs[".gopclntab"]
        pcln = d[p["off"]:p["off"] + p["size"]]
        gofunc = symbol(d, secs, "go:func.*") or symbol(d, secs, "go.func.*")
        text = secs[".text"]["addr"]
        gf = b""
        if gofunc:
            ro = secs[".rodata"]
            if ro["addr"] <= gofunc < ro["addr"] + ro["size"]:
                o = ro["off"] + gofunc - ro["addr"]
                gf = d[o:min(o + (256 << 10), ro["off"] + ro["size"])]
        hdr = struct.pack("<QQQII", p["addr"], text, gofunc, len(pcln), 0)
        out[f"{s}-pclntab"] = hdr + pcln + gf
        inside = gofunc and p["addr"] <= gofunc < p["addr"] + p["size"]
        # go:func.* inside .gopclntab (1.27): the small seeds carry its
        # prefix after their own (shorter) pclntab
        sgf = pcln[gofunc - p["addr"]:gofunc - p["addr"] + (256 << 10)] if inside else gf
        for k in (24, 96):
            sp, sg = small_pclntab(pcln, sgf, k)
            sgofunc = p["addr"] + len(sp) if inside else gofunc
            out[f"{s}-pclntab-{k}"] = struct.pack("<QQQII", p["addr"], text, sgofunc,
                                                  len(sp), 0) + sp + sg
    return out


def pcvalue_len(pctab, off):
    """Length of the pc-value program at pctab[off:] (runtime.step's end:
    a zero value delta after the first pair)."""
    o, first = off, True
    while o < len(pctab):
        for _ in range(2):  # uvdelta, then pcdelta
            v, shift = 0, 0
            while True:
                b = pctab[o]
                o += 1
                v |= (b & 0x7f) << shift
                shift += 7
                if not b & 0x80:
                    break
            if _ == 0 and v == 0 and not first:
                return o - off
        first = False
    return o - off


def small_pclntab(pc, gf, k):
    """A valid pclntab with only the first k functions of pc (a real one):
    the same header, the prefix of funcnametab their names (and most of their
    inline trees' names) are in, cutab and filetab whole, only their pc-value
    programs, and the prefix of go:func.* their funcdata points into. Small
    inputs keep libFuzzer fast (whole pclntabs are 0.6 to 1.3 MB: most of the
    time went to hashing and copying them)."""
    magic, = struct.unpack_from("<I", pc, 0)
    fsize = 40 if magic == 0xfffffff0 else 44
    nfunc, nfiles, textstart, fn, cu, ft, pct, pcl = struct.unpack_from("<QQQQQQQQ", pc, 8)
    k = min(k, nfunc)
    pctab, table = pc[pct:pcl], pc[pcl:]
    ftab = [struct.unpack_from("<II", table, 8 * i) for i in range(nfunc + 1)]
    recs, maxname, maxfd = [], 0, 0
    newpc, seen = bytearray(b"\0"), {0: 0}

    def remap(off):
        if off not in seen:
            seen[off] = len(newpc)
            newpc.extend(pctab[off:off + pcvalue_len(pctab, off)])
        return seen[off]
    for i in range(k):
        fo = ftab[i][1]
        npcdata, = struct.unpack_from("<I", table, fo + 28)
        nfd = table[fo + fsize - 1]
        r = bytearray(table[fo:fo + fsize + 4 * npcdata + 4 * nfd])
        name, = struct.unpack_from("<i", r, 4)
        maxname = max(maxname, name)
        for f in (16, 20, 24):
            struct.pack_into("<I", r, f, remap(struct.unpack_from("<I", r, f)[0]))
        for j in range(npcdata):
            o = fsize + 4 * j
            struct.pack_into("<I", r, o, remap(struct.unpack_from("<I", r, o)[0]))
        for j in range(nfd):
            v, = struct.unpack_from("<I", r, fsize + 4 * npcdata + 4 * j)
            if v != 0xffffffff:
                maxfd = max(maxfd, v)
        recs.append(r)
    names = pc[fn:cu]
    nend = names.index(b"\0", maxname) + 1
    names = names[:min(len(names), nend + 4096)]  # inlined callees' names follow
    ftab_len = 8 * (k + 1)
    newtab, funcs = bytearray(ftab_len), bytearray()
    for i, r in enumerate(recs):
        struct.pack_into("<II", newtab, 8 * i, ftab[i][0], ftab_len + len(funcs))
        funcs += r
        funcs += b"\0" * (-len(funcs) % 4)
    struct.pack_into("<II", newtab, 8 * k, ftab[k][0], 0)
    newtab += funcs
    o_fn = 72
    o_cu = o_fn + len(names)
    o_ft = o_cu + (ft - cu)
    o_pct = o_ft + (pct - ft)
    o_pcl = o_pct + len(newpc)
    hdr = bytearray(pc[:72])
    struct.pack_into("<QQQQQQQQ", hdr, 8, k, nfiles, textstart, o_fn, o_cu, o_ft, o_pct, o_pcl)
    body = bytes(hdr) + names + pc[cu:ft] + pc[ft:pct] + bytes(newpc) + bytes(newtab)
    return body, gf[:min(len(gf), maxfd + 4096)]


def rec(region, off, data):
    """fuzz_elfpatch.h record"""
    return struct.pack("<BIB", region, off, (len(data) - 1) % 64) + data


def gobin_seeds():
    out = {}
    for k in range(3):
        out[f"clean-{k}"] = bytes([k])
        # regions: 0 file, 1 first page, 2 shdrs, 3 buildinfo, 4 buildid note,
        # 5 pclntab header, 6 pclntab, 7 symtab, 8 strtab, 9 shstrtab,
        # 10 noptrdata, 11-12 moduledata
        out[f"buildinfo-flags-{k}"] = bytes([k]) + rec(3, 15, b"\x00")
        out[f"buildinfo-len-{k}"] = bytes([k]) + rec(3, 32, b"\xff\xff\xff\xff\x0f")
        out[f"pcln-nfunc-{k}"] = bytes([k]) + rec(5, 8, b"\xff\xff\xff\x7f\0\0\0\0")
        out[f"pcln-offs-{k}"] = bytes([k]) + rec(5, 40, b"\xff" * 8)
        out[f"md-{k}"] = bytes([k]) + rec(11, 8, b"\xff" * 8) + rec(12, 24, b"\0" * 16)
        out[f"shnum-{k}"] = bytes([k]) + rec(1, 60, b"\xff\xff")
    return out


def dwarf_seeds():
    out = {}
    for k in range(3):
        out[f"clean-{k}"] = bytes([k])
        # regions: 0 first page, 1 shdrs, 2 abbrev, 3-5 info, 6 str, 7 loc, 8 ranges
        out[f"abbrev-{k}"] = bytes([k]) + rec(2, 3, b"\x7f")
        out[f"info-len-{k}"] = bytes([k]) + rec(3, 0, b"\xff\xff\xff\xfe")
        out[f"info-ver-{k}"] = bytes([k]) + rec(4, 4, b"\x09\x00")
    # go1.27 (DWARF 5; no .debug_str/loc/ranges): 6 shstrtab, 7 rnglists
    # (first 4 KiB), 8 loclists, 9 addr, 10 rnglists whole
    out["rnglists-len-2"] = bytes([2]) + rec(7, 0, b"\xff\xff\xff\x7f")
    out["rnglists-ver-2"] = bytes([2]) + rec(7, 4, b"\x04\x00")
    out["rnglists-count-2"] = bytes([2]) + rec(7, 8, b"\xff\xff\x00\x00")
    out["loclists-len-2"] = bytes([2]) + rec(8, 0, b"\xf0\xff\xff\xff")
    out["addr-len-2"] = bytes([2]) + rec(9, 0, b"\xff\xff\xff\x7f")
    return out


def wrec(region, off, op, arg, raw=b""):
    return struct.pack("<BHBB", region, off, op, arg) + raw


def walker_seeds():
    out = {}
    for k in range(3):
        out[f"clean-{k}"] = bytes([k])
        # region 0 is the allgs slice header, 1 runtime.allglen (when the
        # version has it) or the array, then the array, sched, gs, stacks, ms
        out[f"allglen-huge-{k}"] = bytes([k]) + wrec(0, 8, 2, 17)
        out[f"allglen-max-{k}"] = bytes([k]) + wrec(0, 8, 2, 22)
        out[f"allgs-nil-{k}"] = bytes([k]) + wrec(0, 0, 1, 0)
        out[f"allgs-self-{k}"] = bytes([k]) + wrec(0, 0, 1, 2)
        out[f"gs-{k}"] = bytes([k]) + b"".join(wrec(r, o, 1, a) for r, o, a in
                                               [(5, 0, 9), (6, 8, 10), (7, 56, 11), (8, 120, 12)])
        out[f"stack-{k}"] = bytes([k]) + b"".join(wrec(40 + r, 8 * r, 1, 3 * r) for r in range(12))
        out[f"xor-{k}"] = bytes([k]) + b"".join(wrec(r, 7 * r, 3, r) for r in range(64))
    return out


def rstr(b):
    """fuzz_render string: u8 length then the bytes"""
    return bytes([len(b)]) + b


def render_seeds():
    """fuzz_render: byte 0 sample and context, byte 1 more context, then
    u8 op, u8 record [, operands] (the format is in fuzz_render.c)"""
    odd = [b"k\x00ey", b"\xff\xfe", b"\xc0\x80", b"\xed\xa0\x80", b"\xf4\x90\x80\x80",
           b"\xe2\x82", b"a\"b\\c\n\t\x01\x7f", "\u00e9\u4e16\U0001f600".encode()]
    out = {}
    for k in range(3):
        out[f"clean-{k}"] = bytes([k, 0])
        for w in range(1, 8):  # the other windows of 12 records
            out[f"window-{k}-{w}"] = bytes([k, 32 * w])
        out[f"all-{k}"] = bytes([k, 0, 7, 84])  # every record (82 to 84)
        out[f"ctx-{k}"] = bytes([k + 3 * 53, 0xff])
        out[f"none-{k}"] = bytes([k, 0, 7, 0])
        out[f"one-{k}"] = bytes([k, 0, 7, 1])
        lab = b"".join(rstr(odd[i]) + rstr(odd[-1 - i]) for i in range(len(odd)))
        out[f"labels-{k}"] = bytes([k + 6, 8]) + bytes([5, 0, len(odd)]) + lab + \
            bytes([5, 1, 2]) + rstr(b"dup") + rstr(b"1") + rstr(b"dup") + rstr(b"2")
        out[f"frames-{k}"] = bytes([k, 0]) + bytes([3, 0, 0, 0, 0, 0, 1]) + \
            bytes([3, 1, 150, 0, 5, 0, 1]) + bytes([3, 2, 44, 1, 9, 0, 0]) + \
            bytes([3, 3, 101, 0, 0, 0, 3])
        out[f"strings-{k}"] = bytes([k, 0]) + \
            bytes([1, 0, 7, 0, 0, 0xf5]) + b"runtime.[...]go." + \
            bytes([1, 0, 8, 1, 0]) + rstr(odd[3]) + bytes([1, 1, 9, 0, 0]) + rstr(b"0x1, {...}") + \
            bytes([1, 2, 0]) + rstr(odd[1]) + bytes([1, 3, 3]) + rstr(odd[0]) + \
            bytes([1, 4, 4]) + rstr(odd[6]) + bytes([1, 5, 10]) + rstr(b"go1.99\xff")
        out[f"native-{k}"] = bytes([k, 0]) + bytes([4, 0, 0, 0, 6]) + struct.pack("<Q", 3) + \
            bytes([4, 0, 1, 0, 6]) + struct.pack("<Q", 0) + bytes([4, 1, 0, 0, 5]) + struct.pack("<Q", 0)
        out[f"fields-{k}"] = bytes([k, 0]) + bytes([0, 0, 0]) + b"\xff" * 8 + \
            bytes([0, 1, 5]) + struct.pack("<q", 1 << 40) + bytes([0, 2, 14]) + struct.pack("<Q", 0x7ff) + \
            bytes([0, 3, 7]) + struct.pack("<q", -5) + bytes([2, 4, 4, 2, 5, 0, 2, 6, 8, 0, 0])
        out[f"versions-{k}"] = bytes([k + 3 * 1, 0]) + bytes([8, 0, 1]) + struct.pack("<Q", 9) + \
            bytes([8, 0, 11]) + struct.pack("<Q", 1) + bytes([6, 0, 1, 6, 0, 2])
    return out


def irec(region, off, op, arg, raw=b""):
    """fuzz_image.h record"""
    return struct.pack("<HHBB", region, off, op, arg) + raw


def image_seeds():
    """heap, timers, maps, types, gomap (fuzz_image.h): regions are the
    pages the clean walk touched, in first-touch order (the roots first)"""
    out = {}
    for k in range(3):
        out[f"clean-{k}"] = bytes([k])
        out[f"variant-{k}"] = bytes([k + 3 * 37])
        # absurd lengths/counts over the first pages (roots: mheap_, allp, ...)
        out[f"absurd-{k}"] = bytes([k]) + b"".join(irec(r, 8 * o, 2, a) for r, o, a in
                                                   [(0, 1, 20), (0, 2, 17), (1, 1, 22), (2, 3, 31)])
        # pointers to other touched pages and to themselves (cycles)
        out[f"links-{k}"] = bytes([k]) + b"".join(irec(r, 8 * r, 1, 7 * r + 5) for r in range(16))
        out[f"self-{k}"] = bytes([k]) + b"".join(irec(r, 16 * r + 8, 4, 0) for r in range(16))
        out[f"xor-{k}"] = bytes([k]) + b"".join(irec(r, 13 * r, 3, r) for r in range(64))
        out[f"nudge-{k}"] = bytes([k]) + b"".join(irec(r, 24 * r, 5, 0x100 - 8 if r & 1 else 8)
                                                  for r in range(32))
    return out


def md_offsets(minor):
    """(pluginpath, next) in runtime.moduledata (session_md_offsets of
    src/session/plugins.c)"""
    gofunc = 344 if minor >= 27 else 320 if minor >= 20 else 304
    pp = gofunc + 8 + (8 if minor >= 26 else 0) + 24 + (0 if minor >= 27 else 48) + 24
    nxt = pp + 16 + 24 + (24 if minor >= 21 else 0) + 16 + 24 + 8 + 32 + 8 + (0 if minor >= 23 else 8)
    return pp, nxt


def plugin_seeds():
    """fuzz_plugins (fuzz_image.h records): region 0 is firstmoduledata.next's
    page, regions 1-3 the three fake moduledata (each at its page's start);
    pointer table 0, 0x10, 0xdead0000, 0x7ffffffff000, ~0, then the region
    starts (the fake moduledata: 6, 7, 8)"""
    out = {}
    for k, minor in enumerate((19, 22, 27)):
        pp, nxt = md_offsets(minor)
        out[f"clean-{k}"] = bytes([k])
        out[f"loop-{k}"] = bytes([k]) + irec(3, nxt, 1, 6)           # plug2 -> plug0
        out[f"selfloop-{k}"] = bytes([k]) + irec(2, nxt, 1, 7)       # plug1 -> plug1
        out[f"self-{k}"] = bytes([k]) + irec(2, nxt, 4, 0)           # plug1.next -> its own word
        out[f"nowhere-{k}"] = bytes([k]) + irec(1, nxt, 1, 1)        # plug0 -> 0x10
        out[f"unsaved-{k}"] = bytes([k]) + irec(2, nxt, 1, 2)        # plug1 -> 0xdead0000
        out[f"strmd-{k}"] = bytes([k]) + irec(1, pp, 1, 7)           # pluginpath: plug1's bytes
        out[f"long-{k}"] = bytes([k]) + irec(1, pp + 8, 2, 20)       # pluginpath length ~0
        out[f"badstr-{k}"] = bytes([k]) + irec(2, pp, 1, 2)          # pluginpath unreadable
        out[f"ctl-{k}"] = bytes([k]) + irec(3, 0xc00, 0, 3, b"\x01\x7f\n\x00")
        out[f"nudge-{k}"] = bytes([k]) + irec(1, nxt, 5, 8) + irec(2, nxt, 5, 0x100 - 8)
    return out


def memprof_seeds():
    """fuzz_memprof: memory images at BASE with the profile's globals and a
    well-formed bucket list (48-byte headers, PCs in the text of a non-PIE
    Go executable, memRecord of 4 cycles of 4 words or, for go1.27, 2)."""
    base = 0x7f0000000000
    out = {}
    for sample in range(3):
        crec = 16 if sample == 2 else 32
        for shape in range(2):
            mem = bytearray(4096)
            nb = 5
            offs = [0x100 + i * 0x200 for i in range(nb)]
            struct.pack_into("<QI", mem, 0, base + offs[0], 5 << 1 | 1)
            mem[16:24] = struct.pack("<Q", 512)
            for i, o in enumerate(offs):
                nxt = base + offs[i + 1] if i + 1 < nb else 0
                nstk = 2 + i
                struct.pack_into("<QQQQQQ", mem, o, 0, nxt, 1, 0, 16 << i, nstk)
                for k in range(nstk):
                    struct.pack_into("<Q", mem, o + 48 + 8 * k, 0x401000 + 0x1234 * (i + 1) + 0x101 * k)
                r = o + 48 + 8 * nstk
                for c in range(4):
                    words = [10 * (c + 1) + i, 3 * c, (10 * (c + 1) + i) << (4 + i), (3 * c) << (4 + i)]
                    struct.pack_into("<" + "Q" * (crec // 8), mem, r + c * crec, *words[:crec // 8])
            out["buckets-%d-%d" % (sample, shape)] = bytes([sample + 3 * shape]) + bytes(mem)
    # block (kind 1) and mutex (kind 2) lists: the head at BASE, the
    # runtime's ticks per second at +8, the rate at +16; blockRecord
    # {count float64; cycles int64} after the PCs; byte 0's kind is
    # (d[0] / 6) % 3
    for sample in range(3):
        for kind in (1, 2):
            mem = bytearray(4096)
            nb = 5
            offs = [0x100 + i * 0x200 for i in range(nb)]
            struct.pack_into("<QQQ", mem, 0, base + offs[0], 2000000000, 1)
            for i, o in enumerate(offs):
                nxt = base + offs[i + 1] if i + 1 < nb else 0
                nstk = 2 + i
                struct.pack_into("<QQQQQQ", mem, o, 0, nxt, 1 + kind, 0, 0, nstk)
                for k in range(nstk):
                    struct.pack_into("<Q", mem, o + 48 + 8 * k, 0x401000 + 0x1234 * (i + 1) + 0x101 * k)
                struct.pack_into("<dq", mem, o + 48 + 8 * nstk, 1.5 * (i + 1), 1000 << i)
            out["blockprof-%d-%d" % (sample, kind)] = bytes([sample + 6 * kind]) + bytes(mem)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--target", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--corpus", default=os.path.join(REPO, "corpus"))
    ap.add_argument("--runtime", action="store_true")
    a = ap.parse_args()
    if a.runtime:
        seeds = pclntab_seeds(a.corpus, True) if a.target == "pclntab" else {}
    else:
        seeds = {"core": lambda: core_seeds(a.corpus), "zstd": lambda: zstd_seeds(a.corpus),
                 "pclntab": lambda: pclntab_seeds(a.corpus, False), "gobin": gobin_seeds,
                 "dwarf": dwarf_seeds, "walker": walker_seeds,
                 "finalizers": walker_seeds, "render": render_seeds, "heap": image_seeds, "timers": image_seeds,
                 "maps": image_seeds, "types": image_seeds, "gomap": image_seeds,
                 "memprof": memprof_seeds, "plugins": plugin_seeds}[a.target]()
    os.makedirs(a.out, exist_ok=True)
    for name, data in seeds.items():
        with open(os.path.join(a.out, name), "wb") as f:
            f.write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
