"""Mail from the e-mail provider's inbound webhook (Anymail) becomes an inquiry or a reply.

Connected when ``InquiriesConfig.ready()`` imports this module. The receiver only hands
the message on to ``inbound.receive_email()``; an exception there makes the webhook
answer 5xx, so the provider delivers the mail again instead of it being lost.
"""

from __future__ import annotations

import logging
from typing import Any

from anymail.signals import AnymailInboundEvent, inbound
from django.dispatch import receiver

from .inbound import receive_email

logger = logging.getLogger(__name__)


@receiver(inbound, dispatch_uid="torg.inquiries.receive_inbound_email")
def receive_inbound_email(sender: Any, event: AnymailInboundEvent, esp_name: str, **kwargs: Any) -> None:
    if event.message is None:  # pragma: no cover - Anymail always parses a message for inbound events
        logger.warning("Inbound webhook from %s carried no message.", esp_name)
        return
    result = receive_email(event.message)
    logger.info("Inbound e-mail through %s: %s", esp_name, result)
