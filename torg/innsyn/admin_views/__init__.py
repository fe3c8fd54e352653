"""Access requests in the back office (/admin/innsyn/): the queue, the case page with the
decision, the documents, the answer times, and the archive. Registered in ``torg/innsyn/wagtail_hooks.py``."""

from .archive import archive_page, archive_progress, archive_upload, held_text
from .case import answer_appeal, case, copy, decide, document
from .queue import queue_page
from .statistics import statistics_page

__all__ = [
    "answer_appeal",
    "archive_page",
    "archive_progress",
    "archive_upload",
    "case",
    "copy",
    "decide",
    "document",
    "held_text",
    "queue_page",
    "statistics_page",
]
