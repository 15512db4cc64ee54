"""Dutch words the extraction modules share: month names and number words (pure data, in calendar order), and
the one way they turn a set of words into a fast regular expression."""

from __future__ import annotations

import re
from collections.abc import Iterable

MONTHS = {
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7, "augustus": 8,
    "september": 9, "oktober": 10, "november": 11, "december": 12,
}  # fmt: skip
# "mei" has no shorter form; "sept." is as common as "sep."
MONTH_ABBR = {
    "jan": 1, "feb": 2, "mrt": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "okt": 10,
    "nov": 11, "dec": 12,
}  # fmt: skip
NUMBERS = {
    "een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8, "negen": 9,
    "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14, "vijftien": 15, "zestien": 16,
    "twintig": 20, "dertig": 30, "zestig": 60, "negentig": 90, "tweetal": 2, "drietal": 3, "viertal": 4,
}  # fmt: skip

# The month names as the body of a regular expression alternation (lower case; no group of its own).
MONTH_NAMES = "|".join(MONTHS)


def trie(words: Iterable[str]) -> str:
    """An alternation of the words with their common beginnings factored out: the same strings, but the
    regular expression engine tries one branch per letter instead of every word in turn."""
    words = set(words)
    if "" in words:
        rest = trie(words - {""}) if len(words) > 1 else ""
        return f"(?:{rest})?" if rest else ""
    heads: dict[str, set[str]] = {}
    for word in words:
        heads.setdefault(word[0], set()).add(word[1:])
    alts = [re.escape(head) + trie(tails) for head, tails in sorted(heads.items())]
    return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
