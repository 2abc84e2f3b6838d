"""A fake OpenAI-compatible ``POST /v1/chat/completions`` that translates JSON segments.

It reads the last user message as the request presswatch sends (``{"glossary": [...],
"segments": [{"id", "text"}]}``) and answers ``{"segments": [{"id", "text": "[UK] ..."}]}`` in
a chat-completion object. With ``api_key`` set, a wrong bearer token is 401 in OpenAI's error
format. ``answers`` queues misbehaviour for the next requests: ``prose`` (no JSON), ``missing``
(one segment dropped), ``empty`` (an empty translation), ``fenced`` (valid JSON in a code fence),
``wrong_ids`` (ids shifted by one).
"""

from __future__ import annotations

import json
import re
import time

from tests.fakes.base import FakeServer, Reply, Request, fake_translation

_TARGET = re.compile(r"into (\w+)\.")
CODES = {"Ukrainian": "uk", "Russian": "ru", "English": "en", "German": "de"}


class FakeOpenAI(FakeServer):
    def __init__(self, api_key: str = "", model: str = "tiny-llm") -> None:
        super().__init__()
        self.api_key = api_key
        self.model = model
        self.answers: list[str] = []
        self.received: list[dict] = []

    def handle(self, request: Request) -> Reply:
        if request.path != "/v1/chat/completions" or request.method != "POST":
            return Reply.json(404, {"error": {"message": "Unknown request URL",
                                              "type": "invalid_request_error"}})
        if self.api_key and request.headers.get("authorization") != f"Bearer {self.api_key}":
            return Reply.json(401, {"error": {"message": "Incorrect API key provided",
                                              "type": "invalid_request_error",
                                              "code": "invalid_api_key"}})
        refused = self.throttle(
            Reply.json(429, {"error": {"message": "Rate limit reached", "type": "requests"}}),
            Reply.json(503, {"error": {"message": "The server is overloaded"}}))
        if refused:
            return refused
        body = request.json()
        if body.get("model") != self.model:
            return Reply.json(404, {"error": {"message": f"model {body.get('model')!r} "
                                              "does not exist", "code": "model_not_found"}})
        return Reply.json(200, self._completion(body["messages"]))

    def _completion(self, messages: list[dict]) -> dict:
        first_user = next(m for m in messages if m["role"] == "user")
        payload = json.loads(first_user["content"])
        self.received.append(payload)
        found = _TARGET.search(messages[0]["content"])
        target = CODES.get(found.group(1), "xx") if found else "xx"
        segments = [{"id": s["id"], "text": fake_translation(s["text"], target)}
                    for s in payload["segments"]]
        content = self._shape(segments)
        return {"id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()),
                "model": self.model,
                "choices": [{"index": 0, "finish_reason": "stop",
                             "message": {"role": "assistant", "content": content}}]}

    def _shape(self, segments: list[dict]) -> str:
        mode = self.answers.pop(0) if self.answers else "ok"
        if mode == "prose":
            return "Sure! Here is the translation you asked for."
        if mode == "missing":
            segments = segments[:-1]
        elif mode == "empty":
            segments = [{**segments[0], "text": " "}, *segments[1:]]
        elif mode == "wrong_ids":
            segments = [{**s, "id": s["id"] + 1} for s in segments]
        text = json.dumps({"segments": segments}, ensure_ascii=False)
        return f"```json\n{text}\n```" if mode == "fenced" else text
