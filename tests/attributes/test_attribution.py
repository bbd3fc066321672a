"""Who says so: reporting verbs, source chains and quotes."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from sitroom.attributes.attribution import attribution
from sitroom.models import Attribution

Word = Callable[[str, str], Token]
PREVIOUS = Attribution(source="Defense Minister Rustem Umerov", chain=["Defense Minister Rustem Umerov"])


def said(word: Word, sentence: str, verb: str, previous: Attribution | None = None) -> Attribution | None:
    anchor = word(sentence, verb)
    return attribution(anchor, anchor.sent, previous)


def test_unattributed(word: Word) -> None:
    assert said(word, "Russian strikes killed 16 people in Kharkiv.", "killed") is None
    assert said(word, "South Korea accused the North of firing missiles.", "firing") is None


def test_reporting_verb_and_source(word: Word) -> None:
    found = said(word, "North Korea will hold drills, a U.S. official clarified.", "hold")
    assert found == Attribution(source="a U.S. official", chain=["a U.S. official"], verb="clarified")
    found = said(word, "Israeli strikes killed 12 people, the health ministry said on Sunday.", "killed")
    assert found is not None and (found.source, found.verb) == ("the health ministry", "said")
    found = said(word, "Russia fired 30 missiles, said Oleh Syniehubov, the regional governor.", "fired")
    assert found is not None and found.source == "Oleh Syniehubov"
    found = said(word, "Ukraine's air force said it shot down 16 drones.", "shot")
    assert found is not None and found.source == "Ukraine's air force"


def test_chains_outermost_first(word: Word) -> None:
    sentence = "CBS News reported, citing a U.S. official, that Russia had supplied drones to North Korea."
    found = said(word, sentence, "supplied")
    assert found is not None
    assert (found.chain, found.source, found.verb) == (["CBS News", "a U.S. official"], "a U.S. official",
                                                       "reported")  # fmt: skip
    found = said(
        word, "According to the Pentagon, a U.S. official said Russia supplied the weapons.", "supplied"
    )
    assert found is not None and found.chain == ["the Pentagon", "a U.S. official"]
    sentence = "The Pentagon confirmed that Russia had delivered the missiles, CBS News reported."
    found = said(word, sentence, "delivered")
    assert found is not None and (found.chain, found.verb) == (["CBS News", "the Pentagon"], "confirmed")
    found = said(word, "The regional governor told CBS News that Russian missiles hit the city.", "hit")
    assert found is not None and found.chain == ["CBS News", "the regional governor"]


def test_according_to(word: Word) -> None:
    found = said(word, "Russia supplied the weapons, according to a Pentagon report.", "supplied")
    assert found is not None and (found.source, found.verb) == ("a Pentagon report", "according to")


def test_quotes_and_speakers(word: Word) -> None:
    found = said(word, '"We struck the base," the defense minister said.', "struck")
    assert found is not None
    assert (found.quote, found.speaker) == ("We struck the base", "the defense minister")
    found = said(word, "“Russia launched 40 drones overnight,” Zelensky wrote on Telegram.", "launched")
    assert found is not None and (found.quote, found.speaker, found.verb) == (
        "Russia launched 40 drones overnight",
        "Zelensky",
        "wrote",
    )


def test_previous_sentence_resolves_pronouns(word: Word) -> None:
    found = said(word, "He said Russian troops shelled the village.", "shelled", PREVIOUS)
    assert found is not None and found.source == "Defense Minister Rustem Umerov"
    found = said(word, 'Troops will withdraw by Friday," he added.', "withdraw", PREVIOUS)
    assert found is not None and found.quote == "Troops will withdraw by Friday"
    assert found.speaker == "Defense Minister Rustem Umerov"


def test_hyphenated_names_keep_their_hyphen(word: Word) -> None:
    found = said(word, '"North Korea fired two missiles," Defense Minister Shin Won-sik said.', "fired")
    assert found is not None and found.speaker == "Defense Minister Shin Won-sik"


def test_scare_quotes_are_not_quotes(word: Word) -> None:
    assert said(word, 'Russian troops "liberated" the village on Monday.', "liberated") is None
