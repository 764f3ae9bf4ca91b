#!/usr/bin/python3
"""Story threading quality: BCubed precision, recall and F1 on vmds-dev with baomoi distractors.

Usage:
    python3 bench/stories_quality.py --bantin build/src/cli/bantin [--distractors N]
        [--thresholds 0.2,0.25,0.3] [--db DIR] [--json FILE]

Protocol
--------
Collection: the baomoi articles of data/corpus/baomoi.jsonl.zst (35,440, undated: distractors;
ids prefixed "b:" so none collides) and the 248 articles of data/stories/vmds-dev.jsonl (80
human-made clusters, October 2013, dated). `bantin ingest` stores, indexes, extracts and
threads them; threading streams articles in date order, undated first, so the 35k distractors
form stories first and every vmds article then meets them all as candidates.
Gold: the vmds `story` field. BCubed (Bagga and Baldwin 1998; Amigo et al. 2009) over the vmds
articles i: precision(i) = |{j in S(i) : gold(j) = gold(i)}| / |S(i)|, recall(i) =
|{j in S(i) : gold(j) = gold(i)}| / |G(i)|, where S(i) is i's system story with every member
counted, distractors included (a distractor pulled into a vmds story lowers precision), and G(i)
its gold cluster; averaged over the 248 articles; F1 their harmonic mean.
Thresholds other than the first are measured by `bantin stories --rebuild --threshold T` on the
same data folder (the same articles re-threaded from scratch).
"""
import argparse, json, os, subprocess, sys, tempfile, time, io

SHARED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "data")


def read_zst(path):
    out = subprocess.run(["zstd", "-dc", path], check=True, capture_output=True).stdout
    return [json.loads(l) for l in out.decode("utf-8").splitlines() if l.strip()]


def bcubed(assign, gold):
    members = {}
    for doc, story in assign.items():
        members.setdefault(story, []).append(doc)
    size = {}
    for g in gold.values():
        size[g] = size.get(g, 0) + 1
    p = r = 0.0
    n = 0
    for doc, g in gold.items():
        if doc not in assign:
            continue
        same = [j for j in members[assign[doc]] if gold.get(j) == g]
        p += len(same) / len(members[assign[doc]])
        r += len(same) / size[g]
        n += 1
    if n == 0:
        return 0.0, 0.0, 0.0, 0
    p /= n
    r /= n
    return p, r, 2 * p * r / (p + r), n


def stories(binary, db):
    out = subprocess.run([binary, "stories", "--json", "--db", db], check=True, capture_output=True, text=True).stdout
    assign = {}
    for line in out.splitlines():
        s = json.loads(line)
        for a in s["articles"] + s["duplicates"]:
            assign[a] = s["id"]
    return assign


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bantin", required=True)
    ap.add_argument("--distractors", type=int, default=None)
    ap.add_argument("--thresholds", default="")
    ap.add_argument("--time-floor", default=None)
    ap.add_argument("--db", default=None)
    ap.add_argument("--json", default=None)
    a = ap.parse_args()
    vmds = [json.loads(l) for l in open(os.path.join(SHARED, "stories", "vmds-dev.jsonl"))]
    gold = {d["id"]: d["story"] for d in vmds}
    tmp = tempfile.mkdtemp(prefix="bantin-stories-")
    db = a.db or os.path.join(tmp, "db")
    result = {}
    if not os.path.exists(db):
        base = read_zst(os.path.join(SHARED, "corpus", "baomoi.jsonl.zst"))
        if a.distractors is not None:
            base = base[: a.distractors]
        inp = os.path.join(tmp, "collection.jsonl")
        with open(inp, "w") as f:
            for d in base:
                d = dict(d)
                d["id"] = "b:" + d["id"]
                f.write(json.dumps(d, ensure_ascii=False) + "\n")
            for d in sorted(vmds, key=lambda d: (d.get("date", ""), d["id"])):
                d = {k: v for k, v in d.items() if k not in ("story", "story_name")}
                f.write(json.dumps(d, ensure_ascii=False) + "\n")
        t = time.time()
        subprocess.run([a.bantin, "ingest", "--quiet", "--db", db, inp], check=True)
        result["ingest_s"] = round(time.time() - t, 1)
        result["distractors"] = len(base)
    runs = []
    thresholds = [None] + [float(x) for x in a.thresholds.split(",") if x]
    for th in thresholds:
        if th is not None:
            t = time.time()
            extra = ["--time-floor", a.time_floor] if a.time_floor else []
            subprocess.run([a.bantin, "stories", "--rebuild", "--threshold", str(th), "--db", db, "--json"] + extra,
                           check=True, capture_output=True)
            took = round(time.time() - t, 1)
        else:
            took = None
        assign = stories(a.bantin, db)
        p, r, f, n = bcubed(assign, gold)
        nstories = len(set(assign.values()))
        runs.append({"threshold": th if th is not None else "default", "time_floor": a.time_floor, "precision": round(p, 4), "recall": round(r, 4),
                     "f1": round(f, 4), "vmds_articles": n, "stories": nstories, "rebuild_s": took})
        print(json.dumps(runs[-1]), flush=True)
    result["runs"] = runs
    if a.json:
        json.dump(result, open(a.json, "w"), indent=1)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
