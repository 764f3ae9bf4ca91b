#!/usr/bin/env bash
# The HTML reader benchmark (README.md beside this file): N synthetic Vietnamese news pages made
# from corpus text at run time, read by Mozilla Readability and by `bantin read`, both scored
# against the truth side by side, with each system's time.
# Usage, from the repo root: bench/html/run.sh [N]   (N pages, default 400; BANTIN=path/to/bantin;
# needs ../shared, or BANTIN_SHARED). Everything is written to /tmp/bantin-html-bench.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
n=${1:-400}
out=/tmp/bantin-html-bench
corpus=${BANTIN_SHARED:-$here/../../../shared}/data/corpus
BANTIN=${BANTIN:-build/src/cli/bantin}

python3 "$here/make_pages.py" "$corpus" "$out" --n "$n"
[ -d "$here/node_modules/@mozilla/readability" ] || npm ci --prefix "$here" --no-audit --no-fund --loglevel=error
bytes=$(cat "$out"/pages/*.html | wc -c)

systems=() names=() timing=()
timed() {  # timed NAME CMD...: runs CMD, adds NAME's row to the timing table, returns CMD's status
  local name=$1 t0 t1 rc=0
  shift
  t0=$(date +%s.%N)
  "$@" || rc=$?
  t1=$(date +%s.%N)
  timing+=("$(awk -v n="$name" -v t0="$t0" -v t1="$t1" -v b="$bytes" \
    'BEGIN { printf "| %s | %.2f | %.2f |", n, t1 - t0, b / 1e6 / (t1 - t0) }')")
  return $rc
}

timed readability node "$here/readability.mjs" "$out/pages" "$out/readability.jsonl"
systems+=("$out/readability.jsonl") names+=(--system readability)

# `bantin read` prints one JSON object per article; a page it gives none for counts as wrong.
if ! command -v "$BANTIN" > /dev/null; then
  echo "run: no bantin at $BANTIN (build it or set BANTIN): bantin skipped" >&2
else
  rc=0
  timed bantin sh -c '"$1" read "$2" > "$3" 2> "$4"' sh "$BANTIN" "$out/pages" "$out/bantin.jsonl" "$out/bantin.log" || rc=$?
  if [ -s "$out/bantin.jsonl" ]; then
    systems+=("$out/bantin.jsonl") names+=(--system bantin)
    [ "$rc" = 0 ] || echo "run: '$BANTIN read' exited $rc, $(wc -l < "$out/bantin.log") lines in $out/bantin.log" >&2
  else
    unset 'timing[-1]'
    echo "run: '$BANTIN read' gave no article (exit $rc: $(head -c 200 "$out/bantin.log")): bantin skipped" >&2
  fi
fi
echo
python3 "$here/score.py" "$out/truth.jsonl" "${systems[@]}" "${names[@]}" --json "$out/scores.json"
awk -v n="$n" -v b="$bytes" 'BEGIN { printf "\nTime for %d pages (%.1f MB of HTML), whole runs:\n\n", n, b / 1e6 }'
printf '%s\n' "| system | seconds | MB/s |" "| --- | --- | --- |" "${timing[@]}"
