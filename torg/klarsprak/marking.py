"""Showing a report to a person: numbered findings with line and column, the text with marks.

Findings may overlap (a long sentence holds an old word), so the text is cut
at every start and end; each piece inside a finding is one ``<mark>``. Where
a finding starts, a screen reader hears "Finding 3:"; where it ends, a link
"[3]" leads to its explanation in the list. Colour is never the only sign.
"""

from __future__ import annotations

import bisect
import itertools
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

RULE_LABELS: dict[str, Any] = {
    "lix": gettext_lazy("Readability (LIX)"),
    "long-sentence": gettext_lazy("Long sentence"),
    "long-word": gettext_lazy("Long word"),
    "passive": gettext_lazy("Passive"),
    "nominal": gettext_lazy("Noun-heavy style"),
    "officialese": gettext_lazy("Officialese"),
    "impersonal": gettext_lazy("Impersonal (man/ein)"),
    "bokmal-form": gettext_lazy("Bokmål form"),
    "nynorsk-form": gettext_lazy("Nynorsk form"),
    "spelling": gettext_lazy("Spelling"),
    "jargon": gettext_lazy("Jargon"),
}


def rule_label(rule: str) -> str:
    return str(RULE_LABELS.get(rule, rule))


class LineIndex:
    """1-based line and column of a character offset."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [i + 1 for i, char in enumerate(text) if char == "\n"]

    def __call__(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1


@dataclass(frozen=True)
class Numbered:
    number: int
    rule: str
    label: str
    start: int
    end: int
    line: int
    column: int
    excerpt: str
    message: str
    suggestion: str | None
    marked: bool  # shown in the text (a finding on the whole text is only in the list)


def numbered_findings(text: str, findings: list[dict[str, Any]]) -> list[Numbered]:
    """The report's findings in text order, numbered from 1, with line and column."""
    where = LineIndex(text)
    result = []
    ordered = sorted(findings, key=lambda f: (f["start"], -f["end"], f["rule"]))
    for number, finding in enumerate(ordered, start=1):
        start = min(max(int(finding["start"]), 0), len(text))
        end = min(max(int(finding["end"]), start), len(text))
        line, column = where(start)
        whole = start == 0 and end == len(text)
        result.append(
            Numbered(
                number=number,
                rule=finding["rule"],
                label=rule_label(finding["rule"]),
                start=start,
                end=end,
                line=line,
                column=column,
                excerpt=finding["excerpt"],
                message=finding["message"],
                suggestion=finding.get("suggestion"),
                marked=end > start and not whole and finding["rule"] != "lix",
            )
        )
    return result


def marked_html(text: str, findings: list[Numbered]) -> SafeString:
    """``text``, escaped, with each marked finding in ``<mark>`` and a numbered link after it."""
    shown = [f for f in findings if f.marked]
    starts: dict[int, list[Numbered]] = defaultdict(list)
    ends: dict[int, list[Numbered]] = defaultdict(list)
    for finding in shown:
        starts[finding.start].append(finding)
        ends[finding.end].append(finding)
    cuts = sorted({0, len(text), *starts, *ends})
    parts: list[str] = []
    open_findings = 0
    for left, right in itertools.pairwise(cuts):
        for finding in starts.get(left, ()):
            label = _("Finding %(number)d, %(rule)s:") % {"number": finding.number, "rule": finding.label}
            parts.append(format_html('<span class="w-sr-only">{} </span>', label))
            open_findings += 1
        piece = escape(text[left:right])
        parts.append(format_html('<mark class="klarsprak-mark">{}</mark>', piece) if open_findings else piece)
        for finding in ends.get(right, ()):
            parts.append(
                format_html(
                    '<a class="klarsprak-ref" id="klarsprak-ref-{0}" href="#klarsprak-finding-{0}"'
                    ' aria-label="{1}">[{0}]</a>',
                    finding.number,
                    _("End of finding %(number)d: go to the explanation") % {"number": finding.number},
                )
            )
            open_findings -= 1
    return mark_safe("".join(parts))  # noqa: S308 - every piece above is escaped or format_html
