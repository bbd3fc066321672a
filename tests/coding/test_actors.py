"""The actor lexicon on the real PETRARCH2 dictionaries and our supplement (no mocks)."""

from __future__ import annotations

import pickle
from datetime import date

import pytest

from sitroom.coding.actors import ActorLexicon, Entry, Role, _Entries, cameo_to_plover, parse_supplement
from sitroom.models import Actor

D2024 = date(2024, 6, 6)


@pytest.fixture(scope="module")
def lexicon() -> ActorLexicon:
    return ActorLexicon.load()


def split(text: str) -> list[str]:
    """Words as a tokenizer would give them (here: split at spaces)."""
    return text.split()


def code(lexicon: ActorLexicon, phrase: str, when: date = D2024) -> tuple[str | None, str | None] | None:
    actor = lexicon.resolve(split(phrase), when)
    return None if actor is None else (actor.country, actor.sector)


def test_load_is_cached() -> None:
    assert ActorLexicon.load() is ActorLexicon.load()


def test_brief_examples(lexicon: ActorLexicon) -> None:
    assert lexicon.resolve(["Senior", "Hungarian", "officials"], D2024) == Actor(
        name="Hungary", country="HUN", sector="GOV", text="Senior Hungarian officials"
    )
    assert lexicon.resolve(["the", "Kremlin"], D2024) == Actor(
        name="Russia", country="RUS", sector="GOV", text="the Kremlin"
    )
    biden = lexicon.resolve(["President", "Joe", "Biden"], D2024)
    assert biden is not None and (biden.name, biden.country, biden.sector) == ("Joe Biden", "USA", "GOV")
    assert code(lexicon, "Russian missiles") == ("RUS", "MIL")
    assert code(lexicon, "Israeli police") == ("ISR", "COP")
    assert code(lexicon, "the United Nations Security Council") == ("UNO", None)
    assert code(lexicon, "Hamas") == ("PSE", "REB")
    assert lexicon.resolve(["rebels"], D2024) == Actor(
        name="rebels", country=None, sector="REB", text="rebels"
    )
    assert code(lexicon, "protesters") == (None, "CVL")


def test_dated_roles(lexicon: ActorLexicon) -> None:
    assert code(lexicon, "Biden") == ("USA", "GOV")
    assert code(lexicon, "Biden", date(2012, 5, 1)) == ("USA", "GOV")  # vice-president
    assert code(lexicon, "Trump", date(2019, 3, 1)) == ("USA", "GOV")
    assert code(lexicon, "Trump", date(2023, 3, 1)) == ("USA", "ELI")
    assert code(lexicon, "Trump", date(2025, 6, 1)) == ("USA", "GOV")
    assert code(lexicon, "former President Donald Trump", date(2019, 3, 1)) == ("USA", "ELI")
    assert code(lexicon, "Taliban", date(2020, 3, 1)) == ("AFG", "REB")
    assert code(lexicon, "the Taliban", date(2023, 3, 1)) == ("AFG", "GOV")
    assert code(lexicon, "RSF", date(2022, 1, 1)) == ("SDN", "PRM")
    assert code(lexicon, "RSF", date(2024, 1, 1)) == ("SDN", "REB")
    assert code(lexicon, "Starmer", D2024) == ("GBR", "OPP")  # PM only from 2024-07-05
    assert code(lexicon, "Starmer", date(2024, 8, 1)) == ("GBR", "GOV")


def test_out_of_office_title_wins(lexicon: ActorLexicon) -> None:
    """The dictionaries date Obama's roles; a title in the phrase decides outside them."""
    assert code(lexicon, "President Obama", date(2000, 1, 1)) == ("USA", "GOV")
    assert code(lexicon, "Obama", date(2000, 1, 1)) == ("USA", "ELI")


def test_country_names_and_forms(lexicon: ActorLexicon) -> None:
    for phrase in ["U.S.", "US", "U.S.A.", "the United States", "America", "Americans"]:
        assert code(lexicon, phrase) == ("USA", None), phrase
    for phrase in ["U.K.", "Britain", "British", "the United Kingdom"]:
        assert code(lexicon, phrase) == ("GBR", None), phrase
    assert lexicon.resolve(["Russia's"], D2024) == Actor(name="Russia", country="RUS", text="Russia's")
    assert code(lexicon, "Palestinians") == ("PSE", None)
    assert code(lexicon, "Israelis") == ("ISR", None)
    assert code(lexicon, "Algerians") == ("DZA", None)
    assert code(lexicon, "Kosovo") == ("KOS", None)
    assert code(lexicon, "Côte d'Ivoire") == ("CIV", None)
    assert code(lexicon, "Turkey") == ("TUR", None)
    assert code(lexicon, "Jordan") == ("JOR", None)
    chad = lexicon.resolve(["Chad"], D2024)
    assert chad is not None and chad.name == "Chad"


def test_ordinary_words_are_not_parties(lexicon: ActorLexicon) -> None:
    for phrase in ["us", "turkey", "guinea", "who", "Youth", "the man"]:
        actor = lexicon.resolve(split(phrase), D2024)
        assert actor is None or actor.country is None, phrase


def test_other_peoples_names(lexicon: ActorLexicon) -> None:
    """A known surname inside someone else's name is not that person; a title before it is fine."""
    assert code(lexicon, "Melania Trump") is None
    assert code(lexicon, "Vance Joy") is None
    assert code(lexicon, "Mr Putin") == ("RUS", "GOV")
    assert code(lexicon, "Ayatollah Khamenei") == ("IRN", "GOV")
    assert code(lexicon, "Frances") is None  # not a plural of France
    assert code(lexicon, "Hamas Political Bureau") == ("PSE", "REB")


def test_metonyms(lexicon: ActorLexicon) -> None:
    assert code(lexicon, "Moscow") == ("RUS", "GOV")
    assert code(lexicon, "Washington") == ("USA", "GOV")
    assert code(lexicon, "the White House") == ("USA", "GOV")
    assert code(lexicon, "the Pentagon") == ("USA", "MIL")
    assert code(lexicon, "Kiev") == ("UKR", "GOV")
    assert code(lexicon, "Beijing") == ("CHN", "GOV")
    assert code(lexicon, "Brussels") == ("EUR", "GOV")
    assert code(lexicon, "Downing Street") == ("GBR", "GOV")
    assert code(lexicon, "Kharkiv") == ("UKR", None)  # a city, not a seat of government


def test_international_organisations(lexicon: ActorLexicon) -> None:
    nato = lexicon.resolve(["NATO"], D2024)
    assert nato is not None and (nato.name, nato.country) == ("NATO", "IGO")
    assert code(lexicon, "EU") == ("EUR", None)
    assert code(lexicon, "the European Commission") == ("EUR", "GOV")
    assert code(lexicon, "U.N.") == ("UNO", None)
    assert code(lexicon, "WHO") == ("UNO", "MED")
    assert code(lexicon, "the IAEA") == ("UNO", None)
    assert code(lexicon, "Amnesty International") == ("NGO", "SOC")
    assert code(lexicon, "Human Rights Watch") == ("NGO", "SOC")
    assert code(lexicon, "the Red Cross") == ("NGO", "MED")
    assert code(lexicon, "IMF") == ("IGO", None)
    assert code(lexicon, "the African Union") == ("IGO", None)
    assert code(lexicon, "UN peacekeepers") == ("UNO", "MIL")
    assert code(lexicon, "Guterres") == ("UNO", None)
    assert code(lexicon, "Stoltenberg") == ("IGO", None)


def test_current_leaders_and_groups(lexicon: ActorLexicon) -> None:
    assert code(lexicon, "Xi") == ("CHN", "GOV")
    assert code(lexicon, "xi") is None
    assert code(lexicon, "Kim Jong-un") == ("PRK", "GOV")
    zelensky = lexicon.resolve(split("Ukrainian President Volodymyr Zelenskyy"), D2024)
    assert zelensky is not None and (zelensky.name, zelensky.country) == ("Volodymyr Zelensky", "UKR")
    assert code(lexicon, "Erdoğan") == ("TUR", "GOV")
    assert code(lexicon, "Hezbollah") == ("LBN", "REB")
    assert code(lexicon, "the Houthis") == ("YEM", "REB")
    assert code(lexicon, "ISIS") == ("IMG", "REB")
    assert code(lexicon, "al-Shabaab militants") == ("SOM", "REB")
    assert code(lexicon, "M23 rebels") == ("COD", "REB")
    assert code(lexicon, "Wagner fighters") == ("RUS", "PRM")


def test_sector_nouns(lexicon: ActorLexicon) -> None:
    assert code(lexicon, "Russian drones") == ("RUS", "MIL")
    assert code(lexicon, "British troops") == ("GBR", "MIL")
    assert code(lexicon, "Palestinian civilians") == ("PSE", "CVL")
    assert code(lexicon, "rebel forces") == (None, "REB")
    assert code(lexicon, "government forces") == (None, "MIL")
    assert code(lexicon, "police chief") == (None, "COP")
    assert code(lexicon, "opposition leader") == (None, "OPP")
    assert code(lexicon, "lawmakers") == (None, "LEG")
    assert code(lexicon, "the Supreme Court") == (None, "JUD")
    assert code(lexicon, "journalists") == (None, "JRN")
    assert code(lexicon, "doctors") == (None, "MED")
    assert code(lexicon, "refugees") == (None, "REF")
    assert code(lexicon, "Israeli army spokesman") == ("ISR", "MIL")


def test_head_of_the_phrase(lexicon: ActorLexicon) -> None:
    assert code(lexicon, "Iranian-backed Houthi rebels") == ("YEM", "REB")
    assert code(lexicon, "officials in Kyiv") == ("UKR", "GOV")
    assert code(lexicon, "Israel's ambassador to the UN") == ("ISR", "GOV")
    assert code(lexicon, "President of Russia") == ("RUS", "GOV")
    assert code(lexicon, "anti-Israel protesters") == (None, "CVL")
    assert code(lexicon, "President Mugabe", date(2010, 1, 1)) == ("ZWE", "GOV")  # surname after a title


def test_find_spans(lexicon: ActorLexicon) -> None:
    words = split("Russian President Vladimir Putin met Chinese leader Xi Jinping in Beijing on Thursday .")
    found = [(start, end, actor.country, actor.sector) for start, end, actor in lexicon.find(words, D2024)]
    assert found == [
        (0, 4, "RUS", "GOV"),
        (5, 9, "CHN", "GOV"),
        (10, 11, "CHN", None),
    ]  # "in Beijing": a place
    words = split("A Russian missile strike on Kharkiv killed 16 people , Ukrainian officials said .")
    spans = [(start, end, actor.country) for start, end, actor in lexicon.find(words, D2024)]
    assert spans == [(1, 4, "RUS"), (5, 6, "UKR"), (10, 12, "UKR")]
    words = split("Rebels attacked the town of Iran - backed Houthi rebels .")
    assert [(s, e) for s, e, _a in lexicon.find(words, D2024)] == [(5, 10)]
    assert [(s, e) for s, e, _a in lexicon.find(words, D2024, agents=True)] == [(0, 1), (5, 10)]


def test_is_party_word(lexicon: ActorLexicon) -> None:
    assert lexicon.is_party_word("Russia")
    assert lexicon.is_party_word("US")
    assert lexicon.is_party_word("police")
    assert not lexicon.is_party_word("us")
    assert not lexicon.is_party_word("the")


def test_cameo_codes() -> None:
    countries = frozenset({"USA", "AFG", "PSE", "MUS"})
    assert cameo_to_plover("USAGOV", countries) == ("USA", "GOV")
    assert cameo_to_plover("AFGGOVJUD", countries) == ("AFG", "GOV")
    assert cameo_to_plover("PSEREBHMS", countries) == ("PSE", "REB")
    assert cameo_to_plover("KSVGOV", countries) == ("KOS", "GOV")
    assert cameo_to_plover("MUS", countries) == ("MUS", None)  # Mauritius, not Muslims
    assert cameo_to_plover("IGOUNOREFHCR", countries) == ("UNO", None)
    assert cameo_to_plover("IGOUNOJUDICJ", countries) == ("UNO", "JUD")
    assert cameo_to_plover("IGOEUREEC", countries) == ("EUR", None)
    assert cameo_to_plover("IGOWSTNAT", countries) == ("IGO", None)
    assert cameo_to_plover("NGOHRIAMN", countries) == ("NGO", "SOC")
    assert cameo_to_plover("IMGMUSALQ", countries) == ("IMG", "REB")
    assert cameo_to_plover("MED", countries) == (None, "JRN")
    assert cameo_to_plover("MEAREB", countries) == (None, "REB")
    assert cameo_to_plover("---", countries) is None


def test_supplement_format() -> None:
    text = """# comment
Some Leader; Leader
    ABC GOV 2020-01-01 2021-12-31
    ABC ELI
~Capital
    ABC GOV
*gunman
    - UAF
"""
    blocks = list(parse_supplement(text.splitlines()))
    assert [(b.kind, b.name, b.aliases) for b in blocks] == [
        ("party", "Some Leader", ["Some Leader", "Leader"]),
        ("metonym", "Capital", ["Capital"]),
        ("agent", "gunman", ["gunman"]),
    ]
    assert blocks[0].roles[0].start == date(2020, 1, 1) and blocks[0].roles[1].end is None
    with pytest.raises(ValueError, match="unknown sector"):
        list(parse_supplement(["X", "    ABC XYZ"]))


def test_entries_survive_the_cache_as_they_were_built() -> None:
    """The pickled cache keeps entries as plain rows and builds them on first use: a dated role, an
    open end and an undated default come back equal, and each is built once."""
    built = [
        Entry("EXAMPLE_PERSON", "party", (Role("FRA", "GOV", date(2017, 5, 14), None),), Role("FRA", "ELI")),
        Entry("EXAMPLE_GROUP", "party", (), None),
        Entry("EXAMPLE_OFFICE", "party", (Role(None, "IGO", None, date(2006, 12, 31)),), None),
    ]
    entries = pickle.loads(pickle.dumps(_Entries(built), protocol=pickle.HIGHEST_PROTOCOL))
    assert len(entries) == 3
    assert [entries[i] for i in range(3)] == built
    assert entries[0] is entries[0]
