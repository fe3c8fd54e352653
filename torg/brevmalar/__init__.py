"""Brevmalar: letter and decision templates per service area, in clear language.

A *brevmal* (plural *brevmalar*) is a letter template; a *vedtaksmal* is a
template for a decision (*vedtak*), which must name its legal basis (*heimel*)
and tell the resident how to appeal (*klagerett*). Case handlers fill in the
fields (``{{ namn }}``, ``{{ dato }}`` …) and get HTML or an accessible,
tagged PDF. A template is approved by publishing it, and only after the
Klarspråk checker has passed its text.
"""
