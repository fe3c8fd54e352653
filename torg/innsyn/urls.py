"""/innsyn/: the public journal, its search, and access requests."""

from django.urls import include, path

from . import feeds, views

app_name = "innsyn"

urlpatterns = [
    path("", views.search, name="search"),
    path("sak/<int:pk>/", views.case, name="case"),
    path("journalpost/<int:pk>/", views.entry, name="entry"),
    path("dokument/<int:pk>/", views.document_file, name="document"),
    path("dokument/<int:pk>/tekst/", views.document_html, name="document_html"),
    path("kriterium/", views.criteria, name="criteria"),
    path("feed.rss", feeds.rss, name="feed_rss"),
    path("feed.atom", feeds.atom, name="feed_atom"),
    path("korg/", views.basket, name="basket"),
    path("korg/legg-til/", views.basket_add, name="basket_add"),
    path("korg/fjern/", views.basket_remove, name="basket_remove"),
    path("korg/sendt/", views.receipt, name="receipt"),
    path("stadfest/<str:token>/", views.verify, name="verify"),
    path("klage/<str:token>/", views.appeal, name="appeal"),
    path("", include("torg.innsyn.handling.urls")),  # utlevering/<token>/: granted documents
]
