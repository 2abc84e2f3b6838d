"""An OpenAI-compatible chat-completions endpoint (a local LLM server or a hosted one).

Each request carries the segments as a JSON object ``{"segments": [{"id": 3, "text": ...}]}``
together with the house-glossary terms that occur in them (source form → target forms by case),
and asks for the same object back in the target language. The answer is validated: it must be
JSON, hold exactly the ids sent, and no translation may be empty. An invalid answer is asked for
once more with a stricter instruction that names the problem; a second invalid answer is a
``TranslationError``. Blank segments are not sent.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import httpx

from presswatch.errors import TranslationError
from presswatch.translate.engines import all_pairs, configured_languages
from presswatch.translate.glossary import Glossary
from presswatch.translate.httpapi import HttpEngine, secret_text

BATCH_CHARS = 6000
LANGUAGE_NAMES = {
    "uk": "Ukrainian", "ru": "Russian", "en": "English", "de": "German", "pl": "Polish",
    "fr": "French", "es": "Spanish", "it": "Italian", "cs": "Czech", "be": "Belarusian",
}
SYSTEM = (
    "You are a newsroom translator. Translate news text from {source} into {target}. "
    "The user sends a JSON object with \"segments\", a list of {{\"id\", \"text\"}} objects, "
    "and \"glossary\", house terms that must be used (inflect the target forms as the "
    "sentence needs). Translate every segment on its own, keep its line breaks, numbers and "
    "names, and add nothing. Answer with one JSON object and nothing else: "
    "{{\"segments\": [{{\"id\": <the same id>, \"text\": <the translation>}}, ...]}} with "
    "exactly one entry for every id you were sent."
)
STRICT = (
    "Your previous answer could not be used: {problem}. Answer again with ONLY the JSON "
    "object {{\"segments\": [...]}}: the ids {ids}, each exactly once, each with a non-empty "
    "translation. No explanation, no code fence."
)
_FENCE = re.compile(r"^\s*```(?:json)?\s*(.*?)\s*```\s*$", re.DOTALL)


class InvalidAnswer(ValueError):
    """The model's answer is not the JSON object asked for."""


class OpenAIChatEngine(HttpEngine):
    name = kind = "openai"

    def __init__(
        self,
        *,
        base_url: str,
        model: str,
        api_key: str = "",
        languages: set[str] | None = None,
        glossary: Callable[[], Glossary] | None = None,
        **http: Any,
    ) -> None:
        super().__init__(**http)
        self.base_url = base_url.rstrip("/")
        self.model_id = model
        self.api_key = api_key
        self.languages = languages or set(LANGUAGE_NAMES)
        self._glossary = glossary

    @classmethod
    def from_settings(
        cls, settings: object, glossary: Callable[[], Glossary] | None = None, **http: Any
    ) -> OpenAIChatEngine:
        return cls(
            base_url=str(settings.openai_base_url or ""),
            model=str(settings.openai_model or ""),
            api_key=secret_text(settings.openai_api_key),
            languages=configured_languages(settings),
            glossary=glossary,
            **http,
        )

    @property
    def model(self) -> str:
        return self.model_id

    def pairs(self) -> set[tuple[str, str]]:
        return all_pairs(self.languages) if not self.unavailable_reason() else set()

    def unavailable_reason(self) -> str:
        if not self.base_url:
            return "no endpoint (setting openai_base_url)"
        if not self.model_id:
            return "no model (setting openai_model)"
        return ""

    def translate_segments(self, segments: list[str], source: str, target: str) -> list[str]:
        out = list(segments)
        for batch in _batches([i for i, s in enumerate(segments) if s.strip()], segments):
            sent = {i: segments[i] for i in batch}
            for i, text in self._translate_batch(sent, source, target).items():
                out[i] = text
        return out

    def _translate_batch(self, sent: dict[int, str], source: str, target: str) -> dict[int, str]:
        messages = [
            {"role": "system", "content": SYSTEM.format(source=_language(source),
                                                        target=_language(target))},
            {"role": "user", "content": json.dumps(
                {"glossary": self.glossary_terms(list(sent.values()), source, target),
                 "segments": [{"id": i, "text": t} for i, t in sent.items()]},
                ensure_ascii=False)},
        ]
        content = self._complete(messages)
        try:
            return parse_answer(content, list(sent))
        except InvalidAnswer as err:
            messages += [
                {"role": "assistant", "content": content},
                {"role": "user", "content": STRICT.format(problem=err, ids=list(sent))},
            ]
        content = self._complete(messages)
        try:
            return parse_answer(content, list(sent))
        except InvalidAnswer as err:
            raise TranslationError(f"invalid answer twice: {err}") from err

    def _complete(self, messages: list[dict[str, str]]) -> str:
        headers = {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}
        body = {"model": self.model_id, "messages": messages, "temperature": 0}
        response = self.request("POST", f"{self.base_url}/chat/completions", json=body,
                                headers=headers)
        if response.status_code != 200:
            raise TranslationError(_error(response))
        try:
            content = response.json()["choices"][0]["message"]["content"]
        except (ValueError, KeyError, IndexError, TypeError) as err:
            raise TranslationError(f"unreadable answer: {response.text[:200]!r}") from err
        return str(content or "")

    def glossary_terms(
        self, segments: list[str], source: str, target: str
    ) -> list[dict[str, Any]]:
        """The house terms whose source forms occur in ``segments``, with the target forms."""
        if self._glossary is None:
            return []
        text = "\n".join(segments).casefold()
        terms = []
        for term in self._glossary().terms:
            src, dst = term.languages.get(source), term.languages.get(target)
            if src is None or dst is None:
                continue
            forms = {*src.forms.values(), *(w for ws in src.wrong.values() for w in ws)}
            if any(re.search(rf"(?<!\w){re.escape(f.casefold())}(?!\w)", text) for f in forms):
                terms.append({"source": src.form(), "target": dst.form(),
                              "target_forms": dict(dst.forms)})
        return terms


def parse_answer(content: str, ids: list[int]) -> dict[int, str]:
    """The translations by id; ``InvalidAnswer`` says what is wrong with the answer."""
    fenced = _FENCE.match(content)
    raw = fenced.group(1) if fenced else content.strip()
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as err:
        raise InvalidAnswer(f"not JSON ({err.msg})") from err
    items = data.get("segments") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise InvalidAnswer("no \"segments\" list")
    found: dict[int, str] = {}
    for item in items:
        if not isinstance(item, dict) or "id" not in item or "text" not in item:
            raise InvalidAnswer("a segment without id or text")
        key = item["id"]
        if not isinstance(key, int) or key in found:
            raise InvalidAnswer(f"id {key!r} unexpected or repeated")
        if not isinstance(item["text"], str) or not item["text"].strip():
            raise InvalidAnswer(f"segment {key} is empty")
        found[key] = item["text"]
    if len(items) != len(ids) or set(found) != set(ids):
        raise InvalidAnswer(f"{len(items)} segments with ids {sorted(found)} for "
                            f"{len(ids)} sent with ids {ids}")
    return found


def _batches(indices: list[int], segments: list[str]) -> list[list[int]]:
    batches: list[list[int]] = []
    size = 0
    for i in indices:
        if batches and size + len(segments[i]) <= BATCH_CHARS:
            batches[-1].append(i)
            size += len(segments[i])
        else:
            batches.append([i])
            size = len(segments[i])
    return batches


def _language(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


def _error(response: httpx.Response) -> str:
    try:
        data = response.json()
        error = data.get("error") if isinstance(data, dict) else None
        message = str(error.get("message", "")) if isinstance(error, dict) else str(error or "")
    except ValueError:
        message = response.text[:200].strip()
    label = {401: "the API key was refused", 404: "no such model or endpoint"}.get(
        response.status_code, "HTTP")
    return f"{label} ({response.status_code})" + (f": {message}" if message else "")
