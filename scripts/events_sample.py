#!/usr/bin/env python3
"""Draws the event set's articles from the entity corpus and fixes its split, before any of
them is annotated for events (docs/annotation.md, Part II).

Writes data/annotations/events-articles.tsv: article_id, source, category (the entity
annotators' reading), split, double, batch. The split follows the entity corpus's: held-out
articles come only from its held-out split, train ones only from its train split, so that no
model ever trains on text it is scored on. World and politics news, the product's core, are
drawn first: every held-out one (33) and 67 train ones; the rest of each split at random.
Twelve held-out and twelve train articles are annotated twice. Batches of eight in a random
order (an annotator cannot tell the splits apart). Deterministic: random.Random(SEED).

A supplement (`--supplement N`, train split only, after the held-out split was fixed and
annotated): N more of the entity corpus's train articles, world and politics first, in batches
of eight numbered after the last; the event model needs more examples than 120 articles give.

A world supplement (`--world N CORPUS_DIR`, train split only): N world or politics articles
from outside the entity corpus, chosen by the names and words they contain (see WORLD_NAMES),
because the entity corpus's own were all taken.

Usage: python3 scripts/events_sample.py data/annotations/ner-articles.tsv data/annotations/events-articles.tsv [--supplement N | --world N CORPUS_DIR]
"""
import random
import re
import sys

SEED = 20261202
PLAN = {"heldout": (33, 27), "train": (67, 53)}  # (world and politics, others)
DOUBLE = 12  # per split
BATCH = 8


def main(ner_articles, out_path):
    rng = random.Random(SEED)
    rows = [l.rstrip("\n").split("\t") for l in open(ner_articles, encoding="utf-8") if not l.startswith("#")]
    chosen = []
    for split, (n_pw, n_other) in PLAN.items():
        pw = sorted(r for r in rows if r[3] == split and r[6] in ("politics", "world"))
        other = sorted(r for r in rows if r[3] == split and r[6] not in ("politics", "world"))
        rng.shuffle(pw)
        rng.shuffle(other)
        if len(pw) < n_pw or len(other) < n_other:
            sys.exit(f"{split}: only {len(pw)} world/politics and {len(other)} other articles")
        picked = pw[:n_pw] + other[:n_other]
        doubles = {r[0] for r in rng.sample(picked, DOUBLE)}
        chosen += [(r[0], r[1], r[6], split, "1" if r[0] in doubles else "0") for r in picked]
    rng.shuffle(chosen)
    with open(out_path, "w", encoding="utf-8") as out:
        out.write("# article_id\tsource\tcategory\tsplit\tdouble\tbatch  (scripts/events_sample.py; docs/annotation.md Part II)\n")
        for k, r in enumerate(chosen):
            out.write("\t".join(r) + f"\t{k // BATCH + 1:02d}\n")


def supplement(ner_articles, out_path, n):
    rng = random.Random(SEED + n)
    rows = [l.rstrip("\n").split("\t") for l in open(ner_articles, encoding="utf-8") if not l.startswith("#")]
    have = [l.rstrip("\n").split("\t") for l in open(out_path, encoding="utf-8") if not l.startswith("#")]
    taken = {r[0] for r in have}
    last = max(int(r[5]) for r in have)
    pw = sorted(r for r in rows if r[3] == "train" and r[0] not in taken and r[6] in ("politics", "world"))
    other = sorted(r for r in rows if r[3] == "train" and r[0] not in taken and r[6] not in ("politics", "world"))
    rng.shuffle(pw)
    rng.shuffle(other)
    picked = (pw + other)[:n]
    rng.shuffle(picked)
    with open(out_path, "a", encoding="utf-8") as out:
        for k, r in enumerate(picked):
            out.write("\t".join([r[0], r[1], r[6], "train", "0"]) + f"\t{last + 1 + k // BATCH:02d}\n")


# World news outside the entity corpus (`--world N CORPUS_DIR`): baomoi and vnds carry no
# category, so an article counts as world or politics news when it names at least three of
# these countries and bodies and at least two of these words of diplomacy; 800-6,000 characters
# (one annotator's sitting). Train split only; never an article of the entity corpus (either
# split) or of the event set.
WORLD_NAMES = ["Nga", "Mỹ", "Trung Quốc", "Nhật Bản", "Hàn Quốc", "Triều Tiên", "Ukraine", "Pháp", "Đức",
               "Anh", "Iran", "Israel", "Syria", "Ấn Độ", "Thổ Nhĩ Kỳ", "Australia", "Philippines", "Thái Lan",
               "Campuchia", "Lào", "EU", "NATO", "Liên Hợp Quốc", "ASEAN", "Iraq", "Saudi Arabia", "Qatar"]
DIPLOMACY = ["Tổng thống", "Ngoại trưởng", "Bộ Ngoại giao", "hội đàm", "thượng đỉnh", "phái đoàn", "đại sứ",
             "Thủ tướng", "đàm phán", "trừng phạt", "tiếp", "chuyến thăm", "điện đàm", "lệnh ngừng bắn"]


def world(ner_articles, out_path, n, corpus_dir):
    sys.path.insert(0, __import__("os").path.dirname(__import__("os").path.abspath(__file__)))
    from ner_convert import _read_corpus  # noqa: E402
    rng = random.Random(SEED + 1000 + n)
    taken = {l.split("\t")[0] for l in open(ner_articles, encoding="utf-8") if not l.startswith("#")}
    have = [l.rstrip("\n").split("\t") for l in open(out_path, encoding="utf-8") if not l.startswith("#")]
    taken |= {r[0] for r in have}
    last = max(int(r[5]) for r in have)
    eligible = []
    for aid, (text, _) in sorted(_read_corpus(corpus_dir).items()):
        if aid in taken or aid.startswith("dantri") or not 800 <= len(text) <= 6000:
            continue
        names = sum(1 for w in WORLD_NAMES if re.search(r"(?<!\w)" + re.escape(w) + r"(?!\w)", text))
        words = sum(1 for w in DIPLOMACY if re.search(r"(?<!\w)" + re.escape(w) + r"(?!\w)", text))
        if names >= 3 and words >= 2:
            eligible.append(aid)
    rng.shuffle(eligible)
    if len(eligible) < n:
        sys.exit(f"only {len(eligible)} world articles outside the entity corpus")
    with open(out_path, "a", encoding="utf-8") as out:
        for k, aid in enumerate(eligible[:n]):
            out.write("\t".join([aid, aid.split("-")[0], "world-keywords", "train", "0"]) + f"\t{last + 1 + k // BATCH:02d}\n")


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[3] == "--supplement":
        supplement(sys.argv[1], sys.argv[2], int(sys.argv[4]))
    elif len(sys.argv) == 6 and sys.argv[3] == "--world":
        world(sys.argv[1], sys.argv[2], int(sys.argv[4]), sys.argv[5])
    elif len(sys.argv) == 3:
        main(sys.argv[1], sys.argv[2])
    else:
        sys.exit(__doc__)
