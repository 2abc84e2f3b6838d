"""The HTTP engines' shared layer (retries, Retry-After, time-outs) and their answer parsing,
through ``httpx.MockTransport``; the real protocols are in tests/integration/test_mt_http*."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest

from presswatch.errors import TranslationError
from presswatch.translate.deepl import DeepLEngine
from presswatch.translate.httpapi import retry_after_seconds
from presswatch.translate.libretranslate import LibreTranslateEngine
from presswatch.translate.openai_chat import InvalidAnswer, OpenAIChatEngine, parse_answer


def scripted(*answers: httpx.Response | Exception):
    """A transport answering the requests in turn; records the requests it got."""
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        answer = answers[min(len(seen), len(answers)) - 1]
        if isinstance(answer, Exception):
            raise answer
        return answer

    return httpx.MockTransport(handler), seen


def ok(texts: list[str]) -> httpx.Response:
    return httpx.Response(200, json={"translations": [{"text": t} for t in texts]})


def deepl(transport, sleeps, **options) -> DeepLEngine:
    return DeepLEngine(api_key="k:fx", base_url="https://deepl.test", transport=transport,
                       sleep=sleeps.append, **options)


def test_retry_after_reads_seconds_and_http_dates():
    now = datetime(2026, 3, 1, 12, 0, 0, tzinfo=UTC)
    assert retry_after_seconds("3") == 3.0
    assert retry_after_seconds("Sun, 01 Mar 2026 12:00:07 GMT", now) == 7.0
    assert retry_after_seconds("Sun, 01 Mar 2026 11:00:00 GMT", now) == 0.0
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None


def test_429_waits_as_long_as_the_server_asks_then_succeeds():
    transport, seen = scripted(httpx.Response(429, headers={"Retry-After": "2"}), ok(["A"]))
    sleeps: list[float] = []
    assert deepl(transport, sleeps).translate_segments(["a"], "de", "uk") == ["A"]
    assert sleeps == [2.0] and len(seen) == 2


def test_5xx_and_time_outs_back_off_doubling_then_give_up_with_the_reason():
    transport, seen = scripted(httpx.Response(503), httpx.ReadTimeout("slow"),
                               httpx.Response(502))
    sleeps: list[float] = []
    engine = deepl(transport, sleeps, retries=3, backoff=0.5, timeout=7)
    with pytest.raises(TranslationError, match=r"^server error \(502\) after 3 attempts$"):
        engine.translate_segments(["a"], "de", "uk")
    assert sleeps == [0.5, 1.0] and len(seen) == 3
    transport, _ = scripted(httpx.ReadTimeout("slow"))
    with pytest.raises(TranslationError, match=r"timed out after 7 s after 2 attempts"):
        deepl(transport, [], retries=2, timeout=7).translate_segments(["a"], "de", "uk")


def test_a_retry_after_beyond_the_limit_fails_at_once():
    transport, seen = scripted(httpx.Response(429, headers={"Retry-After": "3600"}))
    with pytest.raises(TranslationError, match="retry after 3600 s"):
        deepl(transport, [], max_wait=60).translate_segments(["a"], "de", "uk")
    assert len(seen) == 1


def test_an_unreachable_server_is_named():
    transport, _ = scripted(httpx.ConnectError("connection refused"))
    with pytest.raises(TranslationError, match=r"cannot reach https://deepl.test: connection"):
        deepl(transport, [], retries=1).translate_segments(["a"], "de", "uk")


def test_deepl_sends_the_key_the_variant_and_batches_of_50():
    transport, seen = scripted(ok(["x"] * 50), ok(["y"] * 10))
    out = deepl(transport, []).translate_segments([f"s{i}" for i in range(60)], "de", "en")
    assert out == ["x"] * 50 + ["y"] * 10
    assert seen[0].headers["Authorization"] == "DeepL-Auth-Key k:fx"
    body = httpx.Response(200, content=seen[1].content).json()
    assert body == {"text": [f"s{i}" for i in range(50, 60)], "source_lang": "DE",
                    "target_lang": "EN-GB"}


def test_deepl_picks_the_free_or_pro_host_by_key_and_needs_one():
    assert DeepLEngine(api_key="abc:fx").base_url == "https://api-free.deepl.com"
    assert DeepLEngine(api_key="abc").base_url == "https://api.deepl.com"
    assert DeepLEngine(api_key="").unavailable_reason() == "no API key (setting deepl_api_key)"
    assert DeepLEngine(api_key="").pairs() == set()


def test_deepl_quota_and_key_errors_are_not_retried():
    transport, seen = scripted(httpx.Response(456, json={"message": "Quota exceeded"}))
    with pytest.raises(TranslationError, match=r"^quota exceeded \(456\).*: Quota exceeded$"):
        deepl(transport, []).translate_segments(["a"], "de", "uk")
    assert len(seen) == 1


def test_libretranslate_without_a_server_is_unavailable_with_the_reason():
    transport, _ = scripted(httpx.ConnectError("refused"))
    engine = LibreTranslateEngine(url="http://lt.test", transport=transport)
    assert engine.unavailable_reason().startswith("cannot list the languages of http://lt.test")
    assert engine.pairs() == set()
    assert LibreTranslateEngine(url="").unavailable_reason() == \
        "no URL (setting libretranslate_url)"


def test_openai_needs_an_endpoint_and_a_model():
    assert OpenAIChatEngine(base_url="", model="m").unavailable_reason().startswith("no endpoint")
    assert OpenAIChatEngine(base_url="http://x", model="").unavailable_reason().startswith(
        "no model")
    assert OpenAIChatEngine(base_url="http://x", model="m", languages={"de", "uk"}).pairs() == \
        {("de", "uk"), ("uk", "de")}


@pytest.mark.parametrize(("content", "problem"), [
    ("Here you go", "not JSON"),
    ('{"translations": []}', 'no "segments" list'),
    ('{"segments": [{"id": 1, "text": "a"}]}', "1 segments with ids [1] for 2 sent"),
    ('{"segments": [{"id": 1, "text": "a"}, {"id": 1, "text": "b"}]}', "repeated"),
    ('{"segments": [{"id": 1, "text": "a"}, {"id": 2, "text": " "}]}', "segment 2 is empty"),
    ('{"segments": [{"id": 1, "text": "a"}, {"id": 3, "text": "b"}]}', "ids [1, 3]"),
    ('{"segments": [{"id": 1}, {"id": 2, "text": "b"}]}', "without id or text"),
])
def test_an_invalid_chat_answer_says_what_is_wrong(content, problem):
    with pytest.raises(InvalidAnswer, match=problem.replace("[", r"\[").replace("]", r"\]")):
        parse_answer(content, [1, 2])


def test_a_chat_answer_may_come_in_a_code_fence_and_any_order():
    content = '```json\n{"segments": [{"id": 2, "text": "b"}, {"id": 1, "text": "a"}]}\n```'
    assert parse_answer(content, [1, 2]) == {1: "a", 2: "b"}
    assert parse_answer('[{"id": 1, "text": "a"}]', [1]) == {1: "a"}
