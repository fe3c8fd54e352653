"""Search in the public journal, over published entries only.

The database backend: every word of the query must be found in the entry's search
text (public title, public party names, case title and numbers, casefolded by the
importer) or in the text of one of its published, unblocked documents. There is no
full-text index on the journal yet, so both SQLite and PostgreSQL use ``icontains``;
the same query is correct on both. A query naming a private person who is party to an
entry finds nothing older than :func:`torg.innsyn.queries.name_search_cutoff`.

Only public fields are read: ``offentlig_tittel``, ``search_text``, ``parts_public`` and
document text that :attr:`Dokumentbeskrivelse.text_is_public` would allow.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from django.db.models import Case, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When

from .models import INTERNAL_PARTTYPES, Dokumentbeskrivelse, Journalpost, Korrespondansepart, Parttype, TextBlock
from .queries import name_search_cutoff, published_entries

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
    """Documents whose text the public may read and search (as ``text_is_public``, plus the entry's screening)."""
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


def _document_match(word: str) -> Exists:
    return Exists(public_documents().filter(journalpost=OuterRef("pk"), extracted_text__icontains=word))


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
) -> QuerySet[Journalpost]:
    """Published journal entries matching the query and filters, best (or newest) first."""
    entries = published_entries(today)
    words = query_words(q)
    for word in words:
        entries = entries.filter(Q(search_text__contains=word) | _document_match(word))
    if words:
        cutoff = name_search_cutoff(" ".join(words), today)
        if cutoff is not None:
            entries = entries.filter(journaldato__gte=cutoff)
    if date_from is not None:
        entries = entries.filter(journaldato__gte=date_from)
    if date_to is not None:
        entries = entries.filter(journaldato__lte=date_to)
    chosen_types = [t for t in types if t]
    if chosen_types:
        entries = entries.filter(journalposttype__in=chosen_types)
    if area is not None:
        entries = entries.filter(service_area_id=area)
    if saksmappe is not None:
        entries = entries.filter(saksmappe_id=saksmappe)
    if party_kind in PARTY_KINDS:
        parties = Korrespondansepart.objects.filter(journalpost=OuterRef("pk"), parttype__in=PARTY_KINDS[party_kind])
        entries = entries.filter(Exists(parties))
    entries = entries.select_related("saksmappe")
    if order == "relevans" and words:
        # A word in the title, parties or case counts more than a word only in a document's text.
        score = sum(
            (Case(When(search_text__contains=w, then=Value(2)), default=Value(1), output_field=IntegerField()))
            for w in words
        )
        return entries.annotate(score=score).order_by("-score", "-journaldato", "-pk")
    return entries.order_by("-journaldato", "-pk")
