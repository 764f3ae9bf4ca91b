#!/usr/bin/env python3
"""Turns the event annotators' files into the gold files and prints the agreement of the
double articles (docs/annotation.md, sections 18-19).

  events_collect.py CORPUS_DIR ANNOTATION_DIR ARTICLES.tsv OUT_DIR

ANNOTATION_DIR holds, per batch B, batchB.txt (the input) and revB.txt (the reviewed
annotation); per double batch S, secondS.txt and second_outS.txt (the second, independent
annotation) and, once adjudicated, adjS.txt (the decided version of those articles). Writes to
OUT_DIR: events.tsv and events-dates.tsv (the gold: reviewed, adjudicated where annotated
twice), events-first.tsv / events-dates-first.tsv and events-second.tsv /
events-dates-second.tsv (the double articles' two independent annotations, before
adjudication). Agreement: F1 of one annotation against the other, an expression or event of
one matching one of the other when their spans overlap (events: any trigger), one to one;
for matched events also how often the root code and every field agree (names compared after
case and diacritics). Only the standard library.
"""
import os
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from events_convert import byte_rows  # noqa: E402

EVENT_HEADER = ("# bantin event set, {what} (scripts/events_collect.py); columns: article_id, event, "
                "trigger begin, trigger end, code, source, target, date, place, status (byte offsets; "
                "docs/annotation.md Part II, docs/format.md \"Event annotations\")\n")
DATE_HEADER = ("# bantin event set's temporal expressions, {what} (scripts/events_collect.py); columns: "
               "article_id, begin, end, value (byte offsets; docs/annotation.md section 11)\n")


def fold(name):
    s = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D")).lower()
    return " ".join("".join(c for c in s if not unicodedata.combining(c)).split())


def collect(corpus, adir, pattern_in, pattern_out, keys):
    events, dates = [], []
    for k in keys:
        inp, out = os.path.join(adir, pattern_in % k), os.path.join(adir, pattern_out % k)
        e, d, problems = byte_rows(corpus, inp, out)
        if problems:
            sys.exit(f"{out}: {len(problems)} problems (run events_convert.py check): {problems[0]}")
        events += e
        dates += d
    return events, dates


def group(events):
    """{(article, event): [triggers, fields]}"""
    out = {}
    for r in events:
        out.setdefault((r[0], r[1]), [[], r[4:]])[0].append((int(r[2]), int(r[3])))
    return out


def agreement(first_events, first_dates, second_events, second_dates):
    def overlap(a, b):
        return a[0] < b[1] and b[0] < a[1]
    # Dates: overlap and equal value.
    fd = [(r[0], int(r[1]), int(r[2]), r[3]) for r in first_dates]
    sd = [(r[0], int(r[1]), int(r[2]), r[3]) for r in second_dates]
    taken, both = set(), 0
    for a in sd:
        for n, b in enumerate(fd):
            if n not in taken and a[0] == b[0] and overlap(a[1:3], b[1:3]) and a[3] == b[3]:
                taken.add(n)
                both += 1
                break
    date_f1 = 200.0 * both / (len(fd) + len(sd)) if fd or sd else 100.0
    # Events: any trigger overlapping, one to one, the pair agreeing on most fields first.
    fe, se = group(first_events), group(second_events)
    def agree(x, y):
        return [x[0][:2] == y[0][:2]] + [fold(x[k]) == fold(y[k]) for k in range(1, 5)]
    pairs = []
    for ka, (ta, xa) in fe.items():
        for kb, (tb, xb) in se.items():
            if ka[0] == kb[0] and any(overlap(p, q) for p in ta for q in tb):
                pairs.append((-sum(agree(xa, xb)), ka, kb))
    pairs.sort()
    used_a, used_b, matched = set(), set(), []
    for _, ka, kb in pairs:
        if ka not in used_a and kb not in used_b:
            used_a.add(ka)
            used_b.add(kb)
            matched.append(agree(fe[ka][1], se[kb][1]))
    event_f1 = 200.0 * len(matched) / (len(fe) + len(se)) if fe or se else 100.0
    share = lambda k: 100.0 * sum(m[k] for m in matched) / len(matched) if matched else 0.0
    full = 100.0 * sum(all(m) for m in matched) / len(matched) if matched else 0.0
    return (f"dates: {len(fd)} and {len(sd)} expressions, agreement F1 {date_f1:.1f}\n"
            f"events: {len(fe)} and {len(se)} events, {len(matched)} matched, agreement F1 {event_f1:.1f}; "
            f"on matched events: root code {share(0):.1f}%, source {share(1):.1f}%, target {share(2):.1f}%, "
            f"date {share(3):.1f}%, place {share(4):.1f}%, all five {full:.1f}%")


def write(path, header, rows):
    with open(path, "w", encoding="utf-8") as f:
        f.write(header)
        f.writelines("\t".join(r) + "\n" for r in sorted(rows, key=lambda r: (r[0], int(r[2]) if r[1].startswith("E") else int(r[1]))))


def main(corpus, adir, articles_tsv, out_dir):
    rows = [l.rstrip("\n").split("\t") for l in open(articles_tsv, encoding="utf-8") if not l.startswith("#")]
    batches = sorted({r[5] for r in rows})
    doubles = {r[0] for r in rows if r[4] == "1"}
    events, dates = collect(corpus, adir, "batch%s.txt", "rev%s.txt", batches)
    seconds = sorted(f[len("second"):-len(".txt")] for f in os.listdir(adir) if f.startswith("second") and f[6:-4].isdigit())
    s_events, s_dates = collect(corpus, adir, "second%s.txt", "second_out%s.txt", seconds)
    f_events = [r for r in events if r[0] in doubles]
    f_dates = [r for r in dates if r[0] in doubles]
    print(agreement(f_events, f_dates, s_events, s_dates))
    adjudicated = [s for s in seconds if os.path.exists(os.path.join(adir, f"adj{s}.txt"))]
    if adjudicated:
        a_events, a_dates = collect(corpus, adir, "second%s.txt", "adj%s.txt", adjudicated)
        decided = {r[0] for r in a_events + a_dates} | {
            l[4:].strip() for s in adjudicated for l in open(os.path.join(adir, f"adj{s}.txt"), encoding="utf-8") if l.startswith("=== ")}
        events = [r for r in events if r[0] not in decided] + a_events
        dates = [r for r in dates if r[0] not in decided] + a_dates
        print(f"adjudicated: {len(decided)} of the {len(doubles)} double articles")
    write(os.path.join(out_dir, "events.tsv"), EVENT_HEADER.format(what="gold"), events)
    write(os.path.join(out_dir, "events-dates.tsv"), DATE_HEADER.format(what="gold"), dates)
    write(os.path.join(out_dir, "events-first.tsv"), EVENT_HEADER.format(what="double articles, first annotation (reviewed)"), f_events)
    write(os.path.join(out_dir, "events-dates-first.tsv"), DATE_HEADER.format(what="double articles, first annotation (reviewed)"), f_dates)
    write(os.path.join(out_dir, "events-second.tsv"), EVENT_HEADER.format(what="double articles, second annotation"), s_events)
    write(os.path.join(out_dir, "events-dates-second.tsv"), DATE_HEADER.format(what="double articles, second annotation"), s_dates)
    by_split = {}
    split_of = {r[0]: r[3] for r in rows}
    for r in events:
        by_split.setdefault(split_of[r[0]], set()).add((r[0], r[1]))
    print("events per split:", {k: len(v) for k, v in sorted(by_split.items())},
          "dates:", len(dates), "articles:", len(rows))


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(*sys.argv[1:])
