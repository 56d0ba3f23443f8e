"""The Dask path gives the records and tables of the local batch, on a LocalCluster."""

from __future__ import annotations

import json
from pathlib import Path

import pandas
import pytest

pytest.importorskip("distributed")

from distributed import Client, LocalCluster  # noqa: E402

import vn_minutes  # noqa: E402
import vn_minutes.dask as vd  # noqa: E402
from vn_minutes.batch import Limits, run_batch  # noqa: E402

TEXTS = [
    "Sáng 3/4/2023, UBND tỉnh Lạng Sơn tổ chức hội nghị sơ kết quý I.",
    "Chủ tịch Nguyễn Văn Bình chủ trì cuộc họp; tỷ lệ giải ngân đạt 45%.",
    "Đã có 12/15 xã đạt chuẩn nông thôn mới, tăng 3 xã so với năm 2022.",
]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("dask")
    first = folder / "one.jsonl"
    rows = [{"id": f"d{i}", "text": t, "published": "2023-04-03"} for i, t in enumerate(TEXTS)]
    rows.append({"id": "blank", "text": ""})
    first.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    second = folder / "two.txt"
    second.write_text(TEXTS[0], encoding="utf-8")
    return [first, second]


@pytest.fixture(scope="module")
def client():
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=False) as cluster,
        Client(cluster) as client,
    ):
        yield client


def test_dask_records_equal_the_local_batch(inputs: list[Path], tmp_path: Path, client) -> None:
    local = tmp_path / "local.jsonl"
    run_batch(inputs, local, jobs=1, limits=Limits(timeout=0))
    expected = [json.loads(line) for line in local.read_text(encoding="utf-8").splitlines()]
    records = vd.records_bag(inputs).compute()
    assert records == expected
    assert [r["id"] for r in records] == ["d0", "d1", "d2", "blank", "two"]


@pytest.mark.parametrize("table", ["articles", "dates", "percentages", "errors"])
def test_dask_tables_equal_to_frames(inputs: list[Path], client, table: str) -> None:
    bag = vd.records_bag(inputs)
    expected = vn_minutes.to_frames(bag.compute())[table]
    got = vd.to_dataframe(bag, table).compute().reset_index(drop=True)
    pandas.testing.assert_frame_equal(got, expected)


def test_unknown_table_is_refused(inputs: list[Path]) -> None:
    with pytest.raises(ValueError, match="unknown table"):
        vd.to_dataframe(vd.records_bag(inputs), "nope")
