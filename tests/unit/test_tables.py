"""Wide tables as one two-column table per row."""

from __future__ import annotations

import pandas as pd
import pytest

from components import tables

FRAME = pd.DataFrame(
    {
        "Side effect": ["CRS", "Neurologic events"],
        "Product and study": ["Yescarta · ZUMA-1", "Yescarta · ZUMA-1"],
        "Usually starts (median)": ["day 2", "day 4"],
        "Source": ["A", "B"],
    }
)


def test_one_table_per_row_in_order_headed_by_the_key_cells():
    got = tables.records(FRAME, ["Side effect", "Product and study"])
    assert [list(t.columns) for t in got] == [
        ["CRS · Yescarta · ZUMA-1"],
        ["Neurologic events · Yescarta · ZUMA-1"],
    ]
    assert [list(t.index) for t in got] == [["Usually starts (median)", "Source"]] * 2
    assert [list(t.iloc[:, 0]) for t in got] == [["day 2", "A"], ["day 4", "B"]]


@pytest.mark.parametrize("keys", [["Side effect"], ["Source"]])
def test_every_cell_is_kept_once(keys):
    got = tables.records(FRAME, keys)
    assert sum(t.size for t in got) == FRAME.size - len(keys) * len(FRAME)
    assert all(len(t.columns) == 1 for t in got)


def test_no_rows_no_tables():
    assert tables.records(FRAME.iloc[0:0], ["Side effect"]) == []
