"""The labelled corpus: big enough, every rule covered both ways, and every rule at 0.9 or better."""

import json
from pathlib import Path

from torg.klarsprak.engine import RULES, Config, check

from .conftest import needs_tools

CORPUS = Path(__file__).with_name("corpus.jsonl")


def load() -> tuple[Config, list[dict]]:
    lines = [json.loads(x) for x in CORPUS.read_text(encoding="utf-8").splitlines() if x.strip()]
    return Config(jargon=lines[0]["config"]["jargon"]), lines[1:]


def test_corpus_has_150_sentences_with_positives_and_near_misses_for_every_rule():
    _, items = load()
    assert len(items) >= 150
    for rule in RULES:
        if rule == "nynorsk-form":
            continue
        assert sum(rule in x["expect"] for x in items) >= 5, rule
        assert sum(rule in x["absent"] for x in items) >= 3, rule


@needs_tools
def test_every_rule_reaches_precision_and_recall_of_09():
    config, items = load()
    tp = dict.fromkeys(RULES, 0)
    fp = dict.fromkeys(RULES, 0)
    fn = dict.fromkeys(RULES, 0)
    for x in items:
        fired = {f.rule for f in check(x["text"], config).findings}
        for rule in RULES:
            expected = rule in x["expect"]
            tp[rule] += expected and rule in fired
            fp[rule] += not expected and rule in fired
            fn[rule] += expected and rule not in fired
    for rule in RULES:
        if rule == "nynorsk-form":
            continue
        assert tp[rule] / max(1, tp[rule] + fp[rule]) >= 0.9, rule
        assert tp[rule] / max(1, tp[rule] + fn[rule]) >= 0.9, rule
