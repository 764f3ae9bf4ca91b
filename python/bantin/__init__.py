"""bantin for Python: Vietnamese news analysed and searched from a notebook.

    import bantin
    a = bantin.analyze("Ông Putin tiếp ông Witkoff tại Điện Kremlin hôm 2/12.", date="2025-12-24")
    a.entities[0].canonical          # 'Vladimir Putin'
    store = bantin.Store("bantin-data")
    store.search("dam phan nga my", limit=5)
    store.events_frame()             # a pandas DataFrame with GDELT's event columns

Offsets (``begin``, ``end``) are indices into the Python string (``text[e.begin:e.end]``), not
bytes. The C++ work runs with the GIL released. docs/python.md.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Optional

from . import _bantin

__all__ = ["analyze", "ingest", "merge", "Store", "Analysis", "Span", "Entity", "DateMention", "Event", "Hit", "Article", "Story",
           "StoredEvent"]


class _Offsets:
    """Byte offsets of a UTF-8 text -> indices into the Python string."""

    def __init__(self, text: str):
        raw = text.encode("utf-8")
        starts = [i for i, b in enumerate(raw) if b & 0xC0 != 0x80]
        self._char = {b: c for c, b in enumerate(starts)}
        self._char[len(raw)] = len(text)

    def __call__(self, byte: int) -> int:
        return self._char[byte]


@dataclass(frozen=True)
class Span:
    """A sentence or a word."""
    begin: int
    end: int
    text: str


@dataclass(frozen=True)
class Entity:
    text: str
    type: str          # PER, LOC, ORG
    canonical: str     # 'Vladimir Putin' for 'ông Putin'; 'Mỹ' for 'Hoa Kỳ'
    begin: int
    end: int
    role: str = ""     # a person's title as the text gives it


@dataclass(frozen=True)
class DateMention:
    text: str
    value: Optional[str]  # ISO 8601 resolved against the article's date; None when unresolved
    begin: int
    end: int


@dataclass(frozen=True)
class Event:
    """Who did what to whom, when and where, and the sentence that says so."""
    code: str             # CAMEO code, '04' consult ... '20'
    label: str
    source: str
    target: Optional[str]
    date: Optional[str]
    place: Optional[str]
    status: str           # happened, planned, denied
    sentence: Span
    trigger: Span


@dataclass(frozen=True)
class Analysis:
    text: str
    date: Optional[str]
    sentences: list[Span]
    words: list[Span]
    entities: list[Entity]
    dates: list[DateMention]
    events: list[Event]

    def __repr__(self) -> str:
        ents = ", ".join(f"{e.text} ({e.type}{'' if e.canonical == e.text else ' = ' + e.canonical})" for e in self.entities)
        dates = ", ".join(f"{d.text} = {d.value or '?'}" for d in self.dates)
        events = ", ".join(f"{e.code} {e.label}: {e.source} -> {e.target or '-'}"
                           f"{' on ' + e.date if e.date else ''}{' at ' + e.place if e.place else ''}"
                           f"{'' if e.status == 'happened' else ' (' + e.status + ')'}" for e in self.events)
        n = len(self.sentences)
        return (f"Analysis({n} sentence{'' if n == 1 else 's'}, {len(self.words)} words; entities: [{ents}]; "
                f"dates: [{dates}]; events: [{events}])")

    __str__ = __repr__


def _entities(j: list, text: str, at: _Offsets) -> list[Entity]:
    return [Entity(e["text"], e["type"], e["canonical"], at(e["begin"]), at(e["end"]), e.get("role", "")) for e in j]


def _dates(j: list, at: _Offsets) -> list[DateMention]:
    return [DateMention(d["text"], d["value"], at(d["begin"]), at(d["end"])) for d in j]


def _span(text: str, at: _Offsets, begin: int, end: int) -> Span:
    b, e = at(begin), at(end)
    return Span(b, e, text[b:e])


def _events(j: list, text: str, at: _Offsets) -> list[Event]:
    return [Event(e["code"], e["label"], e["source"], e["target"], e["date"], e["place"], e["status"],
                  _span(text, at, e["sentence"]["begin"], e["sentence"]["end"]),
                  _span(text, at, e["trigger"]["begin"], e["trigger"]["end"])) for e in j]


def analyze(text: str, date: Optional[str] = None) -> Analysis:
    """Sentences, words, entities, dates (resolved against `date`, 'YYYY-MM-DD') and events of
    `text`, taken as one article's body."""
    j = json.loads(_bantin.analyze_json(text, date))
    at = _Offsets(text)
    return Analysis(text=text, date=j["date"],
                    sentences=[_span(text, at, b, e) for b, e in j["sentences"]],
                    words=[_span(text, at, b, e) for b, e in j["words"]],
                    entities=_entities(j["entities"], text, at), dates=_dates(j["dates"], at),
                    events=_events(j["events"], text, at))


def ingest(db: str, paths: list[str], extract: bool = True, stories: bool = True,
           default_date: Optional[str] = None) -> dict:
    """Adds files or folders (JSONL, .zst, text, web pages, WARC) to the data folder `db`
    (created if missing) as `bantin ingest` does; returns the counts and each input's error."""
    return _bantin.ingest(db, list(paths), extract, stories, default_date)


def merge(out: str, shards: list[str]) -> dict:
    """Merges data folders built apart into `out`, as `bantin merge` does (docs/scale.md)."""
    return _bantin.merge(out, list(shards))


@dataclass(frozen=True)
class Hit:
    id: str
    title: str
    date: Optional[str]
    source: str
    url: Optional[str]
    score: float
    snippet: str
    story: Optional[int]
    reports: int


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    date: Optional[str]
    time: Optional[str]
    source: str
    author: str
    url: str
    text: str
    entities: list[Entity]
    dates: list[DateMention]
    events: list[Event]
    story: Optional[int]
    duplicate_of: Optional[int]


@dataclass(frozen=True)
class Story:
    id: int
    title: str
    first: Optional[str]
    last: Optional[str]
    articles: int
    reports: int
    entities: list[dict[str, Any]] = field(default_factory=list)   # story(id) only
    timeline: list[dict[str, Any]] = field(default_factory=list)   # story(id) only


@dataclass(frozen=True)
class StoredEvent:
    code: str
    label: str
    source: str
    target: Optional[str]
    source_english: Optional[str]
    target_english: Optional[str]
    date: Optional[str]
    place: Optional[str]
    status: str
    article: str
    url: Optional[str]
    sentence: str


class Store:
    """A data folder (written by `bantin ingest`, `fetch`, `watch` or the server), read."""

    def __init__(self, path: str):
        self.path = path
        self._store = _bantin.Store(path)

    def __len__(self) -> int:
        return self._store.count()

    def search(self, q: str, limit: int = 10, date_from: Optional[str] = None, date_to: Optional[str] = None,
               source: Optional[str] = None, entity: Optional[str] = None) -> list[Hit]:
        """Ranked hits for `q` (words, "phrases", -exclusions, OR; typed with or without
        diacritics), within dates and a source, naming `entity` (any of its names)."""
        if entity:
            q = f'{q} entity:"{entity.replace(chr(34), " ")}"'
        j = json.loads(self._store.search_json(q, limit, date_from, date_to, source or ""))
        return [Hit(h["id"], h["title"], h["date"], h["source"], h["url"], h["score"], h["snippet"]["text"],
                    h["story"], h["reports"]) for h in j["hits"]]

    def article(self, id: str) -> Article:
        """The article `id` with its entities, dates and events (KeyError when there is none)."""
        j = json.loads(self._store.article_json(id))
        at = _Offsets(j["text"])
        return Article(j["id"], j["title"], j["date"], j.get("time"), j["source"], j["author"], j["url"], j["text"],
                       _entities(j["entities"], j["text"], at), _dates(j["dates"], at),
                       _events(j["events"], j["text"], at), j["story"], j["duplicate_of"])

    def stories(self, limit: int = 50, date_from: Optional[str] = None, date_to: Optional[str] = None,
                min_articles: int = 1) -> list[Story]:
        """Stories overlapping the dates, most reports first."""
        j = json.loads(self._store.stories_json(limit, date_from, date_to, min_articles))
        return [Story(s["id"], s["title"], s["first"], s["last"], s["articles"], s["reports"]) for s in j["stories"]]

    def story(self, id: int) -> Story:
        """One story with its main entities and its timeline (KeyError when there is none)."""
        s = json.loads(self._store.story_json(id))
        return Story(s["id"], s["title"], s["first"], s["last"], s["articles"], s["reports"], s["entities"],
                     s["timeline"])

    def events(self, actor: Optional[str] = None, date_from: Optional[str] = None, date_to: Optional[str] = None,
               limit: int = 1000) -> list[StoredEvent]:
        """Events in date order; `actor` is any name of an entity ('United States' finds 'Mỹ')."""
        j = json.loads(self._store.events_json(actor or "", date_from, date_to, limit))
        return [StoredEvent(e["code"], e["label"], e["source"], e["target"], e.get("source_english"),
                            e.get("target_english"), e["date"], e["place"], e["status"], e["article"], e["url"],
                            e["text"]) for e in j["events"]]

    def events_frame(self, actor: Optional[str] = None, date_from: Optional[str] = None,
                     date_to: Optional[str] = None, limit: int = 100000):
        """The events as a pandas DataFrame with GDELT 2.0's event columns (GLOBALEVENTID,
        SQLDATE, Actor1Name, Actor1CountryCode, …, EventCode, EventRootCode, SOURCEURL) and
        bantin's own (Status, Actor1NameVi, …, Sentence): `bantin events --format gdelt`'s table.
        Offsets in it are bytes of the UTF-8 text, as in that export."""
        import pandas as pd
        columns, rows = self._store.events_table(actor or "", date_from, date_to, limit)
        frame = pd.DataFrame(rows, columns=columns)
        for c in ("GLOBALEVENTID", "IsRootEvent", "NumMentions", "SentenceBegin", "SentenceEnd"):
            frame[c] = frame[c].astype("int64")
        for c in ("Sentence2Begin", "Sentence2End"):
            frame[c] = pd.to_numeric(frame[c]).astype("Int64")
        frame["SQLDATE"] = pd.to_numeric(frame["SQLDATE"]).astype("Int64")
        return frame
