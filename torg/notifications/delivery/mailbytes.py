"""E-mail for one delivery as SMTP-ready bytes, with the dispatch's part encoded once.

For 100,000 recipients of one message, building a Django ``EmailMessage`` per recipient
(MIME objects, header folding, encoding) cost more CPU than the SMTP exchange itself. The
headers every recipient shares (From, Subject) are folded and RFC 2047-encoded once per
dispatch by the standard library's SMTP policy; per recipient only the address, the
Message-ID, the unsubscribe links and the body's footer are added.

``message_bytes`` returns None when a message needs what only the full MIME machinery does
(a non-ASCII address, a body line over 998 octets): the caller then builds it with Django.
"""

from __future__ import annotations

import email.policy
from dataclasses import dataclass
from email.message import EmailMessage as StdlibMessage
from email.utils import formatdate

from django.conf import settings
from django.core.mail.message import sanitize_address

CRLF = "\r\n"
MAX_LINE_OCTETS = 998  # RFC 5322 § 2.1.1


def _crlf(text: str) -> str:
    """Line endings as SMTP wants them; the body ends with one."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.endswith("\n"):
        text += "\n"
    return text.replace("\n", CRLF)


@dataclass(frozen=True)
class MailTemplate:
    """What every recipient of one dispatch shares."""

    envelope_from: str
    head: str  # From and Subject, folded and encoded, each ending in CRLF
    body: str  # the dispatch's text with CRLF line endings
    body_ascii: bool
    body_fits: bool  # no line longer than SMTP allows


def mail_template(*, subject: str, body: str, from_email: str | None = None) -> MailTemplate:
    from_email = from_email or settings.DEFAULT_FROM_EMAIL
    shared = StdlibMessage(policy=email.policy.SMTP)
    shared["From"] = from_email
    shared["Subject"] = subject.replace("\n", " ").replace("\r", " ")
    head = shared.as_string().split(CRLF + CRLF, 1)[0] + CRLF
    text = _crlf(body)
    fits = all(len(line.encode("utf-8")) <= MAX_LINE_OCTETS for line in text.split(CRLF))
    return MailTemplate(
        envelope_from=sanitize_address(from_email, "utf-8"),
        head=head,
        body=text,
        body_ascii=text.isascii(),
        body_fits=fits,
    )


def message_bytes(
    template: MailTemplate,
    *,
    to: str,
    message_id: str,
    footer: str = "",
    extra_headers: dict[str, str] | None = None,
    date: str | None = None,
) -> bytes | None:
    """The whole message for one recipient, or None when it needs Django's MIME path."""
    if not template.body_fits or not to.isascii() or any(c in to for c in "\r\n<>,\"'() "):
        return None
    tail = _crlf(footer) if footer else ""
    if tail and any(len(line.encode("utf-8")) > MAX_LINE_OCTETS for line in tail.split(CRLF)):
        return None
    ascii_only = template.body_ascii and tail.isascii()
    lines = [
        template.head,
        f"To: {to}{CRLF}",
        f"Date: {date or formatdate(localtime=settings.EMAIL_USE_LOCALTIME)}{CRLF}",
        f"Message-ID: {message_id}{CRLF}",
    ]
    for name, value in (extra_headers or {}).items():
        if "\n" in value or "\r" in value or not value.isascii():
            return None
        lines.append(f"{name}: {value}{CRLF}")
    lines.append(
        f'MIME-Version: 1.0{CRLF}Content-Type: text/plain; charset="utf-8"{CRLF}'
        f"Content-Transfer-Encoding: {'7bit' if ascii_only else '8bit'}{CRLF}{CRLF}"
    )
    lines.append(template.body)
    lines.append(tail)
    return "".join(lines).encode("utf-8")
