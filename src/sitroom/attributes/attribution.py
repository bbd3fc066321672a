"""Who says an event happened: the reporting verbs above the event's clause, their sources, and quotes.

Wire copy stacks sources: "CBS News reported, citing a U.S. official, that ..."; "According to the
Pentagon, a U.S. official said ...". Walking up from the event's verb, each reporting verb ("said",
"told", "reported", "clarified", "confirmed") or "according to" adds a layer; the higher, the further out.
The chain lists them outermost first, and ``source`` is the innermost, the one closest to the facts. A
cited source ("citing a U.S. official") is the innermost of all. An event inside quotation marks keeps
the quote and its speaker.

>>> attribution(anchor, sentence)  # "Drills are expected in the coming weeks, a U.S. official clarified."
Attribution(source='a U.S. official', chain=['a U.S. official'], verb='clarified', quote=None, speaker=None)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from sitroom.attributes._syntax import REPORTING, SUBJECTS, is_reporting, phrase_text
from sitroom.models import Attribution

_CITING = {"cite", "quote"}
_ATTACHED = {"parataxis", "advcl"}  # "X attacked Y, officials said"; not "and officials said (other news)"
_PRONOUNS = {"he", "she", "it", "they", "we", "i"}
_QUOTE = re.compile(r"“([^”]*)”?|\"([^\"]*)\"?")
_MIN_QUOTE_WORDS = 4  # shorter is a scare quote: Russia "liberated" the village


@dataclass(frozen=True)
class _Layer:
    """One reporting layer: who (``None`` when unsaid), the word that reports, and where it sits."""

    source: str | None
    verb: str
    token: Token


def _name(token: Token) -> str:
    """A source's words; a sentence-initial "The" is lower-cased ("the regional governor")."""
    text = phrase_text(token)
    first = token.left_edge
    if first.is_sent_start and first.pos_ == "DET" and text[:1].isupper():
        text = text[0].lower() + text[1:]
    return text


def _source_of(verb: Token) -> str | None:
    subject = next((c for c in verb.children if c.dep_ in SUBJECTS and c.dep_ != "expl"), None)
    return _name(subject) if subject is not None and subject.lower_ != "it" else None


def _addressee(verb: Token) -> _Layer | None:
    """ "The governor told CBS News": the outlet told is an outer layer (it relays the governor)."""
    if verb.lemma_.lower() != "tell":
        return None
    for child in verb.children:
        if child.dep_ in {"dobj", "dative"} and child.ent_type_ == "ORG":
            return _Layer(_name(child), "told", verb)
    return None


def _according(token: Token) -> _Layer | None:
    """ "according to X": X, with "according to" as the verb."""
    for prep in token.children:
        if prep.lower_ == "to":
            target = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if target is not None:
                return _Layer(_name(target), "according to", token)
    return None


def _layers_on(node: Token, came_from: Token | None) -> tuple[list[_Layer], list[_Layer]]:
    """Reporting layers at one node of the path up from the event: (ordinary, cited), innermost first."""
    layers, cited = [], []
    if came_from is not None and node.lemma_.lower() in REPORTING - _CITING:
        layers.append(_Layer(_source_of(node), node.lower_, node))
        told = _addressee(node)
        if told is not None:
            layers.append(told)
    for child in node.children:
        if came_from is not None and child.i == came_from.i:
            continue
        if child.lower_ == "according":
            layer = _according(child)
            layers.extend([layer] if layer else [])
        elif child.lemma_.lower() in _CITING and child.tag_ == "VBG":
            cited.extend(_Layer(_name(g), child.lower_, child) for g in child.children if g.dep_ == "dobj")
        # "X attacked Y, officials said": a reporting verb after the clause; one before it says other news
        elif child.dep_ in _ATTACHED and is_reporting(child) and child.i > (came_from or node).i:
            layers.append(_Layer(_source_of(child), child.lower_, child))
            cited.extend(_layers_on(child, node)[1])
    return layers, cited


def _layers(anchor: Token) -> tuple[list[_Layer], list[_Layer]]:
    """All layers from the event's verb up to the sentence root, innermost first."""
    layers: list[_Layer] = []
    cited: list[_Layer] = []
    came_from = None
    for node in [anchor, *anchor.ancestors]:
        found, found_cited = _layers_on(node, came_from)
        layers.extend(found)
        cited.extend(found_cited)
        came_from = node
    return layers, cited


def _quote_around(anchor: Token, sentence: Span) -> tuple[str, int, int] | None:
    """The quoted text (and its doc offsets) that contains the anchor; a quote the sentence only closes
    began in an earlier sentence."""
    text, offset = sentence.text, sentence.start_char
    for m in _QUOTE.finditer(text):
        start, end = offset + m.start(), offset + m.end()
        quoted = (m.group(1) if m.group(1) is not None else m.group(2)).strip(" ,")
        if start <= anchor.idx < end and len(quoted.split()) >= _MIN_QUOTE_WORDS:
            return quoted, start, end
    closing = min((i for i in (text.find("”"), text.find('"')) if i >= 0), default=-1)
    opening = text.find("“")
    if closing >= 0 and (opening < 0 or opening > closing) and anchor.idx < offset + closing:
        return text[:closing].strip(" ,"), offset, offset + closing
    return None


def _resolve(source: str | None, previous: Attribution | None) -> str | None:
    """ "He said" after a sentence that named its source: that source."""
    if source is not None and source.lower() in _PRONOUNS and previous is not None:
        return previous.speaker or previous.source or source
    return source


def attribution(anchor: Token, sentence: Span, previous: Attribution | None = None) -> Attribution | None:
    """Who reports the event whose verb is ``anchor``; None when the sentence asserts it unattributed.

    ``previous`` is the attribution of the sentence before, for "he said" and for a quote that runs on
    from it.
    """
    layers, cited = _layers(anchor)
    quote = _quote_around(anchor, sentence)
    if not layers and not cited and quote is None:
        return None
    sources = [_resolve(layer.source, previous) for layer in reversed(layers)]
    chain = [s for s in sources + [_resolve(c.source, previous) for c in cited] if s]
    verb = layers[0].verb if layers else None
    if quote is None:
        return Attribution(source=chain[-1] if chain else None, chain=chain, verb=verb)
    text, start, end = quote
    outside = [layer for layer in layers if not start <= layer.token.idx < end]
    speaker = _resolve(outside[0].source, previous) if outside else None
    if speaker is None and previous is not None:
        speaker = previous.speaker or previous.source
    return Attribution(
        source=chain[-1] if chain else speaker,
        chain=chain or ([speaker] if speaker else []),
        verb=outside[0].verb if outside else verb,
        quote=text,
        speaker=speaker,
    )
