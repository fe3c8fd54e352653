"""The residents' subscription pages (/abonnement/) and the machine endpoints beside them."""

from .hooks import push, service_worker, sms_inbound
from .manage import confirm, manage, unsubscribe
from .signup import code, subscribe

__all__ = ["code", "confirm", "manage", "push", "service_worker", "sms_inbound", "subscribe", "unsubscribe"]
