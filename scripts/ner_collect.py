#!/usr/bin/env python3
"""Collects the annotators' files into the corpus's gold (docs/annotation.md, section 8).

  ner_collect.py CORPUS_DIR ANNOT_DIR ARTICLES.tsv OUT_DIR

ANNOT_DIR holds, per batch NN: batchNN.txt (the input), outNN.txt (the first annotation),
revNN.txt (its review, when done); per double batch K: secondK.txt, second_outK.txt (the
independent second annotation) and adjK.txt (the adjudicated annotation). Writes
OUT_DIR/ner-entities.tsv (gold: reviewed first annotations; adjudicated ones for the double
articles), OUT_DIR/ner-first.tsv and OUT_DIR/ner-second.tsv (the double articles' two
independent annotations, for the agreement figure), and the annotators' categories into
ARTICLES.tsv's seventh column. Prints the agreement (F1 of one annotation against the other,
exact span and type).
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ner_convert  # noqa: E402


def rows_of(corpus, inp, out):
    rows, problems = ner_convert.convert(inp, out)
    if problems:
        raise SystemExit(f"{out}: {len(problems)} problems, first: {problems[0]}")
    return ner_convert.byte_rows(corpus, rows)


def main(corpus, annot, articles_tsv, out_dir):
    arts = [l.rstrip("\n").split("\t") for l in open(articles_tsv, encoding="utf-8")]
    header, arts = arts[0], arts[1:]
    double = {a[0] for a in arts if a[4] == "1"}
    gold, first, second, cats = {}, {}, {}, {}
    batches = sorted({a[5] for a in arts})
    for b in batches:
        inp = f"{annot}/batch{b}.txt"
        out = f"{annot}/rev{b}.txt" if os.path.exists(f"{annot}/rev{b}.txt") else f"{annot}/out{b}.txt"
        for aid, bb, be, t, cat in rows_of(corpus, inp, out):
            gold.setdefault(aid, []).append((bb, be, t))
        for aid, lines in ner_convert.read_blocks(out).items():  # also articles with no name
            for _, line in lines:
                if line.startswith("category:"):
                    cats[aid] = line.split(":", 1)[1].strip()
        for aid, bb, be, t, cat in rows_of(corpus, inp, f"{annot}/out{b}.txt"):
            if aid in double:
                first.setdefault(aid, []).append((bb, be, t))
    for k in (1, 2, 3):
        inp = f"{annot}/second{k}.txt"
        if not os.path.exists(f"{annot}/second_out{k}.txt"):
            continue
        for aid, bb, be, t, cat in rows_of(corpus, inp, f"{annot}/second_out{k}.txt"):
            second.setdefault(aid, []).append((bb, be, t))
        if os.path.exists(f"{annot}/adj{k}.txt"):
            adjudicated = {}
            for aid, bb, be, t, cat in rows_of(corpus, inp, f"{annot}/adj{k}.txt"):
                adjudicated.setdefault(aid, []).append((bb, be, t))
            for aid in ner_convert.read_input(inp):
                gold[aid] = adjudicated.get(aid, [])
            for aid, lines in ner_convert.read_blocks(f"{annot}/adj{k}.txt").items():
                for _, line in lines:
                    if line.startswith("category:"):
                        cats[aid] = line.split(":", 1)[1].strip()
    ids = sorted(a[0] for a in arts)

    def write(path, table, only=None, note=""):
        with open(path, "w", encoding="utf-8") as f:
            f.write(f"# {note}; columns: article_id, begin, end, type (byte offsets; docs/annotation.md)\n")
            for aid in ids:
                if only is not None and aid not in only:
                    continue
                for bb, be, t in sorted(set(table.get(aid, []))):
                    f.write(f"{aid}\t{bb}\t{be}\t{t}\n")

    write(f"{out_dir}/ner-entities.tsv", gold, note="bantin entity corpus, gold (scripts/ner_collect.py)")
    write(f"{out_dir}/ner-first.tsv", first, double, "double articles: first annotation, before review or adjudication")
    write(f"{out_dir}/ner-second.tsv", second, double, "double articles: second, independent annotation")
    tp = sum(len(set(first.get(a, [])) & set(second.get(a, []))) for a in double)
    n1 = sum(len(set(first.get(a, []))) for a in double)
    n2 = sum(len(set(second.get(a, []))) for a in double)
    if n1 and n2:
        p, r = tp / n2, tp / n1
        print(f"agreement on {len(double)} double articles: F1 {200 * p * r / (p + r):.1f} "
              f"({n1} and {n2} mentions, {tp} the same)")
        for ty in ("PER", "LOC", "ORG"):
            a = sum(len({m for m in first.get(x, []) if m[2] == ty} & {m for m in second.get(x, []) if m[2] == ty}) for x in double)
            c1 = sum(len({m for m in first.get(x, []) if m[2] == ty}) for x in double)
            c2 = sum(len({m for m in second.get(x, []) if m[2] == ty}) for x in double)
            print(f"  {ty}: F1 {200 * a / (c1 + c2):.1f}")
    with open(articles_tsv, "w", encoding="utf-8") as f:
        h = header[:6] + ["annotated_category  (scripts/ner_sample.py; column 7: scripts/ner_collect.py)"]
        f.write("\t".join(h).replace("  (scripts/ner_sample.py)", "") + "\n")
        for a in arts:
            f.write("\t".join(a[:6] + [cats.get(a[0], "")]) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:5])
