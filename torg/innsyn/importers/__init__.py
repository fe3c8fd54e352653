"""Journal importers: Noark 5 XML (arkivstruktur, offentligJournal, loependeJournal, v3.1 and
v5.0), eInnsyn's legacy trekkTilbake, and eInnsyn-shaped JSON. Each yields plain records
(:mod:`.records`) one at a time; :mod:`.writer` stores them in batches."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from . import einnsyn, noark
from .records import ImportRejected, SaksmappeRecord, Skipped, Withdrawal

FORMATS = (
    "noark5-arkivstruktur",
    "noark5-offentligjournal",
    "noark5-loependejournal",
    "einnsyn-trekktilbake",
    "einnsyn-json",
)
HEAD_BYTES = 64 * 1024

__all__ = ["FORMATS", "ImportRejected", "detect_format", "read_records"]


def detect_format(head: bytes) -> str:
    """The format of a file from its first bytes; ImportRejected when it is none Torg reads."""
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    if not text:
        raise ImportRejected("the file is empty", 1)
    if text[:1] in (b"{", b"["):
        return "einnsyn-json"
    if text[:1] == b"<":
        return noark.detect(head)
    raise ImportRejected("the file is neither XML nor JSON", 1)


def read_records(stream: IO[bytes], format: str) -> Iterator[SaksmappeRecord | Withdrawal | Skipped]:
    if format == "einnsyn-json":
        yield from einnsyn.read(stream)
        return
    if format not in FORMATS:
        raise ImportRejected(f"unknown format {format!r}; use one of {', '.join(FORMATS)}")
    yield from noark.read(stream, expected=format)
