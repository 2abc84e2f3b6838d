"""A fake LibreTranslate: ``GET /languages``, ``POST /translate`` (JSON or form).

With ``api_key`` set, a missing or wrong key is 403 ``{"error": "Invalid API key"}``;
``q`` may be a string or a list and the answer's ``translatedText`` follows it; a pair the
server lacks is 400 with LibreTranslate's message.
"""

from __future__ import annotations

from tests.fakes.base import FakeServer, Reply, Request, fake_translation

LANGUAGES = {"en": ["de", "ru", "uk"], "de": ["en"], "ru": ["en", "uk"], "uk": ["en", "ru"]}
NAMES = {"en": "English", "de": "German", "ru": "Russian", "uk": "Ukrainian"}


class FakeLibreTranslate(FakeServer):
    def __init__(self, api_key: str = "", languages: dict[str, list[str]] | None = None) -> None:
        super().__init__()
        self.api_key = api_key
        self.languages = languages or LANGUAGES

    def handle(self, request: Request) -> Reply:
        if request.path == "/languages" and request.method == "GET":
            return Reply.json(200, [{"code": code, "name": NAMES.get(code, code),
                                     "targets": targets}
                                    for code, targets in self.languages.items()])
        if request.path != "/translate" or request.method != "POST":
            return Reply.json(404, {"error": "Not Found"})
        params = request.json() if request.headers.get("content-type", "").startswith(
            "application/json") else {k: v[0] for k, v in request.form().items()}
        if self.api_key and params.get("api_key") != self.api_key:
            return Reply.json(403, {"error": "Invalid API key"})
        refused = self.throttle(
            Reply.json(429, {"error": "Slowdown: 2 per 1 second"}),
            Reply.json(500, {"error": "Cannot translate text: internal error"}))
        if refused:
            return refused
        q, source, target = params.get("q"), params.get("source"), params.get("target")
        if q is None or not source or not target:
            return Reply.json(400, {"error": "Invalid request: missing q, source or target"})
        if target not in self.languages.get(source, []):
            return Reply.json(400, {"error": f"{source} ({target}) is not supported"})
        if isinstance(q, list):
            return Reply.json(200, {"translatedText": [fake_translation(t, target) for t in q]})
        return Reply.json(200, {"translatedText": fake_translation(q, target)})
