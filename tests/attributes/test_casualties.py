"""Death and injury counts read from the event's own clause."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc, Token

from sitroom.attributes.casualties import Casualties, casualties, ordinal_death

Word = Callable[[str, str], Token]


def toll(word: Word, sentence: str, verb: str) -> Casualties:
    anchor = word(sentence, verb)
    return casualties(anchor, anchor.sent)


def test_active_and_passive(word: Word) -> None:
    assert toll(word, "Russian strikes killed 16 people in Kharkiv.", "killed") == Casualties(16, None)
    assert toll(word, "16 people were killed in Kharkiv.", "killed").killed == 16
    assert toll(word, "Gunmen stormed the village, killing 11.", "stormed").killed == 11
    assert toll(word, "The attack claimed 23 lives.", "claimed").killed == 23
    assert toll(word, "Two soldiers died when the convoy was ambushed.", "ambushed").killed == 2


def test_number_words_and_hedges(word: Word) -> None:
    assert toll(word, "Gunmen killed twenty-one people on Sunday.", "killed").killed == 21
    assert toll(word, "The strike killed at least 40 civilians.", "killed").killed == 40
    assert toll(word, "The raid killed more than a dozen fighters.", "killed").killed == 12
    assert toll(word, "Militants killed three soldiers near the border.", "killed").killed == 3
    assert toll(word, "The shelling killed 1,200 people over the year.", "killed").killed == 1200


def test_dead_and_wounded(word: Word) -> None:
    assert toll(word, "The blast left 5 people dead and 10 injured.", "left") == Casualties(5, 10)
    assert toll(word, "The attack left three dead.", "left").killed == 3
    sentence = "Five people were killed and 12 injured in the shelling, officials said."
    assert toll(word, sentence, "killed") == Casualties(5, 12)
    sentence = "Gunmen killed twenty-one people and wounded at least 40 over the weekend."
    assert toll(word, sentence, "killed") == Casualties(21, 40)
    assert toll(word, "Five dead and 10 wounded in Kharkiv strike.", "strike") == Casualties(5, 10)


def test_toll_takes_the_latest_figure(word: Word) -> None:
    assert toll(word, "The death toll from the strike climbed from 12 to 19.", "climbed").killed == 19
    assert toll(word, "The death toll rose to 19 on Thursday.", "rose").killed == 19
    sentence = "Russia struck Kharkiv, killing 5, and the death toll later rose to 7."
    assert toll(word, sentence, "struck").killed == 7


def test_subsets_are_not_added(word: Word) -> None:
    sentence = "The strike killed at least 40 civilians, including two children, and wounded more than 100."
    assert toll(word, sentence, "killed") == Casualties(40, 100)
    assert toll(word, "The shelling killed 16 people, among them four children.", "killed").killed == 16


def test_distinct_victims_add_up(word: Word) -> None:
    sentence = "The strike killed a senior Hamas commander and his two sons."
    assert toll(word, sentence, "killed").killed == 3
    assert toll(word, "A rocket hit the market, killing a woman.", "hit").killed == 1


def test_vague_counts(word: Word) -> None:
    assert toll(word, "Dozens of people were killed in the attack.", "killed") == Casualties(None, None, True)
    assert toll(word, "Israeli strikes killed civilians in Rafah.", "killed").vague
    hurt = toll(word, "Hundreds were injured in the clashes.", "injured")
    assert hurt.injured is None and not hurt.vague  # vague is about deaths


def test_not_casualties(word: Word) -> None:
    sentence = "Russia launched 16 drones and deployed 3,000 troops near the border."
    assert toll(word, sentence, "launched") == Casualties()
    assert toll(word, "The senator killed the bill.", "killed") == Casualties()
    assert toll(word, "The sanctions hurt the economy.", "hurt") == Casualties()


def test_other_events_keep_their_tolls(word: Word) -> None:
    sentence = "Russia struck Kharkiv on Saturday, and a second strike on Odesa killed three people."
    assert toll(word, sentence, "struck").killed is None
    assert toll(word, sentence, "killed").killed == 3
    sentence = "Israel struck Gaza after Hamas fired rockets that killed two people."
    assert toll(word, sentence, "struck").killed is None
    assert toll(word, sentence, "fired").killed == 2
    sentence = (
        "Israeli airstrikes killed eleven, the ministry said, as a separate strike in Rafah killed three."
    )
    first = word(sentence, "killed")
    assert casualties(first, first.sent).killed == 11


def test_count_in_a_relative_clause_belongs(word: Word) -> None:
    sentence = (
        "Russian strikes that hit a hardware superstore in the city the prior weekend killed 16 people."
    )
    assert toll(word, sentence, "hit").killed == 16
    assert toll(word, "Russia launched an attack that killed 5 people.", "launched").killed == 5


def test_ambiguous_or_non_human(word: Word) -> None:
    sentence = "Two air raids hit the town, in which 20 people were killed or wounded."
    assert toll(word, sentence, "hit") == Casualties()
    assert toll(word, "More than 150 dead fish washed up on the shore.", "washed") == Casualties()
    assert toll(word, "They will end up killing each other.", "killing") == Casualties()


def test_negated(word: Word) -> None:
    assert toll(word, "The officer and the dog were not injured in the incident.", "injured") == Casualties()
    assert toll(word, "No one was killed in the attack.", "killed") == Casualties()


def test_resultative_shot_dead(word: Word) -> None:
    assert (
        toll(word, "Police said officers had shot dead two suspected robbers on Tuesday.", "shot").killed == 2
    )
    assert toll(word, "Gunmen shot dead four guards at a checkpoint.", "shot").killed == 4


def test_toll_brought_or_put_at_a_figure(word: Word) -> None:
    sentence = "Divers found another body on Monday, bringing the toll from the ferry sinking to nine."
    assert toll(word, sentence, "found").killed == 9
    sentence = "Medics recovered more bodies overnight, and the ministry later put the death toll at 31."
    assert toll(word, sentence, "put").killed == 31


def test_sources_listed_after_the_victims_are_not_victims(word: Word) -> None:
    sentence = "Shelling hit the market on Friday, killing at least 9 people, witnesses and a doctor said."
    assert toll(word, sentence, "hit").killed == 9
    sentence = "The bomb killed two guards and a shopkeeper, police said."
    assert toll(word, sentence, "killed").killed == 3


def test_ordinal_victim_gives_the_new_toll(word: Word) -> None:
    anchor = word("A fifth victim died in hospital on Tuesday, the mayor said.", "died")
    assert ordinal_death(anchor.sent) == 5
    anchor = word("A second round of talks began on Tuesday.", "began")
    assert ordinal_death(anchor.sent) is None


def test_lists_the_parser_splits(word: Word) -> None:
    sentence = "Troops clashed with rebels over the weekend, leaving four soldiers and seven rebels dead."
    assert toll(word, sentence, "clashed").killed == 11
    sentence = (
        "Gunmen raided a village overnight, killing a local chief and three of his relatives, police said."
    )
    assert toll(word, sentence, "raided").killed == 4
    sentence = (
        "A bomb exploded near a checkpoint on Sunday, killing two soldiers and a civilian, officials said."
    )
    assert toll(word, sentence, "exploded").killed == 3
    sentence = "Gunmen opened fire on a wedding on Tuesday, killing six people, among them a 12-year-old boy."
    assert toll(word, sentence, "opened").killed == 6


def test_number_of_dead_is_a_toll(word: Word) -> None:
    sentence = "A wounded soldier died on Sunday night, raising the number of dead to 12, the ministry said."
    assert toll(word, sentence, "died").killed == 12


def test_pronoun_victims_and_large_numbers(word: Word) -> None:
    sentence = "Gunmen dragged a judge and her driver from their car on Saturday and shot them dead."
    assert toll(word, sentence, "dragged").killed == 2
    assert toll(word, "Some half a million people were killed in the war.", "killed").killed == 500_000


def test_a_number_held_is_not_a_toll(word: Word) -> None:
    sentence = (
        "The rebels detained two aid workers, bringing to 13 the number of its staff held by the group."
    )
    assert toll(word, sentence, "detained").killed is None


def test_more_ways_news_counts_the_dead(word: Word) -> None:
    sentence = "The dead included two police officers and a 16-year-old girl, the mayor's office said."
    assert toll(word, sentence, "included").killed == 3
    assert (
        toll(word, "A roadside bomb claimed the lives of five soldiers on Wednesday.", "claimed").killed == 5
    )
    assert toll(word, "Three soldiers and both attackers were killed, the army said.", "killed").killed == 5
    sentence = (
        "Two suicide bombers blew themselves up at a mosque, killing four worshippers as well as themselves."
    )
    assert toll(word, sentence, "blew").killed == 6
    sentence = "The bodies of seven people were found in a forest, and they had been killed by rebels."
    assert toll(word, sentence, "killed").killed == 7


def test_found_shot_dead(word: Word) -> None:
    assert toll(word, "On Tuesday a union organiser was found shot dead near the mine.", "found").killed == 1


@pytest.mark.parametrize(
    ("sentence", "verb", "killed"),
    [
        ("Four guards were martyred when a mine went off near their post.", "martyred", 4),
        ("Two gunmen were neutralised in the firefight near the depot.", "neutralised", 2),
        ("Three bandits were gunned down in an encounter with police.", "gunned", 3),
        ("Six traders were burned to death when a mob set fire to a bus.", "burned", 6),
        ("Two young men lost their lives in clashes with soldiers.", "lost", 2),
        ("Troops shelled the camp, which led to the martyrdom of five fighters.", "shelled", 5),
        ("Guards fired, which resulted in the killing of four of the smugglers.", "fired", 4),
        ("Workers burned to the ground a depot near the town.", "burned", None),
    ],
)
def test_other_words_for_killing(word: Word, sentence: str, verb: str, killed: int | None) -> None:
    assert toll(word, sentence, verb).killed == killed


@pytest.mark.parametrize(
    ("sentence", "verb", "killed"),
    [
        ("Troops engaged the raiders, killing eight of them.", "engaged", 8),
        ("Guards exchanged fire with the bandits, two of whom were killed.", "killed", 2),
        ("Militants killed 12 people, three of them children.", "killed", 12),
    ],
)
def test_of_them_is_the_count_itself_when_the_verb_counts_it(
    word: Word, sentence: str, verb: str, killed: int
) -> None:
    assert toll(word, sentence, verb).killed == killed


def test_a_subset_list_joined_to_the_victims_is_not_added(word: Word) -> None:
    sentence = "At least ten villagers, among them four women and two boys, were killed in the raid."
    assert toll(word, sentence, "killed").killed == 10


def test_a_toll_rising_in_a_with_phrase(word: Word) -> None:
    sentence = "A gunman opened fire at a market, with the death toll rising to 19 people by Monday."
    assert toll(word, sentence, "opened").killed == 19


def test_a_named_victim_and_one_of_his_guards_are_two(word: Word) -> None:
    sentence = "The village chief and one of his guards were killed when gunmen ambushed their car."
    assert toll(word, sentence, "killed").killed == 2
    assert toll(word, "Gunmen killed the mayor and one of his bodyguards.", "killed").killed == 2
    assert toll(word, "The rival clans attacked each other.", "attacked").killed is None


def test_with_the_victims_killed_is_the_acts_toll(word: Word) -> None:
    """ "…, with at least 26 fighters killed": the participle's subject is the victims, not an attacker."""
    sentence = (
        "The Houthi movement pressed its offensive on the city of Marib on Wednesday, with at least 26 "
        "fighters from both sides killed in a night of clashes."
    )
    assert toll(word, sentence, "pressed").killed == 26
    sentence = "Militants stormed the town on Sunday, with eight soldiers killed and 12 wounded."
    assert toll(word, sentence, "stormed") == Casualties(8, 12)


def test_a_mortal_wound_is_a_death(word: Word) -> None:
    sentence = "As a result of the shelling, Corporal Davit Harutyunyan was mortally wounded."
    assert toll(word, sentence, "wounded") == Casualties(1, None)
    assert toll(word, "Two guards were wounded in the raid.", "wounded") == Casualties(None, 2)


def test_a_count_the_parser_hung_on_a_name_in_the_phrase(word: Word) -> None:
    sentence = "Four Border Security Force (BSF) personnel were killed when militants ambushed their patrol."
    assert toll(word, sentence, "killed").killed == 4
    sentence = (
        "SRINAGAR, May 2 (Valley Newswire): Three Central Reserve Police Force (CRPF) personnel were killed "
        "when militants ambushed their vehicle."
    )
    assert toll(word, sentence, "killed").killed == 3


def test_a_named_victim_with_a_title_is_one(word: Word) -> None:
    sentence = "After the ambush, Agent Julio Ramírez Caal Pop lost his life and four other agents were hurt."
    assert toll(word, sentence, "lost").killed == 1


def test_a_clause_describing_the_act_or_its_scene_is_not_another_act(word: Word) -> None:
    sentence = (
        "The minister condemned the mortar attack carried out on Friday by militants against the airbase "
        "near Erbil, in which one of our soldiers was martyred and three were wounded."
    )
    assert toll(word, sentence, "attack") == Casualties(1, 3)
    sentence = (
        "A rocket hit a school compound in the town where some 200 displaced families were sheltering, "
        "killing three civilians and injuring seven others."
    )
    assert toll(word, sentence, "hit") == Casualties(3, 7)
    sentence = "Police said rebels attacked a village where soldiers had killed two farmers last year."
    assert toll(word, sentence, "attacked").killed is None


def test_the_number_of_the_killed_is_a_toll(word: Word) -> None:
    """Train split (W01, W02, W17, W19, W20; translated copy most of all): "the number of martyrs / of
    killed / of persons who lost the life … has reached N" gives N, not the count in its clause."""
    sentence = "One of two wounded policemen has died, so the number of killed in the incident is now three."
    assert toll(word, sentence, "number").killed == 3
    sentence = (
        "The number of persons who lost the life in the attack of the Bariga hotel has arrived to 15, "
        "after three of injured persons died in the hospital."
    )
    assert toll(word, sentence, "arrived").killed == 15
    sentence = "The number of people killed in the protests has risen to three."
    assert toll(word, sentence, "risen").killed == 3
    assert toll(word, "The number of people arrested has risen to 40.", "risen").killed is None


def test_the_figure_a_toll_rose_from_is_not_its_toll(word: Word) -> None:
    assert toll(word, "The toll has risen from 23 reported on 17 October.", "risen").killed is None
    assert toll(word, "The toll rose from 12 to 19 on Tuesday.", "rose").killed == 19


def test_victims_along_with_others_and_subsets_after_among(word: Word) -> None:
    """Train split (W04, W17, W21, W22): "along with a companion" adds a victim; "among them two women
    and a child" breaks the seven down; "shot dead a village headman" misparsed ("shot" a noun) is one."""
    sentence = "The leader of Los Choneros was shot dead along with a companion at a cafe in Manta."
    assert toll(word, sentence, "shot").killed == 2
    sentence = "The aircraft hit a camp and killed seven civilians, among them two women and a child."
    assert toll(word, sentence, "killed").killed == 7
    sentence = "On Sunday evening, gunmen on a motorcycle shot dead a village headman outside a tea shop."
    assert toll(word, sentence, "dead").killed == 1
    sentence = "Gunmen killed three villagers with knives and machetes."
    assert toll(word, sentence, "killed").killed == 3


def test_a_running_total_beside_the_acts_own_count_is_not_its_toll(word: Word) -> None:
    """Train split (W15, W19): the act's count, not the war's total the same sentence adds to it; a
    running total alone is kept (annotators code "since 14 November, three civilians have been killed")."""
    sentence = (
        "Israeli air strikes killed at least 38 Palestinians over the past 24 hours, the health ministry "
        "said, bringing the toll since October to more than 33,000."
    )
    assert toll(word, sentence, "killed").killed == 38
    sentence = "Since 14 November, three Israeli civilians have been killed and 63 injured by rockets."
    assert toll(word, sentence, "killed").killed == 3


def test_a_clause_on_a_noun_or_a_scene_with_the_same_doer_is_the_acts(word: Word) -> None:
    """Train split (W04, W08): "compounds *used by* exiled parties … and killing four" (the parser joins
    the act's gerund to the participle) and "attacked the village, *where they killed* nine (9)"."""
    sentence = (
        "Iran's Revolutionary Guards fired missiles and sent drones into Iraq's Kurdistan region overnight, "
        "hitting at least three compounds used by exiled Kurdish opposition parties on the outskirts of "
        "Koya and killing four people, Kurdish officials said on Tuesday."
    )
    assert toll(word, sentence, "fired").killed == 4
    sentence = (
        "ADF terrorists attacked the village of Mamulese, in the Bapere sector of Lubero territory, where "
        "they killed nine (9) civilians with knives and firearms."
    )
    assert toll(word, sentence, "attacked").killed == 9
    sentence = "Troops shelled the town, where rebels later killed two hostages."
    assert toll(word, sentence, "shelled").killed is None


def test_victims_the_parser_gives_to_the_reporting_verb(word: Word) -> None:
    """A quoted aside between the victims and "had been killed" makes the parser read the victims as what
    the source said, leaving the passive with no subject: they are still the victims."""
    sentence = (
        'The police spokesman, Inspector General Office, said nine gunmen, including "two senior '
        'commanders," had been killed.'
    )
    assert toll(word, sentence, "killed").killed == 9
    sentence = "The governor told reporters that the building had been destroyed."
    assert toll(word, sentence, "destroyed").killed is None


def test_victims_raised_to_the_reporting_verb(word: Word) -> None:
    """ "Nine people are known to have been killed": the parser makes the victims the subject of the
    passive "known" and the kill verb its complement with no subject; they are still the victims. A guess
    ("are feared to have died") is not a count."""
    assert toll(word, "Nine people are known to have been killed.", "killed").killed == 9
    sentence = "At least 14 villagers are believed to have died in the fire the raiders set."
    assert toll(word, sentence, "died").killed == 14
    sentence = "Three guards were reported to have been killed in the ambush on the convoy."
    assert toll(word, sentence, "killed").killed == 3
    assert toll(word, "Dozens of people are feared to have died.", "died").killed is None


def test_victims_a_source_names_with_what_it_called(word: Word) -> None:
    """ "Killing what the army called 14 soldiers": the victims are the naming clause's complement (the
    parser makes "what" its object, or a determiner), not another act's."""
    sentence = (
        "Rebels attacked an army post near the border on Sunday, killing what the army called 14 soldiers."
    )
    assert toll(word, sentence, "attacked").killed == 14
    sentence = "The air force said it had bombed a rebel camp, killing what it described as 9 fighters."
    assert toll(word, sentence, "bombed").killed == 9
    sentence = (
        "Troops raided the hideout, killing what officials called six kidnappers and freeing two hostages."
    )
    assert toll(word, sentence, "raided").killed == 6
    sentence = "Troops raided the hideout, and officials called it a success."
    assert toll(word, sentence, "raided").killed is None


def test_a_number_that_names_a_class_is_not_a_count(word: Word) -> None:
    """ "A 17-year-old form three student", "a grade 10 pupil": a singular person noun after "a" is one
    victim; the number names the class. A plural noun keeps its count."""
    sentence = "A 17-year-old form three student was shot dead by police on Tuesday."
    assert toll(word, sentence, "shot").killed == 1
    assert (
        toll(word, "Gunmen killed 4 police officers and a grade 10 pupil in the raid.", "killed").killed == 5
    )
    assert toll(word, "Gunmen killed 4 grade 10 pupils in the raid.", "killed").killed == 4


def test_victims_who_lost_their_lives_when_the_act_happened(word: Word) -> None:
    """ "Lost their lives when gunmen stormed …" tells the victims as "died when" does; a relative clause
    about another attack ("the attack, in which three officers lost their lives") stays that attack's."""
    sentence = "Four guards lost their lives when gunmen stormed the bank in the capital on Friday."
    assert toll(word, sentence, "stormed").killed == 4
    sentence = "Three farmers lost their lives on Monday when an armed group opened fire on a market."
    assert toll(word, sentence, "opened").killed == 3
    sentence = (
        "Police arrested two men suspected of the attack on the station, in which three officers lost "
        "their lives."
    )
    assert toll(word, sentence, "arrested").killed is None


def test_a_passive_kill_verbs_object_that_names_no_one_is_a_misparse(nlp) -> None:
    """Lower-cased copy: the parser gave "was hacked to death … in north 24 parganas' basirhat
    subdivision" the subdivision as its object, which hid the victim (the passive's subject). The parse
    is built by hand, as the parser gave it, since the model makes it only on some sentences."""
    words = ["A", "guard", "was", "stabbed", "to", "death", "by", "robbers", "near", "the", "market", "."]
    heads = [1, 3, 3, 3, 3, 4, 3, 6, 3, 10, 3, 3]
    deps = ["det", "nsubjpass", "auxpass", "ROOT", "prep", "pobj", "agent", "pobj", "advmod", "det", "dobj",
            "punct"]  # fmt: skip
    tags = ["DT", "NN", "VBD", "VBN", "IN", "NN", "IN", "NNS", "RB", "DT", "NN", "."]
    pos = ["DET", "NOUN", "AUX", "VERB", "ADP", "NOUN", "ADP", "NOUN", "ADV", "DET", "NOUN", "PUNCT"]
    lemmas = ["a", "guard", "be", "stab", "to", "death", "by", "robber", "near", "the", "market", "."]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, tags=tags, pos=pos, lemmas=lemmas)
    assert casualties(doc[3], doc[:]).killed == 1
    # an object that names people is still the count: "… near the market" read as "two guards"
    words[9:11], tags[9:11], pos[9:11] = ["two", "guards"], ["CD", "NNS"], ["NUM", "NOUN"]
    deps[9], lemmas[9:11] = "nummod", ["two", "guard"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, tags=tags, pos=pos, lemmas=lemmas)
    assert casualties(doc[3], doc[:]).killed == 2
