"""Rules on the shape of the text: `lix`, `long-sentence`, `long-word`, `nominal`, `impersonal`."""

from __future__ import annotations

import re

from ..text import Sentence, Token
from ..tools import ToolMissing
from ..types import Finding
from ..wordlists import MODALS, words
from .base import Context, match_case


def _sentence_span(ctx: Context, s: Sentence) -> tuple[int, int]:
    end = s.end
    while end > s.start and ctx.text[end - 1].isspace():
        end -= 1
    return s.start, end


def lix(ctx: Context) -> list[Finding]:
    """The whole text scores above the threshold: one finding over all of it."""
    lx = ctx.lix
    if lx.words < max(1, ctx.config.lix_min_words) or lx.score <= ctx.config.lix_threshold:
        return []
    start = len(ctx.text) - len(ctx.text.lstrip())
    end = len(ctx.text.rstrip())
    message = (
        f"LIX er {lx.score:.0f} ({lx.band}). Målet er under {ctx.config.lix_threshold:.0f}: "
        "skriv kortare setningar og bruk kortare ord."
    )
    return [ctx.finding("lix", start, end, message)]


def long_sentence(ctx: Context) -> list[Finding]:
    limit = ctx.config.long_sentence_words
    out = []
    for s in ctx.analysis.sentences:
        if s.words > limit:
            start, end = _sentence_span(ctx, s)
            message = f"Lang setning ({s.words} ord). Del ho i to eller fleire, med éin bodskap i kvar."
            out.append(ctx.finding("long-sentence", start, end, message))
    return out


def long_word(ctx: Context) -> list[Finding]:
    limit = ctx.config.long_word_letters
    out = []
    for t in ctx.analysis.tokens:
        if t.is_word and t.letters >= limit and not (len(t.text) > 1 and t.text.isupper()):
            message = f"Langt ord ({t.letters} bokstavar). Skriv det om med fleire, kortare ord."
            out.append(ctx.finding("long-word", t.start, t.end, message))
    return out


# Verb-like nouns (nominalisations). Word of at least 7 letters with one of these endings.
NOMINAL_RE = re.compile(
    r"(?:ing|inga|ingar|ingane|else|elsen|elsa|elsar|heit|heita|heiter|het|heten|sjon|sjonen|sjonar|sjonane"
    r"|nad|naden|nader|nadene)$"
)
NOT_NOMINAL = words("ingenting kveldsmat pensjon pensjonen stasjon stasjonen region regionen million")
LINKS = words("av for til om på med i frå etter ved innan og eller")
FILLERS = words("den det dei ein ei eit denne dette desse nye ny kommunale kommunen sin si sitt sine")


def _is_nominal(t: Token) -> bool:
    low = t.lower
    return t.is_word and len(low) >= 7 and low not in NOT_NOMINAL and bool(NOMINAL_RE.search(low))


def nominal(ctx: Context) -> list[Finding]:
    """Chains like "gjennomføring av behandling av søknaden", or a sentence full of such nouns."""
    out = []
    message = (
        "Tung substantivstil: mange ord på -ing, -sjon, -heit og -nad. Bruk verb i staden, "
        "t.d. «vi behandlar søknaden» for «behandling av søknaden»."
    )
    for s in ctx.analysis.sentences:
        toks = s.tokens
        flagged = False
        i = 0
        while i < len(toks):
            if not _is_nominal(toks[i]):
                i += 1
                continue
            chain = [i]
            j = i + 1
            while j < len(toks) and (toks[j].lower in LINKS or _is_nominal(toks[j])):
                if _is_nominal(toks[j]):  # "kvalitetssikring, dokumentasjon og rapportering"
                    chain.append(j)
                    j += 1
                    continue
                k = j + 1
                while k < len(toks) and toks[k].lower in FILLERS and k - j <= 2:
                    k += 1
                if k < len(toks) and _is_nominal(toks[k]):
                    chain.append(k)
                    j = k + 1
                else:
                    break
            if len(chain) >= 3:
                out.append(ctx.finding("nominal", toks[chain[0]].start, toks[chain[-1]].end, message))
                flagged = True
            i = chain[-1] + 1
        count = sum(1 for t in toks if _is_nominal(t))
        if not flagged and count >= ctx.config.nominal_min and count / max(1, len(toks)) >= ctx.config.nominal_ratio:
            start, end = _sentence_span(ctx, s)
            out.append(ctx.finding("nominal", start, end, message))
    return out


# Finite verbs that follow a generic subject ("ein kan", "ein må", "ein treng").
FINITE = MODALS | words("""har hadde er var kjem ser finn tek gjer veit treng bur søkjer les skriv ringjer betaler
    sender har kjenner trur meiner ønskjer vel gjeld bør står ligg går kjøper nyttar brukar
    fyller mister opplever risikerer slepp""")
# Words after "kan/må/skal ein" that show a generic subject (infinitive or adverb).
ADVERBS = words("ikkje òg også berre gjerne alltid sjølv då no først heller")
PRONOUN = {"nn": "ein", "nb": "en"}


def _looks_infinitive(t: Token) -> bool:
    low = t.lower
    return t.is_word and len(low) > 2 and (low.endswith(("e", "a", "ast")) or low in ADVERBS)


def impersonal(ctx: Context) -> list[Finding]:
    """`man` anywhere, and `ein` (`en` in Bokmål) used as a generic subject.

    "ein" is a generic subject before a finite verb ("ein kan", "ein treng"), or
    between a modal and an infinitive ("her må ein fylle ut"). Whether the word
    after is an infinitive ("må ein fylle") or a noun ("kan ein lege") is asked
    of apertium; without it, the word's ending decides.
    """
    pronoun = PRONOUN.get(ctx.config.form, "ein")
    hits: list[Token] = []
    inverted: list[tuple[Token, Token]] = []
    for s in ctx.analysis.sentences:
        toks = s.tokens
        for i, t in enumerate(toks):
            low = t.lower
            if t.is_name_like or low not in ("man", pronoun):
                continue
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            prev = toks[i - 1] if i > 0 else None
            if low == "man" or (nxt is not None and nxt.lower in FINITE):
                hits.append(t)
            elif prev is not None and prev.lower in MODALS and nxt is not None and _looks_infinitive(nxt):
                if nxt.lower in ADVERBS:
                    hits.append(t)
                elif nxt.lower not in FILLERS:
                    inverted.append((t, nxt))
    if inverted:
        lang = "nob" if ctx.config.form == "nb" else "nno"
        try:
            readings = ctx.tools.analyse(sorted({n.lower for _, n in inverted}), lang)
        except ToolMissing as exc:
            ctx.partial["impersonal"] = f"Berre ordendingar vart brukte. {exc}"
            readings = {}
        for t, nxt in inverted:
            r = readings.get(nxt.lower)
            if not r or any("<inf>" in x for x in r):
                hits.append(t)
    out = []
    for t in sorted(hits, key=lambda t: t.start):
        message = (
            f"«{t.text}» som upersonleg subjekt gjer teksten uklar. "
            "Skriv heller kven det gjeld: «du», «vi» eller «kommunen»."
        )
        out.append(ctx.finding("impersonal", t.start, t.end, message, match_case(t.text, "du")))
    return out
