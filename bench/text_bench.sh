#!/usr/bin/env bash
# Text-layer throughput on the baomoi corpus, next to `wc -w` (UTF-8 locale) and ICU's
# `uconv -x any-nfc` on the same bytes, in the same run. Prints MB/s and ratios.
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
BANTIN_BENCH_TEXT=$text taskset -c 0 "$build/bench/text_bench" --benchmark_filter=BM_TextLayer \
  --benchmark_repetitions=3 --benchmark_report_aggregates_only=true \
  --benchmark_format=json > "$json" 2>/dev/null
bantin_bps=$(python3 -c "
import json; d=json.load(open('$json'))
print(max(b['bytes_per_second'] for b in d['benchmarks'] if b.get('aggregate_name')=='median' or 'aggregate_name' not in b))")

python3 - "$bytes" "$wc_s" "$uconv_s" "$bantin_bps" <<'PY'
import sys
size, wc_s, uconv_s, bantin_bps = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
mb = 1e6
wc, uconv, bantin = size / wc_s / mb, size / uconv_s / mb, bantin_bps / mb
print(f"corpus: baomoi, {size / mb:.1f} MB of text")
print(f"{'tool':<34}{'MB/s':>8}{'bantin / tool':>16}")
print(f"{'wc -w (C.UTF-8)':<34}{wc:>8.1f}{bantin / wc:>16.2f}")
print(f"{'uconv -x any-nfc (ICU)':<34}{uconv:>8.1f}{bantin / uconv:>16.2f}")
print(f"{'bantin text layer (1 core)':<34}{bantin:>8.1f}{'':>16}")
PY
