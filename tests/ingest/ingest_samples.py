"""Small inputs built in the tests: HTML pages and WARC archives (written with warcio)."""

from __future__ import annotations

import io

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

STORY = (
    "Russia on Friday expelled a Dutch diplomat, the foreign ministry said in a statement "
    "issued in Moscow after weeks of rising tension between the two countries.",
    "The Netherlands said it would respond in kind and summoned the Russian ambassador "
    "to explain the decision, which it called unjustified and regrettable.",
    "Officials in The Hague said the diplomat had done nothing wrong and would return home.",
)


def page(
    *paragraphs: str,
    title: str = "Russia expels Dutch diplomat",
    head: str = "",
    tail: str = "",
) -> str:
    body = "".join(f"<p>{p}</p>" for p in (paragraphs or STORY))
    return (
        f"<html><head><title>{title}</title>{head}</head><body><nav>Home | World | Sport</nav>"
        f"<article><h1>{title}</h1>{body}</article>{tail}</body></html>"
    )


def warc(records: list[tuple[str, str, bytes, str]], *, gzip: bool = True) -> bytes:
    """An archive of ``(url, record type, payload, content type)`` records."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    for url, kind, payload, content_type in records:
        headers = None
        if kind == "response":
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1"
            )
        record = writer.create_warc_record(
            url, kind, payload=io.BytesIO(payload), http_headers=headers
        )
        writer.write_record(record)
        record.raw_stream.close()  # warcio spools the block to a temporary file
    return buffer.getvalue()
