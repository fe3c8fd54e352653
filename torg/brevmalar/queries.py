"""Reads for letter templates: the clear-language check of a template and who may approve it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.core.cache import cache
from django.utils.translation import gettext as _

from torg.core.models import RoleGroup
from torg.core.roles import POLICIES, Role
from torg.klarsprak.engine import Finding, check
from torg.klarsprak.queries import checker_config

from .models import LetterTemplate
from .syntax import as_text

# Findings that stop a template from being approved: stiff words and the wrong language form.
BLOCKING_RULES = frozenset({"officialese", "bokmal-form", "nynorsk-form"})


@dataclass(frozen=True)
class TemplateCheck:
    """The checker's verdict on a template's text."""

    lix: float
    band: str
    words: int
    lix_limit: float
    lix_min_words: int
    findings: tuple[Finding, ...]

    @property
    def too_hard(self) -> bool:
        return self.words >= self.lix_min_words and self.lix > self.lix_limit

    @property
    def blocking(self) -> list[Finding]:
        return [f for f in self.findings if f.rule in BLOCKING_RULES]

    @property
    def may_publish(self) -> bool:
        return not self.too_hard and not self.blocking

    def problems(self) -> list[str]:
        """Why the template may not be approved, one plain sentence each."""
        result = []
        if self.too_hard:
            result.append(
                _(
                    "The text is hard to read: LIX %(score)s, and our limit is %(limit)s. Use shorter sentences and words."
                )
                % {"score": f"{self.lix:.0f}", "limit": f"{self.lix_limit:.0f}"}
            )
        result += [f"«{f.excerpt}»: {f.message}" for f in self.blocking]
        return result

    def summary(self) -> str:
        """The listing's column: "LIX 38 (lettlest), 2 funn"."""
        return _("LIX %(score)s (%(band)s), %(count)s findings") % {
            "score": f"{self.lix:.0f}",
            "band": self.band,
            "count": len(self.findings),
        }


def template_text(template: LetterTemplate) -> str:
    """What a resident reads: the title and every part, with each field as its name."""
    parts = [template.title, template.body, template.legal_basis, template.appeal_information]
    return "\n\n".join(as_text(p).strip() for p in parts if p and p.strip())


def check_template(template: LetterTemplate) -> TemplateCheck:
    """The clear-language check of ``template`` as it is now (cached by its text and the checker's settings)."""
    config = checker_config()
    text = template_text(template)
    key = "brevmalar:check:" + hashlib.sha256(repr((text, config)).encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        report = check(text, config)
        found = TemplateCheck(
            lix=round(report.lix.score, 1),
            band=report.lix.band,
            words=report.lix.words,
            lix_limit=config.lix_threshold,
            lix_min_words=config.lix_min_words,
            findings=tuple(report.findings),
        )
        cache.set(key, found, 24 * 3600)
    return found


def latest_version(template: LetterTemplate) -> LetterTemplate:
    """The template as last saved: the newest draft if there is one."""
    if template.latest_revision_id and template.has_unpublished_changes:
        return template.get_latest_revision_as_object()
    return template


def may_approve(user: User | AnonymousUser, template: LetterTemplate) -> bool:
    """Whether ``user`` may publish ``template``: the publish permission, and for an area's template a
    role in that area (its kommunalsjef or tenesteleiar) or an approving global role (kommunikasjonssjef)."""
    if not user.is_authenticated or not user.has_perm("brevmalar.publish_lettertemplate"):
        return False
    if user.is_superuser or template.service_area_id is None:
        return True
    approving = [role for role, policy in POLICIES.items() if policy.approves]
    roles = RoleGroup.objects.filter(group__user=user, role__in=approving)
    global_roles = [r for r in approving if not POLICIES[Role(r)].scoped]
    return (
        roles.filter(service_area=template.service_area_id).exists()
        or roles.filter(role__in=global_roles, service_area=None).exists()
    )
