"""The worst pages extraction meets: huge, deeply nested, too many tags, stray NUL bytes.

Each is answered quickly with a reason (``too_large``, ``too_deep``) or read whole, and the
memory it takes is measured: Python's allocations with tracemalloc, the parsers' (libxml2,
which tracemalloc cannot see) with the peak resident size of a fresh process.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable

import pytest

from presswatch.extract.article import extract_article
from presswatch.extract.decode import decode_page
from presswatch.extract.screen import MAX_DEPTH, MAX_ELEMENTS
from presswatch.models import Article, Rejected

SENTENCE = ("Міністри оборони країн альянсу зібралися в Брюсселі, щоб погодити новий пакет "
            "протиповітряної оборони після тижня атак на енергосистему, повідомили посадовці")


def paragraphs(size: int) -> str:
    """Distinct paragraphs of about ``size`` bytes of UTF-8 in all."""
    count = size // (len(SENTENCE.encode()) + 20) + 1
    return "".join(f"<p>{SENTENCE} ({n}).</p>\n" for n in range(count))


def measured(action: Callable[[], object]) -> tuple[object, float, int]:
    """What ``action`` returns, the seconds it took and the peak of Python allocations."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        result = action()
        return result, time.perf_counter() - started, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_20_mb_page_is_refused_before_it_is_decoded(settings) -> None:
    body = f"<html><body><article>{paragraphs(20_000_000)}</article></body></html>".encode()
    result, seconds, peak = measured(lambda: extract_article(body, "https://e.example/a",
                                                             settings))
    assert isinstance(result, Rejected) and result.reason == "too_large"
    assert f"{len(body):,} bytes" in result.detail
    assert seconds < 1.0 and peak < 1_000_000


def test_a_page_of_too_many_tags_is_refused(settings) -> None:
    body = ("<html><body>" + "<i>x</i>" * (MAX_ELEMENTS // 2 + 1) + "</body></html>").encode()
    result = extract_article(body, "https://e.example/a", settings)
    assert isinstance(result, Rejected) and result.reason == "too_large"
    assert "tags" in result.detail


@pytest.mark.parametrize("depth", [MAX_DEPTH + 10, 10_000, 100_000])
def test_nesting_the_parser_would_cut_off_is_too_deep(settings, depth: int) -> None:
    body = (f"<html><body>{'<div>' * depth}{paragraphs(3000)}{'</div>' * depth}"
            "</body></html>").encode()
    result = extract_article(body, "https://e.example/a", settings)
    assert isinstance(result, Rejected)
    assert result.reason == ("too_large" if 2 * depth > MAX_ELEMENTS else "too_deep")


def test_deep_but_parseable_nesting_is_read_whole(settings) -> None:
    depth = MAX_DEPTH - 20
    body = (f"<html><body>{'<div>' * depth}<article>{paragraphs(3000)}</article>"
            f"{'</div>' * depth}</body></html>").encode()
    result = extract_article(body, "https://e.example/a", settings)
    assert isinstance(result, Article)
    assert result.text.count(SENTENCE) == 3000 // (len(SENTENCE.encode()) + 20) + 1


def test_a_stray_nul_byte_early_in_a_page_does_not_lose_the_article(settings) -> None:
    body = (f"<html><head><title>Новини</title></head><body>\x00<article>{paragraphs(3000)}"
            "</article></body></html>").encode()
    result = extract_article(body, "https://e.example/a", settings)
    assert isinstance(result, Article) and SENTENCE in result.text


def test_decoding_a_10_mb_windows_1251_page_takes_about_its_text() -> None:
    body = f"<html><body>{paragraphs(20_000_000)}</body></html>".encode("cp1251")
    assert len(body) > 10_000_000
    decoded, seconds, peak = measured(lambda: decode_page(body))
    assert decoded.charset == "windows-1251" and decoded.source == "guess"
    # Cyrillic text takes 2 bytes a character, and CPython widens its 1-byte buffer on the
    # first Cyrillic letter: 3 times the bytes; the judged sample is small beside that.
    assert peak < 3.5 * len(body)
    assert seconds < 5.0


WORST_CASES = r"""
import json, re, sys
from presswatch.extract.article import extract_article
from presswatch.settings import Settings

def status(key):
    found = re.search(key + r":\s+(\d+) kB", open("/proc/self/status").read())
    return int(found.group(1)) * 1024

settings = Settings(_env_file=None, data_dir=sys.argv[1])
pages = json.loads(sys.stdin.read())
extract_article(pages.pop("warm-up").encode(), "https://e.example/w", settings)
growth = {}
for name, page in pages.items():
    body = page.encode()
    with open("/proc/self/clear_refs", "w") as reset:
        reset.write("5")  # the peak resident size starts again from the present one
    before = status("VmRSS")
    result = extract_article(body, "https://e.example/a", settings)
    growth[name] = [getattr(result, "reason", "article"), status("VmHWM") - before, len(body)]
    del body, result
print(json.dumps(growth))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/status")
def test_worst_pages_stay_within_bounded_memory(tmp_path) -> None:
    """Growth of the peak resident size of a fresh process, libxml2's memory included."""
    pages = {
        "warm-up": f"<html><body><article>{paragraphs(20_000)}</article></body></html>",
        "deep": f"<html><body>{'<div>' * 10_000}{paragraphs(3000)}</body></html>",
        "one megabyte": f"<html><body><article>{paragraphs(1_000_000)}</article></body></html>",
        "widest": (f"<html><body><article>{paragraphs(5000)}"  # just under MAX_ELEMENTS tags
                   f"{'<i>x</i>' * (MAX_ELEMENTS // 2 - 1000)}</article></body></html>"),
    }
    done = subprocess.run([sys.executable, "-c", WORST_CASES, str(tmp_path)],
                          input=json.dumps(pages), capture_output=True, text=True, timeout=120,
                          check=True)
    growth = json.loads(done.stdout)
    reason, grew, _ = growth["deep"]
    assert reason == "too_deep" and grew < 10_000_000
    reason, grew, size = growth["one megabyte"]
    assert reason == "article" and 0 < grew < 30 * size
    reason, grew, _ = growth["widest"]  # small, but each element costs the parsers ~1.5 kB
    assert reason == "article" and grew < 150_000_000
