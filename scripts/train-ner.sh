#!/usr/bin/env bash
# Rebuilds the entity model from the annotated corpus (docs/models.md, "Entity model"):
#   bash scripts/train-ner.sh OUT.bnm path/to/bantin
# Trains on the train split of data/annotations/ner-articles.tsv only; the texts come from
# ../shared/data/corpus. Deterministic: the same annotations, clusters and code give the same bytes.
set -euo pipefail
out=${1:?usage: train-ner.sh OUT.bnm BANTIN}
bantin=${2:?usage: train-ner.sh OUT.bnm BANTIN}
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${BANTIN_SHARED:-$root/../shared}
corpus=$shared/data/corpus
if [ ! -d "$corpus" ]; then echo "$(basename "$0"): $corpus not found (needs ../shared)" >&2; exit 2; fi
"$bantin" train-ner --gold "$root/data/annotations/ner-entities.tsv" \
  --articles "$root/data/annotations/ner-articles.tsv" --split train \
  --epochs 8 --seed 20261201 --prune 0.01 --out "$out" \
  "$corpus/baomoi.jsonl.zst" "$corpus/vnds.jsonl.zst" "$corpus/dantri.jsonl.zst"
