#!/bin/bash
# Search latency of bantin binaries side by side, interleaved (the VM is noisy: compare within
# a run). Each binary answers QUERIES five times over in one process (`bantin search
# --queries`); the first pass is left out (cold caches), p50/p99 of rank_ms (until the top ids
# are known) and took_ms (the full answer: titles, dates, snippets) over the rest.
# Usage: bench/search_latency.sh QUERIES BIN:DB [BIN:DB ...]
#   e.g. bench/search_latency.sh q.txt /tmp/old-bantin:/tmp/f58 build/src/cli/bantin:/tmp/f58
# One query per line; make QUERIES from bench/search_quality.py's names (typed and folded).
set -euo pipefail
queries=$1
shift
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for _ in 1 2 3 4 5; do cat "$queries"; done > "$work/q"
lines=$(wc -l < "$queries")
for round in 1 2 3; do
  for spec in "$@"; do
    bin=${spec%%:*} db=${spec#*:}
    "$bin" search --db "$db" --json --limit 10 --queries "$work/q" > "$work/out"
    /usr/bin/python3 - "$work/out" "$lines" "$spec" "$round" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])][int(sys.argv[2]):]
out = []
for k in ("rank_ms", "took_ms"):
    v = sorted(r[k] for r in rows)
    out.append(f"{k} p50 {v[len(v) // 2]:.3f} p99 {v[int(len(v) * 0.99)]:.3f}")
print(f"round {sys.argv[4]} {sys.argv[3]}: " + " | ".join(out))
PY
  done
done
