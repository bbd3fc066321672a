"""Wire datelines are blanked for parsing but keep every offset."""

from sitroom.coding.dateline import (
    blank_dateline,
    break_lead_labels,
    break_paragraphs,
    caption_spans,
    find_dateline,
    strip_datelines,
)


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


def test_headline_and_title_lines_end_a_sentence_with_offsets_kept() -> None:
    text = "FLOODS CUT OFF TOWNS - MAYOR\n\nRescuers reached the town.\n10:05 GMT - Bridge reopens\nIt did."
    broken = break_paragraphs(text)
    assert len(broken) == len(text)
    assert broken.startswith("FLOODS CUT OFF TOWNS - MAYOR.\n")  # a blank line after it
    assert "Bridge reopens.It did." in broken  # a short title line
    assert "the town.\n10:05" in broken  # a line already ended is left alone


def test_wrapped_running_text_is_not_broken() -> None:
    long = "The ministry said the convoy had been delayed at the crossing for hours by"
    assert break_paragraphs(f"{long}\nofficials.") == f"{long}\nofficials."
    assert break_paragraphs(f"{long}\nOfficials said.") == f"{long}\nOfficials said."


def test_a_dateline_under_a_headline_is_found() -> None:
    text = "GUNMEN STORM VILLAGE\n\nMAIDUGURI, May 3 (Wire) - Boko Haram fighters attacked a village."
    dateline = find_dateline(text)
    assert dateline is not None
    assert text[slice(*dateline.city)] == "MAIDUGURI"
    assert text[dateline.end :].startswith("Boko Haram")


def test_a_sentence_line_is_not_a_headline_over_a_dateline() -> None:
    assert find_dateline("The army said so.\nKHARKIV, May 28 (Wire) - Russian warplanes hit.") is None


def test_a_day_before_the_month_is_a_dateline_date_too() -> None:
    text = "NIAMEY, 16 April 2025 - The Sahel Humanitarian Forum today condemned an attack."
    blanked, dateline = blank_dateline(text)
    assert dateline is not None and "16 April 2025" not in blanked and len(blanked) == len(text)
    assert text[dateline.end :].startswith("The Sahel")


def test_other_datelines_end_a_sentence_with_offsets_kept() -> None:
    """A city and its date before a colon, or a city in capitals before a bare dash, is its own sentence."""
    for text, broken in [
        ("Srinagar, Sep 26: Two militants were killed.", "Srinagar, Sep 26. Two militants were killed."),
        ("Title\n\nDhaka, 26 June 2014: Police fired.", "Title\n\nDhaka, 26 June 2014. Police fired."),
        ("MAROUA - At least six people died.", "MAROUA . At least six people died."),
        ("SUGAPA, Intan Jaya - Two drivers were shot.", "SUGAPA, Intan Jaya . Two drivers were shot."),
        ("MALAYBALAY CITY -- Rebels burned trucks.", "MALAYBALAY CITY .  Rebels burned trucks."),
    ]:
        assert break_lead_labels(text) == broken and len(broken) == len(text)


def test_dashes_and_colons_inside_running_text_or_labels_stay() -> None:
    for text in [
        "The army said - briefly - that it would.",
        "HOST (AMINA CHEBET): Good morning.",
        "HIGHLIGHTS\n- The toll rose.",
        "He said: Monday, May 3: nothing.",
    ]:
        assert break_lead_labels(text) == text


def test_datelines_are_not_evidence() -> None:
    assert (
        strip_datelines("KYIV, July 8 (Sitroom Wire) - A missile hit a hospital.")
        == "A missile hit a hospital."
    )
    assert strip_datelines("BRUSSELS, Feb 26 - Farmers protested.") == "Farmers protested."


def test_a_dateline_after_a_headline_is_not_evidence() -> None:
    """The filing city and day are not the event's: "YAOUNDE, Nov 22" under the headline."""
    text = "GUNMEN KILL FIVE IN NORTHWEST\n\nYAOUNDE, Nov 22 (PAW) - Gunmen stormed Ndop late on Sunday."
    assert strip_datelines(text) == "GUNMEN KILL FIVE IN NORTHWEST\n\nGunmen stormed Ndop late on Sunday."
    with_country = "SHELLS HIT CAMP\n\nEL FASHER, Sudan, Sept 17 (Horizon Wire) - Shells hit the market."
    assert strip_datelines(with_country) == "SHELLS HIT CAMP\n\nShells hit the market."


def test_a_regional_papers_dateline_is_not_evidence() -> None:
    """ "Bogura, Jan 17:" dates the filing, not the clash the story tells; a weekday heading is a date."""
    assert strip_datelines("BOGURA, Jan 17: A court jailed 14 activists.") == "A court jailed 14 activists."
    assert strip_datelines("Malkangiri, May 7: Three jawans were killed.") == "Three jawans were killed."
    assert strip_datelines("NAIROBI / EL FASHER, 11 August 2024 - Shells hit.") == "Shells hit."
    assert strip_datelines("Monday, May 9: Shells hit.") == "Monday, May 9: Shells hit."
    assert strip_datelines("Kharkiv, the city, said: no.") == "Kharkiv, the city, said: no."


def test_a_credit_in_brackets_ends_its_paragraph() -> None:
    """The parser runs "(Coast Wire / A. Odhiambo)" into the next paragraph's first sentence unless a full
    stop closes it; a bracket after a full stop, or inside a paragraph, is left alone."""
    text = "Medics treat a man. (Coast Wire / A. Odhiambo)\n\nPolice said two were held (AFP)\n\nIt rained."
    broken = break_paragraphs(text)
    assert len(broken) == len(text)
    assert "(Coast Wire / A. Odhiambo).\nPolice" in broken and "held (AFP).\nIt rained." in broken
    assert break_paragraphs("He left (for good.)\n\nThen.") == "He left (for good.)\n\nThen."
    wrapped = "A (long) line ending in one (x)\nand more."
    assert break_paragraphs(wrapped) == wrapped


def test_caption_lines_are_found_whatever_their_label() -> None:
    text = (
        "Troops shelled the town on Monday.\n"
        "Photo: Smoke rises over the market on Monday. (Coast Wire)\n"
        "Pictured: Medics at the scene.\n"
        "PHOTO CAPTION: A crater.\n"
        "The photo: no label here, a sentence.\n"
    )
    found = [text[start:end] for start, end in caption_spans(text)]
    assert found == [
        "Photo: Smoke rises over the market on Monday. (Coast Wire)",
        "Pictured: Medics at the scene.",
        "PHOTO CAPTION: A crater.",
    ]


def test_a_lower_cased_lead_after_a_dateline_starts_a_sentence() -> None:
    """Lower-cased regional copy: "pune, june 4: a constable was …" ran on past the full stop the colon
    became, so the city was the lead's subject; the lead's first letter is raised (same length)."""
    text = "pune, june 4: a constable was stabbed near the station."
    broken = break_lead_labels(text)
    assert broken == "pune, june 4. A constable was stabbed near the station." and len(broken) == len(text)
