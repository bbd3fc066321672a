"""Who did it to whom: the actor and target phrases of a trigger, from the dependency parse.

The syntax lives here; what a phrase *names* is the actor lexicon's job (``actors.py``).

- actor: the trigger's subject; for a passive, the ``by`` agent; a relative clause's "that" is the noun it
  modifies; a verb without a subject of its own ("agreed *to help*") borrows its governor's.
- target: the first party named after the trigger inside its own phrase (objects, prepositional phrases,
  complement clauses), which is where English puts the recipient of an act; a place the act happens
  in ("in Hong Kong") is a target only when nothing else is named.
- "it", "he", "the group": first the nearest subject of a governing verb in the same sentence
  ("Uganda said *it* had paid"), else the last party the article named (``Memory``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span, Token

from sitroom.coding.actors import INTERNATIONAL, ActorLexicon, sovereign
from sitroom.coding.select import STATEMENT_NOUNS, is_misparsed_main_verb
from sitroom.coding.triggers import under_fire
from sitroom.models import Actor, Attribution, DateSpan, Location, PlaceMention
from sitroom.nlp.words import common_words

_SUBJECTS = {"nsubj", "csubj", "expl"}
_PASSIVE_SUBJECTS = {"nsubjpass", "csubjpass"}
_BORROW_SUBJECT = {"xcomp", "conj", "advcl", "pcomp", "acl", "acomp"}
_CUT = {"relcl", "appos", "acl", "punct", "cc"}  # parts of a noun phrase that name no one
_PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
_PRONOUNS = _PERSON_PRONOUNS | {"it", "they", "them", "its", "their", "we"}
_REFERENCES = {"group", "country", "government", "movement", "organisation", "organization", "militia",
               "administration", "regime", "authorities", "side", "army", "alliance", "bloc"}  # fmt: skip
_STATIVE_PASSIVES = {"oppose", "commit", "determine", "resolve", "prepare", "dedicate"}  # "is opposed to"
# "X is expected / set / scheduled to visit": the passive subject of these is the actor of what follows.
_RAISING_PASSIVES = {"expect", "set", "schedule", "slate", "due", "poise", "suppose", "tip"}
_LOCATIVE = {"in", "at", "near", "outside", "inside", "across", "around", "throughout", "within", "along"}
_STOP_TARGET = {"said", "says", "told", "according", "added", "reported"}
_ASIDES = {"relcl", "acl", "appos"}  # clauses about something else than the act
# Circumstances, not recipients: "resigned *as the opposition threatened…*", "*despite Israel's wish*".
_SUBORDINATORS = {"as", "after", "before", "because", "since", "while", "when", "although", "though", "until",
                  "once", "whereas"}  # fmt: skip
_CIRCUMSTANCE_PREPS = {"after", "before", "despite", "following", "since", "during", "amid", "amidst",
                       "until", "unlike", "notwithstanding", "because"}  # fmt: skip
_LEAD_WEIGHT = 2  # the lead says what the story is about
UNIDENTIFIED = "unidentified attackers"  # the attacker a reader supplies when a report names none
# Means, not parties: "Russian missiles" names Russia's military, a bare "the strike" names no one.
_INSTRUMENTS = {
    "missile", "missiles", "rocket", "rockets", "strike", "strikes", "airstrike", "airstrikes", "shell",
    "shells",
    "shelling", "artillery", "drone", "drones", "jet", "jets", "warplane", "warplanes",
    "helicopter", "helicopters", "gunship", "tank", "tanks", "warship", "warships", "submarine", "submarines",
    "bombing", "bombardment", "raid", "raids", "force",
}  # fmt: skip
_IGO_WORDS = {"cooperation", "league", "office", "agency", "bank", "fund", "court", "community", "commission",
              "organization", "organisation", "union", "council", "treaty"}  # fmt: skip
# entity types of a proper noun that is not an organisation (a place the lexicon lacks names no party)
_NOT_ORGANISATIONS = {"GPE", "LOC", "DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT",
                      "PRODUCT", "WORK_OF_ART", "LAW", "EVENT", "LANGUAGE", "FAC"}  # fmt: skip
_NAME_CONNECTORS = {"of", "for", "and", "the", "on", "in", "de", "del", "du", "la"}
_COMMON = 35  # SCOWL level: an all-caps word this common is a word, not an acronym
_SHOUTED_WORDS = 4  # upper-case words that make a sentence one written in capitals
_MEDIA_WORDS = {"press", "news", "times", "post", "tv", "television", "radio", "herald", "tribune", "gazette",
                "journal", "telegraph", "guardian", "observer", "courier", "wire", "reuters", "afp",
                "ap"}  # fmt: skip
_INTERNATIONAL_SCOPE = {"international", "world", "global", "nations", "africa", "african", "asia", "asian",
                        "arab", "europe", "european", "pacific", "atlantic", "americas", "islamic",
                        "transnational", "commonwealth", "inter"}  # fmt: skip
_NGO_WORDS = {"association", "federation", "watch", "foundation", "forum", "institute", "society", "network",
              "international", "jurists", "coalition", "center", "centre", "committee"}  # fmt: skip
# An organisation named for humanitarian relief ("Sahel Medical Relief", "Alliance for Medical Action") is
# a non-governmental aid agency, as FORMAT.md's annotators code it (NGO), unless a state body's word says
# it is the government's ("Humanitarian Aid Commission", "Ministry of Humanitarian Action").
_RELIEF_WORDS = {"relief", "humanitarian"}
_CARE_WORDS = {"medical", "surgical", "health"}
_AID_WORDS = {"action", "aid", "relief"}
_STATE_BODY_WORDS = {"ministry", "commission", "department", "agency", "authority", "office", "government",
                     "council", "directorate", "secretariat", "national", "state", "federal",
                     "coordinator"}  # fmt: skip
_MEANS = {"bomb", "device", "mine", "ied", "missile", "rocket", "shell", "drone", "grenade", "explosive",
          "strike", "airstrike", "mortar", "car", "vehicle", "truck"}  # fmt: skip
_HARM_VERBS = {"kill", "wound", "injure", "slay", "execute", "behead", "abduct", "kidnap"}
_PAIR_NOUNS = {"leader", "side", "country", "minister", "president", "government", "nation", "delegation",
               "army", "neighbour", "neighbor", "foe", "rival", "capital"}  # fmt: skip
_TITLES = {"president", "minister", "leader", "spokesman", "spokeswoman", "secretary", "chancellor",
           "premier", "king", "queen", "general", "ambassador", "envoy", "governor", "mayor", "spokesperson",
           "coordinator", "commissioner", "representative", "director", "chairman", "chairwoman", "judge",
           "prosecutor"}  # fmt: skip
_AIMED = {"on", "against", "at", "into", "onto", "toward", "towards", "upon", "of"}  # "a curfew on Jos"
_ATTACKER_NOUNS = {"attacker", "assailant", "gunman", "gunmen", "shooter", "bomber", "perpetrator", "raider",
                   "kidnapper", "abductor", "attackers", "assailants", "perpetrators"}  # fmt: skip
_ATTACK_VERBS = {"attack", "bomb", "strike", "hit", "shell", "fire", "shoot", "open", "invade", "storm",
                 "raid", "detonate", "ambush", "target", "pound", "blow", "stab", "launch", "set", "explode",
                 "overrun"}  # fmt: skip
_BODY_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "PTY", "REB", "OPP"}
_OBJECT_PRONOUNS = {"him", "her", "them"}
# acts a reaction can be aimed at: "condemned the attack", "denounced the killing of two journalists"
_ATTACK_NOUNS = {"attack", "strike", "airstrike", "bombing", "shelling", "killing", "killings", "assault",
                 "raid", "shooting", "massacre", "ambush", "stabbing", "violence", "bombardment",
                 "assassination", "explosion", "blast"}  # fmt: skip
# nouns for people who act for a body they are named as part of ("members of the MST")
_MEMBER_NOUNS = {"member", "element", "unit", "agent", "officer", "activist", "supporter", "fighter",
                 "militant", "representative", "operative", "cadre", "personnel", "staff", "contingent",
                 "detachment", "wing", "faction", "soldier", "troop", "official", "leader", "delegate",
                 "delegation"}  # fmt: skip
# nouns of asking, deciding and promising whose to-clause is the act asked for, decided or promised
_CALL_NOUNS = {"call", "appeal", "demand", "request", "plea", "order", "ultimatum", "decision", "pledge",
               "promise", "offer", "plan", "bid", "commitment", "readiness", "willingness"}  # fmt: skip
_FIRST_PERSON = {"i", "we", "me", "us", "my", "our"}
# A text that speaks for an institution says so in its letterhead: what it is ("Press Release", "Press
# Briefing") and whose it is ("Ministry of Foreign Affairs", "General Command"). A broadcast's transcript
# or an NGO's or a company's release names no such body: its "we" is not a state's.
_VOICE_MARKS = {"statement", "briefing", "release", "communiqué", "communique", "conference"}
_INSTITUTIONS = {"ministry", "government", "office", "department", "secretariat", "command", "forces",
                 "force", "army", "embassy", "presidency", "directorate", "cabinet",
                 "headquarters"}  # fmt: skip
_VOICE_TITLES = {"spokesperson", "spokesman", "spokeswoman", "chair"}  # who speaks for the voice itself
_LETTERHEAD_LINES = 6
_LETTERHEAD_WORDS = 20  # a longer line is the first paragraph
_OWNERS = {"its", "their", "his", "her"}  # "its troops": the pronoun's party owns them
# verbs that introduce a speaker's own words: "I urge them to stop," she *said*
_SPEECH = {"say", "tell", "add", "speak", "write", "state", "tweet", "post", "declare", "respond", "reply",
           "note", "insist", "stress", "argue", "explain", "warn", "announce"}  # fmt: skip


@dataclass
class Memory:
    """What the article has told so far: the last parties (for "he", "the group"), its countries, its date
    and its last source.

    ``home`` is the country the article is mostly about; "police", "the ministry" or "gunmen" with no
    country of their own belong to it, as a reader assumes. ``places_country`` is narrower: the country
    the article's places lie in, which decides whose state's act happens at home.
    """

    last: Actor | None = None
    last_person: Actor | None = None
    countries: Counter[str] = field(default_factory=Counter)
    context_date: DateSpan | None = None  # the lead's date: later undated sentences mostly mean it
    last_day: DateSpan | None = None  # the last act dated to a day: "the following day" is told from it
    last_attribution: Attribution | None = None  # "he said" in the next sentence
    body_start: int = 0  # where the story starts, after a wire dateline
    places: list[PlaceMention] = field(default_factory=list)
    last_location: Location | None = None  # the last event's place, for sentences that name none
    last_pair: tuple[Actor, Actor] | None = None  # the last two parties of different countries
    last_attacker: Actor | None = None  # for "a second strike killed …", which names no one
    first_attack: int | None = None  # the sentence (its first token) that told the article's first attack
    last_speaker: Actor | None = None  # whose words a quote in the next sentence goes on with
    bodies: dict[str, str] = field(default_factory=dict)  # "ministry" → the country of the last one named
    voice: Actor | None = None  # who a statement or transcript speaks for: its "we" (``read_voice``)
    people: dict[str, Actor] = field(default_factory=dict)  # surname → the person the lexicon named in full
    read: bool = False  # whether the whole article's country mentions are counted yet (``read_article``)

    def __post_init__(self) -> None:
        # places the article names say more about where it is set than demonyms do: they count double
        self.count_countries([p.country for p in self.places if p.country] * 2)

    def read_article(self, doc: Doc, lexicon: ActorLexicon, when: date | None) -> None:
        """Count the countries the whole article names as parties (names, demonyms, people), and the lead's
        twice: "police" in a story whose lead is about Belarus are Belarusian, even from Vilnius."""
        self.read = True
        body = [s for s in doc.sents if s.end_char > self.body_start]
        lead_end = body[0].end_char if body else 0
        text = doc.text  # rebuilt from the tokens on every read
        roles = [p for p in self.places if p.country and _names_a_role(p, text, lexicon)]
        self.countries.subtract(sovereign(p.country) for p in roles * 2)  # counted in __post_init__
        places = [p for p in self.places if p.country and p not in roles]
        self.count_countries([p.country for p in places if p.start < lead_end] * 2)
        placed = {i for p in self.places for i in range(p.start, p.end)}  # counted already
        for number, sentence in enumerate(body):
            tokens = [t for t in sentence if t.idx >= self.body_start]
            named = lexicon.find([t.text for t in tokens], when)
            found = [a.country for s, _e, a in named if a.country and tokens[s].idx not in placed]
            self.count_countries(found * (_LEAD_WEIGHT if number == 0 else 1))
            self.note_people([(tokens[s:e], a) for s, e, a in named])
        self.voice = read_voice(doc, lexicon, when, self.places)

    def note_people(self, named: list[tuple[list[Token], Actor]]) -> None:
        """People the lexicon knows by their full name ("Mohammad Javad Zarif"), by surname: news names a
        person in full once, then by surname alone ("Zarif said"), which the lexicon does not read."""
        for tokens, actor in named:
            person = [t for t in tokens if t.ent_type_ == "PERSON"]
            if actor.country and len(person) >= 2 and tokens[-1].ent_type_ == "PERSON":
                self.people.setdefault(tokens[-1].text, actor)

    def same_body(self, head: Token, actor: Actor | None) -> Actor | None:
        """ "Taiwan's defence ministry said … The ministry said": a state body named by its noun alone is
        the one of that noun the article named last with its country; a body named with one is noted."""
        if actor is None or head.pos_ not in {"NOUN", "PROPN"} or actor.sector not in _BODY_SECTORS:
            return actor
        noun = head.lemma_.lower()
        if actor.country is not None:
            self.bodies[noun] = actor.country
            return actor
        country = self.bodies.get(noun)
        return actor.model_copy(update={"country": country}) if country else actor

    def remember(self, actor: Actor, person: bool) -> None:
        if person:
            self.last_person = actor
        else:
            self.last = actor

    def remember_pair(self, actor: Actor | None, target: Actor | None) -> None:
        """The last two parties an act joined, for "both sides" and "the two leaders" later: of two
        countries, or of one ("the minister met the council's leaders … both sides agreed")."""
        if actor is None or target is None or not actor.country:
            return
        if actor.country != target.country or (target.country and actor.name != target.name):
            self.last_pair = (actor, target)

    def count_countries(self, codes: list[str]) -> None:
        """Count countries the article names; a dependency counts for its state (Puerto Rico is the USA's)."""
        self.countries.update(sovereign(c) for c in codes if len(c) == 3 and c not in INTERNATIONAL)

    @property
    def home(self) -> str | None:
        """The country the article names most, counting everything it names (places twice, the lead's
        twice more, parties, demonyms, people; dependencies as their state): always one when it names any,
        for a party the text gives no country ("police" in a story from Minsk are Belarusian)."""
        top = self.countries.most_common(1)
        return top[0][0] if top else None

    @property
    def places_country(self) -> str | None:
        """The country the article's places alone lie in most often, if one does (a tie is no one's: a
        story of Iraq with as many places in the United States is neither's). Narrower than ``home``, which
        counts parties too and names a country even on a tie: it is the story's own state, whose
        national bodies' acts the seat-of-government rule places at the capital (``stages._talked_about``)."""
        top = Counter(p.country for p in self.places if p.country).most_common(2)
        return top[0][0] if top and (len(top) == 1 or top[0][1] > top[1][1]) else None

    def as_placed(self, actor: Actor | None) -> Actor | None:
        """A party named by a town that the geoparser placed in another country than the lexicon's
        ("Tripoli" in a story from Lebanon): the town's country, which the geoparser read from the story
        (its dateline, the other places named). Only a party the lexicon placed: a role word or a name it
        does not know ("MINISTER:", "KAMAU:" over a transcript's line) is not the town the geoparser made
        of it (Minster, Ohio; Ca Mau)."""
        if actor is None or not actor.text or actor.country is None or actor.country in INTERNATIONAL:
            return actor
        towns = (p for p in self.places if p.text == actor.text and p.feature not in _WIDE_PLACES)
        town = next((p for p in towns if p.country and sovereign(p.country) != actor.country), None)
        if town is None:
            return actor
        return actor.model_copy(update={"name": town.name, "country": sovereign(town.country)})

    def localise(
        self, actor: Actor | None, location: Location | None = None, victims: bool = False
    ) -> Actor | None:
        """A party with no country of its own takes the article's country, else the event's place's.

        The article's comes first: "the foreign minister will visit Beijing" is the home country's
        minister, and a US judge in a story about Ukraine is American. Unidentified gunmen and attackers
        (UAF) are placed where they struck, as ACLED codes them, and so are the civilian ``victims`` of an
        attack ("15 people" killed in Belgorod by Ukrainian shelling are Russian in a Ukrainian story).
        """
        if actor is None or actor.country is not None:
            return actor
        place = sovereign(location.country if location is not None else None)
        local = actor.sector == "UAF" or actor.name == UNIDENTIFIED
        local = local or (victims and actor.sector not in _BODY_SECTORS)
        country = (place or self.home) if local else (self.home or place)
        return actor.model_copy(update={"country": country}) if country else actor


def _names_a_role(place: PlaceMention, text: str, lexicon: ActorLexicon) -> bool:
    """Whether a place the geoparser found names a speaker or a party's role, not a place: a transcript's
    speaker label ("SOLIS: …" opening a line) or a word the lexicon reads as a sector noun ("Minister",
    also a town in Ohio)."""
    line = text[text.rfind("\n", 0, place.start) + 1 : place.start]
    if text[place.end : place.end + 2].lstrip(")").startswith(":") and not any(c.islower() for c in line):
        return True  # "SOLIS: …", "PRESENTER (MARTA SOLIS): …"
    actor = lexicon.resolve(place.text.split())
    return actor is not None and actor.country is None and actor.sector is not None


def phrase_tokens(head: Token) -> list[Token]:
    """The words of a noun phrase, without relative clauses, appositions or punctuation."""
    tokens = [head]
    for child in head.children:
        if child.dep_ not in _CUT:
            tokens.extend(phrase_tokens(child))
    return sorted(tokens, key=lambda t: t.i)


def _first_conjunct_only(head: Token, tokens: list[Token]) -> list[Token]:
    """The first of joined parties: "Ethiopia [and Somalia]", "the Russian [and Turkish] presidents"."""
    joined = [g for c in head.children if c.dep_ == "amod" for g in c.children if g.dep_ in {"conj", "cc"}]
    dropped = {t.i for g in joined for t in g.subtree}
    tokens = [t for t in tokens if t.i not in dropped]
    conj = [c for c in head.children if c.dep_ == "conj"]
    if not conj:
        return tokens
    cut = min(t.i for c in conj for t in c.subtree)
    return [t for t in tokens if t.i < cut or t.i <= head.i]


def _joined_modifier(head: Token) -> list[Token] | None:
    """ "the Russian and *Turkish* presidents": the second party's words (its adjective and the noun)."""
    for modifier in (c for c in head.children if c.dep_ == "amod"):
        second = next((g for g in modifier.children if g.dep_ == "conj"), None)
        if second is not None:
            return [second, head]
    return None


def international_organisation(tokens: list[Token]) -> Actor | None:
    """An organisation the lexicon does not know, typed by its name ("Third World Water Forum" → NGO).

    Only for a named organisation (spaCy ORG) whose name says its reach is international ("World",
    "African", "International"): the "Democratic National Committee" or a "Southern Transitional Council"
    is a national body that the article's home country will place (``unknown_organisation``).
    """
    entity = [t for t in tokens if t.ent_type_ == "ORG"]
    if not entity or any(t.ent_type_ in {"GPE", "NORP"} for t in tokens):
        return None
    words = {t.lower_ for t in entity}
    if not words & _INTERNATIONAL_SCOPE or entity[-1].lemma_.lower() in _TITLES:
        return None  # national, or an office: "the International Development Secretary"
    name = " ".join(t.text for t in entity)
    if words & _IGO_WORDS:
        return Actor(name=name, country="IGO", text=name)
    if words & _NGO_WORDS:
        return Actor(name=name, country="NGO", text=name)
    return None


def aid_organisation(name: str) -> Actor | None:
    """An organisation the lexicon does not know, named as a humanitarian relief agency: an NGO."""
    words = {w.lower() for w in name.replace("-", " ").split()}
    relief = words & _RELIEF_WORDS or (words & _CARE_WORDS and words & _AID_WORDS)
    if not relief or words & _STATE_BODY_WORDS:
        return None
    return Actor(name=name, country="NGO", sector="MED" if words & _CARE_WORDS else "SOC", text=name)


def ethnic_group(actor: Actor, text: str) -> Actor:
    """ "Ethnic Albanians" are a people, not Albania: they take the country of the event or article
    (``Memory.localise``), as PLOVER codes a minority by where it lives."""
    if actor.country in INTERNATIONAL:
        return actor
    name = text if text.lower().startswith("ethnic") else f"ethnic {text}"
    return actor.model_copy(update={"country": None, "sector": actor.sector or "CVL", "name": name})


def _party_words(head: Token, memory: Memory) -> list[Token]:
    """The words of a phrase that can name a party: not the dateline's, and for a weapon not the place
    it was aimed at ("a strike *on a car near Tyre*" was not sent from Lebanon)."""
    tokens = [t for t in _first_conjunct_only(head, phrase_tokens(head)) if t.idx >= memory.body_start]
    tokens = [t for t in tokens if not _in_street_name(t)]
    if not is_instrument(head):
        return tokens
    aimed = {
        t.i for c in head.children if c.dep_ == "prep" and c.lower_ not in {"by", "from"} for t in c.subtree
    }
    return [t for t in tokens if t.i not in aimed]


# "fire from a *building*": where, not who
_FIRING_PLACES = {
    "building",
    "house",
    "area",
    "position",
    "direction",
    "side",
    "territory",
    "village",
    "town",
    "rooftop",
    "roof",
    "hill",
    "vehicle",
    "car",
    "boat",
    "forest",
    "border",
}
_WIDE_PLACES = {"country", "region", "continent", "sea", "ocean"}  # a party's own name, not a town
_STREETS = {"street", "road", "avenue", "square", "boulevard", "bridge", "highway", "lane", "roundabout"}


def _in_street_name(token: Token) -> bool:
    """ "a patrol on *Syria Street*", "protesters in *Tahrir Square*": a street named after a country or a
    person is a place, not a party."""
    street = token if token.lower_ in _STREETS else token.head
    return (
        street.lower_ in _STREETS
        and street.text[:1].isupper()
        and (token is street or token.dep_ in {"compound", "amod", "nmod"})
    )


def _ethnic_if_said(words: list[str], start: int, end: int, actor: Actor) -> Actor:
    """A party found in a word list, read as an ethnic group when "ethnic" comes right before it."""
    if start > 0 and words[start - 1].lower() == "ethnic":
        return ethnic_group(actor, " ".join(words[start:end]))
    return actor


def is_headline_passive(verb: Token) -> bool:
    """ "FLASH: Two Ukrainian soldiers killed, six wounded": headlinese drops the "were" of a passive, so
    "killed" with counted people as subject, no object and no auxiliary has its victims as subject."""
    if verb.tag_ not in {"VBN", "VBD"} or verb.lemma_.lower() not in _HARM_VERBS:
        return False
    if any(c.dep_ in {"aux", "auxpass", "dobj"} for c in verb.children):
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject is not None and any(c.dep_ == "nummod" for c in subject.children)


def read_voice(
    doc: Doc, lexicon: ActorLexicon, when: date | None, places: list[PlaceMention]
) -> Actor | None:
    """Who a statement, press release or briefing transcript speaks for, read off its letterhead: the
    first party the lines before its first paragraph name ("REPUBLIC OF TURKEY / MINISTRY OF FOREIGN
    AFFAIRS", "… General Command of the Syrian Democratic Forces"), else the government of the first
    place they name ("Government press conference, Berlin", "Ministry of External Affairs, New Delhi").
    Its "we" and its spokesperson are that party. None for a news story, which speaks for no one, and for
    a letterhead that names no state body (a broadcast, an NGO's or a company's release)."""
    end = letterhead_end(doc.text)
    tokens = [t for t in doc if t.idx < end]
    words = {t.lower_ for t in tokens}
    if not (words & _VOICE_MARKS and words & _INSTITUTIONS):
        return None
    for _start, _end, actor in lexicon.find([t.text for t in tokens], when):
        if actor.country is not None:
            return actor
    place = next((p for p in places if p.start < end and p.country), None)
    if place is None:
        return None
    return Actor(name=f"government of {place.name}", country=sovereign(place.country), sector="GOV")


def letterhead_end(text: str) -> int:
    """Where the short lines that open a text end: at its first line of prose, or after a few lines."""
    end = 0
    for number, line in enumerate(text.split("\n")):
        if number >= _LETTERHEAD_LINES or len(line.split()) > _LETTERHEAD_WORDS:
            break
        end += len(line) + 1
    return min(end, len(text))


def _speaker_label(sentence: Span) -> Token | None:
    """The speaker the sentence's last transcript line opens with: "Spokesperson: We reject …",
    "MINISTER: We will …" (a word at the start of a line, then a colon)."""
    labels = [
        t
        for t in sentence
        if t.pos_ in {"NOUN", "PROPN"}
        and (t.i == sentence.start or "\n" in t.doc[t.i - 1].text_with_ws)
        and t.i + 1 < sentence.end
        and t.nbor(1).text == ":"
    ]
    return labels[-1] if labels else None


def _act_as_passive_subject(verb: Token) -> Token | None:
    """ "Iran's missile *attack* on Israel was mostly intercepted": the passive subject is the act itself
    (its owner the actor, its "on" phrase the target), not the act's victim."""
    subject = next((c for c in verb.children if c.dep_ in _PASSIVE_SUBJECTS), None)
    return subject if subject is not None and subject.lemma_.lower() in _ATTACK_NOUNS else None


def _names_the_attackers(head: Token) -> bool:
    """ "The attackers", "the gunmen": a definite reference to whoever carried out the attack told."""
    definite = any(c.dep_ == "det" and c.lower_ in {"the", "these", "those"} for c in head.children)
    return definite and head.lemma_.lower() in _ATTACKER_NOUNS


def is_instrument(token: Token | None) -> bool:
    """ "The strike", "a second raid", "the missiles": a means of attack that names no attacker."""
    return token is not None and token.lower_ in _INSTRUMENTS


def names_the_pair(head: Token | None) -> bool:
    """ "The two leaders", "both sides", "the foreign ministers of the two countries": the article's last
    two parties, whom a reader takes them to be."""
    if head is None or head.lemma_.lower() not in _PAIR_NOUNS:
        return False
    words = {t.lower_ for t in head.subtree}
    return bool(words & {"two", "both"})


def names_person(head: Token) -> bool:
    """Whether a noun phrase names a person (for "he"/"she" later on): a name, a pronoun, or a title at
    its head or joined to it ("the UN Resident and Humanitarian *Coordinator*")."""
    if head.ent_type_ == "PERSON" or head.lower_ in _PERSON_PRONOUNS:
        return True
    nouns = [head, *(c for c in head.children if c.dep_ == "conj")]
    return any(t.lemma_.lower() in _TITLES for t in nouns)


def _subject_of(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in _SUBJECTS), None)


def _owner_of_call(noun: Token) -> Token | None:
    """Whose call, demand or plea a clause spells out: the noun's possessor ("*its* call to release …")."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in _CALL_NOUNS:
        return None
    return next((c for c in noun.children if c.dep_ == "poss"), None)


def _expansion(head: Token) -> list[Token]:
    """The capitalised words before "(ACRONYM)" where the article spells the acronym out."""
    if not (head.text.isupper() and len(head.text) >= 2):
        return []
    doc = head.doc
    for token in doc:
        if token.text != head.text or not 0 < token.i - 1 < token.i + 1 < len(doc):
            continue
        if doc[token.i - 1].text != "(" or doc[token.i + 1].text != ")":
            continue
        words: list[Token] = []
        for word in reversed(doc[max(0, token.i - 12) : token.i - 1]):
            if not (word.text[:1].isupper() or word.lower_ in _NAME_CONNECTORS):
                break
            words.append(word)
            if word.is_sent_start:
                break
        words.reverse()
        while words and words[0].lower_ in _NAME_CONNECTORS:
            words.pop(0)
        return words
    return []


def _shouted(sentence: Span) -> bool:
    """A sentence written in capitals, where capitals do not mark an acronym: most of its words, and
    at least four, are upper case."""
    words = [t for t in sentence if t.is_alpha and len(t) > 1]
    upper = sum(t.text.isupper() for t in words)
    return upper >= _SHOUTED_WORDS and upper > len(words) / 2


def _as_spelled_out(named: Actor | None, spelled: Actor | None) -> Actor | None:
    """The lexicon's reading of an acronym unless the article spells it out as something else: its
    "FDR" (Forum for Digital Rights) is not Franklin D. Roosevelt; its "UPDF" (… Defence Forces) is
    the lexicon's, whose name shares a word with it, and so is an international body's ("UNESCO")."""
    if spelled is None or named is None:
        return named or spelled
    same = {w for w in named.name.lower().split() if len(w) > 2} & set(spelled.name.lower().split())
    return named if same or named.country in INTERNATIONAL else spelled


def unknown_organisation(head: Token) -> Actor | None:
    """A named organisation the lexicon does not know ("Polissiaenergo", "the Berom Youth Moulders
    Association", "HCWP"): a party with no country of its own, placed by the story (``Memory.localise``)."""
    acronym = head.text.isupper() and head.text.isalpha() and len(head.text) >= 3
    if acronym and (common_words().get(head.lower_, _COMMON + 1) <= _COMMON or _shouted(head.sent)):
        return None  # "HOST: …", "THE UPDF CATEGORICALLY DENIES": capitals that say nothing of a name
    if head.ent_type_ in _NOT_ORGANISATIONS or head.like_num or not (head.pos_ == "PROPN" or acronym):
        return None  # "Nine detained near Rungis": a number in a headline
    entity = next((e for e in head.doc.ents if e.start <= head.i < e.end), None)
    name = entity.text if entity is not None else head.text
    if {w.lower() for w in name.split()} & _MEDIA_WORDS:
        return None  # "Continental Press could not verify": the outlet reports, it is not a party
    return aid_organisation(name) or Actor(name=name, country=None, sector=None, text=name)


def unknown_person(head: Token) -> Actor | None:
    """A person the lexicon does not know ("Usman Khan", "Judge Victor Marrero"): a party with no country
    of its own, which takes the country of the event's place or of the article (``Memory.localise``)."""
    if head.ent_type_ != "PERSON" or head.pos_ != "PROPN":
        return None
    entity = next((e for e in head.doc.ents if e.start <= head.i < e.end), None)
    name = entity.text if entity is not None else head.text
    return Actor(name=name, country=None, sector=None, text=name)


def _by_surname(head: Token, actor: Actor | None, memory: Memory) -> Actor | None:
    """A person the lexicon does not know by this name alone, whom the article named in full before."""
    if actor is None or actor.country is not None or actor.sector is not None or head.ent_type_ != "PERSON":
        return None
    person = memory.people.get(head.text)
    return person.model_copy(update={"text": actor.text}) if person is not None else None


def is_party(actor: Actor | None) -> bool:
    """Whether a resolved phrase names a party: a bare weapon or act with no country does not."""
    if actor is None:
        return False
    words = actor.name.lower().split()
    return not (actor.country is None and words and words[-1] in _INSTRUMENTS)  # "drone strikes"


class PartyFinder:
    """Resolves the actor and target of a trigger token to canonical parties."""

    def __init__(self, lexicon: ActorLexicon) -> None:
        self.lexicon = lexicon

    def resolve_head(self, head: Token, when: date | None, memory: Memory) -> Actor | None:
        """The party a noun phrase names, or the party a pronoun or reference points back to."""
        if head.lower_ in {"that", "which", "who"} and head.head.dep_ == "relcl":
            head = head.head.head
        if head.lower_ in _FIRST_PERSON and head.tag_ in {"PRP", "PRP$"}:  # not "the US"
            return self.speaker(head.sent, when, memory) or (memory.last if head.lower_ == "we" else None)
        if head.lower_ in _PRONOUNS:
            return self._antecedent(head, when, memory)
        user = self._user_of_means(head, when, memory)
        if user is not None:
            return user
        tokens = _party_words(head, memory)
        if not tokens:
            return None  # the phrase is the dateline's city, not a party
        words = [t.text for t in tokens]
        actor = self._name_with_and(head, when, memory) or self.lexicon.resolve(words, when)
        actor = _as_spelled_out(actor, self._spelled_out(head, when))
        actor = self._international_owner(head, actor, when, memory) or actor
        actor = actor or international_organisation(tokens)
        actor = self._role_in_apposition(head, actor, when) or actor or unknown_person(head)
        actor = _by_surname(head, actor, memory) or actor
        actor = self._members_of(head, actor, when, memory) or actor
        actor = actor or unknown_organisation(head)
        if not is_party(actor) and is_instrument(head):  # "an army drone strike": the army's
            owner = [t.text for t in tokens if t.lower_ not in _INSTRUMENTS]
            actor = self.lexicon.resolve(owner, when) if owner else None
        if not is_party(actor):
            return None
        return self._qualified(head, tokens, actor, when, memory)

    def _international_owner(
        self, head: Token, actor: Actor | None, when: date | None, memory: Memory
    ) -> Actor | None:
        """ "Amnesty International's Brazil office", "UNHCR's Libya team": a part of an international body
        named with the country it works in acts for the body, not for that country."""
        if actor is not None and actor.country in INTERNATIONAL:
            return None
        owner = next((c for c in head.children if c.dep_ == "poss" and c.tag_ != "PRP$"), None)
        party = self.resolve_head(owner, when, memory) if owner is not None else None
        return party if party is not None and party.country in INTERNATIONAL else None

    def _members_of(
        self, head: Token, actor: Actor | None, when: date | None, memory: Memory
    ) -> Actor | None:
        """ "Members of the MST", "agents of the Guardia Civil": people named as part of a body act for it,
        when the words for them give no country of their own (they keep their sector: "soldiers")."""
        if head.lemma_.lower() not in _MEMBER_NOUNS or (actor is not None and actor.country is not None):
            return None
        of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        body = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        owner = self.resolve_head(body, when, memory) if body is not None else None
        if owner is None or owner.sector == "CVL" or not (owner.country or owner.name[:1].isupper()):
            return None  # "members of the public", "units of the community"
        sector = actor.sector if actor is not None and actor.sector else owner.sector
        return owner.model_copy(update={"sector": sector})

    def _name_with_and(self, head: Token, when: date | None, memory: Memory) -> Actor | None:
        """A name with "and" in it that the parse splits into two parties ("the Resident and Humanitarian
        Coordinator", "Trinidad and Tobago"): the lexicon's name across the conjunction, if it has one."""
        joins = [c for c in head.children if c.dep_ == "cc"]
        if not joins:
            return None
        whole = sorted([*phrase_tokens(head), *joins], key=lambda t: t.i)
        whole = [t for t in whole if t.idx >= memory.body_start]
        for start, end, actor in self.lexicon.find([t.text for t in whole], when):
            span = whole[start:end]
            if any(t.dep_ == "cc" for t in span) and head in span:
                return actor
        return None

    def _spelled_out(self, head: Token, when: date | None) -> Actor | None:
        """An acronym the article spelled out ("the Horn Community Water Partnership (HCWP) … HCWP calls"):
        the party its full name names, an international body by the words of that name, else an
        organisation with no country of its own, placed by the story — never what the lexicon reads
        into the letters ("Forum for Digital Rights (FDR)" is not Franklin D. Roosevelt)."""
        words = _expansion(head)
        if not words:
            return None
        name = " ".join(t.text for t in words)
        actor = self.lexicon.resolve([t.text for t in words], when)
        kinds = {t.lower_ for t in words}
        if actor is None and kinds & _INTERNATIONAL_SCOPE:
            actor = Actor(name=name, country="IGO" if kinds & _IGO_WORDS else "NGO")
        actor = actor or aid_organisation(name) or Actor(name=name, country=None, sector=None)
        return actor.model_copy(update={"text": head.text})

    def speaker(self, sentence: Span, when: date | None, memory: Memory) -> Actor | None:
        """Who says the sentence's quoted words ("I urge them to stop," *the minister* said; *Chan* told
        reporters: "We will not back down"; a transcript's "SPOKESPERSON: We reject …"), else, in a
        statement or briefing, its issuer (``Memory.voice``), else whose quote the sentence goes on with."""
        label = _speaker_label(sentence)
        if label is not None and label.lemma_.lower() in _VOICE_TITLES and memory.voice is not None:
            return memory.voice  # "Official Spokesperson: We reject …" in the ministry's own transcript
        speaker = self.resolve_head(label, when, memory) if label is not None else None
        if speaker is not None:
            return speaker
        for verb in (t for t in sentence if t.lemma_.lower() in _SPEECH and t.pos_ in {"VERB", "AUX"}):
            subject = _subject_of(verb)
            if subject is not None and subject.lower_ not in _FIRST_PERSON | {"it", "they", "who"}:
                return self.resolve_head(subject, when, memory)
        return memory.voice or memory.last_speaker  # a statement's own words are its issuer's

    def doer_of_clause(self, anchor: Token, when: date | None, memory: Memory) -> Actor | None:
        """ "40 were killed *when Israeli warplanes bombed* the school": the doer of the clause that says
        how the victims of a passive died."""
        if not any(c.dep_ in _PASSIVE_SUBJECTS for c in anchor.children):
            return None
        verbs = [anchor, *(c for c in anchor.children if c.dep_ == "conj")]  # "killed and four injured when"
        for clause in (c for verb in verbs for c in verb.children if c.dep_ == "advcl"):
            links = (m for m in clause.children if m.dep_ in {"mark", "advmod"})
            attack = clause.lemma_.lower() in _ATTACK_VERBS  # not "as people were returning from work"
            if attack and any(m.lower_ in {"when", "as", "after"} for m in links):
                subject = _subject_of(clause)
                if subject is not None:
                    return self.resolve_head(subject, when, memory)
        return None

    def names_a_doer(self, sentence: Span, when: date | None, memory: Memory) -> bool:
        """Whether the sentence names someone doing something, other than whoever reports it: "32 were
        killed when *al-Shabaab fighters* attacked the beach" names the attackers; "two officers were shot
        dead, *officials* said" does not."""
        for token in sentence:
            doer = token.dep_ == "nsubj" or (token.dep_ == "pobj" and token.head.dep_ == "agent")
            verb = token.head if token.dep_ == "nsubj" else token.head.head
            if not doer or verb.lemma_.lower() in _SPEECH or is_headline_passive(verb):
                continue  # a reporter, or the victims of "Three soldiers killed"
            if self.resolve_head(token, when, memory) is not None:  # "Israeli warplanes", not "a bomb"
                return True
        return False

    def _user_of_means(self, head: Token, when: date | None, memory: Memory) -> Actor | None:
        """Who used a weapon named as the subject: "Israel's military said *its jets* struck" (the
        speaker's military), "a bomb *planted by militants*", "missiles *fired by Houthi forces*"."""
        owner = next((c for c in head.children if c.dep_ == "poss" and c.lower_ in _PRONOUNS), None)
        if owner is not None and is_instrument(head):
            party = self._antecedent(owner, when, memory)
            return party.model_copy(update={"sector": "MIL"}) if party is not None else None
        if head.lemma_.lower() not in _MEANS:
            return None
        for clause in (c for c in head.children if c.dep_ == "acl"):
            for agent in (c for c in clause.children if c.dep_ == "agent"):
                for doer in (g for g in agent.children if g.dep_ == "pobj"):
                    return self.resolve_head(doer, when, memory)
        return None

    def _qualified(
        self, head: Token, tokens: list[Token], actor: Actor | None, when: date | None, memory: Memory
    ) -> Actor | None:
        """The party as the phrase qualifies it: where a people lives ("the Albanians of southern Serbia"),
        an ethnic group, or "the group"/"the government" meaning the last party named."""
        actor = self._residents(head, actor, when, memory) or actor
        if any(t.lower_ == "ethnic" for t in tokens):
            actor = ethnic_group(actor, head.text)
        actor = memory.same_body(head, actor)
        actor = self._owned_by_pronoun(head, actor, when, memory) or actor
        if _names_the_attackers(head) and memory.last_attacker is not None:
            return memory.last_attacker  # "the attackers" of a story that has named them
        if (actor is None or actor.country is None) and head.lemma_.lower() in _REFERENCES:
            previous = memory.last
            if previous is not None and previous.country is not None:
                return previous.model_copy(update={"sector": actor.sector if actor else previous.sector})
        return actor

    def _owned_by_pronoun(
        self, head: Token, actor: Actor | None, when: date | None, memory: Memory
    ) -> Actor | None:
        """ "Russia's defence ministry says *its troops* …": a body named with a possessive pronoun and no
        country of its own is of the country of whom the pronoun means."""
        if actor is None or actor.country is not None:
            return None
        owner = next((c for c in head.children if c.dep_ == "poss" and c.lower_ in _OWNERS), None)
        if owner is None:
            return None
        party = self._antecedent(owner, when, memory)
        if party is None or party.country is None:
            return None
        return actor.model_copy(update={"country": party.country})

    def _role_in_apposition(self, head: Token, actor: Actor | None, when: date | None) -> Actor | None:
        """ "Kenzo Oshima, *the UN Emergency Relief Coordinator*": the office a person is named with says
        whom they act for, when the name alone is unknown or only gives a nationality."""
        if actor is not None and (actor.country in INTERNATIONAL or head.ent_type_ != "PERSON"):
            return None
        for appos in (c for c in head.children if c.dep_ == "appos"):
            role = self.lexicon.resolve([t.text for t in phrase_tokens(appos)], when)
            if role is None or role.country is None:
                continue
            if actor is None or role.country in INTERNATIONAL:
                return role
        return None

    def _residents(self, head: Token, actor: Actor, when: date | None, memory: Memory) -> Actor | None:
        """ "The Albanians *of southern Serbia*": a people named with the place they live in belong there."""
        if head.ent_type_ != "NORP" or actor.country in INTERNATIONAL:
            return None
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in {"of", "in"}):
            for place in (c for c in prep.children if c.dep_ == "pobj" and c.ent_type_ in {"GPE", "LOC"}):
                home = self.lexicon.resolve([t.text for t in place.subtree], when)
                if home is not None and home.country and home.country != actor.country:
                    return actor.model_copy(update={"country": home.country, "sector": actor.sector or "CVL"})
        return None

    def _antecedent(self, pronoun: Token, when: date | None, memory: Memory) -> Actor | None:
        """A pronoun's party: a governing verb's subject in this sentence, else the article's last one."""
        person = pronoun.lower_ in _PERSON_PRONOUNS
        verb = pronoun.head
        for _ in range(4):
            if verb.head.i == verb.i:
                break
            verb = verb.head
            subject = _subject_of(verb)
            if subject is None or subject.is_ancestor(pronoun):
                continue  # "its jets struck": the pronoun's own phrase cannot be its antecedent
            if subject.lower_ not in _PRONOUNS and names_person(subject) == person:
                actor = self.resolve_head(subject, when, memory)
                if actor is not None:
                    return actor
        return memory.last_person if person else memory.last

    def actor(self, trigger: Token, when: date | None, memory: Memory) -> tuple[Actor | None, Token | None]:
        """The party that acts; returns it with the token it was read from."""
        verb = trigger
        if is_headline_passive(trigger):
            return None, None  # "Two soldiers killed in shelling": the subject is the victim
        if is_misparsed_main_verb(trigger):  # its subject is the noun phrase it hangs in
            subject = next((t for t in trigger.ancestors if t.dep_ in _SUBJECTS), None)
            if subject is not None:
                return self.resolve_head(subject, when, memory), subject
        act = _act_as_passive_subject(trigger)
        owner = self._noun_actor(act, when) if act is not None else (None, None)
        if owner[0] is not None:  # "Iran's missile attack on Israel was intercepted": Iran attacked
            return owner
        for _ in range(4):
            fire = under_fire(verb)
            if fire is not None:  # "a patrol came under fire *from militants*, killing two": not the patrol
                return self._source_of_fire(verb, fire, when, memory)
            found = self._own_actor(verb, when, memory)
            if found is not None:
                return found
            passive = any(c.dep_ in _PASSIVE_SUBJECTS for c in verb.children)
            if verb.dep_ in _BORROW_SUBJECT and verb.head.i != verb.i and not passive:
                verb = verb.head  # a passive verb's subject is its patient: "… and 20 officers were injured"
                if verb.lemma_.lower() in STATEMENT_NOUNS:  # "X issued a statement demanding …"
                    verb = verb.head
                owner = _owner_of_call(verb)
                if owner is not None:  # "UNHCR renews *its* call on Libya to release …"
                    return self.resolve_head(owner, when, memory), owner
                if verb.lemma_.lower() in _CALL_NOUNS and verb.dep_ == "dobj":
                    verb = verb.head  # "the council renewed a call to release …": the caller's subject
                continue
            if trigger.pos_ != "VERB":
                return self._noun_actor(trigger, when)
            break
        return None, None

    def _source_of_fire(
        self, verb: Token, fire: Token, when: date | None, memory: Memory
    ) -> tuple[Actor | None, Token | None]:
        """Who fired on a subject that "came under fire": the "from" phrase, else the attack's modifier."""
        sources = (c for c in (*fire.children, *verb.children) if c.dep_ == "prep" and c.lower_ == "from")
        for source in (g for s in sources for g in s.children if g.dep_ == "pobj"):
            if source.ent_type_ in {"GPE", "LOC", "FAC"} or source.lemma_.lower() in _FIRING_PLACES:
                continue  # "from a building in Tripoli", "from the Syrian side": where, not who
            actor = self.resolve_head(source, when, memory)
            if actor is not None:
                return actor, source
        return self._noun_actor(fire, when)

    def _own_actor(self, verb: Token, when: date | None, memory: Memory) -> tuple[Actor | None, Token] | None:
        """The verb's own agent or subject, if it has one."""
        for agent in (c for c in verb.children if c.dep_ == "agent"):
            for obj in (g for g in agent.children if g.dep_ == "pobj"):
                return self.resolve_head(obj, when, memory), obj
        # a dateline city is parsed as a subject too: "NAIROBI , - Police … fired"
        subjects = [c for c in verb.children if c.dep_ in _SUBJECTS and c.idx >= memory.body_start]
        if not subjects and verb.lemma_.lower() in _STATIVE_PASSIVES | _RAISING_PASSIVES:
            subjects = [c for c in verb.children if c.dep_ in _PASSIVE_SUBJECTS]
        if subjects:
            return self.resolve_head(subjects[0], when, memory), subjects[0]
        return None

    def _noun_actor(self, noun: Token, when: date | None) -> tuple[Actor | None, Token | None]:
        """An event noun's actor: its possessor or modifier ("Russian strikes", "Israel's raid")."""
        for modifier in (c for c in noun.children if c.dep_ in {"poss", "amod", "compound", "nmod"}):
            actor = self.lexicon.resolve([t.text for t in modifier.subtree], when)
            if actor is not None:
                return actor, modifier
        return None, None

    def co_actor(self, subject: Token | None, when: date | None, memory: Memory) -> Actor | None:
        """The second party of a joint subject ("Ethiopia and Somalia agreed", "the ministers of Turkey and
        Syria met"); FORMAT.md: the target."""
        if subject is None:
            return None
        conjuncts = [c for c in subject.children if c.dep_ == "conj"]
        owners = (g for c in subject.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children)
        listed = next((g for g in owners if g.dep_ == "pobj"), None)  # "the ministers of X and Y"
        conjuncts = conjuncts or ([c for c in listed.children if c.dep_ == "conj"] if listed else [])
        if conjuncts:
            return self.resolve_head(conjuncts[0], when, memory)
        joined = _joined_modifier(subject)
        return self.lexicon.resolve([t.text for t in joined], when) if joined else None

    def _victims_of_death_clause(self, trigger: Token, when: date | None, memory: Memory) -> Actor | None:
        """ "Nine people died when a drone hit the market": the dead are the act's target."""
        if trigger.dep_ != "advcl" or trigger.head.lemma_.lower() not in {"die", "perish"}:
            return None
        subject = next((c for c in trigger.head.children if c.dep_ == "nsubj"), None)
        return self.resolve_head(subject, when, memory) if subject is not None else None

    def target(
        self,
        trigger: Token,
        when: date | None,
        memory: Memory,
        skip: Token | None,
        accusation: bool = False,
        kind: str = "",
    ) -> Actor | None:
        """The first party named after the trigger within its phrase (or a passive subject); else a name
        the lexicon lacks, the doer of an attack reacted to, or the people of a place attacked.

        With ``accusation``, whom a complaint is addressed to ("complained *to the UN* over Israeli
        raids") is the target only when the complaint names no one else. ``kind`` is the event type.
        """
        act = _act_as_passive_subject(trigger)
        if act is not None:  # "Iran's attack *on Israel* was intercepted"
            return self.target(act, when, memory, None, accusation, kind)
        if trigger.lemma_.lower() not in _STATIVE_PASSIVES:
            for child in trigger.children:
                if child.dep_ in _PASSIVE_SUBJECTS:
                    return self.resolve_head(child, when, memory)
        if is_headline_passive(trigger) or under_fire(trigger) is not None:
            subject = next((c for c in trigger.children if c.dep_ == "nsubj"), None)
            return self.resolve_head(subject, when, memory) if subject is not None else None
        victims = self._victims_of_death_clause(trigger, when, memory)
        if victims is not None:
            return victims
        skip_ids = {t.i for t in skip.subtree} if skip is not None else set()
        skip_ids -= {t.i for t in trigger.subtree}  # a misparse can hang the act inside its actor's phrase
        asides = [c for c in trigger.subtree if c.dep_ in _ASIDES and c.i != trigger.i]
        asides += [c for c in trigger.subtree if c.i != trigger.i and _is_circumstance(c)]
        aside_ids = {t.i for aside in asides for t in aside.subtree}
        words: list[str] = []
        locative: list[bool] = []
        addressed: list[bool] = []
        # in text order: a subtree lists a left child's whole subtree first, even words after the trigger
        for token in sorted((t for t in trigger.subtree if t.i > trigger.i), key=lambda t: t.i):
            if token.lower_ in _STOP_TARGET or token.i in skip_ids:
                break
            if token.i in aside_ids:
                continue
            words.append(token.text)
            locative.append(_in_locative_phrase(token, trigger))
            addressed.append(accusation and _addressee(token, trigger))
        found = self.lexicon.find(words, when) or self.lexicon.find(words, when, agents=True)
        found = [(start, end, actor) for start, end, actor in found if is_party(actor)]
        found = [(start, end, _ethnic_if_said(words, start, end, actor)) for start, end, actor in found]
        direct = [actor for start, _end, actor in found if not locative[start] and not addressed[start]]
        if direct:
            return direct[0]
        found = sorted(found, key=lambda span: locative[span[0]])  # an addressee before a place
        if found:
            return found[0][2]
        phrase = [t for t in _phrase_after(trigger, skip_ids) if t.i not in aside_ids]
        return (
            self._unknown_name_in(phrase, when, memory)
            or self._doer_of_act_in(phrase, kind, memory)
            or _people_of_place_in(phrase, trigger, kind, memory)
        )

    def _unknown_name_in(self, phrase: list[Token], when: date | None, memory: Memory) -> Actor | None:
        """The first person or organisation the lexicon does not know, or a person pronoun, named in the
        trigger's phrase: "congratulated *Pelosi*", "charged *Stefan W.*", "struck *him*" (their country
        comes from the story, ``Memory.localise``)."""
        for token in phrase:
            named = token.pos_ == "PROPN" and token.dep_ not in {"compound", "flat"}
            if named or (token.lower_ in _OBJECT_PRONOUNS and token.dep_ in {"dobj", "pobj"}):
                actor = self.resolve_head(token, when, memory)
                if actor is not None:
                    return actor
        return None

    @staticmethod
    def _doer_of_act_in(phrase: list[Token], kind: str, memory: Memory) -> Actor | None:
        """ "Lebanon's president condemned *the strike*": a reaction to an attack that names no attacker
        is aimed at whoever carried out the last attack the story told."""
        if kind == "ASSAULT" or memory.last_attacker is None:
            return None
        acts = (t for t in phrase if t.dep_ in {"dobj", "pobj"} and t.lemma_.lower() in _ATTACK_NOUNS)
        return memory.last_attacker if next(acts, None) is not None else None


def _phrase_after(trigger: Token, skip: set[int]) -> list[Token]:
    """The words of the trigger's own phrase after it, in text order, up to a reporting word."""
    words = []
    for token in sorted((t for t in trigger.subtree if t.i > trigger.i), key=lambda t: t.i):
        if token.lower_ in _STOP_TARGET or token.i in skip:
            break
        words.append(token)
    return words


def _people_of_place_in(phrase: list[Token], trigger: Token, kind: str, memory: Memory) -> Actor | None:
    """ "Missiles struck *Zaporizhzhia*", "a curfew on *Monguno*": a place the act is aimed at, which the
    lexicon does not know, stands for its people (an attack's place counts even after "in")."""
    for token in phrase:
        place = next((p for p in memory.places if p.start <= token.idx < p.end and p.country), None)
        if place is not None and _aimed_at(token, trigger, kind == "ASSAULT"):
            name, country = f"people of {place.name}", sovereign(place.country)
            return Actor(name=name, country=country, sector="CVL", text=place.text)
    return None


def _aimed_at(token: Token, trigger: Token, attack: bool) -> bool:
    """Whether a word sits where an act's object goes: its object, or "on"/"against"/"at" X (an attack's
    place "in" X too), not where it came "from" or who it was "for"."""
    allowed = _AIMED | _LOCATIVE if attack else _AIMED
    current = token
    for _ in range(8):
        if current.i == trigger.i:
            return True
        if current.dep_ == "prep" and current.lower_ not in allowed:
            return False
        if current.head.i == current.i:
            return False
        current = current.head
    return False


def _is_circumstance(child: Token) -> bool:
    """A clause or phrase that says when, why or despite what the act happened, not to whom; or in what
    role ("resigned *as governor of Puerto Rico*", "his election *as party leader*"; not "such as")."""
    if child.dep_ == "prep" and child.lower_ == "as":
        return child.i == 0 or child.nbor(-1).lower_ != "such"
    if child.dep_ == "prep":
        return child.lower_ in _CIRCUMSTANCE_PREPS and child.head.pos_ in {"VERB", "AUX"}
    if child.dep_ == "advcl":
        return any(c.dep_ == "mark" and c.lower_ in _SUBORDINATORS for c in child.children)
    return False


def _addressee(token: Token, trigger: Token) -> bool:
    """Whether a token sits in the trigger's own "to" phrase ("complained *to the Security Council*")."""
    current = token
    for _ in range(6):
        if current.head.i == trigger.i:
            return current.dep_ == "prep" and current.lower_ == "to"
        if current.head.i == current.i:
            return False
        current = current.head
    return False


def _in_locative_phrase(token: Token, trigger: Token) -> bool:
    """Whether a token sits in a place phrase of the trigger ("in Hong Kong", "near the border")."""
    current = token
    for _ in range(6):
        if current.i == trigger.i or current.head.i == current.i:
            return False
        if current.dep_ == "prep" and current.lower_ in _LOCATIVE:
            return True
        if current.dep_ == "pobj" and current.head.lower_ in _LOCATIVE and current.head.head.i == trigger.i:
            return True
        current = current.head
    return False
