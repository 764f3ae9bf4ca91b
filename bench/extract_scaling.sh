#!/usr/bin/env bash
# Extraction time and memory against article length (docs/BENCHMARKS.md, "Hardening"): one
# article made of dantri bodies (paragraphs, full stops), and one made of a seed article
# repeated with its full stops turned into commas (a single sentence), at 0.2 to 1.6 MB.
# Linear extraction doubles the time as the article doubles. Usage: bench/extract_scaling.sh [BUILD_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
shared=${BANTIN_SHARED:-$root/../shared}/data
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
zstdcat "$shared/corpus/dantri.jsonl.zst" | head -3000 > "$tmp/dantri.jsonl"
python3 - "$tmp" "$shared/seeds" <<'PY'
import json, os, sys
tmp, seeds = sys.argv[1], sys.argv[2]
bodies = [json.loads(l).get("body") or "" for l in open(f"{tmp}/dantri.jsonl", encoding="utf-8")]
seed = open(os.path.join(seeds, sorted(os.listdir(seeds))[0]), encoding="utf-8").read()
for mb in ("0.2", "0.4", "0.8", "1.6"):
    want, out, size = float(mb) * 1e6, [], 0
    for b in bodies:
        if size > want: break
        out.append(b); size += len(b.encode())
    with open(f"{tmp}/paragraphs-{mb}.jsonl", "w", encoding="utf-8") as f:
        f.write(json.dumps({"id": "p", "title": "Bài dài", "date": "2020-01-01", "body": "\n".join(out)}, ensure_ascii=False) + "\n")
    n = int(want / len(seed.encode())) + 1
    one = " ".join([seed.replace(".", ",").replace("\n", " ")] * n)
    with open(f"{tmp}/one-sentence-{mb}.jsonl", "w", encoding="utf-8") as f:
        f.write(json.dumps({"id": "s", "title": "Một câu", "date": "2025-12-24", "body": one}, ensure_ascii=False) + "\n")
PY
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(date -u +%Y-%m-%d)"
printf '%-14s %6s %10s %10s\n' kind MB seconds "peak MB"
for kind in paragraphs one-sentence; do
  for mb in 0.2 0.4 0.8 1.6; do
    /usr/bin/time -f "%e %M" -o "$tmp/time" "$build/src/cli/bantin" extract --json "$tmp/$kind-$mb.jsonl" > /dev/null
    read -r s kb < "$tmp/time"
    printf '%-14s %6s %10s %10s\n' "$kind" "$mb" "$s" "$((kb / 1024))"
  done
done
