"""Wire datelines are blanked for parsing but keep every offset."""

from sitroom.coding.dateline import blank_dateline, find_dateline


def test_dateline_date_and_wire_are_blanked_with_offsets_kept() -> None:
    text = "KHARKIV, May 28 (Sitroom Wire) - Russian warplanes dropped bombs."
    blanked, dateline = blank_dateline(text)
    assert len(blanked) == len(text)
    assert blanked.startswith("KHARKIV,") and "May 28" not in blanked and "Sitroom" not in blanked
    assert text[dateline.end :].startswith("Russian warplanes")
    assert text[slice(*dateline.city)] == "KHARKIV"


def test_wire_without_date_and_no_dateline() -> None:
    assert find_dateline("WASHINGTON (Reuters) - The US said.") is not None
    assert find_dateline("Russian warplanes, May 28 - nothing else") is None
    assert find_dateline("NATO said on Monday - briefly - that it would meet.") is None


def test_dash_becomes_a_full_stop_so_the_city_is_not_the_subject() -> None:
    text = "ERBIL, Iraq, Oct 12 (Sitroom Wire) - A Turkish drone strike hit a car."
    blanked, dateline = blank_dateline(text)
    assert blanked[dateline.dash[0]] == "." and len(blanked) == len(text)
