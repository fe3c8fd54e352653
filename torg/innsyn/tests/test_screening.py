import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from torg.innsyn import screening


def with_control_digits(nine: str) -> str | None:
    """The 11-digit number for the first nine digits, or None when no valid control digit exists."""
    digits = [int(c) for c in nine]
    k1 = 11 - sum(d * w for d, w in zip(digits, (3, 7, 6, 1, 8, 9, 4, 5, 2), strict=True)) % 11
    k1 = 0 if k1 == 11 else k1
    if k1 == 10:
        return None
    digits.append(k1)
    k2 = 11 - sum(d * w for d, w in zip(digits, (5, 4, 3, 2, 7, 6, 5, 4, 3, 2), strict=True)) % 11
    k2 = 0 if k2 == 11 else k2
    if k2 == 10:
        return None
    return nine + str(k1) + str(k2)


numbers = st.builds(
    lambda day, month, year, individual, kind: (
        f"{day + (40 if kind == 'd' else 0):02d}{month:02d}{year:02d}{individual:03d}",
        kind,
    ),
    st.integers(1, 28),
    st.integers(1, 12),
    st.integers(0, 99),
    st.integers(0, 999),
    st.sampled_from(["f", "d"]),
)


@given(numbers)
def test_every_number_with_right_control_digits_is_found(sample: tuple[str, str]) -> None:
    nine, kind = sample
    number = with_control_digits(nine)
    if number is None:
        return
    assert screening.is_fodselsnummer(number)
    assert screening.is_d_nummer(number) == (kind == "d")
    assert screening.find_fodselsnummer(f"Søknad frå {number[:6]} {number[6:]} om startlån") == [
        f"{number[:6]} {number[6:]}"
    ]
    assert number not in screening.mask_fodselsnummer(f"fnr. {number}.")


@given(numbers, st.integers(1, 9))
def test_a_wrong_control_digit_is_not_a_match(sample: tuple[str, str], change: int) -> None:
    number = with_control_digits(sample[0])
    if number is None:
        return
    wrong = number[:10] + str((int(number[10]) + change) % 10)
    assert not screening.is_fodselsnummer(wrong)
    assert screening.find_fodselsnummer(f"nr {wrong}") == []


def test_known_numbers() -> None:
    assert screening.is_fodselsnummer("01010112345") is False  # made up: control digits fail
    valid = with_control_digits("010190124")
    assert valid and screening.is_fodselsnummer(valid)
    assert not screening.is_fodselsnummer("32139012345")  # no such date
    assert screening.find_fodselsnummer("Ordre 123456789012 og telefon 55 12 34 56") == []


def test_names_of_private_persons_are_replaced_in_titles() -> None:
    title = screening.public_title(
        tittel="Klage frå Kari Nordmann på vedtak – Nordmann, Kari",
        offentlig_tittel="",
        person_names=["Kari Nordmann"],
        exempted=False,
    )
    assert title == "Klage frå [namn] på vedtak – [namn]"


def test_source_public_title_is_used_and_screened() -> None:
    assert (
        screening.public_title(
            tittel="Barnevernssak – Ola Olsen",
            offentlig_tittel="Sak om Ola Olsen",
            person_names=["Ola Olsen"],
            exempted=True,
        )
        == "Sak om [namn]"
    )


def test_person_in_exempted_entry_is_shown_as_namn() -> None:
    assert screening.public_party_name(namn="Kari Nordmann", offentleg_namn="", is_person=True, exempted=True) == (
        "[namn]",
        True,
    )
    assert screening.public_party_name(namn="Fjordkraft AS", offentleg_namn="", is_person=False, exempted=True) == (
        "Fjordkraft AS",
        False,
    )


@pytest.mark.parametrize(
    ("name", "person"),
    [
        ("Kari Nordmann", True),
        ("Lars H.Hansen", True),
        ("Knut Nærum", True),
        ("Fjordkraft AS", False),
        ("Vestland fylkeskommune", False),
        ("Statens vegvesen", False),
        ("Riksarkivet", False),
    ],
)
def test_looks_like_person(name: str, person: bool) -> None:
    assert screening.looks_like_person(name) is person


def test_text_with_fodselsnummer_is_blocked() -> None:
    valid = with_control_digits("010190124")
    assert screening.text_block_reason(f"Fødselsnummer: {valid}") == "fodselsnummer"
    assert screening.text_block_reason("Ingen nummer her.") == ""


def test_name_search_cutoff_is_one_year() -> None:
    assert screening.name_search_cutoff(dt.date(2025, 6, 1), days=365) == dt.date(2024, 6, 1)


def test_publication_criteria_are_stated() -> None:
    assert len(screening.PUBLICATION_CRITERIA) >= 5
    assert any("[namn]" in str(text) for text in screening.PUBLICATION_CRITERIA)
