"""`passive`: s-passive ("skal rivast") and bli/verte + perfektum partisipp ("vert behandla").

With apertium (lt-proc and the nno analyser) a word counts as s-passive when it
has a passive reading and no adjective reading (so "seinast" stays out), and as
a participle when it has a <pp> reading. Deponent verbs ("finst", "trivast",
"lukkast") and predicative adjectives ("vart redd", "blir glad") are left
alone by list. Without apertium the rule falls back on word endings and says so.
"""

from __future__ import annotations

import re

from ..text import Token
from ..tools import ToolMissing
from ..types import Finding
from ..wordlists import NOT_PASSIVE, PASSIVE_AUX, PASSIVE_GAP, PREDICATIVE_ADJ, words
from .base import Context

PRONOUNS = words("det dei han ho du de me vi eg dette desse alle mange nokon ingen")
_FALLBACK_PP = re.compile(r"(?:a|et|t|dd|d|en|ne)$")

S_MESSAGE = "Passiv (s-form). Skriv heller kven som gjer det, t.d. «kommunen riv huset» for «huset skal rivast»."
AUX_MESSAGE = "Passiv. Skriv heller kven som gjer det, t.d. «vi behandlar søknaden» for «søknaden vert behandla»."


def _s_candidate(t: Token) -> bool:
    low = t.lower
    return t.is_word and not t.is_name_like and len(low) >= 6 and low.endswith("ast") and low not in NOT_PASSIVE


def _after_aux(toks: list[Token], i: int) -> list[Token]:
    """Up to two words after the auxiliary at `i` that may be the participle, skipping adverbs and
    pronouns: the first, and the one after it for inverted order ("I morgon blir vegen stengd")."""
    out: list[Token] = []
    for t in toks[i + 1 : i + 6]:
        if t.lower in PASSIVE_GAP or t.lower in PRONOUNS:
            continue
        if not t.is_word or t.lower in PREDICATIVE_ADJ or t.lower in PASSIVE_AUX:
            break
        out.append(t)
        if len(out) == 2:
            break
    return out


def passive(ctx: Context) -> list[Finding]:
    s_cands: list[Token] = []
    aux_pairs: list[tuple[Token, list[Token]]] = []
    for s in ctx.analysis.sentences:
        toks = s.tokens
        for i, t in enumerate(toks):
            if _s_candidate(t):
                s_cands.append(t)
            elif t.lower in PASSIVE_AUX:
                after = _after_aux(toks, i)
                if after:
                    aux_pairs.append((t, after))

    words = {t.lower for t in s_cands} | {w.lower for _, after in aux_pairs for w in after}
    readings: dict[str, list[str]] | None
    try:
        readings = ctx.tools.analyse(sorted(words), "nno") if words else {}
    except ToolMissing as exc:
        ctx.partial["passive"] = f"Berre ordendingar vart brukte. {exc}"
        readings = None

    def is_s_passive(word: str) -> bool:
        r = readings.get(word) if readings is not None else None
        if not r:  # no tool, or a word apertium does not know: trust the ending
            return True
        return any("<pasv>" in x for x in r) and not any("<adj>" in x and "<pp>" not in x for x in r)

    def is_participle(word: str) -> bool:
        r = readings.get(word) if readings is not None else None
        if not r:
            return len(word) >= 4 and bool(_FALLBACK_PP.search(word))
        return any("<pp>" in x for x in r)

    def is_noun(word: str) -> bool:
        r = (readings.get(word) if readings is not None else None) or []
        return bool(r) and all("<n>" in x or "<np>" in x for x in r)

    out = [ctx.finding("passive", t.start, t.end, S_MESSAGE) for t in s_cands if is_s_passive(t.lower)]
    for aux, after in aux_pairs:
        if is_participle(after[0].lower):
            out.append(ctx.finding("passive", aux.start, after[0].end, AUX_MESSAGE))
        elif len(after) == 2 and is_noun(after[0].lower) and is_participle(after[1].lower):
            out.append(ctx.finding("passive", aux.start, after[1].end, AUX_MESSAGE))
    return out
