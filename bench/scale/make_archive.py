#!/usr/bin/env python3
"""Builds an archive of N articles from ../shared/data/corpus for the scale benchmark, as
JSONL.zst shards of SHARD lines: the corpora (baomoi, vnds, dantri; 60,735 articles) repeated.
Copy k > 0 of an article gets the id "ID~k", its date moved k whole years later, and one word in
twelve of its body (starting at word k mod 12) replaced by a word drawn from the corpora's
vocabulary with a generator seeded by (k, id): no two copies share their content hash, and the
story threader, which links articles within weeks of each other, never sees two copies of one
report side by side (years apart), so near-duplicate detection does not collapse them.
Deterministic: the same N gives the same bytes.
Usage: make_archive.py N OUT_DIR [SHARD=50000]"""
import json
import os
import random
import subprocess
import sys


def read_corpus(root):
    articles = []
    for name in ("baomoi", "vnds", "dantri"):
        path = os.path.join(root, f"{name}.jsonl.zst")
        out = subprocess.run(["zstd", "-dc", path], check=True, capture_output=True).stdout.decode("utf-8")
        for line in out.split("\n"):  # not splitlines(): U+2028 may stand inside a string
            if line.strip():
                articles.append(json.loads(line))
    return articles


def shifted(date, years):
    if not date or len(date) < 10 or not date[:4].isdigit():
        return date
    y, rest = int(date[:4]) + years, date[4:10]
    if rest == "-02-29":
        rest = "-02-28"
    return f"{y:04d}{rest}" + date[10:]


def main():
    n, out_dir = int(sys.argv[1]), sys.argv[2]
    shard = int(sys.argv[3]) if len(sys.argv) > 3 else 50000
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "data", "corpus")
    articles = read_corpus(root)
    vocab = sorted({w for a in articles[:5000] for w in a.get("body", "").split() if w.isalpha()})
    os.makedirs(out_dir, exist_ok=True)
    written, k, part = 0, 0, 0
    sink = None
    while written < n:
        for a in articles:
            if written >= n:
                break
            if written % shard == 0:
                if sink:
                    sink.stdin.close()
                    sink.wait()
                sink = subprocess.Popen(["zstd", "-q", "-3", "-o", os.path.join(out_dir, f"part-{part:04d}.jsonl.zst")],
                                        stdin=subprocess.PIPE)
                part += 1
            b = dict(a)
            if k > 0:
                rng = random.Random(f"{k}:{a.get('id')}")
                words = b.get("body", "").split(" ")
                for i in range(k % 12, len(words), 12):
                    if "\n" not in words[i]:
                        words[i] = rng.choice(vocab)
                b["body"] = " ".join(words)
                b["id"] = f"{a.get('id')}~{k}"
                b["date"] = shifted(a.get("date", ""), k)
            sink.stdin.write((json.dumps(b, ensure_ascii=False) + "\n").encode("utf-8"))
            written += 1
        k += 1
    sink.stdin.close()
    sink.wait()
    print(f"{written} articles in {part} shards ({k} passes over {len(articles)} corpus articles)")


if __name__ == "__main__":
    main()
