#!/usr/bin/env bash
# Rebuilds the built-in word segmentation model, bit for bit, from ../shared (see docs/models.md).
# Usage: scripts/train-segmenter.sh [OUT] [BANTIN]   (default OUT: data/models/segmenter.bnm)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/data/models/segmenter.bnm}
bantin=${2:-$root/build/src/cli/bantin}
shared=${BANTIN_SHARED:-$root/../shared}
seg=$shared/data/segmentation
if [ ! -d "$seg" ]; then echo "train-segmenter: $seg not found (needs ../shared)" >&2; exit 2; fi
"$bantin" train-segmenter \
  --train "$seg/train/vtb-pyvi.txt" "$seg/train/ud-vtb-train.txt" "$seg/train/vlsp2013-sample.txt" \
  --lexicon "$shared/data/lexicon/pyvi-words.txt" \
  --epochs 10 --seed 20261123 --fold-every 4 --upper-every 6 --prune 0.03 \
  --out "$out"
