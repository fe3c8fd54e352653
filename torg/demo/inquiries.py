"""The demo municipality's Servicetorget: answer routines, canned answers, a service desk
and inquiries in every state (new, due soon, overdue, waiting, answered, public).

Made through the inquiry actions, then moved back in time (demo only), so the
queues, deadlines and statistics look like a few weeks of real work.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from torg.core.models import ServiceArea
from torg.inquiries import actions
from torg.inquiries.actions import Contact
from torg.inquiries.deadlines import add_working_days, end_of_day
from torg.inquiries.models import AnswerRoutine, CannedAnswer, Channel, Inquiry, Kind

SERVICE_DESK_GROUP = "Servicetorget"

ROUTINES = {
    # area slug (None: the municipality's default) -> {kind: working days}
    None: {Kind.QUESTION: 5, Kind.FEEDBACK: 10, Kind.COMPLAINT: 15, Kind.ERROR_REPORT: 3},
    "vatn-veg-og-renovasjon": {Kind.ERROR_REPORT: 2},
    "helse-og-omsorg": {Kind.QUESTION: 3},
}

CANNED = [
    (
        None,
        "Takk for tilbakemeldinga",
        "Takk for at du sa frå. Me har sendt saka vidare til dei som har ansvaret, og tek ho med når me "
        "planlegg arbeidet framover.",
    ),
    (
        "vatn-veg-og-renovasjon",
        "Hol i vegen er meldt",
        "Takk for meldinga. Vegavdelinga har fått ho og kjem til å sjå på holet innan to arbeidsdagar. "
        "Er det farleg no, ring vakttelefonen 12 34 56 99.",
    ),
    (
        "oppvekst",
        "Svar om barnehageplass",
        "Hovudopptaket har søknadsfrist 1. mars. Du får svar innan utgangen av april. Søker du etter fristen, "
        "får du plass når det blir ledig.",
    ),
]

# (area slug, kind, channel, title, text, contact, days ago, what happens, public)
INQUIRIES: list[tuple[str | None, str, str, str, str, Contact, int, str, bool]] = [
    ("vatn-veg-og-renovasjon", Kind.ERROR_REPORT, Channel.WEB, "Stort hol i Fjordvegen",
     "Det er eit djupt hol i vegen ved busshaldeplassen i Fjordvegen. Bilane svingar ut i motsett køyrefelt.",
     Contact("Per Haugen", "per.haugen@example.org"), 12, "answered", True),
    ("vatn-veg-og-renovasjon", Kind.ERROR_REPORT, Channel.OPEN311, "Gatelys ute",
     "Tre gatelys er mørke langs gangvegen frå skulen til idrettshallen.",
     Contact("", "", "+4791234567"), 9, "answered", True),
    ("vatn-veg-og-renovasjon", Kind.ERROR_REPORT, Channel.WEB, "Søppeldunken vart ikkje tømd",
     "Restavfallet vart ikkje henta i Bakkevegen 4 på tysdag.",
     Contact("Anne Lie", "anne.lie@example.org"), 2, "new", False),
    ("vatn-veg-og-renovasjon", Kind.QUESTION, Channel.PHONE, "Brunt vatn",
     "Ringde og spurde kvifor vatnet er brunt i Solbakken etter spylinga.",
     Contact("Olav Rød", "", "+4798765432"), 6, "overdue", False),
    ("oppvekst", Kind.QUESTION, Channel.EMAIL, "SFO i vinterferien",
     "Er SFO ope i vinterferien, og må eg melda på borna eigne dagar?",
     Contact("Lise Berg", "lise.berg@example.org"), 4, "waiting", False),
    ("oppvekst", Kind.COMPLAINT, Channel.WEB, "Klage på skuleskyss",
     "Dottera mi fekk ikkje skuleskyss sjølv om vegen er farleg. Eg klagar på vedtaket.",
     Contact("Kjell Moe", "kjell.moe@example.org"), 33, "preliminary", False),
    ("oppvekst", Kind.FEEDBACK, Channel.SOCIAL, "Ros til helsestasjonen",
     "Frå Facebook: Tusen takk til helsestasjonen for god hjelp med amminga!",
     Contact(), 15, "closed", True),
    ("helse-og-omsorg", Kind.QUESTION, Channel.WEB, "Tryggleiksalarm til mor",
     "Korleis søkjer eg om tryggleiksalarm til mor mi, som bur åleine?",
     Contact("Siri Vik", "siri.vik@example.org"), 1, "due_soon", False),
    ("helse-og-omsorg", Kind.QUESTION, Channel.COUNTER, "Parkering ved legekontoret",
     "Kom innom skranken og spurde om det finst HC-parkering ved legekontoret.",
     Contact("Nils Aas", "nils.aas@example.org"), 8, "answered", False),
    ("kultur-og-fritid", Kind.FEEDBACK, Channel.WEB, "Lengre opningstid på biblioteket",
     "Kunne biblioteket vore ope til klokka 20 på torsdagar? Mange av oss jobbar til 17.",
     Contact(), 20, "closed", True),
    ("kultur-og-fritid", Kind.QUESTION, Channel.WEB, "Leige Fjordsalen",
     "Kva kostar det å leige Fjordsalen til ein konsert ein laurdag i mars?",
     Contact("Kor Fjordtonar", "post@fjordtonar.example.org"), 3, "in_progress", False),
    (None, Kind.QUESTION, Channel.EMAIL, "Kven tek meg?",
     "Eg veit ikkje kven eg skal spørja: naboen har sett opp ein garasje tett inntil tomtegrensa.",
     Contact("Berit Lunde", "berit.lunde@example.org"), 1, "new", False),
]  # fmt: skip

ANSWERS = {
    "answered": "Takk for meldinga. Me har sett på saka, og ho er no ordna.",
    "closed": "Takk! Me har teke dette med i planlegginga.",
}
PUBLIC_ACTIONS = {
    "Stort hol i Fjordvegen": "Holet vart lappa med kaldasfalt dagen etter. Vegen blir asfaltert på nytt i vår.",
    "Gatelys ute": "Elektrikaren skifte ein defekt kabel. Lysa er på igjen.",
    "Ros til helsestasjonen": "Me har sendt helsinga vidare til dei tilsette.",
    "Lengre opningstid på biblioteket": "Frå januar er biblioteket ope til 20 på torsdagar, som ei prøveordning.",
}


def service_desk_group() -> Group:
    """The service desk (Servicetorget): back-office access and every area's inquiries."""
    group, _ = Group.objects.get_or_create(name=SERVICE_DESK_GROUP)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(content_type__app_label="inquiries", codename="handle_all_inquiries"),
    )
    return group


def create_demo_inquiries(areas: dict[str, ServiceArea], desk: AbstractBaseUser) -> int:
    for slug, routine in ROUTINES.items():
        for routine_kind, days in routine.items():
            AnswerRoutine.objects.update_or_create(
                area=areas[slug] if slug else None, kind=routine_kind, defaults={"working_days": days}
            )
    for slug, title, body in CANNED:
        CannedAnswer.objects.get_or_create(title=title, defaults={"body": body, "area": areas.get(slug or "")})
    now = timezone.now()
    for slug, kind, channel, title, text, contact, days_ago, state, public in INQUIRIES:
        received = now - datetime.timedelta(days=days_ago, hours=3)
        inquiry = actions.submit_inquiry(
            kind=kind,
            text=text,
            title=title,
            channel=channel,
            contact=contact,
            area=areas[slug] if slug else None,
            wants_public=public,
            about_enkeltvedtak=state == "preliminary",
            registered_by=desk if channel in (Channel.PHONE, Channel.COUNTER, Channel.SOCIAL) else None,
            received_at=received,
        ).inquiry
        _play(inquiry, state, desk, received)
        if public and inquiry.wants_public:
            actions.publish_feedback(
                inquiry=inquiry, actor=desk, public_title=title, public_text=text,
                public_action=PUBLIC_ACTIONS.get(title, ""),
            )  # fmt: skip
    return len(INQUIRIES)


def _play(inquiry: Inquiry, state: str, desk: Any, received: datetime.datetime) -> None:
    """Bring ``inquiry`` to ``state`` as staff would have, then date what happened back in time."""
    if state == "due_soon":
        Inquiry.objects.filter(pk=inquiry.pk).update(
            due_at=end_of_day(add_working_days(timezone.localdate(), 1))
        )  # fmt: skip
    elif state == "waiting":
        actions.ask_resident(inquiry=inquiry, actor=desk, text="Gjeld det SFO ved Fjordvik skule eller Strand skule?")
    elif state == "in_progress":
        actions.assign_inquiry(inquiry=inquiry, actor=desk, handler=desk)
    elif state == "preliminary":
        actions.send_preliminary_answer(
            inquiry=inquiry,
            actor=desk,
            text="Klaga di er komen fram. Me må henta ei vurdering av trafikktryggleiken frå politiet før me kan "
            "avgjera saka.",
            expected_by=timezone.localdate() + datetime.timedelta(days=21),
        )
    elif state in ANSWERS:
        answered_at = received + datetime.timedelta(days=2, hours=4)
        actions.answer_inquiry(inquiry=inquiry, actor=desk, text=ANSWERS[state], close=state == "closed")
        Inquiry.objects.filter(pk=inquiry.pk).update(
            answered_at=answered_at, closed_at=answered_at if state == "closed" else None
        )
        inquiry.messages.filter(kind="svar").update(created_at=answered_at)
