"""A fake DeepL API v2: ``POST /v2/translate`` (JSON or form), ``GET /v2/usage``.

Checks ``Authorization: DeepL-Auth-Key KEY``; counts characters against ``character_limit``
(456 "Quota exceeded" once it would be passed); refuses the plain ``EN``/``PT`` targets that
DeepL deprecated (400), as well as more than 50 texts.
"""

from __future__ import annotations

from tests.fakes.base import FakeServer, Reply, Request, fake_translation

SOURCES = {"DE", "EN", "RU", "UK", "PL", "FR"}
TARGETS = {"DE", "EN-GB", "EN-US", "RU", "UK", "PL", "FR"}


class FakeDeepL(FakeServer):
    def __init__(self, key: str = "test-key:fx", character_limit: int = 500_000) -> None:
        super().__init__()
        self.key = key
        self.character_limit = character_limit
        self.character_count = 0

    def handle(self, request: Request) -> Reply:
        if request.headers.get("authorization") != f"DeepL-Auth-Key {self.key}":
            return Reply.json(403, {"message": "Wrong endpoint or invalid auth key"})
        if request.path == "/v2/usage":
            return Reply.json(200, {"character_count": self.character_count,
                                    "character_limit": self.character_limit})
        if request.path != "/v2/translate" or request.method != "POST":
            return Reply.json(404, {"message": "Not found"})
        refused = self.throttle(Reply.json(429, {"message": "Too many requests"}),
                                Reply.json(503, {"message": "Service unavailable"}))
        if refused:
            return refused
        params = self._params(request)
        texts, target = params.get("text", []), params.get("target_lang", [""])[0].upper()
        source = params.get("source_lang", [""])[0].upper()
        if not texts or not target:
            return Reply.json(400, {"message": "Parameter 'text' or 'target_lang' missing"})
        if target not in TARGETS or (source and source not in SOURCES):
            return Reply.json(400, {"message": f"Value for 'target_lang' not supported: {target}"})
        if len(texts) > 50:
            return Reply.json(413, {"message": "Too many texts"})
        chars = sum(len(t) for t in texts)
        if self.character_count + chars > self.character_limit:
            return Reply.json(456, {"message": "Quota exceeded"})
        self.character_count += chars
        return Reply.json(200, {"translations": [
            {"detected_source_language": source or "DE", "text": fake_translation(t, target)}
            for t in texts]})

    @staticmethod
    def _params(request: Request) -> dict[str, list[str]]:
        if request.headers.get("content-type", "").startswith("application/json"):
            data = request.json()
            return {k: (v if isinstance(v, list) else [v]) for k, v in data.items()}
        return request.form()
