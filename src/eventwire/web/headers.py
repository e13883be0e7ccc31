"""Security headers on every response: a Content-Security-Policy (no inline script, no framing),
``X-Content-Type-Options: nosniff`` and ``X-Frame-Options`` for browsers without CSP level 2.

The UI needs nothing but its own origin. FastAPI's ``/docs`` and ``/redoc`` pages load Swagger UI
and ReDoc from cdn.jsdelivr.net and start them with an inline script, so those two pages (which
show only the OpenAPI description, never stored text) get a policy that allows exactly that.
"""

from __future__ import annotations

from typing import Final

from starlette.types import ASGIApp, Message, Receive, Scope, Send

_COMMON: Final = "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
UI_POLICY: Final = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    f"connect-src 'self'; {_COMMON}"
)
_CDN: Final = "https://cdn.jsdelivr.net"
DOCS_POLICY: Final = (
    f"default-src 'self'; script-src 'self' {_CDN} 'unsafe-inline'; "
    f"style-src 'self' {_CDN} 'unsafe-inline'; img-src 'self' data: https://fastapi.tiangolo.com; "
    f"worker-src 'self' blob:; connect-src 'self'; {_COMMON}"
)
DOCS_PATHS: Final = frozenset({"/docs", "/redoc", "/docs/oauth2-redirect"})


class SecurityHeaders:
    """ASGI middleware adding the headers to each HTTP response (replacing any of the same name)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        policy = DOCS_POLICY if scope.get("path") in DOCS_PATHS else UI_POLICY
        added = [
            (b"content-security-policy", policy.encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"x-frame-options", b"DENY"),
            (b"referrer-policy", b"no-referrer"),
        ]
        names = {name for name, _ in added}

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names]
                message = {**message, "headers": [*kept, *added]}
            await send(message)

        await self.app(scope, receive, send_with_headers)
