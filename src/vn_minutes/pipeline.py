"""The pipeline: named stages run in order over one `Document`, so data flows one way.

    normalize -> abbreviations -> tokenize -> dates, people, figures, shortcomings

A user can run a subset (`Pipeline.default().only("normalize", "dates")`) or add a stage
(`Pipeline.default().with_stage("mine", my_stage)`); a stage is any `Document -> Document`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from vn_minutes import abbreviations, dates, figures, people, shortcomings
from vn_minutes.articles import Article
from vn_minutes.document import Document
from vn_minutes.normalize import normalize
from vn_minutes.record import ArticleRecord, ErrorInfo, ErrorRecord
from vn_minutes.tokenize import tokenize

Stage = Callable[[Document], Document]


@dataclass(frozen=True)
class Pipeline:
    """An ordered tuple of `(name, stage)` pairs."""

    stages: tuple[tuple[str, Stage], ...]

    @classmethod
    def default(cls) -> Pipeline:
        return cls(
            (
                ("normalize", normalize),
                ("abbreviations", abbreviations.annotate),
                ("tokenize", tokenize),
                ("dates", dates.annotate),
                ("people", people.annotate),
                ("figures", figures.annotate),
                ("shortcomings", shortcomings.annotate),
            )
        )

    @property
    def names(self) -> list[str]:
        return [name for name, _ in self.stages]

    def only(self, *names: str) -> Pipeline:
        """The same pipeline restricted to the named stages, in pipeline order."""
        unknown = set(names) - set(self.names)
        if unknown:
            raise ValueError(f"unknown stages: {sorted(unknown)}; known: {self.names}")
        return Pipeline(tuple((n, s) for n, s in self.stages if n in names))

    def with_stage(self, name: str, stage: Stage, *, after: str | None = None) -> Pipeline:
        """A pipeline with `stage` added after the stage `after` (default: at the end)."""
        position = len(self.stages) if after is None else self.names.index(after) + 1
        stages = list(self.stages)
        stages.insert(position, (name, stage))
        return Pipeline(tuple(stages))

    def run(self, doc: Document) -> Document:
        for _, stage in self.stages:
            doc = stage(doc)
        return doc

    def __call__(
        self,
        text: str,
        *,
        published: dt.date | None = None,
        doc_id: str | None = None,
        title: str | None = None,
    ) -> ArticleRecord:
        if not isinstance(text, str):
            raise TypeError(f"text must be str, not {type(text).__name__}; decode bytes first")
        document = Document(text, published=published, doc_id=doc_id, title=title)
        return self.run(document).to_record()


@cache
def default_pipeline() -> Pipeline:
    """The default pipeline, built once and reused by `extract`."""
    return Pipeline.default()


def extract(
    text: str,
    *,
    published: dt.date | None = None,
    doc_id: str | None = None,
    title: str | None = None,
) -> ArticleRecord:
    """Extract the record of one article with the default pipeline."""
    return default_pipeline()(text, published=published, doc_id=doc_id, title=title)


def extract_many(articles: Iterable[str | dict]) -> Iterator[ArticleRecord]:
    """Records for texts or `{"id", "text", "published"?, "title"?}` dicts, in order."""
    for article in articles:
        if isinstance(article, str):
            yield extract(article)
            continue
        published = article.get("published")
        if isinstance(published, str):
            published = dt.date.fromisoformat(published)
        yield extract(
            article["text"],
            published=published,
            doc_id=article.get("id"),
            title=article.get("title"),
        )


def extract_article(
    article: Article, pipeline: Pipeline | None = None
) -> ArticleRecord | ErrorRecord:
    """The record of a read article, or an error record; never raises, so no article is lost."""
    if article.error is not None:
        return ErrorRecord(id=article.id, error=article.error)
    if not article.text.strip():
        return ErrorRecord(id=article.id, error=ErrorInfo(type="EmptyText", message="no text"))
    try:
        return (pipeline or default_pipeline())(
            article.text, published=article.published, doc_id=article.id, title=article.title
        )
    except Exception as error:  # a failing stage must not stop a batch
        return ErrorRecord(
            id=article.id, error=ErrorInfo(type=type(error).__name__, message=str(error)[:500])
        )
