"""One real widget change per page, for scripts/bench.py: found by label and role, as a person
would, and toggled between two values so that every round causes a rerun.

INTERACTIONS = {page stem: act(page, round_index)}; SETUP = {page stem: setup(page)} brings a
fresh session into the state the change is measured in (a diagnosis chosen, say); WHAT says in
words what is measured. When a page's labels change, change them here (until then the
benchmark reports that page as failed, naming the label it could not find).
"""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.e2e import helpers

Act = Callable[[Page, int], None]
Setup = Callable[[Page], None]

LBCL = "Large B-cell lymphoma (including DLBCL)"
MYELOMA = "Multiple myeloma"
YESCARTA = "Yescarta (axicabtagene ciloleucel)"
BREYANZI = "Breyanzi (lisocabtagene maraleucel)"


def choose(page: Page, label: str, option: str) -> None:
    """Open the selectbox labelled `label` and click `option` (clicking the box again, or
    pressing the arrow key, if its list did not open, as a person would)."""
    box = page.get_by_role("combobox", name=label, exact=True)
    item = page.get_by_role("option", name=option, exact=True)
    for attempt in range(4):
        if attempt % 2:
            box.press("ArrowDown")
        else:
            box.click()
        try:
            item.wait_for(state="visible", timeout=5_000)
            break
        except PlaywrightTimeoutError:
            continue
    item.click()


def pick_radio(page: Page, label: str, option: str) -> None:
    """Click an option of the radio group labelled `label` (the round button is hidden)."""
    group = page.get_by_role("radiogroup", name=label, exact=True)
    group.get_by_text(option, exact=True).click()


def click_checkbox(page: Page, label: str) -> None:
    """Tick or untick a checkbox by clicking its label text."""
    page.get_by_test_id("stCheckbox").get_by_text(label, exact=True).click()


def type_and_enter(page: Page, label: str, text: str) -> None:
    """Type into a text box and press Enter (a text input commits on Enter or blur)."""
    box = page.get_by_label(label, exact=True)
    box.fill(text)
    box.press("Enter")


def open_expander(page: Page, title: str) -> None:
    """Open an expander by its title if it is closed."""
    summary = page.get_by_test_id("stExpander").locator("summary").filter(has_text=title).first
    details = summary.locator("xpath=..")
    if details.get_attribute("open") is None:
        summary.click()


def toggle_select(label: str, a: str, b: str) -> Act:
    """Even rounds pick `a`, odd rounds pick `b` (set up the page on `b` first)."""
    return lambda page, i: choose(page, label, b if i % 2 else a)


def rerun_key(page: Page, i: int) -> None:
    """Home has no widget: rerun it with Streamlit's R shortcut (the same script run)."""
    page.keyboard.press("r")


def self_assessment_act(page: Page, i: int) -> None:
    pick_radio(
        page,
        "Who is filling this in?",
        "We are doing it together" if i % 2 else "I am the patient",
    )


def summary_act(page: Page, i: int) -> None:
    """Drop question 1 from the summary and bring it back: the summary and its PDF rebuild."""
    click_checkbox(page, "Keep question 1 on my summary")


def sources_act(page: Page, i: int) -> None:
    type_and_enter(page, "Find a word", "fever" if i % 2 else "cytokine")


def _pick(label: str, option: str) -> Setup:
    def setup(page: Page) -> None:
        choose(page, label, option)
        helpers.wait_idle(page)

    return setup


def _diagnosis_and_product(page: Page) -> None:
    choose(page, "Which cancer do you have?", LBCL)
    helpers.wait_idle(page)
    choose(page, "Your CAR-T product", BREYANZI)
    helpers.wait_idle(page)
    expect(page.get_by_test_id("stImage").first).to_be_visible()


def chosen_setup(page: Page) -> None:
    """For the page-switch tour: a cancer and a product chosen (on Side effects, through the
    sidebar), so the pages draw their numbers and charts; ends back on Home."""
    helpers.click_sidebar_link(page, "Side effects")
    _diagnosis_and_product(page)
    helpers.click_sidebar_link(page, "Home")


def full_answers_file() -> bytes:
    """An answers file with every part of the self-assessment filled in (Latin script)."""
    from components import answers_file, catalog, questionnaire_file
    from scripts.bench_pdf import LATIN

    data = catalog.load()
    q = questionnaire_file.load_questionnaire(data)
    return answers_file.to_resume_file(LATIN, q, content_version=data.meta["content_version"])


def load_answers(page: Page, data: bytes | None = None) -> None:
    """On the self-assessment page: load an answers file, as a person resuming would."""
    open_expander(page, "Save your answers or continue later")
    uploader = page.get_by_test_id("stFileUploader").filter(
        has_text="Load your answers file"
    )
    uploader.locator("input[type=file]").set_input_files(
        {
            "name": "answers.json",
            "mimeType": "application/json",
            "buffer": data if data is not None else full_answers_file(),
        }
    )
    expect(page.get_by_test_id("stAlertContentSuccess").first).to_be_visible(timeout=15_000)
    helpers.wait_idle(page)


def _summary_setup(page: Page) -> None:
    """A person who finished the self-assessment: load a full answers file, open the summary."""
    helpers.click_sidebar_link(page, "Self-assessment")
    load_answers(page)
    helpers.click_sidebar_link(page, "Your summary")
    expect(page.get_by_test_id("stDownloadButton").first).to_be_visible()
    open_expander(page, "Change the questions for your care team")
    helpers.wait_idle(page)


INTERACTIONS: dict[str, Act] = {
    "home": rerun_key,
    "is_it_for_me": toggle_select("Which cancer do you have?", LBCL, MYELOMA),
    "journey": toggle_select("Which CAR-T product? (optional)", YESCARTA, BREYANZI),
    "side_effects": toggle_select("Your CAR-T product", YESCARTA, BREYANZI),
    "outcomes": toggle_select("Your CAR-T product", YESCARTA, BREYANZI),
    "options": toggle_select("Which cancer do you have?", LBCL, MYELOMA),
    "self_assessment": self_assessment_act,
    "summary": summary_act,
    "sources": sources_act,
}

def journey_step_act(page: Page, i: int) -> None:
    """Next step, then Previous step: the stepper alone reruns (a fragment)."""
    helpers.button(page, "Previous step" if i % 2 else "Next step").click()


def options_view_act(page: Page, i: int) -> None:
    pick_radio(
        page,
        "How would you like to see the options?",
        "One box per option" if i % 2 else "One question at a time (table)",
    )


INTERACTIONS["journey_step"] = journey_step_act
INTERACTIONS["options_view"] = options_view_act

# More interactions on the same pages, each its own row: row stem -> (page stem, row title).
EXTRA_ROWS: dict[str, tuple[str, str]] = {
    "journey_step": ("journey", "Treatment journey (step)"),
    "options_view": ("options", "Options side by side (view)"),
}

def _glossary_tab(page: Page) -> None:
    """The glossary search is in the "Glossary" tab of Sources and glossary."""
    page.get_by_role("tab", name="Glossary").click()
    expect(page.get_by_label("Find a word", exact=True)).to_be_visible()


SETUP: dict[str, Setup] = {
    "sources": _glossary_tab,
    "is_it_for_me": _pick("Which cancer do you have?", MYELOMA),
    "journey": _pick("Which CAR-T product? (optional)", BREYANZI),
    "side_effects": _diagnosis_and_product,
    "outcomes": _diagnosis_and_product,
    "options": _pick("Which cancer do you have?", MYELOMA),
    "options_view": _pick("Which cancer do you have?", LBCL),
    "summary": _summary_setup,
}

WHAT: dict[str, str] = {
    "bare": "selectbox a/b",
    "home": "R key rerun (no widget)",
    "is_it_for_me": "cancer LBCL/myeloma",
    "journey": "product Yescarta/Breyanzi",
    "side_effects": "product Yescarta/Breyanzi (LBCL)",
    "outcomes": "product Yescarta/Breyanzi (LBCL)",
    "options": "cancer LBCL/myeloma",
    "self_assessment": "radio 'Who is filling this in?'",
    "summary": "keep question 1 on/off (full answers)",
    "sources": "glossary search",
    "journey_step": "Next step / Previous step",
    "options_view": "view: boxes / table",
}


def bare_act(page: Page, i: int) -> None:
    """The bare page's one widget (it starts on "a", so round 0 picks "b")."""
    choose(page, "Pick one", "a" if i % 2 else "b")
