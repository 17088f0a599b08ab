"""The only place that knows Streamlit's DOM: selectors and waits for the browser tests."""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

APP_IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
APP_CONNECTED = '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'


# Resolves as soon as a script run is seen (or after `ms` without one): a short grace period
# for a rerun to start, which ends early when it does.
_RUN_SEEN = """(ms) => new Promise((resolve) => {
    const app = document.querySelector('[data-testid="stApp"]');
    const busy = () => !app || app.getAttribute("data-test-script-state") !== "notRunning";
    if (busy()) return resolve(true);
    const seen = new MutationObserver(() => { if (busy()) { seen.disconnect(); resolve(true); } });
    seen.observe(app, {attributes: true, attributeFilter: ["data-test-script-state"]});
    setTimeout(() => { seen.disconnect(); resolve(false); }, ms);
})"""


def wait_idle(page: Page, timeout: float = 15_000) -> None:
    """Wait until the script run finished (give a rerun up to 150 ms to start first).

    React may batch running -> notRunning into one render, so callers still assert on content.
    """
    page.evaluate(_RUN_SEEN, 150)
    page.wait_for_selector(APP_IDLE, timeout=timeout)


def open_page(page: Page, url: str) -> None:
    """Open a URL and wait until the app is connected and idle."""
    page.goto(url)
    page.wait_for_selector(APP_CONNECTED, timeout=20_000)
    wait_idle(page)


def sidebar_nav(page: Page) -> Locator:
    """The sidebar: section headings and one link per page (drawn by ui.render_sidebar)."""
    return page.get_by_test_id("stSidebar")


def sidebar_link(page: Page, title: str) -> Locator:
    return sidebar_nav(page).get_by_role("link", name=title, exact=True)


def click_sidebar_link(page: Page, title: str) -> None:
    """Go to a page through the sidebar, as a person would."""
    sidebar_link(page, title).click()
    wait_idle(page)


# The text of an element that is not hidden from assistive technology (icons drawn as text
# ligatures, such as "home", are aria-hidden).
_SHOWN = """const shown = (n) => [...n.childNodes].map((c) => c.nodeType === 3 ? c.textContent
    : c.nodeType === 1 && c.getAttribute("aria-hidden") !== "true" ? shown(c) : "").join("");"""


def sidebar_outline(page: Page) -> list[tuple[str, str]]:
    """The sidebar's headings and links in document (reading and Tab) order, as
    ("heading" | "link", text not hidden from assistive technology) pairs."""
    pairs = sidebar_nav(page).evaluate(
        f"""(bar) => {{ {_SHOWN}
            return [...bar.querySelectorAll("h1, h2, h3, h4, h5, h6, a[href]")].map(
                (e) => [e.tagName === "A" ? "link" : "heading", shown(e).trim()]); }}"""
    )
    return [(kind, name) for kind, name in pairs]


def current_page_links(page: Page) -> list[str]:
    """The sidebar links marked aria-current="page" (their text)."""
    return sidebar_nav(page).evaluate(
        f"""(bar) => {{ {_SHOWN}
            return [...bar.querySelectorAll('a[aria-current="page"]')].map(
                (a) => shown(a).trim()); }}"""
    )


def main_heading(page: Page):
    return page.get_by_role("heading", level=1)


def expect_no_exception(page: Page) -> None:
    expect(page.get_by_test_id("stException")).to_have_count(0)


def widget_by_key(page: Page, key: str):
    """A widget found by its session key (Streamlit adds the class st-key-<key>)."""
    return page.locator(f".st-key-{key}")


# --- Finding things on the page (role and label first, .st-key-<key> second, test ids last) ---

MAIN = "stMain"  # data-testid of the main area (everything but the sidebar)


def main_area(page: Page) -> Locator:
    """The main column of the app (not the sidebar)."""
    return page.get_by_test_id(MAIN)


def button(page: Page, name: str) -> Locator:
    """A button by its visible name (icons are aria-hidden, so they are not part of it)."""
    return page.get_by_role("button", name=name, exact=True)


def link(page: Page, name: str) -> Locator:
    """A link in the main area (st.page_link), by its visible name."""
    return main_area(page).get_by_role("link", name=name, exact=True)


def text_box(page: Page, label: str) -> Locator:
    """A text_input or text_area by its label."""
    return page.get_by_role("textbox", name=label, exact=True)


def slider(page: Page, label: str) -> Locator:
    """A slider or select_slider by its label (the visually hidden range input).

    The input is named by its group and itself ("label label"), so find the group first.
    """
    return page.get_by_role("group", name=label, exact=True).get_by_role("slider")


def radio_group(page: Page, label: str) -> Locator:
    return page.get_by_role("radiogroup", name=label, exact=True)


def checkbox(page: Page, label: str) -> Locator:
    """A checkbox's (visually hidden) input, by its label."""
    return page.get_by_role("checkbox", name=label, exact=True)


def combobox(page: Page, label: str) -> Locator:
    """A selectbox's text field, by its label (its value is the chosen option's text)."""
    return page.get_by_role("combobox", name=label, exact=True)


def uploader_input(page: Page, label: str) -> Locator:
    """The hidden <input type=file> of the st.file_uploader with this label."""
    uploader = page.get_by_test_id("stFileUploader").filter(has_text=label)
    return uploader.locator('input[type="file"]')


def expander(page: Page, title: str) -> Locator:
    """The <details> element of an st.expander, by its title."""
    return page.get_by_test_id("stExpander").filter(has_text=title).locator("details").first


def alerts(page: Page) -> Locator:
    """st.success / st.info / st.warning / st.error boxes."""
    return page.get_by_test_id("stAlert")


def focused(page: Page) -> dict[str, str]:
    """What has the keyboard focus: tag, role, type and accessible-ish name (label or text)."""
    return page.evaluate(
        """() => {
            const e = document.activeElement;
            if (!e) return {};
            """ + _SHOWN + """
            const label = e.getAttribute("aria-label")
                || (e.labels && e.labels[0] && shown(e.labels[0]))
                || (e.closest("label") && shown(e.closest("label"))) || shown(e);
            const group = e.closest('[role="radiogroup"]');
            return {tag: e.tagName.toLowerCase(), role: e.getAttribute("role") || "",
                    type: e.getAttribute("type") || "", name: label.trim(),
                    group: group ? group.getAttribute("aria-label") || "" : "",
                    checked: String(e.checked)};
        }"""
    )


# --- Doing things (each waits for the rerun; callers then assert on content with expect) ---


def click_button(page: Page, name: str) -> None:
    button(page, name).click()
    wait_idle(page)


def select_option(page: Page, label: str, option: str) -> None:
    """Choose `option` in the selectbox labelled `label`."""
    box = combobox(page, label)
    if box.input_value() == option:
        return
    box.click()
    box.fill(option)  # filters the list: on a phone a long list shows only its first options
    page.get_by_role("option", name=option, exact=True).click()
    wait_idle(page)
    expect(box).to_have_value(option)


def choose_radio(page: Page, label: str, option: str) -> None:
    """Pick a radio option by clicking its label text (the <input> itself is hidden)."""
    group = radio_group(page, label)
    group.get_by_text(option, exact=True).click()
    wait_idle(page)
    expect(group.get_by_role("radio", name=option, exact=True)).to_be_checked()


def tick(page: Page, label: str) -> None:
    """Tick a checkbox by clicking its label."""
    box = checkbox(page, label)
    box.locator("xpath=ancestor::label[1]").click()
    wait_idle(page)
    expect(box).to_be_checked()


def type_text(page: Page, label: str, text: str) -> None:
    """Type into a text_input / text_area and commit it (both commit when they lose focus)."""
    box = text_box(page, label)
    box.fill(text)
    box.blur()
    wait_idle(page)
    expect(box).to_have_value(text)


def set_slider(page: Page, label: str, steps: int) -> str:
    """Move a slider `steps` stops right of its first stop with the keyboard; returns its text."""
    thumb = slider(page, label)
    thumb.focus()
    page.keyboard.press("Home")
    for _ in range(steps):
        page.keyboard.press("ArrowRight")
    wait_idle(page)
    return thumb.get_attribute("aria-valuetext") or ""


def open_expander(page: Page, title: str) -> None:
    """Open an st.expander (no rerun: it is only shown)."""
    details = expander(page, title)
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    expect(details).to_have_attribute("open", "")


def set_date(page: Page, key: str, day: dt.date) -> None:
    """Type a date into an st.date_input shown as MM/DD/YYYY (three typed parts, month first;
    it commits when it loses focus)."""
    field = widget_by_key(page, key)
    field.get_by_role("spinbutton").first.click()
    page.keyboard.type(day.strftime("%m%d%Y"))
    page.keyboard.press("Escape")
    main_heading(page).first.click()  # somewhere neutral, so the field loses focus
    wait_idle(page)


def download(page: Page, name: str, into: Path) -> Path:
    """Click the download button `name`, save the file into folder `into`, and return its path.

    The browser's own copy (in Playwright's temporary folder) is deleted straight away.
    """
    with page.expect_download() as info:
        button(page, name).click()
    got = info.value
    path = Path(into) / got.suggested_filename
    got.save_as(path)
    got.delete()
    return path


def upload(page: Page, label: str, path: Path) -> None:
    """Give a file to the st.file_uploader labelled `label`."""
    uploader_input(page, label).set_input_files(path)
    wait_idle(page)


def body_text(page: Page) -> str:
    """All text a person can see in the app (sidebar and main area)."""
    return page.get_by_test_id("stApp").inner_text()


def open_all_expanders(page: Page) -> int:
    """Open every st.expander on the page (no rerun); returns how many there are."""
    summaries = page.get_by_test_id("stExpander").locator("details > summary")
    for i in range(summaries.count()):
        details = summaries.nth(i).locator("xpath=..")
        if details.get_attribute("open") is None:
            summaries.nth(i).click()
        expect(details).to_have_attribute("open", "")
    return summaries.count()


def element_within(page: Page, target: str, where: str) -> bool:
    """Whether the element found by CSS `target` is inside (or is) an element matching `where`."""
    return page.evaluate(
        "([t, w]) => { const e = document.querySelector(t); return !!(e && e.closest(w)); }",
        [target, where],
    )


def tab_to(page: Page, wanted, limit: int = 80, back: bool = False) -> dict[str, str]:
    """Press Tab (Shift+Tab if `back`) until `wanted(focused(page))` is true; returns the focus.

    Keyboard only: the page is read, never clicked.
    """
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        now = focused(page)
        if wanted(now):
            return now
    raise AssertionError(f"focus never reached the element after {limit} key presses")


def screenshot(page: Page, path: Path) -> None:
    """Save the whole page as a person would scroll through it.

    The main area scrolls inside its own box (so full_page sees only one screen): make the
    window as tall as that content for the picture, then put it back.
    """
    size = page.viewport_size or {"width": 1280, "height": 900}
    tall = page.get_by_test_id(MAIN).evaluate("e => e.scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], tall)})
    try:
        page.screenshot(path=path, full_page=True)
    finally:
        page.set_viewport_size(size)


# --- Accessibility checks that axe does not make ---


def settle(page: Page) -> None:
    """Wait until the script run is over, nothing is faded as stale, and layout has caught up.

    During a rerun Streamlit fades the previous elements (data-stale="true"), which axe would
    report as low contrast.
    """
    wait_idle(page)
    page.wait_for_function(
        "() => !document.querySelector('[data-stale=\"true\"]')", timeout=15_000
    )
    page.evaluate("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")


# Charts are redrawn for the new width a moment after the window changes size.
_CHARTS_FIT = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].every(
    (c) => [...c.querySelectorAll("svg.main-svg")].every(
        (s) => s.getBoundingClientRect().width <= c.getBoundingClientRect().width + 1))"""


def set_width(page: Page, width: int) -> None:
    """Make the window `width` CSS px wide (same height) and wait until the layout follows."""
    size = page.viewport_size or {"width": 1280, "height": 900}
    if size["width"] == width:
        return
    page.set_viewport_size({"width": width, "height": size["height"]})
    page.wait_for_function(f"() => document.documentElement.clientWidth === {width}")
    with contextlib.suppress(PlaywrightTimeoutError):  # reflow_problems reports such a chart
        page.wait_for_function(_CHARTS_FIT, timeout=5_000)
    settle(page)


# Streamlit's own hint in the file uploader ("Limit 1MB per file • JSON") is cut short on the
# narrowest screens; our text just above it says the same (data/text/self_assessment__save.md,
# checked by test_the_upload_limits_are_said_in_our_own_words).
SAID_ELSEWHERE = '[data-testid="stFileUploaderDropzoneInstructions"]'

_REFLOW = """() => {
    const SAID_ELSEWHERE = '""" + SAID_ELSEWHERE + """';
    const out = [];
    const vw = document.documentElement.clientWidth;
    const where = (e) => {
        const owner = e.closest("[data-testid]");
        return `${owner ? owner.getAttribute("data-testid") : ""} <${e.tagName.toLowerCase()}>`;
    };
    if (document.documentElement.scrollWidth > vw) {
        out.push(`the page scrolls sideways (${document.documentElement.scrollWidth} > ${vw})`);
    }
    const main = document.querySelector('[data-testid="stMain"]');
    for (const e of main.querySelectorAll("*")) {
        const style = getComputedStyle(e);
        if (!["auto", "scroll"].includes(style.overflowX)) continue;
        if (e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1) {
            out.push(`${where(e)} scrolls sideways (${e.scrollWidth} > ${e.clientWidth})`);
        }
    }
    for (const e of document.querySelectorAll('[data-testid="stApp"] *')) {
        const box = e.getBoundingClientRect();
        if (getComputedStyle(e).textOverflow !== "ellipsis" || box.right <= 0) continue;
        if (e.closest(SAID_ELSEWHERE)) continue;
        if (e.clientWidth > 1 && e.scrollWidth > e.clientWidth + 1) {
            out.push(`${where(e)} text is cut short: ${e.textContent.trim().slice(0, 60)}`);
        }
    }
    const texts = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let t = texts.nextNode(); t; t = texts.nextNode()) {
        if (!t.textContent.trim()) continue;
        range.selectNodeContents(t);
        const box = range.getBoundingClientRect();
        if (box.width === 0) continue;
        if (box.right > vw + 1 || box.left < -1) {
            out.push(`${where(t.parentElement)} text is cut off at the edge: ${t.textContent.trim().slice(0, 60)}`);
            continue;
        }
        const svg = t.parentElement.closest("svg");
        if (svg) {
            const frame = svg.getBoundingClientRect();
            if (box.right > frame.right + 1 || box.left < frame.left - 1) {
                out.push(`${where(t.parentElement)} chart text is cut off: ${t.textContent.trim().slice(0, 60)}`);
            }
        }
    }
    return [...new Set(out)];
}"""


def reflow_problems(page: Page) -> list[str]:
    """What breaks reflow at the current width: sideways scrolling of the page or of any part
    of it (a table, a chart), text cut off at the window's or a chart's edge, and text cut short
    with an ellipsis (Streamlit's page links do that when the label is wider than the column)."""
    return page.evaluate(_REFLOW)


# The text a person sees in an element: icons drawn as text ligatures (Material Symbols font)
# and anything not displayed are left out; white space is collapsed.
_SEEN_TEXT = """function () {
    const seen = (n) => [...n.childNodes].map((c) => {
        if (c.nodeType === 3) return c.textContent;
        if (c.nodeType !== 1) return "";
        const style = getComputedStyle(c);
        if (style.display === "none" || style.visibility === "hidden") return "";
        if (style.fontFamily.includes("Material Symbols")) return "";
        return seen(c);
    }).join("");
    return seen(this).replace(/\\s+/g, " ").trim();
}"""


def controls_named(page: Page) -> list[tuple[str, str, str]]:
    """Every button and link in Chromium's accessibility tree, as (role, accessible name,
    visible text) triples."""
    cdp = page.context.new_cdp_session(page)
    try:
        found = []
        for node in cdp.send("Accessibility.getFullAXTree")["nodes"]:
            role = node.get("role", {}).get("value")
            if node.get("ignored") or role not in ("link", "button") or "backendDOMNodeId" not in node:
                continue
            handle = cdp.send("DOM.resolveNode", {"backendNodeId": node["backendDOMNodeId"]})
            shown = cdp.send(
                "Runtime.callFunctionOn",
                {"objectId": handle["object"]["objectId"], "functionDeclaration": _SEEN_TEXT,
                 "returnByValue": True},
            )["result"]["value"]
            found.append((role, node.get("name", {}).get("value", ""), shown))
        return found
    finally:
        cdp.detach()
