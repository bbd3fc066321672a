"""Fusion: many reports of one event become one FusedEvent that keeps every report.

``signature`` reduces a Mention (an Event with its article) to comparable features, ``Fuser`` links each
new mention to the fused event it matches best (or starts one), and ``summarise`` reads a fused event
out of its mentions. The store calls these inside each article's transaction.

>>> from sitroom.fuse import Fuser, signature, summarise
>>> fuser = Fuser()
>>> cluster_id = fuser.add(signature(mention))
"""

from sitroom.fuse.cluster import Fuser, fuse
from sitroom.fuse.features import Signature, family, signature
from sitroom.fuse.match import DEFAULT_RULES, Rules, conflict, keeps_apart, link_score, score
from sitroom.fuse.models import FusedEvent, Mention, MentionRef
from sitroom.fuse.summary import acled_reading, summarise

__all__ = [
    "DEFAULT_RULES",
    "FusedEvent",
    "Fuser",
    "Mention",
    "MentionRef",
    "Rules",
    "Signature",
    "acled_reading",
    "conflict",
    "family",
    "fuse",
    "keeps_apart",
    "link_score",
    "score",
    "signature",
    "summarise",
]
