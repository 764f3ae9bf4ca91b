#!/usr/bin/env python3
"""The scale benchmark (issue 16): an archive of N articles (make_archive.py) ingested with the
full pipeline by `bantin ingest`, then: ingest time and articles/s, peak RSS, the data folder's
size (store and index), `bantin check` time, and search p50/p99 for 200 fixed queries (the
vmds story names typed and folded, phrases, date-filtered, entity-filtered) at 1, 8 and 64
concurrent clients through `bantin serve` (wrk). Prints a Markdown table.
Usage (repository root, after make): python3 bench/scale/run.py N [SECONDS=20] [--queries-only]
--queries-only: keep the folder of an earlier run (its ingest figures are in ingest.json) and
measure the queries again (after a change to search, say; `bantin check` is not run again).
--db DIR: measure the queries (and the server's memory) on the data folder DIR as it is, made
by any means (an ingest with --no-extract, another binary's reindex); nothing is ingested or
checked, N is only printed."""
import json
import os
import resource
import shutil
import subprocess
import sys
import threading
import time
import unicodedata
import urllib.parse

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
cli = os.environ.get("BANTIN", os.path.join(root, "build", "src", "cli", "bantin"))  # another binary: BANTIN=path
work = "/tmp/bantin-scale"


def fold(s):
    s = unicodedata.normalize("NFD", s.lower().replace("đ", "d"))
    return "".join(c for c in s if unicodedata.category(c) != "Mn")


def queries():
    names = sorted({json.loads(l)["story_name"] for l in
                    open(os.path.join(root, "..", "shared", "data", "stories", "vmds-dev.jsonl"), encoding="utf-8")})
    q = []
    for n in names:  # 160: typed, and without diacritics
        q += [urllib.parse.quote(n), urllib.parse.quote(fold(n))]
    for n in names[:20]:  # 20 phrases: a name's first two words
        q.append(urllib.parse.quote('"' + " ".join(n.split()[:2]) + '"'))
    for i, n in enumerate(names[20:30]):  # 10 within one year
        q.append(urllib.parse.quote(n) + f"&from={2012 + i}-01-01&to={2012 + i}-12-31")
    for e, w in [("Mỹ", "kinh tế"), ("Hà Nội", "giao thông"), ("Trung Quốc", "biển"), ("Nga", "Ukraine"),
                 ("TP.HCM", "ngập"), ("Việt Nam", "xuất khẩu"), ("Nhật Bản", "đầu tư"), ("Hàn Quốc", "du lịch"),
                 ("EU", "thương mại"), ("Liên Hợp Quốc", "hòa bình")]:  # 10 naming an entity
        q.append(urllib.parse.quote(f'{w} entity:"{e}"'))
    assert len(q) == 200
    return q


def du(path):
    total = 0
    for dirpath, _, files in os.walk(path):
        for f in files:
            total += os.path.getsize(os.path.join(dirpath, f))
    return total


def ingest(n, archive, db):
    """Runs the ingest; its figures, also kept in ingest.json."""
    subprocess.run([sys.executable, os.path.join(root, "bench", "scale", "make_archive.py"), str(n), archive], check=True)
    wal = os.path.join(db, "bantin.db-wal")
    peak_wal = [0]
    done = threading.Event()

    def watch_wal():  # the write-ahead log's largest size, sampled every second
        while not done.wait(1):
            if os.path.exists(wal):
                peak_wal[0] = max(peak_wal[0], os.path.getsize(wal))

    watcher = threading.Thread(target=watch_wal)
    watcher.start()
    t = time.monotonic()
    with open(os.path.join(work, "ingest.log"), "w") as log:  # its progress, to follow a long run
        run = subprocess.run([cli, "ingest", "--db", db, archive], stdout=subprocess.PIPE, stderr=log, text=True)
    done.set()
    watcher.join()
    assert run.returncode in (0, 1), f"ingest failed: {work}/ingest.log"
    figures = {"seconds": time.monotonic() - t, "rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
               "peak_wal_mb": peak_wal[0] / 2**20, "summary": run.stdout.strip().splitlines()[-1] if run.stdout.strip() else ""}
    with open(os.path.join(work, "ingest.json"), "w") as f:
        json.dump(figures, f)
    return figures


def main():
    n = int(sys.argv[1])
    secs = int(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[2].isdigit() else 20
    archive, db = os.path.join(work, "archive"), os.path.join(work, "db")
    given = "--db" in sys.argv
    if given:
        db = sys.argv[sys.argv.index("--db") + 1]
        figures = {"seconds": float("nan"), "rss_mb": float("nan"), "peak_wal_mb": float("nan"), "summary": ""}
    elif "--queries-only" in sys.argv:
        with open(os.path.join(work, "ingest.json")) as f:
            figures = json.load(f)
    else:
        shutil.rmtree(work, ignore_errors=True)
        os.makedirs(work)
        figures = ingest(n, archive, db)
    ingest_s, rss_mb = figures["seconds"], figures["rss_mb"]
    t = time.monotonic()
    if "--queries-only" in sys.argv or given:
        check_s, check_rc = float("nan"), "not run"
    else:
        check = subprocess.run([cli, "check", "--db", db], capture_output=True, text=True)
        check_s, check_rc = time.monotonic() - t, check.returncode
        with open(os.path.join(work, "check.txt"), "w") as f:  # what it found, if anything
            f.write(check.stdout + check.stderr)
    store = sum(os.path.getsize(os.path.join(db, f)) for f in os.listdir(db) if f.startswith("bantin.db"))
    index = du(os.path.join(db, "index"))
    os.makedirs(work, exist_ok=True)
    qfile = os.path.join(work, "queries.txt")
    with open(qfile, "w") as f:
        f.write("\n".join(queries()) + "\n")
    server = subprocess.Popen([cli, "serve", "--db", db, "--port", "18095", "--web", "", "--threads", "8"],
                              stderr=subprocess.DEVNULL)
    time.sleep(2)
    env = dict(os.environ, BANTIN_QUERIES=qfile)
    lat = {}
    try:
        for c in (1, 8, 64):
            out = subprocess.run(["wrk", f"-t{min(c, 2)}", f"-c{c}", f"-d{secs}s", "--timeout", "30s", "-s",
                                  os.path.join(root, "bench", "http_search.lua"), "http://127.0.0.1:18095"],
                                 capture_output=True, text=True, env=env).stdout
            line = [l for l in out.splitlines() if l.startswith("RESULT")][0]
            lat[c] = dict(kv.split("=") for kv in line.split()[1:])
        with open(f"/proc/{server.pid}/status") as f:  # the server's memory after the load
            status = dict(l.split(":", 1) for l in f if ":" in l)
        serve_mem = {k: int(status[k].split()[0]) / 1024 for k in ("VmRSS", "RssAnon", "RssFile")}
    finally:
        server.terminate()
        server.wait()
    print(figures["summary"] or "(ingest printed nothing)")
    print(f"| articles | ingest | articles/s | peak RSS | largest WAL | store | index | check |")
    print(f"| --- | --- | --- | --- | --- | --- | --- | --- |")
    print(f"| {n:,} | {ingest_s / 60:.1f} min | {n / ingest_s:.0f} | {rss_mb:.0f} MB | {figures['peak_wal_mb']:.0f} MB | "
          f"{store / 2**30:.2f} GiB | {index / 2**30:.2f} GiB | {check_s:.0f} s (exit {check_rc}) |")
    print()
    print(f"`bantin serve` after the load: RSS {serve_mem['VmRSS']:.0f} MB, of which {serve_mem['RssAnon']:.0f} MB "
          f"its own memory and {serve_mem['RssFile']:.0f} MB mapped index pages (page cache)")
    print()
    print("| clients | requests/s | p50 ms | p99 ms | errors |")
    print("| --- | --- | --- | --- | --- |")
    for c, r in lat.items():
        print(f"| {c} | {float(r['rps']):.0f} | {float(r['p50_ms']):.1f} | {float(r['p99_ms']):.1f} | {r['errors']} |")


if __name__ == "__main__":
    main()
