#!/usr/bin/env python3
"""A user's check of `workbench infer` from the outside: several processes at once, kill -9, a 20 s outage.

Runs against a local cloud it starts (`./workbench local`), with a model served through the command-image contract
whose answer is a function of the row (so a moved or foreign row is caught), on a sync and an async endpoint.
Every process runs under `timeout`; every output it writes is checked row by row against its input.

    python3 reliability/cli-soak.py [--reps 5] [--rows 1500] [--port 4599]

Prints one line per round and a summary: processes, repetitions, rows checked, rows lost, rows misaligned or wrong,
hangs (a process stopped by `timeout`), and kills or outages that came too late to hit a running process. Exits 1
if any of those is not 0.
"""
import argparse
import csv
import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORKBENCH = os.path.join(ROOT, "workbench")

# The model: echoes the input columns and adds `tag`, a digest of the row's id, after a short sleep per row.
MODEL = r'''
import csv, hashlib, io, os, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
DELAY = float(os.environ.get("MS_PER_ROW", "2")) / 1000
class H(BaseHTTPRequestHandler):
    def log_message(self, *a): pass
    def do_GET(self):
        self.send_response(200); self.send_header("Content-Length", "0"); self.end_headers()
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
        rows = list(csv.reader(io.StringIO(body)))
        time.sleep(DELAY * (len(rows) - 1))
        buf = io.StringIO(); w = csv.writer(buf, lineterminator="\n")
        w.writerow(rows[0] + ["tag"])
        for r in rows[1:]:
            w.writerow(r + [hashlib.sha1(r[0].encode()).hexdigest()[:12]])
        b = buf.getvalue().encode()
        self.send_response(200); self.send_header("Content-Type", "text/csv")
        self.send_header("Content-Length", str(len(b))); self.end_headers(); self.wfile.write(b)
ThreadingHTTPServer(("127.0.0.1", int(os.environ["SAGEMAKER_BIND_TO_PORT"])), H).serve_forever()
'''


def tag(row_id):
    return hashlib.sha1(row_id.encode()).hexdigest()[:12]


class Soak:
    def __init__(self, args, work):
        self.args = args
        self.work = work
        self.url = "http://127.0.0.1:%d" % args.port
        self.env = dict(os.environ, WORKBENCH_ENDPOINT_URL=self.url, AWS_ACCESS_KEY_ID="test",
                        AWS_SECRET_ACCESS_KEY="test", AWS_REGION="us-east-1")
        self.cloud = None
        self.totals = dict(processes=0, rows=0, lost=0, wrong=0, hangs=0, killed=0, missed=0, exits={})

    # ----- the local cloud
    def start_cloud(self):
        log = open(os.path.join(self.work, "cloud.log"), "a")
        self.cloud = subprocess.Popen([WORKBENCH, "local", "--port", str(self.args.port), "--data-dir",
                                       os.path.join(self.work, "cloud")], stdout=log, stderr=log,
                                      env=self.env, start_new_session=True)
        for _ in range(240):
            try:
                urllib.request.urlopen(self.url + "/", timeout=1)
                return
            except urllib.error.HTTPError:
                return  # it answers (an unsigned request is refused): it is up
            except OSError:
                time.sleep(0.5)
        raise SystemExit("the local cloud did not start; see " + log.name)

    def stop_cloud(self):
        if self.cloud is not None:
            os.killpg(self.cloud.pid, signal.SIGKILL)
            self.cloud.wait()
            self.cloud = None

    def cli(self, *argv, check=True):
        r = subprocess.run([WORKBENCH, *argv], env=self.env, capture_output=True, text=True)
        if check and r.returncode != 0:
            raise SystemExit("workbench %s failed (%d):\n%s%s" % (" ".join(argv), r.returncode, r.stdout, r.stderr))
        return r

    def deploy(self):
        server = os.path.join(self.work, "tagger.py")
        with open(server, "w") as f:
            f.write(MODEL)
        self.cli("register-model", "tagger", "--image", "python3 " + server, "--env", "MS_PER_ROW=%d" % self.args.ms_per_row)
        self.cli("deploy", "tagger", "--name", "soak-sync")
        self.cli("deploy", "tagger", "--name", "soak-async", "--async", "--max-instances", "2")

    # ----- inputs and checks
    def write_input(self, name, first, count):
        path = os.path.join(self.work, name)
        with open(path, "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["id", "smiles", "n"])
            for i in range(first, first + count):
                w.writerow(["m%06d" % i, "C" * (1 + i % 7) + "O", str(i)])
        return path

    def check(self, inp, out):
        """Rows lost and rows wrong (moved, foreign, a bad tag, an error) in one output."""
        with open(inp, newline="") as f:
            want = list(csv.DictReader(f))
        if not os.path.exists(out):
            return len(want), 0
        with open(out, newline="") as f:
            got = list(csv.DictReader(f))
        lost = max(0, len(want) - len(got))
        wrong = max(0, len(got) - len(want))
        for w, g in zip(want, got):
            if (g.get("id") != w["id"] or g.get("smiles") != w["smiles"] or g.get("n") != w["n"]
                    or g.get("tag") != tag(w["id"]) or g.get("inference_error")):
                wrong += 1
        return lost, wrong

    def infer(self, endpoint, inp, out, data_dir):
        argv = ["timeout", str(self.args.bound), WORKBENCH, "infer", endpoint, "--input", inp, "--output", out,
                "--data-dir", data_dir, "--progress", "none", "--batch-size", "25"]
        log = open(out + ".log", "w")
        return subprocess.Popen(argv, env=self.env, stdout=log, stderr=log, start_new_session=True)

    def round(self, label, endpoint, jobs, kill=None, outage=None):
        """Starts the jobs (input, output, data dir) together, optionally kills one or stops the cloud, checks."""
        procs = [(inp, out, d, self.infer(endpoint, inp, out, d)) for inp, out, d in jobs]
        killed = None
        if kill is not None:
            time.sleep(kill)
            killed = random.randrange(len(procs))
            if procs[killed][3].poll() is not None:
                self.totals["missed"] += 1  # it had finished: the kill tested nothing
            os.killpg(procs[killed][3].pid, signal.SIGKILL)
        running = None
        if outage is not None:
            time.sleep(outage[0])
            running = sum(1 for *_, p in procs if p.poll() is None)
            self.totals["missed"] += 1 if running == 0 else 0
            self.stop_cloud()
            time.sleep(outage[1])
            self.start_cloud()
        lost = wrong = hangs = 0
        for i, (inp, out, d, p) in enumerate(procs):
            rc = p.wait()
            if i == killed:
                # The user re-runs the killed command: it resumes from the journal and must be complete.
                rc = self.infer(endpoint, inp, out, d).wait()
            self.totals["exits"][rc] = self.totals["exits"].get(rc, 0) + 1
            if rc == 124:
                hangs += 1
            l, w = self.check(inp, out)
            lost, wrong = lost + l, wrong + w
            if l or w or rc != 0:
                print("    %s: exit %d, %d lost, %d wrong; see %s.log" % (out, rc, l, w, out))
            self.totals["rows"] += sum(1 for _ in open(inp)) - 1
        self.totals["processes"] += len(procs) + (1 if killed is not None else 0)
        self.totals["killed"] += 1 if killed is not None else 0
        self.totals["lost"] += lost
        self.totals["wrong"] += wrong
        self.totals["hangs"] += hangs
        what = ""
        if killed is not None:
            what = ", one killed with kill -9 and re-run"
        if running is not None:
            what = ", %d running when the cloud stopped" % running
        print("  %-40s %d processes%s: lost %d, wrong %d, hangs %d" % (label, len(procs), what, lost, wrong, hangs))
        sys.stdout.flush()

    def run(self):
        self.start_cloud()
        try:
            self.deploy()
            n = self.args.rows
            a = self.write_input("a.csv", 0, n)
            b = self.write_input("b.csv", n // 2, n)  # overlaps the second half of a.csv
            shared = os.path.join(self.work, "client")  # one machine: one journal
            for rep in range(1, self.args.reps + 1):
                print("repetition %d of %d" % (rep, self.args.reps))
                for ep in ("soak-sync", "soak-async"):
                    o = os.path.join(self.work, "r%d-%s" % (rep, ep))
                    self.round(ep + ": same file", ep, [(a, o + "-same%d.csv" % k, shared) for k in range(3)])
                    self.round(ep + ": overlapping files", ep,
                               [(a, o + "-ovA.csv", shared), (b, o + "-ovB.csv", shared),
                                (a, o + "-ovA2.csv", os.path.join(self.work, "other-machine"))])
                    self.round(ep + ": kill -9", ep, [(a, o + "-k%d.csv" % k, shared) for k in range(3)],
                               kill=random.uniform(2, 5))
                    if rep == 1:
                        self.round(ep + ": local cloud down 20 s", ep,
                                   [(a, o + "-out%d.csv" % k, shared) for k in range(2)], outage=(4, 20))
        finally:
            self.stop_cloud()
        t = self.totals
        print("summary: %d processes, %d repetitions, %d rows checked, %d processes killed and re-run; rows lost %d, "
              "rows misaligned or wrong %d, hangs %d; exit codes %s; kills or outages that found nothing running %d" % (
                  t["processes"], self.args.reps, t["rows"], t["killed"], t["lost"], t["wrong"], t["hangs"],
                  dict(sorted(t["exits"].items())), t["missed"]))
        return 0 if t["lost"] == t["wrong"] == t["hangs"] == t["missed"] == 0 else 1


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--reps", type=int, default=5)
    p.add_argument("--rows", type=int, default=1500)
    p.add_argument("--port", type=int, default=4599)
    p.add_argument("--ms-per-row", type=int, default=10, help="the model's time per row")
    p.add_argument("--bound", type=int, default=300, help="seconds each process may take (timeout)")
    p.add_argument("--seed", type=int, default=None)
    p.add_argument("--keep", action="store_true", help="keep the work directory")
    args = p.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    random.seed(seed)
    print("cli-soak: seed %d (replay: --seed %d)" % (seed, seed))
    work = tempfile.mkdtemp(prefix="cli-soak-")
    try:
        sys.exit(Soak(args, work).run())
    finally:
        if args.keep:
            print("work directory: " + work)
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
