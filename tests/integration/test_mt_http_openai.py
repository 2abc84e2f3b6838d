"""An OpenAI-compatible chat endpoint against a local fake: glossary and segment structure in
the request, the answer validated, one stricter retry, errors and rate limits."""

from __future__ import annotations

import json

import pytest

from presswatch.models import Block
from presswatch.settings import Settings
from presswatch.translate.service import Translator
from tests.fakes.openai import FakeOpenAI

pytestmark = pytest.mark.integration

BLOCKS = (Block("p", "Встреча прошла в Харькове."), Block("p", "   "),
          Block("quote", "Киев ответил сразу."))


@pytest.fixture
def llm():
    with FakeOpenAI(api_key="sk-test", model="news-7b") as server:
        yield server


def translator_for(tmp_path, server: FakeOpenAI, **extra) -> Translator:
    values = {"openai_base_url": f"{server.url}/v1", "openai_model": server.model,
              "openai_api_key": server.api_key, "mt_engines": ("openai",), "mt_backoff": 0.01,
              **extra}
    settings = Settings(data_dir=tmp_path / "var", glossary_file=None)
    return Translator(settings.model_copy(update=values))


def test_segments_and_relevant_glossary_terms_go_out_as_json(tmp_path, llm):
    result = translator_for(tmp_path, llm).translate_article(
        "Зеленский в Киеве", BLOCKS, "ru", "uk")
    assert result.status == "machine" and result.engine == "openai"
    assert result.title == "[UK] Зеленський в Києві"  # the glossary fixes the fake's copy
    assert [b.text for b in result.blocks] == [
        "[UK] Встреча прошла в Харкові.", "   ", "[UK] Київ ответил сразу."]
    (payload,) = llm.received
    assert payload["segments"] == [  # the blank block is not sent
        {"id": 0, "text": "Зеленский в Киеве"}, {"id": 1, "text": "Встреча прошла в Харькове."},
        {"id": 2, "text": "Киев ответил сразу."}]
    terms = {t["source"]: t for t in payload["glossary"]}
    assert set(terms) == {"Киев", "Харьков", "Зеленский"}
    assert terms["Киев"]["target"] == "Київ" and terms["Киев"]["target_forms"]["loc"] == "Києві"
    (request,) = llm.translate_requests("/v1/chat/completions")
    assert request.headers["authorization"] == "Bearer sk-test"
    body = request.json()
    assert body["model"] == "news-7b" and body["temperature"] == 0
    assert "from Russian into Ukrainian" in body["messages"][0]["content"]


def test_an_answer_in_prose_is_asked_for_again_strictly(tmp_path, llm):
    llm.answers = ["prose"]
    out = translator_for(tmp_path, llm).translate_text("Первый.\n\nВторой.", "ru", "uk")
    assert out == "[UK] Первый.\n\n[UK] Второй."
    second = llm.translate_requests("/v1/chat/completions")[1].json()["messages"]
    assert [m["role"] for m in second] == ["system", "user", "assistant", "user"]
    assert second[2]["content"] == "Sure! Here is the translation you asked for."
    assert second[3]["content"].startswith("Your previous answer could not be used: not JSON")
    assert "the ids [0, 1]" in second[3]["content"]


@pytest.mark.parametrize("first", ["missing", "empty", "wrong_ids"])
def test_a_structurally_wrong_answer_is_retried_once(tmp_path, llm, first):
    llm.answers = [first]
    out = translator_for(tmp_path, llm).translate_text("Первый.\n\nВторой.", "ru", "uk")
    assert out == "[UK] Первый.\n\n[UK] Второй."
    assert len(llm.translate_requests("/v1/chat/completions")) == 2


def test_two_invalid_answers_leave_the_article_untranslated(tmp_path, llm):
    llm.answers = ["missing", "prose"]
    result = translator_for(tmp_path, llm).translate_article("Заголовок", BLOCKS, "ru", "uk")
    assert result.status == "untranslated"
    assert result.note == "openai failed: invalid answer twice: not JSON (Expecting value)"


def test_a_fenced_answer_is_accepted(tmp_path, llm):
    llm.answers = ["fenced"]
    assert translator_for(tmp_path, llm).translate_text("Да.", "ru", "uk") == "[UK] Да."
    assert len(llm.translate_requests("/v1/chat/completions")) == 1


def test_a_wrong_key_and_a_wrong_model_are_named(tmp_path, llm):
    result = translator_for(tmp_path, llm, openai_api_key="sk-other").translate_article(
        "Заголовок", (), "ru", "uk")
    assert result.note == ("openai failed: the API key was refused (401): "
                           "Incorrect API key provided")
    result = translator_for(tmp_path, llm, openai_model="gpt-x").translate_article(
        "Заголовок", (), "ru", "uk")
    assert result.note == ("openai failed: no such model or endpoint (404): "
                           "model 'gpt-x' does not exist")


def test_rate_limits_are_waited_out(tmp_path, llm):
    llm.rate_limit_after, llm.rate_limited_for, llm.retry_after = 0, 2, "0"
    assert translator_for(tmp_path, llm).translate_text("Да.", "ru", "uk") == "[UK] Да."
    assert len(llm.translate_requests("/v1/chat/completions")) == 3


def test_a_local_server_without_a_key_gets_no_authorization_header(tmp_path):
    with FakeOpenAI(model="local") as server:
        translator = translator_for(tmp_path, server, openai_api_key="")
        assert translator.translate_text("Да.", "ru", "en") == "[EN] Да."
    (request,) = server.translate_requests("/v1/chat/completions")
    assert "authorization" not in request.headers
    assert json.loads(request.json()["messages"][1]["content"])["glossary"] == []
