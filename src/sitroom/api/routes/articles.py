"""``GET /api/articles/{id}`` (text, event offsets, place mentions) and ``POST /api/articles`` (ingest)."""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response, status
from fastapi.concurrency import run_in_threadpool

from sitroom.api.data import article_json
from sitroom.api.deps import Data, require_read, require_write
from sitroom.api.ingest import MAX_BYTES, ingest_articles, pasted_articles, uploaded_articles
from sitroom.errors import InputError, StoreError

router = APIRouter(prefix="/api", tags=["articles"])

#: Upload content types and the file suffix their reader expects, when no ``filename`` is given.
SUFFIX_BY_TYPE = {
    "text/plain": ".txt",
    "text/markdown": ".md",
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "application/x-ndjson": ".jsonl",
    "application/jsonl": ".jsonl",
}
_PASTE_SCHEMA = {
    "type": "object",
    "required": ["text"],
    "properties": {
        name: {"type": "string"} for name in ("text", "title", "published", "source", "url", "id")
    },
}
_BODY = {
    "required": True,
    "content": {
        "application/json": {"schema": {"oneOf": [_PASTE_SCHEMA, {"type": "array", "items": _PASTE_SCHEMA}]}},
        **{kind: {"schema": {"type": "string"}} for kind in SUFFIX_BY_TYPE},
    },
}


@router.get(
    "/articles/{key}",
    summary="An article by content hash (or the id its input gave)",
    dependencies=[Depends(require_read)],
)
def get_article(key: str, source: Data) -> dict[str, Any]:
    article = source.article(key)
    if article is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no article {key!r}")
    return article_json(article)


@router.post(
    "/articles",
    summary="Code and store pasted text or an uploaded file (needs the token)",
    status_code=status.HTTP_201_CREATED,
    responses={
        200: {"description": "Nothing new: every article was stored before (each is listed)."},
        422: {"description": "No article could be coded or stored; each is listed with its reason."},
    },
    dependencies=[Depends(require_write)],
    openapi_extra={"requestBody": _BODY},
)
async def post_articles(
    request: Request,
    response: Response,
    source: Data,
    filename: Annotated[
        str | None, Query(description="Upload: the file's name; its suffix picks the reader.")
    ] = None,
    published: Annotated[
        date | None, Query(description="Publication day for articles that state none.")
    ] = None,
) -> dict[str, Any]:
    """JSON (``{"text": …, "title": …, "published": …}`` or a list of them) is pasted text; any other
    body is a file (``.jsonl``, ``.txt``, ``.md``, ``.html``) read like ``sitroom ingest`` reads it.

    Every article is listed with whether it was stored, its events, and why not. 201 when at least one
    article was stored; 200 when all of them were stored before; 422 when none could be coded or stored.
    """
    body = await _read_body(request)
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    try:
        if kind == "application/json" and not filename:
            try:
                articles, problems = pasted_articles(json.loads(body)), []
            except (ValueError, UnicodeDecodeError) as exc:
                raise InputError(f"the body is not JSON: {exc}") from exc
        else:
            name = filename or "upload" + SUFFIX_BY_TYPE.get(kind, ".txt")
            articles, problems = uploaded_articles(body, name, published)
        if not articles:
            raise InputError("; ".join(problems) or "no article found in the upload")
        result = await run_in_threadpool(ingest_articles, source, articles, request.app.state.max_chars)
    except InputError as exc:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, str(exc)) from exc
    except StoreError as exc:
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, str(exc)) from exc
    result.problems[:0] = problems
    if result.stored == 0:
        response.status_code = status.HTTP_422_UNPROCESSABLE_CONTENT if result.failed else status.HTTP_200_OK
    return result.to_json()


async def _read_body(request: Request) -> bytes:
    """The request body, refused past :data:`MAX_BYTES` without reading it all."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_BYTES:
        raise HTTPException(status.HTTP_413_CONTENT_TOO_LARGE, f"bodies are limited to {MAX_BYTES} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BYTES:
            raise HTTPException(status.HTTP_413_CONTENT_TOO_LARGE, f"bodies are limited to {MAX_BYTES} bytes")
        chunks.append(chunk)
    return b"".join(chunks)
