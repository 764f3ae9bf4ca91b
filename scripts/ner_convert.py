#!/usr/bin/env python3
"""Entity annotation files: makes annotators' inputs, checks their outputs, turns them into
byte offsets. Format of both: docs/annotation.md, section 5.

  ner_convert.py input CORPUS_DIR ARTICLES.tsv BATCH OUT.txt [--second]
      the numbered texts of one batch (--second: the double articles of every batch)
  ner_convert.py check INPUT.txt OUTPUT.txt
      lists the output lines that do not match the text (exit 1 if any)
  ner_convert.py offsets CORPUS_DIR INPUT.txt OUTPUT.txt
      prints "article_id<TAB>begin<TAB>end<TAB>type<TAB>category" rows (byte offsets into the
      article's text as bantin's reader composes it)

Mentions of a paragraph are found in order: each from where the previous one of that
paragraph ended, else (a mention listed out of order) the first not yet taken from the
paragraph's start. Only the standard library.
"""
import json
import subprocess
import sys

TYPES = {"PER", "LOC", "ORG"}


def compose(d):
    text = d.get("title", "")
    if d.get("lead"):
        text += "\n\n" + d["lead"]
    first = True
    for para in d.get("body", "").split("\n"):
        para = para.rstrip("\r ")
        if not para:
            continue
        text += "\n\n" if first else "\n"
        first = False
        text += para
    return text


def paragraphs(text):
    """(begin byte offset, line) for each non-empty line of the text."""
    out, at = [], 0
    raw = text.encode("utf-8")
    for line in raw.split(b"\n"):
        if line:
            out.append((at, line.decode("utf-8")))
        at += len(line) + 1
    return out


def read_blocks(path):
    """{article_id: [lines]} of a file of `=== id` blocks."""
    blocks, cur = {}, None
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if line.startswith("=== "):
                cur = line[4:].strip()
                blocks[cur] = []
            elif cur is not None:
                blocks[cur].append((n, line))
    return blocks


def make_input(corpus_dir, articles_tsv, batch, out_path, second):
    rows = [l.rstrip("\n").split("\t") for l in open(articles_tsv, encoding="utf-8") if not l.startswith("#")]
    want = [r[0] for r in rows if (r[4] == "1" if second else r[5] == batch)]
    if second:  # the double articles, split in three batches of twenty
        want = sorted(want)[(int(batch) - 1) * 20:int(batch) * 20]
    texts = load_texts(corpus_dir, set(want))
    with open(out_path, "w", encoding="utf-8") as out:
        for i in want:
            out.write(f"=== {i}\n")
            for k, (_, line) in enumerate(paragraphs(texts[i]), 1):
                out.write(f"p{k}\t{line}\n")
            out.write("\n")


def read_input(path):
    """{article_id: [(paragraph text)]} from an input file."""
    arts = {}
    for aid, lines in read_blocks(path).items():
        arts[aid] = [l.split("\t", 1)[1] for _, l in lines if l.startswith("p") and "\t" in l]
    return arts


def inside_word(para, name, pos):
    end = pos + len(name)
    return (pos > 0 and para[pos - 1].isalnum() and name[0].isalnum()) or \
           (end < len(para) and para[end].isalnum() and name[-1].isalnum())


def find_word(para, name, start, k, taken, whole=True):
    """The first occurrence of `name` at or after `start` that is not taken yet and (with
    `whole`) not inside a longer word; -1 if none."""
    pos = start
    while True:
        pos = para.find(name, pos)
        if pos < 0:
            return -1
        if not (whole and inside_word(para, name, pos)) and (k, pos) not in taken:
            return pos
        pos += 1


def nth_word(para, name, nth):
    """Where the nth (from 1) whole-word occurrence of `name` in `para` starts; -1 if none."""
    pos = 0
    while True:
        pos = para.find(name, pos)
        if pos < 0:
            return -1
        if not inside_word(para, name, pos):
            nth -= 1
            if nth == 0:
                return pos
        pos += 1


def matched_blocks(texts, output_path, problems):
    """(article_id, lines) of the output's blocks whose article is in `texts`; an article
    without a block and a block without an article are added to `problems`."""
    blocks = read_blocks(output_path)
    for aid in texts:
        if aid not in blocks:
            problems.append(f"{output_path}: article {aid} has no block")
    for aid, lines in blocks.items():
        if aid not in texts:
            problems.append(f"{output_path}: article {aid} is not in the input")
            continue
        yield aid, lines


def convert(input_path, output_path):
    """(rows, problems): rows as (id, begin, end, type, category)."""
    texts = read_input(input_path)
    rows, problems = [], []
    for aid, lines in matched_blocks(texts, output_path, problems):
        paras = texts[aid]
        category = ""
        taken = {}
        cursor = {}
        for n, line in lines:
            s = line.strip()
            if not s or s.startswith("#"):
                continue
            if s.startswith("category:"):
                category = s.split(":", 1)[1].strip()
                continue
            f = line.split("\t")
            f = [x.strip() for x in f]
            nth = 0  # an optional fourth field: which whole-word occurrence in the paragraph
            if len(f) == 4 and f[3].isdigit() and int(f[3]) > 0:
                nth = int(f[3])
                f = f[:3]
            if len(f) != 3 or not f[0].startswith("p") or not f[0][1:].isdigit() or f[2] not in TYPES or not f[1]:
                problems.append(f"{output_path}:{n}: want p<N><TAB>name<TAB>PER|LOC|ORG: {line!r}")
                continue
            k = int(f[0][1:]) - 1
            if not 0 <= k < len(paras):
                problems.append(f"{output_path}:{n}: {aid} has no paragraph {f[0]}")
                continue
            para = paras[k]
            if nth:
                pos = nth_word(para, f[1], nth)
                if (k, pos) in taken:
                    pos = -1
            else:
                pos = find_word(para, f[1], cursor.get(k, 0), k, taken)
                if pos < 0:
                    pos = find_word(para, f[1], 0, k, taken)
                if pos < 0:  # a name glued to the next or previous word ("Minh PhươngTheo")
                    pos = find_word(para, f[1], 0, k, taken, whole=False)
            if pos < 0:
                problems.append(f"{output_path}:{n}: {aid} {f[0]}: {f[1]!r} is not in the paragraph (or every occurrence is taken)")
                continue
            taken[(k, pos)] = True
            cursor[k] = pos + len(f[1])
            rows.append((aid, k, pos, pos + len(f[1]), f[2], category))
        if not category:
            problems.append(f"{output_path}: {aid} has no category line")
    return rows, problems


_CORPUS = {}


def load_articles(corpus_dir, ids):
    """{id: (composed text, date or "none")} of the articles `ids` (each corpus file is read
    once per run)."""
    if corpus_dir not in _CORPUS:
        _CORPUS[corpus_dir] = _read_corpus(corpus_dir)
    return {i: _CORPUS[corpus_dir][i] for i in ids if i in _CORPUS[corpus_dir]}


def load_texts(corpus_dir, ids):
    """{id: composed text} of the articles `ids`."""
    return {i: text for i, (text, _) in load_articles(corpus_dir, ids).items()}


def _read_corpus(corpus_dir):
    articles = {}
    for source in ("baomoi", "dantri", "vnds"):
        raw = subprocess.run(["zstdcat", f"{corpus_dir}/{source}.jsonl.zst"], capture_output=True, check=True).stdout
        for line in raw.split(b"\n"):
            if line.strip():
                d = json.loads(line)
                articles[d["id"]] = (compose(d), (d.get("date") or "none")[:10])
    return articles


def byte_rows(corpus_dir, rows):
    """(id, paragraph, char begin, char end, ...) -> (id, byte begin, byte end, ...) in the composed text."""
    texts = load_texts(corpus_dir, {r[0] for r in rows})
    out = []
    for aid, k, b, e, t, cat in rows:
        start, line = paragraphs(texts[aid])[k]
        bb = start + len(line[:b].encode("utf-8"))
        be = start + len(line[:e].encode("utf-8"))
        out.append((aid, bb, be, t, cat))
    return out


def main(argv):
    if len(argv) >= 6 and argv[1] == "input":
        make_input(argv[2], argv[3], argv[4], argv[5], "--second" in argv)
        return 0
    if len(argv) == 4 and argv[1] == "check":
        _, problems = convert(argv[2], argv[3])
        for p in problems:
            print(p)
        print(f"{len(problems)} problems")
        return 1 if problems else 0
    if len(argv) == 5 and argv[1] == "offsets":
        rows, problems = convert(argv[3], argv[4])
        for p in problems:
            print(p, file=sys.stderr)
        for r in byte_rows(argv[2], rows):
            print("\t".join(str(x) for x in r))
        return 1 if problems else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
