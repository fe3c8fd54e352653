"""Every write of the subscriptions app (see the modules for details); import from here."""

from .announce import announce_crisis, announce_page, due_moment, personalise, send_digests
from .areas import recompute_areas
from .subscribers import (
    add_push_subscription,
    confirm_email,
    confirm_phone,
    resend_confirmation,
    start_subscription,
    unsubscribe,
    unsubscribe_by_sms,
    update_preferences,
)
from .upkeep import delete_unconfirmed_subscribers, note_delivery_failure

__all__ = [
    "add_push_subscription",
    "announce_crisis",
    "announce_page",
    "confirm_email",
    "confirm_phone",
    "delete_unconfirmed_subscribers",
    "due_moment",
    "note_delivery_failure",
    "personalise",
    "recompute_areas",
    "resend_confirmation",
    "send_digests",
    "start_subscription",
    "unsubscribe",
    "unsubscribe_by_sms",
    "update_preferences",
]
