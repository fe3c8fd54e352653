"""Screening before anything in the journal is public (offentlegforskrifta §§ 6–7).

Pure functions, no database: the importer and the actions call them.

- Fødselsnummer (11 digits: DDMMYY + individnummer + two control digits, mod 11),
  d-nummer (first digit + 4), H-nummer (month + 40) and Skatteetaten's synthetic
  test numbers (month + 80) are found only when both control digits and the date hold.
- Names of private persons who are parties to an entry are replaced by ``[namn]``
  in public titles.
- An exempted entry (skjerming set) shows the source's public title when given,
  else the screened title; private persons among its parties are shown as ``[namn]``.
- A document whose text holds a fødselsnummer is blocked until a person clears it.
- A search on a private person's name finds nothing older than one year
  (:func:`name_search_cutoff`; :func:`torg.innsyn.queries.is_person_name_query`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _

NAME_PLACEHOLDER = "[namn]"
NUMBER_PLACEHOLDER = "[fødselsnummer]"

_WEIGHTS_1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_WEIGHTS_2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
# 11 digits, optionally written "DDMMYY NNNNN" or "DDMMYY-NNNNN"; not part of a longer number.
_CANDIDATE = re.compile(r"(?<![\d.,])(\d{6})[ \-.]?(\d{5})(?![\d])")


def _control(digits: list[int], weights: tuple[int, ...]) -> int | None:
    rest = sum(d * w for d, w in zip(digits, weights, strict=False)) % 11
    check = 0 if rest == 0 else 11 - rest
    return None if check == 10 else check


def _plausible_date(day: int, month: int) -> bool:
    if not 1 <= month <= 12:
        return False
    # The year is ambiguous (century from the individnummer); allow 29 February.
    return 1 <= day <= (29 if month == 2 else calendar.monthrange(2001, month)[1])


def is_fodselsnummer(value: str) -> bool:
    """True for a valid fødselsnummer, d-nummer, H-nummer or synthetic test number."""
    digits_only = re.sub(r"[ \-.]", "", value)
    if len(digits_only) != 11 or not (digits_only.isascii() and digits_only.isdigit()):
        return False
    digits = [int(c) for c in digits_only]
    if _control(digits[:9], _WEIGHTS_1) != digits[9] or _control(digits[:10], _WEIGHTS_2) != digits[10]:
        return False
    day, month = int(digits_only[:2]), int(digits_only[2:4])
    if day > 40:  # d-nummer
        day -= 40
    if month > 80:  # synthetic (Skatteetaten/Tenor)
        month -= 80
    elif month > 40:  # H-nummer
        month -= 40
    return _plausible_date(day, month)


def is_d_nummer(value: str) -> bool:
    digits = re.sub(r"[ \-.]", "", value)
    return is_fodselsnummer(digits) and int(digits[0]) >= 4


def find_fodselsnummer(text: str) -> list[str]:
    """Every valid national identity number in ``text`` (as written)."""
    return [m.group(0) for m in _CANDIDATE.finditer(text or "") if is_fodselsnummer(m.group(1) + m.group(2))]


def mask_fodselsnummer(text: str) -> str:
    return _CANDIDATE.sub(
        lambda m: NUMBER_PLACEHOLDER if is_fodselsnummer(m.group(1) + m.group(2)) else m.group(0), text or ""
    )


# Words that mark an organisation, not a private person (Norwegian company forms and public bodies).
_ORGANISATION_WORDS = frozenset(
    [
        "as",
        "asa",
        "sa",
        "ba",
        "da",
        "ans",
        "ks",
        "nuf",
        "iks",
        "kf",
        "fkf",
        "sf",
        "hf",
        "rhf",
        "bbl",
        "ab",
        "gmbh",
        "ltd",
        "inc",
        "llc",
        "kommune",
        "kommunes",
        "fylkeskommune",
        "fylkeskommunen",
        "kommunen",
        "statsforvaltaren",
        "statsforvalteren",
        "fylkesmannen",
        "direktorat",
        "direktoratet",
        "departement",
        "departementet",
        "tilsyn",
        "tilsynet",
        "etat",
        "etaten",
        "verk",
        "verket",
        "vesen",
        "vesenet",
        "styre",
        "styret",
        "råd",
        "rådet",
        "utval",
        "utvalg",
        "nemnd",
        "nemnda",
        "foreining",
        "forening",
        "lag",
        "laget",
        "sameige",
        "sameie",
        "borettslag",
        "stiftelse",
        "stiftinga",
        "stiftelsen",
        "selskap",
        "selskapet",
        "skule",
        "skole",
        "skulen",
        "skolen",
        "barnehage",
        "barnehagen",
        "sjukehus",
        "sykehus",
        "helse",
        "universitet",
        "høgskule",
        "høgskole",
        "politi",
        "politiet",
        "lensmann",
        "namsmann",
        "tingrett",
        "lagmannsrett",
        "domstol",
        "advokatfirma",
        "advokatfirmaet",
        "arkitekt",
        "arkitektar",
        "arkitekter",
        "entreprenør",
        "rådgjeving",
        "rådgivning",
        "consult",
        "consulting",
        "bygg",
        "eigedom",
        "eiendom",
        "holding",
        "gruppen",
        "group",
        "norge",
        "noreg",
        "norsk",
        "norske",
        "statens",
        "statsbygg",
        "nve",
        "mattilsynet",
        "nav",
        "skatteetaten",
        "kartverket",
        "bane",
        "vegvesen",
        "vegvesenet",
        "avinor",
        "bank",
        "banken",
        "sparebank",
        "forsikring",
        "kyrkje",
        "kirke",
        "sokn",
        "menighet",
        "idrettslag",
        "il",
        "fk",
        "bk",
        "club",
        "klubb",
        "senter",
        "senteret",
        "hotell",
        "kafé",
        "landbruk",
        "gard",
        "gård",
    ]
)
_PERSON_WORD = re.compile(r"^[A-ZÆØÅÄÖÜÉ][a-zæøåäöüéèáóúñ'\-]+\.?$|^[A-ZÆØÅ]\.$")


def name_key(name: str) -> str:
    """A name folded for comparison: casefolded, punctuation as space, single-spaced."""
    return " ".join(re.sub(r"[^\w]+", " ", name or "").casefold().split())


@functools.lru_cache(maxsize=65536)
def looks_like_person(name: str) -> bool:
    """Best guess whether a party's name is a private person's (2–5 capitalised words, no company form)."""
    words = re.sub(r"\.(?=\w)", ". ", name or "").replace(",", " ").split()
    if not 2 <= len(words) <= 5:
        return False
    if any(word.strip(".()").casefold() in _ORGANISATION_WORDS for word in words):
        return False
    if any(ch.isdigit() for ch in name):
        return False
    return all(_PERSON_WORD.match(word) for word in words)


@functools.lru_cache(maxsize=65536)
def _name_patterns(name: str) -> tuple[re.Pattern[str], ...]:
    words = [w for w in re.split(r"[\s,]+", name.strip()) if w]
    if len(words) < 2:
        return ()
    variants = {" ".join(words), " ".join([words[-1], *words[:-1]]), f"{words[-1]}, {' '.join(words[:-1])}"}
    patterns = []
    for variant in variants:
        parts = [re.escape(p) for p in re.split(r"\s+", variant)]
        patterns.append(re.compile(r"(?<!\w)" + r"[\s.]*".join(parts) + r"(?!\w)", re.IGNORECASE))
    return tuple(patterns)


def replace_names(text: str, names: Iterable[str]) -> str:
    """``text`` with every name in ``names`` (also written "Surname Given" or "Surname, Given") as [namn]."""
    for name in sorted({n for n in names if n}, key=len, reverse=True):
        for pattern in _name_patterns(name):
            text = pattern.sub(NAME_PLACEHOLDER, text)
    return text


def screen_text(text: str, person_names: Iterable[str] = ()) -> str:
    """A title or name as it may be shown: no national identity numbers, no private persons' names."""
    return replace_names(mask_fodselsnummer(text or ""), person_names)


def public_title(*, tittel: str, offentlig_tittel: str, person_names: Iterable[str], exempted: bool) -> str:
    """The title the public sees.

    The source's public title (offentligTittel) when given, else the original title;
    either way screened. ``exempted`` is accepted for clarity at call sites: an
    exempted entry never falls back to more than the screened title.
    """
    names = list(person_names)
    chosen = offentlig_tittel.strip() if offentlig_tittel and offentlig_tittel.strip() else (tittel or "")
    return screen_text(chosen, names).strip()


def public_party_name(*, namn: str, offentleg_namn: str, is_person: bool, exempted: bool) -> tuple[str, bool]:
    """(public name, skjerma): a private person who is party to an exempted entry is shown as [namn]."""
    if is_person and exempted:
        return NAME_PLACEHOLDER, True
    chosen = offentleg_namn.strip() if offentleg_namn and offentleg_namn.strip() else namn
    screened = mask_fodselsnummer(chosen)
    return screened, screened != namn


def text_block_reason(text: str) -> str:
    """ "fodselsnummer" when the document text holds a national identity number, else ""."""
    return "fodselsnummer" if find_fodselsnummer(text) else ""


def name_search_cutoff(today: dt.date | None = None, days: int | None = None) -> dt.date:
    """Journal entries older than this date are never found by a search on a private person's name."""
    from django.conf import settings
    from django.utils import timezone

    today = today or timezone.localdate()
    days = settings.TORG_INNSYN_NAME_SEARCH_DAYS if days is None else days
    return today - dt.timedelta(days=days)


# The publication criteria (offentlegforskrifta § 6 fifth paragraph: state the criteria used).
PUBLICATION_CRITERIA_TITLE = _("What we publish in the public journal")
PUBLICATION_CRITERIA = (
    _(
        "The public journal lists the letters, e-mails and notes the municipality receives and sends in its "
        "cases: date, case and document number, sender or recipient, title and type."
    ),
    _(
        "Where a title or name is exempted from public access, we show a screened title and give the legal "
        "basis for the exemption. You can still ask for access to the entry."
    ),
    _("We replace the names of private persons in public titles with [namn]."),
    _(
        "We never publish national identity numbers (fødselsnummer, d-nummer), information subject to a duty "
        "of confidentiality, special categories of personal data, the pay of private persons or material "
        "protected by the copyright of others (offentlegforskrifta § 7)."
    ),
    _(
        "We publish the full text of documents that are not exempted. A document whose text holds a national "
        "identity number is published only after a person in the archive has checked and cleared it."
    ),
    _("A search on the name of a private person finds only entries from the last year (offentlegforskrifta § 6)."),
    _("Entries older than this are still in the archive: ask for access and we will answer within a few working days."),
)
