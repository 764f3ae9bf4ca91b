#!/usr/bin/env bash
# Rebuilds the event model from the annotated event set (docs/models.md, "Event model"):
#   bash scripts/train-events.sh OUT.bem path/to/bantin
# Trains on the train split of data/annotations/events-articles.tsv only; the texts come from
# ../shared/data/corpus. Deterministic: the same annotations, entity model and code give the
# same bytes.
set -euo pipefail
out=${1:?usage: train-events.sh OUT.bem BANTIN}
bantin=${2:?usage: train-events.sh OUT.bem BANTIN}
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${BANTIN_SHARED:-$root/../shared}
corpus=$shared/data/corpus
if [ ! -d "$corpus" ]; then echo "$(basename "$0"): $corpus not found (needs ../shared)" >&2; exit 2; fi
"$bantin" train-events --gold "$root/data/annotations/events.tsv" \
  --articles "$root/data/annotations/events-articles.tsv" --split train \
  --epochs 12 --seed 20261201 --out "$out" \
  "$corpus/baomoi.jsonl.zst" "$corpus/vnds.jsonl.zst" "$corpus/dantri.jsonl.zst"
