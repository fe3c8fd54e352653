"""The files a requester gets: the entry's stored documents, or the copy a handler uploads.

An uploaded copy (the redacted copy of a partial grant, or the document itself when the
archive sent no file) is checked before it is stored: a known type whose first bytes match
its name, not too large, and, for a redacted copy, no national identity number left in its
text (offentlegforskrifta § 7: a fødselsnummer is never handed out by mistake).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _

from .. import screening
from ..extract import CONTENT_TYPES, extract_document
from ..requests import InnsynskravDel, InnsynskravStatus

# What a copy may be, by its name's ending, and how such a file starts.
MAGIC = {".pdf": (b"%PDF-",), ".docx": (b"PK\x03\x04",), ".odt": (b"PK\x03\x04",)}


def max_copy_bytes() -> int:
    try:
        return max(1, int(getattr(settings, "TORG_INNSYN_MAX_COPY_BYTES", 25 * 1024 * 1024)))
    except (TypeError, ValueError):
        return 25 * 1024 * 1024


@dataclass(frozen=True)
class CheckedCopy:
    suffix: str
    data: bytes


def read_upload(upload: Any) -> tuple[str, bytes]:
    """(name, bytes) of an uploaded file or any file-like object with a name."""
    stream: IO[bytes] = upload
    if hasattr(upload, "seek"):
        upload.seek(0)
    limit = max_copy_bytes()
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(
            _("The file is larger than %(mb)d MB. Make it smaller, for example by saving it as PDF again.")
            % {"mb": limit // (1024 * 1024)},
            code="too_large",
        )
    return str(getattr(upload, "name", "") or ""), data


def check_copy(name: str, data: bytes, *, redacted: bool) -> CheckedCopy:
    """Raise ValidationError (a message for the handler) for a file that must not be sent."""
    suffix = Path(name).suffix.lower()
    if suffix not in MAGIC:
        raise ValidationError(_("Upload a PDF, DOCX or ODT file."), code="type")
    if not data:
        raise ValidationError(_("The file is empty."), code="empty")
    if not data.startswith(MAGIC[suffix]):
        raise ValidationError(
            _("The file is not a real %(type)s file. Save it again as %(type)s and upload it.")
            % {"type": suffix.lstrip(".").upper()},
            code="magic",
        )
    if redacted:
        text = extract_document(name, data).text
        if screening.find_fodselsnummer(text):
            raise ValidationError(
                _("The copy still holds a national identity number. Black it out and upload the copy again."),
                code="fodselsnummer",
            )
    return CheckedCopy(suffix=suffix, data=data)


def copy_name(part: InnsynskravDel, suffix: str) -> str:
    entry = part.journalpost
    return f"{entry.journalaar}-{entry.journalsekvensnummer}-kopi{suffix}"


@dataclass(frozen=True)
class GrantedFile:
    """One file the requester may download: ``key`` 0 is the uploaded copy, else a document's pk."""

    key: int
    title: str  # the public title: the letter never shows more than the journal does
    filename: str
    content_type: str
    file: FieldFile


def stored_documents(part: InnsynskravDel) -> list[Any]:
    return [d for d in part.journalpost.dokument.order_by("dokumentnummer", "pk") if d.file]


def granted_files(part: InnsynskravDel) -> list[GrantedFile]:
    """What the decision hands out: a grant the entry's documents (and any uploaded copy);
    a partial grant only the redacted copy; a refusal nothing."""
    files: list[GrantedFile] = []
    if part.status not in (InnsynskravStatus.INNVILGA, InnsynskravStatus.DELVIS):
        return files
    entry = part.journalpost
    if part.redacted_file:
        suffix = Path(part.redacted_file.name or "").suffix.lower()
        title = entry.offentlig_tittel or f"{entry.journalaar}/{entry.journalsekvensnummer}"
        if part.status == InnsynskravStatus.DELVIS:
            title = _("%(title)s (copy with parts blacked out)") % {"title": title}
        files.append(
            GrantedFile(
                key=0,
                title=title,
                filename=copy_name(part, suffix),
                content_type=CONTENT_TYPES.get(suffix, "application/octet-stream"),
                file=part.redacted_file,
            )
        )
    if part.status == InnsynskravStatus.INNVILGA:
        for doc in stored_documents(part):
            suffix = Path(doc.file.name or "").suffix.lower()
            files.append(
                GrantedFile(
                    key=doc.pk,
                    title=doc.offentlig_tittel or doc.get_tilknytning_display(),
                    filename=f"{entry.journalaar}-{entry.journalsekvensnummer}-{doc.dokumentnummer}{suffix}",
                    content_type=doc.content_type or CONTENT_TYPES.get(suffix, "application/octet-stream"),
                    file=doc.file,
                )
            )
    return files
