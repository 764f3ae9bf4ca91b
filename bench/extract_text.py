#!/usr/bin/env python3
"""Writes the text of a JSONL(.zst) news corpus as plain UTF-8: per article its title, lead and
body (the text bantin analyzes), articles separated by a blank line. Used by the benchmarks so
that bantin, `wc -w` and `uconv` read the same bytes."""
import json
import subprocess
import sys


def main() -> None:
    src, dst = sys.argv[1], sys.argv[2]
    if src.endswith(".zst"):
        data = subprocess.run(["zstd", "-dc", src], check=True, capture_output=True).stdout
    else:
        data = open(src, "rb").read()
    with open(dst, "w", encoding="utf-8") as out:
        for line in data.decode("utf-8").splitlines():
            if not line.strip():
                continue
            a = json.loads(line)
            parts = [a.get("title") or "", a.get("lead") or "", a.get("body") or ""]
            out.write("\n\n".join(p for p in parts if p) + "\n\n")


if __name__ == "__main__":
    main()
