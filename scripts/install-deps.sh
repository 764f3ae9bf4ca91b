#!/usr/bin/env bash
# Installs the Debian packages bantin needs to build, test and benchmark.
# Idempotent: calls apt-get only when a package is missing. The one list of dependencies.
set -euo pipefail

# What each make target needs: `make demo` installs `build` only (a newcomer waits for the
# compiler, not a browser); `make test` adds `test`; `make bench`, `bench`; `make fuzz`/`asan`,
# `fuzz`. Usage: install-deps.sh [build|test|bench|fuzz|all]... (default: all).
BUILD_PACKAGES=(
  cmake ninja-build g++ make pkg-config          # build
  libicu-dev                                     # Unicode: NFC, case, properties
  libcli11-dev                                   # command line
  nlohmann-json3-dev libsimdjson-dev             # JSON out / JSON in (fast)
  libzstd-dev zlib1g-dev                         # .zst and .gz input
  libxxhash-dev                                  # fast hashing (word cache, fingerprints)
  libexpected-dev                                # tl::expected behind Result<T>
  libsqlite3-dev                                 # system of record (store/)
  libmicrohttpd-dev                              # HTTP API (bantin serve): event-driven front
  libxml2-dev                                    # web pages (HTML) and feeds (XML)
  libcurl4-openssl-dev                           # fetching pages and feeds (bantin fetch)
  pybind11-dev python3-dev                       # the Python package (python/)
)
TEST_PACKAGES=(
  libgtest-dev libgmock-dev                      # tests
  libcpp-httplib-dev                             # the tests' HTTP client
  iso-codes                                      # the frozen gazetteer's source (its test; make gazetteer-data)
  chromium nodejs                                # web page tests (headless Chromium + playwright-core)
  python3-pytest python3-pandas python3-distributed   # the Python package's tests; events_frame(); bantin.dask
)
BENCH_PACKAGES=(
  libbenchmark-dev                               # Google Benchmark programs
  icu-devtools bc python3-xapian wrk zstd        # anchors: uconv, Xapian, wrk; scripts' arithmetic
)
FUZZ_PACKAGES=(
  clang libclang-rt-14-dev                       # libFuzzer targets and sanitizers
)
groups=("$@")
[ ${#groups[@]} -eq 0 ] && groups=(all)
PACKAGES=("${BUILD_PACKAGES[@]}")
web_tests=0
for g in "${groups[@]}"; do
  case "$g" in
    build) ;;
    test) PACKAGES+=("${TEST_PACKAGES[@]}"); web_tests=1 ;;
    bench) PACKAGES+=("${BENCH_PACKAGES[@]}") ;;
    fuzz) PACKAGES+=("${FUZZ_PACKAGES[@]}") ;;
    all) PACKAGES+=("${TEST_PACKAGES[@]}" "${BENCH_PACKAGES[@]}" "${FUZZ_PACKAGES[@]}"); web_tests=1 ;;
    *) echo "install-deps: unknown group \"$g\" (build, test, bench, fuzz, all)" >&2; exit 2 ;;
  esac
done
# Debian's npm for the web page tests, unless the installed Node.js brings its own.
[ "$web_tests" = 1 ] && ! command -v npm > /dev/null && PACKAGES+=(npm)

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
if [ "$web_tests" = 1 ] && [ ! -d "$root/tests/web/node_modules/playwright-core" ]; then
  echo "install-deps: npm ci in tests/web"
  npm ci --prefix "$root/tests/web" --no-audit --no-fund --loglevel=error
fi
