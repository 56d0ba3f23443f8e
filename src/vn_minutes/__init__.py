"""vn_minutes: structured, source-grounded records from Vietnamese meeting reports.

>>> import vn_minutes
>>> record = vn_minutes.extract(text, published=datetime.date(2018, 7, 6))
>>> record.model_dump(mode="json")
"""

from vn_minutes.abbreviations import expand
from vn_minutes.document import Document, Token
from vn_minutes.frames import to_frames
from vn_minutes.pipeline import Pipeline, extract, extract_many
from vn_minutes.record import ArticleRecord

__all__ = [
    "ArticleRecord",
    "Document",
    "Pipeline",
    "Token",
    "expand",
    "extract",
    "extract_many",
    "to_frames",
]
__version__ = "0.1.0"
