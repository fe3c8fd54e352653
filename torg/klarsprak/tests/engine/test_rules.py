"""One test or more per rule: the finding is where it should be and says what to do."""

from __future__ import annotations

from torg.klarsprak.engine import RULES, Config, Finding, check

from .conftest import needs_tools


def found(text: str, rule: str, config: Config | None = None) -> list[Finding]:
    report = check(text, config)
    for f in report.findings:
        assert text[f.start : f.end] == f.excerpt
        assert f.message
    return [f for f in report.findings if f.rule == rule]


def test_rule_ids_are_stable():
    assert RULES == (
        "lix",
        "long-sentence",
        "long-word",
        "passive",
        "nominal",
        "officialese",
        "impersonal",
        "bokmal-form",
        "nynorsk-form",
        "spelling",
        "jargon",
    )


def test_lix_finding_covers_a_hard_text_and_names_the_band():
    text = (
        "Kommunen sine administrative rutinar for kvalitetssikring, dokumentasjon og rapportering skal "
        "evaluerast årleg i samarbeid med tenesteområda, tillitsvalde og verneombod, og resultatet skal "
        "leggjast fram for formannskapet i samband med budsjetthandsaminga."
    )
    [f] = found(text, "lix")
    assert (f.start, f.end) == (0, len(text))
    assert "svært vanskeleg" in f.message


def test_lix_is_quiet_on_a_single_short_line():
    assert found("Kommunedirektøren legg fram budsjettet i november.", "lix") == []


def test_long_sentence_spans_the_sentence_and_counts_its_words():
    short = "Du får svar innan tre veker. "
    long = "Ord " + " ".join(["ord"] * 25) + "."
    [f] = found(short + long, "long-sentence")
    assert f.excerpt == long
    assert "26 ord" in f.message


def test_long_word_is_flagged_from_the_configured_length():
    [f] = found("Les kommunikasjonsstrategien vår.", "long-word")
    assert f.excerpt == "kommunikasjonsstrategien"
    assert found("Les kommunikasjonsstrategien vår.", "long-word", Config(long_word_letters=30)) == []


@needs_tools
def test_passive_finds_s_passive_and_bli_verte_with_participle():
    text = "Huset skal rivast. Søknaden vert behandla no. Han vart sjuk. Seinast fredag."
    assert [f.excerpt for f in found(text, "passive")] == ["rivast", "vert behandla"]


def test_nominal_flags_a_chain_of_verb_like_nouns():
    [f] = found("Gjennomføringa av behandlinga av søknaden tok tid.", "nominal")
    assert f.excerpt == "Gjennomføringa av behandlinga av søknaden"
    assert "verb" in f.message


def test_officialese_suggests_the_plain_word_and_keeps_the_capital():
    fs = found("Samt dette må du sende inn skjemaet i henhald til reglane.", "officialese")
    assert [(f.excerpt, f.suggestion) for f in fs] == [("Samt", "Og"), ("i henhald til", "etter")]


def test_officialese_can_be_extended_by_the_municipality():
    config = Config(extra_officialese={"tilsendt": "sendt"})
    [f] = found("Du har fått tilsendt eit brev.", "officialese", config)
    assert f.suggestion == "sendt"


@needs_tools
def test_impersonal_ein_as_subject_but_not_as_article_or_numeral():
    text = "Her må ein fylle ut skjemaet. Ein kan ringje oss. Du får ein kopi. Ein av dei svarar."
    assert [f.start for f in found(text, "impersonal")] == [text.index("ein fylle"), text.index("Ein kan")]


def test_impersonal_man():
    [f] = found("Dersom man ikkje betaler, sender vi purring.", "impersonal")
    assert f.excerpt == "man"
    assert f.suggestion == "du"


def test_bokmal_form_from_the_word_list_suggests_the_nynorsk_form():
    fs = found("Hva gjør du når søknaden ikke er klar?", "bokmal-form", Config(disabled_rules=frozenset({"spelling"})))
    assert [(f.excerpt, f.suggestion) for f in fs] == [("Hva", "Kva"), ("gjør", "gjer"), ("ikke", "ikkje")]


@needs_tools
def test_bokmal_form_from_apertium_for_words_not_on_the_list():
    [f] = found("Mor mi bur på sykehjem.", "bokmal-form")
    assert (f.excerpt, f.suggestion) == ("sykehjem", "sjukeheim")


@needs_tools
def test_spelling_flags_unknown_words_but_not_names_numbers_urls_or_compounds():
    text = "Kari Nordmann sende søknadn til post@time.kommune.no kl. 10.30 om kommunikasjonsstrategien."
    [f] = found(text, "spelling")
    assert f.excerpt == "søknadn"
    assert f.suggestion and "søknad" in f.suggestion


def test_jargon_uses_the_municipalitys_list_and_matches_acronyms_in_capitals_only():
    config = Config(jargon={"PPT": "pedagogisk-psykologisk teneste"})
    [f] = found("Saka er sendt til PPT. Ppt-fila ligg ved.", "jargon", config)
    assert (f.excerpt, f.suggestion) == ("PPT", "pedagogisk-psykologisk teneste")


def test_bokmal_text_gets_the_nynorsk_form_rule():
    config = Config(form="nb", disabled_rules=frozenset({"spelling"}))
    report = check("Vi svarer ikkje før mandag.", config)
    assert [(f.rule, f.suggestion) for f in report.findings] == [("nynorsk-form", "ikke")]
    assert "bokmal-form" not in report.rules_run


def test_disabled_rules_are_neither_run_nor_skipped():
    report = check("Samt.", Config(disabled_rules=frozenset({"officialese"})))
    assert "officialese" not in report.rules_run
    assert "officialese" not in report.rules_skipped
    assert not [f for f in report.findings if f.rule == "officialese"]


def test_report_to_dict_has_the_api_shape():
    d = check("Ein kan søkje samt klage.").to_dict()
    assert set(d) == {"lix", "findings", "rules_run", "rules_skipped"}
    assert set(d["lix"]) == {"score", "band", "words", "sentences", "long_words"}
    assert {"rule", "start", "end", "excerpt", "message", "suggestion"} <= set(d["findings"][0])
