"""How many people an event killed and wounded, read from the event's own clause.

A count is a number (digits or words) or a person noun that a casualty word governs: the object of
"killed"/"wounded", the subject of "were killed"/"died", the noun "dead" modifies ("left 5 dead"), the
figure a "death toll" rose to. Counts of anything else ("16 drones", "3,000 troops" deployed) are never
casualties, subsets ("including two children") are not added again, and a toll in a clause with its own
attacker ("as a separate strike killed three") belongs to that other event.

>>> casualties(anchor, sentence)  # "Russian strikes killed at least 16 people and wounded dozens."
Casualties(killed=16, injured=None, vague=False)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from sitroom.attributes._syntax import (
    REPORTING,
    SUBJECTS,
    SentenceTree,
    crosses_clause,
    governing_verb,
    is_verb,
    lowest_common_ancestor,
    own_subject,
    sentence_tree,
    separate_clause,
)
from sitroom.attributes.numbers import number_value

KILLED, INJURED = "killed", "injured"
_KILL_VERBS = {"kill", "slay", "massacre", "murder", "execute", "behead", "assassinate", "slaughter", "die",
               "perish", "martyr", "neutralise", "neutralize"}  # fmt: skip
# "Were martyred" (South Asian and Arabic press), "neutralised" (military statements: killed in action).
# Nouns of killing whose "of" phrase names the dead: "the killing of three of the smugglers".
_KILL_NOUNS = {"killing", "martyrdom", "murder", "assassination", "execution", "death", "body"}
_INJURE_VERBS = {"wound", "injure", "maim"}  # not "hurt": sanctions hurt economies
_STATE_WORDS = {"dead": KILLED, "killed": KILLED, "wounded": INJURED, "injured": INJURED, "hurt": INJURED}
_COUNT_NOUNS = {"death": KILLED, "fatality": KILLED, "injury": INJURED, "body": KILLED}  # "12 bodies"
_LIFE_VERBS = {"claim", "cost", "take", "lose"}
_TOLL_PREPS = {"to", "at", "of", "from"}
_TOLL_VERBS = {"put", "raise", "bring", "revise", "update"}
_THEMSELVES = re.compile(r"\b(as well as|and|along with) (themselves|himself|herself)\b", re.IGNORECASE)
_VAGUE = {"dozens", "scores", "hundreds", "thousands", "tens", "several", "many", "numerous", "countless",
          "some", "multiple"}  # fmt: skip
_SUBSET = {"including", "among", "includes", "include"}
_NOT_PEOPLE = {"drone", "missile", "rocket", "shell", "tank", "vehicle", "building", "home", "house",
               "percent", "day", "week", "month", "year", "hour", "aircraft", "plane", "ship", "car",
               "truck", "animal", "cattle", "dog", "everyone", "nobody", "none", "it", "that", "which",
               "responsibility"}  # fmt: skip
_SINGLE_PRONOUNS = {"him", "her", "he", "she"}
_SCALES = {"dozen", "hundred", "thousand", "million"}
# Nouns for people that carry no person suffix; "-ist", "-ian", "-man", "-ier" words count too.
_PERSON_NOUNS = {
    "people", "person", "man", "woman", "child", "boy", "girl", "baby", "infant", "toddler", "teenager",
    "teen", "adult", "civilian", "resident", "soldier", "officer", "commander", "fighter", "militant",
    "member", "leader", "worker", "driver", "pilot", "doctor", "nurse", "medic", "farmer", "student",
    "teacher", "official", "mayor", "governor", "general", "colonel", "chief", "guard", "agent", "trooper",
    "troop", "recruit", "policeman", "police", "protester", "demonstrator", "hostage", "prisoner",
    "detainee", "suspect", "migrant", "refugee", "passenger", "pedestrian", "shopper", "customer",
    "worshipper", "pilgrim", "priest", "imam", "reporter", "photographer", "staffer", "employee",
    "volunteer", "rescuer", "firefighter", "paramedic", "victim", "relative", "son", "daughter",
    "father", "mother", "brother", "sister", "wife", "husband", "sibling", "others", "insurgent", "rebel",
    "jihadist", "gunman", "attacker", "bomber", "combatant", "personnel", "crew", "sailor", "marine",
    "villager", "citizen", "national", "settler", "youth", "elder", "minor", "patient", "inmate",
    "vendor", "trader", "shopkeeper", "bystander", "visitor", "survivor", "contractor", "inspector",
    "investigator", "observer", "peacekeeper", "monitor", "lawyer", "judge", "diplomat", "tourist",
    "herder", "fisherman", "miner", "labourer", "laborer", "mourner", "spectator", "supporter", "organiser",
    "organizer", "campaigner", "worshiper", "coordinator", "shepherd", "watchman", "companion", "colleague",
    "comrade", "bodyguard", "aide", "escort", "rider", "jawan", "cadre", "commuter", "occupant", "hawker",
    "dealer", "conductor", "wayfarer", "pupil",
}  # fmt: skip
_PERSON_SUFFIXES = ("ist", "ian", "man", "men", "ier", "eer", "ant")
# Verbs whose subject is the toll or the victims, not an attacker: they do not make a clause another act's.
_NON_AGENTIVE = {"die", "perish", "be", "rise", "climb", "reach", "stand", "increase", "jump", "grow",
                 "top", "exceed", "surpass", "remain", "hit", "mount", "soar"} | REPORTING  # fmt: skip


@dataclass(frozen=True)
class Casualties:
    """People killed and injured in one event; ``vague`` when deaths are stated without a count
    ("dozens were killed") and no exact figure was given."""

    killed: int | None = None
    injured: int | None = None
    vague: bool = False


@dataclass(frozen=True)
class _Count:
    kind: str
    value: int | None  # None: stated without a number
    patient: Token
    predicate: Token
    toll: bool = False


# ----------------------------------------------------------------------------------------------------
# Numbers and the people they count


def _is_number(token: Token) -> bool:
    return (token.like_num or token.tag_ == "CD" or token.lower_ in _SCALES) and token.lower_ not in _VAGUE


def _number_phrase(token: Token) -> int | None:
    """The value of a number with the number words just before it that depend on it ("twenty-one",
    "a dozen", "1.2 million"); not "12" in "from 12 to 19", which a word separates."""
    start = token.i
    doc = token.doc
    while start > 0:  # the loop stops at the first word that is not part of the number anyway
        before = doc[start - 1]
        part = _is_number(before) or before.lower_ in {"a", "an", "-", "half"}
        if not (part and (before.head.i == token.i or token.is_ancestor(before))):
            break
        start -= 1
    value = number_value(doc[start : token.i + 1].text)
    return value if value is not None else number_value(token.text)


def _count_of(patient: Token) -> tuple[int | None, bool] | None:
    """(count, vague) for the words naming the victims; None when they are not people."""
    if any(c.lower_ == "no" for c in patient.children) or patient.lower_ in {"nobody", "none"}:
        return None  # "no one was killed"
    if patient.lower_ in _VAGUE:
        return None, True
    if _is_number(patient):
        value = _number_phrase(patient)
        return (value, False) if value is not None else None
    if patient.lemma_.lower() in _NOT_PEOPLE:
        return None
    one = _one_of_a_class(patient)
    for child in patient.children:
        if (child.dep_ == "nummod" and not one) or (child.dep_ == "amod" and child.lower_ in _VAGUE):
            return _count_of(child)
    number = None if one else _leading_number(patient)
    if number is not None:
        return _count_of(number)
    if any(c.lower_ == "both" for c in patient.children):  # "three soldiers and both attackers"
        return 2, False
    if patient.lower_ in _SINGLE_PRONOUNS:
        return 1, False
    if patient.lower_ in {"they", "them"}:  # "the bodies of seven people were found … they had been killed"
        return _earlier_count(patient)
    if not _names_people(patient):
        return None
    return (None, True) if patient.tag_ in {"NNS", "NNPS"} else (1, False)


def _one_of_a_class(noun: Token) -> bool:
    """ "A 19-year-old *form four* student", "a grade 9 pupil": a singular noun after "a" is one person,
    and a number on it names a class or a rank, not a count."""
    return noun.tag_ == "NN" and any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in noun.children)


def _leading_number(noun: Token) -> Token | None:
    """ "*Six* Central Reserve Police Force (CRPF) personnel": the parser hangs the count on a name inside
    the noun phrase; a number that counts a name word before a plural person noun counts the people."""
    if not (_names_people(noun) and noun.tag_ in {"NNS", "NNPS", "NN"}):
        return None
    numbers = (
        t
        for t in noun.subtree
        if t.i < noun.i and t.dep_ == "nummod" and t.head.dep_ in {"compound", "nmod"} and t.head.i < noun.i
    )
    nearest = max(numbers, key=lambda t: t.i, default=None)
    return nearest if nearest is not None and _is_number(nearest) else None


_LOOK_BACK = 60  # words: a pronoun's antecedent count is near it, and a run-on sentence must stay linear


def _earlier_count(pronoun: Token) -> tuple[int | None, bool] | None:
    """The count of the nearest counted people before a plural pronoun in its sentence, if any."""
    doc = pronoun.doc
    for i in range(pronoun.i - 1, max(-1, pronoun.i - 1 - _LOOK_BACK), -1):
        token = doc[i]
        if token.dep_ == "nummod" and _names_people(token.head):
            value = _number_phrase(token)
            return (value, False) if value is not None else None
        if token.is_sent_start:
            break
    return None


def _names_people(noun: Token) -> bool:
    """A person noun ("civilians", "a commander", "a journalist") or a person's name: not "the deal"."""
    lemma = noun.lemma_.lower()
    if any(c.lower_ in {"each", "one"} and c.dep_ != "conj" for c in noun.children):
        return False  # "killing each other", "one another"; not "the chief and one of his guards"
    if noun.ent_type_ in {"PERSON", "NORP"} or lemma in _PERSON_NOUNS or noun.lower_ in _PERSON_NOUNS:
        return True
    named = (t for t in noun.subtree if t.i < noun.i and t.dep_ == "compound")
    if noun.pos_ == "PROPN" and any(_is_title(t) or t.ent_type_ == "PERSON" for t in named):
        return True  # "contract serviceman Junior Sergeant Arman Grigoryan", "Agent Julio César Caal Pop"
    return lemma.endswith(_PERSON_SUFFIXES)


def _is_title(word: Token) -> bool:
    lemma = word.lemma_.lower()
    return lemma in _PERSON_NOUNS or word.lower_ in _TITLES or lemma.endswith(_PERSON_SUFFIXES)


_TITLES = {"sergeant", "corporal", "private", "lieutenant", "captain", "major", "constable", "agent",
           "inspector", "mr", "mrs", "ms", "dr", "sheikh", "cleric", "chairman", "councillor",
           "senator"}  # fmt: skip


def _is_subset(patient: Token, predicate: Token, tree: SentenceTree | None = None) -> bool:
    """ "Including two children", "among them", "three of them children": part of a count already given.
    Not the count itself: "killing *nine of them*", "the bandits, *two of whom* were killed"."""
    counted_by_it = patient.head.i == predicate.i and patient.dep_ in {"dobj", "nsubjpass", "nsubj"}
    preps = (c for c in patient.children if c.dep_ == "prep" and not (counted_by_it and c.lower_ == "of"))
    if any(g.lower_ in {"them", "whom"} for prep in preps for g in prep.children):
        return True
    if tree is not None and tree.holds(patient) and tree.holds(predicate):
        below = patient.i == predicate.i or tree.is_ancestor(predicate, patient)
        return tree.any_between("subset", _subset_word, patient, predicate if below else None)
    for token in [patient, *patient.ancestors]:
        if token.i == predicate.i:
            return False
        if token.lower_ in _SUBSET:
            return True
    return False


def _subset_word(token: Token) -> bool:
    return token.lower_ in _SUBSET


# ----------------------------------------------------------------------------------------------------
# Casualty words and their victims


def _with_conjuncts(tokens: list[Token]) -> list[Token]:
    """ "killed 3 soldiers and 2 civilians": both objects.

    Not the sources the parser joins to them: "killing 18 people, *residents and a health official*
    said" (a list that runs into a reporting verb is who says so).
    """
    found = []
    for token in tokens:
        found.append(token)
        conjuncts = [c for c in token.conjuncts if c.i > token.i and not is_verb(c)]
        if conjuncts and not _runs_into_report(conjuncts[-1]):
            found.extend(_before_a_subset(conjuncts))
    return found


def _before_a_subset(conjuncts: list[Token]) -> list[Token]:
    """ "Twelve persons, *among them five women and three children*, were killed": the parser may join
    the subset's list to the victims; from its first word on ("among them", "including") it is part
    of the count already given."""
    kept = []
    for conjunct in conjuncts:
        if any(c.lower_ in _SUBSET for c in conjunct.children):
            break
        kept.append(conjunct)
    return kept


def _runs_into_report(noun: Token) -> bool:
    after = noun.doc[noun.right_edge.i + 1] if noun.right_edge.i + 1 < len(noun.doc) else None
    return after is not None and after.lemma_.lower() in REPORTING


def _verb_patients(verb: Token) -> list[Token]:
    """Victims of "killed X", "X were killed", "X died", "16 people killed in ...", "10 wounded"."""
    children = list(verb.children)
    objects = _objects(verb)
    if objects and _passive_with_no_victim_object(verb, objects):
        objects = []  # "was hacked to death … at minakhan in north 24 parganas' basirhat subdivision"
    if objects:
        numbers = [c for c in children if c.dep_ == "conj" and _is_number(c)]  # "a chief and three of …"
        return _with_conjuncts(objects) + numbers + _dangling_conjunct(objects[-1])
    passive = [c for c in children if c.dep_ == "nsubjpass"] or _reported_victims(verb)
    passive = passive or _raised_victims(verb)
    if passive:
        return _with_conjuncts(passive)
    named = _as_named(verb)
    if named:
        return _with_conjuncts(named)
    subjects = [c for c in children if c.dep_ == "nsubj"]
    if subjects and verb.lemma_.lower() in {"die", "perish"}:
        return _with_conjuncts(subjects)
    if subjects and verb.tag_ == "VBN" and (_is_number(subjects[0]) or subjects[0].lower_ in _VAGUE):
        return subjects  # "... and 10 wounded", parsed as the subject of "wounded"
    headline = not any(c.dep_ in {"aux", "auxpass"} for c in children)
    counted = bool(subjects) and any(c.dep_ == "nummod" for c in subjects[0].children)
    if verb.tag_ in {"VBN", "VBD"} and headline and counted:
        return subjects  # headlinese passive: "Two soldiers killed, six wounded"
    if verb.dep_ in {"acl", "amod"} and verb.head.pos_ in {"NOUN", "NUM", "PROPN"}:
        return [verb.head]
    return _next_counted_noun(verb)


def _passive_with_no_victim_object(verb: Token, objects: list[Token]) -> bool:
    """A passive kill verb has its victims as subject; an "object" the parser gives it that names no
    people is a place or a time misread (lower-cased copy), not the victims."""
    passive = any(c.dep_ == "nsubjpass" for c in verb.children)
    return passive and all(_count_of(o) is None for o in objects)


def _reported_victims(verb: Token) -> list[Token]:
    """ "The army said 15 rebels, including several foreign fighters, had been killed": a parenthesis
    between the victims and their verb makes the parser read the victims as what the source said, and
    leave the passive with no subject. Not the addressee of "told reporters"."""
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    source = verb.head
    if not passive or verb.dep_ != "ccomp" or source.lemma_.lower() not in REPORTING - {"tell"}:
        return []
    return [c for c in source.children if c.dep_ == "dobj" and c.i < verb.i]


# Verbs whose passive raises the subject of the clause after them: "nine are known to have been killed".
_RAISING = {"know", "believe", "report", "say", "think", "confirm", "understand", "presume", "estimate"}


def _raised_victims(verb: Token) -> list[Token]:
    """ "Nine people *are known to have been killed*", "12 are believed to have died": the parser makes the
    victims the subject of the passive reporting verb and the kill verb its complement, with no subject
    of its own. A guess ("are feared to have died") is not raised: the toll stage leaves guesses alone."""
    source = verb.head
    if verb.dep_ != "xcomp" or source.lemma_.lower() not in _RAISING or source.tag_ != "VBN":
        return []
    if any(c.dep_ in {"nsubj", "nsubjpass", "dobj"} for c in verb.children):
        return []
    return [c for c in source.children if c.dep_ == "nsubjpass"]


_NAMING = {"call", "describe", "term", "label", "brand", "identify", "say"}


def _as_named(verb: Token) -> list[Token]:
    """ "Killing *what the army called 14 militants*", "killing what it described as 12 fighters": a kill
    verb whose object is a source's naming of the victims; the parser makes "what" part of the naming
    clause and the victims its complement, its object or the object of its "as"."""
    naming = [c for c in verb.children if c.dep_ in {"ccomp", "xcomp"} and c.lemma_.lower() in _NAMING]
    found = []
    for clause in (c for c in naming if c.left_edge.lower_ == "what"):
        for child in clause.children:
            if child.dep_ in {"oprd", "attr"} or (child.dep_ == "dobj" and child.lower_ != "what"):
                found.append(child)
            elif child.dep_ == "prep" and child.lower_ == "as":
                found += [g for g in child.children if g.dep_ == "pobj"]
    return found


def _objects(verb: Token) -> list[Token]:
    """The verb's direct objects; "them" in "dragged X and Y from their car and shot them" is X and Y."""
    children = list(verb.children)
    objects = [c for c in children if c.dep_ == "dobj" and not _after_subset_word(c, children)]
    if [o.lower_ for o in objects] == ["them"] and verb.dep_ == "conj":
        earlier = verb.head.children
        named = [c for c in earlier if c.dep_ == "dobj" or (c.dep_ == "conj" and c.pos_ in {"NOUN", "PROPN"})]
        objects = named or objects  # the parser may join "and her driver" to the verb itself
    return objects


def _after_subset_word(obj: Token, siblings: list[Token]) -> bool:
    """ "killing six people, *among them* a boy": an object after "among them"/"including" is a subset
    (the parser hangs the "among" on the verb or on the object itself)."""
    words = [*siblings, *obj.children]
    return any(s.lower_ in _SUBSET and s.i < obj.i and s.dep_ == "prep" for s in words)


def _dangling_conjunct(obj: Token) -> list[Token]:
    """ "killing two soldiers and *a civilian*, officials said": the parser often hangs the last victim on
    the speakers. A victim noun right after the object's "and" still counts."""
    joiner = next((c for c in obj.children if c.dep_ == "cc" and c.lower_ == "and"), None)
    conjuncts = [c for c in obj.children if c.dep_ == "conj"]
    if joiner is None or (conjuncts and not _runs_into_report(conjuncts[-1])):
        return []  # a conjunct the parser read right is counted as one
    words = obj.doc[joiner.i + 1 : joiner.i + 5]
    if len(words) < 2 or words[0].lower_ not in {"a", "an", "one"}:
        return []
    victim = next((t for t in words[1:] if t.lemma_.lower() in _PERSON_NOUNS), None)
    return [victim] if victim is not None and victim.tag_ in {"NN", "JJ"} else []  # one: "a civilian"


def _next_counted_noun(verb: Token) -> list[Token]:
    """A misparse fallback: "killing at least 11 people, …" where the parser hung "people" elsewhere.

    An active kill verb with no object of its own takes the counted noun right after it, if one
    follows within a few words.
    """
    if verb.tag_ not in {"VBG", "VBD", "VBZ", "VBP"}:
        return []
    for token in verb.doc[verb.i + 1 : verb.i + 6]:
        if token.pos_ in {"NOUN", "PROPN"} and any(c.dep_ == "nummod" for c in token.children):
            return [token]
        if token.pos_ in {"VERB", "PUNCT"}:
            break
    return []


def _state_patients(word: Token) -> list[Token]:
    """Victims of "dead"/"wounded": "three dead", "5 people dead", "left 5 dead", "12 are dead"."""
    numbers = [c for c in word.children if c.dep_ == "nummod"]
    if numbers:
        return numbers
    objects = [c for c in word.children if c.dep_ == "dobj"]
    if objects and word.lower_ == "dead":  # "gunmen shot dead a village headman", "shot" misread as a noun
        return _with_conjuncts(objects)
    if word.dep_ in {"amod", "acl"}:  # "five dead", "16 people dead"; not "150 dead fish"
        head = word.head
        if not (_is_number(head) or _names_people(head)):
            return []
        while head.dep_ == "conj" and head.head.pos_ in {"NOUN", "PROPN", "NUM"}:
            head = head.head  # "leaving four soldiers and seven militants dead": the whole list
        return _with_conjuncts([head]) if head.i != word.head.i else [head]
    if word.dep_ == "oprd":  # "left four soldiers and seven rebels dead"; "was found shot dead"
        objects = _with_conjuncts(_objects(word.head))
        found = [c for v in (word.head, word.head.head) for c in v.children if c.dep_ == "nsubjpass"]
        return objects or found[:1]
    if word.dep_ == "acomp":  # "12 are dead"; resultative "shot dead two militants" names its object
        objects = _with_conjuncts(_objects(word.head))
        return objects or [c for c in word.head.children if c.dep_ in SUBJECTS]
    return []


_CLAUSES_ON_IT = {"acl", "relcl"}


def _counted(noun: Token) -> Token:
    """The number counting a noun ("22" in "22 people"), else the noun itself."""
    number = next((c for c in noun.children if c.dep_ == "nummod"), None)
    return number if number is not None and _names_people(noun) else noun


def _toll_figures(toll: Token) -> list[Token]:
    """A death toll's figures in text order: "rose from 12 to 19", "stands at 40", "a toll of 19"."""
    holders = [toll, toll.head] if toll.dep_ in SUBJECTS or toll.dep_ == "dobj" else [toll]
    verb = governing_verb(toll)
    if toll.dep_ in SUBJECTS and verb.i not in {h.i for h in holders}:
        holders.append(verb)  # "the number of martyrs … check post … has reached to eight", misparsed
    holders += [c for c in toll.children if c.dep_ in _CLAUSES_ON_IT]  # "with the toll rising to 22"
    figures = []
    for holder in holders:
        for child in holder.children:
            if child.dep_ == "prep" and child.lower_ in _TOLL_PREPS:
                objects = _prep_figures(child)
                figures.extend(_counted(g) for g in objects)  # "rose to 22" or "to 22 people"
            elif holder is not toll and child.dep_ in {"dobj", "attr"} and holder.dep_ not in _CLAUSES_ON_IT:
                figures.append(child)
    return sorted((f for f in figures if _is_number(f)), key=lambda f: f.i)


def _prep_figures(prep: Token) -> list[Token]:
    """The objects of a toll's preposition. "Has risen from 23" names the figure a toll left, not its
    toll; "from 12 to 19" ends at it (the parser hangs "to 19" on "from", or "12 to" on 19)."""
    objects = [g for g in prep.children if g.dep_ == "pobj"]
    if prep.lower_ != "from":
        return objects
    ranges = [g for g in objects if any(c.lower_ == "to" for c in g.children)]
    onward = [g for c in prep.children if c.dep_ == "prep" and c.lower_ == "to" for g in c.children]
    return ranges + [g for g in onward if g.dep_ == "pobj"]


def _casualty_verb(token: Token) -> bool:
    lemma = token.lemma_.lower()
    listed = lemma in _KILL_VERBS or lemma in _INJURE_VERBS
    return token.pos_ == "VERB" and (listed or _kills_by_phrase(token))


def _kills_by_phrase(verb: Token) -> bool:
    """ "Were gunned down", "burned / hacked / beaten to death": a verb that kills with its particle or
    its "to death"."""
    children = list(verb.children)
    if verb.lemma_.lower() == "gun" and any(c.dep_ == "prt" and c.lower_ == "down" for c in children):
        return True
    to = (c for c in children if c.dep_ == "prep" and c.lower_ == "to")
    return any(g.lower_ == "death" for prep in to for g in prep.children if g.dep_ == "pobj")


def _fatally(verb: Token) -> bool:
    """ "Was mortally wounded", "fatally injured": a wound that killed (military statements say so)."""
    return any(c.dep_ == "advmod" and c.lower_ in {"mortally", "fatally"} for c in verb.children)


def _killed_or_wounded(verb: Token) -> bool:
    """ "20 people were killed or wounded": a count of both, so of neither."""
    first = verb.head if verb.dep_ == "conj" else verb
    either = any(c.dep_ == "cc" and c.lower_ == "or" for c in first.children)
    return either and any(_casualty_verb(c) for c in first.conjuncts)


def _victims(token: Token) -> tuple[str, list[Token]] | None:
    """(kind, the words naming the victims) if ``token`` is a casualty word, else None."""
    lemma, lower = token.lemma_.lower(), token.lower_
    if _casualty_verb(token):
        denied = _killed_or_wounded(token) or any(c.dep_ == "neg" for c in token.children)
        victims = [] if denied else _verb_patients(token) + _along_with(token)
        return (INJURED if lemma in _INJURE_VERBS and not _fatally(token) else KILLED), victims
    if lower == "dead" and token.dep_ == "nsubj" and token.head.lemma_.lower() == "include":
        return KILLED, _with_conjuncts(_objects(token.head))  # "the dead included two officers and a girl"
    if lower in _STATE_WORDS and token.pos_ in {"ADJ", "VERB", "NOUN"}:
        victims = _state_patients(token)
        if victims and token.dep_ == "oprd":  # "was shot dead along with a companion"
            victims += _along_with(token.head)
        return _STATE_WORDS[lower], victims
    whose = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
    if lemma in _KILL_NOUNS and token.pos_ == "NOUN" and whose:  # "led to the martyrdom of three guards"
        return KILLED, _with_conjuncts([g for g in whose if g.dep_ == "pobj"])
    if lemma in _COUNT_NOUNS and token.pos_ == "NOUN":  # "23 deaths"
        return _COUNT_NOUNS[lemma], [token] if any(c.dep_ == "nummod" for c in token.children) else []
    if lemma == "life" and token.head.lemma_.lower() in _LIFE_VERBS:  # "claimed 23 lives"
        if whose:  # "claimed the lives of five soldiers"
            return KILLED, _with_conjuncts(whose)
        if token.head.lemma_.lower() == "lose":  # "two young men lost their lives"
            return KILLED, _with_conjuncts([c for c in token.head.children if c.dep_ == "nsubj"])
        return KILLED, [token]
    return None


def _along_with(verb: Token) -> list[Token]:
    """ "Was shot dead *along with a companion*", "killed together with his driver": people the phrase adds
    to the victims (not "with knives": only "along with" and "together with")."""
    found = []
    preps = (c for c in verb.children if c.dep_ in {"prep", "advmod"} and c.lower_ in {"along", "together"})
    for prep in preps:
        withs = (w for w in prep.children if w.dep_ == "prep" and w.lower_ == "with")
        found += [g for w in withs for g in w.children if g.dep_ == "pobj" and _names_people(g)]
    return _with_conjuncts(found)


def _is_toll(token: Token) -> bool:
    """ "the death toll", "the number of dead": words whose figure is a running total of the killed."""
    if token.lemma_.lower() == "toll":
        return True
    if token.lemma_.lower() != "number":
        return False
    counted = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
    if not counted:  # "… while a second group put the number at 803", after a toll
        return token.dep_ == "dobj" and token.head.lemma_.lower() in _TOLL_VERBS
    return any(_counts_the_dead(g) for g in counted)


_THE_DEAD = {"dead", "death", "fatality", "victim", "martyr", "killed"}


def _counts_the_dead(noun: Token) -> bool:
    """What "the number of …" counts when it is a toll: the dead, deaths, victims, martyrs, "killed"
    (translated copy: "the number of killed … is now three"), or people a killing clause describes ("the
    number of people killed in the protests", "the number of persons who lost the life in the attack")."""
    if noun.lemma_.lower() in _THE_DEAD or noun.lower_ in _THE_DEAD:
        return True
    clauses = [c for c in noun.children if c.dep_ in {"acl", "relcl"}]
    words = [w for c in clauses for w in (c, *c.children)]  # "lost *the life*"
    return _names_people(noun) and any(_kill_word(w) for w in words)


def _kill_word(token: Token) -> bool:
    found = _victims(token)
    return found is not None and found[0] == KILLED


_RUNNING_FROM = {"start", "beginning", "outbreak", "launch", "war", "conflict", "offensive", "invasion",
                 "uprising", "insurgency", "unrest", "january", "february", "march", "april", "may", "june",
                 "july", "august", "september", "october", "november", "december"}  # fmt: skip
_OPENING = {"launch", "begin", "start", "erupt", "break", "seize", "invade"}


def _of_the_act(counts: list[_Count]) -> list[_Count]:
    """ "Killed 38 …, bringing the toll since October to 33,000": the 38; a running total is the count
    only when the sentence gives no other ("since 14 November, three civilians have been killed")."""
    acts = [c for c in counts if not _running_total(c.predicate)]
    return acts or counts


def _running_total(predicate: Token) -> bool:
    """ "More than 550 militants had died *since the start of the offensive*", "bringing the toll *since
    October* to 33,000", "230 killed *since Israel launched its offensive*": a total over a war, not an
    act's toll."""
    for child in predicate.children:
        if child.lower_ != "since":
            continue
        if child.dep_ == "prep":
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if any(g.lemma_.lower() in _RUNNING_FROM or (g.like_num and len(g.text) == 4) for g in objects):
                return True
    clauses = (c for c in predicate.children if c.dep_ == "advcl" and c.lemma_.lower() in _OPENING)
    return any(m.dep_ == "mark" and m.lower_ == "since" for c in clauses for m in c.children)


def _counts_at(token: Token, tree: SentenceTree | None = None) -> list[_Count]:
    """The casualty counts ``token`` states, if it is a casualty word or a death toll."""
    if _is_toll(token):
        latest = _toll_figures(token)[-1:]
        return [_Count(KILLED, _number_phrase(f), f, token.head, toll=True) for f in latest]
    found = _victims(token)
    return [] if found is None else _counts_for(found[0], found[1], token, tree)


@dataclass(frozen=True)
class _SentenceCounts:
    """Every casualty count a sentence states, read once per sentence (each of its events asks)."""

    tree: SentenceTree
    counts: list[_Count]
    themselves: bool  # "as well as themselves": the attackers died too


def _sentence_counts(sentence: Span) -> _SentenceCounts:
    cache = sentence.doc.user_data.setdefault("sitroom_casualty_counts", {})
    key = (sentence.start, sentence.end)
    found = cache.get(key)
    if found is None:
        tree = sentence_tree(sentence)
        counts = [c for token in sentence for c in _counts_at(token, tree)]
        found = cache[key] = _SentenceCounts(tree, counts, bool(_THEMSELVES.search(sentence.text)))
    return found


def _counts_for(
    kind: str, patients: list[Token], predicate: Token, tree: SentenceTree | None = None
) -> list[_Count]:
    counts = []
    for patient in patients:
        read = _count_of(patient)
        if read is not None and not _is_subset(patient, predicate, tree):
            counts.append(_Count(kind, read[0], patient, predicate))
    return counts


# ----------------------------------------------------------------------------------------------------
# Which counts belong to the event


def _agentive(verb: Token) -> bool:
    """A verb with an attacker of its own: "a second strike killed three", "were killed by a drone"."""
    if not is_verb(verb) or verb.lemma_.lower() in _NON_AGENTIVE or _absolute_passive(verb):
        return False
    if _describes_its_head(verb):
        return False
    if any(c.dep_ == "agent" for c in verb.children):
        return True
    subject = own_subject(verb)
    return subject is not None and subject.dep_ == "nsubj" and not _is_number(subject)


ACT_NOUNS = {"attack", "strike", "airstrike", "bombing", "raid", "assault", "ambush", "shelling", "blast",
              "explosion", "shooting", "offensive", "operation", "incursion"}  # fmt: skip


def _describes_its_head(verb: Token) -> bool:
    """A clause that describes a noun, not another act: "the rocket attack *carried out by terrorists*
    …, in which one soldier was martyred" (the attack itself), "a house *where families were sheltering*,
    killing five" (the scene of the act)."""
    if verb.dep_ == "acl" and verb.head.lemma_.lower() in ACT_NOUNS:
        return True
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and not _casualty_verb(verb):
        return True  # "compounds *used by* exiled parties" (the parser may hang the act's "killing" on it)
    scene = any(c.dep_ == "advmod" and c.lower_ in {"where", "when"} for c in verb.children)
    subject = own_subject(verb)
    same_doer = subject is not None and subject.lower_ in {"they", "he", "she"}  # "where they killed nine"
    return verb.dep_ == "relcl" and scene and (same_doer or not _casualty_verb(verb))  # not "where rebels …"


def _meets_as_its_own_act(verb: Token) -> bool:
    """Is the count's own verb, where the anchor's words meet it, an act with an attacker of its own
    (:func:`_agentive`), so that an anchor reached through a separate clause is another act? Not "lose
    one's life": "four guards *lost their lives* when gunmen stormed the bank" tells the storming's dead,
    as "died when" does.

    "Lose one's life" is told apart here, not in :func:`_agentive`, which also judges the verbs on the way
    from a count up to that meeting point: there it must stay the clause of an act of its own ("police
    arrested two men suspected of the attack on the station, *in which three officers lost their lives*":
    the three are the attack's, not the arrest's). Moved into :func:`_agentive`, train lost a toll of this
    shape (292 -> 291 equal of 338; docs/accuracy.md, "Session 10, branch review8")."""
    return _agentive(verb) and not _loses_life(verb)


def _loses_life(verb: Token) -> bool:
    """ "Lost their lives", "lose his life": its subject is the victims, as with "die"."""
    return verb.lemma_.lower() == "lose" and any(
        c.dep_ == "dobj" and c.lemma_.lower() == "life" for c in verb.children
    )


def _absolute_passive(verb: Token) -> bool:
    """ "pressed its offensive, *with at least 26 fighters killed*": a bare participle after "with" whose
    subject is the victims (the parser calls them its subject), not an attacker."""
    bare = verb.tag_ == "VBN" and not any(c.dep_ in {"aux", "auxpass"} for c in verb.children)
    return bare and verb.dep_ == "pcomp" and verb.head.lower_ == "with"


def _belongs(anchor: Token, predicate: Token, tree: SentenceTree) -> bool:
    """Whether a count read at ``predicate`` is this event's, not another act's in the same sentence:
    no verb with an attacker of its own lies between the count and the words both hang from, and the
    count's own verb, if it is that meeting point, is not reached from the anchor through a separate
    clause. (The walks are O(log n) on the sentence's tree: a run-on sentence stays linear.)"""
    if predicate.i == anchor.i:
        return True
    if not tree.holds(predicate):  # a head outside the span read: walk the Doc's tree
        return _belongs_walking(anchor, predicate)
    top = tree.lca(anchor, predicate)
    if top is None:  # not one tree: never the same act
        return False
    if tree.any_between("agentive", _agentive, predicate, top):
        return False
    separate = tree.any_between("separate", separate_clause, anchor, top)
    return not (top.i == predicate.i and _meets_as_its_own_act(top) and separate)


def _belongs_walking(anchor: Token, predicate: Token) -> bool:
    """:func:`_belongs` by walking the Doc's tree (O(depth²)), for words outside the sentence read."""
    top = lowest_common_ancestor(anchor, predicate)
    down = [t for t in [predicate, *predicate.ancestors] if t.i != top.i and top.is_ancestor(t)]
    if any(_agentive(t) for t in down):
        return False
    up = [t for t in [anchor, *anchor.ancestors] if t.i != top.i and top.is_ancestor(t)]
    return not (top.i == predicate.i and _meets_as_its_own_act(top) and crosses_clause(up))


def _total(counts: list[_Count]) -> tuple[int | None, bool]:
    """A toll's latest figure wins; otherwise distinct victims add up ("two soldiers and a civilian")."""
    tolls = [c for c in counts if c.toll and c.value is not None]
    if tolls:
        return max(tolls, key=lambda c: c.patient.i).value, False
    named = [c for c in counts if c.patient.lower_ not in {"they", "them"}]
    counts = named or counts  # "the bodies of seven people … they had been killed": the same seven
    exact = {c.patient.i: c.value for c in counts if c.value is not None}
    vague = any(c.value is None for c in counts)
    return (sum(exact.values()) if exact else None), vague and not exact


_ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
             "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12}  # fmt: skip
_DYING = {"die", "succumb", "perish"}


def ordinal_death(sentence: Span) -> int | None:
    """ "A fourth victim died in hospital": the toll the sentence brings a known event to (4)."""
    for token in sentence:
        value = _ORDINALS.get(token.lower_)
        victim = token.head
        if value is None or token.dep_ != "amod" or not _names_people(victim):
            continue
        if victim.dep_ == "nsubj" and victim.head.lemma_.lower() in _DYING:
            return value
    return None


def casualties(anchor: Token, sentence: Span) -> Casualties:
    """People killed and injured in the event whose verb is ``anchor``, from its sentence.

    "at least 40" and "more than 100" give 40 and 100; "dozens", "scores", "hundreds" give no count but
    ``vague`` (for deaths). A singular victim ("killing a woman") counts one.
    """
    read = _sentence_counts(sentence)
    if not read.tree.holds(anchor):  # an anchor outside the sentence: read the anchor's own sentence
        return casualties(anchor, anchor.sent) if anchor.doc is sentence.doc else Casualties()
    found = [c for c in read.counts if _belongs(anchor, c.predicate, read.tree)]
    killed, vague = _total(_of_the_act([c for c in found if c.kind == KILLED]))
    injured, _ = _total(_of_the_act([c for c in found if c.kind == INJURED]))
    if killed is not None and read.themselves:
        killed += _attackers(anchor)  # "killing four worshippers as well as themselves"
    return Casualties(killed=killed, injured=injured, vague=vague)


def _attackers(anchor: Token) -> int:
    """How many attackers the act's subject names ("two suicide bombers" = 2; "a bomber" = 1)."""
    subject = own_subject(anchor)
    read = _count_of(subject) if subject is not None else None
    return read[0] if read is not None and read[0] is not None else 1
