"""Batch runs over an archive: parallel, streaming, lossless and resumable.

    run_batch(["archive.tar.gz"], "records.jsonl", jobs=4)

- Streaming: articles are read one at a time and sent to the workers in small chunks, with at
  most `2 x jobs` chunks in flight, so memory stays flat however large the input.
  (`multiprocessing.Pool.imap` would read the whole input ahead; a bounded queue of futures
  does not.)
- Parallel: `jobs` worker processes, each loading the models once (pool initializer).
- Ordered: the output holds one line / row set per input article, IN INPUT ORDER, whatever
  `jobs` is; every table row also carries its `article_id`.
- Lossless: an article that cannot be read, is empty, is larger than `max_chars`, raises in
  a stage, runs past `timeout` seconds, or crashes its worker process gives an error record
  `{"id", "error": {"type", "message"}}`; the batch goes on.
- Resumable: with `resume=True` the articles already in the output are skipped (a partial
  last line or uncommitted part is dropped first), so a killed run finishes with exactly the
  records of an uninterrupted one.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing import get_context
from pathlib import Path
from typing import IO, Protocol

from vn_minutes.articles import Article, read_articles
from vn_minutes.frames import ERRORS, record_rows, rows_to_table, table_names
from vn_minutes.pipeline import default_pipeline, extract_article
from vn_minutes.record import ErrorInfo, ErrorRecord

DEFAULT_MAX_CHARS = 1_000_000  # ~200 times a long news article
DEFAULT_TIMEOUT = 60.0  # seconds per article
CHUNK_SIZE = 8  # articles per task sent to a worker
FORMATS = ("jsonl", "parquet", "duckdb")

Outcome = tuple[bool, str]  # (is an error record, the JSON line)


@dataclass(frozen=True)
class Limits:
    """Per-article guards applied by the workers."""

    max_chars: int = DEFAULT_MAX_CHARS
    timeout: float = DEFAULT_TIMEOUT


@dataclass
class BatchSummary:
    """What a batch did: counts include the articles found done on resume."""

    articles: int = 0
    errors: int = 0
    resumed: int = 0
    seconds: float = 0.0
    error_types: dict[str, int] = field(default_factory=dict)

    @property
    def records(self) -> int:
        return self.articles - self.errors

    def format(self) -> str:
        rate = (self.articles - self.resumed) / self.seconds if self.seconds else 0.0
        resumed = f" ({self.resumed} already done)" if self.resumed else ""
        kinds = ", ".join(f"{k} {n}" for k, n in sorted(self.error_types.items()))
        return (
            f"articles {self.articles}{resumed}, records {self.records}, errors {self.errors}"
            + (f" [{kinds}]" if kinds else "")
            + f", time {self.seconds:.1f} s ({rate:.1f} articles/s)"
        )


class ArticleTimeout(Exception):
    """An article took longer than the per-article time limit."""


class ResumeMismatch(Exception):
    """The output to resume was not written from these inputs."""


# ---------------------------------------------------------------- worker side


def init_worker() -> None:
    """Load the pipeline and its models once per worker process (pool initializer)."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    with contextlib.suppress(Exception):  # a broken stage shows up per article instead
        default_pipeline()("Hà Nội, ngày 1/1/2020.")


def error_outcome(article_id: str | None, kind: str, message: str) -> Outcome:
    """The outcome of an article that gave an error."""
    record = ErrorRecord(id=article_id, error=ErrorInfo(type=kind, message=message))
    return True, json.dumps(record.model_dump(mode="json"), ensure_ascii=False)


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise `ArticleTimeout` in this thread after `seconds` (main thread of a process only)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise ArticleTimeout(f"no result within {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def process_article(article: Article, limits: Limits) -> Outcome:
    """The outcome of one article under the limits; never raises."""
    try:
        with time_limit(limits.timeout):
            record = extract_article(article)
    except ArticleTimeout as error:
        return error_outcome(article.id, "Timeout", str(error))
    line = json.dumps(record.model_dump(mode="json"), ensure_ascii=False)
    return isinstance(record, ErrorRecord), line


def process_chunk(chunk: list[Article], limits: Limits) -> list[Outcome]:
    """Outcomes of a chunk of articles, in order (the task a worker runs)."""
    return [process_article(article, limits) for article in chunk]


def limit_size(article: Article, max_chars: int) -> Article:
    """The article, or an error article when its text is over `max_chars` characters."""
    if article.error is None and len(article.text) > max_chars:
        message = f"{len(article.text)} characters, over the limit of {max_chars}"
        return Article(id=article.id, error=ErrorInfo(type="TooLarge", message=message))
    return article


# ---------------------------------------------------------------- running the chunks


def run_chunks(chunks: Iterable[list[Article]], jobs: int, limits: Limits) -> Iterator[list]:
    """Outcomes of each chunk, in input order, computed by `jobs` processes."""
    if jobs <= 1:
        init_worker_in_process()
        for chunk in chunks:
            yield process_chunk(chunk, limits)
        return
    runner = PoolRunner(jobs, limits)
    try:
        yield from runner.map(chunks)
    finally:
        runner.close()


def init_worker_in_process() -> None:
    """Warm the models up in this process (for `jobs=1`), leaving Ctrl-C alone."""
    with contextlib.suppress(Exception):
        default_pipeline()("Hà Nội, ngày 1/1/2020.")


class PoolRunner:
    """A process pool fed a bounded number of chunks, that survives a crashed or hung worker.

    When a worker dies (segfault, out of memory) or a chunk runs past its hard limit, the pool
    is replaced and the chunk at the head is re-run one article at a time, so only the
    culprit article gets an error record ("WorkerCrashed" / "Timeout").
    """

    def __init__(self, jobs: int, limits: Limits) -> None:
        self.jobs = jobs
        self.limits = limits
        self.pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.jobs, mp_context=get_context("spawn"), initializer=init_worker
        )

    def hard_limit(self, size: int) -> float | None:
        """Seconds to wait for a task of `size` articles before declaring its worker hung."""
        if self.limits.timeout <= 0:
            return None
        return 2 * self.limits.timeout * size + 60

    def submit(self, chunk: list[Article]) -> Future:
        return self.pool.submit(process_chunk, chunk, self.limits)

    def map(self, chunks: Iterable[list[Article]]) -> Iterator[list[Outcome]]:
        pending: deque[tuple[list[Article], Future]] = deque()
        for chunk in chunks:
            pending.append((chunk, self.submit(chunk)))
            if len(pending) >= 2 * self.jobs:
                yield self.result(pending)
        while pending:
            yield self.result(pending)

    def result(self, pending: deque[tuple[list[Article], Future]]) -> list[Outcome]:
        """The outcomes of the chunk at the head of `pending`, recovering from a crash."""
        chunk, future = pending.popleft()
        try:
            return future.result(timeout=self.hard_limit(len(chunk)))
        except (BrokenProcessPool, FutureTimeout):
            self.restart()
            outcomes = self.isolate(chunk)
            for index, (waiting, _) in enumerate(pending):
                pending[index] = (waiting, self.submit(waiting))
            return outcomes

    def isolate(self, chunk: list[Article]) -> list[Outcome]:
        """Run a chunk one article at a time, so a crash is pinned on the article causing it."""
        outcomes = []
        for article in chunk:
            try:
                future = self.submit([article])
                outcomes.extend(future.result(timeout=self.hard_limit(1)))
            except BrokenProcessPool:
                self.restart()
                outcomes.append(error_outcome(article.id, "WorkerCrashed", "worker process died"))
            except FutureTimeout:
                self.restart()
                outcomes.append(error_outcome(article.id, "Timeout", "worker hung; killed"))
        return outcomes

    def restart(self) -> None:
        """Kill the workers and start a fresh pool."""
        self.close()
        self.pool = self._new_pool()

    def close(self) -> None:
        processes = list((getattr(self.pool, "_processes", None) or {}).values())
        for process in processes:
            with contextlib.suppress(Exception):
                process.kill()
        self.pool.shutdown(wait=False, cancel_futures=True)


# ---------------------------------------------------------------- outputs


class Sink(Protocol):
    """Where outcomes go; knows how many articles it already holds (for resume)."""

    done: int
    done_errors: int

    def done_ids(self) -> Iterator[str | None] | None: ...
    def write(self, outcomes: list[Outcome]) -> None: ...
    def close(self) -> None: ...


class JsonlSink:
    """One JSON line per article; resume keeps the complete lines and drops a partial one."""

    def __init__(self, path: str | Path, resume: bool) -> None:
        self.path = None if str(path) == "-" else Path(path)
        self.done = self.done_errors = 0
        if self.path is None:
            self.stream: IO[str] = sys.stdout
            return
        if resume and self.path.exists():
            self.done, self.done_errors = self._recover()
            self.stream = self.path.open("a", encoding="utf-8")
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.stream = self.path.open("w", encoding="utf-8")

    def _recover(self) -> tuple[int, int]:
        """Count complete lines (and error lines); truncate a partial last line."""
        assert self.path is not None
        done = errors = keep = 0
        with self.path.open("rb") as lines:
            for line in lines:
                if not line.endswith(b"\n"):
                    break
                done += 1
                keep += len(line)
                errors += line.startswith(b'{"id"') and b'"error": {"type"' in line[:2000]
        with self.path.open("r+b") as stream:
            stream.truncate(keep)
        return done, errors

    def done_ids(self) -> Iterator[str | None] | None:
        if self.path is None or not self.done:
            return None
        return self._ids()

    def _ids(self) -> Iterator[str | None]:
        assert self.path is not None
        with self.path.open("rb") as lines:
            for line in islice(lines, self.done):
                yield json.loads(line).get("id")

    def write(self, outcomes: list[Outcome]) -> None:
        self.stream.write("".join(line + "\n" for _, line in outcomes))
        self.stream.flush()

    def close(self) -> None:
        if self.stream is not sys.stdout:
            self.stream.close()


class TableSink:
    """Buffers rows per table and commits them every `flush_every` articles, atomically."""

    def __init__(self, flush_every: int) -> None:
        self.flush_every = flush_every
        self.done = self.done_errors = 0
        self._reset()

    def _reset(self) -> None:
        self.rows: dict[str, list[dict]] = {name: [] for name in table_names()}
        self.articles = self.errors = 0

    def done_ids(self) -> Iterator[str | None] | None:
        return None

    def write(self, outcomes: list[Outcome]) -> None:
        for is_error, line in outcomes:
            for name, rows in record_rows(json.loads(line)).items():
                self.rows[name].extend(rows)
            self.articles += 1
            self.errors += is_error
        if self.articles >= self.flush_every:
            self.flush()

    def flush(self) -> None:
        if not self.articles:
            return
        tables = {name: rows_to_table(name, rows) for name, rows in self.rows.items()}
        self.commit(tables, self.articles, self.errors)
        self._reset()

    def commit(self, tables: dict, articles: int, errors: int) -> None:
        raise NotImplementedError

    def close(self) -> None:
        self.flush()


class ParquetSink(TableSink):
    """A folder with one Parquet dataset (folder of parts) per table.

    Each flush writes `TABLE/part-N.parquet` for every table, then the marker
    `_committed/N.json`; resume drops parts without a marker.
    """

    def __init__(self, path: str | Path, resume: bool, flush_every: int = 2000) -> None:
        super().__init__(flush_every)
        self.path = Path(path)
        self.markers = self.path / "_committed"
        if not resume:
            for name in [*table_names(), "_committed"]:
                shutil.rmtree(self.path / name, ignore_errors=True)
        self.markers.mkdir(parents=True, exist_ok=True)
        committed = sorted(self.markers.glob("*.json"))
        for marker in committed:
            counts = json.loads(marker.read_text())
            self.done += counts["articles"]
            self.done_errors += counts["errors"]
        self.part = len(committed)
        kept = {f"part-{int(m.stem):06d}.parquet" for m in committed}
        for name in table_names():
            (self.path / name).mkdir(exist_ok=True)
            for part in (self.path / name).iterdir():
                if part.name not in kept:
                    part.unlink()

    def commit(self, tables: dict, articles: int, errors: int) -> None:
        import pyarrow.parquet as pq

        name_of = f"part-{self.part:06d}.parquet"
        for name, table in tables.items():
            temporary = self.path / name / f".{name_of}.tmp"
            pq.write_table(table, temporary)
            os.replace(temporary, self.path / name / name_of)
        marker = self.markers / f"{self.part:06d}.json"
        temporary = self.markers / f".{self.part:06d}.tmp"
        temporary.write_text(json.dumps({"articles": articles, "errors": errors}))
        os.replace(temporary, marker)
        self.part += 1


class DuckDbSink(TableSink):
    """A DuckDB database file with one table per record type; each flush is a transaction."""

    def __init__(self, path: str | Path, resume: bool, flush_every: int = 2000) -> None:
        import duckdb

        super().__init__(flush_every)
        self.path = Path(path)
        if not resume:
            for stale in (self.path, Path(f"{self.path}.wal")):
                stale.unlink(missing_ok=True)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = duckdb.connect(str(self.path))
        for name in table_names():
            self.db.register("empty_rows", rows_to_table(name, []))
            self.db.execute(f'CREATE TABLE IF NOT EXISTS "{name}" AS SELECT * FROM empty_rows')
            self.db.unregister("empty_rows")
        self.done_errors = self._count(ERRORS)
        self.done = self._count("articles") + self.done_errors

    def _count(self, name: str) -> int:
        return self.db.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]

    def commit(self, tables: dict, articles: int, errors: int) -> None:
        self.db.begin()
        for name, table in tables.items():
            self.db.register("batch_rows", table)
            self.db.execute(f'INSERT INTO "{name}" SELECT * FROM batch_rows')
            self.db.unregister("batch_rows")
        self.db.commit()

    def close(self) -> None:
        super().close()
        self.db.close()


def output_format(output: str | Path, fmt: str | None) -> str:
    """The output format: given, or from the output's name (.duckdb/.db, .parquet or a folder)."""
    if fmt:
        return fmt
    written = str(output)
    name = written.rstrip("/\\").lower()
    if name.endswith((".duckdb", ".db")):
        return "duckdb"
    if name.endswith(".parquet") or written.endswith(("/", "\\")) or Path(output).is_dir():
        return "parquet"
    return "jsonl"


def open_sink(output: str | Path, fmt: str, resume: bool, flush_every: int = 2000) -> Sink:
    """The sink writing `output` in format `fmt`."""
    if fmt == "parquet":
        return ParquetSink(output, resume, flush_every)
    if fmt == "duckdb":
        return DuckDbSink(output, resume, flush_every)
    return JsonlSink(output, resume)


# ---------------------------------------------------------------- the batch


def skip_done(articles: Iterator[Article], sink: Sink) -> Iterator[Article]:
    """The articles after those the output already holds (checking ids where it can)."""
    ids = sink.done_ids()
    expected = iter(ids) if ids is not None else None
    for position in range(sink.done):
        article = next(articles, None)
        if article is None:
            raise ResumeMismatch(f"the output holds {sink.done} articles, the input fewer")
        if expected is not None:
            done_id = next(expected)
            if done_id != article.id:
                raise ResumeMismatch(
                    f"line {position + 1} of the output is {done_id!r}, the input has "
                    f"{article.id!r}: resume with the same inputs in the same order"
                )
    return articles


def batched(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """Consecutive chunks of `size` articles."""
    iterator = iter(articles)
    while chunk := list(islice(iterator, size)):
        yield chunk


def count_in_background(paths: list[Path], bar: object) -> None:
    """Count the input articles in a thread and give the progress bar its total (for ETA)."""

    def count() -> None:
        total = sum(1 for _ in read_articles(paths))
        bar.total = total  # type: ignore[attr-defined]
        bar.refresh()  # type: ignore[attr-defined]

    threading.Thread(target=count, daemon=True, name="count-articles").start()


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def run_batch(
    paths: Iterable[str | Path],
    output: str | Path,
    *,
    fmt: str | None = None,
    jobs: int | None = None,
    resume: bool = False,
    limits: Limits = Limits(),  # noqa: B008 (frozen)
    chunk_size: int = CHUNK_SIZE,
    flush_every: int = 2000,
    progress: bool = False,
) -> BatchSummary:
    """Extract every article of `paths` into `output`; see the module docstring."""
    started = time.perf_counter()
    paths = [Path(p) for p in paths]
    sink = open_sink(output, output_format(output, fmt), resume, flush_every)
    summary = BatchSummary(articles=sink.done, errors=sink.done_errors, resumed=sink.done)
    bar = _progress_bar(paths, sink.done) if progress else None
    try:
        articles = skip_done(iter(read_articles(paths)), sink)
        chunks = batched((limit_size(a, limits.max_chars) for a in articles), chunk_size)
        for outcomes in run_chunks(chunks, jobs or default_jobs(), limits):
            sink.write(outcomes)
            summary.articles += len(outcomes)
            for is_error, line in outcomes:
                if is_error:
                    summary.errors += 1
                    kind = json.loads(line)["error"]["type"]
                    summary.error_types[kind] = summary.error_types.get(kind, 0) + 1
            if bar is not None:
                bar.update(len(outcomes))
    finally:
        sink.close()
        if bar is not None:
            bar.close()
        summary.seconds = time.perf_counter() - started
    return summary


def _progress_bar(paths: list[Path], done: int) -> object:
    """A tqdm bar on stderr: articles, articles/s and time left once the total is counted."""
    from tqdm import tqdm

    bar = tqdm(initial=done, unit=" articles", dynamic_ncols=True, smoothing=0.1, file=sys.stderr)
    count_in_background(paths, bar)
    return bar
