"""Servicetorget's back office: the queue, the case page with its actions, registering an inquiry.

URLs are registered in ``wagtail_hooks/queue.py`` under /admin/servicetorget/.
"""

from .case import ACTION_URLS, attachment, case, case_action, unpublish
from .queue import queue_page
from .register import register

__all__ = ["ACTION_URLS", "attachment", "case", "case_action", "queue_page", "register", "unpublish"]
