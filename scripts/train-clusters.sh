#!/usr/bin/env bash
# Rebuilds the word clusters from the raw news corpus (docs/models.md, "Word clusters"):
#   bash scripts/train-clusters.sh OUT.tsv path/to/bantin
# About a minute. Deterministic: the same corpus gives the same bytes.
set -euo pipefail
out=${1:?usage: train-clusters.sh OUT.tsv BANTIN}
bantin=${2:?usage: train-clusters.sh OUT.tsv BANTIN}
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${BANTIN_SHARED:-$root/../shared}
corpus=$shared/data/corpus
if [ ! -d "$corpus" ]; then echo "$(basename "$0"): $corpus not found (needs ../shared)" >&2; exit 2; fi
"$bantin" train-clusters --coarse 64 --fine 256 --min-count 10 --max-words 30000 --passes 6 \
  --out "$out" "$corpus/baomoi.jsonl.zst" "$corpus/vnds.jsonl.zst" "$corpus/dantri.jsonl.zst"
