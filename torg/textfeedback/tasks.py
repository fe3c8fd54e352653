from __future__ import annotations

from django_tasks import task

from . import actions


@task()
def delete_old_text_feedback_comments() -> int:
    return actions.delete_old_comments()
