"""The small template language of a letter: paragraphs of plain text with fields.

A field is written ``{{ namn }}`` (letters, digits and ``_``). Nothing else of
Django's template language is allowed: no tags (``{% … %}``), no comments, no
filters, no dotted lookups. Paragraphs are separated by a blank line; a
paragraph that starts with ``# `` is a heading.

The text is escaped before it is given to Django's template engine (with
autoescape on), so neither the template's own text nor the values can add
markup to the letter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.template import Context, Engine
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

FIELD_RE = re.compile(r"\{\{\s*([^\W\d]\w*)\s*\}\}")
_TEMPLATE_SYNTAX_RE = re.compile(r"\{%|%\}|\{#|#\}|\{\{|\}\}")
_ENGINE = Engine(autoescape=True, builtins=[], libraries={})


def validate_letter_syntax(text: str) -> None:
    """Refuse anything but plain text and ``{{ field }}``."""
    if "{%" in text or "%}" in text:
        raise ValidationError(
            _("Only fields like {{ namn }} are allowed. Remove “{% … %}”: instructions are not allowed in a letter."),
            code="tag",
        )
    rest = _TEMPLATE_SYNTAX_RE.search(FIELD_RE.sub("", text))
    if rest is not None:
        raise ValidationError(
            _(
                "“%(found)s” is not a field. Write a field as {{ namn }}: one word with letters, "
                "digits or _ between double braces."
            ),
            code="syntax",
            params={"found": rest.group(0)},
        )


def declared_fields(*texts: str) -> list[str]:
    """The fields used in ``texts``, in the order they first appear."""
    found: dict[str, None] = {}
    for text in texts:
        for match in FIELD_RE.finditer(text or ""):
            found.setdefault(match.group(1), None)
    return list(found)


def fill(text: str, values: dict[str, str]) -> str:
    """``text`` with its fields filled in, as escaped HTML; a missing value shows as ``[field]``."""
    validate_letter_syntax(text)
    context = {name: values.get(name) or f"[{name}]" for name in declared_fields(text)}
    source = FIELD_RE.sub(lambda m: "{{ " + m.group(1) + " }}", escape(text))
    return _ENGINE.from_string(source).render(Context(context, autoescape=True))


def as_text(text: str) -> str:
    """``text`` with each field replaced by its name: what the clear-language checker reads."""
    return FIELD_RE.sub(lambda m: m.group(1).replace("_", " "), text)


@dataclass(frozen=True)
class Block:
    """A heading or a paragraph of a letter, already escaped HTML."""

    kind: str  # "heading" | "paragraph"
    html: SafeString


def blocks(text: str, values: dict[str, str]) -> list[Block]:
    """The headings and paragraphs of ``text`` with its fields filled in."""
    result = []
    for raw in re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n").strip()):
        if not raw.strip():
            continue
        if raw.startswith("# "):
            result.append(Block("heading", mark_safe(fill(raw[2:].strip(), values))))  # noqa: S308 - escaped by fill()
        else:
            lines = [fill(line.strip(), values) for line in raw.strip().split("\n")]
            result.append(Block("paragraph", mark_safe("<br>".join(lines))))  # noqa: S308 - escaped by fill()
    return result
