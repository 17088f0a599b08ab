"""Streamlit-facing helpers: cached content, the page frame, and small render_* idioms."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from components import content as content_mod
from components import sitemap

log = logging.getLogger("cart_decision_aid")

CALM_CONTENT_ERROR = (
    "Sorry, this part of the decision aid could not be loaded right now, so we are not "
    "showing any numbers. Nothing you entered has been lost. Please try again later, "
    "and talk to your care team about your questions in the meantime."
)

DISCLAIMER = (
    "This aid helps you learn and prepare questions. It does not give medical advice and "
    "does not recommend any choice. Your care team knows your situation best."
)

_frame = threading.local()


@st.cache_data(show_spinner=False)
def _cached_content(data_dir: str, token: str) -> content_mod.Content:
    return content_mod.load_content(data_dir)


def load_content() -> content_mod.Content:
    """The validated content, loaded once per change of data/ and shared as a copy."""
    data_dir = str(content_mod.DATA_DIR)
    return _cached_content(data_dir, content_mod.content_token(data_dir))


def navigation_pages() -> dict[str, list[st.Page]]:
    """The st.Page objects for st.navigation, from the page registry."""
    return {
        section: [
            st.Page(p.file, title=p.title, icon=p.icon, default=p.default) for p in pages
        ]
        for section, pages in sitemap.by_section().items()
    }


@contextmanager
def frame() -> Iterator[None]:
    """Mark that the entry point (app.py) is running the current page."""
    _frame.active = True
    try:
        yield
    finally:
        _frame.active = False


def _recover_direct_page_run() -> None:
    """Hand a page that Streamlit ran without app.py back to app.py.

    On a freshly started server, Streamlit's legacy multipage mode (triggered by the folder
    name `pages/`) runs a directly linked page on its own, without app.py and with raw file
    names in the sidebar. Calling st.navigation switches the server to our registry for good;
    the rerun then goes through app.py and shows the same page properly.
    """
    st.navigation(navigation_pages(), position="hidden")
    st.rerun()


def start_page() -> content_mod.Content:
    """Call first on every page: makes sure the frame ran, then returns the content.

    If the content cannot be loaded, shows one calm message (no numbers) and stops the page;
    the maintainers' log names the file, row and column of each problem.
    """
    if not getattr(_frame, "active", False):
        _recover_direct_page_run()
    try:
        return load_content()
    except content_mod.ContentError as exc:
        for problem in exc.problems:
            log.error("content problem: %s", problem)
        st.error(CALM_CONTENT_ERROR, icon=":material/info:")
        st.stop()
        raise  # unreachable: st.stop() raises; keeps type checkers honest


def render_text(content: content_mod.Content, name: str) -> None:
    """Render one prose file from data/text/ as Markdown (never as HTML)."""
    st.markdown(content.text(name))


def render_sidebar() -> None:
    """The disclaimer and the content's review date, shown on every page."""
    with st.sidebar:
        st.caption(DISCLAIMER)
        try:
            meta = load_content().meta
        except content_mod.ContentError:
            return
        st.caption(
            f"Content version {meta['content_version']}, "
            f"last reviewed {meta['last_reviewed']:%d %B %Y}."
        )


def render_next(stem: str) -> None:
    """A link to the next page in reading order, at the end of a page."""
    nxt = sitemap.next_page(stem)
    if nxt is not None:
        st.divider()
        st.page_link(nxt.file, label=f"Next: {nxt.title}", icon=":material/arrow_forward:")


def render_chart(fig, summary: str, key: str) -> None:
    """A chart named for screen readers by its one-sentence summary, which is also shown."""
    from components import charts

    st.plotly_chart(
        fig, key=key, config=charts.CONFIG, theme=charts.THEME, width="stretch", alt=summary
    )
    st.caption(summary)


def render_panel_group(group) -> None:
    """Icon arrays two to a row, each with its sentence; one caption for who and where from."""
    from components import charts, risk

    for row in risk.rows_of(group.panels):
        for panel, column in zip(row, st.columns(2), strict=False):
            with column:
                st.markdown(f"**{panel.title}**")
                if panel.per_100 is None:
                    st.markdown(f"{risk.capitalise(risk.NOT_REPORTED)} in our source.")
                else:
                    fig = charts.icon_array(panel.per_100, had=panel.had, had_not=panel.had_not)
                    render_chart(fig, panel.sentence, panel.key)
                if panel.detail:
                    st.caption(panel.detail)
    st.caption(group.caption)


def select_product(content: content_mod.Content, page_stem: str, kind: str):
    """Diagnosis and product pickers (shared across pages) plus an optional comparison.

    Returns (diagnosis, products to compare, data sets of `kind` for them).
    """
    from components import risk, state

    diagnoses, products = risk.diagnosis_labels(content), risk.product_labels(content)
    left, right = st.columns(2)
    diagnosis = left.selectbox(
        "Your diagnosis", list(diagnoses), key=state.K_DIAGNOSIS, format_func=diagnoses.get,
        index=None, placeholder="Choose your diagnosis",
    )
    choices = risk.products_for(content, diagnosis)
    fixed = risk.valid_product(content, diagnosis, state.get(state.K_PRODUCT))
    if fixed != state.get(state.K_PRODUCT):
        state.put(state.K_PRODUCT, fixed)
    product = right.selectbox(
        "Your CAR-T product", choices, key=state.K_PRODUCT, format_func=products.get,
        index=None, placeholder="Choose a product",
    )
    others = risk.compare_options(choices, product, diagnosis)
    compare = st.multiselect(
        "Compare with other products for this diagnosis (optional)", others,
        key=f"{page_stem}__compare", format_func=products.get,
    ) if others else []
    return diagnosis, choices, risk.data_sets(content, kind, [product, *compare], diagnosis)
