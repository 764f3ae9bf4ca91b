#!/usr/bin/env bash
# Rebuilds the learned name lexicon, bit for bit, from ../shared (see docs/models.md).
# Usage: scripts/train-names.sh [OUT] [BANTIN]   (default OUT: data/models/names.tsv)
# The lexicon is learned with the rules alone (EntityOptions::learned_names off), so the lexicon
# the binary links does not change what it learns.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/data/models/names.tsv}
bantin=${2:-$root/build/src/cli/bantin}
shared=${BANTIN_SHARED:-$root/../shared}
corpus=$shared/data/corpus
if [ ! -d "$corpus" ]; then echo "train-names: $corpus not found (needs ../shared)" >&2; exit 2; fi
# dantri is left out: the entity evaluation samples are dantri articles.
"$bantin" train-names --min-docs 3 --min-share 0.8 --min-capitalized 0.8 --min-surname 20 \
  --out "$out" "$corpus/baomoi.jsonl.zst" "$corpus/vnds.jsonl.zst"
