"""Raw pages kept: what the fetcher receives is in WARC files, record by record, readable back."""

from __future__ import annotations

import gzip
import multiprocessing
import threading
from pathlib import Path

import httpx
import pytest
from warcio.archiveiterator import ArchiveIterator

from presswatch.errors import FetchError, TooLargeError, TransientError
from presswatch.fetch import warc
from presswatch.fetch.client import Fetcher
from presswatch.fetch.warc import ArchivedResponse, ArchiveError, FetchArchive, read_capture
from presswatch.settings import Settings

PAGE = "<html><head><title>Talks in Riga</title></head><body><p>Ministers met.</p></body></html>"


def site(request: httpx.Request) -> httpx.Response:
    path = request.url.path
    if path == "/moved":
        return httpx.Response(301, headers={"Location": "/story"})
    if path == "/gone":
        return httpx.Response(404, html="<p>No such page</p>")
    if path == "/big":
        return httpx.Response(200, content=b"x" * 5000, headers={"Content-Type": "text/plain"})
    return httpx.Response(200, html=PAGE, headers={"ETag": '"v1"', "X-Custom-Header": "Kept"})


def public(host: str, port: int, *args: object) -> list[tuple[object, ...]]:
    return [(2, 1, 6, "", ("93.184.216.34", port))]


def archiving_fetcher(archive: FetchArchive, handler=site, **overrides) -> Fetcher:
    values = {"min_host_interval": 0.0, "respect_robots": False, "fetch_retries": 1, **overrides}
    return Fetcher(Settings(_env_file=None, **values),
                   archive.transport(httpx.MockTransport(handler)), resolver=public)


def records(path: Path) -> list:
    with path.open("rb") as handle:
        return [(r.rec_type, r.rec_headers.get_header("WARC-Target-URI"),
                 r.http_headers.protocol + " " + r.http_headers.statusline
                 if r.http_headers else None)
                for r in ArchiveIterator(handle)]


@pytest.fixture
def captured() -> list[ArchivedResponse]:
    return []


@pytest.fixture
def archive(tmp_path: Path, captured: list[ArchivedResponse]) -> FetchArchive:
    made = FetchArchive(tmp_path / "warc", on_capture=captured.append)
    yield made
    made.close()


def test_a_fetched_page_is_stored_with_its_status_line_headers_and_request(archive, captured):
    with archiving_fetcher(archive) as fetcher, archive.labels(article_id=7):
        fetcher.fetch("https://news.example/story")
    [capture] = captured
    assert (capture.url, capture.status, capture.labels) == (
        "https://news.example/story", 200, {"article_id": 7})
    assert capture.content_type.startswith("text/html")
    path = archive.directory / capture.warc_file
    assert records(path) == [
        ("warcinfo", None, None),
        ("response", "https://news.example/story", "HTTP/1.1 200 OK"),
        ("request", "https://news.example/story", "GET /story HTTP/1.1"),
    ]
    raw = gzip.decompress(path.read_bytes()).decode()
    assert "X-Custom-Header: Kept" in raw  # as received: name case kept
    assert "User-Agent: presswatch" in raw


def test_a_capture_reads_back_by_offset_as_the_response_the_fetcher_returned(archive, captured):
    with archiving_fetcher(archive) as fetcher:
        fetched = fetcher.fetch("https://news.example/story")
    capture = captured[0]
    stored = read_capture(archive.directory, capture.warc_file, capture.offset)
    assert stored.body == fetched.body == PAGE.encode()
    assert stored.status == 200 and stored.etag == '"v1"'
    assert stored.content_type == fetched.content_type
    assert stored.final_url == "https://news.example/story"
    with (archive.directory / capture.warc_file).open("rb") as handle:
        handle.seek(capture.offset)
        assert len(handle.read(capture.length)) == capture.length


def test_every_redirect_hop_and_error_page_is_kept(archive, captured):
    with archiving_fetcher(archive) as fetcher:
        fetcher.fetch("https://news.example/moved")
        with pytest.raises(FetchError):
            fetcher.fetch("https://news.example/gone")
    assert [(c.url.rsplit("/", 1)[1], c.status) for c in captured] == [
        ("moved", 301), ("story", 200), ("gone", 404)]


def test_robots_txt_is_kept_but_never_tagged_with_the_article(archive, captured):
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(200, text="User-agent: *\nAllow: /\n")
        return site(request)

    with archiving_fetcher(archive, handler, respect_robots=True) as fetcher:
        with archive.labels(article_id=3):
            fetcher.fetch("https://news.example/story")
    assert [(c.url.rsplit("/", 1)[1], c.labels) for c in captured] == [
        ("robots.txt", {}), ("story", {"article_id": 3})]


def test_a_body_over_the_limit_is_kept_as_far_as_it_was_read_and_marked_truncated(
        archive, captured):
    def streamed(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=iter([b"y" * 600, b"y" * 600, b"y" * 600]))

    with archiving_fetcher(archive, streamed, max_body_bytes=1000) as fetcher:
        with pytest.raises(TooLargeError):
            fetcher.fetch("https://news.example/huge")
    [capture] = captured
    with (archive.directory / capture.warc_file).open("rb") as handle:
        handle.seek(capture.offset)
        record = next(iter(ArchiveIterator(handle)))
        assert record.rec_headers.get_header("WARC-Truncated") == "unspecified"
        assert len(record.content_stream().read()) < 1800


def test_a_chunked_gzip_answer_is_stored_as_sent_and_reads_back_decoded(archive, captured):
    body = gzip.compress(PAGE.encode())

    def chunked(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=iter([body[:20], body[20:]]), headers={
            "Content-Type": "text/html", "Content-Encoding": "gzip",
            "Transfer-Encoding": "chunked"})

    with archiving_fetcher(archive, chunked) as fetcher:
        assert fetcher.fetch("https://news.example/story").body == PAGE.encode()
    capture = captured[0]
    stored = read_capture(archive.directory, capture.warc_file, capture.offset)
    assert stored.body == PAGE.encode()
    assert stored.headers["content-encoding"] == "gzip"


def test_files_rotate_by_size_and_every_record_stays_readable(tmp_path, captured):
    archive = FetchArchive(tmp_path, max_bytes=2000, on_capture=captured.append)
    with archiving_fetcher(archive) as fetcher:
        for n in range(8):
            fetcher.fetch(f"https://news.example/story{n}")
    archive.close()
    files = sorted(tmp_path.glob("*.warc.gz"))
    assert len(files) >= 3
    assert {c.warc_file for c in captured} == {f.name for f in files}
    for capture in captured:
        assert read_capture(tmp_path, capture.warc_file, capture.offset).body == PAGE.encode()


def test_threads_sharing_one_archive_never_interleave_records(tmp_path, captured):
    archive = FetchArchive(tmp_path, max_bytes=50_000, on_capture=captured.append)
    fetcher = archiving_fetcher(archive)

    def work(worker: int) -> None:
        for n in range(15):
            fetcher.fetch(f"https://news.example/t{worker}/{n}")

    threads = [threading.Thread(target=work, args=(i,)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    fetcher.close()
    archive.close()
    responses = [r for f in tmp_path.glob("*.warc.gz") for r in records(f) if r[0] == "response"]
    assert len(responses) == len(captured) == 90
    urls = {read_capture(tmp_path, c.warc_file, c.offset).url for c in captured}
    assert len(urls) == 90


def _write_in_a_process(directory: str, worker: int) -> list[tuple[str, int]]:
    archive = FetchArchive(Path(directory), max_bytes=20_000)
    out = []
    for n in range(20):
        exchange = warc.Exchange(
            url=f"https://news.example/p{worker}/{n}", method="GET",
            request_target=f"/p{worker}/{n}", request_headers=(("Host", "news.example"),),
            http_version="HTTP/1.1", status=200, reason="OK",
            headers=(("Content-Type", "text/html"),), body=PAGE.encode(), complete=True,
            fetched_at=warc.datetime.now(warc.UTC))
        captured = archive.record(exchange)
        out.append((captured.warc_file, captured.offset))
    archive.close()
    return out


def test_processes_writing_to_one_directory_get_their_own_files(tmp_path):
    with multiprocessing.get_context("spawn").Pool(3) as pool:
        results = pool.starmap(_write_in_a_process, [(str(tmp_path), i) for i in range(3)])
    files_per_process = [{name for name, _ in result} for result in results]
    assert not (files_per_process[0] & files_per_process[1])
    for worker, result in enumerate(results):
        urls = [read_capture(tmp_path, name, offset).url for name, offset in result]
        assert urls == [f"https://news.example/p{worker}/{n}" for n in range(20)]


def test_a_forked_child_opens_a_file_of_its_own(tmp_path, monkeypatch, captured):
    archive = FetchArchive(tmp_path, on_capture=captured.append)
    with archiving_fetcher(archive) as fetcher:
        fetcher.fetch("https://news.example/parent")
        real_pid = warc.os.getpid()
        monkeypatch.setattr(warc.os, "getpid", lambda: real_pid + 1)
        fetcher.fetch("https://news.example/child")
    archive.close()
    assert captured[0].warc_file != captured[1].warc_file
    assert read_capture(tmp_path, captured[1].warc_file, captured[1].offset).url.endswith(
        "/child")


def test_a_disk_that_refuses_the_record_is_a_transient_error(tmp_path):
    blocker = tmp_path / "warc"
    blocker.write_text("a file where the directory should be")
    archive = FetchArchive(blocker)
    with archiving_fetcher(archive) as fetcher, pytest.raises(TransientError, match="archive"):
        fetcher.fetch("https://news.example/story")


@pytest.mark.parametrize("name, offset", [("../escape.warc.gz", 0), ("missing.warc.gz", 0)])
def test_reading_a_bad_capture_says_so(tmp_path, name, offset):
    with pytest.raises(ArchiveError):
        read_capture(tmp_path, name, offset)


def test_reading_at_a_wrong_offset_says_so(archive, captured):
    with archiving_fetcher(archive) as fetcher:
        fetcher.fetch("https://news.example/story")
    capture = captured[0]
    with pytest.raises(ArchiveError):
        read_capture(archive.directory, capture.warc_file, capture.offset + capture.length)
