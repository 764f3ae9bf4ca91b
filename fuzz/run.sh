#!/usr/bin/env bash
# Runs each libFuzzer target for SECONDS on a corpus seeded from the repo's sample articles.
# Usage: fuzz/run.sh BUILD_DIR [SECONDS]   (make fuzz FUZZ_SECONDS=300)
set -euo pipefail
build=${1:-build-fuzz}
seconds=${2:-60}
root=$(cd "$(dirname "$0")/.." && pwd)
for target in reader_fuzz text_fuzz query_fuzz; do
  corpus=$root/fuzz/corpus/$target
  mkdir -p "$corpus"
  if [ -z "$(ls -A "$corpus")" ]; then
    for f in "$root"/data/sample/*.txt; do
      if [ "$target" = reader_fuzz ]; then printf '\0' | cat - "$f" > "$corpus/$(basename "$f")"
      else cp "$f" "$corpus/"; fi
    done
  fi
  echo "== $target for ${seconds}s"
  "$build/fuzz/$target" -max_total_time="$seconds" -max_len=8192 -timeout=10 \
    -print_final_stats=1 "$corpus" 2>&1 | grep -E "^(#[0-9]+.*DONE|stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==ERROR|SUMMARY)|Done [0-9]+ runs" || true
  # libFuzzer leaves crash-* files in the working directory when it finds one.
  if ls crash-* leak-* timeout-* oom-* 2>/dev/null | grep -q .; then
    echo "fuzz: $target found a failing input (see crash-*/leak-*/timeout-*/oom-*)"; exit 1
  fi
done
