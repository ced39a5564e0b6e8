"""gazette.lib.mail: safe headers, both parts, one-click unsubscribe, DKIM verified."""

from __future__ import annotations

import base64
import email
import email.policy
import shutil
import subprocess

import dkim
import pytest

from gazette.lib.mail import MailSettings, UnsafeHeader, build_message

PLAIN = MailSettings(from_email="Gazette <news@gazette.test>")


@pytest.mark.parametrize(
    ("to", "name", "subject"),
    [
        ("a@example.org\r\nBcc: b@example.org", "", "Hi"),
        ("a@example.org", "Eve\nBcc: b@example.org", "Hi"),
        ("a@example.org", "", "Hi\r\nBcc: b@example.org"),
        ("a@example.org, b@example.org", "", "Hi"),
        ("Eve <a@example.org>", "", "Hi"),
        ("not an address", "", "Hi"),
    ],
)
def test_it_refuses_what_would_add_a_header_or_recipient(to: str, name: str, subject: str) -> None:
    with pytest.raises(UnsafeHeader):
        build_message(to=to, to_name=name, subject=subject, text="t", html="<p>t</p>", mail=PLAIN)


def test_it_builds_two_parts_a_message_id_and_one_click_unsubscribe() -> None:
    message = build_message(
        to="a@example.org",
        to_name='Ada "the Countess", Lovelace',
        subject="Réponse",
        text="plain body",
        html="<p>html body</p>",
        mail=PLAIN,
        unsubscribe_url="https://gazette.test/u/abc/",
        unsubscribe_mailto="mailto:unsubscribe@gazette.test?subject=abc",
    )
    parsed = email.message_from_bytes(message.message().as_bytes(), policy=email.policy.default)
    assert [a.addr_spec for a in parsed["To"].addresses] == ["a@example.org"]
    assert parsed["List-Unsubscribe"] == (
        "<mailto:unsubscribe@gazette.test?subject=abc>, <https://gazette.test/u/abc/>"
    )
    assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert parsed["Message-ID"].endswith("@gazette.test>") and parsed["Date"]
    assert parsed["Subject"] == "Réponse"
    assert parsed.get_body(("plain",)).get_content().strip() == "plain body"  # type: ignore[union-attr]
    assert "html body" in parsed.get_body(("html",)).get_content()  # type: ignore[union-attr]


def test_it_signs_with_dkim_so_a_verifier_accepts_it() -> None:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test key")
    private = subprocess.run(["openssl", "genrsa", "2048"], check=True, capture_output=True).stdout
    public = subprocess.run(
        ["openssl", "rsa", "-pubout", "-outform", "DER"], input=private, check=True,
        capture_output=True,
    ).stdout  # fmt: skip
    record = b"v=DKIM1; k=rsa; p=" + base64.b64encode(public)
    signed = MailSettings(
        from_email="Gazette <news@gazette.test>",
        dkim_domain="gazette.test",
        dkim_selector="mail",
        dkim_private_key=private,
    )
    message = build_message(
        to="a@example.org", subject="Signed", text="body", html="<p>body</p>", mail=signed,
        unsubscribe_url="https://gazette.test/u/abc/",
    )  # fmt: skip
    raw = message.message().as_bytes(linesep="\r\n")
    assert b"DKIM-Signature:" in raw

    def dns(name: bytes, timeout: int = 5) -> bytes:
        return record if name == b"mail._domainkey.gazette.test." else b""

    assert dkim.verify(raw, dnsfunc=dns)
    assert not dkim.verify(raw.replace(b"body", b"bodY"), dnsfunc=dns)
