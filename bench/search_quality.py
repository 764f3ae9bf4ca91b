#!/usr/bin/python3
"""Search quality benchmark: nDCG@10 of SQLite FTS5 and Xapian (and later bantin) on the same data.

Usage (Debian's Python, which sees the python3-xapian package; the pyenv python does not):

    /usr/bin/python3 bench/search_quality.py [--limit-distractors N] [--bantin PATH] [--json FILE]

    --limit-distractors N  index only the first N baomoi distractors (quick run; default: all)
    --bantin PATH          also evaluate the bantin binary at PATH (skipped when not given)
    --json FILE            also write the raw figures as JSON to FILE
    --engines LIST         run only these of fts5,xapian,bantin (default: all)
    --write-collection DIR write the collection and the 160 queries there and stop
                           (for bench/search_latency.sh)
    --with-vnds            add the vnds corpus as further distractors (baomoi + vnds, ~58k
                           articles: the collection of the speed comparison)
    --rounds R             then R more rounds, Xapian and bantin taking turns (each answering
                           the queries --passes times, the last pass kept): the ratio of
                           their p50s per round and the median of those (the VM's speed drifts
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
    QueryParser gets the same tokens as FTS5 joined by spaces: given the raw name it would turn
    "22/10", "Việt Nam-Ấn Độ" or a quoted title into phrase queries, not a bag of words.
  - bantin (optional): `bantin ingest --quiet --no-extract --no-stories --db DIR collection.jsonl` (id, title,
    lead, body; store and index only, as the anchors do: no entities, events or stories),
    then `bantin search --db DIR --json --limit 10 --queries queries.txt`, which must print one
    JSON object per query line, {"total": N, "hits": [{"id": ...}, ...]}. Per-query latency is
    taken from a "took_ms" field of each object when present; otherwise only the batch mean
    (wall time / queries, process start included) is reported, in the JSON.
bantin also reports "rank_ms" (parsing and ranking, until the top ids are known; what the
Xapian and FTS5 timings cover, as they return ids) besides "took_ms" (the full answer: titles,
dates, snippets with highlights); both are reported, the ratios against Xapian for both.
Also measured per engine: build time (s, wall, commit included), index size on disk (bytes, all
files of the database), query latency p50/p99 (ms, nearest rank) over the 160 queries (typed then
folded), timed with time.perf_counter around query parsing + retrieval of the top-10 ids.
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


def xapian_build(docs, tmp):
    path = os.path.join(tmp, "xapian")
    db = xapian.WritableDatabase(path, xapian.DB_CREATE_OR_OVERWRITE)
    tg = xapian.TermGenerator()
    for d in docs:
        doc = xapian.Document()
        tg.set_document(doc)
        tg.index_text("\n".join(d[1:]))
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
    return path, (qp, enquire)


def xapian_search(state, q):
    qp, enquire = state
    # Parse the words joined by spaces, so that "22/10", "Nam-Ấn" or quotes do not become phrases.
    enquire.set_query(qp.parse_query(" ".join(tokens(q))))
    return [m.document.get_data().decode("utf-8") for m in enquire.get_mset(0, K)]


def run_library_engine(name, build, search, docs, queries, tmp, passes=1):
    t0 = time.perf_counter()
    path, state = build(docs, tmp)
    build_s = time.perf_counter() - t0
    run = {"engine": name, "build_s": build_s, "index_bytes": dir_size(path), "state": state, "search": search}
    run["results"], run["latency_ms"] = library_pass(run, queries, passes)
    return run


def library_pass(run, queries, passes):
    """The answers and latencies (ms) of the last of `passes` passes over the queries of a built
    engine (Python's cyclic garbage collector off meanwhile, as timeit does)."""
    gc.collect()
    gc.disable()
    for _ in range(passes):
        results, lat = [], []
        for q, _, _ in queries:
            t0 = time.perf_counter()
            results.append(run["search"](run["state"], q))
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
    lat = [o["took_ms"] for o in objs] if all("took_ms" in o for o in objs) else None
    rank = [o["rank_ms"] for o in objs] if all("rank_ms" in o for o in objs) else None
    index_bytes = dir_size(os.path.join(db, "index")) if os.path.isdir(os.path.join(db, "index")) else None
    return {"engine": "bantin", "db": db, "qfile": qfile, "build_s": build_s, "index_bytes": dir_size(db),
            "search_index_bytes": index_bytes, "rank_latency_ms": rank,
            "results": [[h["id"] for h in o.get("hits", [])][:K] for o in objs],
            "latency_ms": lat, "batch_mean_ms": wall_ms / (passes * len(queries))}


def take_turns(xap, ban, binary, queries, passes, count):
    """`count` rounds of both engines over the same queries (Xapian first in odd rounds, bantin
    in even ones): each round's p50s (ms)."""
    out = []
    for i in range(count):
        if i % 2 == 0:
            x = library_pass(xap, queries, passes)[1]
        objs = bantin_pass(binary, ban["db"], ban["qfile"], passes * len(queries))[-len(queries):]
        if i % 2 == 1:
            x = library_pass(xap, queries, passes)[1]
        out.append({"xapian": percentile(x, 50), "full": percentile([o["took_ms"] for o in objs], 50),
                    "rank": percentile([o["rank_ms"] for o in objs], 50)})
    return out


# ---------------------------------------------------------------- report
def score(run, queries, relevant):
    for kind in ("typed", "folded"):
        s = [ndcg(r, relevant[c]) for r, (_, k, c) in zip(run["results"], queries) if k == kind]
        run["ndcg10_" + kind] = sum(s) / len(s)
    lat = run["latency_ms"]
    run["p50_ms"] = percentile(lat, 50) if lat else None
    run["p99_ms"] = percentile(lat, 99) if lat else None
    rank = run.get("rank_latency_ms")
    run["rank_p50_ms"] = percentile(rank, 50) if rank else None
    run["rank_p99_ms"] = percentile(rank, 99) if rank else None


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
                    help="comma-separated subset of fts5,xapian,bantin to run (default: all)")
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
        if "xapian" not in engines:
            pass
        elif xapian is None:
            print("Xapian skipped: `import xapian` failed; run `apt-get install python3-xapian` "
                  "and use /usr/bin/python3.", file=sys.stderr)
        else:
            runs.append(run_library_engine("Xapian", xapian_build, xapian_search, docs, queries, tmp, args.passes))
        if args.bantin and "bantin" in engines:
            runs.append(run_bantin(args.bantin, docs, queries, tmp, args.passes))
        else:
            print("bantin skipped (no --bantin PATH given).", file=sys.stderr)
        by = {r["engine"]: r for r in runs}
        if args.rounds and "Xapian" in by and "bantin" in by:
            rounds = take_turns(by["Xapian"], by["bantin"], args.bantin, queries, args.passes, args.rounds)

    for r in runs:
        score(r, queries, relevant)
    ms = lambda x: "n/a" if x is None else "%.2f" % x
    print("| engine | nDCG@10 typed | nDCG@10 folded | build s | index MB | p50 ms | p99 ms |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in runs:
        print("| %s | %.4f | %.4f | %.1f | %.1f | %s | %s |" % (
            r["engine"], r["ndcg10_typed"], r["ndcg10_folded"], r["build_s"],
            r["index_bytes"] / 1e6, ms(r["p50_ms"]), ms(r["p99_ms"])))
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
        if b["rank_p50_ms"] is not None:
            print("bantin ranking only (until the top ids are known): p50 %.2f ms, p99 %.2f ms"
                  % (b["rank_p50_ms"], b["rank_p99_ms"]))
        for name in ("SQLite FTS5", "Xapian"):
            a = by.get(name)
            if not a:
                continue
            line = "vs %s: ingest throughput %.2fx" % (name, a["build_s"] / b["build_s"])
            if a["p50_ms"] and b["p50_ms"]:
                line += ("; latency p50 %.2fx, p99 %.2fx (full answers), ranking only p50 %.2fx, p99 %.2fx"
                         % (b["p50_ms"] / a["p50_ms"], b["p99_ms"] / a["p99_ms"],
                            b["rank_p50_ms"] / a["p50_ms"], b["rank_p99_ms"] / a["p99_ms"]))
            print(line)
    if rounds:
        print("\nXapian and bantin taking turns, %d rounds (p50 ms; ratios bantin / Xapian):" % len(rounds))
        print("| round | Xapian | bantin full | bantin ranking | full ÷ Xapian | ranking ÷ Xapian |")
        print("|---|---:|---:|---:|---:|---:|")
        for i, r in enumerate(rounds, 1):
            print("| %d | %.2f | %.2f | %.2f | %.2f | %.2f |" % (i, r["xapian"], r["full"], r["rank"],
                                                            r["full"] / r["xapian"], r["rank"] / r["xapian"]))
        med = statistics.median
        print("median of the rounds' ratios: full answers %.2fx, ranking only %.2fx"
              % (med([r["full"] / r["xapian"] for r in rounds]), med([r["rank"] / r["xapian"] for r in rounds])))
    total_s = time.perf_counter() - t_start
    print("\nTotal run time: %.1f s" % total_s)

    if args.json:
        out = {"collection": {"docs": len(docs), "vmds_docs": n_vmds, "distractors": len(docs) - n_vmds,
                              "text_bytes": text_bytes, "queries": len(queries), "clusters": len(relevant)},
               "engines": [{k: v for k, v in r.items() if k not in ("results", "state", "search")} for r in runs],
               "rounds": rounds, "total_s": total_s}
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(out, f, indent=2, ensure_ascii=False)
            f.write("\n")


if __name__ == "__main__":
    main()
