"""Reads: the answers per text, for writers and the editor."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Max, Q, QuerySet
from wagtail.models import Page

from .models import TextFeedback


@dataclass(frozen=True)
class PageScore:
    page: Page
    yes: int
    no: int
    last: object

    @property
    def total(self) -> int:
        return self.yes + self.no

    @property
    def share_understood(self) -> int:
        """Per cent who understood, rounded."""
        return round(100 * self.yes / self.total) if self.total else 0


def _counts(by: str) -> QuerySet:
    return (
        TextFeedback.objects.filter(**{f"{by}__isnull": False})
        .values(by)
        .annotate(yes=Count("pk", filter=Q(understood=True)), no=Count("pk", filter=Q(understood=False)))
        .annotate(last=Max("created_at"))
    )


def letter_scores() -> list[PageScore]:
    """Answers per letter template (from the link in every letter), the least understood first."""
    from torg.brevmalar.models import LetterTemplate

    by_template = {row["letter_template"]: row for row in _counts("letter_template")}
    found = LetterTemplate.objects.filter(pk__in=by_template)
    result = [PageScore(t, by_template[t.pk]["yes"], by_template[t.pk]["no"], by_template[t.pk]["last"]) for t in found]  # type: ignore[arg-type]
    return sorted(result, key=lambda s: (s.share_understood, -s.total))


def scores(pages: QuerySet[Page] | None = None) -> list[PageScore]:
    """Answers per page, the least understood first (two queries)."""
    rows = _counts("page")
    if pages is not None:
        rows = rows.filter(page__in=pages)
    by_page = {row["page"]: row for row in rows}
    found = Page.objects.filter(pk__in=by_page).specific()
    result = [
        PageScore(page, by_page[page.pk]["yes"], by_page[page.pk]["no"], by_page[page.pk]["last"]) for page in found
    ]
    return sorted(result, key=lambda s: (s.share_understood, -s.total))


def comments(page: Page) -> QuerySet[TextFeedback]:
    return TextFeedback.objects.filter(page=page).exclude(comment="")
