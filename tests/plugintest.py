#!/usr/bin/env python3
"""gomortem on a Go program that opened a Go plugin (-buildmode=plugin,
issue 17 item 1).

tests/progs/plugin (main.go) opens plug/ and plug2/ built as plug.so and
plug2.so with the same Go version (--strip: all with -ldflags='-s -w');
plug's Start leaves 5 goroutines blocked in plugin code, 3 finalizers and a
timer whose functions are plugin code, plug2's one goroutine. While it waits, gomortem reads the running process
(--pid): goroutines (--format go), info and summary (JSON). Then SIGQUIT
with GOTRACEBACK=crash: the runtime's own dump, and a core.

  - core: `goroutines --format go` equals the runtime's dump goroutine by
    goroutine (tests/difftest.py's comparison), the plugin's 5 goroutines
    among them with their plugin frames;
  - live (--pid, and the core `gomortem dump --pid` writes): every
    goroutine with a frame in a plugin has the frames the runtime's dump
    (taken just after) prints for it (they are parked);
  - info, summary (core and live) list the two plugins in the order they
    were opened (summary's metric plugins: 2): path, the pluginpath
    the runtime holds (the plugin package's import path), the file's Go
    build ID, the bytes mapped; maps names their mappings go_plugin;
  - finalizers finds the plugin's 3 finalize, timers its afterHour; every
    command exits 0 with nothing on stderr;
  - plugins appearing (PLUGIN_STEP: the program stops after the first
    plugin): a summary snapshot (--pid) with one plugin, then `watch --pid`
    while the program opens the second: the snapshot line where it appears
    names it (plugins_new), as does the end's diff; `diff SNAPSHOT CORE`
    names plug2 new (path, pluginpath, load order) with a plugin_growth
    flag, text and JSON; `diff CORE SNAPSHOT` flags it gone (plugins_gone,
    critical: no process unloads a plugin).
"""
import json
import os
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import difftest  # noqa: E402
import testlib  # noqa: E402

SRC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "progs", "plugin")
PLUGPKG = "example.com/plugin/plug"
PLUG2PKG = "example.com/plugin/plug2"  # a second plugin: a module list of three


def build(args, version, bdir):
    src, env = testlib.cgo_module(args, version, SRC, bdir, "example.com/plugin")  # plugin.Open is cgo (dlopen)
    flags = ["-ldflags=-s -w"] if args.strip else []
    plug, plug2, exe = os.path.join(bdir, "plug.so"), os.path.join(bdir, "plug2.so"), os.path.join(bdir, "main")
    for cmd in (["-buildmode=plugin"] + flags + ["-o", plug, "./plug"],
                ["-buildmode=plugin"] + flags + ["-o", plug2, "./plug2"], flags + ["-o", exe, "."]):
        p = subprocess.run([difftest.go_bin(args, version), "build"] + cmd, cwd=src, env=env,
                           capture_output=True, text=True, timeout=600)
        if p.returncode != 0:
            raise RuntimeError("go build %s: %s" % (" ".join(cmd), (p.stdout + p.stderr)[-1500:]))
    return exe, plug, plug2


def gm(args, *argv):
    p = subprocess.run([args.gomortem] + list(argv), capture_output=True, text=True, timeout=120)
    return p.returncode, p.stdout, p.stderr



def check_plugins(what, d, plugs, buildid, errs, stripped=False):
    """d: info's or summary's JSON (summary: in its target); its plugins:
    exactly ours, in the order the program opened them."""
    if "metrics" in d and d["metrics"].get("plugins") != len(plugs):
        errs.append("%s: metric plugins %r, want %d" % (what, d["metrics"].get("plugins"), len(plugs)))
    pl = (d["target"] if "target" in d else d).get("plugins")
    if not isinstance(pl, list) or len(pl) != len(plugs):
        errs.append("%s: plugins %r, want our %d" % (what, pl, len(plugs)))
        return
    for p, (plug, pkg) in zip(pl, plugs):
        if os.path.realpath(p.get("path") or "") != os.path.realpath(plug):
            errs.append("%s: plugin path %r, want %s" % (what, p.get("path"), plug))
        if p.get("pluginpath") != pkg:
            errs.append("%s: pluginpath %r, want %s" % (what, p.get("pluginpath"), pkg))
        if p.get("go_build_id") != buildid[plug]:
            errs.append("%s: go_build_id %r, the file's is %r" % (what, p.get("go_build_id"), buildid[plug]))
        if p.get("symtab") is not (not stripped):
            errs.append("%s: symtab %r for a plugin built %s" % (what, p.get("symtab"),
                                                                 "stripped" if stripped else "with symbols"))
        if not p.get("mapped_bytes") or p["mapped_bytes"] < os.path.getsize(plug) // 2:
            errs.append("%s: mapped_bytes %r for a file of %d bytes" % (what, p.get("mapped_bytes"),
                                                                       os.path.getsize(plug)))

def damaged_list(args, exe, core, md, errs):
    """The runtime's module list damaged in a copy of the core: the word of
    runtime.firstmoduledata that points to the plugin's moduledata (md) made
    to point nowhere, then to firstmoduledata itself (a loop), then into the
    executable's own data (no plugin's moduledata: fuzz_plugins found such
    a module listed): gomortem warns, cuts the list there and reads the
    rest (no crash, exit 1). Then the plugin's pluginpath given an absurd
    length (fuzz_plugins: it was read as 255 bytes of garbage): info says
    "?" and warns."""
    p = subprocess.run(["nm", "-S", exe], capture_output=True, text=True)
    fmd = [l.split() for l in p.stdout.splitlines() if l.endswith(" runtime.firstmoduledata")]
    if not fmd:
        errs.append("damaged list: no runtime.firstmoduledata in %s" % exe)
        return
    base, size = int(fmd[0][0], 16), int(fmd[0][1], 16)
    with open(core, "rb") as f:
        data = bytearray(f.read())
    off0 = testlib.core_file_offset(testlib.core_loads(core), base)
    if off0 is None:
        errs.append("damaged list: runtime.firstmoduledata 0x%x not in the core" % base)
        return
    hits = [o for o in range(off0, off0 + size - 7, 8) if struct.unpack_from("<Q", data, o)[0] == md]
    if len(hits) != 1:
        errs.append("damaged list: %d words of firstmoduledata hold the plugin's moduledata 0x%x" % (len(hits), md))
        return
    for bad, want in ((0x10, "in no file the target maps: damaged"), (base, "loops"),
                      (base + 8, "the executable's file: damaged, the list is cut there")):
        struct.pack_into("<Q", data, hits[0], bad)
        d = core + ".damaged"
        with open(d, "wb") as f:
            f.write(data)
        rc, out, err = gm(args, "goroutines", d, "--format", "json")
        listed = json.loads(gm(args, "info", d, "--format", "json")[1] or "{}").get("plugins")
        if rc != 1 or want not in err or not out.strip() or listed != []:
            errs.append("damaged list (next = 0x%x): exit %d, stderr %r, plugins %r; want exit 1, %r, none" % (
                bad, rc, err.strip()[:300], listed, want))
        os.remove(d)
    struct.pack_into("<Q", data, hits[0], md)
    # the plugin's moduledata.pluginpath: the only (pointer, len(PLUGPKG)) pair in its first 1 KiB
    mo = testlib.core_file_offset(testlib.core_loads(core), md)
    lens = [o for o in range(mo + 8, mo + 1024, 8) if mo is not None and
            struct.unpack_from("<Q", data, o)[0] == len(PLUGPKG) and struct.unpack_from("<Q", data, o - 8)[0] > 0x10000]
    if len(lens) != 1:
        errs.append("damaged pluginpath: %d candidate length words in the moduledata at 0x%x" % (len(lens), md))
        return
    struct.pack_into("<Q", data, lens[0], 1 << 40)
    d = core + ".damaged"
    with open(d, "wb") as f:
        f.write(data)
    rc, out, err = gm(args, "info", d, "--format", "json")
    pl = json.loads(out or "{}").get("plugins") or [{}]
    if rc not in (0, 1) or "has an absurd length: damaged" not in err or pl[0].get("pluginpath") != "?":
        errs.append("damaged pluginpath (length 2^40): exit %d, stderr %r, pluginpath %r; want a warning, ?" % (
            rc, err.strip()[:300], pl[0].get("pluginpath")))
    os.remove(d)


def step_watch(args, rundir, out):
    """The program stopped after its first plugin (READY.first holds its
    pid): a summary snapshot, then a watch whose first snapshot has one
    plugin; READY.next lets the program open the second; the watch ends
    (SIGINT) after a snapshot begun once the program was ready. Results in
    out (errors in out["errs"])."""
    first, ready = os.path.join(rundir, "ready.first"), os.path.join(rundir, "ready")
    deadline = time.monotonic() + args.ready_timeout
    while not os.path.exists(first) or not difftest.read_text(first).strip():
        if time.monotonic() > deadline:
            out["errs"].append("PLUGIN_STEP: no %s" % first)
            return
        time.sleep(0.02)
    pid = difftest.read_text(first).strip()
    snap = os.path.join(rundir, "one-plugin.json")
    with open(snap, "w") as f:
        p = subprocess.run([args.gomortem, "summary", "--pid", pid, "--format", "json"], stdout=f,
                           stderr=subprocess.PIPE, text=True, timeout=120)
    if p.returncode != 0 or p.stderr:
        out["errs"].append("one plugin: summary --pid exit %d: %s" % (p.returncode, p.stderr.strip()[:300]))
    out["snap"] = snap
    w = subprocess.Popen([args.gomortem, "watch", "--pid", pid, "--interval", "200ms", "--format", "json"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines = []
    try:
        lines.append(w.stdout.readline())
        with open(os.path.join(rundir, "ready.next"), "w"):
            pass
        after = 0  # lines printed since the program was seen ready: the second was taken after
        while time.monotonic() < deadline and after < 2:
            was_ready = os.path.exists(ready)
            line = w.stdout.readline()
            if not line:
                break
            lines.append(line)
            after += was_ready
        w.send_signal(signal.SIGINT)
        rest, err = w.communicate(timeout=120)
    finally:
        if w.poll() is None:
            w.kill()
            w.wait()
    out["watch"] = [json.loads(l) for l in lines + rest.splitlines() if l.strip()]
    out["watch_rc"], out["watch_err"] = w.returncode, err


def check_step(args, step, core, plug, plug2, errs):
    """A diff between one plugin and two (and back) names the second."""
    errs += step["errs"]
    same = lambda a, b: os.path.realpath(a or "") == os.path.realpath(b)
    snaps = [d for d in step.get("watch", []) if d.get("type") == "snapshot"]
    end = [d for d in step.get("watch", []) if d.get("type") == "end"]
    if not snaps or snaps[0]["metrics"].get("plugins") != 1 or snaps[-1]["metrics"].get("plugins") != 2:
        errs.append("watch: plugins per snapshot %r, want 1 first and 2 last" % (
            [d["metrics"].get("plugins") for d in snaps]))
    news = [(p["path"], p["pluginpath"]) for d in snaps for p in d.get("plugins_new") or []]
    if len(news) != 1 or not same(news[0][0], plug2) or news[0][1] != PLUG2PKG or \
            any(d.get("plugins_gone") for d in snaps) or snaps[0].get("plugins_new") is not None:
        errs.append("watch: plugins_new %r (gone %r), want %s (%s) once" % (
            news, [d.get("plugins_gone") for d in snaps], plug2, PLUG2PKG))

    def new_plugins(d, what):
        pl = ((d or {}).get("categories") or {}).get("plugins") or {}
        got = [(i["change"], i.get("path"), i.get("pluginpath"), i.get("load_order")) for i in pl.get("items", [])]
        if len(got) != 2 or got[0][0] != "new" or not same(got[0][1], plug2) or got[0][2:] != (PLUG2PKG, 2) or \
                got[1][0] != "unchanged" or not same(got[1][1], plug) or got[1][2:] != (PLUGPKG, 1):
            errs.append("%s: plugins %r, want %s new (load order 2), %s unchanged" % (what, got, plug2, plug))
        fl = [f for f in (d or {}).get("flags", []) if f["code"] == "plugin_growth"]
        if len(fl) != 1 or PLUG2PKG not in fl[0]["message"]:
            errs.append("%s: plugin_growth flags %r" % (what, fl))

    if not end or end[0].get("reason") != "signal" or step.get("watch_rc") not in (0, 1):
        errs.append("watch: exit %r, end %r, stderr %r" % (step.get("watch_rc"), end[:1],
                                                            (step.get("watch_err") or "")[:300]))
    else:
        new_plugins(end[0].get("diff"), "watch's diff")
    if not step.get("snap"):
        return
    rc, o, e = gm(args, "diff", step["snap"], core, "--format", "json")
    if rc != 0 or e:
        errs.append("diff ONE-PLUGIN CORE: exit %d: %s" % (rc, e.strip()[:300]))
    new_plugins(json.loads(o) if o.strip() else None, "diff ONE-PLUGIN CORE")
    rc, o, e = gm(args, "diff", step["snap"], core)
    row = [l for l in o.splitlines() if " new " in l and "(%s)" % PLUG2PKG in l]
    if rc != 0 or "plugins: 1 -> 2; 0 grown, 1 new, 0 gone" not in o or len(row) != 1:
        errs.append("diff ONE-PLUGIN CORE (text): exit %d, plugins not named: %s" % (
            rc, "\n".join(l for l in o.splitlines() if "plugin" in l)[:600]))
    rc, o, e = gm(args, "diff", core, step["snap"], "--format", "json")
    fl = [f for f in (json.loads(o) if o.strip() else {}).get("flags", []) if f["code"] == "plugins_gone"]
    if len(fl) != 1 or fl[0]["severity"] != "critical" or PLUG2PKG not in fl[0]["message"]:
        errs.append("diff CORE ONE-PLUGIN: plugins_gone flags %r, want plug2 critical (exit %d: %s)" % (
            fl, rc, e.strip()[:300]))


def plugin_goroutines(dump, pkg=PLUGPKG):
    return [gid for gid in dump.order
            if any(f.func.startswith(pkg + ".") for f in dump.goroutines[gid].frames)]


def test(args, version):
    errs = []
    bdir = tempfile.mkdtemp(prefix="plugintest-go%s-" % version, dir=args.work)
    try:
        exe, plug, plug2 = build(args, version, bdir)
        gotool = difftest.go_bin(args, version)
        buildid = {}
        for f in (plug, plug2):
            p = subprocess.run([gotool, "tool", "buildid", f], capture_output=True, text=True)
            if p.returncode != 0:
                raise RuntimeError("go tool buildid %s: %s" % (f, p.stderr.strip()))
            buildid[f] = p.stdout.strip()

        step = {"errs": []}
        stepper = threading.Thread(target=step_watch, args=(args, os.path.join(bdir, "run"), step), daemon=True)
        stepper.start()

        def live(pid):
            stepper.join(args.ready_timeout + 240)
            out = {}
            rc, o, e = gm(args, "goroutines", "--pid", str(pid), "--format", "go")
            if rc != 0 or e:
                errs.append("--pid: goroutines exit %d: %s" % (rc, e.strip()[:300]))
            out["go"] = o
            # gomortem's own core of the running process (dump)
            out["dump"] = os.path.join(bdir, "dump.core")
            rc, o, e = gm(args, "dump", "--pid", str(pid), "-o", out["dump"])
            if rc != 0 or e:
                errs.append("--pid: dump exit %d: %s" % (rc, e.strip()[:300]))
            for cmd in ("info", "summary"):
                rc, o, e = gm(args, cmd, "--pid", str(pid), "--format", "json")
                if rc != 0 or e:
                    errs.append("--pid: %s exit %d: %s" % (cmd, rc, e.strip()[:300]))
                else:
                    out[cmd] = json.loads(o)
            return out

        r = difftest.run_and_crash(exe, os.path.join(bdir, "run"), args.ready_timeout,
                                   prog_args=[plug, plug2], before_quit=live, extra_env={"PLUGIN_STEP": "1"})
        go = difftest.parse_dump(difftest.read_text(r["stderr"]))
        typ, held = (difftest.read_text(os.path.join(bdir, "run", "ready.type")).split("\n") + ["", ""])[:2]
        inplug = plugin_goroutines(go)
        inplug2 = plugin_goroutines(go, PLUG2PKG)
        if len(inplug) != 5 or len(inplug2) != 1:
            errs.append("the runtime's dump has %d and %d goroutines in the two plugins' code, want 5 and 1" % (
                len(inplug), len(inplug2)))
        plugs = [(plug, PLUGPKG), (plug2, PLUG2PKG)]
        lv = r["before"] or {}
        # live: the parked plugin goroutines as the runtime printed them
        mine = difftest.parse_dump(lv.get("go", ""))
        dumped = None
        if lv.get("dump") and os.path.exists(lv["dump"]):
            rc, o, e = gm(args, "goroutines", lv["dump"], "--format", "go")
            if rc != 0 or e:
                errs.append("dump: goroutines exit %d: %s" % (rc, e.strip()[:300]))
            dumped = difftest.parse_dump(o)
            rc, o, e = gm(args, "info", lv["dump"], "--format", "json")
            if rc != 0 or e:
                errs.append("dump: info exit %d: %s" % (rc, e.strip()[:300]))
            else:
                check_plugins("dump: info", json.loads(o), plugs, buildid, errs, args.strip)
        if dumped is None:
            errs.append("dump --pid wrote no core")
        for what, d in (("--pid", mine), ("dump --pid", dumped)):
            for gid in inplug + inplug2 if d else []:
                want = [difftest.frame_text(f) for f in go.goroutines[gid].frames]
                got = d.goroutines.get(gid)
                if not got or [difftest.frame_text(f) for f in got.frames] != want:
                    errs.append("%s: goroutine %d:\n%s" % (what, gid, difftest.goroutine_diff(
                        go.goroutines[gid], got) if got else "missing"))
        for cmd in ("info", "summary"):
            if cmd in lv:
                check_plugins("--pid: " + cmd, lv[cmd], plugs, buildid, errs, args.strip)
        # core: the whole dump
        rc, out, err = gm(args, "goroutines", r["core"], "--format", "go")
        if rc != 0 or err:
            errs.append("core: goroutines exit %d: %s" % (rc, err.strip()[:300]))
        ours = difftest.parse_dump(out)
        res = difftest.Result(version)
        difftest.compare_dumps(go, ours, res)
        n = len(errs)
        errs += ["core: %s" % p for p in res.problems] + res.diffs[:3]
        if len(errs) == n:
            print("  core: %d goroutines equal to the runtime's dump, %d of them in the plugins" % (
                len(go.order), len(inplug) + len(inplug2)))
        check_step(args, step, r["core"], plug, plug2, errs)
        for cmd in ("info", "summary", "maps", "finalizers", "timers", "threads"):
            rc, out, err = gm(args, cmd, r["core"], "--format", "json")
            if rc != 0 or err:
                errs.append("core: %s exit %d: %s" % (cmd, rc, err.strip()[:300]))
                continue
            d = json.loads(out)
            if cmd in ("info", "summary"):
                check_plugins("core: " + cmd, d, plugs, buildid, errs, args.strip)
            if cmd == "maps":
                for f in (plug, plug2):
                    kinds = {m.get("class") for m in d.get("mappings", [])
                             if os.path.realpath(m.get("path") or "") == os.path.realpath(f)}
                    if kinds != {"go_plugin"}:
                        errs.append("maps: %s's mappings are %r, want go_plugin" % (f, sorted(map(str, kinds))))
            if cmd == "finalizers" and not any(f["function"] == PLUGPKG + ".finalize" and f["count"] == 3 and
                                               f.get("object_type") == typ
                                               for f in d["registered"]["by_function"]):
                errs.append("finalizers: %r, want the plugin's 3 finalize on %s" % (
                    d["registered"]["by_function"], typ))
            if cmd == "timers" and not any(g.get("function") == PLUGPKG + ".afterHour" for g in d["groups"]):
                errs.append("timers: no %s.afterHour among %r" % (PLUGPKG, d["groups"]))
        # an object only a plugin global holds: heap --why finds it from
        # that global (the plugin's .bss, named by the plugin's symbols)
        rc, out, err = gm(args, "heap", r["core"], "--why", "0x" + held, "--format", "json")
        roots = [p["root"] for p in json.loads(out).get("paths", [])] if rc == 0 and out.strip() else []
        want = None if args.strip else PLUGPKG + ".held"
        if not held or not any(x["kind"] == "global" and x["symbol"] == want and x["section"] == ".bss"
                               for x in roots):
            errs.append("heap --why 0x%s (held by %s.held): exit %d, roots %r, stderr %r" % (
                held, PLUGPKG, rc, roots, err.strip()[:300]))
        if args.strip:
            print("  (damaged module list not tried: the stripped program has no symbol for runtime.firstmoduledata)")
        else:
            rc, out, err = gm(args, "info", r["core"], "--format", "json")
            pl = json.loads(out).get("plugins") if rc == 0 and out.strip() else None
            if pl:
                damaged_list(args, exe, r["core"], int(pl[0]["moduledata"], 16), errs)
        # the plugin's file gone: its frames are unknown, and the error
        # names the pc and the file the target mapped there
        os.rename(plug, plug + ".gone")
        rc, out, err = gm(args, "goroutines", r["core"], "--format", "json")
        first = go.goroutines[inplug[0]].frames[0].pc if inplug else None
        if rc != 1 or "unknown pc %s in %s" % (first, plug) not in err or "which is not a Go plugin gomortem can open here" not in err:
            errs.append("without the plugin's file: exit %d, stderr %r; want exit 1 naming unknown pc %s in %s" % (
                rc, err.strip()[:400], first, plug))
        rc, out, err = gm(args, "summary", r["core"], "--format", "json")
        tops = json.loads(out)["goroutines"]["top_groups"] if out.strip() else []
        if not any((g.get("stack_incomplete") or "") == "unknown pc %s in %s" % (first, plug) for g in tops):
            errs.append("without the plugin's file: summary's top groups %r do not say unknown pc %s in %s" % (
                [(g.get("where"), g.get("stack_incomplete")) for g in tops], first, plug))
    finally:
        if not os.environ.get("GM_KEEP"):  # keep the build and the core (debugging)
            shutil.rmtree(bdir, ignore_errors=True)
    return errs


def no_gcc(args):
    args.trimpath = False
    if not shutil.which("gcc"):
        print("SKIP: plugins need cgo and there is no gcc")
        return 77
    return None


def main():
    return testlib.version_driver(__doc__.split("\n")[0], test, "plugin read, dump equal to Go's",
                                  prepare=no_gcc)


if __name__ == "__main__":
    sys.exit(main())
