#!/usr/bin/env python3
"""Scores HTML readers against the truth of the synthetic page benchmark (README.md beside this
file): title right, date right, and the body's words (precision, recall, F1), over all pages and
per page template.

Usage: score.py TRUTH.jsonl SYSTEM.jsonl [SYSTEM.jsonl ...] --system NAME [--system NAME ...] [--json OUT]
A SYSTEM file holds either readability.mjs lines (file, title, text, published) or bantin's
articles (origin, title, lead, body, date). Dates are compared as days in Vietnam (UTC+7).
Several systems print side by side."""
import argparse
import json
import os
import re
import unicodedata
from collections import Counter, defaultdict
from datetime import datetime, timedelta, timezone

ICT = timezone(timedelta(hours=7))
WORD = re.compile(r"[^\W_]+")


def norm(text):
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def words(text):
    return Counter(WORD.findall(unicodedata.normalize("NFC", text.lower())))


def local_date(stamp):
    """A date or ISO time as the date in Vietnam (UTC+7); None when absent or unreadable."""
    try:
        t = datetime.fromisoformat(stamp.strip())
    except (AttributeError, ValueError):
        return None
    return (t.astimezone(ICT) if t.tzinfo else t).date().isoformat()


def load_system(path):
    """file -> {title, date, text}; the first article of a page counts."""
    pages = {}
    with open(path, encoding="utf-8") as f:
        for line in filter(str.strip, f):
            r = json.loads(line)
            if "origin" in r:  # bantin
                file, date = os.path.basename(r["origin"]), local_date(r.get("date"))
                text = "\n".join(filter(None, [r.get("lead"), r.get("body")]))
            else:  # readability.mjs
                file, date, text = r["file"], local_date(r.get("published")), r.get("text") or ""
            pages.setdefault(file, {"title": r.get("title"), "date": date, "text": text})
    return pages


def score(truth, system):
    """Counts over all pages ("all") and per template."""
    counts = defaultdict(Counter)
    for t in truth:
        s = system.get(t["file"], {})
        want, got = words("\n".join([t["lead"] or ""] + t["body"])), words(s.get("text", ""))
        hit, n_want, n_got = sum((want & got).values()), sum(want.values()), sum(got.values())
        row = {"pages": 1, "title": norm(s.get("title")) == norm(t["title"]),
               "title_ci": norm(s.get("title")).casefold() == norm(t["title"]).casefold(),
               "date": s.get("date") == t["date"], "hit": hit, "truth_words": n_want, "system_words": n_got,
               "f1_95": n_want + n_got > 0 and 2 * hit / (n_want + n_got) >= 0.95}
        for key in ("all", t["template"]):
            counts[key].update(row)
    return {key: metrics(c) for key, c in sorted(counts.items())}


def metrics(c):
    p = c["hit"] / c["system_words"] if c["system_words"] else 0.0
    r = c["hit"] / c["truth_words"] if c["truth_words"] else 0.0
    share = lambda k: c[k] / c["pages"]
    return {"pages": c["pages"], "title_right": share("title"), "title_right_ignoring_case": share("title_ci"),
            "date_right": share("date"), "body_precision": p, "body_recall": r,
            "body_f1": 2 * p * r / (p + r) if p + r else 0.0, "pages_f1_95": share("f1_95")}


ROWS = [("title right", "title_right"), ("title right, ignoring case", "title_right_ignoring_case"),
        ("date right", "date_right"), ("body precision", "body_precision"), ("body recall", "body_recall"),
        ("body F1", "body_f1"), ("pages with F1 ≥ 0.95", "pages_f1_95")]
PER_TEMPLATE = [("title", "title_right"), ("date", "date_right"), ("F1", "body_f1"), ("F1≥.95", "pages_f1_95")]


def table(header, rows):
    return "\n".join("| " + " | ".join(r) + " |" for r in [header, ["---"] * len(header)] + rows)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("truth")
    ap.add_argument("systems", nargs="+", metavar="system")
    ap.add_argument("--system", action="append", default=[], dest="names", help="a name per SYSTEM file")
    ap.add_argument("--json", help="also write the results here")
    args = ap.parse_args()
    names = args.names + [os.path.splitext(os.path.basename(p))[0] for p in args.systems[len(args.names):]]
    with open(args.truth, encoding="utf-8") as f:
        truth = [json.loads(line) for line in filter(str.strip, f)]
    results = {name: score(truth, load_system(path)) for name, path in zip(names, args.systems)}

    pct = lambda x: f"{100 * x:.1f} %"
    print(f"{len(truth)} pages\n")
    print(table(["metric"] + names, [[label] + [pct(results[n]["all"][key]) for n in names] for label, key in ROWS]))
    templates = sorted({t["template"] for t in truth})
    print("\nPer template (share of pages right; body F1 micro-averaged):\n")
    print(table(["template", "pages"] + [f"{n} {label}" for n in names for label, _ in PER_TEMPLATE],
                [[tpl, str(results[names[0]][tpl]["pages"])] + [pct(results[n][tpl][key]) for n in names for _, key in PER_TEMPLATE]
                 for tpl in templates]))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=1, ensure_ascii=False)


if __name__ == "__main__":
    main()
