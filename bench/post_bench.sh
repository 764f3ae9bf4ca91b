#!/usr/bin/env bash
# What one POST /api/articles costs on a data folder of any size (docs/BENCHMARKS.md, "Ingest"):
# copies the folder (the original is left as it was), serves the copy, and POSTs N one-article
# bodies one after another (new ids; text from data/sample), timing each with curl. Prints the
# first POST (it opens the pipeline: threading state loaded once), then the median and the
# slowest of the rest. Usage: bench/post_bench.sh DATA_DIR [N=20] [BUILD_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
src=${1:?usage: post_bench.sh DATA_DIR [N] [BUILD_DIR]}
n=${2:-20}
build=${3:-$root/build}
bantin=$build/src/cli/bantin
tmp=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
cp -r "$src" "$tmp/db"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$bantin" serve --db "$tmp/db" --port "$port" --write-token t > "$tmp/serve.log" 2>&1 &
pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/api/stats" > /dev/null && break; sleep 0.1; done
samples=("$root"/data/sample/*.txt)
for i in $(seq "$n"); do
  file=${samples[$(( (i - 1) % ${#samples[@]} ))]}
  python3 - "$file" "post-bench-$i-$$" > "$tmp/body.json" <<'PY'
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n", 1)
title = lines[0][16:] if lines[0].startswith("date ") else lines[0]
# A word of its own, so that no POST is a duplicate of another by content.
print(json.dumps({"id": sys.argv[2], "title": title, "body": lines[1] + "\n" + sys.argv[2]}, ensure_ascii=False))
PY
  curl -s -o "$tmp/answer" -w '%{http_code} %{time_total}\n' -H 'Authorization: Bearer t' \
    -H 'Content-Type: application/json' --data-binary @"$tmp/body.json" "http://127.0.0.1:$port/api/articles" >> "$tmp/times"
done
grep -qv '^201 ' "$tmp/times" && { echo "post_bench: a POST failed:" >&2; grep -v '^201 ' "$tmp/times" >&2; cat "$tmp/answer" >&2; exit 1; }
python3 - "$tmp/times" "$tmp/db/bantin.db" <<'PY'
import sqlite3, statistics, sys
t = [float(line.split()[1]) for line in open(sys.argv[1])]
n = sqlite3.connect(sys.argv[2]).execute("SELECT count(*) FROM articles").fetchone()[0]
print(f"folder of {n} articles after the POSTs; first POST {t[0]:.3f} s")
if len(t) > 1:
    print(f"next {len(t) - 1} POSTs: median {statistics.median(t[1:]):.3f} s, slowest {max(t[1:]):.3f} s")
PY
