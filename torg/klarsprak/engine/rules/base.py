"""What every rule gets: the analysed text, the configuration and the tools."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..text import Analysis, Token
from ..tools import Tools
from ..types import Config, Finding, Lix


@dataclass
class Context:
    analysis: Analysis
    config: Config
    tools: Tools
    lix: Lix
    # rule id -> reason, for rules that ran without one of their tools
    partial: dict[str, str] = field(default_factory=dict)
    # rule id -> reason, for rules that could not run at all
    skipped: dict[str, str] = field(default_factory=dict)
    # spans already explained by officialese/jargon: word rules leave them alone
    covered: list[tuple[int, int]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.analysis.text

    def finding(self, rule: str, start: int, end: int, message: str, suggestion: str | None = None) -> Finding:
        if self.config.form == "nn" and self.config.infinitive == "a":
            message = a_infinitive(message)
            suggestion = a_infinitive(suggestion) if suggestion else suggestion
        return Finding(rule, start, end, self.text[start:end], message, suggestion)

    def is_covered(self, tok: Token) -> bool:
        return any(s <= tok.start and tok.end <= e for s, e in self.covered)


# e-infinitives in the word lists, and their a-infinitive (kløyvd infinitiv aside).
_A_INFINITIVE = {"vere": "vera", "gjere": "gjera", "melde": "melda", "sende": "senda", "søkje": "søkja"}
_E_INFINITIVE_WORD = re.compile(r"\b(" + "|".join(_A_INFINITIVE) + r")\b", re.IGNORECASE)


def a_infinitive(text: str) -> str:
    """Write the word lists' e-infinitives as a-infinitives ("vere" -> "vera")."""
    return _E_INFINITIVE_WORD.sub(lambda m: match_case(m.group(0), _A_INFINITIVE[m.group(0).lower()]), text)


def match_case(word: str, replacement: str) -> str:
    """Give `replacement` the capital first letter of `word` ("Hva" -> "Kva")."""
    if word[:1].isupper() and replacement:
        return replacement[0].upper() + replacement[1:]
    return replacement
