"""Small text utilities shared by several stages: literal phrases as regexes."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import regex


def phrase_regex(phrase: str) -> str:
    """A literal phrase as a regex in which any run of white space may stand between words."""
    return r"\s+".join(regex.escape(word) for word in phrase.split())


def alternation(phrases: Iterable[str], as_regex: Callable[[str], str] = phrase_regex) -> str:
    """A regex alternation of literal phrases, longest first so the longest one wins.

    `as_regex` turns one phrase into its regex (dates passes one that accepts i/y spellings).
    """
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "|".join(as_regex(phrase) for phrase in ordered)
