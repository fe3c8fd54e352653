"""Reads for Klarspråk: the checker's configuration, a page's text, the report on published pages."""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.cache import cache
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, Site

from torg.core.queries import language_form

from .engine import Config, check
from .extract import html_to_text
from .models import KlarsprakApiKey, KlarsprakSettings
from .wordlists import parse_word_list

FORMS = ("nn", "nb")


def own_settings() -> KlarsprakSettings:
    """The kommunikasjonssjef's lists for the default site (an empty one if none are saved)."""
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    return KlarsprakSettings.objects.filter(site=site).first() or KlarsprakSettings()


def default_form() -> str:
    form = language_form()
    return form if form in FORMS else "nn"


def checker_config(form: str | None = None) -> Config:
    """The checker's configuration: TORG_KLARSPRAK with the back-office lists over it."""
    conf = settings.TORG_KLARSPRAK
    own = own_settings()
    return Config(
        form=form if form in FORMS else default_form(),
        long_sentence_words=conf["LONG_SENTENCE_WORDS"],
        long_word_letters=conf["LONG_WORD_LETTERS"],
        lix_threshold=conf["LIX_LIMIT"],
        infinitive=conf["INFINITIVE"],
        extra_officialese={**conf["OFFICIALESE"], **parse_word_list(own.officialese, lenient=True)},
        jargon={**conf["JARGON"], **parse_word_list(own.jargon, lenient=True)},
    )


def api_key_for(raw: str) -> KlarsprakApiKey | None:
    """The active API key whose SHA-256 matches ``raw``."""
    if not raw:
        return None
    digest = hashlib.sha256(raw.encode()).hexdigest()
    return KlarsprakApiKey.objects.active().filter(key_hash=digest).first()


# --- The text of a page -----------------------------------------------------


def _block_text(block: blocks.Block, value: Any) -> list[str]:
    """The prose in one block value: headings, text and rich text; never addresses or choices."""
    if value is None:
        return []
    if isinstance(block, blocks.RichTextBlock):
        return [html_to_text(value.source)]
    if isinstance(block, blocks.CharBlock | blocks.TextBlock):
        return [str(value)]
    if isinstance(block, blocks.StructBlock):
        return [t for name, child in block.child_blocks.items() for t in _block_text(child, value.get(name))]
    if isinstance(block, blocks.ListBlock):
        return [t for item in value for t in _block_text(block.child_block, item)]
    if isinstance(block, blocks.StreamBlock):
        return [t for child in value for t in _block_text(child.block, child.value)]
    return []


def page_text(page: Page) -> str:
    """The plain text a reader sees on ``page``: title, intro, then every rich text and stream field.

    Paragraphs, headings and list items are separated by a blank line, so each
    is its own sentence for the checker.
    """
    specific = page.specific
    parts: list[str] = [specific.title, str(getattr(specific, "intro", "") or "")]
    for model_field in type(specific)._meta.concrete_fields:
        value = getattr(specific, model_field.attname, None)
        if isinstance(model_field, RichTextField):
            parts.append(html_to_text(value or ""))
        elif isinstance(model_field, StreamField) and value is not None:
            parts.extend(t for child in value for t in _block_text(child.block, child.value))
    return "\n\n".join(p.strip() for p in parts if p and p.strip())


# --- "Klarspråk i publiserte tekstar" ----------------------------------------


@dataclass
class PageScore:
    page_id: int
    title: str
    url_path: str
    score: float
    band: str
    words: int
    by_rule: dict[str, int]

    @property
    def findings(self) -> int:
        return sum(self.by_rule.values())


@dataclass
class PublishedTextReport:
    rows: list[PageScore] = field(default_factory=list)
    total_pages: int = 0
    from_cache: int = 0
    seconds: float = 0.0

    @property
    def truncated(self) -> bool:
        return len(self.rows) < self.total_pages


def _fingerprint(config: Config) -> str:
    """Changes when anything that changes a result changes: thresholds, lists, form."""
    raw = repr(
        (
            config.form,
            config.long_sentence_words,
            config.long_word_letters,
            config.lix_threshold,
            sorted(config.extra_officialese.items()),
            sorted(config.jargon.items()),
        )
    )
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def _score(page: Page, config: Config) -> dict[str, Any]:
    report = check(page_text(page), config)
    by_rule: dict[str, int] = {}
    for finding in report.findings:
        by_rule[finding.rule] = by_rule.get(finding.rule, 0) + 1
    return {"score": round(report.lix.score, 1), "band": report.lix.band, "words": report.lix.words, "by_rule": by_rule}


def published_text_report(*, max_pages: int | None = None) -> PublishedTextReport:
    """LIX and findings per rule of the live pages, worst first.

    Checks at most ``max_pages`` pages (TORG_KLARSPRAK["REPORT_MAX_PAGES"]), in
    tree order; each result is cached under the page's live revision, so only
    pages published since the last view are checked again.
    """
    started = time.perf_counter()
    limit = max_pages if max_pages is not None else settings.TORG_KLARSPRAK["REPORT_MAX_PAGES"]
    config = checker_config()
    fingerprint = _fingerprint(config)
    live = Page.objects.live().filter(depth__gt=1).order_by("path")
    result = PublishedTextReport(total_pages=live.count())
    for page in live.specific()[:limit]:
        key = f"klarsprak:page:{page.live_revision_id}:{fingerprint}" if page.live_revision_id else None
        scored = cache.get(key) if key else None
        if scored is None:
            scored = _score(page, config)
            if key:
                cache.set(key, scored, 7 * 24 * 3600)
        else:
            result.from_cache += 1
        result.rows.append(PageScore(page_id=page.pk, title=page.title, url_path=page.url_path, **scored))
    result.rows.sort(key=lambda row: (-row.score, -row.findings, row.title))
    result.seconds = time.perf_counter() - started
    return result
