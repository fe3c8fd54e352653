"""The words of messages to subscribers (confirmation, manage link, paused channel), in the site's language."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from torg.core.queries import municipality


@dataclass(frozen=True)
class Text:
    subject: str
    body: str


def site_name() -> str:
    return str(municipality().name or "Torg")


def confirm_email(*, url: str, hours: int) -> Text:
    return Text(
        subject=_("Confirm your subscription from %(site)s") % {"site": site_name()},
        body=_(
            "Hello,\n\n"
            "Someone, hopefully you, asked to get news from %(site)s by e-mail. "
            "Confirm it by opening this link within %(hours)s hours:\n\n"
            "%(url)s\n\n"
            "If it was not you, ignore this e-mail. We will send you nothing more and delete the address."
        )
        % {"site": site_name(), "hours": hours, "url": url},
    )


def confirm_sms(*, code: str, minutes: int) -> str:
    return _(
        "%(code)s is your code to confirm the subscription from %(site)s. It is valid for %(minutes)s minutes."
    ) % {
        "code": code,
        "site": site_name(),
        "minutes": minutes,
    }


def manage_email(*, url: str) -> Text:
    return Text(
        subject=_("Your subscription from %(site)s") % {"site": site_name()},
        body=_(
            "Hello,\n\n"
            "Someone asked to subscribe with this e-mail address, but it already has a subscription. "
            "You can change or end your subscription here:\n\n"
            "%(url)s\n\n"
            "If it was not you, you can ignore this e-mail."
        )
        % {"url": url},
    )


def manage_sms(*, url: str) -> str:
    return _("This number already has a subscription from %(site)s. Change or end it here: %(url)s") % {
        "site": site_name(),
        "url": url,
    }


def paused_email(*, channel_label: str, url: str) -> Text:
    return Text(
        subject=_("We have paused your %(channel)s messages") % {"channel": channel_label},
        body=_(
            "Hello,\n\n"
            "Our messages by %(channel)s to you could not be delivered several times, "
            "so we have stopped sending them. You still get messages by e-mail.\n\n"
            "To start them again, check the address or number and save your choices here:\n\n"
            "%(url)s"
        )
        % {"channel": channel_label, "url": url},
    )
