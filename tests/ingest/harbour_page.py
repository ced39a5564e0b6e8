"""A small news page (the Gull's harbour story) that extraction tests fill in per case."""

from __future__ import annotations

from datetime import timedelta, timezone

URL = "https://news.example.org/news/harbour-reopens"
CET = timezone(timedelta(hours=1))
BODY = "".join(
    f"<p>Paragraph {n} of the report on the harbour, which reopened to ferries this week after "
    f"months of repairs to the breakwater and the quays, with more detail number {n}.</p>"
    for n in range(1, 6)
)


def page(byline: str = "", body: str = BODY, *, head: str = "", after: str = "") -> str:
    return (
        "<!doctype html><html lang='en'><head><title>Harbour reopens | The Gull</title>"
        f"{head}</head><body><nav><a href='/'>Home</a><a href='/news'>News</a></nav>"
        f"<article><h1>Harbour reopens</h1><div class='entry-meta'>{byline}</div>{body}</article>"
        f"{after}<footer>© The Gull · Impressum</footer></body></html>"
    )
