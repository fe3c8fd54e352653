"""The crisis banner on every public page and the crisis page in place of the front page, with the page cache on."""

from __future__ import annotations

from typing import Any

import pytest

from torg.alerts.actions import cancel_alert, publish_alert, update_alert
from torg.alerts.models import Severity, Status
from torg.pagecache.tests.conftest import wsgi_call
from torg.web.tests.factories import NewsPageFactory

from .factories import CrisisMessageFactory

BANNER = 'class="ds-alert torg-crisis-banner"'


@pytest.fixture
def news_url(site_tree: Any) -> str:
    NewsPageFactory.create(parent=site_tree.news, title="Ny leikeplass", slug="ny-leikeplass")
    return "/nyheiter/ny-leikeplass/"


def body(app: Any, path: str) -> str:
    response = wsgi_call(app, path)
    assert response.status.startswith("200"), (path, response.status)
    return response.body.decode()


def test_the_banner_shows_on_every_kind_of_page_at_once_and_goes_with_the_all_clear(
    cached_site, news_url, mayor, django_capture_on_commit_callbacks
):
    paths = ["/", "/nyheiter/", news_url, "/tenester/", "/servicetorget/", "/varsel/"]
    for path in paths:
        assert BANNER not in body(cached_site, path)
    assert wsgi_call(cached_site, "/").cache == "hit"  # the front page without a banner is cached
    message = CrisisMessageFactory.create(replace_front_page=False)

    with django_capture_on_commit_callbacks(execute=True):
        publish_alert(message=message, actor=mayor)

    for path in paths:
        html = body(cached_site, path)
        assert BANNER in html, path
        assert message.headline in html
        assert f'href="/varsel/{message.pk}/"' in html
        assert html.index("ds-skip-link") < html.index(BANNER) < html.index('<header class="torg-header">')

    with django_capture_on_commit_callbacks(execute=True):
        update_alert(message=message, actor=mayor, headline="Flaumen veks: bruk omkøyring")
    assert "Flaumen veks: bruk omkøyring" in body(cached_site, news_url)

    with django_capture_on_commit_callbacks(execute=True):
        cancel_alert(message=message, actor=mayor)

    for path in paths:
        assert BANNER not in body(cached_site, path), path


def test_the_banner_is_a_labelled_region_styled_by_severity_not_an_alert_role(cached_site, mayor):
    message = CrisisMessageFactory.create(severity=Severity.MODERATE)
    publish_alert(message=message, actor=mayor)

    html = body(cached_site, "/tenester/")

    banner = html[html.index(BANNER) - 10 : html.index("</section>", html.index(BANNER))]
    assert banner.startswith("<section ") or "<section " in banner
    assert 'data-color="warning"' in banner
    assert f'aria-labelledby="crisis-banner-{message.pk}"' in banner
    assert f'<h2 id="crisis-banner-{message.pk}"' in banner
    assert 'role="alert"' not in banner
    assert message.instruction in banner


def test_a_drill_is_not_shown_to_the_public(cached_site, mayor, client):
    drill = CrisisMessageFactory.create(status=Status.EXERCISE, replace_front_page=True, headline="Øving: flaum")
    publish_alert(message=drill, actor=mayor)

    for path in ("/", "/tenester/", "/servicetorget/", "/varsel/"):
        html = body(cached_site, path)
        assert BANNER not in html
        assert "Øving: flaum" not in html
    assert "Øving: flaum" not in client.get("/varsel/cap/feed.xml").content.decode()


def test_the_crisis_page_replaces_the_front_page_while_the_crisis_lasts(
    cached_site, mayor, django_capture_on_commit_callbacks
):
    normal_front_page = body(cached_site, "/")
    assert wsgi_call(cached_site, "/").cache == "hit"
    message = CrisisMessageFactory.create(replace_front_page=True)

    with django_capture_on_commit_callbacks(execute=True):
        publish_alert(message=message, actor=mayor)

    crisis_page = body(cached_site, "/")
    assert crisis_page != normal_front_page
    assert f'<h1 class="ds-heading" data-size="xl">{message.headline}</h1>' in crisis_page
    assert message.instruction in crisis_page
    assert message.contact in crisis_page
    assert f'href="/varsel/{message.pk}/"' in crisis_page
    assert 'href="/tenester/"' in crisis_page
    assert BANNER not in crisis_page  # the page itself is the message
    assert f"{message.headline}</h1>" not in body(cached_site, "/tenester/")  # other pages keep their own

    with django_capture_on_commit_callbacks(execute=True):
        cancel_alert(message=message, actor=mayor)

    assert f"{message.headline}</h1>" not in body(cached_site, "/")


def test_without_the_choice_the_front_page_stays_and_shows_the_banner(cached_site, mayor):
    message = CrisisMessageFactory.create(replace_front_page=False)
    publish_alert(message=message, actor=mayor)

    html = body(cached_site, "/")

    assert BANNER in html
    assert f"{message.headline}</h1>" not in html
