"""manage.py klarsprak FILE [--json] [--form nn|nb]: check a .txt, .docx, .odt or .pdf file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from torg.klarsprak.engine import check
from torg.klarsprak.extract import ExtractError, extract_file
from torg.klarsprak.marking import numbered_findings, rule_label
from torg.klarsprak.queries import checker_config, default_form


class Command(BaseCommand):
    help = "Check the clear language of a .txt, .docx, .odt or .pdf file: LIX and each finding with its place."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The file to check.")
        parser.add_argument("--json", action="store_true", help="Print the report as JSON (as the API gives it).")
        parser.add_argument("--form", choices=("nn", "nb"), help="Language form; the municipality's by default.")

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(default_form()):
            self._check(options["file"], as_json=options["json"], form=options["form"])

    def _check(self, path: Path, *, as_json: bool, form: str | None) -> None:
        if not path.is_file():
            raise CommandError(_("There is no file at %(path)s.") % {"path": path})
        try:
            text = extract_file(path)
        except ExtractError as error:
            raise CommandError(str(error)) from error
        report = check(text, checker_config(form)).to_dict()
        if as_json:
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
            return
        self.stdout.write(self.render(path, text, report))

    def render(self, path: Path, text: str, report: dict[str, Any]) -> str:
        lix = report["lix"]
        lines = [
            str(path),
            _("LIX %(score)s: %(band)s (%(words)d words, %(sentences)d sentences, %(long)d long words)")
            % {
                "score": lix["score"],
                "band": lix["band"],
                "words": lix["words"],
                "sentences": lix["sentences"],
                "long": lix["long_words"],
            },
            "",
        ]
        findings = numbered_findings(text, report["findings"])
        for finding in findings:
            excerpt = " ".join(finding.excerpt.split())
            if len(excerpt) > 80:
                excerpt = excerpt[:79] + "…"
            lines.append(f"{finding.line}:{finding.column}  {finding.label} [{finding.rule}]  «{excerpt}»")
            lines.append(f"    {finding.message}")
            if finding.suggestion:
                lines.append("    " + _("Suggestion: %(suggestion)s") % {"suggestion": finding.suggestion})
        if not findings:
            lines.append(_("No findings."))
        if report["rules_skipped"]:
            lines += ["", _("Checks that did not run:")]
            lines += [f"  {rule_label(rule)} [{rule}]: {reason}" for rule, reason in report["rules_skipped"].items()]
        return "\n".join(lines)
