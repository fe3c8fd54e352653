"""Search in the public journal, over published entries only.

:func:`search_entries` applies the screening rules and hands the search to the backend that
``TORG_INNSYN_SEARCH`` names (:mod:`torg.innsyn.search_backends`; the database's own index by
default). What a word matches, the result window and the relevance order are described
there, the same for every backend.

Only public words are searched: the entry's ``search_text`` (public title, public party
names, case title and numbers, built by the importer) and the text of documents that
:func:`public_documents` allows. Only entries :func:`torg.innsyn.queries.published_entries`
allows are found. A query naming a private person who is party to an entry finds nothing
older than :func:`torg.innsyn.queries.name_search_cutoff` (offentlegforskrifta § 6).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable, Mapping
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import INTERNAL_PARTTYPES, Dokumentbeskrivelse, Parttype, TextBlock
from .queries import name_search_cutoff
from .search_backends import SearchQuery, SearchResults, SearchUnavailable, Term, get_backend, search_settings

logger = logging.getLogger(__name__)

ORDERS = ("relevans", "dato")
MAX_WORDS = 8
MAX_WORD_LENGTH = 60

# Sender/recipient kinds a search can filter on.
PARTY_KINDS: dict[str, frozenset[str]] = {
    "avsendar": frozenset({Parttype.AVSENDAR}),
    "mottakar": frozenset({Parttype.MOTTAKAR, Parttype.KOPIMOTTAKAR, Parttype.GRUPPEMOTTAKAR}),
    "intern": frozenset(INTERNAL_PARTTYPES),
}


def query_words(q: str) -> list[str]:
    """The words of a query, casefolded (as the search text is), at most MAX_WORDS."""
    words = [w[:MAX_WORD_LENGTH] for w in re.split(r"[\s,;:!?\"()]+", (q or "").casefold()) if w.strip(".-'")]
    return list(dict.fromkeys(words))[:MAX_WORDS]


def public_documents() -> QuerySet[Dokumentbeskrivelse]:
    """Documents whose text the public may read and search (as ``text_is_public``, plus the entry's screening).

    The search indexes apply the same rule in SQL (:mod:`torg.innsyn.search_index`) and in
    the OpenSearch backend; change them together.
    """
    return (
        Dokumentbeskrivelse.objects.exclude(extracted_text="")
        .filter(
            tilgangsrestriksjon="",
            journalpost__publish_documents=True,
            journalpost__tilgangsrestriksjon="",
            journalpost__skjermingshjemmel="",
        )
        .filter(
            Q(text_blocked_reason=TextBlock.NONE)
            | Q(text_blocked_reason=TextBlock.FODSELSNUMMER, cleared_at__isnull=False)
        )
    )


def build_query(
    *,
    q: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    types: Iterable[str] = (),
    area: int | None = None,
    saksmappe: int | None = None,
    party_kind: str = "",
    order: str = "relevans",
    today: dt.date | None = None,
) -> SearchQuery:
    """The search as the backends take it, with the name rule applied to its dates."""
    today = today or timezone.localdate()
    words = query_words(q)
    terms = tuple(term for term in (Term.of(word) for word in words) if term is not None)
    if words:
        cutoff = name_search_cutoff(" ".join(words), today)
        if cutoff is not None:
            date_from = max(date_from, cutoff) if date_from else cutoff
    return SearchQuery(
        terms=terms,
        unmatchable=bool(words) and not terms,
        date_from=date_from,
        date_to=date_to,
        types=tuple(dict.fromkeys(t for t in types if t)),
        area=area,
        saksmappe=saksmappe,
        parttypes=PARTY_KINDS.get(party_kind, frozenset()),
        order=order if order in ORDERS else "relevans",
        today=today,
    )


def search_entries(
    *,
    q: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    types: Iterable[str] = (),
    area: int | None = None,
    saksmappe: int | None = None,
    party_kind: str = "",
    order: str = "relevans",
    today: dt.date | None = None,
) -> SearchResults:
    """Published journal entries matching the query and filters, best (or newest) first.

    At most ``TORG_INNSYN_SEARCH["MAX_RESULTS"]``; ``.capped`` tells whether more matched.
    """
    query = build_query(
        q=q,
        date_from=date_from,
        date_to=date_to,
        types=types,
        area=area,
        saksmappe=saksmappe,
        party_kind=party_kind,
        order=order,
        today=today,
    )
    params = search_settings()
    backend = get_backend(params)

    def fetch(limit: int) -> list[int]:
        try:
            return backend.search_ids(query, limit)
        except SearchUnavailable as error:
            logger.warning("Journal search service unavailable, searching the database instead: %s", error)
            return get_backend({**params, "BACKEND": "torg.innsyn.search_backends.database"}).search_ids(query, limit)

    return SearchResults(fetch, int(params["MAX_RESULTS"]))


def search_for(data: Mapping[str, Any], *, order: str | None = None) -> SearchResults:
    """The search that a valid :class:`torg.innsyn.forms.SearchForm` asks for (its ``cleaned_data``).

    The search page, the feeds and the JSON API take the same parameters, so they search alike.
    """
    return search_entries(
        q=data.get("q") or "",
        date_from=data.get("fra"),
        date_to=data.get("til"),
        types=data.get("type") or (),
        area=data.get("omrade"),
        party_kind=data.get("part") or "",
        order=order or data.get("sorter") or "relevans",
        today=timezone.localdate(),
    )
