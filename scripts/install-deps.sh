#!/usr/bin/env bash
# Installs the Debian packages bantin needs to build, test and benchmark.
# Idempotent: calls apt-get only when a package is missing. The one list of dependencies.
set -euo pipefail

PACKAGES=(
  cmake ninja-build g++ make pkg-config          # build
  libicu-dev icu-devtools                        # Unicode: NFC, case, properties; uconv for benchmarks
  iso-codes                                      # Vietnamese country names for the gazetteer
  libcli11-dev                                   # command line
  nlohmann-json3-dev libsimdjson-dev             # JSON out / JSON in (fast)
  libzstd-dev zlib1g-dev zstd                    # .zst and .gz input
  libxxhash-dev                                  # fast hashing (word cache, later fingerprints)
  libexpected-dev                                # tl::expected behind Result<T>
  libsqlite3-dev                                 # system of record (store/)
  libcpp-httplib-dev                             # HTTP API (bantin serve)
  libgtest-dev libgmock-dev libbenchmark-dev     # tests and benchmarks
  clang libclang-rt-14-dev                       # libFuzzer targets and sanitizers
  bc python3-xapian                              # benchmarks (Xapian is a search anchor)
  wrk                                            # HTTP load benchmark
  chromium nodejs                                # web page tests (headless Chromium + playwright-core)
)
# Debian's npm, unless the installed Node.js brings its own (nodesource's does).
command -v npm > /dev/null || PACKAGES+=(npm)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The npm packages of the web page tests (tests/web/package-lock.json: playwright-core only;
# it drives Debian's Chromium, no browser is downloaded).
root=$(cd "$(dirname "$0")/.." && pwd)
if [ ! -d "$root/tests/web/node_modules/playwright-core" ]; then
  echo "install-deps: npm ci in tests/web"
  npm ci --prefix "$root/tests/web" --no-audit --no-fund --loglevel=error
fi
