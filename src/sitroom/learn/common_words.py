"""Build ``data/common_words.txt``, the truecaser's list of how common an English word is.

``python -m sitroom.learn.common_words SCOWL_DIR`` where ``SCOWL_DIR`` holds SCOWL's word lists (Debian's
``scowl`` package, 2020.12.07: ``apt-get install scowl`` puts them in ``/usr/share/dict/scowl``).

SCOWL (Spell Checker Oriented Word Lists, Kevin Atkinson) sorts English words by size level: 10 holds the
commonest (from the Moby word frequencies), 35 an ordinary dictionary, 70 rare words; capitalised words are
listed apart from lower-case ones. We keep the lower-case words of levels up to 70 (American and British
spellings, contractions) that are also a word of some name the truecaser may restore (gazetteer, actor
lexicon, demonyms, months, sector nouns): only for those does it ask how common a word is. We also keep the
capitalised-only words that the actor lexicon lists as sector nouns (English writes "Muslim", "Sunni").
About 10,000 lines; rerun when the gazetteer data, the dictionaries or the supplement change.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from sitroom.coding.actors import ActorLexicon
from sitroom.coding.truecase import name_words
from sitroom.nlp.words import COMMON_WORDS_FILE
from sitroom.place.gazetteer import Gazetteer

OUTPUT = Path(__file__).resolve().parents[1] / "data" / COMMON_WORDS_FILE
MAX_LEVEL = 70
_LIST = re.compile(
    r"(english|american|british|british_z|canadian|variant_1)-(words|upper|contractions)"
    r"\.(\d+)"
)
HEADER = """\
# How common an English word is, for the truecaser (src/sitroom/coding/truecase.py): "word level", where
# level is SCOWL's size level (10 = the commonest words ... 70 = rare). Lower-case lines are ordinary words
# that are also a word of some name sitroom knows ("china", "male", "police"); capitalised lines are words
# English always capitalises that the actor lexicon lists as sector nouns ("Muslim").
# Built by `python -m sitroom.learn.common_words /usr/share/dict/scowl` (Debian package scowl 2020.12.07).
#
# Derived from SCOWL (Spell Checker Oriented Word Lists), http://wordlist.aspell.net/
# Copyright 2000-2011 by Kevin Atkinson
#   Permission to use, copy, modify, distribute and sell these word lists, the associated scripts, the
#   output created from the scripts, and its documentation for any purpose is hereby granted without fee,
#   provided that the above copyright notice appears in all copies and that both that copyright notice and
#   this permission notice appear in supporting documentation. Kevin Atkinson makes no representations
#   about the suitability of this array for any purpose. It is provided "as is" without express or implied
#   warranty.
# SCOWL's level 10 draws on the public-domain Moby Words II frequencies; see SCOWL's README for the rest.
"""


def read_scowl(directory: Path) -> tuple[dict[str, int], dict[str, int]]:
    """(lower-case word → lowest level, capitalised word → lowest level) over the lists we use."""
    lower: dict[str, int] = {}
    upper: dict[str, int] = {}
    for path in sorted(directory.iterdir()):
        match = _LIST.fullmatch(path.name)
        if not match or int(match.group(3)) > MAX_LEVEL:
            continue
        level = int(match.group(3))
        for word in path.read_text(encoding="utf-8", errors="replace").split():
            if word.endswith("'s"):
                continue
            table = lower if word.islower() else upper
            table[word] = min(level, table.get(word, level))
    return lower, upper


def build(directory: Path) -> list[str]:
    """The file's lines after its header."""
    lower, upper = read_scowl(directory)
    lexicon = ActorLexicon.load()
    wanted = name_words(Gazetteer.load(), lexicon)
    lines = [f"{word} {level}" for word, level in sorted(lower.items()) if word in wanted]
    sectors = {word.lower() for word in lexicon.sector_words()}
    lines += [f"{word} {level}" for word, level in sorted(upper.items())
              if word.lower() in sectors and word.lower() not in lower and word.isalpha()]  # fmt: skip
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scowl", type=Path, help="directory of SCOWL's lists (/usr/share/dict/scowl)")
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    lines = build(args.scowl)
    args.output.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} words to {args.output}")


if __name__ == "__main__":
    main()
