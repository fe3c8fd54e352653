"""/tilbakemeldingar/: include with path("tilbakemeldingar/", include("torg.inquiries.feedback_urls")).

No app namespace: the names are ``public_feedback`` and ``public_feedback_feed``.
The feed is atom.xml, not feed.atom, so that torg.urls' page_file pattern
(…/feed.atom for Wagtail pages) cannot catch it.
"""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.feedback_list, name="public_feedback"),
    path("atom.xml", views.PublicFeedbackFeed(), name="public_feedback_feed"),
]
