"""`bokmal-form` / `nynorsk-form` and `spelling`, which share their dictionary look-ups.

For a Nynorsk text (form "nn"), per unique word:
1. in the built-in Bokmål list -> `bokmal-form` with the Nynorsk form;
2. accepted by hunspell nn_NO -> fine;
3. known to apertium's Bokmål analyser and translated to another word by
   apertium nob-nno -> `bokmal-form` with that word;
4. known to either apertium analyser (e.g. a compound hunspell lacks) -> fine;
5. otherwise -> `spelling`, with hunspell's first suggestion.
A Bokmål text (form "nb") runs the mirror image (`nynorsk-form`, nb_NO, nno-nob).
Names (a capital letter mid-sentence), acronyms, numbers, URLs, e-mail
addresses, hyphenated words and words already explained by `officialese` or
`jargon` are left alone; a capitalised first word of a sentence is checked in
small letters, and a spelling finding on it is dropped when hunspell or
apertium know it as written (a name).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..text import Token
from ..tools import ToolMissing
from ..types import Finding
from ..wordlists import BOKMAL, NYNORSK
from .base import Context, match_case


@dataclass(frozen=True)
class FormSetup:
    rule: str
    wordlist: dict[str, str]
    dictionary: str
    own: str  # apertium analyser of the text's form
    other: str  # apertium analyser of the form we flag
    mode: str  # apertium translation from the flagged form
    name: str  # the flagged form, in words
    target: str


SETUPS = {
    "nn": FormSetup("bokmal-form", BOKMAL, "nn_NO", "nno", "nob", "nob-nno", "bokmål", "nynorsk"),
    "nb": FormSetup("nynorsk-form", NYNORSK, "nb_NO", "nob", "nno", "nno-nob", "nynorsk", "bokmål"),
}


def form_rule(form: str) -> str:
    return SETUPS.get(form, SETUPS["nn"]).rule


def _candidate(ctx: Context, t: Token) -> bool:
    return t.is_word and not t.is_name_like and len(t.text) > 1 and not ctx.is_covered(t)


def _known(readings: list[str] | None, names: bool = False) -> bool:
    """Apertium knows the word (as a name too, if `names`)."""
    return any((names or "<np>" not in r) and "compound-only" not in r for r in readings or [])


def _not_names(ctx: Context, setup: FormSetup, hits: list[Token]) -> list[Token]:
    """Drop capitalised first words that hunspell or apertium know as written (names: "Kari", "Lyefjell")."""
    firsts = sorted({t.text for t in hits if t.text[:1].isupper()})
    if not firsts:
        return hits
    try:
        bad = ctx.tools.misspelled(firsts, setup.dictionary)
        own = ctx.tools.analyse(sorted(bad), setup.own)
        other = ctx.tools.analyse(sorted(bad), setup.other)
    except ToolMissing:
        return [t for t in hits if not t.text[:1].isupper()]
    names = {w for w in firsts if w not in bad or any("<np>" in r for r in (own.get(w) or []) + (other.get(w) or []))}
    return [t for t in hits if t.text not in names]


def words_rules(ctx: Context, want_form: bool, want_spelling: bool) -> list[Finding]:
    setup = SETUPS.get(ctx.config.form, SETUPS["nn"])
    tokens = [t for t in ctx.analysis.tokens if _candidate(ctx, t)]
    out: list[Finding] = []
    listed = {t.start for t in tokens if t.lower in setup.wordlist}
    if want_form:
        for t in tokens:
            if t.start in listed:
                plain = match_case(t.text, setup.wordlist[t.lower])
                message = f"«{t.text}» er {setup.name}. På {setup.target} skriv du «{plain}»."
                out.append(ctx.finding(setup.rule, t.start, t.end, message, plain))
    rest = [
        t for t in tokens if t.start not in listed and "-" not in t.text and "'" not in t.text and "’" not in t.text
    ]
    words = sorted({t.lower for t in rest})
    try:
        bad = ctx.tools.misspelled(words, setup.dictionary) if words else set()
    except ToolMissing as exc:
        ctx.skipped["spelling"] = str(exc)
        ctx.partial[setup.rule] = f"Berre den innebygde ordlista vart brukt. {exc}"
        return out
    other_form: dict[str, str] = {}
    unknown: set[str] = set()
    if bad:
        try:
            own = ctx.tools.analyse(sorted(bad), setup.own)
            other = ctx.tools.analyse(sorted(bad), setup.other)
            flagged = sorted(w for w in bad if _known(other.get(w)))
            translated = ctx.tools.translate(flagged, setup.mode) if flagged and want_form else {}
            targets = {t for t in translated.values() if t and " " not in t}
            accepted = set(targets) - ctx.tools.misspelled(sorted(targets), setup.dictionary)
            for w in bad:
                # a reading that is not a guessed compound ("ungdom+kule" for a typo of "ungdomsskule")
                uncompounded = any("+" not in r for r in other.get(w) or []) and _known(other.get(w))
                target = translated.get(w)
                if target and target.lower() != w and (uncompounded or target in accepted):
                    other_form[w] = target
                elif not _known(own.get(w)) and not uncompounded:
                    unknown.add(w)
        except ToolMissing as exc:
            ctx.partial[setup.rule] = f"Berre den innebygde ordlista vart brukt. {exc}"
            ctx.partial["spelling"] = f"Samansette ord kan bli merkte som feil. {exc}"
            unknown = set(bad)
    if want_form:
        for t in rest:
            if t.lower in other_form:
                plain = match_case(t.text, other_form[t.lower])
                message = f"«{t.text}» er {setup.name}. På {setup.target} skriv du «{plain}»."
                out.append(ctx.finding(setup.rule, t.start, t.end, message, plain))
    if want_spelling and unknown:
        hits = [t for t in rest if t.lower in unknown]
        hits = _not_names(ctx, setup, hits)
        try:
            suggestions = ctx.tools.suggestions([t.lower for t in hits], setup.dictionary)
        except ToolMissing:
            suggestions = {}
        for t in hits:
            options = suggestions.get(t.lower) or []
            guess = match_case(t.text, options[0]) if options else None
            message = f"«{t.text}» står ikkje i ordlista. Sjekk stavinga."
            if guess:
                message += f" Meinte du «{guess}»?"
            out.append(ctx.finding("spelling", t.start, t.end, message, guess))
    return out
