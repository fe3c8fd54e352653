from torg.klarsprak.engine import Config
from torg.klarsprak.engine.tools import Tools
from torg.klarsprak.engine.wordlists import BOKMAL, OFFICIALESE

from .conftest import needs_tools


@needs_tools
def test_every_suggested_nynorsk_form_is_in_the_nynorsk_dictionary():
    words = {w for v in [*BOKMAL.values(), *OFFICIALESE.values()] for w in v.replace("/", " ").split()}
    assert Tools(Config()).misspelled(sorted(words), "nn_NO") == set()


def test_officialese_list_has_about_sixty_entries():
    assert len(OFFICIALESE) >= 60
