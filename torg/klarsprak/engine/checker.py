"""`check()`: run every rule over one text and collect the report."""

from __future__ import annotations

from collections.abc import Callable

from .rules import passive as passive_rules
from .rules import style, words
from .rules.base import Context
from .rules.form import form_rule, words_rules
from .text import analyse, lix
from .tools import ToolMissing, Tools
from .types import Config, Finding, Report

RULES: tuple[str, ...] = (
    "lix",
    "long-sentence",
    "long-word",
    "passive",
    "nominal",
    "officialese",
    "impersonal",
    "bokmal-form",
    "nynorsk-form",
    "spelling",
    "jargon",
)

# Run in this order: officialese and jargon first, so the word rules leave their words alone.
_SIMPLE: dict[str, Callable[[Context], list[Finding]]] = {
    "jargon": words.jargon,
    "officialese": words.officialese,
    "lix": style.lix,
    "long-sentence": style.long_sentence,
    "long-word": style.long_word,
    "nominal": style.nominal,
    "impersonal": style.impersonal,
    "passive": passive_rules.passive,
}


def check(text: str, config: Config | None = None) -> Report:
    """Check `text`; every finding's `start`/`end` are offsets into `text`."""
    config = config or Config()
    analysis = analyse(text)
    ctx = Context(analysis=analysis, config=config, tools=Tools(config), lix=lix(analysis))
    wanted = [r for r in RULES if r not in config.disabled_rules]
    form = form_rule(config.form)
    findings: list[Finding] = []
    for rule, run in _SIMPLE.items():
        if rule in wanted:
            try:
                findings += run(ctx)
            except ToolMissing as exc:
                ctx.skipped[rule] = str(exc)
    want_form, want_spelling = form in wanted, "spelling" in wanted
    if want_form or want_spelling:
        findings += words_rules(ctx, want_form, want_spelling)
    applicable = [r for r in wanted if r not in ("bokmal-form", "nynorsk-form") or r == form]
    skipped = {r: ctx.skipped[r] for r in applicable if r in ctx.skipped}
    skipped.update({r: reason for r, reason in ctx.partial.items() if r in applicable and r not in skipped})
    findings.sort(key=lambda f: (f.start, f.end, RULES.index(f.rule)))
    return Report(
        lix=ctx.lix,
        findings=findings,
        rules_run=[r for r in applicable if r not in ctx.skipped],
        rules_skipped=skipped,
    )
