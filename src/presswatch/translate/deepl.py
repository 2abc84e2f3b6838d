"""DeepL through its v2 API: ``POST /v2/translate`` with ``Authorization: DeepL-Auth-Key``.

Up to 50 segments go in one JSON request (``text`` list, ``source_lang``, ``target_lang``);
English and Portuguese targets need a variant (``EN-GB``, ``PT-PT``). A free-plan key (ending in
``:fx``) talks to api-free.deepl.com, any other to api.deepl.com, unless ``deepl_base_url`` says
otherwise. 429 and 5xx are retried; 456 (the account's character quota is used up) and 403 (the
key is refused) fail at once with the reason.
"""

from __future__ import annotations

from typing import Any

import httpx

from presswatch.errors import TranslationError
from presswatch.translate.engines import all_pairs, configured_languages
from presswatch.translate.httpapi import HttpEngine, secret_text

SOURCE_LANGUAGES = frozenset(
    "ar bg cs da de el en es et fi fr he hu id it ja ko lt lv nb nl pl pt ro ru sk sl sv th "
    "tr uk vi zh".split()
)
TARGET_VARIANTS = {"en": "EN-GB", "pt": "PT-PT", "zh": "ZH-HANS"}
BATCH = 50
FREE_URL = "https://api-free.deepl.com"
PRO_URL = "https://api.deepl.com"


class DeepLEngine(HttpEngine):
    name = kind = "deepl"

    def __init__(
        self,
        *,
        api_key: str,
        base_url: str = "",
        languages: set[str] | None = None,
        english: str = "EN-GB",
        **http: Any,
    ) -> None:
        super().__init__(**http)
        self.api_key = api_key
        default = FREE_URL if api_key.endswith(":fx") else PRO_URL
        self.base_url = (base_url or default).rstrip("/")
        self.languages = (languages or set(SOURCE_LANGUAGES)) & SOURCE_LANGUAGES
        self.variants = {**TARGET_VARIANTS, "en": english}

    @classmethod
    def from_settings(cls, settings: object, **http: Any) -> DeepLEngine:
        return cls(
            api_key=secret_text(settings.deepl_api_key),
            base_url=str(settings.deepl_base_url or ""),
            languages=configured_languages(settings),
            **http,
        )

    def pairs(self) -> set[tuple[str, str]]:
        return all_pairs(self.languages) if not self.unavailable_reason() else set()

    def unavailable_reason(self) -> str:
        if not self.api_key:
            return "no API key (setting deepl_api_key)"
        return ""

    def target_code(self, target: str) -> str:
        return self.variants.get(target, target.upper())

    def translate_segments(self, segments: list[str], source: str, target: str) -> list[str]:
        out: list[str] = []
        for start in range(0, len(segments), BATCH):
            out += self._translate_batch(segments[start : start + BATCH], source, target)
        return out

    def _translate_batch(self, texts: list[str], source: str, target: str) -> list[str]:
        body = {"text": texts, "source_lang": source.upper(),
                "target_lang": self.target_code(target)}
        response = self.request(
            "POST", f"{self.base_url}/v2/translate", json=body,
            headers={"Authorization": f"DeepL-Auth-Key {self.api_key}"},
        )
        if response.status_code != 200:
            raise TranslationError(_error(response))
        try:
            items = response.json()["translations"]
            out = [str(item["text"]) for item in items]
        except (ValueError, KeyError, TypeError) as err:
            raise TranslationError(f"unreadable answer: {response.text[:200]!r}") from err
        if len(out) != len(texts):
            raise TranslationError(f"{len(out)} translations back for {len(texts)} texts")
        return out


def _error(response: httpx.Response) -> str:
    try:
        data = response.json()
        message = str(data.get("message") or data.get("detail") or "") if isinstance(
            data, dict) else ""
    except ValueError:
        message = response.text[:200].strip()
    status = response.status_code
    known = {
        403: "the API key was refused (403)",
        456: "quota exceeded (456): the account's character limit is used up",
        413: "request too large (413)",
    }
    text = known.get(status, f"HTTP {status}")
    return f"{text}: {message}" if message else text
