"""Spreadsheet-safe text cells for the CSV and TSV outputs (OWASP's advice on CSV injection).

A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run as a formula by
Excel, LibreOffice and Google Sheets when the file is opened: an article's title ``=HYPERLINK(...)``
would turn an analyst's export against them. Such a text cell gets a leading apostrophe, which the
spreadsheet shows as text and does not display; numbers (a negative longitude) are left as they are.

    >>> safe_cell("=HYPERLINK(\\"http://x\\")"), safe_cell("-12.5"), safe_cell(-12.5), safe_cell("Kyiv")
    ('\\'=HYPERLINK("http://x")', '-12.5', -12.5, 'Kyiv')
"""

from __future__ import annotations

import re
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def safe_cell(value: Any) -> Any:
    """``value`` unchanged unless it is text a spreadsheet would read as a formula; then ``'`` + text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _NUMBER.match(value):
        return "'" + value
    return value
