"""Mi sak's pages (/mi-side/)."""

from .inbox import index, item
from .login import email_login, idporten_callback, idporten_start, link, link_sent, logout

__all__ = ["email_login", "idporten_callback", "idporten_start", "index", "item", "link", "link_sent", "logout"]
