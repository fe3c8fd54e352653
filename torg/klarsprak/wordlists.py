"""The municipality's own word lists as the kommunikasjonssjef writes them.

One entry a line, ``word = alternative`` (officialese → the plain word to use,
jargon → what it means); empty lines and lines starting with ``#`` are
skipped. A word may be several words ("i henhold til = etter").
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_ENTRY_LENGTH = 200


def parse_word_list(value: str, *, lenient: bool = False) -> dict[str, str]:
    """``{word: alternative}`` from the lines in ``value``.

    Raises ValidationError naming every bad line, or with ``lenient`` skips them
    (a list saved before a rule was tightened still gives its good lines).
    """
    entries: dict[str, str] = {}
    first_line: dict[str, int] = {}
    errors: list[str] = []
    for number, raw in enumerate(value.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        word, sep, alternative = line.partition("=")
        word, alternative = " ".join(word.split()), " ".join(alternative.split())
        if not sep:
            errors.append(_("Line %(line)d has no “=”. Write the word, “=” and the alternative.") % {"line": number})
        elif not word:
            errors.append(_("Line %(line)d has no word before “=”.") % {"line": number})
        elif not alternative:
            errors.append(_("Line %(line)d has no alternative after “=”.") % {"line": number})
        elif len(word) > MAX_ENTRY_LENGTH or len(alternative) > MAX_ENTRY_LENGTH:
            errors.append(
                _("Line %(line)d is too long: at most %(max)d characters on each side of “=”.")
                % {"line": number, "max": MAX_ENTRY_LENGTH}
            )
        elif word.casefold() in first_line:
            errors.append(
                _("Line %(line)d repeats “%(word)s” from line %(first)d. Keep one of them.")
                % {"line": number, "word": word, "first": first_line[word.casefold()]}
            )
        else:
            first_line[word.casefold()] = number
            entries[word] = alternative
    if errors and not lenient:
        raise ValidationError(errors)
    return entries


def validate_word_list(value: str) -> None:
    parse_word_list(value)


def format_word_list(entries: dict[str, str]) -> str:
    return "\n".join(f"{word} = {alternative}" for word, alternative in entries.items())
