#!/usr/bin/python3
"""Search quality and speed: nDCG@10 and latency of SQLite FTS5, Xapian and bantin on the same data.

Usage (Debian's Python, which sees the python3-xapian package; the pyenv python does not):

    /usr/bin/python3 bench/search_quality.py [--limit-distractors N] [--bantin PATH] [--json FILE]

    --limit-distractors N  index only the first N baomoi distractors (quick run; default: all)
    --bantin PATH          also evaluate the bantin binary at PATH (skipped when not given)
    --json FILE            also write the raw figures as JSON to FILE
    --engines LIST         run these of fts5,xapian,xapian-folded,xapian-routed,bantin
                           (default: fts5,xapian,bantin)
    --write-collection DIR write the collection and the 160 queries there and stop
                           (for bench/search_latency.sh)
    --with-vnds            add the vnds corpus as further distractors (baomoi + vnds, ~58k
                           articles: the collection of the speed comparison)
    --rounds R             then R more rounds, the Xapian engines and bantin taking turns (each
                           answering the queries --passes times, the last pass kept): the
                           ratios of their p50s per round and the medians of those, of all
                           queries, the typed and the folded ones (the VM's speed drifts
                           between one engine's turn and the other's; taking turns spreads it)
    --passes N             every engine answers the queries N times in one process and its
                           latencies are those of the last pass (default 1: a fresh process's
                           first pass, cold caches included; 2 or more: steady state, as a
                           server answers)

Protocol
--------
Collection: every article of data/stories/vmds-dev.jsonl (248, ids "vmds-...") plus the baomoi
distractors of data/corpus/baomoi.jsonl.zst (35,439, ids "baomoi-..."; an id that would collide
is prefixed with "b:"). Document text = title + "\\n" + lead + "\\n" + body (missing fields empty).

Queries: one per distinct gold cluster ("story", 80 in vmds-dev), the cluster's story_name twice:
  - typed:  as written, with diacritics;
  - folded: lowercased, NFD, combining marks dropped, đ/Đ -> d (what people type without an IME).
Relevant documents of a query = the vmds articles of its cluster (binary relevance); distractors
are never relevant. Score: nDCG@10, DCG = sum over ranks r = 1..10 of rel_r / log2(r + 1), ideal
DCG from min(10, #relevant) relevant documents at the top; mean over the 80 queries, separately
for typed and folded queries.

Engines (plain bag of words: OR semantics, ranked):
  - FTS5: file database, `docs USING fts5(id UNINDEXED, body, tokenize='unicode61
    remove_diacritics 2')`; the query quotes each token (runs of letters/digits) as its own phrase,
    joined with OR; ORDER BY rank (bm25()) LIMIT 10. The table stores the text too (not
    contentless), which counts in its size.
  - Xapian: TermGenerator without stemmer (terms are lowercased words, diacritics kept), the id as
    document data; QueryParser with default operator OR and default flags, BM25Weight, top 10.
    Its top-ids time covers parsing, matching and the hits' docids (document numbers, as
    bantin's ranking time ends at its documents' numbers); the ids are read afterwards, untimed.
    QueryParser gets the same tokens as FTS5 joined by spaces: given the raw name it would turn
    "22/10", "Việt Nam-Ấn Độ" or a quoted title into phrase queries, not a bag of words.
    Its full answer adds, for each of the 10 hits, the title and MSet.snippet() of the text (200
    bytes, highlighted; flags 0: no background model, not exhaustive, its fastest), title and
    text taken from a Python dict (no storage read: in Xapian's favour).
  - Xapian folded (engine `xapian-folded`): the same, over the folded text (fold() below)
    and with the query's words folded: how Xapian is made to find words typed without
    diacritics (one term a word, so its fastest way; it no longer tells "hoàng" from "hoảng",
    and ranks no exact form first). Its snippets are cut from the folded text, the only one
    whose words it can highlight. It folds typed queries too: its typed and folded queries are
    the same strings.
  - Xapian routed (engine `xapian-routed`): both databases; a query with diacritics goes to the
    plain one, a query without to the folded one — the fastest way to have Xapian answer both
    kinds, each from its own index (its typed answers are plain Xapian's, its folded answers
    Xapian folded's).
  - bantin (optional): `bantin ingest --quiet --no-extract --no-stories --db DIR collection.jsonl` (id, title,
    lead, body; store and index only, as the anchors do: no entities, events or stories),
    then `bantin search --db DIR --json --limit 10 --queries queries.txt`, which must print one
    JSON object per query line, {"total": N, "hits": [{"id": ...}, ...]}. Per-query latency is
    taken from a "took_ms" field of each object when present; otherwise only the batch mean
    (wall time / queries, process start included) is reported, in the JSON.
Plain Xapian answers folded queries from the few documents that hold the bare syllables
(nDCG@10 0.18): its speed on them is that of not finding the articles, which is why the
other two are timed too and every ratio is also given for the typed and the folded queries
apart.
bantin also reports "rank_ms" (parsing and ranking, until its top documents are known: set
against an anchor's top ids) besides "took_ms" (the full answer: ids, titles, dates, snippets
with highlights: set against an anchor's full answer, and against its top ids as in earlier
rounds). In the JSON, every engine has "ids_latency_ms" and "full_latency_ms" (null when it
has none) and their p50/p99 per kind of query ("ids_ms", "full_ms"); nearest rank: p99 of 80
queries is the slowest, of 160 the second slowest.
Also measured per engine: build time (s, wall, commit included), index size on disk (bytes, all
files of the database), query latency p50/p99 (ms, nearest rank) over the 160 queries (typed then
folded), an anchor's timed with time.perf_counter around each call.
Sizes: MB = 10^6 bytes. Deterministic (fixed input order, no randomness, no network).
"""
import argparse
import gc
import json
import math
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata

try:
    import xapian
except ImportError:
    xapian = None

DATA = "/work/shared/data"
STORIES = os.path.join(DATA, "stories/vmds-dev.jsonl")
CORPUS = os.path.join(DATA, "corpus/baomoi.jsonl.zst")
VNDS = os.path.join(DATA, "corpus/vnds.jsonl.zst")
K = 10


def fold(s):
    s = unicodedata.normalize("NFD", s.lower())
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.replace("đ", "d").replace("Đ", "d")


def doc_text(a):
    return "\n".join(a.get(f) or "" for f in ("title", "lead", "body"))


def load(limit, with_vnds=False):
    """Returns (docs [(id, title, lead, body)], queries [(text, kind, cluster)], relevant {cluster: ids})."""
    docs, relevant, names = [], {}, {}
    for line in open(STORIES, encoding="utf-8"):
        if line.strip():
            a = json.loads(line)
            docs.append((a["id"], a.get("title") or "", a.get("lead") or "", a.get("body") or ""))
            relevant.setdefault(a["story"], set()).add(a["id"])
            names.setdefault(a["story"], a["story_name"])
    seen = {d[0] for d in docs}
    for corpus in [CORPUS] + ([VNDS] if with_vnds else []):
        raw = subprocess.run(["zstd", "-dc", corpus], check=True, capture_output=True).stdout
        for n, line in enumerate(l for l in raw.decode("utf-8").split("\n") if l.strip()):
            if limit is not None and n >= limit:
                break
            a = json.loads(line)
            i = a["id"] if a["id"] not in seen else "b:" + a["id"]
            seen.add(i)
            docs.append((i, a.get("title") or "", a.get("lead") or "", a.get("body") or ""))
    clusters = sorted(names)
    queries = [(names[c], "typed", c) for c in clusters] + [(fold(names[c]), "folded", c) for c in clusters]
    return docs, queries, relevant


def ndcg(ranked, rel):
    dcg = sum(1 / math.log2(r + 2) for r, d in enumerate(ranked[:K]) if d in rel)
    idcg = sum(1 / math.log2(r + 2) for r in range(min(K, len(rel))))
    return dcg / idcg


def percentile(xs, p):
    xs = sorted(xs)
    return xs[max(0, math.ceil(p / 100 * len(xs)) - 1)]


def dir_size(path):
    if isinstance(path, list):
        return sum(dir_size(p) for p in path)
    if os.path.isfile(path):
        return os.path.getsize(path)
    return sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(path) for f in fs)


# ---------------------------------------------------------------- engines: build, then search
def fts5_build(docs, tmp):
    path = os.path.join(tmp, "fts5.db")
    con = sqlite3.connect(path)
    con.execute("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, body, "
                "tokenize='unicode61 remove_diacritics 2')")
    with con:
        con.executemany("INSERT INTO docs(id, body) VALUES (?, ?)",
                        ((d[0], "\n".join(d[1:])) for d in docs))
    return path, con


def tokens(q):
    """Query words: runs of letters/digits (the same bag of words for every engine)."""
    return re.findall(r"[^\W_]+", q)


def fts5_search(con, q):
    words = tokens(q)
    if not words:
        return []
    match = " OR ".join('"%s"' % t for t in words)
    rows = con.execute("SELECT id FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT ?", (match, K))
    return [r[0] for r in rows]


def xapian_build(docs, tmp, folded=False):
    """A Xapian database of the documents; with `folded`, of their folded text (every word as
    fold() makes it: the way to let Xapian find words typed without diacritics, at the price of
    telling "hoàng" from "hoảng" no more). Documents get the docids 1, 2, ... in order."""
    path = os.path.join(tmp, "xapian-folded" if folded else "xapian")
    db = xapian.WritableDatabase(path, xapian.DB_CREATE_OR_OVERWRITE)
    tg = xapian.TermGenerator()
    text = {}
    for d in docs:
        doc = xapian.Document()
        tg.set_document(doc)
        text[d[0]] = (d[1], fold("\n".join(d[1:])) if folded else "\n".join(d[1:]))
        tg.index_text(text[d[0]][1])
        doc.set_data(d[0])
        db.add_document(doc)
    db.commit()
    db.close()
    db = xapian.Database(path)
    qp = xapian.QueryParser()
    qp.set_database(db)
    qp.set_default_op(xapian.Query.OP_OR)
    enquire = xapian.Enquire(db)
    enquire.set_weighting_scheme(xapian.BM25Weight())
    return path, {"qp": qp, "enquire": enquire, "folded": folded, "text": text, "stem": xapian.Stem("none"),
                  "ids": [d[0] for d in docs]}


def has_diacritics(q):
    return fold(q) != q.lower()


def xapian_state(state, q):
    """The database a query goes to: the routed engine's typed one when the query has diacritics,
    its folded one when it has none; any other engine's own."""
    if "typed" in state:
        return state["typed"] if has_diacritics(q) else state["folded"]
    return state


def xapian_mset(db, q):
    """The top K of database state `db` (one xapian_build gave) for `q`."""
    # Parse the words joined by spaces, so that "22/10", "Nam-Ấn" or quotes do not become phrases.
    words = [fold(t) for t in tokens(q)] if db["folded"] else tokens(q)
    db["enquire"].set_query(db["qp"].parse_query(" ".join(words)))
    return db["enquire"].get_mset(0, K)


def xapian_search(state, q):
    """The top docids (what bantin's ranking time covers: its documents' numbers, not their ids;
    `xapian_ids` reads the ids afterwards, untimed)."""
    return [m.docid for m in xapian_mset(xapian_state(state, q), q)]


def xapian_ids(state, docids):
    ids = (state["typed"] if "typed" in state else state)["ids"]  # the same docids in both databases
    return [ids[d - 1] for d in docids]


def xapian_full(state, q):
    """A full answer, as bantin's: each hit's id (document data), title and a highlighted
    snippet of at most 200 bytes (MSet.snippet, flags 0: no background model, not exhaustive,
    Xapian's fastest). Title and text come from a Python dict, not from storage (in Xapian's
    favour); a folded database cuts its snippets from the folded text, the only one whose words
    it can highlight."""
    db = xapian_state(state, q)
    mset = xapian_mset(db, q)
    out = []
    for m in mset:
        i = m.document.get_data().decode("utf-8")
        title, body = db["text"][i]
        out.append((i, title, mset.snippet(body, 200, db["stem"], 0, "<b>", "</b>", "…")))
    return [o[0] for o in out]


def run_library_engine(name, build, search, docs, queries, tmp, passes=1, full=None, ids=None):
    """Builds an engine and times it. `search` returns its top ids (or numbers that `ids` turns
    into ids, untimed); `full`, when given, a full answer."""
    t0 = time.perf_counter()
    path, state = build(docs, tmp)
    build_s = time.perf_counter() - t0
    run = {"engine": name, "build_s": build_s, "index_bytes": dir_size(path), "state": state, "search": search,
           "full": full}
    results, run["ids_latency_ms"] = library_pass(run, queries, passes)
    run["results"] = [ids(state, r) for r in results] if ids else results
    if full:
        run["full_latency_ms"] = library_pass(run, queries, passes, "full")[1]
    return run


def library_pass(run, queries, passes, how="search"):
    """The answers and latencies (ms) of the last of `passes` passes over the queries of a built
    engine, by its function `how` (Python's cyclic garbage collector off meanwhile, as timeit
    does)."""
    gc.collect()
    gc.disable()
    for _ in range(passes):
        results, lat = [], []
        for q, _, _ in queries:
            t0 = time.perf_counter()
            results.append(run[how](run["state"], q))
            lat.append((time.perf_counter() - t0) * 1000)
    gc.enable()
    return results, lat


def bantin_pass(binary, db, qfile, expected):
    """`bantin search` over the query file (the queries `passes` times): its JSON objects."""
    out = subprocess.run([binary, "search", "--db", db, "--json", "--limit", str(K), "--queries", qfile],
                         check=True, capture_output=True, text=True).stdout
    objs = [json.loads(l) for l in out.splitlines() if l.strip()]
    if len(objs) != expected:
        sys.exit("bantin search printed %d results for %d queries" % (len(objs), expected))
    return objs


def run_bantin(binary, docs, queries, tmp, passes=1):
    db = os.path.join(tmp, "bantin-db")
    inp = os.path.join(tmp, "collection.jsonl")
    qfile = os.path.join(tmp, "queries.txt")
    with open(inp, "w", encoding="utf-8") as f:
        for i, t, l, b in docs:
            f.write(json.dumps({"id": i, "title": t, "lead": l, "body": b}, ensure_ascii=False) + "\n")
    with open(qfile, "w", encoding="utf-8") as f:
        for _ in range(passes):
            f.writelines(q.replace("\n", " ") + "\n" for q, _, _ in queries)
    t0 = time.perf_counter()
    # --no-extract: the anchors index text only; extraction (entities, dates, events) is timed
    # apart (docs/BENCHMARKS.md, "Extraction").
    subprocess.run([binary, "ingest", "--quiet", "--no-extract", "--no-stories", "--db", db, inp], check=True)
    build_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    objs = bantin_pass(binary, db, qfile, passes * len(queries))
    wall_ms = (time.perf_counter() - t0) * 1000
    objs = objs[-len(queries):]  # the last pass
    full = [o["took_ms"] for o in objs] if all("took_ms" in o for o in objs) else None
    rank = [o["rank_ms"] for o in objs] if all("rank_ms" in o for o in objs) else None
    index_bytes = dir_size(os.path.join(db, "index")) if os.path.isdir(os.path.join(db, "index")) else None
    # Its ranking (until the top documents are known) stands beside an anchor's top ids; its
    # full answer (ids, titles, dates, snippets) beside an anchor's full answer.
    return {"engine": "bantin", "db": db, "qfile": qfile, "build_s": build_s, "index_bytes": dir_size(db),
            "search_index_bytes": index_bytes, "ids_latency_ms": rank, "full_latency_ms": full,
            "results": [[h["id"] for h in o.get("hits", [])][:K] for o in objs],
            "batch_mean_ms": wall_ms / (passes * len(queries))}


KINDS = ("all", "typed", "folded")


def percentiles(lat, queries):
    """{"p50": {kind: ms}, "p99": {kind: ms}} of all the queries, the typed and the folded ones
    (nearest rank: over 80 queries p99 is the slowest, over 160 the second slowest)."""
    return {p: {kind: percentile([x for x, (_, k, _) in zip(lat, queries) if kind in ("all", k)], int(p[1:]))
                for kind in KINDS} for p in ("p50", "p99")}


def take_turns(anchors, ban, binary, queries, passes, count):
    """`count` rounds of the anchors (Xapian engines) and bantin over the same queries (the
    anchors first in odd rounds, bantin first in even ones): each round's percentiles (ms) of
    top ids and full answers, of all the queries, the typed and the folded ones."""
    out = []
    for i in range(count):
        got = {}
        def anchors_turn():
            for a in anchors:
                got[a["engine"]] = {"ids": percentiles(library_pass(a, queries, passes)[1], queries)}
                if a.get("full"):
                    got[a["engine"]]["full"] = percentiles(library_pass(a, queries, passes, "full")[1], queries)
        if i % 2 == 0:
            anchors_turn()
        objs = bantin_pass(binary, ban["db"], ban["qfile"], passes * len(queries))[-len(queries):]
        if i % 2 == 1:
            anchors_turn()
        got["bantin"] = {"full": percentiles([o["took_ms"] for o in objs], queries),
                         "ids": percentiles([o["rank_ms"] for o in objs], queries)}
        out.append(got)
    return out


def print_turns(rounds):
    """Per anchor: each round's p50s and ratios, then the medians of the ratios at p50 and p99
    (all queries, typed, folded)."""
    med = statistics.median
    b = lambda r, what, p="p50", kind="all": r["bantin"][what][p][kind]
    for name in [n for n in rounds[0] if n != "bantin"]:
        has_full = "full" in rounds[0][name]
        a = lambda r, what, p="p50", kind="all": r[name][what][p][kind]
        print("\n%s and bantin taking turns, %d rounds (p50 ms, all queries; ratios bantin / %s):"
              % (name, len(rounds), name))
        print("| round | %s ids | %s full | bantin ranking | bantin full | ranking ÷ ids | full ÷ ids | full ÷ full |"
              % (name, name))
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        for i, r in enumerate(rounds, 1):
            print("| %d | %.2f | %s | %.2f | %.2f | %.2f | %.2f | %s |" % (
                i, a(r, "ids"), "%.2f" % a(r, "full") if has_full else "n/a", b(r, "ids"), b(r, "full"),
                b(r, "ids") / a(r, "ids"), b(r, "full") / a(r, "ids"),
                "%.2f" % (b(r, "full") / a(r, "full")) if has_full else "n/a"))
        for p in ("p50", "p99"):
            for kind in KINDS:
                line = ("median of the rounds' %s ratios, %s queries: ranking ÷ ids %.2fx, full ÷ ids %.2fx"
                        % (p, kind, med([b(r, "ids", p, kind) / a(r, "ids", p, kind) for r in rounds]),
                           med([b(r, "full", p, kind) / a(r, "ids", p, kind) for r in rounds])))
                if has_full:
                    line += ", full ÷ full %.2fx" % med([b(r, "full", p, kind) / a(r, "full", p, kind) for r in rounds])
                print(line)


# ---------------------------------------------------------------- report
def score(run, queries, relevant):
    for kind in ("typed", "folded"):
        s = [ndcg(r, relevant[c]) for r, (_, k, c) in zip(run["results"], queries) if k == kind]
        run["ndcg10_" + kind] = sum(s) / len(s)
    for what in ("ids", "full"):
        lat = run.get(what + "_latency_ms")
        run[what + "_ms"] = percentiles(lat, queries) if lat else None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit-distractors", type=int, default=None, metavar="N")
    ap.add_argument("--bantin", metavar="PATH")
    ap.add_argument("--json", metavar="FILE")
    ap.add_argument("--with-vnds", action="store_true")
    ap.add_argument("--passes", type=int, default=1, metavar="N")
    ap.add_argument("--rounds", type=int, default=0, metavar="R")
    ap.add_argument("--write-collection", metavar="DIR",
                    help="write the collection (DIR/collection.jsonl) and the queries (DIR/queries.txt) and stop")
    ap.add_argument("--engines", default="fts5,xapian,bantin",
                    help="comma-separated subset of fts5,xapian,xapian-folded,xapian-routed,bantin to run "
                         "(default: fts5,xapian,bantin)")
    args = ap.parse_args()

    t_start = time.perf_counter()
    docs, queries, relevant = load(args.limit_distractors, args.with_vnds)
    text_bytes = sum(len(doc_text({"title": t, "lead": l, "body": b}).encode("utf-8")) for _, t, l, b in docs)
    n_vmds = sum(1 for d in docs if d[0].startswith("vmds-"))
    print("Collection: %d docs (%d vmds-dev + %d distractors from baomoi%s), %.1f MB of text; "
          "%d queries (%d clusters, typed + folded)\n"
          % (len(docs), n_vmds, len(docs) - n_vmds, " + vnds" if args.with_vnds else "",
             text_bytes / 1e6, len(queries), len(relevant)),
          flush=True)

    if args.write_collection:  # for bench/search_latency.sh: `bantin ingest` the JSONL, time the queries
        os.makedirs(args.write_collection, exist_ok=True)
        with open(os.path.join(args.write_collection, "collection.jsonl"), "w", encoding="utf-8") as f:
            for doc_id, t, l, b in docs:
                f.write(json.dumps({"id": doc_id, "title": t, "lead": l, "body": b}, ensure_ascii=False) + "\n")
        with open(os.path.join(args.write_collection, "queries.txt"), "w", encoding="utf-8") as f:
            f.writelines(q.replace("\n", " ") + "\n" for q, _, _ in queries)
        return

    runs, rounds = [], []
    with tempfile.TemporaryDirectory(prefix="bantin-search-quality-") as tmp:
        engines = set(args.engines.split(","))
        if "fts5" in engines:
            runs.append(run_library_engine("SQLite FTS5", fts5_build, fts5_search, docs, queries, tmp, args.passes))
        xapians = [e for e in ("xapian", "xapian-folded", "xapian-routed") if e in engines]
        if xapians and xapian is None:
            print("Xapian skipped: `import xapian` failed; run `apt-get install python3-xapian` "
                  "and use /usr/bin/python3.", file=sys.stderr)
            xapians = []
        built = {}  # folded -> ((path, state), build seconds): the routed engine uses both

        def xapian_db(folded):
            def build(docs, tmp):
                if folded not in built:
                    t0 = time.perf_counter()
                    built[folded] = (xapian_build(docs, tmp, folded), time.perf_counter() - t0)
                return built[folded][0]
            return build

        def routed(docs, tmp):
            (typed_path, typed), (folded_path, folded) = xapian_db(False)(docs, tmp), xapian_db(True)(docs, tmp)
            return [typed_path, folded_path], {"typed": typed, "folded": folded}

        # engine, name, its build, the databases it uses (folded or not)
        for e, name, build, uses in (("xapian", "Xapian", xapian_db(False), (False,)),
                                     ("xapian-folded", "Xapian folded", xapian_db(True), (True,)),
                                     ("xapian-routed", "Xapian routed", routed, (False, True))):
            if e in xapians:
                run = run_library_engine(name, build, xapian_search, docs, queries, tmp, args.passes,
                                         xapian_full, xapian_ids)
                run["build_s"] = sum(built[folded][1] for folded in uses)  # a database built once counts in full
                runs.append(run)
        if args.bantin and "bantin" in engines:
            runs.append(run_bantin(args.bantin, docs, queries, tmp, args.passes))
        else:
            print("bantin skipped (no --bantin PATH given).", file=sys.stderr)
        by = {r["engine"]: r for r in runs}
        anchors = [by[n] for n in ("Xapian", "Xapian folded", "Xapian routed") if n in by]
        if args.rounds and anchors and "bantin" in by:
            rounds = take_turns(anchors, by["bantin"], args.bantin, queries, args.passes, args.rounds)

    for r in runs:
        score(r, queries, relevant)
    ms = lambda x: "n/a" if x is None else "%.2f" % x
    pp = lambda r, what: "%s / %s" % (ms(r[what]["p50"]["all"]), ms(r[what]["p99"]["all"])) if r[what] else "n/a"
    print("| engine | nDCG@10 typed | nDCG@10 folded | build s | index MB | top ids p50 / p99 ms | full answers p50 / p99 ms |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in runs:
        print("| %s | %.4f | %.4f | %.1f | %.1f | %s | %s |" % (
            r["engine"], r["ndcg10_typed"], r["ndcg10_folded"], r["build_s"], r["index_bytes"] / 1e6,
            pp(r, "ids_ms"), pp(r, "full_ms")))
    print("(top ids: bantin's ranking, until its top documents are known; an anchor's search for its top "
          "ids. Full answers: bantin's ids, titles, dates and snippets; an anchor's ids, titles and snippets.)")
    # Ratios against the anchors of the same run (what docs/BENCHMARKS.md reports).
    by = {r["engine"]: r for r in runs}
    b = by.get("bantin")
    if b:
        print("\nbantin, same run: text %.1f MB; store + index %.1f MB (%.2fx the text), of which "
              "search index %.1f MB (%.2fx)" % (text_bytes / 1e6, b["index_bytes"] / 1e6,
                                              b["index_bytes"] / text_bytes,
                                              (b["search_index_bytes"] or 0) / 1e6,
                                              (b["search_index_bytes"] or 0) / text_bytes))
        print("ingest %.1f MB/s, %.0f articles/s" % (text_bytes / 1e6 / b["build_s"], len(docs) / b["build_s"]))
        for name in ("SQLite FTS5", "Xapian", "Xapian folded", "Xapian routed"):
            a = by.get(name)
            if not a:
                continue
            print("vs %s: ingest throughput %.2fx" % (name, a["build_s"] / b["build_s"]))
            if not (a["ids_ms"] and b["ids_ms"] and b["full_ms"]):
                continue
            for kind in KINDS:
                line = "    %s queries:" % kind
                for p in ("p50", "p99"):
                    r = lambda x, y: b[x][p][kind] / a[y][p][kind]
                    line += " %s ranking ÷ ids %.2fx, full ÷ ids %.2fx" % (p, r("ids_ms", "ids_ms"), r("full_ms", "ids_ms"))
                    if a["full_ms"]:
                        line += ", full ÷ full %.2fx" % r("full_ms", "full_ms")
                    line += ";" if p == "p50" else ""
                print(line)
    if rounds:
        print_turns(rounds)
    total_s = time.perf_counter() - t_start
    print("\nTotal run time: %.1f s" % total_s)

    if args.json:
        out = {"collection": {"docs": len(docs), "vmds_docs": n_vmds, "distractors": len(docs) - n_vmds,
                              "text_bytes": text_bytes, "queries": len(queries), "clusters": len(relevant)},
               "engines": [{k: v for k, v in r.items() if k not in ("results", "state", "search", "full")} for r in runs],
               "rounds": rounds, "total_s": total_s}
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(out, f, indent=2, ensure_ascii=False)
            f.write("\n")


if __name__ == "__main__":
    main()
