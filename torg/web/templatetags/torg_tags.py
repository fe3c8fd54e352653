"""Template tags for the public site: breadcrumbs, JSON-LD, navigation state, A–Å lists."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from wagtail.contrib.routable_page.templatetags import wagtailroutablepage_tags
from wagtail.models import Page, Site

register = template.Library()

# json.dumps output is safe inside <script> once these cannot close or open a tag.
_JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}

# Norwegian alphabetical order: ... X Y Z Æ Ø Å. Code points give Å Æ Ø, so map them
# (upper case) to the three characters after Z: [ \ ].
_NORWEGIAN_ORDER = {"Æ": "[", "Ä": "[", "Ø": "\\", "Ö": "\\", "Å": "]", "Ü": "Y", "É": "E", "È": "E"}

# Letters filed under another letter's heading.
_GROUP_LETTER = {"Ä": "Æ", "Ö": "Ø", "Ü": "Y", "É": "E", "È": "E"}


def _site_root(request: Any, page: Page) -> Page | None:
    site = Site.find_for_request(request) if request is not None else None
    if site is not None:
        return site.root_page
    return page.get_site().root_page if page.get_site() else None


@register.simple_tag(takes_context=True)
def breadcrumb_pages(context: template.Context, page: Page | None = None) -> list[Page]:
    """The site root and the ancestors of ``page`` below it, top first; empty on the root itself."""
    page = page or context.get("page")
    if page is None:
        return []
    root = _site_root(context.get("request"), page)
    if root is None or page.pk == root.pk or not page.is_descendant_of(root):
        return []
    return [root, *page.get_ancestors().filter(depth__gt=root.depth)]


@register.simple_tag
def json_ld(page: Any, request: Any = None) -> SafeString:
    """A <script type="application/ld+json"> with ``page.json_ld(request)``, or nothing."""
    method = getattr(page, "json_ld", None)
    data = method(request) if callable(method) else None
    if data is None:
        return mark_safe("")
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308 - escaped above


@register.simple_tag
def aria_current(path: str, section: str) -> SafeString:
    """` aria-current="page"` on the section's own page, `="true"` anywhere below it."""
    if path == section:
        return format_html(' aria-current="{}"', "page")
    if path.startswith(section):
        return format_html(' aria-current="{}"', "true")
    return mark_safe("")


def _sort_key(title: str) -> str:
    return "".join(_NORWEGIAN_ORDER.get(ch, ch) for ch in title.upper())


@register.filter
def alphabet_groups(pages: Iterable[Any]) -> list[tuple[str, list[Any]]]:
    """Pages grouped by the first letter of the title, in Norwegian order (A–Z, Æ, Ø, Å)."""
    groups: dict[str, list[Any]] = {}
    for item in sorted(pages, key=lambda p: _sort_key(p.title)):
        letter = item.title[:1].upper() or "#"
        letter = _GROUP_LETTER.get(letter, letter)
        if not letter.isalpha():
            letter = "#"
        groups.setdefault(letter, []).append(item)
    return list(groups.items())


@register.filter
def type_label(page: Any) -> str:
    """The page type's readable name (e.g. "service page") for search results."""
    model = getattr(page, "specific_class", None) or type(page)
    return str(model._meta.verbose_name)


@register.filter
def letter_id(letter: str) -> str:
    """An id for an A–Å heading that is safe in HTML and URLs."""
    return "bokstav-" + "".join(f"{ord(ch):x}" if not ch.isascii() else ch.lower() for ch in letter)


@register.filter
def page_numbers(page_obj: Any) -> list[int | str]:
    """Page numbers around the current one, with the paginator's ellipsis between gaps."""
    return list(page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1))


@register.filter
def minutes(value: Any, default: int = 15) -> int:
    """Whole minutes in a timedelta (rounded up); ``default`` when there is none."""
    seconds = getattr(value, "total_seconds", None)
    if seconds is None:
        return default
    return max(1, -(-int(seconds()) // 60))


# Wagtail's own tag, available through `torg_tags` so templates do not depend on
# "wagtail.contrib.routable_page" being in INSTALLED_APPS.
register.simple_tag(takes_context=True, name="routablepageurl")(wagtailroutablepage_tags.routablepageurl)
