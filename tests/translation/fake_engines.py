"""Local fake servers speaking the LibreTranslate, DeepL and OpenAI chat APIs.

They "translate" by upper-casing text outside the placeholders, and can be told to answer the
next requests with an error status, a delay (for timeouts), or a wrong answer.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any

from tests.fault_server import LoopbackServer, serving

TAG = re.compile(r"(</?[gx]\d+/?>)")


def fake_translate(text: str) -> str:
    return "".join(part if TAG.fullmatch(part) else part.upper() for part in TAG.split(text))


@dataclass
class Fault:
    status: int = 0
    body: dict[str, Any] | None = None
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)


class FakeEngineServer(LoopbackServer):
    def __init__(self, api: str) -> None:
        self.api = api
        self.faults: list[Fault] = []
        self.requests: list[tuple[str, dict[str, Any], dict[str, str]]] = []
        self.mangle: Callable[[list[str]], list[str]] | None = None
        super().__init__(("127.0.0.1", 0), FakeEngineHandler)


class FakeEngineHandler(BaseHTTPRequestHandler):
    server: FakeEngineServer

    def log_message(self, format: str, *args: object) -> None:
        pass

    def reply(self, status: int, data: object, headers: dict[str, str] | None = None) -> None:
        body = json.dumps(data).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def do_POST(self) -> None:
        payload = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))) or b"{}")
        server = self.server
        server.requests.append((self.path, payload, dict(self.headers)))
        if server.faults:
            fault = server.faults.pop(0)
            if fault.delay:
                time.sleep(fault.delay)
            if fault.status:
                self.reply(fault.status, fault.body or {"error": "fault"}, fault.headers)
                return
        getattr(self, f"answer_{server.api}")(payload)

    def texts(self, texts: list[str]) -> list[str]:
        out = [fake_translate(t) for t in texts]
        return self.server.mangle(out) if self.server.mangle else out

    def answer_libretranslate(self, payload: dict[str, Any]) -> None:
        if self.path != "/translate":
            self.reply(404, {"error": "Not Found"})
            return
        self.reply(200, {"translatedText": self.texts(list(payload["q"]))})

    def answer_deepl(self, payload: dict[str, Any]) -> None:
        if not self.headers.get("Authorization", "").startswith("DeepL-Auth-Key "):
            self.reply(403, {"message": "Wrong endpoint. Use https://api.deepl.com"})
            return
        if self.path == "/v2/glossaries":
            self.reply(201, {"glossary_id": "g-123", "ready": True, "entry_count": 1})
            return
        translations = self.texts(list(payload["text"]))
        self.reply(
            200,
            {"translations": [{"detected_source_language": "DE", "text": t} for t in translations]},
        )

    def answer_openai(self, payload: dict[str, Any]) -> None:
        texts = json.loads(payload["messages"][-1]["content"])
        content = "```json\n" + json.dumps(self.texts(texts), ensure_ascii=False) + "\n```"
        self.reply(
            200,
            {
                "id": "chatcmpl-1",
                "object": "chat.completion",
                "choices": [{"index": 0, "message": {"role": "assistant", "content": content}}],
            },
        )


def fake_engine_server(api: str) -> AbstractContextManager[FakeEngineServer]:
    return serving(FakeEngineServer(api))
