#!/usr/bin/python3
"""
errbot_dispatch.py - headless command-dispatch benchmark for Errbot 6.1.7 (Debian 12 package).

SETUP (Debian bookworm; apt-get update already done):
    apt-get install -y errbot python3-pytest
    # python3-pytest: errbot/backends/test.py does `import pytest` at import time.
    # If pytest is missing this script installs a tiny stub module instead, so it is optional.

RUN (must use the Debian system interpreter /usr/bin/python3, which sees the apt-installed errbot package):
    /usr/bin/python3 errbot_dispatch.py N M [--mode seq|pipelined|direct] [--sync]
                                            [--warmup W] [--seed S] [--json] [--md-lock] [--no-render]
    N  = number of @botcmd commands generated into a throwaway plugin ("Bench": cmd0..cmd{N-1})
    M  = number of messages fed (message i -> "!cmd{k} arg{i}", k uniform-random in [0, N))

    Prints: messages/sec and p50/p99 latency per message in ms (plus p90/max/mean).
    Exit code 0 on success, 1 if any reply was wrong/missing.

SHARED-HARNESS MODE (same CLI, workload and JSON line as lib/harness.mjs / hubot_dispatch.mjs):
    /usr/bin/python3 errbot_dispatch.py --k K --m M --mode serial|burst [--seed 42] [--warmup 0]
                                        [--dump N] [--sync] [--no-md-lock] [--no-render]
    node bench/run_matrix.mjs --only errbot          (errbot is one of bench/run_matrix.mjs's harnesses)
  Messages "!cmd<c> hello <i>" from the fixed-seed LCG (cross-checked with --dump against the Node
  harness), each command replies with its args, plus one @botmatch "hear" regex that matches no
  traffic (errbot only evaluates regex listeners when no plain command matched). serial = push,
  wait for the reply; burst = push all, then collect all. Reply time is stamped when the Test
  backend emits it (outgoing-queue put). Prints ONE JSON line; exit 1 on any wrong/missing reply.
  Default: stock BOT_ASYNC=True WITH the markdown-render lock, because stock errbot fails burst
  verification (see --md-lock below); --no-md-lock reproduces the race.

WHAT IS MEASURED
  Everything runs in-process on errbot.backends.test.TestBot (Test backend + Memory storage,
  all default core plugins active: ACLs cmdfilter, CommandNotFoundFilter, Help, Health, Utils, ...),
  in a fresh temp BOT_DATA_DIR. Root log level WARNING (DEBUG logging would dominate the numbers).

  --mode seq (default)  closed loop, 1 message in flight: push into TestBackend.incoming queue, block
                        until the reply is popped from the outgoing queue. Latency = push -> pop.
                        Path: serve_forever thread -> ErrBot.callback_message -> process_message
                        (prefix strip, longest-match command lookup) -> cmdfilters (ACLs, CNF) ->
                        BOT_ASYNC ThreadPool(10) hop -> plugin method -> send_simple_reply ->
                        build_reply -> split_and_send_message -> callback_botmessage on every plugin
                        -> TestBackend.send_message (markdown->plain-text render) -> outgoing queue.
  --mode pipelined      push all M messages, then pop M replies (throughput under backlog).
                        Latency = time enqueued -> time its reply was dequeued (includes queueing).
                        With BOT_ASYNC (default) replies may come back out of order; matched by content.
  --mode direct         no serve thread, BOT_ASYNC forced off: call bot.callback_message(Message)
                        synchronously on this thread; latency = duration of that call (the reply is
                        already rendered into the outgoing queue when it returns). Pure core cost.
  --sync                BOT_ASYNC = False for seq/pipelined (commands run on the serve thread).
  --no-render           TestBackend.send_message renders every reply markdown->plain text with
                        python-markdown (~0.1-0.2 ms, ~60% of direct-mode cost at small N); this
                        swaps in an identity converter to isolate the core dispatch path.
  --md-lock             wrap the Test backend's shared markdown converter in a lock. Stock errbot
                        renders replies from up to BOT_ASYNC_POOLSIZE threads through ONE
                        markdown.Markdown instance (not thread-safe): in pipelined+async runs a few
                        replies per thousand come back swapped with another reply or empty; they
                        are counted in "errors" (exit code 1). seq and --sync runs are unaffected.

SCALING NOTE: per-message cost grows with N because the ACLs cmdfilter calls ErrBot.all_commands,
  which copies every command into a new dict on each call (errbot/core.py all_commands,
  errbot/core_plugins/acls.py); at N=10000 that copy is ~0.4 ms/message (cProfile).

RESULTS of a reference run (2 vCPU AMD EPYC VM, Python 3.11.2, median of 3, M=5000):
  shared/bench/peers/results/errbot_dispatch_results.jsonl; summary table in shared/reference/errbot.md (section 11).

HEADLESS CLI ALTERNATIVE (Text backend, functional check only; 0.5 s sleep per line):
    d=$(mktemp -d) && cd $d && errbot --init . && \
    printf 'BOT_LOG_LEVEL = logging.WARNING\nTEXT_DEMO_MODE = True\nBOT_PLUGIN_INDEXES = ()\n' >> config.py && \
    printf '!echo hello\n!tryme\n!uptime\n' | errbot -c config.py

NOT MEASURED: any network backend I/O, rate limiting (only the IRC backend has it), Text backend
  (it sleeps 0.5 s after every console line: errbot/backends/text.py, so it is useless for throughput).

EXAMPLES
    /usr/bin/python3 errbot_dispatch.py 10 5000
    /usr/bin/python3 errbot_dispatch.py 1000 5000 --mode pipelined
    /usr/bin/python3 errbot_dispatch.py 100 20000 --mode direct --json
"""
import argparse
import json
import logging
import math
import os
import random
import shutil
import sys
import tempfile
import textwrap
import time
import types
from queue import Empty


def _ensure_pytest_importable():
    """errbot.backends.test imports pytest only to define the `testbot` fixture."""
    try:
        import pytest  # noqa: F401
    except ImportError:
        shim = types.ModuleType("pytest")
        shim.fixture = lambda *a, **k: (a[0] if a and callable(a[0]) else (lambda f: f))
        sys.modules["pytest"] = shim


PLUG = """\
[Core]
Name = Bench
Module = bench

[Documentation]
Description = Generated benchmark plugin.

[Python]
Version = 3
"""

PLUGIN_SRC = '''\
import re

from errbot import BotPlugin, botcmd, botmatch

N_COMMANDS = {n}
ECHO_ONLY = {echo_only}  # True: reply is just the args (shared-harness workload)
WITH_HEAR = {with_hear}  # True: add one non-prefixed regex listener that matches no traffic


class Bench(BotPlugin):
    """Generated plugin with N_COMMANDS trivial commands."""

    if WITH_HEAR:

        @botmatch(r"\\b(?:xyzzy|plugh)\\b", flags=re.IGNORECASE)
        def hear(self, msg, match):
            return "heard"


def _make(i):
    reply_prefix = "" if ECHO_ONLY else "ok%d " % i

    def cmd(self, msg, args):
        return reply_prefix + args

    cmd.__name__ = "cmd%d" % i
    cmd.__doc__ = "bench command %d" % i
    return botcmd(cmd)


for _i in range(N_COMMANDS):
    setattr(Bench, "cmd%d" % _i, _make(_i))
'''


def write_plugin(root, n, echo_only=False, with_hear=False):
    pdir = os.path.join(root, "bench_plugin")
    os.makedirs(pdir)
    with open(os.path.join(pdir, "bench.plug"), "w") as f:
        f.write(PLUG)
    with open(os.path.join(pdir, "bench.py"), "w") as f:
        f.write(PLUGIN_SRC.format(n=n, echo_only=echo_only, with_hear=with_hear))
    return pdir


def pct(sorted_vals, p):
    if not sorted_vals:
        return float("nan")
    k = (len(sorted_vals) - 1) * (p / 100.0)
    lo = int(k)
    hi = min(lo + 1, len(sorted_vals) - 1)
    return sorted_vals[lo] + (sorted_vals[hi] - sorted_vals[lo]) * (k - lo)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n_commands", type=int)
    ap.add_argument("m_messages", type=int)
    ap.add_argument("--mode", choices=("seq", "pipelined", "direct"), default="seq")
    ap.add_argument("--sync", action="store_true", help="BOT_ASYNC=False")
    ap.add_argument("--warmup", type=int, default=200, help="untimed messages first (default 200)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=30.0, help="per-reply timeout, seconds")
    ap.add_argument("--json", action="store_true", help="also print one JSON line")
    ap.add_argument(
        "--no-render",
        action="store_true",
        help="replace the Test backend's markdown->text reply rendering with identity "
        "(isolates core dispatch; rendering is ~60%% of direct-mode cost at small N)",
    )
    ap.add_argument(
        "--md-lock",
        action="store_true",
        help="serialize TestBackend's shared markdown converter (stock errbot shares one "
        "markdown.Markdown instance across BOT_ASYNC pool threads; it is not thread-safe, so "
        "pipelined+async runs can return swapped/empty replies -> counted as errors)",
    )
    a = ap.parse_args()
    if a.n_commands < 1 or a.m_messages < 1:
        ap.error("N and M must be >= 1")

    _ensure_pytest_importable()
    import errbot
    from errbot.backends.base import Message
    from errbot.backends.test import TestBot
    from errbot.version import VERSION

    work = tempfile.mkdtemp(prefix="errbot_bench_")
    plugin_root = os.path.join(work, "plugins")
    os.makedirs(plugin_root)
    write_plugin(plugin_root, a.n_commands)

    bot_async = not (a.sync or a.mode == "direct")
    extra = {
        "BOT_ASYNC": bot_async,
        "BOT_ASYNC_POOLSIZE": 10,
        "BOT_PLUGIN_INDEXES": (),  # never touch the network
        "SUPPRESS_CMD_NOT_FOUND": False,
    }
    logging.getLogger("MARKDOWN").setLevel(logging.ERROR)
    tb = TestBot(extra_plugin_dir=plugin_root, loglevel=logging.WARNING, extra_config=extra)
    t_boot = time.perf_counter()
    tb.start(timeout=10)
    boot_s = time.perf_counter() - t_boot
    bot = tb.bot
    if a.no_render:
        bot.md = types.SimpleNamespace(convert=lambda text: text)
    if a.md_lock:
        import threading

        class _LockedMd:
            def __init__(self, md):
                self._md, self._lock = md, threading.Lock()

            def convert(self, text):
                with self._lock:
                    return self._md.convert(text)

        bot.md = _LockedMd(bot.md)
    n_registered = sum(1 for k in bot.commands if k.startswith("cmd"))
    if n_registered != a.n_commands:
        print(f"ERROR: only {n_registered}/{a.n_commands} bench commands registered", file=sys.stderr)
        return 1

    rng = random.Random(a.seed)
    total = a.warmup + a.m_messages
    msgs, expect = [], []
    for i in range(total):
        k = rng.randrange(a.n_commands)
        msgs.append(f"!cmd{k} arg{i}")
        expect.append(f"ok{k} arg{i}")

    errors = 0
    lat_ns = []

    if a.mode == "seq":
        for i in range(total):
            t0 = time.perf_counter_ns()
            tb.push_message(msgs[i])
            try:
                r = tb.pop_message(timeout=a.timeout)
            except Empty:
                r = None
            t1 = time.perf_counter_ns()
            if r != expect[i]:
                errors += 1
            if i >= a.warmup:
                if i == a.warmup:
                    t_start = t0
                lat_ns.append(t1 - t0)
        t_end = time.perf_counter_ns()
        wall_ns = t_end - t_start

    elif a.mode == "pipelined":
        for i in range(a.warmup):  # sequential warmup
            tb.push_message(msgs[i])
            try:
                if tb.pop_message(timeout=a.timeout) != expect[i]:
                    errors += 1
            except Empty:
                errors += 1
        sent_at, bad = {}, []
        t_start = time.perf_counter_ns()
        for i in range(a.warmup, total):
            sent_at[expect[i]] = time.perf_counter_ns()
            tb.push_message(msgs[i])
        for _ in range(a.m_messages):
            try:
                r = tb.pop_message(timeout=a.timeout)
            except Empty:
                errors += 1
                break
            t1 = time.perf_counter_ns()
            t0 = sent_at.pop(r, None)
            if t0 is None:
                errors += 1
                bad.append(r)
            else:
                lat_ns.append(t1 - t0)
        t_end = time.perf_counter_ns()
        wall_ns = t_end - t_start
        errors += len(sent_at)
        if bad or sent_at:
            print("unexpected replies (first 5):", [x[:120] for x in bad[:5]], file=sys.stderr)
            print("missing replies (first 5):", list(sent_at)[:5], file=sys.stderr)

    else:  # direct
        frm, to = bot.sender, bot.bot_identifier
        q = bot.outgoing_message_queue
        for i in range(total):
            m = Message(msgs[i])
            m.frm, m.to = frm, to
            t0 = time.perf_counter_ns()
            bot.callback_message(m)
            t1 = time.perf_counter_ns()
            try:
                r = q.get_nowait()
            except Empty:
                r = None
            if r != expect[i]:
                errors += 1
            if i >= a.warmup:
                if i == a.warmup:
                    t_start = t0
                lat_ns.append(t1 - t0)
        wall_ns = time.perf_counter_ns() - t_start

    tb.stop()
    shutil.rmtree(work, ignore_errors=True)

    lat_ms = sorted(x / 1e6 for x in lat_ns)
    res = {
        "impl": "errbot",
        "version": VERSION,
        "python": sys.version.split()[0],
        "errbot_path": os.path.dirname(errbot.__file__),
        "mode": a.mode,
        "bot_async": bot_async,
        "n_commands": a.n_commands,
        "m_messages": a.m_messages,
        "warmup": a.warmup,
        "boot_s": round(boot_s, 3),
        "wall_s": round(wall_ns / 1e9, 4),
        "msgs_per_sec": round(len(lat_ms) / (wall_ns / 1e9), 1) if wall_ns else float("nan"),
        "p50_ms": round(pct(lat_ms, 50), 4),
        "p90_ms": round(pct(lat_ms, 90), 4),
        "p99_ms": round(pct(lat_ms, 99), 4),
        "max_ms": round(lat_ms[-1], 4) if lat_ms else float("nan"),
        "mean_ms": round(sum(lat_ms) / len(lat_ms), 4) if lat_ms else float("nan"),
        "md_lock": a.md_lock,
        "no_render": a.no_render,
        "errors": errors,
    }
    print(
        textwrap.dedent(
            f"""\
            errbot {res['version']} (python {res['python']}) mode={a.mode} BOT_ASYNC={bot_async}
            N={a.n_commands} commands, M={a.m_messages} messages (+{a.warmup} warmup), boot {res['boot_s']} s
            messages/sec: {res['msgs_per_sec']}
            latency ms  p50={res['p50_ms']}  p90={res['p90_ms']}  p99={res['p99_ms']}  max={res['max_ms']}  mean={res['mean_ms']}
            errors: {errors}"""
        )
    )
    if a.json:
        print(json.dumps(res))
    return 0 if errors == 0 else 1


# --------------------------------------------------------------------------------------------
# Shared-harness mode: same CLI/workload/JSON as lib/harness.mjs (hubot_dispatch.mjs etc.), so
#   node bench/run_matrix.mjs --only errbot
# works. Triggered when the arguments use --k/--m (instead of the positional N M).
# --------------------------------------------------------------------------------------------


def _harness_args(argv):
    opts = {"k": 100, "m": 20000, "mode": "serial", "seed": 42, "warmup": 0, "dump": 0}
    flags = {"sync": False, "no-md-lock": False, "no-render": False}
    i = 0
    while i < len(argv):
        a = argv[i]
        if not a.startswith("--"):
            raise SystemExit(f"unknown argument: {a}")
        key, eq, val = a[2:].partition("=")
        if key in flags and not eq:
            flags[key] = True
            i += 1
            continue
        if key not in opts:
            raise SystemExit(f"unknown argument: {a}")
        if not eq:
            i += 1
            if i >= len(argv):
                raise SystemExit(f"missing value for --{key}")
            val = argv[i]
        opts[key] = val if key == "mode" else int(val)
        i += 1
    if opts["mode"] not in ("serial", "burst"):
        raise SystemExit(f"--mode must be serial or burst, got {opts['mode']}")
    if not (1 <= opts["k"] <= 2**21) or opts["m"] < 1 or opts["warmup"] < 0:
        raise SystemExit("bad --k/--m/--warmup")
    return opts, flags


def _lcg_messages(K, M, seed):
    state = seed & 0xFFFFFFFF
    texts, expected = [], []
    for i in range(M):
        state = (1664525 * state + 1013904223) & 0xFFFFFFFF
        c = (state * K) >> 32
        expected.append(f"hello {i}")
        texts.append(f"!cmd{c} hello {i}")
    return texts, expected


def _process_start_epoch_ms():
    """Process start time from /proc (10 ms resolution), used when BENCH_T0_EPOCH_MS is unset."""
    try:
        with open("/proc/self/stat") as f:
            start_ticks = int(f.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/stat") as f:
            btime = next(int(line.split()[1]) for line in f if line.startswith("btime"))
        return (btime + start_ticks / os.sysconf("SC_CLK_TCK")) * 1000.0
    except Exception:
        return None


def harness_main(argv):
    import resource
    from queue import Queue

    opts, flags = _harness_args(argv)
    K, M, mode, seed, warmup = opts["k"], opts["m"], opts["mode"], opts["seed"], opts["warmup"]
    if opts["dump"]:
        for t in _lcg_messages(K, opts["dump"], seed)[0]:
            print(t)
        return 0
    t0_epoch = os.environ.get("BENCH_T0_EPOCH_MS")
    t0_epoch = float(t0_epoch) if t0_epoch else _process_start_epoch_ms()

    _ensure_pytest_importable()
    from errbot.backends.test import TestBot
    from errbot.version import VERSION

    work = tempfile.mkdtemp(prefix="errbot_bench_")
    plugin_root = os.path.join(work, "plugins")
    os.makedirs(plugin_root)
    write_plugin(plugin_root, K, echo_only=True, with_hear=True)
    logging.getLogger("MARKDOWN").setLevel(logging.ERROR)
    bot_async = not flags["sync"]
    tb = TestBot(
        extra_plugin_dir=plugin_root,
        loglevel=logging.WARNING,
        extra_config={"BOT_ASYNC": bot_async, "BOT_PLUGIN_INDEXES": ()},
    )
    tb.start(timeout=10)
    bot = tb.bot
    if flags["no-render"]:
        bot.md = types.SimpleNamespace(convert=lambda text: text)
    elif not flags["no-md-lock"]:
        import threading

        md, lock = bot.md, threading.Lock()

        def _locked_convert(text):
            with lock:
                return md.convert(text)

        bot.md = types.SimpleNamespace(convert=_locked_convert)

    class _StampQueue(Queue):
        """Outgoing queue that stamps each reply when the backend emits it (adapter hook)."""

        def put(self, item, block=True, timeout=None):
            super().put((time.perf_counter(), item), block, timeout)

    bot.outgoing_message_queue = _StampQueue()
    startup_ms = (time.time() * 1000.0 - t0_epoch) if t0_epoch else float("nan")
    if sum(1 for c in bot.commands if c.startswith("cmd")) != K:
        print("[errbot] not all bench commands registered", file=sys.stderr)
        return 1
    timeout = float(os.environ.get("BENCH_TIMEOUT_MS", 600000)) / 1000.0

    def run_pass(texts):
        n = len(texts)
        t_send, got, t_reply, extra = [0.0] * n, [None] * n, [0.0] * n, []

        def take():
            tr, text = tb.pop_message(timeout=timeout)
            try:
                i = int(str(text).rsplit(" ", 1)[1])
            except Exception:
                i = -1
            if not 0 <= i < n or got[i] is not None:
                extra.append(text)
            else:
                got[i], t_reply[i] = text, tr

        if mode == "serial":
            t0 = time.perf_counter()
            for i in range(n):
                t_send[i] = time.perf_counter()
                tb.push_message(texts[i])
                take()
        else:
            t0 = time.perf_counter()
            for i in range(n):
                t_send[i] = time.perf_counter()
                tb.push_message(texts[i])
            for _ in range(n):
                take()
        t1 = time.perf_counter()
        return t_send, got, t_reply, extra, t1 - t0

    def verify(got, expected, extra):
        bad = [(i, g) for i, (g, e) in enumerate(zip(got, expected)) if g != e]
        if bad or extra:
            print(
                f"[errbot] reply verification failed ({len(bad)} wrong/missing, {len(extra)} extra): "
                f"{bad[:5]} {extra[:5]}",
                file=sys.stderr,
            )
            return False
        return True

    try:
        if warmup:
            wt, we = _lcg_messages(K, warmup, seed + 1)
            _, got, _, extra, _ = run_pass(wt)
            if not verify(got, we, extra):
                return 1
        texts, expected = _lcg_messages(K, M, seed)
        cpu0 = time.process_time()
        t_send, got, t_reply, extra, elapsed = run_pass(texts)
        cpu = time.process_time() - cpu0
    except Empty:
        print("[errbot] timeout waiting for replies", file=sys.stderr)
        return 1
    ok = verify(got, expected, extra)
    tb.stop()
    shutil.rmtree(work, ignore_errors=True)
    if not ok:
        return 1
    lat = sorted((t_reply[i] - t_send[i]) * 1000.0 for i in range(M))
    nearest = lambda p: lat[max(0, math.ceil(p * M) - 1)]  # noqa: E731
    out = {
        "framework": "errbot",
        "version": VERSION,
        "K": K,
        "M": M,
        "mode": mode,
        "msgs_per_sec": round(M / elapsed, 1),
        "p50_ms": round(nearest(0.50), 4),
        "p99_ms": round(nearest(0.99), 4),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "startup_ms": round(startup_ms, 1),
        "seed": seed,
        "warmup": warmup,
        "elapsed_ms": round(elapsed * 1000, 1),
        "cpu_ms": round(cpu * 1000, 1),
        "runtime": "python " + sys.version.split()[0],
        "bot_async": bot_async,
        "md_lock": not (flags["no-md-lock"] or flags["no-render"]),
        "no_render": flags["no-render"],
        "hear": "botmatch (errbot evaluates regex listeners only when no plain command matched)",
    }
    sys.stdout.write(json.dumps(out) + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    if any(a == "--k" or a.startswith("--k=") or a == "--m" or a.startswith("--m=") or a == "--dump"
           or a.startswith("--dump=") for a in sys.argv[1:]):
        sys.exit(harness_main(sys.argv[1:]))
    sys.exit(main())
