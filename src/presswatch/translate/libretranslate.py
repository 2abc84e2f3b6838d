"""LibreTranslate: ``GET /languages`` for the pairs, ``POST /translate`` for the text.

The segments of a batch travel as the ``q`` list of one request (``source``, ``target``,
``format: text``, ``api_key`` when one is set) and come back as the ``translatedText`` list.
Errors are JSON ``{"error": "..."}``: 400 bad input, 403 a refused key, 429 too many requests
(retried), 5xx (retried). The language list is asked once; when the server cannot be reached
the engine is unavailable and asks again after ``PROBE_AGAIN`` seconds.
"""

from __future__ import annotations

import time
from typing import Any

import httpx

from presswatch.errors import TranslationError
from presswatch.translate.engines import configured_languages
from presswatch.translate.httpapi import HttpEngine, secret_text

BATCH = 25
PROBE_AGAIN = 300.0


class LibreTranslateEngine(HttpEngine):
    name = kind = "libretranslate"

    def __init__(
        self, *, url: str, api_key: str = "", languages: set[str] | None = None, **http: Any
    ) -> None:
        super().__init__(**http)
        self.url = url.rstrip("/")
        self.api_key = api_key
        self.languages = languages
        self._pairs: set[tuple[str, str]] | None = None
        self._reason = ""
        self._probed_at = float("-inf")

    @classmethod
    def from_settings(cls, settings: object, **http: Any) -> LibreTranslateEngine:
        return cls(
            url=str(settings.libretranslate_url or ""),
            api_key=secret_text(settings.libretranslate_api_key),
            languages=configured_languages(settings),
            **http,
        )

    def _probe(self) -> None:
        if not self.url:
            self._reason = "no URL (setting libretranslate_url)"
            return
        if self._pairs is not None or time.monotonic() - self._probed_at < PROBE_AGAIN:
            return
        self._probed_at = time.monotonic()
        try:
            response = self.client.get(f"{self.url}/languages",
                                       timeout=min(self.timeout, 10.0))
            response.raise_for_status()
            self._pairs = self._read_languages(response.json())
            self._reason = ""
        except (httpx.HTTPError, ValueError, TypeError, KeyError) as err:
            self._reason = f"cannot list the languages of {self.url}: {err}"

    def _read_languages(self, data: list[dict[str, Any]]) -> set[tuple[str, str]]:
        codes = {str(entry["code"]) for entry in data}
        pairs = set()
        for entry in data:
            targets = entry.get("targets", codes)
            pairs |= {(str(entry["code"]), str(t)) for t in targets if t != entry["code"]}
        if self.languages is not None:
            pairs = {(s, t) for s, t in pairs if s in self.languages and t in self.languages}
        return pairs

    def pairs(self) -> set[tuple[str, str]]:
        self._probe()
        return set(self._pairs or ())

    def unavailable_reason(self) -> str:
        self._probe()
        return self._reason

    def translate_segments(self, segments: list[str], source: str, target: str) -> list[str]:
        out: list[str] = []
        for start in range(0, len(segments), BATCH):
            out += self._translate_batch(segments[start : start + BATCH], source, target)
        return out

    def _translate_batch(self, texts: list[str], source: str, target: str) -> list[str]:
        body: dict[str, Any] = {"q": texts, "source": source, "target": target,
                                "format": "text"}
        if self.api_key:
            body["api_key"] = self.api_key
        response = self.request("POST", f"{self.url}/translate", json=body)
        if response.status_code != 200:
            raise TranslationError(_error(response))
        try:
            translated = response.json()["translatedText"]
        except (ValueError, KeyError, TypeError) as err:
            raise TranslationError(f"unreadable answer: {response.text[:200]!r}") from err
        if isinstance(translated, str) and len(texts) == 1:
            translated = [translated]
        if not isinstance(translated, list) or len(translated) != len(texts):
            raise TranslationError(f"{_count(translated)} translations back for {len(texts)}")
        return [str(text) for text in translated]


def _count(value: object) -> int:
    return len(value) if isinstance(value, list) else 1


def _error(response: httpx.Response) -> str:
    try:
        data = response.json()
        message = str(data.get("error", "")) if isinstance(data, dict) else ""
    except ValueError:
        message = response.text[:200].strip()
    label = {400: "bad request", 403: "the API key was refused"}.get(
        response.status_code, "HTTP")
    return f"{label} ({response.status_code})" + (f": {message}" if message else "")
