"""The seed strategy text, checked end to end."""

from pathlib import Path

import pytest

from torg.klarsprak.engine import check

from .conftest import needs_tools

STRATEGY = Path(__file__).resolve().parents[4].parent / "shared/strategy/kommunikasjonsstrategi-time-2017-2020.txt"
pytestmark = pytest.mark.skipif(not STRATEGY.exists(), reason="the shared strategy text is not beside the repo")


def test_lix_of_one_paragraph_matches_the_hand_count():
    text = STRATEGY.read_text(encoding="utf-8")
    start = text.index("Time skal vera kjend som ein smart og trygg stad")
    end = text.index("næringsliv og organisasjonar.", start) + len("næringsliv og organisasjonar.")
    # Hand count of the three sentences:
    #   "Time skal vera kjend som ein smart og trygg stad å bu, arbeida og driva næring."
    #       16 words; 7+ letters: arbeida -> 1
    #   "Det skal vera lett å komma i kontakt med kommunen og å få innsyn."
    #       14 words; kontakt, kommunen -> 2
    #   "Utviklinga av lokalsamfunnet skal ta utgangspunkt i dialogen med innbyggjarar,
    #    næringsliv og organisasjonar."
    #       13 words; Utviklinga, lokalsamfunnet, utgangspunkt, dialogen, innbyggjarar,
    #       næringsliv, organisasjonar -> 7
    # 43 words, 3 sentences, 10 long words: 43/3 + 100*10/43 = 14.33 + 23.26 = 37.6 (lettlest)
    lix = check(text[start:end]).lix
    assert (lix.words, lix.sentences, lix.long_words) == (43, 3, 10)
    assert round(lix.score, 1) == 37.6
    assert lix.band == "lettlest"


@needs_tools
def test_the_whole_strategy_is_checked_with_valid_offsets_and_every_rule_run():
    text = STRATEGY.read_text(encoding="utf-8")
    report = check(text)
    assert report.rules_skipped == {}
    assert report.lix.words > 3000
    assert all(text[f.start : f.end] == f.excerpt for f in report.findings)
    passives = [f.excerpt for f in report.findings if f.rule == "passive"]
    assert "opplevast" in passives  # "skal opplevast som lett tilgjengeleg"
    assert "vert alle møtt" in passives
    assert "snarast" not in passives  # "snarast råd" is an adverb
    assert any(f.rule == "bokmal-form" and f.excerpt == "Innledning" for f in report.findings)
