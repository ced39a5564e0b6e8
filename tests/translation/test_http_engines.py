"""HTTP engines against local fake servers that speak the real APIs, errors included."""

from __future__ import annotations

import pytest

from gazette.translation.engines.base import (
    EngineRequestError,
    EngineUnavailable,
    LanguagePair,
)
from gazette.translation.engines.deepl import DeepLEngine
from gazette.translation.engines.libretranslate import LibreTranslateEngine
from gazette.translation.engines.openai_chat import OpenAIChatEngine
from tests.translation.fake_engines import Fault, fake_engine_server

DE_EN = LanguagePair("de", "en")
TEXTS = ["Die Donau <g1>steigt</g1> & fällt.", "Ende<x1/>."]
EXPECTED = ["DIE DONAU <g1>STEIGT</g1> & FÄLLT.", "ENDE<x1/>."]


@pytest.fixture(autouse=True)
def quick_retries(settings):
    settings.TRANSLATION_RETRY_SECONDS = 0.01
    settings.TRANSLATION_RETRIES = 3
    settings.TRANSLATION_TIMEOUT = 0.5


def test_libretranslate_translates_a_batch_with_markup_escaped(settings):
    with fake_engine_server("libretranslate") as server:
        settings.LIBRETRANSLATE_URL = server.base_url
        settings.LIBRETRANSLATE_API_KEY = "k"
        assert LibreTranslateEngine().translate(TEXTS, pair=DE_EN, glossary={}) == EXPECTED
    path, payload, _headers = server.requests[0]
    assert path == "/translate"
    assert payload["q"][0] == "Die Donau <g1>steigt</g1> &amp; fällt."
    assert payload["format"] == "html" and payload["api_key"] == "k"


def test_libretranslate_retries_429_and_5xx_then_succeeds(settings):
    with fake_engine_server("libretranslate") as server:
        settings.LIBRETRANSLATE_URL = server.base_url
        server.faults = [Fault(429, {"error": "Slowdown"}), Fault(503)]
        assert LibreTranslateEngine().translate(TEXTS, pair=DE_EN, glossary={}) == EXPECTED
    assert len(server.requests) == 3


def test_libretranslate_gives_up_after_retries_with_the_reason(settings):
    with fake_engine_server("libretranslate") as server:
        settings.LIBRETRANSLATE_URL = server.base_url
        server.faults = [Fault(500, {"error": "boom"})] * 3
        with pytest.raises(EngineUnavailable, match="after 3 attempts: HTTP 500 .*boom"):
            LibreTranslateEngine().translate(TEXTS, pair=DE_EN, glossary={})


def test_libretranslate_400_is_a_clear_error_not_retried(settings):
    with fake_engine_server("libretranslate") as server:
        settings.LIBRETRANSLATE_URL = server.base_url
        server.faults = [Fault(400, {"error": "de is not supported"})]
        with pytest.raises(EngineRequestError, match="HTTP 400 .*de is not supported"):
            LibreTranslateEngine().translate(TEXTS, pair=DE_EN, glossary={})
    assert len(server.requests) == 1


def test_a_timeout_is_retried_then_reported(settings):
    with fake_engine_server("libretranslate") as server:
        settings.LIBRETRANSLATE_URL = server.base_url
        server.faults = [Fault(delay=1.0)] * 3
        with pytest.raises(EngineUnavailable, match="timed out"):
            LibreTranslateEngine().translate(TEXTS, pair=DE_EN, glossary={})


def test_deepl_uses_its_key_tag_handling_and_a_glossary(settings):
    with fake_engine_server("deepl") as server:
        settings.DEEPL_API_KEY = "secret:fx"
        settings.DEEPL_API_URL = server.base_url
        engine = DeepLEngine()
        assert engine.translate(TEXTS, pair=DE_EN, glossary={"Kiew": "Kyiv"}) == EXPECTED
    (g_path, glossary, headers), (t_path, payload, _h) = server.requests
    assert headers["Authorization"] == "DeepL-Auth-Key secret:fx"
    assert g_path == "/v2/glossaries" and glossary["entries"] == "Kiew\tKyiv"
    assert t_path == "/v2/translate"
    assert payload["glossary_id"] == "g-123"
    assert payload["tag_handling"] == "xml" and payload["target_lang"] == "EN-GB"


def test_deepl_chooses_free_or_pro_endpoint_by_key(settings):
    settings.DEEPL_API_URL = ""
    settings.DEEPL_API_KEY = "abc:fx"
    assert DeepLEngine().base_url == "https://api-free.deepl.com"
    settings.DEEPL_API_KEY = "abc"
    assert DeepLEngine().base_url == "https://api.deepl.com"


def test_deepl_quota_exceeded_is_reported(settings):
    with fake_engine_server("deepl") as server:
        settings.DEEPL_API_KEY = "secret"
        settings.DEEPL_API_URL = server.base_url
        server.faults = [Fault(456, {"message": "Quota exceeded"})]
        with pytest.raises(EngineRequestError, match="456.*Quota exceeded"):
            DeepLEngine().translate(TEXTS, pair=DE_EN, glossary={})


def test_openai_compatible_chat_returns_a_json_array(settings):
    with fake_engine_server("openai") as server:
        settings.OPENAI_TRANSLATION_URL = server.base_url + "/v1"
        settings.OPENAI_TRANSLATION_MODEL = "tiny"
        settings.OPENAI_TRANSLATION_API_KEY = "sk-test"
        assert (
            OpenAIChatEngine().translate(TEXTS, pair=DE_EN, glossary={"Kiew": "Kyiv"}) == EXPECTED
        )
    path, payload, headers = server.requests[0]
    assert path == "/v1/chat/completions"
    assert headers["Authorization"] == "Bearer sk-test"
    assert payload["model"] == "tiny" and payload["temperature"] == 0
    assert 'Render "Kiew" as "Kyiv"' in payload["messages"][0]["content"]
