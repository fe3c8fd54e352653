"""The demo templates are realistic, approved and pass the clear-language checker."""

from torg.brevmalar.demo import create_demo_templates
from torg.brevmalar.queries import check_template


def test_the_demo_templates_are_approved_and_pass_the_checker(site_tree):
    templates = create_demo_templates([site_tree.area_a, site_tree.area_b])

    assert len(templates) == 3
    assert all(t.live for t in templates)
    decision = templates[0]
    assert decision.service_area == site_tree.area_b  # Oppvekst
    assert "barnehagelova § 16" in decision.legal_basis
    assert "namn" in decision.fields and "saksnummer" in decision.fields
    for template in templates:
        result = check_template(template)
        assert result.may_publish, result.problems()
        assert not result.findings


def test_creating_the_demo_templates_twice_keeps_three(site_tree):
    create_demo_templates([site_tree.area_b])
    create_demo_templates([site_tree.area_b])

    from torg.brevmalar.models import LetterTemplate

    assert LetterTemplate.objects.count() == 3
