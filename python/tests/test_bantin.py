"""The Python package against the C++ core: offsets into the Python string, the store's
answers equal to the CLI's, errors as Python exceptions. Run by `make test` (ctest Python.Package)."""
import os
import subprocess

import pytest

import bantin

SOURCE = os.environ.get("BANTIN_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
CLI = os.environ.get("BANTIN_CLI", "")

SENTENCE = "Ông Putin tiếp ông Witkoff tại Điện Kremlin hôm 2/12."


def test_analyze_finds_who_did_what_when_and_where():
    a = bantin.analyze(SENTENCE, date="2025-12-24")
    assert [s.text for s in a.sentences] == [SENTENCE]
    assert [w.text for w in a.words][:3] == ["Ông", "Putin", "tiếp"]
    people = [e for e in a.entities if e.type == "PER"]
    assert [e.text for e in people] == ["Putin", "Witkoff"]
    assert [d.value for d in a.dates] == ["2025-12-02"]
    assert len(a.events) == 1
    e = a.events[0]
    assert (e.code, e.source, e.target, e.date) == ("04", "Putin", "Witkoff", "2025-12-02")
    assert e.trigger.text == "tiếp"
    assert "04 consult: Putin -> Witkoff on 2025-12-02" in repr(a)


def test_offsets_index_the_python_string():
    text = "Hôm qua (1/12), Bộ Ngoại giao Nga cho biết Ngoại trưởng Sergei Lavrov sẽ thăm Hà Nội."
    a = bantin.analyze(text, date="2025-12-02")
    assert a.entities, a
    for x in [*a.entities, *a.dates]:
        assert text[x.begin:x.end] == x.text
    for w in a.words:
        assert text[w.begin:w.end] == w.text
    assert "Hà Nội" in [e.text for e in a.entities]


def test_bad_arguments_are_value_errors():
    with pytest.raises(ValueError, match="date"):
        bantin.analyze(SENTENCE, date="24/12/2025")
    assert bantin.analyze("").entities == []


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    if not CLI:
        pytest.skip("BANTIN_CLI not set (run through ctest)")
    db = str(tmp_path_factory.mktemp("py") / "db")
    subprocess.run([CLI, "ingest", "--quiet", "--db", db, os.path.join(SOURCE, "data", "sample")], check=True,
                   capture_output=True)
    return bantin.Store(db), db


def cli_lines(db, *args):
    return subprocess.run([CLI, *args, "--db", db], check=True, capture_output=True, text=True).stdout.splitlines()


def test_search_with_and_without_diacritics_and_filters(store):
    s, db = store
    assert len(s) == 12
    plain = s.search("dam phan", limit=5)
    marked = s.search("đàm phán", limit=5)
    assert plain and marked
    assert {h.id for h in plain} == {h.id for h in marked}
    assert plain[0].id == "10_hoi_cho_be_mac_dam_phan_chua_xong"
    dated = s.search("đàm phán", date_from="2025-11-20", date_to="2025-11-30")
    assert [h.id for h in dated] == ["12_ky_thoa_thuan_xuat_khau_gao"]
    assert all(h.date >= "2025-11-20" for h in dated)
    assert s.search("đàm phán", source="No such outlet") == []
    philippines = s.search("gạo", entity="Philippines")
    assert philippines and all("Philippines" in s.article(h.id).text for h in philippines)
    with pytest.raises(ValueError):
        s.search("x", date_from="tomorrow")


def test_article_offsets_and_missing_ids(store):
    s, _ = store
    a = s.article("07_metro_chinh_thuc_don_khach")
    assert a.title and a.title in a.text  # a plain-text file is kept as it was written
    assert a.entities
    for e in a.entities:
        assert a.text[e.begin:e.end] == e.text
    for ev in a.events:
        assert a.text[ev.sentence.begin:ev.sentence.end] == ev.sentence.text
    with pytest.raises(KeyError):
        s.article("no such article")


def test_stories_and_a_timeline(store):
    s, _ = store
    stories = s.stories()
    assert len(stories) == 3
    assert sum(x.articles for x in stories) == 12
    one = s.story(stories[0].id)
    assert one.timeline and one.entities
    with pytest.raises(KeyError):
        s.story(999999)


def test_events_equal_the_clis(store):
    s, db = store
    events = s.events()
    cli = cli_lines(db, "events", "--format", "json")
    assert len(events) == len(cli) > 0
    assert [e.article for e in events] == [__import__("json").loads(line)["article"] for line in cli]


def test_events_frame_is_the_gdelt_export(store):
    pd = pytest.importorskip("pandas")
    s, db = store
    frame = s.events_frame()
    assert isinstance(frame, pd.DataFrame)
    gdelt = cli_lines(db, "events", "--format", "gdelt")
    assert list(frame.columns) == gdelt[0].split("\t")
    assert len(frame) == len(gdelt) - 1 == len(s.events())
    assert frame["GLOBALEVENTID"].tolist() == list(range(1, len(frame) + 1))
    assert frame["EventRootCode"].str.len().eq(2).all()
    first = gdelt[1].split("\t")
    assert str(frame.iloc[0]["SQLDATE"]) == first[1] and frame.iloc[0]["Article"] == first[17]
