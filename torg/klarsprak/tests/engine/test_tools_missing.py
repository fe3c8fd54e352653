"""Without hunspell or apertium the report says which rules did not run: never a silent pass."""

from torg.klarsprak.engine import Config, check


def test_missing_hunspell_skips_spelling_with_a_reason(no_tools: Config):
    report = check("Søknadn er klar.", no_tools)
    assert "spelling" not in report.rules_run
    assert "hunspell" in report.rules_skipped["spelling"]
    assert not [f for f in report.findings if f.rule == "spelling"]


def test_missing_apertium_keeps_the_word_list_and_says_the_rest_did_not_run(no_tools: Config):
    report = check("Hva skjer med søknaden? Huset skal rivast.", no_tools)
    assert [(f.rule, f.excerpt) for f in report.findings if f.rule == "bokmal-form"] == [("bokmal-form", "Hva")]
    assert "ordlista" in report.rules_skipped["bokmal-form"]


def test_missing_apertium_falls_back_on_endings_for_passive_and_says_so():
    report = check("Huset skal rivast.", Config(lt_proc="/nonexistent/lt-proc"))
    assert [f.excerpt for f in report.findings if f.rule == "passive"] == ["rivast"]
    assert "apertium" in report.rules_skipped["passive"].lower()
    assert "passive" in report.rules_run


def test_rules_that_need_no_tool_still_run(no_tools: Config):
    report = check("Du må sende skjemaet samt vedlegg.", no_tools)
    assert "officialese" in report.rules_run
    assert [f.excerpt for f in report.findings if f.rule == "officialese"] == ["samt"]
