"""A writer in the page editor sees clear-language findings, applies a suggestion, and is asked before
publishing a text above the LIX limit."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import LiveSite, screenshot, sign_in

pytestmark = pytest.mark.browser

HARD_INTRO = (
    "Kommuneadministrasjonen gjennomfører saksbehandlingsprosessen vedrørande tilrettelegging av "
    "tenestetilbodet i samsvar med gjeldande regelverksendringar, organisasjonsutviklingstiltak og "
    "økonomiplanleggingsprosessar, samt kvalitetssikringsrutinar for dokumentasjonsforvaltning og "
    "informasjonstryggleik i heile kommuneorganisasjonen utan unntak for nokon einingar eller avdelingar."
)


def test_writer_sees_findings_applies_a_suggestion_and_confirms_publishing_a_hard_text(
    live_site: LiveSite, new_page: Any
) -> None:
    page = new_page()
    sign_in(page, live_site, "kommsjef")
    page.goto(live_site(f"/admin/pages/add/web/servicepage/{live_site.pages['service_area_id']}/"))
    page.fill("#id_title", "Heimehjelp")
    page.fill("#id_intro", "Du kan søkja om heimehjelp, samt tryggleiksalarm.")

    apply = page.locator("button", has_text="Bruk «og»")
    apply.wait_for(timeout=60_000)  # the first check starts the language tools
    assert "samt" in page.locator(".torg-klarsprak").inner_text()
    screenshot(page, "klarsprak-editor-findings")
    apply.click()
    assert page.input_value("#id_intro") == "Du kan søkja om heimehjelp, og tryggleiksalarm."

    # In a rich text editor, on its second paragraph: marked in place, and the suggestion applies there.
    rich = page.locator('.Draftail-Editor [contenteditable="true"]').first
    rich.click()
    page.keyboard.type("Tenesta er for deg som bur heime.")
    page.keyboard.press("Enter")
    page.keyboard.type("Born samt foreldre kan søkja.")
    # The finding is marked in place once the check of the new text is back.
    page.wait_for_function("() => (CSS.highlights.get('torg-klarsprak')?.size || 0) >= 1", timeout=30_000)
    apply_rich = page.locator("button", has_text="Bruk «og»")
    screenshot(page, "klarsprak-editor-rich-text")
    apply_rich.click()
    page.wait_for_function(
        "() => document.querySelector('.Draftail-Editor [contenteditable=\"true\"]').innerText.includes('Born og foreldre')"
    )
    assert "Tenesta er for deg som bur heime." in rich.inner_text()

    page.fill("#id_intro", HARD_INTRO)
    page.locator(".torg-klarsprak--over").wait_for(timeout=30_000)
    asked: list[str] = []

    def dismiss(dialog: Any) -> None:
        asked.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", dismiss)
    page.get_by_role("button", name="Flere handlinger").click()  # Wagtail has no Nynorsk: Bokmål
    page.locator('button[name="action-publish"]').click()
    for _ in range(50):  # the dialog comes from the click handler; give a loaded machine time
        if asked:
            break
        page.wait_for_timeout(100)
    assert asked and "LIX" in asked[0]
    # Not published when the writer says no (Wagtail may have autosaved a draft).
    page.wait_for_timeout(1000)
    public = page.request.get(live_site(live_site.pages["service_area"] + "heimehjelp/"))
    assert public.status == 404
