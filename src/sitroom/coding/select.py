"""Which triggers of a sentence state an event of their own.

News sentences carry one or two reported acts and much else: background in relative and temporal
clauses ("…, imposed after a coup"), participles used as adjectives ("ousted president", "Serb-held"),
and the content of verbal acts ("agreed *to withdraw*", "accused X *of shelling*"). We keep triggers that
are main predicates of the sentence (or of what a reporting verb reports), let an event noun speak for a
light verb ("launched an *investigation*"), and read two constructions the verb lexicon cannot see:
"X said Y *must* …" is a demand (REQUEST), "X is *ready to* …" an offer (AGREE).
"""

from __future__ import annotations

from spacy.tokens import Token

from sitroom.coding.triggers import Trigger, make_trigger

# Verbal acts whose complement clause is their content, not an event of its own.
FRAMING_TYPES = {"AGREE", "SUPPORT", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "CONCEDE"}
_MAIN_PATH = {"ROOT", "conj", "ccomp", "xcomp", "parataxis", "acomp"}
_NOUN_SLOTS = {"dobj", "nsubj", "nsubjpass", "attr"}
_CLAUSE_LINKS = {"xcomp", "ccomp", "pcomp", "pobj", "prep", "advcl", "dobj", "acl", "relcl", "conj", "mark",
                 "acomp"}  # fmt: skip
_CONSEQUENCE_TYPES = {"ASSAULT", "COERCE"}  # "…, killing 12", "…, arresting 40"
LIGHT_VERBS = {
    "launch", "begin", "hold", "carry", "conduct", "stage", "open", "start", "undertake", "mount",
    "resume", "continue", "declare", "announce", "order", "make", "take", "give", "have", "join",
    "complete", "step", "call", "go", "hit", "issue", "impose", "lead", "organize", "organise", "speed",
    "accelerate", "hasten", "renew", "restart", "reopen", "relaunch",
}  # fmt: skip
# Nouns that carry an event noun compounded on them ("a *mediation* effort", "a *bombing* campaign", "a
# *rescue* operation"): the carrier takes the event's place in the clause.
_CARRIERS = {"effort", "campaign", "operation", "mission", "initiative", "bid", "drive", "push", "round",
             "process"}  # fmt: skip
# "called *off* the strike", "played *down* the attack": the particle turns the light verb against its noun.
STATEMENT_NOUNS = {"statement", "declaration", "communique", "communiqué", "resolution", "letter", "note",
                   "message", "appeal", "decree"}  # fmt: skip
_UNDOING_PARTICLES = {"off", "down"}
_LEMMA_FIXES = {"stag": "stage"}  # the small model's lemmatizer reads "staged" as a deer
_REPORTING = {"say", "declare", "announce", "tell", "insist", "reiterate", "stress", "state", "conclude",
              "warn", "add", "write", "argue", "emphasize", "urge", "repeat"}  # fmt: skip
_OBLIGATION = {"must", "should"}
_ARRIVALS = {"arrive", "come", "go", "travel", "fly", "leave", "head", "embark", "set", "meet", "gather",
             "be", "convene", "sit"}  # fmt: skip
_DEATH_VERBS = {"die", "perish", "kill", "wound", "injure"}
_TIME_MARKS = {"after", "before"}  # "as fighting raged" is the scene, not a report
_PROTEST_KEEPS = {"ASSAULT", "PROTEST"}
_PARTAKING = {"engage", "participate", "involve", "join"}
_WARNING_VERBS = {"warn", "caution"}
_INTENT_ADJECTIVES = {"ready", "willing", "prepared", "eager", "determined"}
COOPERATIVE_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}
DEMAND_CODE = "10"  # CAMEO DEMAND
REFUSAL_CODE = "120"  # CAMEO REJECT
INTENT_CODE = "030"  # CAMEO express intent to cooperate
THREAT_CODE = "130"  # CAMEO threaten
HOSTILE_TYPES = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST"}
PROTEST_CODE = "141"  # CAMEO demonstrate or rally


def is_main_predicate(token: Token, consequences: bool = True) -> bool:
    """Whether a verb is the sentence's predicate or reached from it through clause complements.

    With ``consequences``, a participle clause without a conjunction counts too: "…, killing 12".
    """
    if is_misparsed_main_verb(token):
        return True
    current = token
    for _ in range(8):
        if current.dep_ == "ROOT":
            return True
        if current.dep_ not in _MAIN_PATH and not (consequences and _is_consequence(current)):
            return False
        current = current.head
    return False


def is_misparsed_main_verb(token: Token) -> bool:
    """ "Gang members armed with rifles *killed* 12 people …, a group said": the small model hangs the
    main verb on a noun. A reduced relative clause is passive ("people *killed* in the attack") and has
    no object of its own, so a past verb hung on a noun with a direct object is a main verb."""
    has_object = any(c.dep_ == "dobj" for c in token.children)
    return token.dep_ == "acl" and token.tag_ in {"VBD", "VBN"} and has_object


def _is_consequence(token: Token) -> bool:
    return token.dep_ == "advcl" and token.tag_ == "VBG" and not any(c.dep_ == "mark" for c in token.children)


def _stated(trigger: Trigger) -> bool:
    """Consequence clauses state violence ("…, killing 12"), not every act ("…, calling for talks")."""
    return trigger.plover.type in _CONSEQUENCE_TYPES or is_main_predicate(trigger.anchor, consequences=False)


def _protest_purposes(main: list[Trigger], sentence_tokens: list[Token]) -> list[Trigger]:
    """ "Farmers blocked roads *to protest* …", "workers shunned work *to protest* …": the purpose names
    the act, carried by the main verb; it replaces what the verb alone would code, unless that is
    violence (an attack made in protest is still an attack)."""
    by_anchor = {t.anchor.i: t for t in main}
    for token in sentence_tokens:
        if token.lemma_.lower() not in {"protest", "demonstrate"} or token.dep_ not in {"advcl", "xcomp"}:
            continue
        host = token.head
        coded = by_anchor.get(host.i)
        if coded is not None and coded.plover.type in _PROTEST_KEEPS:
            continue
        if host.pos_ == "VERB" and is_main_predicate(host):
            trigger = make_trigger(token, PROTEST_CODE, 1, host)
            if trigger is not None:
                by_anchor[host.i] = trigger
    return sorted(by_anchor.values(), key=lambda t: t.anchor.i)


def _governed_by(inner: Token, outer: Token) -> bool:
    """Whether ``inner`` sits inside ``outer``'s complement (through clause links only)."""
    token = inner
    for _ in range(6):
        if token.dep_ not in _CLAUSE_LINKS or token.head.i == token.i:
            return False
        token = token.head
        if token.i == outer.i:
            return True
    return False


def _carried(noun: Token) -> Token:
    """The noun that holds an event noun's place in the clause: its carrier when compounded on one
    ("launched a mediation *effort*"), else the event noun itself."""
    if noun.dep_ == "compound" and noun.head.lemma_.lower() in _CARRIERS:
        return noun.head
    return noun


def _noun_host(noun: Token) -> Token | None:
    """The verb an event noun reports through: its subject or object slot ("protests erupted",
    "launched an offensive"), or "on"/"for" phrases ("arrived on a visit", "met for talks")."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "from" and head.head.lemma_.lower() == "toll":
        head = head.head.head  # "the death toll from Friday's bombing has climbed to 17": the toll's verb
    elif noun.dep_ == "pobj" and head.lower_ in {"on", "for"} and head.dep_ == "prep":
        head = head.head
        if head.lemma_.lower() not in _ARRIVALS:
            return None  # "commented on the strikes" reports no strike
    elif noun.dep_ == "pobj" and head.lower_ == "in" and head.dep_ == "prep":
        head = head.head  # "engaged in ethnic cleansing", "took part in the raid"
        if head.lower_ == "part" and head.dep_ == "dobj":
            head = head.head
        elif not (head.lemma_.lower() in _PARTAKING or any(c.lower_ == "part" for c in head.children)):
            return None
    elif noun.dep_ not in _NOUN_SLOTS:
        return None
    if head.pos_ not in {"VERB", "AUX"} or not is_main_predicate(head):
        return None
    return head


def _with_nouns(triggers: list[Trigger]) -> list[Trigger]:
    """Main verbs, with an event noun standing in for a light verb or a verb the lexicon does not code.

    A noun that is the object of a real verb is what the verb acts on ("police *prevented* the
    demonstration"): only light verbs ("staged a demonstration") hand their event to their object.
    """
    verbs = {t.token.i: t for t in triggers if t.token.pos_ == "VERB" and is_main_predicate(t.token)}
    for noun in (t for t in triggers if t.token.pos_ != "VERB"):
        slot = _carried(noun.token)
        head = _noun_host(slot)
        if head is None:
            continue
        lemma = _LEMMA_FIXES.get(head.lemma_.lower(), head.lemma_.lower())
        undone = any(c.dep_ == "prt" and c.lower_ in _UNDOING_PARTICLES for c in head.children)
        light = lemma in LIGHT_VERBS and not undone
        if slot.dep_ == "dobj" and not light:
            continue
        if slot.dep_ in {"nsubj", "nsubjpass"} and head.lemma_.lower() in _REPORTING:
            continue
        if head.i not in verbs or light:
            verbs[head.i] = Trigger(noun.token, noun.cameo, noun.plover, noun.specificity, head)
    return sorted(verbs.values(), key=lambda t: t.anchor.i)


def _violence_in_clauses(triggers: list[Trigger]) -> list[Trigger]:
    """Violence an adverbial clause reports is an event of its own in two cases:

    - a time clause with its own attacker: "the bombing came two days *after gunmen shot dead four
      officers*" ("after being shot", with none, is not);
    - the when-clause of a death: "nine people died *when a drone hit the market*" (the deaths are its).
    """
    found = []
    for trigger in triggers:
        verb = trigger.token
        if trigger.plover.type not in _CONSEQUENCE_TYPES or verb.pos_ != "VERB" or verb.dep_ != "advcl":
            continue
        if not is_main_predicate(verb.head):
            continue
        timed = any(c.dep_ == "mark" and c.lower_ in _TIME_MARKS for c in verb.children)
        attacker = any(c.dep_ == "nsubj" and c.pos_ != "PRON" for c in verb.children)
        when = any(c.lower_ == "when" and c.dep_ in {"advmod", "mark"} for c in verb.children)
        if (timed and attacker) or (when and verb.head.lemma_.lower() in _DEATH_VERBS):
            found.append(trigger)
    return found


def _statement_acts(triggers: list[Trigger]) -> list[Trigger]:
    """ "issued a statement *condemning* the attack": the act a statement performs is its issuer's."""
    found = []
    for trigger in triggers:
        verb, noun = trigger.token, trigger.token.head
        if verb.pos_ != "VERB" or verb.dep_ != "acl" or noun.lemma_.lower() not in STATEMENT_NOUNS:
            continue
        if noun.dep_ in {"dobj", "nsubjpass"} and is_main_predicate(noun.head):
            found.append(trigger)
    return found


def _demands(reporting: list[Token]) -> list[Trigger]:
    """ "X said Y must …": a REQUEST by X, carried by the reporting verb."""
    found = []
    for verb in reporting:
        for clause in verb.children:
            if clause.dep_ == "ccomp" and any(c.lower_ in _OBLIGATION for c in clause.children):
                trigger = make_trigger(verb, DEMAND_CODE, 1, verb)
                if trigger is not None:
                    found.append(trigger)
                break
    return found


def _intents(triggers: list[Trigger], sentence_tokens: list[Token]) -> list[Trigger]:
    """ "X is ready to send aid" is an offer (AGREE); "X is prepared to impose martial law", readiness
    for a hostile act, is a warning (THREATEN, the PLOVER manual's "coercive or forceful warnings")."""
    by_anchor = {t.anchor.i: t for t in triggers}
    for adjective in sentence_tokens:
        if adjective.lemma_.lower() not in _INTENT_ADJECTIVES:
            continue
        if not (
            adjective.dep_ == "ROOT" or (adjective.dep_ == "acomp" and is_main_predicate(adjective.head))
        ):
            continue
        for verb in (c for c in adjective.children if c.dep_ == "xcomp"):
            offered = by_anchor.get(verb.i)
            hostile = offered is not None and offered.plover.type in HOSTILE_TYPES
            code = THREAT_CODE if hostile else INTENT_CODE
            offer = offered.recoded(code) if offered else make_trigger(verb, code, 1, verb)
            if offer is not None:
                by_anchor[verb.i] = offer
    return sorted(by_anchor.values(), key=lambda t: t.anchor.i)


def _refusals(trigger: Trigger) -> Trigger:
    """ "will not accept", "would not meet": a negated cooperative act is a refusal (REJECT)."""
    children = list(trigger.anchor.children)
    negated = any(c.dep_ == "neg" for c in children)
    modal = any(c.lower_ in {"will", "would", "can", "could", "wo", "ca"} for c in children)
    if negated and modal and trigger.plover.type in COOPERATIVE_TYPES:
        return trigger.recoded(REFUSAL_CODE)
    return trigger


def _is_report_of_others(trigger: Trigger) -> bool:
    """ "Officials warned that Iran could attack": a warning about someone else's act reports it.

    Only "X warned it would retaliate" (X's own act) is a threat (THREATEN).
    """
    if trigger.anchor.lemma_.lower() not in _WARNING_VERBS:
        return False
    for clause in (c for c in trigger.anchor.children if c.dep_ == "ccomp"):
        subject = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is not None and subject.pos_ != "PRON":
            return True
    return False


def _without_denials(triggers: list[Trigger]) -> list[Trigger]:
    """ "denied carrying out the attack" reports a denied ASSAULT, not a REJECT: drop the denial verb."""
    kept = []
    for trigger in triggers:
        denial = trigger.anchor.lemma_.lower() == "deny"
        content = any(c.dep_ in {"ccomp", "xcomp", "pcomp"} for c in trigger.anchor.children) or any(
            o is not trigger and _governed_by(o.anchor, trigger.anchor) for o in triggers
        )
        if not (denial and content):
            kept.append(trigger)
    return kept


def _is_gerund_subject(token: Token) -> bool:
    """ "said *shelling* and drone strikes had killed five": the parser makes the gerund a verb whose
    conjunct is the real clause; a bare "-ing" word with a subject-bearing conjunct is part of a subject."""
    if token.pos_ != "VERB" or token.tag_ != "VBG":
        return False
    if any(c.dep_ not in {"cc", "conj", "punct"} for c in token.children):
        return False
    return any(any(g.dep_ in {"nsubj", "nsubjpass"} for g in c.children) for c in token.conjuncts)


def select_triggers(triggers: list[Trigger], sentence_tokens: list[Token]) -> list[Trigger]:
    """The triggers of one sentence that state events of their own, in text order."""
    triggers = [t for t in triggers if not _is_gerund_subject(t.token)]
    main = [_refusals(t) for t in _intents(_with_nouns(triggers), sentence_tokens) if _stated(t)]
    main = [t for t in _without_denials(main) if not _is_report_of_others(t)]
    main = _protest_purposes(main, sentence_tokens) + _statement_acts(triggers)
    main += [t for t in _violence_in_clauses(triggers) if t not in main]
    reporting = [t for t in sentence_tokens if t.lemma_.lower() in _REPORTING and is_main_predicate(t)]
    demands = _demands(reporting)
    main = [t for t in main if t.anchor.i not in {d.anchor.i for d in demands}] + demands
    return [
        t
        for t in main
        if not any(
            o is not t and o.plover.type in FRAMING_TYPES and _governed_by(t.anchor, o.anchor) for o in main
        )
    ]
