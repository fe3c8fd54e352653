"""Public pages of the journal (/innsyn/): search, case, entry, documents, criteria, basket and request."""

from .appeal import appeal
from .basket import basket, basket_add, basket_remove, receipt, verify
from .journal import case, criteria, document_file, document_html, entry, search

__all__ = [
    "appeal",
    "basket",
    "basket_add",
    "basket_remove",
    "case",
    "criteria",
    "document_file",
    "document_html",
    "entry",
    "receipt",
    "search",
    "verify",
]
