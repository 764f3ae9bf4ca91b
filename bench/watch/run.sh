#!/bin/bash
# What an idle watcher costs: `bantin watch` polling 200 RSS feeds on 20 hosts every INTERVAL
# seconds when nothing is new, as CPU share of one core, against curl fetching the same 200
# feeds once a round from a shell loop (a cron poller; its CPU per round). Two sites: one whose
# feeds answer a conditional GET with 304, one that sends the whole feed every time.
# Usage: bench/watch/run.sh [BANTIN] [INTERVAL=300] [ROUNDS=2]   (from the repository's root)
set -euo pipefail
BIN=$(realpath "${1:-build/src/cli/bantin}")
INTERVAL=${2:-300}
ROUNDS=${3:-2}
FEEDS=200 HOSTS=20 ITEMS=20 PORT=18931
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=/tmp/bantin-watch-bench
rm -rf "$WORK" && mkdir -p "$WORK"
TICK=$(getconf CLK_TCK)

cpu_seconds() {  # utime + stime of a process, in seconds
  awk -v t="$TICK" '{ print ($14 + $15) / t }' "/proc/$1/stat"
}

for mode in etag no-etag; do
  python3 "$HERE/site.py" $PORT $FEEDS $ITEMS $([ $mode = no-etag ] && echo --no-etag) &
  SITE=$!
  sleep 1
  feeds="$WORK/feeds-$mode.txt"
  : > "$feeds"
  for ((f = 0; f < FEEDS; f++)); do echo "http://127.0.0.$((f % HOSTS + 1)):$PORT/feed/$f.xml" >> "$feeds"; done
  db="$WORK/db-$mode"
  # Warm-up: every page of every feed fetched and stored once.
  "$BIN" watch --once --feeds "$feeds" --db "$db" --delay-ms 0 --connections 8 2> "$WORK/warmup-$mode.log"
  grep "round 1" "$WORK/warmup-$mode.log" | sed 's/^/  warm-up: /'
  # Measured: the watcher left running ROUNDS intervals, nothing new on the site.
  "$BIN" watch --feeds "$feeds" --db "$db" --interval "$INTERVAL" 2> "$WORK/watch-$mode.log" &
  W=$!
  start=$(date +%s.%N)
  sleep $((INTERVAL * ROUNDS))
  cpu=$(cpu_seconds $W)
  end=$(date +%s.%N)
  kill -INT $W; wait $W || true
  rounds=$(grep -c "watch: round" "$WORK/watch-$mode.log")
  grep "watch: round" "$WORK/watch-$mode.log" | tail -1 | sed 's/^/  last: /'
  # Anchor: one round of curl over the same feeds (with the ETag for the 304 site).
  anchor=$( (for ((f = 0; f < FEEDS; f++)); do
               curl -s -o /dev/null -H "If-None-Match: \"feed-$f-v1\"" "http://127.0.0.$((f % HOSTS + 1)):$PORT/feed/$f.xml"
             done; times) | tail -1 | awk '{ split($1, u, "m"); split($2, s, "m"); print u[1] * 60 + u[2] + s[1] * 60 + s[2] }')
  python3 - "$mode" "$cpu" "$start" "$end" "$rounds" "$anchor" "$INTERVAL" <<'PY'
import sys
mode, cpu, start, end, rounds, anchor, interval = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4].rstrip("s")), int(sys.argv[5]), float(sys.argv[6].rstrip("s")), int(sys.argv[7])
wall = end - start
share = 100 * cpu / wall
per_round = cpu / rounds
print(f"{mode}: {rounds} rounds in {wall:.0f} s, watcher CPU {cpu:.2f} s = {share:.3f} % of a core "
      f"({per_round:.3f} s a round); curl loop {anchor:.2f} s a round; ratio {per_round / anchor:.2f}")
PY
  kill $SITE; wait $SITE 2>/dev/null || true
done
