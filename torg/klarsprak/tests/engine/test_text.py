from torg.klarsprak.engine.text import analyse, band, lix


def sentences(text: str) -> list[str]:
    a = analyse(text)
    return [text[s.start : s.end].strip() for s in a.sentences]


def test_abbreviations_numbers_and_dates_do_not_end_a_sentence():
    text = "Ta med t.d. pass, bl.a. for SFO. Vi opnar kl. 10:30 den 17.5. og 1.5 timar seinare. Jf. § 3 gjeld det."
    assert sentences(text) == [
        "Ta med t.d. pass, bl.a. for SFO.",
        "Vi opnar kl. 10:30 den 17.5. og 1.5 timar seinare.",
        "Jf. § 3 gjeld det.",
    ]


def test_colon_and_semicolon_end_a_sentence_but_not_a_clock_time():
    assert sentences("Ta med: pass og kort; kom kl. 10:30.") == ["Ta med:", "pass og kort;", "kom kl. 10:30."]


def test_heading_lines_end_a_sentence_and_wrapped_lines_do_not():
    text = "Opningstider\nVi har ope kvar dag\nog i helgane.\n\nvelkomen"
    assert sentences(text) == ["Opningstider", "Vi har ope kvar dag\nog i helgane.", "velkomen"]


def test_urls_and_email_addresses_are_one_word():
    a = analyse("Skriv til post@time.kommune.no eller sjå https://www.time.kommune.no/x.")
    assert [t.text for t in a.tokens if t.is_url] == ["post@time.kommune.no", "https://www.time.kommune.no/x"]


def test_lix_counts_words_sentences_and_words_of_seven_letters():
    # 7 words, 2 sentences, 2 long words (søknaden, kommunen): 7/2 + 100*2/7 = 3.5 + 28.57 = 32.1
    result = lix(analyse("Send søknaden til kommunen. Vi svarar fort."))
    assert (result.words, result.sentences, result.long_words) == (7, 2, 2)
    assert round(result.score, 1) == 32.1
    assert result.band == "lettlest"


def test_lix_bands_follow_the_conventions():
    assert [band(x) for x in (29.9, 30, 39.9, 40, 50, 59.9, 60)] == [
        "svært lettlest",
        "lettlest",
        "lettlest",
        "middels",
        "vanskeleg",
        "vanskeleg",
        "svært vanskeleg",
    ]


def test_empty_text_has_no_words():
    assert lix(analyse("  ")).words == 0
