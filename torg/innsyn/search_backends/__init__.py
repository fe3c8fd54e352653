"""Search backends for the public journal (postjournal), chosen by the ``TORG_INNSYN_SEARCH`` setting.

``TORG_INNSYN_SEARCH["BACKEND"]`` names a module with a ``SearchBackend`` class:

- ``torg.innsyn.search_backends.database`` (default): the database's own full-text index,
  FTS5 on SQLite, ``tsvector`` with a GIN index on PostgreSQL (:mod:`torg.innsyn.search_index`);
- ``torg.innsyn.search_backends.opensearch`` (or ``.elasticsearch``): an OpenSearch or
  Elasticsearch index over plain HTTP (``URL``, ``INDEX``, ``TIMEOUT``).

Every backend gives the same answer to the same :class:`SearchQuery`:

- the words of the public text only: the entry's ``search_text`` (public title, public party
  names, case title and numbers) and the text of its public documents (see
  :func:`torg.innsyn.search.public_documents`);
- a query word matches a word that begins with it (3 letters or more) or equals it (shorter
  words and numbers); a query word with punctuation inside ("2025/42", "gnr.12") matches
  those words in a row; every query word must match;
- at most ``MAX_RESULTS`` entries, the newest that match; a search with more matches is
  shown as "more than MAX_RESULTS" (:attr:`SearchResults.capped`): counting or ranking a
  hundred thousand matches is what makes a journal search slow, and no one reads past it;
- "relevans": a word in the public text (title, parties, case) weighs 1.0, a word only in a
  document's text 0.4 (PostgreSQL's ``ts_rank`` weights A and B); equal scores newest first.
  "dato": newest first.

The screening rules are the caller's (:func:`torg.innsyn.search.search_entries`): it passes
the date limit of a search on a private person's name as ``date_from``.
"""

from __future__ import annotations

import datetime as dt
import importlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, overload

from django.conf import settings

from ..models import Journalpost

DEFAULTS: dict[str, Any] = {
    "BACKEND": "torg.innsyn.search_backends.database",
    "URL": "http://127.0.0.1:9200",
    "INDEX": "torg-innsyn-journal",
    "TIMEOUT": 5.0,
    "MAX_RESULTS": 1000,
}
MIN_PREFIX = 3  # a query word this long or longer (and not a number) matches words that begin with it

_TOKEN = re.compile(r"[^\W_]+")


def tokens(text: str) -> list[str]:
    """The words of a text as every index sees them: runs of letters and digits, lower case."""
    return _TOKEN.findall(unicodedata.normalize("NFC", text or "").lower())


@dataclass(frozen=True)
class Term:
    """One query word: its tokens in a row; the last one a prefix when ``prefix``."""

    tokens: tuple[str, ...]
    prefix: bool

    @classmethod
    def of(cls, word: str) -> Term | None:
        parts = tuple(tokens(word))
        if not parts:
            return None
        last = parts[-1]
        return cls(parts, len(last) >= MIN_PREFIX and not last.isdigit())

    def found_in(self, words: Sequence[str]) -> bool:
        """True when ``words`` (a text's tokens) hold this term."""
        n = len(self.tokens)
        head, last = self.tokens[:-1], self.tokens[-1]
        for i in range(len(words) - n + 1):
            if tuple(words[i : i + n - 1]) == head:
                word = words[i + n - 1]
                if word == last or (self.prefix and word.startswith(last)):
                    return True
        return False


@dataclass(frozen=True)
class SearchQuery:
    """A search after the caller applied the screening rules; ``today`` decides ``accessible_after``."""

    terms: tuple[Term, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    types: tuple[str, ...] = ()
    area: int | None = None
    saksmappe: int | None = None
    parttypes: frozenset[str] = field(default_factory=frozenset)
    order: str = "relevans"
    today: dt.date = field(default_factory=dt.date.today)
    unmatchable: bool = False  # words were given, but none of them has a letter or digit

    @property
    def ranked(self) -> bool:
        return self.order == "relevans" and bool(self.terms)


def relevance(title_words: Sequence[str], terms: Iterable[Term]) -> float:
    """The score of an entry that matched: 1.0 per term in its public text, 0.4 per term only in its documents."""
    return sum(1.0 if term.found_in(title_words) else 0.4 for term in terms)


class SearchBackend(Protocol):
    def __init__(self, params: dict[str, Any]) -> None: ...

    def search_ids(self, query: SearchQuery, limit: int) -> list[int]:
        """The pks of up to ``limit`` matching entries, in the query's order."""
        ...

    def index_entries(self, ids: Iterable[int]) -> None:
        """Bring the index in step with these entries (new, changed or deleted)."""
        ...

    def rebuild(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Index every entry afresh; returns how many."""
        ...

    def status(self) -> dict[str, Any]:
        """What the index holds, for the management command."""
        ...


class SearchUnavailable(Exception):
    """The search service did not answer (the database backend then answers instead)."""


def search_settings() -> dict[str, Any]:
    return {**DEFAULTS, **getattr(settings, "TORG_INNSYN_SEARCH", {})}


_backends: dict[tuple[str, ...], SearchBackend] = {}


def get_backend(params: dict[str, Any] | None = None) -> SearchBackend:
    """The configured backend (one instance per configuration)."""
    params = params or search_settings()
    key = tuple(sorted(f"{k}={v}" for k, v in params.items()))
    if key not in _backends:
        module = importlib.import_module(params["BACKEND"])
        _backends[key] = module.SearchBackend(params)
    return _backends[key]


class SearchResults:
    """The entries a search found, in order: a sequence the Paginator can count and slice.

    The backend is asked once, for the pks of up to ``max_results + 1`` entries (one more
    tells whether there are more); a slice then reads only its own rows, with their case.
    """

    ordered = True  # Paginator's check for an unordered list

    def __init__(self, fetch_ids: Callable[[int], list[int]], max_results: int):
        self._fetch_ids = fetch_ids
        self.max_results = max_results
        self._ids: list[int] | None = None
        self._more = False

    def _all_ids(self) -> list[int]:
        if self._ids is None:
            ids = self._fetch_ids(self.max_results + 1)
            self._more = len(ids) > self.max_results
            self._ids = ids[: self.max_results]
        return self._ids

    @property
    def ids(self) -> list[int]:
        return list(self._all_ids())

    @property
    def capped(self) -> bool:
        """True when more entries match than are shown (the count then reads "more than")."""
        self._all_ids()
        return self._more

    def count(self) -> int:
        return len(self._all_ids())

    def __len__(self) -> int:
        return self.count()

    def _rows(self, ids: list[int]) -> list[Journalpost]:
        found = Journalpost.objects.select_related("saksmappe").in_bulk(ids)
        return [found[pk] for pk in ids if pk in found]

    @overload
    def __getitem__(self, index: int) -> Journalpost: ...

    @overload
    def __getitem__(self, index: slice) -> list[Journalpost]: ...

    def __getitem__(self, index: int | slice) -> Journalpost | list[Journalpost]:
        ids = self._all_ids()
        if isinstance(index, slice):
            return self._rows(ids[index])
        rows = self._rows([ids[index]])
        if not rows:
            raise IndexError(index)
        return rows[0]

    def __iter__(self) -> Iterator[Journalpost]:
        ids = self._all_ids()
        for start in range(0, len(ids), 500):
            yield from self._rows(ids[start : start + 500])
