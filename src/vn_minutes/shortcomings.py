"""Placeholder for the shortcomings stage; replaced by its real implementation."""

from __future__ import annotations

from vn_minutes.document import Document


def annotate(doc: Document) -> Document:
    """Pipeline stage (not yet implemented): returns the document unchanged."""
    return doc
