"""Access requests in the back office (/admin/innsyn/): the queue, the case page with the
decision, the documents, and the answer times. Registered in ``torg/innsyn/wagtail_hooks.py``."""

from .case import answer_appeal, case, copy, decide, document
from .queue import queue_page
from .statistics import statistics_page

__all__ = ["answer_appeal", "case", "copy", "decide", "document", "queue_page", "statistics_page"]
