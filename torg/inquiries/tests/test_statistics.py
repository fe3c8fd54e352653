"""Svartid i Servicetorget: leaders see answer times against the deadline, as charts, tables and CSV."""

from __future__ import annotations

import csv
import datetime
import io
import sys
import types
import zoneinfo
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, include, path, reverse
from django.utils.translation import gettext

from torg.core.roles import Role
from torg.inquiries.actions import answer_inquiry, send_preliminary_answer
from torg.inquiries.models import Channel, Inquiry, Kind
from torg.inquiries.statistics import NO_AREA_LABEL, Period, Scope, build_report
from torg.inquiries.tests.factories import make_inquiry

WEB, PHONE, EMAIL = (str(channel.label) for channel in (Channel.WEB, Channel.PHONE, Channel.EMAIL))
OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
URL = "/admin/servicetorget/statistikk/"
CSV_URL = "/admin/servicetorget/statistikk.csv"
ALL = Scope(all_areas=True)


# Until torg/urls.py includes the public Servicetorget pages, the resident's link in the receipt
# needs the "inquiries" namespace: these tests then run with a stand-in for it.
urlpatterns = [
    path("servicetorget/<str:reference>/", lambda request, reference: HttpResponse(), name="follow"),
]


@pytest.fixture(autouse=True)
def _resident_links(settings: Any) -> None:
    try:
        reverse("inquiries:follow", args=["ST-234567"])
    except NoReverseMatch:
        import torg.urls

        module = types.ModuleType("torg_statistics_test_urls")
        module.urlpatterns = [path("", include((urlpatterns, "inquiries"))), *torg.urls.urlpatterns]  # type: ignore[attr-defined]
        sys.modules[module.__name__] = module
        settings.ROOT_URLCONF = module.__name__


def at(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    """A moment in March 2026 (2 March is a Monday, ISO week 10)."""
    return datetime.datetime(2026, 3, day, hour, minute, tzinfo=OSLO)


def received(area: Any, when: datetime.datetime, **fields: Any) -> Inquiry:
    with time_machine.travel(when, tick=False):
        return make_inquiry(area=area, received_at=when, **fields)


def answered(inquiry: Inquiry, actor: Any, when: datetime.datetime) -> None:
    with time_machine.travel(when, tick=False):
        answer_inquiry(inquiry=inquiry, actor=actor, text="Vegen blir brøyta i dag.")


@pytest.fixture
def today() -> Iterator[None]:
    """Friday 20 March 2026 at noon."""
    with time_machine.travel(at(20, 12), tick=False):
        yield


@pytest.fixture
def chief(user_with_role: Any) -> Any:
    return user_with_role(Role.KOMMUNIKASJONSSJEF, email="sjef@kommune.example")


@pytest.fixture
def march(site_tree: Any, chief: Any, today: None) -> dict[str, Inquiry]:
    """Questions (5 working days to answer) to area A and B in March 2026."""
    a, b = site_tree.area_a, site_tree.area_b
    inquiries = {
        "a_quick": received(a, at(2, 10)),  # Monday, answered Wednesday: 2 working days
        "a_weekend": received(a, at(6, 15)),  # Friday, answered Monday: 1 working day
        "a_late": received(a, at(2, 9)),  # due Monday 9 March, answered Tuesday 10 March
        "a_open": received(a, at(9, 10), channel=Channel.PHONE, phone="+4791234567"),  # due 16 March
        "b_same_day": received(b, at(12, 10), channel=Channel.EMAIL),
        "b_open": received(b, at(19, 10)),  # due 26 March
    }
    answered(inquiries["a_quick"], chief, at(4, 10))
    answered(inquiries["a_weekend"], chief, at(9, 9))
    answered(inquiries["a_late"], chief, at(10, 12))
    answered(inquiries["b_same_day"], chief, at(12, 14))
    with time_machine.travel(at(13, 10), tick=False):
        send_preliminary_answer(
            inquiry=inquiries["a_open"], actor=chief, text="Svaret kjem innan 20. mars.", expected_by=at(20, 0).date()
        )
    return inquiries


def _figures(rows: list[Any], label: str) -> Any:
    return next(row for row in rows if row.label == label)


# --- The figures --------------------------------------------------------------


def test_answers_in_time_and_late_are_counted_per_service_area(march: Any) -> None:
    report = build_report(scope=ALL, period=Period.from_preset("90"))

    helse = _figures(report.areas, "Helse og omsorg")
    assert (helse.received, helse.answered, helse.in_time, helse.late) == (4, 3, 2, 1)
    assert helse.share_in_time == 66.7
    assert (helse.open_now, helse.overdue_now, helse.preliminary) == (1, 1, 1)
    # Working days 2, 1 and 6; hours 48, 66 and 195.
    assert (helse.median_days, helse.median_hours) == (2, 66)
    assert helse.p90_days == 5.2  # between 2 and 6, as a spreadsheet's PERCENTILE gives
    oppvekst = _figures(report.areas, "Oppvekst")
    assert (oppvekst.received, oppvekst.answered, oppvekst.in_time, oppvekst.late) == (2, 1, 1, 0)
    assert (oppvekst.share_in_time, oppvekst.open_now, oppvekst.overdue_now) == (100, 1, 0)
    assert (oppvekst.median_days, oppvekst.median_hours) == (0, 4)


def test_an_answer_on_monday_to_a_question_from_friday_took_one_working_day(
    site_tree: Any, chief: Any, today: None
) -> None:
    inquiry = received(site_tree.area_a, at(13, 15))  # Friday afternoon
    answered(inquiry, chief, at(16, 9))  # Monday morning

    total = build_report(scope=ALL, period=Period.from_preset("30")).total

    assert (total.median_days, total.median_hours) == (1, 66)
    assert (total.in_time, total.share_in_time) == (1, 100)


def test_channels_and_the_whole_municipality_have_their_own_figures(march: Any) -> None:
    report = build_report(scope=ALL, period=Period.from_preset("90"))

    web = _figures(report.channels, WEB)
    phone = _figures(report.channels, PHONE)
    email = _figures(report.channels, EMAIL)
    assert (web.received, web.answered, web.in_time) == (4, 3, 2)
    assert (phone.received, phone.answered, phone.overdue_now) == (1, 0, 1)
    assert phone.share_in_time is None
    assert (email.received, email.in_time, email.share_in_time) == (1, 1, 100)
    total = report.total
    assert (total.received, total.answered, total.in_time, total.late, total.open_now) == (6, 4, 3, 1, 2)
    assert total.share_in_time == 75


def test_the_week_series_counts_received_and_answered_in_time_by_the_week_received(march: Any) -> None:
    report = build_report(scope=ALL, period=Period(datetime.date(2026, 2, 23), datetime.date(2026, 3, 20)))

    assert [(w.week, w.received, w.answered, w.in_time) for w in report.weeks] == [
        (9, 0, 0, 0),
        (10, 3, 3, 2),
        (11, 2, 1, 1),
        (12, 1, 0, 0),
    ]


def test_inquiries_received_outside_the_period_are_not_counted(march: Any) -> None:
    report = build_report(scope=ALL, period=Period(datetime.date(2026, 3, 9), datetime.date(2026, 3, 12)))

    assert report.total.received == 2  # a_open on the 9th and b_same_day on the 12th


def test_the_figures_take_a_few_queries_however_many_inquiries(
    site_tree: Any, chief: Any, today: None, django_assert_max_num_queries: Any
) -> None:
    for day in range(2, 14):
        inquiry = received(site_tree.area_a if day % 2 else site_tree.area_b, at(day, 10))
        answered(inquiry, chief, at(day, 15))

    with django_assert_max_num_queries(4):
        report = build_report(scope=ALL, period=Period.from_preset("90"))

    assert report.total.received == 12


def test_inquiries_not_yet_routed_to_an_area_have_their_own_row(site_tree: Any, chief: Any, today: None) -> None:
    received(None, at(16, 10))

    report = build_report(scope=ALL, period=Period.from_preset("30"))

    assert [(row.label, row.received) for row in report.areas] == [
        ("Helse og omsorg", 0),
        ("Oppvekst", 0),
        (str(NO_AREA_LABEL), 1),
    ]
    assert (
        build_report(
            scope=Scope(all_areas=False, area_ids=frozenset({site_tree.area_a.pk})), period=Period.from_preset("30")
        ).total.received
        == 0
    )


def test_the_page_takes_as_many_queries_for_many_inquiries_as_for_few(
    site_tree: Any, chief: Any, today: None, admin_client_for: Any
) -> None:
    client = admin_client_for(chief)
    counts = []
    for day in (2, 3, 4, 5, 6, 9, 10, 11, 12, 13):
        inquiry = received(site_tree.area_a if day % 2 else site_tree.area_b, at(day, 10))
        answered(inquiry, chief, at(day, 15))
        if day in (3, 13):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(URL).status_code == 200
            counts.append(len(queries))

    assert counts[0] == counts[1]


# --- Who may see it -----------------------------------------------------------


@pytest.mark.parametrize("role", [Role.RADMANN, Role.ORDFORAR, Role.KOMMUNIKASJONSSJEF])
def test_the_municipal_leaders_see_every_service_area(
    march: Any, role: Role, user_with_role: Any, admin_client_for: Any
) -> None:
    response = admin_client_for(user_with_role(role)).get(URL)

    assert response.status_code == 200
    rows = _table_rows(response, "torg-table-areas")
    assert [row["label"] for row in rows] == ["Helse og omsorg", "Oppvekst", rows[-1]["label"]]
    assert rows[-1]["received"] == "6"


def test_a_kommunalsjef_sees_only_the_own_service_area(
    march: Any, site_tree: Any, user_with_role: Any, admin_client_for: Any
) -> None:
    client = admin_client_for(user_with_role(Role.KOMMUNALSJEF, site_tree.area_a))

    response = client.get(URL)
    other = client.get(URL, {"area": site_tree.area_b.pk})
    exported = _csv(client.get(CSV_URL, {"rows": "inquiries"}))

    assert [row["label"] for row in _table_rows(response, "torg-table-areas")] == ["Helse og omsorg"]
    assert "Oppvekst" not in response.content.decode()
    assert other.status_code == 200
    assert "Oppvekst" not in other.content.decode()  # the choice is refused, not shown
    assert {row[1] for row in exported[1:]} == {"Helse og omsorg"}
    assert client.get(CSV_URL, {"area": site_tree.area_b.pk}).status_code == 400


def test_a_tenesteleiar_sees_the_own_service_area(
    march: Any, site_tree: Any, user_with_role: Any, admin_client_for: Any
) -> None:
    response = admin_client_for(user_with_role(Role.TENESTELEIAR, site_tree.area_b)).get(URL)

    assert [row["label"] for row in _table_rows(response, "torg-table-areas")] == ["Oppvekst"]


def test_staff_without_a_leader_role_are_refused(
    march: Any, site_tree: Any, user_with_role: Any, admin_client_for: Any
) -> None:
    client = admin_client_for(user_with_role(Role.WEBKONTAKT, site_tree.area_a))

    assert client.get(URL).status_code == 403
    assert client.get(CSV_URL).status_code == 403


def test_a_user_with_no_role_gets_no_figures(march: Any, admin_client_for: Any) -> None:
    from torg.core.tests.factories import UserFactory

    response = admin_client_for(UserFactory.create()).get(CSV_URL)

    assert response.status_code in (302, 403)
    assert not response.has_header("Content-Disposition")


def test_the_reports_menu_links_to_the_page_for_leaders_only(
    site_tree: Any, user_with_role: Any, admin_client_for: Any
) -> None:
    leader = admin_client_for(user_with_role(Role.KOMMUNALSJEF, site_tree.area_a)).get("/admin/")
    editor = admin_client_for(user_with_role(Role.WEBKONTAKT, site_tree.area_a)).get("/admin/")

    assert URL in leader.content.decode()
    assert URL not in editor.content.decode()


# --- The page -----------------------------------------------------------------


def _table_rows(response: Any, table_id: str) -> list[dict[str, str]]:
    table: Any = BeautifulSoup(response.content, "html.parser").find(id=table_id)
    assert table is not None, table_id
    rows: list[dict[str, str]] = []
    for tr in table.select("tbody tr, tfoot tr"):
        row = {str(td["data-figure"]): td.get_text(strip=True) for td in tr.find_all("td")}
        row["label"] = tr.th.get_text(strip=True)
        rows.append(row)
    return rows


def test_every_chart_has_a_table_with_the_same_numbers(march: Any, chief: Any, admin_client_for: Any) -> None:
    response = admin_client_for(chief).get(URL)

    soup = BeautifulSoup(response.content, "html.parser")
    charts = soup.select("figure.torg-chart svg")
    assert len(charts) == 3
    assert all(svg["role"] == "img" and svg["aria-label"] for svg in charts)
    area_chart = charts[0]
    bar_values = [text.get_text() for text in area_chart.select("text.torg-chart__value")]
    table = _table_rows(response, "torg-table-areas")
    assert bar_values == ["66,7 %", "100 %"]
    assert [row["share_in_time"] for row in table[:2]] == bar_values
    assert table[0] | {"label": ""} == {
        "label": "",
        "received": "4",
        "answered": "3",
        "in_time": "2",
        "late": "1",
        "share_in_time": "66,7 %",
        "open_now": "1",
        "overdue_now": "1",
        "median_days": "2",
        "p90_days": "5,2",
        "median_hours": "66",
        "p90_hours": "169,2",
        "preliminary": "1",
    }
    assert "66,7 %" in area_chart["aria-label"]
    weeks = {row["label"]: row for row in _table_rows(response, "torg-table-weeks")}
    week_10 = next(row for label, row in weeks.items() if "10" in label)
    assert (week_10["received"], week_10["in_time"]) == ("3", "2")


def test_the_svg_has_no_inline_style_and_numbers_with_a_decimal_point(
    march: Any, chief: Any, admin_client_for: Any
) -> None:
    soup = BeautifulSoup(admin_client_for(chief).get(URL).content, "html.parser")

    for svg in soup.select("figure.torg-chart svg"):
        assert not svg.select("[style]")
        assert all("," not in rect["width"] for rect in svg.select("rect"))
        assert "," not in svg["viewbox"]  # html.parser lowers the names


def test_a_preset_and_an_area_narrow_the_figures(march: Any, site_tree: Any, chief: Any, admin_client_for: Any) -> None:
    client = admin_client_for(chief)

    response = client.get(URL, {"period": "30", "area": site_tree.area_b.pk})

    rows = _table_rows(response, "torg-table-areas")
    assert [(row["label"], row["received"]) for row in rows] == [("Oppvekst", "2")]
    soup: Any = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one('a[aria-current="true"]')["href"] == f"?period=30&area={site_tree.area_b.pk}"
    assert soup.find("input", attrs={"name": "start"})["value"] == "2026-02-19"


def test_wrong_dates_are_explained_and_the_default_figures_shown(march: Any, chief: Any, admin_client_for: Any) -> None:
    client = admin_client_for(chief)

    backwards = client.get(URL, {"start": "2026-03-10", "end": "2026-03-01"})
    nonsense = client.get(URL, {"start": "tysdag", "area": "x", "period": "i fjor"})
    far_away = client.get(URL, {"start": "0001-01-01", "end": "9999-12-31"})

    for response in (backwards, nonsense, far_away):
        assert response.status_code == 200
        assert BeautifulSoup(response.content, "html.parser").select(".help-critical, .error-message")
        assert _table_rows(response, "torg-table-areas")[-1]["received"] == "6"
    assert client.get(CSV_URL, {"start": "2026-03-10", "end": "2026-03-01"}).status_code == 400


def test_chosen_dates_give_the_figures_of_those_days(march: Any, chief: Any, admin_client_for: Any) -> None:
    response = admin_client_for(chief).get(URL, {"start": "2026-03-09", "end": "2026-03-12"})

    assert _table_rows(response, "torg-table-areas")[-1]["received"] == "2"


# --- CSV ----------------------------------------------------------------------


def _csv(response: Any) -> list[list[str]]:
    content = b"".join(response.streaming_content)
    assert content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def test_the_csv_has_one_row_per_area_and_channel_for_excel(march: Any, chief: Any, admin_client_for: Any) -> None:
    response = admin_client_for(chief).get(CSV_URL, {"start": "2026-03-01", "end": "2026-03-20"})

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="servicetorget-svartid-2026-03-01-2026-03-20.csv"'
    rows = _csv(response)
    header, *cells, total = rows
    assert len(header) == 14
    assert all(len(row) == 14 for row in rows)
    assert [row[:6] for row in cells] == [
        ["Helse og omsorg", WEB, "3", "3", "2", "1"],
        ["Helse og omsorg", PHONE, "1", "0", "0", "0"],
        ["Oppvekst", WEB, "1", "0", "0", "0"],
        ["Oppvekst", EMAIL, "1", "1", "1", "0"],
    ]
    assert cells[0][6] == "66,7"  # decimal comma for Norwegian Excel
    assert total[2:6] == ["6", "4", "3", "1"]


def test_the_csv_per_inquiry_has_dates_and_no_personal_data(march: Any, chief: Any, admin_client_for: Any) -> None:
    response = admin_client_for(chief).get(CSV_URL, {"rows": "inquiries", "period": "30"})

    assert response["Content-Disposition"].startswith('attachment; filename="servicetorget-saker-2026-02-19-2026-03-20')
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "@" not in content
    assert "+4791234567" not in content
    assert "Kari" not in content and "brøyta" not in content
    header, *rows = list(csv.reader(io.StringIO(content), delimiter=";"))
    assert len(header) == 11
    by_reference = {row[0]: row for row in rows}
    assert set(by_reference) == {inquiry.reference for inquiry in march.values()}
    late = by_reference[march["a_late"].reference]
    assert late[1:4] == ["Helse og omsorg", str(Kind.QUESTION.label), WEB]
    assert late[5:8] == ["2026-03-02 09:00", "2026-03-09 23:59", "2026-03-10 12:00"]
    assert late[9:] == [gettext("no"), "6"]
    weekend = by_reference[march["a_weekend"].reference]
    assert weekend[9:] == [gettext("yes"), "1"]
    still_open = by_reference[march["b_open"].reference]
    assert still_open[7:] == ["", "", "", ""]
