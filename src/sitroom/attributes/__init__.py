"""Event attributes read from a parsed sentence: when (``dates``), how many killed and injured
(``casualties``) and who says so (``attribution``).

Each reader takes the event's anchor verb (``Trigger.anchor``) and its sentence and returns plain values
or models; none of them changes the parse. The coder fills ``Event.date``, ``fatalities``/``injured``/
``casualties_vague`` and ``attribution`` from them.
"""

from sitroom.attributes.attribution import attribution
from sitroom.attributes.casualties import Casualties, casualties, ordinal_death
from sitroom.attributes.dates import (
    DateMention,
    days_running,
    event_date,
    find_date_expressions,
    in_present_tense,
    resolve_expression,
)
from sitroom.attributes.numbers import number_value

__all__ = [
    "Casualties",
    "DateMention",
    "attribution",
    "casualties",
    "days_running",
    "event_date",
    "find_date_expressions",
    "in_present_tense",
    "number_value",
    "ordinal_death",
    "resolve_expression",
]
