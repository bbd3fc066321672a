"""How an event's mode is chosen from its CAMEO code and its sentence's words."""

from sitroom.coding.modes import choose_mode


def test_the_sentence_names_the_weapon_of_an_attack() -> None:
    assert choose_mode("ASSAULT", None, "Gunmen opened fire on a bus near Kano.") == "firearms"
    assert choose_mode("ASSAULT", None, "Artillery shells hit the market.") == "heavy-weapons"


def test_a_code_that_names_the_act_beats_the_weapon_in_the_sentence() -> None:
    sentence = "On Saturday, gunmen abducted six men at a checkpoint, relatives said."
    assert choose_mode("ASSAULT", "abduct", sentence) == "abduct"  # CAMEO 181, not the gunmen's firearms
    assert choose_mode("ASSAULT", "torture", "Soldiers beat and tortured detainees.") == "torture"
    assert choose_mode("ASSAULT", "beat", "Police shot and beat protesters.") == "firearms"  # a means
