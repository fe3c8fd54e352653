"""The checker's public value types: findings, LIX, the report and the configuration.

Plain dataclasses with no Django import, so the core can be used and tested on
its own. `Report.to_dict()` is the JSON shape the API and the command return.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

_EMPTY: Mapping[str, str] = MappingProxyType({})


@dataclass(frozen=True)
class Finding:
    """One thing to look at in the text; `text[start:end] == excerpt`."""

    rule: str
    start: int
    end: int
    excerpt: str
    message: str
    suggestion: str | None = None


@dataclass(frozen=True)
class Lix:
    """Readability (LIX) of the whole text: words/sentences + 100 x long words/words."""

    score: float
    band: str
    words: int
    sentences: int
    long_words: int


@dataclass(frozen=True)
class Config:
    """Thresholds and lists; every field has a default that suits a municipal web page.

    - `form`: "nn" (Nynorsk: the form rule is `bokmal-form`, spelling uses nn_NO)
      or "nb" (Bokmål: the form rule is `nynorsk-form`, spelling uses nb_NO).
    - `long_sentence_words`: a sentence with MORE words than this is flagged (25;
      Språkrådet advises 15-20 words on average, so 25+ is long for anyone).
    - `long_word_letters`: a word with at least this many letters is flagged (18).
      Norwegian writes compounds as one word, so 15 would flag everyday words
      like "reguleringsplanen" or "kommunedirektøren"; 18 catches the piles such
      as "kommunikasjonsstrategien" and "byggjesakshandsaminga".
    - `lix_threshold`: the `lix` rule fires when the whole text scores above this
      (50 = the start of the band "vanskeleg") and has at least `lix_min_words`
      words (30): on a line or two LIX says more about chance than about the text.
    - `nominal_ratio`: share of the words in a sentence that may be verb-like
      nouns (-ing, -else, -heit/-het, -sjon, -nad) before the sentence is flagged
      (0.2, and at least `nominal_min` such nouns; chains like "gjennomføring av
      behandling" are flagged regardless).
    - `extra_officialese`: the municipality's own stiff words -> plain alternative;
      added to (and overriding) the built-in list.
    - `jargon`: the municipality's own jargon -> plain explanation or wording.
    - `disabled_rules`: rule ids that are not run (they appear in neither list).
    - `infinitive`: "a" (vera, gjera — as Time kommune writes) or "e" (vere,
      gjere): the infinitive form used in suggestions and messages (Nynorsk).
    - `hunspell` / `lt_proc`: the programs used, `hunspell_data` / `apertium_data`
      where Debian's hunspell-no and apertium-nno-nob put their files; point one
      at a path that does not exist to see the report without that tool.
    """

    form: str = "nn"
    long_sentence_words: int = 25
    long_word_letters: int = 18
    lix_threshold: float = 50.0
    lix_min_words: int = 30
    nominal_ratio: float = 0.2
    nominal_min: int = 3
    extra_officialese: Mapping[str, str] = field(default_factory=lambda: _EMPTY)
    jargon: Mapping[str, str] = field(default_factory=lambda: _EMPTY)
    disabled_rules: frozenset[str] = frozenset()
    infinitive: str = "a"
    hunspell: str = "hunspell"
    hunspell_data: str = "/usr/share/hunspell"
    lt_proc: str = "lt-proc"
    apertium_data: str = "/usr/share/apertium"


@dataclass
class Report:
    """Everything `check()` found; `rules_skipped` maps rule id -> plain Nynorsk reason.

    A rule that ran only in part (e.g. `bokmal-form` with its word list but
    without apertium) is in both `rules_run` and `rules_skipped`.
    """

    lix: Lix
    findings: list[Finding]
    rules_run: list[str]
    rules_skipped: dict[str, str]

    def to_dict(self) -> dict[str, Any]:
        return {
            "lix": {
                "score": round(self.lix.score, 1),
                "band": self.lix.band,
                "words": self.lix.words,
                "sentences": self.lix.sentences,
                "long_words": self.lix.long_words,
            },
            "findings": [
                {
                    "rule": f.rule,
                    "start": f.start,
                    "end": f.end,
                    "excerpt": f.excerpt,
                    "message": f.message,
                    "suggestion": f.suggestion,
                }
                for f in self.findings
            ],
            "rules_run": list(self.rules_run),
            "rules_skipped": dict(self.rules_skipped),
        }
