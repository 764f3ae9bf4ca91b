#!/usr/bin/env python3
"""Event and date annotation files: makes annotators' inputs, checks their outputs, turns them
into byte offsets. Format: docs/annotation.md, section 16.

  events_convert.py input CORPUS_DIR ARTICLES.tsv BATCH OUT.txt [--second]
      the numbered texts (with each article's date line) of one batch; with --second, BATCH
      is the number of a batch of eight double articles
  events_convert.py check INPUT.txt OUTPUT.txt
      lists the output lines that do not fit the text or the format (exit 1 if any), then
      actor names the article never writes (warnings: check the spelling)
  events_convert.py offsets CORPUS_DIR INPUT.txt OUTPUT.txt EVENTS.tsv DATES.tsv
      appends the rows of the gold files (docs/annotation.md, section 19)

A trigger or expression is the first whole-word occurrence of its string in the paragraph, or
the n-th with `#n` (the lines of two events may share a trigger: one action, two targets).
Only the standard library.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ner_convert import load_articles, matched_blocks, nth_word, paragraphs, read_blocks  # noqa: E402

STATUS = {"happened", "planned", "denied"}
_M, _D = r"(0[1-9]|1[0-2])", r"(0[1-9]|[12]\d|3[01])"
_DAY = rf"(\d{{4}}-{_M}-{_D}|--{_M}-{_D})"
_POINT = rf"(\d{{4}}-{_M}-{_D}|\d{{4}}-{_M}|\d{{2,4}}|--{_M}-{_D}|--{_M})"
VALUE = re.compile(rf"^(-|{_POINT}|\d{{4}}-Q[1-4]|\d{{4}}-(SP|SU|FA|WI)|{_POINT}/{_POINT}|{_POINT}(,{_POINT})+)$")
CODE = re.compile(r"^(0[1-9]|1\d|20)\d?$")


def make_input(corpus_dir, articles_tsv, batch, out_path, second):
    rows = [l.rstrip("\n").split("\t") for l in open(articles_tsv, encoding="utf-8") if not l.startswith("#")]
    if second:
        want = sorted(r[0] for r in rows if r[4] == "1")[(int(batch) - 1) * 8:int(batch) * 8]
    else:
        want = [r[0] for r in rows if r[5] == batch]
    texts = load_articles(corpus_dir, set(want))
    with open(out_path, "w", encoding="utf-8") as out:
        for i in want:
            text, date = texts[i]
            out.write(f"=== {i}\ndate: {date}\n")
            for k, (_, line) in enumerate(paragraphs(text), 1):
                out.write(f"p{k}\t{line}\n")
            out.write("\n")


def read_input(path):
    """{article_id: (date, [paragraph texts])}."""
    arts = {}
    for aid, lines in read_blocks(path).items():
        date = next((l.split(":", 1)[1].strip() for _, l in lines if l.startswith("date:")), "none")
        arts[aid] = (date, [l.split("\t", 1)[1] for _, l in lines if l.startswith("p") and "\t" in l])
    return arts


def locate(paras, pfield, string):
    """(paragraph index, char begin) of `string` (with an optional #n) or an error text."""
    if not re.fullmatch(r"p\d+", pfield):
        return None, f"want p<N>, not {pfield!r}"
    k = int(pfield[1:]) - 1
    if not 0 <= k < len(paras):
        return None, f"no paragraph {pfield}"
    nth = 1
    m = re.fullmatch(r"(.*)#(\d+)", string)
    if m:
        string, nth = m.group(1), int(m.group(2))
    if not string:
        return None, "empty string"
    pos = nth_word(paras[k], string, nth)
    if pos < 0:
        return None, f"{string!r} is not in {pfield} as a whole word" + (f" {nth} times" if nth > 1 else "")
    return (k, pos, pos + len(string)), None


def convert(input_path, output_path):
    """(dates, events, problems, warnings). dates: (id, k, b, e, value); events: (id, event, k,
    b, e, code, source, target, date, place, status)."""
    texts = read_input(input_path)
    dates, events, problems, warnings = [], [], [], []
    for aid, lines in matched_blocks(texts, output_path, problems):
        _, paras = texts[aid]
        whole = "\n".join(paras)
        full = {}
        for n, line in lines:
            if not line.strip() or line.startswith("#"):
                continue
            f = [x.strip() for x in line.split("\t")]
            where = f"{output_path}:{n}: {aid}"
            if f[0] == "T":
                if len(f) != 4:
                    problems.append(f"{where}: want T<TAB>p<N><TAB>expression<TAB>value: {line!r}")
                    continue
                span, err = locate(paras, f[1], f[2])
                if err:
                    problems.append(f"{where}: {err}")
                elif not VALUE.match(f[3]):
                    problems.append(f"{where}: value {f[3]!r} is none of the forms of section 11")
                else:
                    dates.append((aid, *span, f[3]))
                continue
            if not re.fullmatch(r"E\d+", f[0]):
                problems.append(f"{where}: a line starts with T or E<k>: {line!r}")
                continue
            if len(f) == 3:
                if f[0] not in full:
                    problems.append(f"{where}: {f[0]} is mentioned before its full line")
                    continue
                span, err = locate(paras, f[1], f[2])
                if err:
                    problems.append(f"{where}: {err}")
                else:
                    events.append((aid, f[0], *span, *full[f[0]]))
                continue
            if len(f) != 9:
                problems.append(f"{where}: want E<k> p<N> trigger code source target date place status "
                                f"(9 fields, or 3 for a further mention), got {len(f)}: {line!r}")
                continue
            eid, p, trig, code, src, tgt, date, place, status = f
            if eid in full:
                problems.append(f"{where}: {eid} has a full line already (a further mention has 3 fields)")
                continue
            span, err = locate(paras, p, trig)
            bad = [err] if err else []
            if not CODE.match(code):
                bad.append(f"code {code!r} is no CAMEO root 01-20 or sub-code")
            if src in ("", "-"):
                bad.append("no source (no name, no event)")
            if tgt == "":
                bad.append("empty target (write -)")
            if not VALUE.match(date):
                bad.append(f"date {date!r} is none of the forms of section 11")
            if place == "":
                bad.append("empty place (write -)")
            if status not in STATUS:
                bad.append(f"status {status!r} (happened, planned, denied)")
            if src == tgt:
                bad.append("the target is the source")
            if bad:
                problems.append(f"{where}: " + "; ".join(bad))
                continue
            for name in (src, tgt, place):
                if name != "-" and name not in whole:
                    warnings.append(f"{where}: {name!r} is not written in the article (a country for its capital is fine)")
            full[eid] = (code, src, tgt, date, place, status)
            events.append((aid, eid, *span, *full[eid]))
    return dates, events, problems, warnings


def byte_rows(corpus_dir, input_path, output_path):
    """(event rows, date rows, problems) of the gold files (docs/format.md): byte offsets into
    the article's text as bantin's reader composes it, every field a string."""
    dates, events, problems, _ = convert(input_path, output_path)
    texts = load_articles(corpus_dir, {r[0] for r in dates + events})

    def span(aid, k, b, e):
        start, line = paragraphs(texts[aid][0])[k]
        return str(start + len(line[:b].encode("utf-8"))), str(start + len(line[:e].encode("utf-8")))

    event_rows = [[r[0], r[1], *span(r[0], *r[2:5]), *r[5:]] for r in events]
    date_rows = [[r[0], *span(r[0], *r[1:4]), r[4]] for r in dates]
    return event_rows, date_rows, problems


def main(argv):
    if len(argv) >= 6 and argv[1] == "input":
        make_input(argv[2], argv[3], argv[4], argv[5], "--second" in argv)
        return 0
    if len(argv) == 4 and argv[1] == "check":
        _, _, problems, warnings = convert(argv[2], argv[3])
        for p in problems:
            print(p)
        for w in warnings:
            print("warning:", w)
        print(f"{len(problems)} problems, {len(warnings)} warnings")
        return 1 if problems else 0
    if len(argv) == 7 and argv[1] == "offsets":
        events, dates, problems = byte_rows(argv[2], argv[3], argv[4])
        for p in problems:
            print(p, file=sys.stderr)
        with open(argv[5], "a", encoding="utf-8") as out:
            out.writelines("\t".join(r) + "\n" for r in events)
        with open(argv[6], "a", encoding="utf-8") as out:
            out.writelines("\t".join(r) + "\n" for r in dates)
        return 1 if problems else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
