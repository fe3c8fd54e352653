"""A small journal for the page, search and request tests: imported the real way, documents set on top."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

from torg.innsyn import screening
from torg.innsyn.actions import import_journal
from torg.innsyn.models import Dokumentbeskrivelse, Journalpost, TextBlock

from .test_import import einnsyn_item

PERSON = "Kari Nordmann"
HIDDEN_PERSON = "Ola Hemmelegsen"
SENSITIVE_TITLE = "Omsorgsovertaking for barnet"
SECRET_WORD = "løyndomsord"


def valid_fodselsnummer() -> str:
    """A fødselsnummer with correct control digits (found by trying individnummer)."""
    for individ in range(100, 1000):
        base = f"150390{individ:03d}"
        digits = [int(c) for c in base]
        k1 = screening._control(digits, screening._WEIGHTS_1)
        if k1 is None:
            continue
        k2 = screening._control([*digits, k1], screening._WEIGHTS_2)
        if k2 is None:
            continue
        number = f"{base}{k1}{k2}"
        if screening.is_fodselsnummer(number):
            return number
    raise AssertionError("no fødselsnummer")


FNR = valid_fodselsnummer()


def _item(system_id: str, seq: int, day: dt.date, **extra: Any) -> dict[str, Any]:
    item = einnsyn_item(system_id=system_id)
    item.update({"journalsekvensnummer": seq, "journaldato": day.isoformat(), "dokumentetsDato": day.isoformat()})
    item.update(extra)
    return item


def build_journal(today: dt.date) -> dict[str, Journalpost]:
    """Four entries: a person's letter (old), an exempted entry, a recent note with documents, an outgoing letter."""
    old = today - dt.timedelta(days=500)
    recent = today - dt.timedelta(days=20)
    exempted = _item(
        "jp-exempt",
        18,
        recent,
        offentligTittel="Sak etter barnevernlova",
        offentligTittelSensitiv=f"{SENSITIVE_TITLE} til {HIDDEN_PERSON}",
        skjerming={"entity": "Skjerming", "tilgangsrestriksjon": "Klientsaker", "skjermingshjemmel": "Offl. § 13"},
        korrespondansepart=[
            {
                "entity": "Korrespondansepart",
                "korrespondanseparttype": "avsender",
                "korrespondansepartNavn": HIDDEN_PERSON,
                "korrespondansepartNavnSensitiv": HIDDEN_PERSON,
            }
        ],
        saksmappe={
            "entity": "Saksmappe",
            "saksaar": 2025,
            "sakssekvensnummer": 41,
            "saksnummer": "2025/41",
            "offentligTittel": "Barnevernssak",
            "offentligTittelSensitiv": f"Barnevernssak {HIDDEN_PERSON}",
        },
    )
    bridge = _item(
        "jp-bridge",
        19,
        recent,
        offentligTittel="Vedlikehald av brua over elva",
        offentligTittelSensitiv="Vedlikehald av brua over elva",
        journalposttype="utgaaende_dokument",
        korrespondansepart=[
            {
                "entity": "Korrespondansepart",
                "korrespondanseparttype": "mottaker",
                "korrespondansepartNavn": "Statens vegvesen",
                "korrespondansepartNavnSensitiv": "Statens vegvesen",
            }
        ],
        saksmappe={
            "entity": "Saksmappe",
            "saksaar": 2025,
            "sakssekvensnummer": 42,
            "saksnummer": "2025/42",
            "offentligTittel": "Bruer i kommunen",
            "offentligTittelSensitiv": "Bruer i kommunen",
        },
        dokumentbeskrivelse=[
            {
                "entity": "Dokumentbeskrivelse",
                "tittel": "Tilstandsrapport",
                "tittelSensitiv": "Tilstandsrapport",
                "dokumentnummer": 1,
                "tilknyttetRegistreringSom": "hoveddokument",
            },
            {
                "entity": "Dokumentbeskrivelse",
                "tittel": "Vedlegg med personopplysningar",
                "tittelSensitiv": "Vedlegg med personopplysningar",
                "dokumentnummer": 2,
                "tilknyttetRegistreringSom": "vedlegg",
            },
        ],
    )
    recent_person = _item("jp-recent-person", 20, recent)
    items = [_item("jp-old-person", 17, old), exempted, bridge, recent_person]
    import_journal(source=io.BytesIO(json.dumps(items).encode()), actor=None)
    entries = {e.system_id: e for e in Journalpost.objects.all()}
    public_doc, blocked_doc = entries["jp-bridge"].dokument.order_by("dokumentnummer")
    public_doc.extracted_text = "Brua over elva må målast.\n\nRekkverket er rusta og skal skiftast."
    public_doc.text_blocked_reason = TextBlock.NONE
    public_doc.save()
    blocked_doc.extracted_text = f"Søkjar har fødselsnummer {FNR} og {SECRET_WORD}."
    blocked_doc.text_blocked_reason = screening.text_block_reason(blocked_doc.extracted_text)
    blocked_doc.save()
    assert blocked_doc.text_blocked_reason == TextBlock.FODSELSNUMMER
    exempt_doc = entries["jp-exempt"].dokument.first()
    assert exempt_doc is not None
    exempt_doc.extracted_text = f"Brev om {HIDDEN_PERSON} og {SECRET_WORD}."
    exempt_doc.text_blocked_reason = TextBlock.EXEMPTED
    exempt_doc.save()
    return entries


def documents(entry: Journalpost) -> list[Dokumentbeskrivelse]:
    return list(entry.dokument.order_by("dokumentnummer"))
