"""Streamlit-facing helpers: cached content, the page frame, and small render_* idioms."""

from __future__ import annotations

import functools
import gc
import logging
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import streamlit as st
import streamlit.components.v2 as components_v2
from streamlit.runtime.scriptrunner import get_script_run_ctx

from components import catalog, dates, sitemap
from components import content as content_mod

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
    return catalog.load(data_dir)


def load_content() -> content_mod.Content:
    """The validated content, loaded once per change of data/ and shared as a copy.

    Inside the frame, the copy is taken once per script run and reused (each copy costs a
    few milliseconds)."""
    if getattr(_frame, "active", False) and getattr(_frame, "content", None) is not None:
        frame_content: content_mod.Content = _frame.content
        return frame_content
    content = _cached_content(str(content_mod.DATA_DIR), _content_token())
    if getattr(_frame, "active", False):
        _frame.content = content
    return content


def _content_token() -> str:
    """data/'s fingerprint (one stat per file), read once per script run inside the frame."""
    if not getattr(_frame, "active", False):
        return content_mod.content_token(content_mod.DATA_DIR)
    if getattr(_frame, "token", None) is None:
        _frame.token = content_mod.content_token(content_mod.DATA_DIR)
    return str(_frame.token)


def navigation_pages() -> list[st.Page]:
    """The st.Page objects for st.navigation, from the page registry, in reading order.

    st.navigation gets them with position="hidden": the sidebar draws its own links
    (render_sidebar), because Streamlit's sectioned sidebar puts the section headers inside
    its <ul>, which screen readers announce as a broken list."""
    return [st.Page(p.file, title=p.title, icon=p.icon, default=p.default) for p in sitemap.PAGES]


def set_tab_title(page_title: str) -> None:
    """Name the page and the aid in the browser tab ("Side effects · CAR-T decision aid")."""
    try:
        aid_name = load_content().meta.get("aid_name")
    except content_mod.ContentError:
        aid_name = None
    st.set_page_config(page_title=sitemap.tab_title(page_title, aid_name))


@contextmanager
def frame() -> Iterator[None]:
    """Mark that the entry point (app.py) is running the current page (or that a fragment is
    running alone): the content is then copied once for the whole run."""
    _freeze_long_lived()
    _frame.active, _frame.content, _frame.token = True, None, None
    try:
        yield
    finally:
        _frame.active, _frame.content, _frame.token = False, None, None


_freeze_lock = threading.Lock()
_modules_frozen = 0  # len(sys.modules) when the objects were last frozen


def _freeze_long_lived() -> None:
    """Keep Streamlit's garbage collection after each script run cheap.

    After every run Streamlit collects garbage across all generations (runner.postScriptGC),
    which walks every Python object in the server: about 200,000 here (pandas, plotly,
    Streamlit, the content's modules). That walk was most of the server's CPU per page
    switch (80-150 ms of 190). The imported modules live as long as the process, so whenever
    new ones were imported (the first runs of each kind of page) their objects are moved out
    of the collector's sight (gc.freeze) and each collection walks only the objects made
    since. Frozen objects are still freed as soon as nothing refers to them; only a reference
    cycle among objects alive at a freeze (a session open at that moment, say) is never
    collected. Freezes stop once every module the pages use has been imported, so that stays
    small and bounded.
    """
    global _modules_frozen
    if len(sys.modules) == _modules_frozen:
        return
    with _freeze_lock:
        if len(sys.modules) == _modules_frozen:
            return
        gc.collect()
        gc.freeze()
        _modules_frozen = len(sys.modules)


def fragment(func: Callable[..., None]) -> Callable[..., None]:
    """st.fragment for a part of a page that a widget changes on its own: that widget then
    reruns only this part (much less for the browser to redraw). Every fragment-only run
    first keeps the cross-page keys alive, as app.py does for a full run."""

    @functools.wraps(func)
    def run(*args: Any, **kwargs: Any) -> None:
        ctx = get_script_run_ctx()
        if ctx is None or not ctx.fragment_ids_this_run or getattr(_frame, "active", False):
            func(*args, **kwargs)
            return
        from components import state

        state.keep_persistent()
        with frame():  # one copy of the content for the fragment's run, not one per use
            func(*args, **kwargs)

    return st.fragment(run)


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


def cited(text: str, content: content_mod.Content | None = None) -> str:
    """Markdown with every "(Source: ID)" linked to that source on the Sources page."""
    from components import reference

    try:
        known = (content or load_content()).source_ids()
    except content_mod.ContentError:
        return text
    return reference.link_sources(text, known)


def render_text(content: content_mod.Content, name: str) -> None:
    """Render one prose file from data/text/ as Markdown (never as HTML), sources linked."""
    st.markdown(cited(content.text(name), content))


# st.page_link draws the open page's link in bold on a shaded background but does not say so
# to assistive technology. This marks that link (and only it) with aria-current="page", which
# screen readers announce as "current page". It writes one attribute on Streamlit's own links
# and renders nothing itself; `data` is the open page's href ("" for the home page).
_MARK_CURRENT_JS = """
export default function ({ data, parentElement }) {
    const sidebar = parentElement.closest('[data-testid="stSidebar"]') || document;
    const mark = () => {
        for (const link of sidebar.querySelectorAll('a[data-testid="stPageLink-NavLink"]')) {
            if (link.getAttribute("href") === data) {
                if (link.getAttribute("aria-current") !== "page") {
                    link.setAttribute("aria-current", "page");
                }
            } else if (link.hasAttribute("aria-current")) {
                link.removeAttribute("aria-current");
            }
        }
    };
    mark();
    const watch = new MutationObserver(mark);
    watch.observe(sidebar, { subtree: true, childList: true, attributes: true,
                             attributeFilter: ["href"] });
    return () => watch.disconnect();
}
"""
_mark_current_link = components_v2.component(
    "mark_current_page_link", js=_MARK_CURRENT_JS, isolate_styles=False
)


def render_sidebar(current_href: str) -> None:
    """The page links, then the disclaimer and the content's review date, on every page.

    One heading per section and one link per page, in the registry's order; the open page's
    link (its href is `current_href`) is marked, visually and with aria-current."""
    with st.sidebar:
        for section, pages in sitemap.by_section().items():
            st.header(section, anchor=False)
            for spec in pages:
                st.page_link(spec.file, label=spec.title, icon=spec.icon)
        _mark_current_link(data=current_href, height=0)
        st.divider()
        st.markdown(DISCLAIMER)
        try:
            meta = load_content().meta
        except content_mod.ContentError:
            return
        st.markdown(
            f"Content version {meta['content_version']}, "
            f"last reviewed {dates.us_date(meta['last_reviewed'])}."
        )


PAGE_WORDS_TITLE = "Words used on this page"


@st.cache_data(show_spinner=False)
def _page_words(stem: str, token: str) -> list[str]:
    """Glossary entries (as Markdown lines) whose words appear in a page's prose; cached per
    content version because the word search costs milliseconds on every rerun."""
    from components import reference

    content = load_content()
    rows = reference.terms_in(content.table("glossary"), reference.page_texts(content.texts, stem))
    return [f"- {reference.glossary_markdown(row)}" for _, row in rows.iterrows()]


def render_page_words(stem: str) -> None:
    """An expander listing the glossary words used in this page's prose (not on Sources)."""
    if stem == "sources":
        return
    try:
        lines = _page_words(stem, _content_token())
    except content_mod.ContentError:
        return
    if not lines:
        return
    with st.expander(PAGE_WORDS_TITLE):
        st.markdown("\n".join(lines))
        st.page_link(
            sitemap.page("sources").file,
            label="The full glossary",
            icon=":material/menu_book:",
        )


_MOVER = components_v2.component(
    "cart_bring_into_view", js=(Path(__file__).with_name("bring_into_view.js")).read_text()
)


def bring_into_view(container_key: str, moves: int) -> None:
    """After the person moved to another part or step (`moves` counts the moves; 0 = none):
    scroll the keyed container to the top of the screen and focus its heading. Drawn inside
    that container."""
    _MOVER(data={"target": f"st-key-{container_key}", "moves": moves})


def render_next(stem: str) -> None:
    """The end of a page: the glossary words it uses, then a link to the next page in
    reading order."""
    from components import ui_answers

    render_page_words(stem)
    ui_answers.reminder(load_content(), stem)
    nxt = sitemap.next_page(stem)
    if nxt is not None:
        st.divider()
        st.page_link(nxt.file, label=f"Next: {nxt.title}", icon=":material/arrow_forward:")


def render_records(frame: Any, keys: list[str]) -> None:
    """A wide table as one two-column table per row (tables.records), so it fits a phone
    screen without sideways scrolling; the row headers are the wide table's column headers."""
    from components import tables

    for table in tables.records(frame, keys):
        st.table(table, border="horizontal")


def render_chart(fig: Any, summary: str, key: str) -> None:
    """A chart named for screen readers by its one-sentence summary, which is also shown."""
    from components import charts

    st.plotly_chart(
        fig, key=key, config=charts.CONFIG, theme=charts.THEME, width="stretch", alt=summary
    )
    st.markdown(summary)


def product_page(content: content_mod.Content, stem: str, title: str,
                 draw: Callable[[list[Any], int | None], None]) -> None:
    """A page about the chosen products' numbers (outcomes, side effects): its title and
    intro (`<stem>__intro`), then the product pickers and what `draw(sets, prior_lines)`
    shows for them, in one fragment: changing the product reruns only that part."""
    st.title(title)
    render_text(content, f"{stem}__intro")
    _product_part(content, stem, draw)


@fragment
def _product_part(content: content_mod.Content, stem: str,
                  draw: Callable[[list[Any], int | None], None]) -> None:
    sets, lines = product_data_sets(content, stem, stem)
    draw(sets, lines)


def render_study_group(content: content_mod.Content, ds: Any, prior_lines: int | None) -> None:
    """Which group of people a study is about; marked (and bold) when it matches the number
    of earlier treatments the person told us."""
    from components import studies

    matches, who = studies.study_group(content, ds, prior_lines)
    st.markdown(f":material/check_circle: **{who}**" if matches else who)


def caregiver_numbers(content: content_mod.Content, product: str | None, title: str,
                      no_product: str) -> None:
    """How long a caregiver is needed, by the product's numbers (cited), in a box headed
    `title`; `no_product` says where to choose one. Shown on the journey and caregiver pages."""
    from components import journey

    with st.container(border=True):
        st.markdown(f"**{title}**")
        facts = journey.caregiver_facts(content, product)
        st.markdown(cited("\n".join(f.markdown() for f in facts), content))
        if product is None:
            st.markdown(no_product)


def render_panel_group(group: Any) -> None:
    """Icon arrays two to a row, each with its sentence; one caption for who and where from."""
    from components import charts, frequencies, risk

    for row in risk.rows_of(group.panels):
        for panel, column in zip(row, st.columns(2), strict=False):
            with column:
                st.markdown(f"**{panel.title}**")
                if panel.per_100 is None:
                    not_reported = frequencies.capitalise(frequencies.NOT_REPORTED)
                    st.markdown(f"{not_reported} in our source.")
                else:
                    svg = charts.icon_array(panel.per_100, had=panel.had, had_not=panel.had_not)
                    st.image(svg, alt=panel.sentence)
                    st.markdown(cited(panel.sentence))
                if panel.detail:
                    st.markdown(cited(panel.detail))
    st.markdown(cited(group.caption))


def select_product(content: content_mod.Content, page_stem: str, kind: str
                   ) -> tuple[str | None, list[str], list[Any]]:
    """Diagnosis and product pickers (shared across pages) plus an optional comparison.

    The age given on "Is it for me?" (state.K_AGE) adds the other B-cell ALL age group's
    products that cover it. Returns (diagnosis, products to compare, data sets of `kind`).
    """
    from components import finder, state, studies, ui_situation

    products = studies.product_labels(content)
    sit = ui_situation.current(content)
    age = sit.age
    left, right = st.columns(2)
    diagnosis = ui_situation.cancer_picker(content, left)
    offered, chosen = studies.product_choice(content, diagnosis, sit.product, age)
    if chosen != sit.product:
        ui_situation.update({"product": chosen})
    product = right.selectbox(
        "Your CAR-T product", offered, key=state.K_PRODUCT, index=None,
        format_func=lambda p: studies.product_option_label(content, diagnosis, p, age),
        placeholder="Choose a product",
    )
    note = finder.age_group_note(content, diagnosis, age)
    if note:
        st.markdown(note)
    choices = studies.products_for(content, diagnosis, age)
    others = studies.compare_options(choices, product, diagnosis)
    compare = st.multiselect(
        "Compare with other products for this diagnosis (optional)", others,
        key=f"{page_stem}__compare", format_func=lambda p: products[p],
    ) if others else []
    sets = studies.data_sets(content, kind, [p for p in (product, *compare) if p], diagnosis,
                             age)
    return diagnosis, choices, studies.order_by_lines(content, sets, sit.prior_lines)


def product_data_sets(content: content_mod.Content, page_stem: str, kind: str
                      ) -> tuple[list[Any], int | None]:
    """select_product, then a message when there is nothing to show yet: no product for the
    diagnosis, or no choice made. Returns (data sets to show, empty after a message; the
    number of earlier treatments the person told us)."""
    from components import studies, ui_situation

    diagnosis, choices, sets = select_product(content, page_stem, kind)
    sit = ui_situation.current(content)
    note = studies.product_note(content, diagnosis, sit.product, sit.age)
    if diagnosis and not choices:
        st.info(content.words("no_product_for_cancer"), icon=":material/info:")
    elif note:
        st.warning(note, icon=":material/info:")
    elif not sets:
        st.info(content.words("choose_to_see_numbers"), icon=":material/info:")
    return sets, sit.prior_lines
