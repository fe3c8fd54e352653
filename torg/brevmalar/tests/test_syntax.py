"""The template language: only fields, found in order, filled in safely."""

import pytest
from django.core.exceptions import ValidationError

from torg.brevmalar.syntax import blocks, declared_fields, fill, validate_letter_syntax


def test_a_template_with_a_load_tag_is_refused_with_a_clear_message():
    with pytest.raises(ValidationError) as refused:
        validate_letter_syntax("Hei {{ namn }}.\n\n{% load static %}")
    assert "{% … %}" in refused.value.messages[0]


@pytest.mark.parametrize("text", ["Hei {{ namn|upper }}", "Hei {{ namn.pk }}", "Hei {# kommentar #}", "Hei }}"])
def test_filters_lookups_and_stray_braces_are_refused(text):
    with pytest.raises(ValidationError):
        validate_letter_syntax(text)


def test_the_fields_are_found_in_the_order_they_first_appear():
    assert declared_fields("Hei {{ namn }}, sak {{saksnummer}}.", "{{ dato }} {{ namn }}") == [
        "namn",
        "saksnummer",
        "dato",
    ]


def test_html_in_values_and_in_the_text_is_escaped():
    html = fill("<b>Hei</b> {{ namn }}", {"namn": "<script>alert(1)</script>"})
    assert html == "&lt;b&gt;Hei&lt;/b&gt; &lt;script&gt;alert(1)&lt;/script&gt;"


def test_a_missing_value_shows_as_a_visible_placeholder():
    assert fill("Hei, {{ namn }}.", {}) == "Hei, [namn]."


def test_paragraphs_and_headings_are_split_on_blank_lines():
    result = blocks("# Vedtak\n\nDu får plass.\nVelkomen!\n\nHelsing oss", {})
    assert [(b.kind, str(b.html)) for b in result] == [
        ("heading", "Vedtak"),
        ("paragraph", "Du får plass.<br>Velkomen!"),
        ("paragraph", "Helsing oss"),
    ]
