"""``POST /articles``: process and store submitted articles (only with a configured token)."""

from __future__ import annotations

import datetime as dt
import secrets
import threading
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field

from eventwire.model import Article
from eventwire.runner import BatchProcessor, process_items
from eventwire.web.database import Database
from eventwire.web.settings import ServeSettings

router = APIRouter()
bearer = HTTPBearer(auto_error=False, description="The token given to `eventwire serve --token`")


class ArticleIn(BaseModel):
    text: str = Field(min_length=1, max_length=1_000_000)
    id: str | None = Field(default=None, max_length=200, description="Your id for the article")
    title: str | None = Field(default=None, max_length=1000)
    date: dt.date | None = None
    url: str | None = Field(default=None, max_length=2000)
    source: str | None = Field(default=None, max_length=200)


class ArticlesIn(BaseModel):
    articles: list[ArticleIn] = Field(min_length=1, max_length=100)


class PipelineHolder:
    """Builds the pipeline on first use (loading spaCy takes seconds) and runs one batch at once."""

    def __init__(self, factory: Callable[[], BatchProcessor]) -> None:
        self._factory = factory
        self._pipeline: BatchProcessor | None = None
        self.lock = threading.Lock()

    def get(self) -> BatchProcessor:
        if self._pipeline is None:
            self._pipeline = self._factory()
        return self._pipeline


def authorised(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> None:
    settings: ServeSettings = request.app.state.settings
    if not settings.token:
        raise HTTPException(404, detail="writing is off: start the server with --token to enable")
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise HTTPException(
            401, detail="a bearer token is needed", headers={"WWW-Authenticate": "Bearer"}
        )
    if not secrets.compare_digest(credentials.credentials.encode(), settings.token.encode()):
        raise HTTPException(403, detail="wrong token")


@router.post(
    "/articles",
    tags=["articles"],
    summary="Process and store articles (needs --token)",
    dependencies=[Depends(authorised)],
)
def post_articles(body: ArticlesIn, request: Request) -> dict[str, Any]:
    settings: ServeSettings = request.app.state.settings
    if len(body.articles) > settings.max_articles_per_post:
        raise HTTPException(422, detail=f"at most {settings.max_articles_per_post} articles a post")
    articles = [
        Article(
            text=a.text,
            external_id=a.id,
            title=a.title,
            date=a.date,
            url=a.url,
            source=a.source,
            origin=f"POST /articles[{n}]",
        )
        for n, a in enumerate(body.articles)
    ]
    holder: PipelineHolder = request.app.state.pipeline
    database: Database = request.app.state.database
    # One POST at a time (the pipeline is not thread-safe); reads go on meanwhile: the writer
    # has its own cursor, and all the articles are stored at the end in one transaction.
    with holder.lock, database.writer() as store:
        summary = process_items(
            articles, pipeline=holder.get(), store=store, batch_size=len(articles)
        )
    return {
        "ids": [a.public_id for a in articles],
        "articles": summary.articles,
        "unchanged": summary.unchanged,
        "events": summary.events,
        "quotes": summary.quotes,
        "errors": [{"origin": o, "message": m} for o, m in summary.errors],
    }
