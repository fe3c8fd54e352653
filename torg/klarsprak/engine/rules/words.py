"""Rules on words from lists: `officialese` (built-in list + the municipality's) and `jargon`."""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping

from ..text import Token
from ..types import Finding
from ..wordlists import OFFICIALESE, words
from .base import Context, match_case

# "dog" after a pronoun is the past tense of "døy" ("ho dog i fjor"), not "however".
_DOG_SUBJECTS = words("han ho dei eg du som me vi de mannen kona")

_compiled: dict[tuple[tuple[str, str], ...], re.Pattern[str]] = {}


def _pattern(entries: Mapping[str, str]) -> re.Pattern[str]:
    key = tuple(sorted(entries.items()))
    if key not in _compiled:
        phrases = sorted(entries, key=len, reverse=True)
        body = "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in phrases)
        _compiled[key] = re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)
    return _compiled[key]


def _token_at(ctx: Context, pos: int) -> Token | None:
    toks = ctx.analysis.tokens
    i = bisect.bisect_right([t.start for t in toks], pos) - 1
    return toks[i] if i >= 0 and toks[i].start <= pos < toks[i].end else None


def _previous(ctx: Context, tok: Token) -> Token | None:
    toks = ctx.analysis.tokens
    i = bisect.bisect_left([t.start for t in toks], tok.start)
    return toks[i - 1] if i > 0 and toks[i - 1].sentence == tok.sentence else None


def officialese(ctx: Context) -> list[Finding]:
    entries = {k.lower(): v for k, v in {**OFFICIALESE, **ctx.config.extra_officialese}.items()}
    if not entries:
        return []
    out = []
    for m in _pattern(entries).finditer(ctx.text):
        tok = _token_at(ctx, m.start())
        if tok is not None and tok.is_name_like:
            continue
        phrase = " ".join(m.group(0).lower().split())
        if phrase == "dog" and tok is not None:
            prev = _previous(ctx, tok)
            if prev is not None and prev.lower in _DOG_SUBJECTS:
                continue
        plain = entries[phrase]
        suggestion = match_case(m.group(0), plain)
        message = f"«{m.group(0)}» er stivt og gammalt. Skriv heller «{plain}»."
        out.append(ctx.finding("officialese", m.start(), m.end(), message, suggestion))
        ctx.covered.append((m.start(), m.end()))
    return out


def jargon(ctx: Context) -> list[Finding]:
    """Terms from the municipality's list; all-capital terms (acronyms) match only in capitals."""
    terms = dict(ctx.config.jargon)
    if not terms:
        return []
    out = []
    lower = {k.lower(): v for k, v in terms.items() if not k.isupper()}
    upper = {k: v for k, v in terms.items() if k.isupper()}
    spans: list[tuple[int, int, str]] = []
    if lower:
        spans += [
            (m.start(), m.end(), lower[" ".join(m.group(0).lower().split())])
            for m in _pattern(lower).finditer(ctx.text)
        ]
    if upper:
        body = "|".join(re.escape(k) for k in sorted(upper, key=len, reverse=True))
        spans += [
            (m.start(), m.end(), upper[m.group(0)]) for m in re.finditer(rf"(?<![\w-])(?:{body})(?![\w-])", ctx.text)
        ]
    for start, end, plain in sorted(spans):
        word = ctx.text[start:end]
        message = f"«{word}» er eit fagord som mange ikkje kjenner. Forklar det, eller skriv: {plain}"
        out.append(ctx.finding("jargon", start, end, message, plain))
        ctx.covered.append((start, end))
    return out
