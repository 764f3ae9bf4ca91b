#!/usr/bin/env bash
# Text-layer and word-segmentation throughput on the baomoi corpus, next to `wc -w` (UTF-8
# locale) and ICU's `uconv -x any-nfc` on the same bytes, in the same run. Prints MB/s, ratios,
# the time to load the segmenter model and the peak memory of `bantin segment` over the corpus.
# Usage: bench/text_bench.sh [BUILD_DIR]
set -euo pipefail
build=${1:-build}
corpus=${BANTIN_CORPUS:-../shared/data/corpus/baomoi.jsonl.zst}
work=${TMPDIR:-/tmp}/bantin-bench
mkdir -p "$work"
text=$work/baomoi.txt
if [ ! -f "$corpus" ]; then echo "text_bench: $corpus not found (needs ../shared)"; exit 0; fi
[ -s "$text" ] || python3 bench/extract_text.py "$corpus" "$text"
bytes=$(stat -c %s "$text")
cat "$text" > /dev/null  # warm the page cache

# Best of three wall-clock runs, in seconds.
best() {
  local best_t=""
  for _ in 1 2 3; do
    local t0 t1
    t0=$(date +%s.%N); "$@" > /dev/null; t1=$(date +%s.%N)
    local t; t=$(echo "$t1 - $t0" | bc -l)
    if [ -z "$best_t" ] || [ "$(echo "$t < $best_t" | bc -l)" = 1 ]; then best_t=$t; fi
  done
  echo "$best_t"
}
wc_s=$(LC_ALL=C.UTF-8 best wc -w "$text")
uconv_s=$(best uconv -f utf-8 -t utf-8 -x any-nfc -o /dev/null "$text")

json=$work/text_bench.json
BANTIN_BENCH_TEXT=$text taskset -c 0 "$build/bench/text_bench" \
  --benchmark_filter='BM_TextLayer|BM_Segment|BM_LoadModel' \
  --benchmark_repetitions=3 --benchmark_report_aggregates_only=true \
  --benchmark_format=json > "$json" 2>/dev/null
rss_kb=$( { /usr/bin/time -f %M "$build/src/cli/bantin" segment "$text" > /dev/null; } 2>&1 | tail -1)

python3 - "$bytes" "$wc_s" "$uconv_s" "$json" "$rss_kb" <<'PY'
import json, sys
size, wc_s, uconv_s, rss_kb = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[5])
med = {b['run_name']: b for b in json.load(open(sys.argv[4]))['benchmarks']
       if b.get('aggregate_name') == 'median'}
def rate(name):
    return next(b['bytes_per_second'] for k, b in med.items() if k.startswith(name)) / 1e6
mb = 1e6
wc, uconv = size / wc_s / mb, size / uconv_s / mb
text, seg = rate('BM_TextLayer'), rate('BM_Segment')
load_ms = next(b['real_time'] for k, b in med.items() if k.startswith('BM_LoadModel'))
print(f"corpus: baomoi, {size / mb:.1f} MB of text")
print(f"{'tool':<40}{'MB/s':>8}{'÷ wc -w':>10}{'÷ uconv':>10}")
print(f"{'wc -w (C.UTF-8)':<40}{wc:>8.1f}")
print(f"{'uconv -x any-nfc (ICU)':<40}{uconv:>8.1f}")
print(f"{'bantin text layer (1 core)':<40}{text:>8.1f}{text / wc:>10.2f}{text / uconv:>10.2f}")
print(f"{'bantin text layer + words (1 core)':<40}{seg:>8.1f}{seg / wc:>10.3f}{seg / uconv:>10.2f}")
print(f"segmenter model load: {load_ms:.1f} ms; bantin segment peak RSS over the corpus: {rss_kb / 1024:.0f} MiB")
PY
