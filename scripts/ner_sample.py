#!/usr/bin/env python3
"""Draws the entity corpus's articles from ../shared/data/corpus and fixes its split.

Writes data/annotations/ner-articles.tsv: article_id, source, category, split (train|heldout),
double (1 when a second annotator annotates it independently), batch. Deterministic: the
same corpus gives the same file (random.Random with a fixed seed over sorted ids).

Categories: dantri's own (10); for baomoi and vnds, which carry none, a topic guessed from
keywords, only to spread the draw across topics (annotators record the category they read).
Texts of 600 to 6,000 bytes (title, lead, body as the reader composes them), so that an
annotator reads whole articles; the few longer ones are left out of the draw.

A supplement (`--supplement`, batch 25, train split only): 30 more articles naming diplomatic
missions or seats of government ("sứ quán", "lãnh sự quán", "Điện Kremlin", "Nhà Trắng"),
drawn by keyword because the random draw held almost none (one consulate in 600 articles) and
world news is the product's core; added after the split was fixed, never to the held-out split.

A second supplement (`--consulates`, batch 26, train): 12 articles naming consulates, which the
first supplement's draw still missed.

Usage: python3 scripts/ner_sample.py ../shared/data/corpus data/annotations/ner-articles.tsv [--supplement | --consulates]
"""
import json
import os
import random
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ner_convert import compose  # noqa: E402  (the text as bantin's reader composes it)

SEED = 20261201
# Ids already in the older samples (data/annotations/dantri-*.tsv): never drawn again.
OLDER = {f"dantri-news_business_{i:03d}" for i in range(1, 31)}
for cat in ["business", "education", "entertainment", "health", "science", "society", "sport",
            "tech", "travel", "world"]:
    OLDER |= {f"dantri-news_{cat}_{i:03d}" for i in (41, 81, 121)}

TOPICS = {
    "politics": ["quốc hội", "đại biểu", "bộ chính trị", "trung ương", "đảng", "chính phủ", "thủ tướng", "nghị quyết", "cử tri"],
    "world": ["tổng thống", "mỹ", "trung quốc", "nga", "triều tiên", "nhật bản", "liên hợp quốc", "châu âu", "quốc tế"],
    "business": ["doanh nghiệp", "thị trường", "cổ phiếu", "ngân hàng", "lãi suất", "xuất khẩu", "doanh thu", "giá", "đầu tư"],
    "sport": ["bóng đá", "cầu thủ", "hlv", "đội tuyển", "trận", "giải đấu", "bàn thắng", "sea games", "v-league"],
    "entertainment": ["ca sĩ", "diễn viên", "phim", "showbiz", "sân khấu", "người mẫu", "hoa hậu", "âm nhạc", "khán giả"],
    "law": ["công an", "bị cáo", "tòa", "vụ án", "khởi tố", "bắt giữ", "tạm giam", "điều tra", "đối tượng"],
    "health": ["bệnh viện", "bác sĩ", "bệnh nhân", "điều trị", "sức khỏe", "y tế", "dịch", "thuốc"],
    "education": ["học sinh", "sinh viên", "giáo viên", "trường", "kỳ thi", "tuyển sinh", "giáo dục", "đại học"],
    "technology": ["điện thoại", "smartphone", "công nghệ", "internet", "ứng dụng", "phần mềm", "apple", "samsung"],
    "local": ["ubnd", "huyện", "xã", "người dân", "tỉnh", "phường", "bà con", "thôn"],
}


def topic(text):
    low = text.lower()
    scores = {t: sum(low.count(k) for k in keys) for t, keys in TOPICS.items()}
    return max(sorted(scores), key=lambda t: scores[t])


def load(path):
    raw = subprocess.run(["zstdcat", path], capture_output=True, check=True).stdout
    return [json.loads(line) for line in raw.split(b"\n") if line.strip()]


def main(corpus_dir, out_path):
    rng = random.Random(SEED)
    rows = []
    plan = {"dantri": 20, "baomoi": 22, "vnds": 18}  # per category
    for source, per_cat in plan.items():
        cells = {}
        for d in load(f"{corpus_dir}/{source}.jsonl.zst"):
            n = len(compose(d).encode("utf-8"))
            if d["id"] in OLDER or not 600 <= n <= 6000:
                continue
            cat = d.get("category") or topic(compose(d))
            cells.setdefault(cat, []).append(d["id"])
        for cat in sorted(cells):
            ids = sorted(cells[cat])
            rng.shuffle(ids)
            for i in ids[:per_cat]:
                rows.append([i, source, cat])
    # The held-out split: a fifth of every (source, category) cell, fixed before any training.
    by_cell = {}
    for r in rows:
        by_cell.setdefault((r[1], r[2]), []).append(r)
    for cell in sorted(by_cell):
        members = by_cell[cell]
        rng.shuffle(members)
        for k, r in enumerate(members):
            r.append("heldout" if k < max(1, round(len(members) / 5)) else "train")
    # Sixty articles annotated twice: twenty of the held-out split, forty of the rest.
    held = sorted(r[0] for r in rows if r[3] == "heldout")
    train = sorted(r[0] for r in rows if r[3] == "train")
    double = set(rng.sample(held, 20)) | set(rng.sample(train, 40))
    order = sorted(rows)
    rng.shuffle(order)
    for k, r in enumerate(order):
        r.append("1" if r[0] in double else "0")
        r.append(f"{k // 25 + 1:02d}")
    with open(out_path, "w", encoding="utf-8") as out:
        out.write("# article_id\tsource\tcategory\tsplit\tdouble\tbatch  (scripts/ner_sample.py)\n")
        for r in sorted(order, key=lambda r: (r[5], r[0])):
            out.write("\t".join(r) + "\n")


SUPPLEMENT_KEYS = ("sứ quán", "lãnh sự quán", "Điện Kremlin", "Nhà Trắng")
# The second supplement (batch 26): consulates, which the first still missed (the model, never
# having seen one, left "Tổng lãnh sự quán Nga" untyped).
CONSULATE_KEYS = ("Tổng lãnh sự quán", "Lãnh sự quán")


def supplement(corpus_dir, out_path, keys=SUPPLEMENT_KEYS, batch="25", count=30):
    """Appends a supplement's articles (train split) to the list."""
    rows = [l.rstrip("\n").split("\t") for l in open(out_path, encoding="utf-8")]
    taken = {r[0] for r in rows}
    rng = random.Random(SEED + int(batch))
    pool = []
    for source in ("baomoi", "dantri", "vnds"):
        for d in load(f"{corpus_dir}/{source}.jsonl.zst"):
            text = compose(d)
            if d["id"] in taken or d["id"] in OLDER or not 600 <= len(text.encode("utf-8")) <= 6000:
                continue
            if any(k in text for k in keys):
                pool.append((d["id"], source, d.get("category") or topic(text)))
    pool.sort()
    with open(out_path, "a", encoding="utf-8") as out:
        for i, source, cat in sorted(rng.sample(pool, min(count, len(pool)))):
            out.write("\t".join([i, source, cat, "train", "0", batch] + ([""] if len(rows[1]) > 6 else [])) + "\n")


if __name__ == "__main__":
    if "--supplement" in sys.argv:
        supplement(sys.argv[1], sys.argv[2])
    elif "--consulates" in sys.argv:
        supplement(sys.argv[1], sys.argv[2], CONSULATE_KEYS, "26", 12)
    else:
        main(sys.argv[1], sys.argv[2])
