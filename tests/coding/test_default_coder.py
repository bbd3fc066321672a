"""The default coder (rules checked by the trained model) on sentences anyone would code the same way.

One unmistakable sentence per PLOVER type, each written for this test: a retrained model must still code
each, alone and as the lead of a short article, with the type a reader expects among its events.
"""

from datetime import date

import pytest

from sitroom.coding.coder import Coder
from sitroom.models import Article

CLEAR = [
    ("Colombia and Ecuador agreed on Tuesday to hold talks on border security next month.", "AGREE"),
    ("The French foreign minister met his German counterpart in Berlin on Monday.", "CONSULT"),
    ("The European Union praised Kenya's new anti-corruption law on Friday.", "SUPPORT"),
    ("The government apologised on Monday for the killing of three protesters by police.", "CONCEDE"),
    ("Police from Spain and Morocco carried out a joint operation against smugglers on Sunday.", "COOPERATE"),
    ("Japan sent 50 tonnes of emergency food aid to flood victims in Pakistan on Wednesday.", "AID"),
    ("Rebel fighters withdrew from the town of Bunia on Thursday.", "RETREAT"),
    ("The United Nations called on both sides to allow aid into the city.", "REQUEST"),
    ("Iran accused Israel on Monday of carrying out the attack on its nuclear site.", "ACCUSE"),
    ("Turkey rejected a Greek proposal for talks on Thursday.", "REJECT"),
    ("North Korea threatened to strike American bases in the region.", "THREATEN"),
    ("Thousands of people protested in Belgrade on Saturday against the government.", "PROTEST"),
    ("The United States imposed sanctions on three Russian banks on Friday.", "SANCTION"),
    ("Russia deployed thousands of troops to its border with Ukraine on Tuesday.", "MOBILIZE"),
    ("Police arrested 40 opposition supporters in Harare on Sunday.", "COERCE"),
    ("Russian missiles struck an apartment block in Kharkiv on Monday, killing 16 people.", "ASSAULT"),
]


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder.load()


@pytest.mark.parametrize(("text", "kind"), CLEAR)
def test_a_clear_sentence_alone(coder: Coder, text: str, kind: str) -> None:
    events = coder.code(Article(id="c", text=text, published=date(2024, 6, 6))).events
    assert kind in {e.type for e in events}, [(e.type, e.trigger) for e in events]


@pytest.mark.parametrize(("text", "kind"), CLEAR)
def test_a_clear_sentence_as_a_lead(coder: Coder, text: str, kind: str) -> None:
    article = text + " Officials gave no further details. The story is developing."
    events = coder.code(Article(id="c", text=article, published=date(2024, 6, 6))).events
    assert kind in {e.type for e in events}, [(e.type, e.trigger) for e in events]


def test_a_photo_caption_adds_no_event_and_its_credit_joins_no_sentence(coder: Coder) -> None:
    """A caption shows a moment of the story, never an act of its own ("Photo: relatives block the road");
    its credit in brackets ends its paragraph, so the quote after it is a sentence of its own."""
    text = (
        "Gunmen shot dead two traders in Eldoret on Friday, police said.\n\n"
        "Photo: Relatives of the traders block the Eldoret-Kitale road on Saturday. (Rift Desk / J. Wa)\n\n"
        '"We want justice," said Ann Wanjiru, a trader.'
    )
    events = coder.code(Article(id="t", text=text, published=date(2024, 6, 6))).events
    assert [e.type for e in events] == ["ASSAULT"], [(e.type, e.evidence) for e in events]
    assert events[0].evidence.startswith("Gunmen shot dead two traders")
