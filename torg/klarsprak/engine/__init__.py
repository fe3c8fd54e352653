"""Klarspråk checker core: LIX and clear-language rules for Nynorsk (and Bokmål) text.

No Django import: `check(text, config)` returns a `Report`; `RULES` lists the
stable rule ids. Language tools (hunspell, apertium-nno-nob) run as long-lived
subprocesses; when one is missing, the rules that need it are listed in
`Report.rules_skipped` with a reason.
"""

from .checker import RULES, check
from .types import Config, Finding, Lix, Report

__all__ = ["RULES", "Config", "Finding", "Lix", "Report", "check"]
