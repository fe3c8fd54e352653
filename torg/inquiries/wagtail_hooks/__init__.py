"""Servicetorget in the back office: the queues and case view, and the statistics."""

from . import queue, statistics  # noqa: F401
