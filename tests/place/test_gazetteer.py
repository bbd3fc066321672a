"""The gazetteer index: names, our regions table, the disk cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitroom.place import gazetteer as gazetteer_module
from sitroom.place.gazetteer import ADMIN1, COUNTRY, SEA, Gazetteer, Shelved, display_name, normalize


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def kinds(gaz: Gazetteer, name: str) -> set[tuple[int, str | None]]:
    return {(gaz.kinds[r], gaz.country_of(r)) for r in gaz.rows(normalize(name))}


def test_normalize() -> None:
    assert normalize("Kyïv") == normalize("kyiv")
    assert normalize("Ivano-Frankivsk") == "ivano frankivsk"
    assert normalize("St. Petersburg") == normalize("Saint Petersburg")
    assert normalize("Côte d’Ivoire") == normalize("Cote d'Ivoire") == "cote divoire"
    assert normalize("Debre Mark’os") == normalize("Debre Markos")  # transliterations vary in apostrophes


def test_countries_states_and_our_regions(gaz: Gazetteer) -> None:
    assert (COUNTRY, "GEO") in kinds(gaz, "Georgia") and (ADMIN1, "USA") in kinds(gaz, "Georgia")
    assert (SEA, None) in kinds(gaz, "Red Sea")
    for name in ("Gaza Strip", "West Bank", "Donbas", "Sahel", "Strait of Hormuz", "Horn of Africa"):
        assert gaz.rows(normalize(name)), name
    assert [gaz.country_of(r) for r in gaz.rows("=DRC")] == ["COD"]


def test_abbreviations_match_only_in_capitals(gaz: Gazetteer) -> None:
    assert gaz.rows("=ACT") and gaz.rows("=US")
    assert not any(gaz.kinds[r] == ADMIN1 for r in gaz.rows("act"))


def test_load_from_cache_gives_the_same_index(gaz: Gazetteer) -> None:
    # speed is measured by bench/geoparse.py, not here
    assert len(Gazetteer.load()) == len(gaz)


def test_a_shelved_dict_answers_as_the_dict_it_was_packed_from() -> None:
    """The name dicts are kept in pickled shelves opened on first look-up: every answer is the dict's."""
    names = {f"town {n}": n for n in range(500)} | {"kyiv": (3, 7), "": 0, "\ud800": 1}  # odd keys too
    shelved = Shelved(Shelved.pack(names, shelves=16))
    assert shelved.get("town 7") == 7 and shelved["kyiv"] == (3, 7) and shelved.get("lviv") is None
    assert "town 499" in shelved and "" in shelved and "\ud800" in shelved and "town 500" not in shelved
    assert 5 not in shelved  # not a name
    with pytest.raises(KeyError):
        shelved["lviv"]
    assert len(shelved) == len(names) and dict(shelved) == names


def test_unwritable_cache_builds_in_memory(gaz: Gazetteer, tmp_path: Path, monkeypatch) -> None:
    data = {name: getattr(gaz, name) for name in vars(gaz)}  # the real index, instead of a 15 s rebuild
    data |= {"index": Shelved.pack(dict(gaz.index)), "primary": Shelved.pack(dict(gaz.primary))}  # as built
    monkeypatch.setattr(gazetteer_module, "build", lambda: data)
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache directory should be")
    loaded = Gazetteer.load(cache_dir=blocked / "sitroom")
    assert len(loaded) == len(gaz)


def test_a_province_with_an_empty_north_is_centred_on_its_land() -> None:
    """Ontario's towns crowd its southern edge; its centre comes from our table, not from them."""
    gaz = Gazetteer.load()
    ontario = next(r for r in gaz.rows(normalize("Ontario")) if gaz.kinds[r] == ADMIN1)
    assert gaz.lats[ontario] >= 49.0


def test_a_subdivision_across_the_antimeridian_is_centred_on_its_towns() -> None:
    gaz = Gazetteer.load()
    chukotka = next(r for r in gaz.rows(normalize("Chukotka")) if gaz.kinds[r] == ADMIN1)
    assert abs(gaz.lons[chukotka]) > 160


def test_display_names_drop_diacritics_and_transliteration_marks() -> None:
    assert display_name("Sāmarrā’") == "Samarra"
    assert display_name("Goražde") == "Gorazde"
    assert display_name("Kharkiv") == "Kharkiv"
