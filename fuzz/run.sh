#!/usr/bin/env bash
# Runs each libFuzzer target for SECONDS on a corpus seeded from the repo's sample articles.
# Usage: fuzz/run.sh BUILD_DIR [SECONDS]   (make fuzz FUZZ_SECONDS=300)
set -euo pipefail
build=${1:-build-fuzz}
seconds=${2:-60}
root=$(cd "$(dirname "$0")/.." && pwd)
for target in reader_fuzz text_fuzz query_fuzz body_fuzz http_fuzz; do
  corpus=$root/fuzz/corpus/$target
  mkdir -p "$corpus"
  if [ -z "$(ls -A "$corpus")" ]; then
    for f in "$root"/data/sample/*.txt; do
      case "$target" in
        reader_fuzz) printf '\0' | cat - "$f" > "$corpus/$(basename "$f")" ;;
        body_fuzz) python3 -c 'import json,sys; t=open(sys.argv[1],encoding="utf-8").read().split("\n",1); print(json.dumps({"id":"x","title":t[0],"body":t[1]},ensure_ascii=False,indent=1))' "$f" > "$corpus/$(basename "$f")" ;;
        http_fuzz) printf 'GET /api/search?q=%s&limit=5 HTTP/1.1\r\nHost: x\r\n\r\n' "$(basename "$f" .txt)" > "$corpus/$(basename "$f")" ;;
        *) cp "$f" "$corpus/" ;;
      esac
    done
    if [ "$target" = http_fuzz ]; then
      body='{"id":"p","title":"Bài gửi","body":"Hà Nội mưa."}'
      printf 'POST /api/articles HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\nContent-Length: %d\r\n\r\n%s' "$(printf %s "$body" | wc -c)" "$body" > "$corpus/post"
      printf 'GET /api/stories/1 HTTP/1.1\r\nHost: x\r\n\r\nGET /api/entity?name=Nga HTTP/1.1\r\nHost: x\r\n\r\n' > "$corpus/pipelined"
      printf 'GET /api/events?actor=M%%E1%%BB%%B9&from=2020-01-01 HTTP/1.0\r\n\r\n' > "$corpus/events"
    fi
  fi
  echo "== $target for ${seconds}s"
  extra=()
  # The server's threads make libFuzzer's leak check unreliable; ASan still checks at exit.
  [ "$target" = http_fuzz ] && extra=(-detect_leaks=0 -timeout=120)
  "$build/fuzz/$target" -max_total_time="$seconds" -max_len=8192 -timeout=10 "${extra[@]}" \
    -print_final_stats=1 "$corpus" 2>&1 | grep -E "^(#[0-9]+.*DONE|stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==ERROR|SUMMARY)|Done [0-9]+ runs" || true
  # libFuzzer leaves crash-* files in the working directory when it finds one.
  if ls crash-* leak-* timeout-* oom-* 2>/dev/null | grep -q .; then
    echo "fuzz: $target found a failing input (see crash-*/leak-*/timeout-*/oom-*)"; exit 1
  fi
done
