"""``create_app(settings)``: the FastAPI app with its API, OpenAPI docs and the static UI."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from eventwire.runner import BatchProcessor
from eventwire.store.database import Store
from eventwire.web import api, ingest
from eventwire.web.cache import ResponseCache
from eventwire.web.database import Database
from eventwire.web.headers import SecurityHeaders
from eventwire.web.settings import ServeSettings

STATIC = Path(__file__).parent / "static"


def create_app(settings: ServeSettings, *, pipeline: BatchProcessor | None = None) -> FastAPI:
    """The app over ``settings.db_path``: read-only unless a token enables ``POST /articles``.

    ``pipeline`` (for tests) replaces the one built from ``settings.pipeline`` on first post.
    """
    store = Store(settings.db_path, read_only=not settings.writable)
    database = Database(store)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        database.close()

    app = FastAPI(
        title="eventwire",
        summary="Events, quotes and actors coded from news, with the evidence for every field.",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.database = database
    app.state.pipeline = ingest.PipelineHolder(lambda: pipeline or _build_pipeline(settings))
    app.add_middleware(ResponseCache, database=database, max_entries=settings.cache_entries)
    app.add_middleware(SecurityHeaders)  # outermost: on cached responses too
    app.add_exception_handler(RequestValidationError, _invalid)
    app.include_router(api.router)
    app.include_router(ingest.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    return app


def _build_pipeline(settings: ServeSettings) -> BatchProcessor:
    from eventwire.pipeline import Pipeline

    return Pipeline(settings.pipeline)


async def _invalid(request: Request, exc: Exception) -> JSONResponse:
    """422 with one readable line per bad parameter, plus FastAPI's usual ``detail``."""
    errors: list[Any] = list(exc.errors()) if isinstance(exc, RequestValidationError) else []
    lines = [
        f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'body'}: {e.get('msg', '')}"
        + (f" (got {e['input']!r})" if isinstance(e.get("input"), str | int) else "")
        for e in errors
    ]
    return JSONResponse(
        status_code=422,
        content=jsonable_encoder({"error": "; ".join(lines), "detail": errors}),
    )
