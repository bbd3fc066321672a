"""Shared request dependencies: the data source, the token checks and the event filters.

Reads are open unless the server runs ``--private``; writes (ingest) always need the bearer token, and are
off when the server has none. Tokens are compared in constant time, and a client that sends too many
wrong ones is made to wait (``guard.FailedTokens``: 429 with ``Retry-After``).
"""

from __future__ import annotations

import hmac
from datetime import date
from typing import Annotated

from fastapi import Depends, HTTPException, Query, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from sitroom.api.data import EventSource
from sitroom.api.guard import FailedTokens
from sitroom.models import FACTUALITY, PLOVER_TYPES
from sitroom.store import EventQuery

bearer = HTTPBearer(
    auto_error=False,
    description="The server's token (`sitroom serve --token T` or the SITROOM_TOKEN variable).",
)
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
CHALLENGE = {"WWW-Authenticate": "Bearer"}


def get_data(request: Request) -> EventSource:
    """The server's one open store."""
    return request.app.state.data


Data = Annotated[EventSource, Depends(get_data)]


def _token_matches(request: Request, credentials: HTTPAuthorizationCredentials | None) -> bool:
    """Whether the request carries the server's token; a wrong one counts against its client address."""
    expected: str | None = request.app.state.token
    if not expected or credentials is None:
        return False
    failures: FailedTokens = request.app.state.failed_tokens
    client = request.client.host if request.client else "?"
    wait = failures.wait(client)
    if wait > 0:
        raise HTTPException(
            status.HTTP_429_TOO_MANY_REQUESTS,
            "too many wrong tokens from this address; try again later",
            headers={"Retry-After": str(max(1, round(wait)))},
        )
    given = credentials.credentials.encode("utf-8", "replace")
    if hmac.compare_digest(given, expected.encode()):
        return True
    failures.failed(client)
    return False


def require_read(request: Request, credentials: Credentials) -> None:
    """Reads are open, unless the server is private: then they need the token too."""
    if request.app.state.private and not _token_matches(request, credentials):
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "this situation room is private: send the token as 'Authorization: Bearer <token>'",
            headers=CHALLENGE,
        )


def require_write(request: Request, credentials: Credentials) -> None:
    """Ingest needs the token; a server started without one accepts no writes at all."""
    if not request.app.state.token:
        raise HTTPException(
            status.HTTP_403_FORBIDDEN,
            "ingest is off: start the server with --token or the SITROOM_TOKEN variable",
        )
    if not _token_matches(request, credentials):
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "ingest needs the server's token as 'Authorization: Bearer <token>'",
            headers=CHALLENGE,
        )


def _codes(value: str | None, allowed: tuple[str, ...], name: str, upper: bool) -> tuple[str, ...]:
    parts = (part.strip() for part in (value or "").split(","))
    codes = tuple(part.upper() if upper else part.lower() for part in parts if part)
    unknown = [code for code in codes if code not in allowed]
    if unknown:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            f"unknown {name} {', '.join(unknown)}; choose from {', '.join(allowed)}",
        )
    return codes


def event_query(
    type: Annotated[
        str | None, Query(description="PLOVER type(s), comma-separated.", examples=["ASSAULT,COERCE"])
    ] = None,
    country: Annotated[
        str | None, Query(description="ISO3 of the actor, target or location.", max_length=3)
    ] = None,
    actor: Annotated[str | None, Query(description="Part of the actor's or target's name.")] = None,
    since: Annotated[date | None, Query(description="Events ending on or after this day.")] = None,
    until: Annotated[date | None, Query(description="Events starting on or before this day.")] = None,
    factuality: Annotated[
        str | None, Query(description="asserted, alleged, expected, hypothetical, denied; comma-separated.")
    ] = None,
    min_fatalities: Annotated[int | None, Query(ge=0, description="At least this many killed.")] = None,
    q: Annotated[
        str | None, Query(description="Free text: every word in the evidence, parties, place or title.")
    ] = None,
    location: Annotated[str | None, Query(description="Part of the location's name.")] = None,
    dyad: Annotated[
        str | None, Query(description="Two ISO3 codes, either way round: RUS,UKR.", examples=["RUS,UKR"])
    ] = None,
) -> EventQuery:
    """The CLI's filters (and a few more) as query parameters."""
    pair = None
    if dyad:
        parts = [part.strip().upper() for part in dyad.replace("-", ",").split(",") if part.strip()]
        if len(parts) != 2 or not all(len(part) == 3 and part.isalpha() for part in parts):
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, "dyad must be two ISO3 codes: RUS,UKR")
        pair = (parts[0], parts[1])
    return EventQuery(
        types=_codes(type, PLOVER_TYPES, "type", upper=True),
        country=country.upper() if country else None,
        actor=actor or None,
        since=since,
        until=until,
        factuality=_codes(factuality, FACTUALITY, "factuality", upper=False),
        min_fatalities=min_fatalities,
        q=q or None,
        location=location or None,
        dyad=pair,
    )


Filters = Annotated[EventQuery, Depends(event_query)]
