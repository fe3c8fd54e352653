"""Files residents attach: the type is read from the content, not the name; images lose
their metadata (EXIF, with the place the photo was taken) before they are stored."""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from .models import Attachment, Inquiry, InquiryMessage

ALLOWED_DESCRIPTION = "JPEG, PNG, PDF, Word (DOCX), OpenDocument (ODT), tekst (TXT)"
_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_ODT = "application/vnd.oasis.opendocument.text"
_EXTENSIONS = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "application/pdf": "pdf",
    _DOCX: "docx",
    _ODT: "odt",
    "text/plain": "txt",
}
# Photos larger than this are scaled down: enough to see a pothole, small enough to mail.
MAX_IMAGE_SIDE = 3000


@dataclass(frozen=True)
class CleanFile:
    name: str
    content: bytes
    content_type: str


def _safe_name(name: str, extension: str) -> str:
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = unicodedata.normalize("NFC", base).rsplit(".", 1)[0]
    base = re.sub(r"[^\w\- ]+", "", base).strip()[:80] or _("attachment")
    return f"{base}.{extension}"


def _zip_kind(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.read("mimetype").strip() == _ODT.encode():
                return _ODT
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return _DOCX
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return None
    return None


def _sniff(data: bytes) -> str | None:
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    if b"\x00" not in data[:4096]:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return None
        return "text/plain"
    return None


def _strip_image(data: bytes, content_type: str) -> bytes:
    """Re-encode the pixels only: no EXIF (GPS position, camera serial), no comments."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            upright = ImageOps.exif_transpose(image)  # keep the photo the right way up
            if max(upright.size) > MAX_IMAGE_SIDE:
                upright.thumbnail((MAX_IMAGE_SIDE, MAX_IMAGE_SIDE))
            out = io.BytesIO()
            if content_type == "image/jpeg":
                upright.convert("RGB").save(out, format="JPEG", quality=88)
            else:
                upright.save(out, format="PNG")
            return out.getvalue()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as error:
        raise ValidationError(_("We could not read the image. Try another photo.")) from error


def clean_upload(upload: IO[bytes] | Any, name: str = "") -> CleanFile:
    """Check one uploaded file and return what may be stored; ValidationError (Nynorsk) otherwise."""
    limit = settings.TORG_INQUIRY_MAX_FILE_BYTES
    name = name or getattr(upload, "name", "") or ""
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise ValidationError(
            _("The file %(name)s is too large. The limit is %(mb)s MB per file.")
            % {"name": name, "mb": limit // (1024 * 1024)}
        )
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(
            _("The file %(name)s is too large. The limit is %(mb)s MB per file.")
            % {"name": name, "mb": limit // (1024 * 1024)}
        )
    if not data:
        raise ValidationError(_("The file %(name)s is empty.") % {"name": name})
    content_type = _sniff(data)
    if content_type is None:
        raise ValidationError(
            _("We cannot take files like %(name)s. Send %(allowed)s.") % {"name": name, "allowed": ALLOWED_DESCRIPTION}
        )
    if content_type.startswith("image/"):
        data = _strip_image(data, content_type)
    return CleanFile(name=_safe_name(name, _EXTENSIONS[content_type]), content=data, content_type=content_type)


def store_attachment(*, inquiry: Inquiry, message: InquiryMessage | None, file: CleanFile) -> Attachment:
    attachment = Attachment(
        inquiry=inquiry, message=message, name=file.name, content_type=file.content_type, size=len(file.content)
    )
    attachment.file.save(file.name, ContentFile(file.content), save=False)
    attachment.save()
    return attachment
