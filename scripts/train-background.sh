#!/usr/bin/env bash
# Rebuilds the background word frequencies of story threading, bit for bit, from ../shared
# (see docs/models.md). Usage: scripts/train-background.sh [OUT] [BANTIN]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/data/models/story-background.tsv}
bantin=${2:-$root/build/src/cli/bantin}
corpus=${BANTIN_SHARED:-$root/../shared}/data/corpus
if [ ! -d "$corpus" ]; then echo "train-background: $corpus not found (needs ../shared)" >&2; exit 2; fi
"$bantin" train-background --min-docs 3 --out "$out" "$corpus/baomoi.jsonl.zst" "$corpus/vnds.jsonl.zst"
