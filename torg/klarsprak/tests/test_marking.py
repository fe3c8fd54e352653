"""The text with findings marked: overlaps stay readable, numbers lead to the list, nothing unescaped."""

from __future__ import annotations

from torg.klarsprak.marking import LineIndex, marked_html, numbered_findings


def finding(text: str, rule: str, excerpt: str, start: int | None = None) -> dict:
    start = text.index(excerpt) if start is None else start
    return {
        "rule": rule,
        "start": start,
        "end": start + len(excerpt),
        "excerpt": excerpt,
        "message": "m",
        "suggestion": None,
    }


def test_line_and_column_are_counted_from_one():
    where = LineIndex("Ein.\n\nTo tre.")

    assert where(0) == (1, 1)
    assert where(6) == (3, 1)
    assert where(9) == (3, 4)


def test_findings_are_numbered_in_text_order_with_line_and_column():
    text = "Dog er det slik.\nSøknaden vert handsama samt arkivert."
    findings = numbered_findings(text, [finding(text, "officialese", "samt"), finding(text, "officialese", "Dog")])

    assert [(f.number, f.excerpt, f.line, f.column) for f in findings] == [(1, "Dog", 1, 1), (2, "samt", 2, 24)]


def test_overlapping_findings_are_cut_into_marks_with_a_numbered_link_after_each():
    text = "Søknaden vert handsama samt arkivert. Takk."
    sentence = "Søknaden vert handsama samt arkivert."
    findings = numbered_findings(text, [finding(text, "long-sentence", sentence), finding(text, "officialese", "samt")])

    html = marked_html(text, findings)

    assert html.count('<mark class="klarsprak-mark">') == 3  # before, inside and after "samt"
    assert html.index('href="#klarsprak-finding-2"') < html.index('href="#klarsprak-finding-1"')
    assert "Funn 1, Lang setning:" in html
    assert html.endswith(" Takk.")


def test_a_finding_on_the_whole_text_is_listed_not_marked():
    text = "Ein lang tekst."
    findings = numbered_findings(text, [finding(text, "lix", text)])

    assert not findings[0].marked
    assert marked_html(text, findings) == text


def test_the_text_is_escaped():
    text = "<script>alert(1)</script> samt"
    html = marked_html(text, numbered_findings(text, [finding(text, "officialese", "samt")]))

    assert "<script>" not in html
    assert "&lt;script&gt;" in html
