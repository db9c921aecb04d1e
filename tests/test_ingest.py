"""Reading files, folders and rows into documents; bad input reported, never raised."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimledger.errors import InputProblem
from claimledger.read.ingest import read_paths
from claimledger.options import Options
from claimledger.records import Document


def read(*paths, **options):
    items = list(read_paths(paths, Options(**options)))
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, InputProblem)]


@pytest.mark.parametrize("first_line, published", [
    ("22 March 201816:17", "2018-03-22T16:17"),
    ("2021-06-10", "2021-06-10"),
    ("10 June 2021", "2021-06-10"),
    ("Six hundred instructors arrived on Thursday, officials said.", None),
])
def test_date_line_at_the_top_of_a_plain_text(tmp_path, first_line, published):
    path = tmp_path / "a.txt"
    path.write_text(f"{first_line}\n\nThe body of the article.\n", encoding="utf-8")
    [doc], problems = read(path)
    assert problems == []
    assert doc.published == published
    assert doc.id == "a"


def test_option_beats_date_line(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("2021-06-10\nBody.\n", encoding="utf-8")
    [doc], _ = read(path, published="2020-01-02", publisher="Wire")
    assert (doc.published, doc.publisher) == ("2020-01-02", "Wire")


def test_html_main_text_and_metadata(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Instructors arrive</title>"
        '<meta property="og:site_name" content="Example Wire">'
        '<meta property="article:published_time" content="2021-06-10T08:00:00Z">'
        "</head><body><nav>Home | World</nav><article><h1>Instructors arrive</h1>"
        "<p>Six hundred instructors have arrived in the capital, the ministry said on Thursday, "
        "bringing the total in the country to a little over a thousand.</p>"
        "<script>alert('x')</script></article></body></html>", encoding="utf-8")
    [doc], problems = read(path)
    assert problems == []
    assert "Six hundred instructors" in doc.text and "alert" not in doc.text
    assert doc.publisher == "Example Wire"
    assert doc.published == "2021-06-10"
    assert doc.title == "Instructors arrive"


def test_jsonl_rows_and_bad_lines(tmp_path):
    path = tmp_path / "rows.jsonl"
    good = {"id": "r1", "text": "Three hundred arrived.", "published": "2021-06-10", "publisher": "Wire"}
    path.write_text("\n".join([json.dumps(good), "{not json", json.dumps({"id": "r3"}),
                               json.dumps(["a", "list"]), json.dumps({**good, "id": "r5"})]) + "\n", encoding="utf-8")
    docs, problems = read(path)
    assert [d.id for d in docs] == ["r1", "r5"]
    assert docs[0].publisher == "Wire" and docs[0].published == "2021-06-10"
    assert [(p.line, p.reason.split(" (")[0]) for p in problems] == [
        (2, "not valid JSON"), (3, "row has no 'text'"), (4, "a JSON line must be an object")]


def test_csv_rows(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text('id,text,published\nc1,"Two hundred, said the ministry.",2020-12-22\nc2,,\n', encoding="utf-8")
    docs, problems = read(path)
    assert [(d.id, d.published) for d in docs] == [("c1", "2020-12-22")]
    assert [(p.line, p.reason) for p in problems] == [(3, "row has no 'text'")]


def test_folder_recursive_with_metadata_side_table(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("Body b.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Body a.", encoding="utf-8")
    (tmp_path / "skipped.pdf").write_bytes(b"%PDF")
    (tmp_path / ".hidden.txt").write_text("Passed over.", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("id,published,publisher,title,url\na,2019-05-01,Gazette,A title,https://example.org/a\n", encoding="utf-8")
    docs, problems = read(tmp_path)
    assert [(Path(p.path).name, p.skipped_type) for p in problems] == [("skipped.pdf", ".pdf")]
    by_id = {d.id: d for d in docs}
    assert set(by_id) == {"a", "b"}
    assert (by_id["a"].published, by_id["a"].publisher, by_id["a"].url) == ("2019-05-01", "Gazette", "https://example.org/a")
    assert by_id["b"].published is None


@pytest.mark.parametrize("name, content, reason", [
    ("empty.txt", b"   \n", "empty file"),
    ("binary.txt", b"\x00\x01\x02 binary", "binary file"),
    ("image.png", b"\x89PNG", "unsupported file type"),
])
def test_bad_files_are_reported(tmp_path, name, content, reason):
    (tmp_path / name).write_bytes(content)
    docs, [problem] = read(tmp_path / name)
    assert docs == [] and reason in problem.reason and problem.path.endswith(name)


def test_missing_path_is_reported_and_the_rest_goes_in(tmp_path):
    (tmp_path / "a.txt").write_text("Body.", encoding="utf-8")
    docs, [problem] = read(tmp_path / "nope.txt", tmp_path / "a.txt")
    assert [d.id for d in docs] == ["a"] and "no such file" in problem.reason


def test_cp1252_text_is_decoded(tmp_path):
    path = tmp_path / "legacy.txt"
    path.write_bytes("The ministry’s figure: 300 instructors — “more” than before, café.".encode("cp1252"))
    [doc], problems = read(path)
    assert problems == [] and "ministry’s" in doc.text and "café" in doc.text


def test_same_content_same_id_and_hash(tmp_path):
    (tmp_path / "a.txt").write_text("Body.\r\nMore.", encoding="utf-8")
    [first], _ = read(tmp_path / "a.txt")
    [second], _ = read(tmp_path / "a.txt")
    assert first == second and "\r" not in first.text


def test_csv_row_over_the_field_limit_is_reported_and_the_rest_read(tmp_path):
    path = tmp_path / "rows.csv"
    long_text = "The ministry counted 300 instructors. " * 40  # 1,520 characters
    path.write_text(f"id,text\na,First row with 12 trucks.\nb,\"{long_text}\"\nc,Third row with 40 cars.\n",
                    encoding="utf-8")
    docs, problems = read(path, max_file_bytes=1_000)
    assert [d.id for d in docs] == ["a", "c"]
    assert [(p.line, p.reason) for p in problems] == [
        (3, "a field is over the 1,000-character limit (Options.max_file_bytes); the row was skipped")]


def test_csv_field_limit_is_restored_after_reading(tmp_path):
    import csv

    before = csv.field_size_limit()
    path = tmp_path / "rows.csv"
    path.write_text("id,text\na,Some 12 trucks.\n", encoding="utf-8")
    read(path, max_file_bytes=500)
    assert csv.field_size_limit() == before


def write_warc(path, records):
    """A gzipped WARC of (url, status, content type, body, capture date) responses."""
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "claimledger tests"}))
        for url, status, media, body, captured in records:
            http = StatusAndHeaders(status, [("Content-Type", media)], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=BytesIO(body), http_headers=http,
                                               warc_headers_dict={"WARC-Date": captured})
            writer.write_record(record)


PAGE = ("<html><head><title>Convoy reaches the capital</title>"
        "<meta property='article:published_time' content='2021-05-10'></head><body><article>"
        "<p>A convoy of 40 trucks reached the capital on Monday, the transport minister said.</p>"
        "<p>Another 12 trucks are expected before the end of the month, officials added.</p>"
        "</article><script>alert(1)</script></body></html>")


def test_warc_pages_are_read_with_url_and_dates(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, [
        ("https://news.example/convoy", "200 OK", "text/html; charset=utf-8", PAGE.encode(), "2021-05-11T08:00:00Z"),
        ("https://news.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n", "2021-05-11T08:00:01Z"),
        ("https://news.example/moved", "301 Moved Permanently", "text/html", b"", "2021-05-11T08:00:02Z"),
        ("https://news.example/brief.txt", "200 OK", "text/plain", b"Some 300 people gathered.", "2021-05-12T09:30:00Z"),
    ])
    docs, problems = read(path)
    assert problems == []
    assert [d.id for d in docs] == ["https://news.example/convoy", "https://news.example/brief.txt"]
    page, brief = docs
    assert page.url == "https://news.example/convoy" and page.published == "2021-05-10"
    assert "40 trucks" in page.text and "alert" not in page.text
    assert brief.published == "2021-05-12" and brief.text == "Some 300 people gathered."
    assert page.path == f"{path}:2"


def test_warc_in_a_folder_is_found_and_broken_archives_reported(tmp_path):
    write_warc(tmp_path / "good.warc.gz",
               [("https://news.example/a", "200 OK", "text/plain", b"Some 5 boats.", "2020-01-02T00:00:00Z")])
    (tmp_path / "broken.warc").write_bytes(b"this is not an archive at all\n")
    (tmp_path / "notes.gz").write_bytes(b"\x1f\x8b")  # a .gz that is not .warc.gz is not ours to read: named
    docs, problems = read(tmp_path)
    assert [d.id for d in docs] == ["https://news.example/a"]
    broken, notes = problems
    assert broken.path.endswith("broken.warc") and broken.reason.startswith("not a readable WARC archive")
    assert notes.path.endswith("notes.gz") and notes.skipped_type == ".gz"


def test_warc_record_whose_digest_fails_is_reported_and_the_rest_read(tmp_path):
    import gzip

    packed = tmp_path / "crawl.warc.gz"
    write_warc(packed, [(f"https://news.example/{n}", "200 OK", "text/plain", b"Some 5 boats reached the port.",
                         "2020-01-02T00:00:00Z") for n in range(3)])
    raw = gzip.decompress(packed.read_bytes())
    second = raw.index(b"Some 5 boats", raw.index(b"https://news.example/1"))
    damaged = tmp_path / "damaged.warc"
    damaged.write_bytes(raw[:second] + b"Some 6 boats" + raw[second + 12:])
    docs, problems = read(damaged)
    assert [d.id for d in docs] == ["https://news.example/0", "https://news.example/2"]
    assert [(p.line, p.reason) for p in problems] == [
        (3, "damaged record (its digest does not match its content); skipped")]


def three_page_warc(path):
    """A gzipped WARC of a warcinfo record and three plain-text pages (records 2-4); its bytes."""
    write_warc(path, [(f"https://news.example/{n}", "200 OK", "text/plain",
                       f"Page {n}: some {n + 4} ferries left the harbour before noon. ".encode() * 12,
                       "2020-01-02T00:00:00Z") for n in range(3)])
    return path.read_bytes()


def member_ends(path) -> list[int]:
    """Where each record of a whole archive ends (a gzip member each in a .warc.gz)."""
    from warcio.archiveiterator import ArchiveIterator

    ends = []
    with path.open("rb") as stream:
        records = ArchiveIterator(stream)
        for _ in records:
            ends.append(records.get_record_offset() + records.get_record_length())
    return ends


def test_truncated_warc_reports_the_cut_record_and_reads_those_before(tmp_path):
    import gzip

    whole = three_page_warc(tmp_path / "whole.warc.gz")
    last_start = member_ends(tmp_path / "whole.warc.gz")[-2]
    cases = [  # (name, bytes): the last record's gzip member cut in its middle or near its end
        ("mid-member.warc.gz", whole[:last_start + (len(whole) - last_start) // 2]),
        ("near-end.warc.gz", whole[:-30]),
        # uncompressed: cut inside the last record's header, and inside its page
        ("mid-header.warc", gzip.decompress(whole)[:gzip.decompress(whole).rindex(b"WARC-Date")]),
        ("mid-page.warc", gzip.decompress(whole)[:-104]),  # 100 bytes of the page and its 4 closing ones
    ]
    for name, data in cases:
        (tmp_path / name).write_bytes(data)
        docs, problems = read(tmp_path / name)
        assert [d.id for d in docs] == ["https://news.example/0", "https://news.example/1"], name
        assert [(p.path, p.line, p.warning) for p in problems] == [(str(tmp_path / name), 4, False)], name
        assert problems[0].reason.startswith("truncated archive"), name
    docs, problems = read(tmp_path / "mid-page.warc")
    assert "lacks 100 of its" in problems[0].reason


def test_no_cut_of_a_warc_loses_a_record_silently(tmp_path):
    whole = three_page_warc(tmp_path / "whole.warc.gz")
    pages = {d.id: d.text for d in read(tmp_path / "whole.warc.gz")[0]}
    ends = member_ends(tmp_path / "whole.warc.gz")
    cut_file = tmp_path / "cut.warc.gz"
    for cut in range(1, len(whole)):
        cut_file.write_bytes(whole[:cut])
        docs, problems = read(cut_file)
        # Only whole pages, in order, and only those whose record is in the file.
        assert [(d.id, d.text) for d in docs] == list(pages.items())[:len(docs)], cut
        assert len(docs) <= sum(end <= cut + 16 for end in ends[1:]), cut
        if not problems:
            # Silent only when the cut takes at most a record's closing bytes (gzip trailer, blank
            # lines): the archive then holds every record up to there whole.
            assert any(0 <= end - cut <= 16 for end in ends), cut


def test_the_scale_benchmark_corpus_reads_cleanly_and_is_news_shaped(monkeypatch, tmp_path):
    import importlib.util
    import sys
    from pathlib import Path

    bench = Path(__file__).resolve().parents[1] / "bench" / "scale.py"
    spec = importlib.util.spec_from_file_location("bench_scale", bench)
    scale = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "bench_scale", scale)  # dataclasses look their module up there
    spec.loader.exec_module(scale)
    shape = scale.write_corpus(tmp_path / "a.jsonl", 400, seed=3)
    scale.write_corpus(tmp_path / "b.jsonl", 400, seed=3)
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()  # deterministic
    assert 0.18 <= shape["figure_share"] <= 0.32 and 6 <= shape["sentences_per_doc"] <= 20
    docs, problems = read(tmp_path / "a.jsonl")
    assert len(docs) == 400 and problems == [] and all(d.published for d in docs)
    republished = [d for d in docs if d.title.endswith("(update)")]
    assert 5 <= len(republished) <= 40  # about one in twenty
    originals = {d.text for d in docs if d not in republished}
    assert not any(d.text in originals for d in republished)  # edited copies, not the same text
