"""Read articles from JSONL, plain-text, Markdown and HTML files, directories and stdin.

    >>> from sitroom.ingest import read_articles
    >>> for item in read_articles(["news/"]):
    ...     print(item)

Each item is an :class:`~sitroom.models.Article` or an :class:`InputProblem`; a bad file or line is
reported and the rest is still read.
"""

from sitroom.ingest.readers import SUFFIXES, InputProblem, InputWarning, html_article, read_articles

__all__ = ["SUFFIXES", "InputProblem", "InputWarning", "html_article", "read_articles"]
