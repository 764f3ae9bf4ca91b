#!/usr/bin/env bash
# HTTP load (issue 7): wrk at 64 connections on /api/search over the baomoi index, first alone,
# then while POST /api/articles ingests vnds articles (batches of 200) for the whole run; then
# checks that every posted article is stored exactly once and `bantin check` passes.
# Usage: bench/http_load.sh [BANTIN] [SECONDS]   (needs ../shared, wrk)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bantin=${1:-$root/build/src/cli/bantin}
secs=${2:-30}
shared=${BANTIN_SHARED:-$root/../shared}/data
work=$(mktemp -d /tmp/bantin-http-XXXX)
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
zstd -dc "$shared/corpus/baomoi.jsonl.zst" > "$work/baomoi.jsonl"
zstd -dc "$shared/corpus/vnds.jsonl.zst" > "$work/vnds-all.jsonl"
head -n 20000 "$work/vnds-all.jsonl" > "$work/vnds.jsonl"
# Queries: the vmds story names, typed and folded, URL-encoded.
python3 - "$shared/stories/vmds-dev.jsonl" > "$work/queries.txt" <<'PY'
import json, sys, unicodedata, urllib.parse
names = sorted({json.loads(l)["story_name"] for l in open(sys.argv[1])})
def fold(s):
    s = unicodedata.normalize("NFD", s.lower().replace("đ", "d"))
    return "".join(c for c in s if unicodedata.category(c) != "Mn")
for n in names:
    print(urllib.parse.quote(n)); print(urllib.parse.quote(fold(n)))
PY
echo "ingesting baomoi ($(wc -l < "$work/baomoi.jsonl") articles) ..." >&2
"$bantin" ingest --quiet --db "$work/db" "$work/baomoi.jsonl" > /dev/null
before=$("$bantin" check --db "$work/db" | sed 's/.*(\([0-9]*\) articles.*/\1/')
"$bantin" serve --db "$work/db" --port 18090 --write-token bench --web "" --threads "${BANTIN_THREADS:-8}" 2> "$work/serve.log" &
server=$!
sleep 1
export BANTIN_QUERIES="$work/queries.txt"
echo "== searches alone"
wrk -t2 -c64 -d"${secs}s" --timeout 10s -s "$root/bench/http_search.lua" http://127.0.0.1:18090 | grep RESULT
# Ingest while searching: batches of 200 vnds articles, one POST after another.
(
  split -l 200 -d -a 4 "$work/vnds.jsonl" "$work/batch-"
  posted=0; failed=0
  for f in "$work"/batch-*; do
    code=$(curl -s -o "$work/post.json" -w '%{http_code}' -X POST -H "Authorization: Bearer bench" \
      -H 'Content-Type: application/x-ndjson' --data-binary @"$f" http://127.0.0.1:18090/api/articles)
    if [ "$code" = 201 ]; then posted=$((posted + $(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["added"])' "$work/post.json")));
    else failed=$((failed + 1)); fi
    [ -e "$work/stop" ] && break
  done
  echo "$posted $failed" > "$work/posted"
) &
poster=$!
echo "== searches while POST /api/articles ingests"
wrk -t2 -c64 -d"${secs}s" --timeout 10s -s "$root/bench/http_search.lua" http://127.0.0.1:18090 | grep RESULT
touch "$work/stop"
wait $poster
read -r posted failed < "$work/posted"
kill $server; wait $server 2>/dev/null || true
after=$("$bantin" check --db "$work/db" | sed 's/.*(\([0-9]*\) articles.*/\1/')
echo "posted: $posted articles added in 201 answers, $failed failed POSTs; store: $before -> $after articles"
[ "$after" -eq $((before + posted)) ] && [ "$failed" -eq 0 ] && echo "no lost articles, bantin check passes"
