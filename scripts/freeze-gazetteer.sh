#!/usr/bin/env bash
# Freezes the places this machine's ICU and iso-codes name into data/lexicons/gazetteer.tsv,
# which the binary links: every machine then finds and names places alike, whatever ICU or
# iso-codes it has (docs/extraction.md, "Places"; format: docs/format.md "Gazetteer").
# Usage: scripts/freeze-gazetteer.sh [OUT] [BANTIN]   (default OUT: data/lexicons/gazetteer.tsv)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/data/lexicons/gazetteer.tsv}
bantin=${2:-$root/build/src/cli/bantin}
"$bantin" gazetteer --freeze > "$out.tmp"
mv "$out.tmp" "$out"
echo "freeze-gazetteer: wrote $out ($(grep -vc "^#" "$out") places)"
