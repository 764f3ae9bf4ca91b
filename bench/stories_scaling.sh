#!/usr/bin/env bash
# Threading cost against archive size (issue 6): baomoi and vnds interleaved line by line (so
# every prefix has the same mix of the two sources), cut to N articles, ingested
# without stories (store, index, extraction), then threaded from scratch with
# `bantin stories --rebuild`, timed with its own breakdown and peak RSS.
# Usage: bench/stories_scaling.sh [BANTIN] [SIZES...]   (default sizes: 10000 30000 58082)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bantin=${1:-$root/build/src/cli/bantin}
shift || true
sizes=${*:-10000 30000 58082}
corpus=${BANTIN_SHARED:-$root/../shared}/data/corpus
work=$(mktemp -d /tmp/bantin-scaling-XXXX)
trap 'rm -rf "$work"' EXIT
zstd -dc "$corpus/baomoi.jsonl.zst" > "$work/a.jsonl"
zstd -dc "$corpus/vnds.jsonl.zst" > "$work/b.jsonl"
paste -d '\n' "$work/a.jsonl" "$work/b.jsonl" | grep -v '^$' > "$work/all.jsonl"
echo "articles ingest_s threading_s rss_mb breakdown"
for n in $sizes; do
  head -n "$n" "$work/all.jsonl" > "$work/in.jsonl"
  rm -rf "$work/db"
  t0=$(date +%s.%N)
  "$bantin" ingest --quiet --no-stories --db "$work/db" "$work/in.jsonl" > /dev/null
  t1=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$work/rss" "$bantin" stories --rebuild --db "$work/db" > /dev/null 2> "$work/log"
  t2=$(date +%s.%N)
  echo "$n $(echo "$t1 - $t0" | bc) $(echo "$t2 - $t1" | bc) $(( $(cat "$work/rss") / 1024 )) $(grep threaded "$work/log")"
done
