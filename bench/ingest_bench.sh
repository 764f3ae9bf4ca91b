#!/usr/bin/env bash
# The whole ingest a user runs, against SQLite FTS5, on the same documents in one run
# (docs/BENCHMARKS.md, "Ingest"): baomoi + vnds (58k articles) from ../shared.
#   1. SQLite FTS5 on disk: a file database, `fts5(id UNINDEXED, body, tokenize='unicode61
#      remove_diacritics 2')`, the title, lead and body of every article inserted in one
#      transaction (the JSONL read by Python's json, as bantin reads it).
#   2. bantin store + index alone: `bantin ingest --no-extract --no-stories`.
#   3. bantin's full ingest: store, index, entities, dates, events, near-duplicates, stories.
# Prints seconds, articles/s, peak RSS and the ratios. Usage: bench/ingest_bench.sh [BUILD_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
bantin=$build/src/cli/bantin
corpus=${BANTIN_SHARED:-$root/../shared}/data/corpus
inputs=("$corpus/baomoi.jsonl.zst" "$corpus/vnds.jsonl.zst")
for f in "${inputs[@]}"; do [ -f "$f" ] || { echo "ingest_bench: $f not found (needs ../shared)" >&2; exit 2; }; done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Runs a command, printing "seconds peak_kb" of it.
measure() { /usr/bin/time -f "%e %M" -o "$tmp/time" "$@" > /dev/null 2> "$tmp/err" || { cat "$tmp/err" >&2; exit 1; }; cat "$tmp/time"; }

zstdcat "${inputs[@]}" > "$tmp/all.jsonl"
articles=$(wc -l < "$tmp/all.jsonl")
cat > "$tmp/fts5.py" <<'PY'
import json, sqlite3, sys
con = sqlite3.connect(sys.argv[2])
con.execute("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, body, tokenize='unicode61 remove_diacritics 2')")
with open(sys.argv[1], encoding="utf-8") as f, con:
    for line in f:
        a = json.loads(line)
        con.execute("INSERT INTO docs VALUES (?, ?)",
                    (a.get("id"), "\n".join(a.get(k) or "" for k in ("title", "lead", "body"))))
con.close()
PY
read -r fts_s fts_kb <<< "$(measure python3 "$tmp/fts5.py" "$tmp/all.jsonl" "$tmp/fts5.db")"
read -r index_s index_kb <<< "$(measure "$bantin" ingest --quiet --no-extract --no-stories --db "$tmp/index" "${inputs[@]}")"
read -r full_s full_kb <<< "$(measure "$bantin" ingest --quiet --db "$tmp/full" "${inputs[@]}")"
rate() { echo "scale=0; $articles / $1" | bc; }
ratio() { echo "scale=2; $1 / $2" | bc; }
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(date -u +%Y-%m-%d)"
echo "documents: $articles lines of baomoi + vnds"
printf '%-34s %8s s %7s articles/s %6s MB peak\n' "SQLite FTS5 (build)" "$fts_s" "$(rate "$fts_s")" "$((fts_kb / 1024))"
printf '%-34s %8s s %7s articles/s %6s MB peak\n' "bantin store + index" "$index_s" "$(rate "$index_s")" "$((index_kb / 1024))"
printf '%-34s %8s s %7s articles/s %6s MB peak\n' "bantin full ingest" "$full_s" "$(rate "$full_s")" "$((full_kb / 1024))"
echo "store + index vs FTS5: $(ratio "$fts_s" "$index_s")x (speed, >1 is faster)"
echo "full ingest vs FTS5: $(ratio "$fts_s" "$full_s")x"
