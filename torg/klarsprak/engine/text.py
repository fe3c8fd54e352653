"""Tokens, sentences and LIX.

Words are runs of letters and digits, joined by inner hyphens, apostrophes and
dots, so "e-post", "t.d", "1.5" and "17.5" are one word each. URLs and e-mail
addresses are one word and are never checked for spelling or form.

Sentence breaks, following the LIX convention in norwegian-conventions.md:
- "!", "?" and ";" always end a sentence.
- ":" ends a sentence when a space or line break follows it (LIX counts the
  colon as a break); "10:30" and "§ 3:2" are not breaks.
- "." (and "...") ends a sentence unless the word before it is a known
  abbreviation ("t.d.", "kl.", "jf.", ...), or the next word starts with a small
  letter ("17. mai", "ca. 200 kr", "nr. 4 er ..." all go on). Abbreviations that
  often close a sentence ("osb.", "m.m.", "o.l.", "mfl.", "etc.") end one when the
  next word starts with a capital letter.
- A line break ends a sentence when the next line starts with a capital letter,
  a digit or a list bullet (headings and list items carry no full stop); a blank
  line always does. A hard-wrapped line that goes on in small letters does not.

LIX = words / sentences + 100 x (words with 7 or more letters) / words.
Bands: under 30 "svært lettlest", 30 to under 40 "lettlest", 40 to under 50
"middels", 50 to under 60 "vanskeleg", 60 and over "svært vanskeleg".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from .types import Lix
from .wordlists import words

URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>«»\"]+[^\s<>«»\".,:;!?)\]]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
WORD_RE = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+|:\d+)*")
BULLETS = "-–—•*·▪"

# Abbreviations (without their final dot, lower case) that never end a sentence.
ABBREVIATIONS = words(
    "t.d m.a kl nr jf jfr ca bl.a f.eks d.v.s dvs evt ev pkt tlf mob ref vedk iflg jmf nb obs s kap fig "
    "avd adr gnr bnr mnd vh mvh e.l m.v st ang prof dr pr"
)
# Abbreviations that often close a sentence: they end one before a capital letter.
FINAL_ABBREVIATIONS = words("osb o.l m.m mfl m.fl etc o.a kr mill mrd")


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    sentence: int  # index into the sentence list
    initial: bool  # first word of its sentence
    is_url: bool = False

    @cached_property
    def lower(self) -> str:
        return self.text.lower()

    @cached_property
    def letters(self) -> int:
        return sum(1 for c in self.text if c.isalpha())

    @cached_property
    def is_word(self) -> bool:
        """Letters only (hyphens/apostrophes allowed), not a URL, number or abbreviation."""
        return not self.is_url and "." not in self.text and all(c.isalpha() or c in "-'’" for c in self.text)

    @cached_property
    def is_name_like(self) -> bool:
        """Capitalised mid-sentence, or an acronym: probably a name, skip it in word rules."""
        t = self.text
        if len(t) > 1 and t.isupper():
            return True
        return t[:1].isupper() and not self.initial


@dataclass
class Sentence:
    start: int
    end: int
    tokens: list[Token] = field(default_factory=list)

    @property
    def words(self) -> int:
        return len(self.tokens)


@dataclass
class Analysis:
    text: str
    tokens: list[Token]
    sentences: list[Sentence]


def _breaks(gap: str, prev: str, nxt: str | None) -> bool:
    """Does the text between two words end the sentence of the first?"""
    if nxt is None:
        return True
    if re.search(r"\n[ \t]*\n", gap):
        return True
    if any(c in gap for c in "!?;"):
        return True
    if re.search(r":\s", gap):
        return True
    starts_upper = nxt[:1].isupper() or nxt[:1].isdigit()
    if gap.startswith("."):
        low = prev.lower()
        if low in ABBREVIATIONS:
            return False
        if low in FINAL_ABBREVIATIONS:
            return nxt[:1].isupper()
        return not nxt[:1].islower()
    if "\n" in gap:
        after = gap.rsplit("\n", 1)[1].strip()
        return starts_upper or (bool(after) and after[0] in BULLETS)
    return False


def analyse(text: str) -> Analysis:
    """Split `text` into word tokens and sentences, keeping offsets into `text`."""
    spans: list[tuple[int, int, bool]] = []
    pos = 0
    for m in URL_RE.finditer(text):
        spans.extend((w.start() + pos, w.end() + pos, False) for w in WORD_RE.finditer(text[pos : m.start()]))
        spans.append((m.start(), m.end(), True))
        pos = m.end()
    spans.extend((w.start() + pos, w.end() + pos, False) for w in WORD_RE.finditer(text[pos:]))

    tokens: list[Token] = []
    sentences: list[Sentence] = []
    current: Sentence | None = None
    for i, (start, end, is_url) in enumerate(spans):
        if current is None:
            current = Sentence(start=start, end=end)
            sentences.append(current)
        tok = Token(text[start:end], start, end, len(sentences) - 1, not current.tokens, is_url)
        current.tokens.append(tok)
        tokens.append(tok)
        nxt = spans[i + 1] if i + 1 < len(spans) else None
        gap_end = nxt[0] if nxt else len(text)
        gap = text[end:gap_end]
        if _breaks(gap, tok.text, text[nxt[0] : nxt[1]] if nxt else None):
            closing = re.match(r"[^\S\n]*[.!?;:…]*[»\"')\]]*", gap)
            current.end = end + (closing.end() if closing else 0)
            current = None
        else:
            current.end = end
    return Analysis(text, tokens, sentences)


def band(score: float) -> str:
    if score < 30:
        return "svært lettlest"
    if score < 40:
        return "lettlest"
    if score < 50:
        return "middels"
    if score < 60:
        return "vanskeleg"
    return "svært vanskeleg"


def lix(analysis: Analysis) -> Lix:
    words = len(analysis.tokens)
    if not words:
        return Lix(score=0.0, band=band(0.0), words=0, sentences=0, long_words=0)
    sentences = max(1, len(analysis.sentences))
    long_words = sum(1 for t in analysis.tokens if not t.is_url and t.letters >= 7)
    score = words / sentences + 100 * long_words / words
    return Lix(score=score, band=band(score), words=words, sentences=sentences, long_words=long_words)
