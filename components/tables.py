"""Wide tables reshaped so they fit a phone screen: one small two-column table per row."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd


def records(frame: pd.DataFrame, keys: Sequence[str]) -> list[pd.DataFrame]:
    """One table per row of `frame`, in order. The row's `keys` cells (joined by " · ") head its
    one column; every other column of `frame` becomes a row, named by the column's header.

    A seven-column table needs sideways scrolling on a phone; two columns of words wrap.
    """
    rest = [c for c in frame.columns if c not in keys]
    return [
        pd.DataFrame(
            {" · ".join(str(row[k]) for k in keys): [row[c] for c in rest]},
            index=pd.Index(rest),
        )
        for _, row in frame.iterrows()
    ]
