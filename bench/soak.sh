#!/usr/bin/env bash
# Soak (issue 17; not in `make test`): KILLS rounds, each SIGKILLing either a `bantin ingest` or a
# `bantin serve` in the middle of a POST while searches run against it; then the folder must pass
# `check`, hold every article a 201 answered for (and every input article once the last ingest
# finishes) exactly once, and thread into exactly the stories of a clean ingest of the same input.
# Usage: bench/soak.sh [KILLS=1000] [ARTICLES=5000] [BUILD_DIR]   (needs ../shared; ~25 min)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
kills=${1:-1000}
articles=${2:-5000}
build=${3:-$root/build}
corpus=${BANTIN_SHARED:-$root/../shared}/data/corpus/baomoi.jsonl.zst
[ -f "$corpus" ] || { echo "soak: $corpus not found (needs ../shared)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'pkill -KILL -f "serve --db $tmp/" 2>/dev/null || true; rm -rf "$tmp"' EXIT
(zstdcat "$corpus" || true) | head -n "$articles" > "$tmp/input.jsonl"  # zstdcat stops at the pipe
exec python3 - "$build/src/cli/bantin" "$tmp" "$kills" <<'PY'
import json, os, random, signal, socket, sqlite3, subprocess, sys, threading, time, urllib.request

bantin, tmp, kills = sys.argv[1], sys.argv[2], int(sys.argv[3])
db = f"{tmp}/soak"
lines = open(f"{tmp}/input.jsonl", encoding="utf-8").read().splitlines()
ids = [json.loads(l)["id"] for l in lines]
chunk = 10  # a POST's articles and an ingest's batch: both one transaction
rng = random.Random(20261201)
acked = set()  # ids a 201 answered for: committed, must be there

def stored_count():
    if not os.path.exists(f"{db}/bantin.db"):
        return 0
    c = sqlite3.connect(f"file:{db}/bantin.db?mode=ro", uri=True, timeout=30)
    try:
        return c.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        c.close()

def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p

def searches(port, stop, errors):
    while not stop.is_set():
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/search?q=ha%20noi", timeout=5).read()
        except Exception:
            pass  # the server may be dying: that is the point
        time.sleep(0.01)

kinds = {"ingest": 0, "serve": 0}
started = time.time()
for round_ in range(kills):
    # Once every article is stored, rounds go on: the kills then strike extraction and threading
    # catching up, and POSTs of articles already stored.
    if round_ % 2 == 0:
        # An ingest of the rest (stored articles are skipped), killed at a random moment.
        p = subprocess.Popen([bantin, "ingest", "--quiet", "--batch", str(chunk), "--db", db, f"{tmp}/input.jsonl"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.05, 0.8))
        p.send_signal(signal.SIGKILL); p.wait()
        kinds["ingest"] += 1
        continue
    # A server taking POSTs of the next chunks, with searches, killed mid-POST.
    if not os.path.exists(f"{db}/bantin.db"):
        subprocess.run([bantin, "ingest", "--quiet", "--db", db, "/dev/null"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.makedirs(db, exist_ok=True)
    port = free_port()
    srv = subprocess.Popen([bantin, "serve", "--db", db, "--port", str(port), "--write-token", "t"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=1).read(); break
        except Exception:
            time.sleep(0.05)
    stop, errors = threading.Event(), []
    t = threading.Thread(target=searches, args=(port, stop, errors)); t.start()
    deadline = time.time() + rng.uniform(1.0, 6.0)  # the first POST opens the pipeline (seconds)
    at = stored_count() // chunk * chunk
    if at >= len(lines):
        at = rng.randrange(0, len(lines) // chunk) * chunk
    def post_loop():
        global at
        while time.time() < deadline + 5:
            body = "\n".join(lines[at:at + chunk]).encode()
            if not body:
                return
            req = urllib.request.Request(f"http://127.0.0.1:{port}/api/articles", data=body, method="POST",
                                         headers={"Authorization": "Bearer t", "Content-Type": "application/x-ndjson"})
            try:
                r = urllib.request.urlopen(req, timeout=60)
                if r.status == 201:
                    acked.update(ids[at:at + chunk]); at += chunk
            except Exception:
                return
    poster = threading.Thread(target=post_loop); poster.start()
    time.sleep(max(0, deadline - time.time()))
    srv.send_signal(signal.SIGKILL); srv.wait()
    poster.join(); stop.set(); t.join()
    kinds["serve"] += 1

# What was answered 201 is there; then one ingest finishes the rest.
def stored_ids(path):
    c = sqlite3.connect(f"file:{path}/bantin.db?mode=ro", uri=True)
    try:
        return [r[0] for r in c.execute("SELECT id FROM articles ORDER BY doc")]
    finally:
        c.close()
have = stored_ids(db)
lost = acked - set(have)
subprocess.run([bantin, "ingest", "--quiet", "--batch", str(chunk), "--db", db, f"{tmp}/input.jsonl"], check=True,
               stdout=subprocess.DEVNULL)
check = subprocess.run([bantin, "check", "--db", db], capture_output=True, text=True)
subprocess.run([bantin, "ingest", "--quiet", "--batch", str(chunk), "--db", f"{tmp}/clean", f"{tmp}/input.jsonl"], check=True,
               stdout=subprocess.DEVNULL)

def threading_of(path):
    c = sqlite3.connect(f"file:{path}/bantin.db?mode=ro", uri=True)
    try:
        rows = c.execute("SELECT a.id, s.story, d.id FROM story_docs s JOIN articles a ON a.doc = s.doc "
                         "LEFT JOIN articles d ON d.doc = s.duplicate_of ORDER BY s.doc").fetchall()
    finally:
        c.close()
    first = {}
    for aid, story, _ in rows:
        first.setdefault(story, aid)
    return {aid: (first[story], dup) for aid, story, dup in rows}

final, clean = stored_ids(db), stored_ids(f"{tmp}/clean")
same_stories = threading_of(db) == threading_of(f"{tmp}/clean")
print(f"rounds: {kinds['ingest']} ingests and {kinds['serve']} servers SIGKILLed in {time.time() - started:.0f} s; "
      f"{len(acked)} articles answered 201")
print(f"committed and lost: {len(lost)}; stored {len(final)} of {len(lines)} lines ({len(clean)} in a clean ingest: "
      f"{len(lines) - len(clean)} repeat another's content), {len(final) - len(set(final))} twice, "
      f"in the clean order: {'yes' if final == clean else 'NO'}")
print(f"check: {'ok' if check.returncode == 0 else 'FAILED: ' + check.stderr.strip()[:500]}")
print(f"stories equal to a clean ingest: {'yes' if same_stories else 'NO'}")
ok = not lost and final == clean and check.returncode == 0 and same_stories
sys.exit(0 if ok else 1)
PY
