"""Public page types. Split by concept; import from here."""

from .events import EventIndexPage, EventPage
from .news import NewsIndexPage, NewsPage
from .pages import AccessibilityStatementPage, ArticlePage, ContactPage, HomePage
from .services import ServiceAreaPage, ServiceIndexPage, ServicePage

__all__ = [
    "AccessibilityStatementPage",
    "ArticlePage",
    "ContactPage",
    "EventIndexPage",
    "EventPage",
    "HomePage",
    "NewsIndexPage",
    "NewsPage",
    "ServiceAreaPage",
    "ServiceIndexPage",
    "ServicePage",
]
