"""What a person does in the app, one method per step, for the browser tests.

Each method is a few lines on top of tests/e2e/helpers.py (the only place that knows the DOM)
and ends with a content assertion, so the next step starts from a page that is really there.
The questionnaire is answered from data/questionnaire.json itself: every question, whatever
its type, gets a fixed answer, and free-text questions get `marker` in what is typed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Page, expect

from components import catalog, questionnaire_file, sitemap
from components import questionnaire as qn
from tests.e2e import helpers

CONTENT = catalog.load()
QUESTIONNAIRE = questionnaire_file.load_questionnaire(CONTENT)
SECTIONS = QUESTIONNAIRE.sections
FREE_TEXT = tuple(q for q in QUESTIONNAIRE.questions if q.type in ("text", "long_text"))

DIAGNOSIS = "Large B-cell lymphoma (including DLBCL)"
PRIOR_LINES = "2"
PRODUCT = "Yescarta (axicabtagene ciloleucel)"
# The questions the walk answers: those asked for its cancer (some are only for other cancers).
ASKED_IDS = frozenset(q.id for q in QUESTIONNAIRE.questions if q.asked_for("lbcl"))
SAVE = "Save your answers or continue later"
UPLOAD = "Load your answers file"
EDIT_QUESTIONS = "Change the questions for your care team"
CALENDAR = "Download these dates for your calendar (.ics)"


def tab_title(stem: str) -> str:
    """What the browser tab shows on page `stem`: its title, then the aid's name from data/."""
    return sitemap.tab_title(sitemap.page(stem).title, CONTENT.meta["aid_name"])


def worded(who: object = None) -> qn.Questionnaire:
    """The questionnaire in the words the page shows when `who` filled in "Who is filling
    this in?" (a caregiver gets their own wording; ids and options stay the same)."""
    return qn.worded_for(QUESTIONNAIRE, who)


def typed_text(question: qn.Question, marker: str) -> str:
    """What the tests type into a free-text question: the marker, then the question id in words.

    A `marker` may hold anything (markup, say); the rest is plain words, so the typed text can
    be found as it is in every download.
    """
    return f"{marker} {question.id.replace('_', ' ')}"[: question.max_length or None]


@dataclass
class Actions:
    """One person (one browser page) using the app at `url`."""

    page: Page
    url: str
    diagnosis: str = DIAGNOSIS
    lines: str = PRIOR_LINES  # how many treatments so far, as the choices say it
    product: str = PRODUCT
    who: object = None  # the about_who answer given so far (it decides the wording)
    typed: dict[str, str] = field(default_factory=dict)  # question id -> free text typed

    # --- getting around ---

    def open(self, stem: str = "") -> None:
        """Open the app's address (or one page's, by its URL path), as if typed in."""
        helpers.open_page(self.page, f"{self.url}/{stem}")

    def go(self, stem: str) -> None:
        """Go to a page through the sidebar, and check its title."""
        spec = sitemap.page(stem)
        helpers.click_sidebar_link(self.page, spec.title)
        expect(self.page).to_have_title(tab_title(stem))

    # --- Learn pages ---

    def choose_diagnosis(self) -> None:
        """On "Is it for me?": pick this person's cancer and number of treatments so far."""
        self.go("is_it_for_me")
        helpers.select_option(self.page, "Which cancer do you have?", self.diagnosis)
        helpers.select_option(
            self.page, "How many treatments have you had for it so far?", self.lines
        )
        fits = self.page.get_by_role("heading", name="Which CAR-T products may fit my situation?")
        expect(fits).to_be_visible()

    def choose_product(self) -> None:
        """On the journey page: pick this person's CAR-T product."""
        self.go("journey")
        helpers.select_option(self.page, "Which CAR-T product? (optional)", self.product)
        expect(self.page.get_by_role("heading", name="What happens at each step?")).to_be_visible()

    def step_through_journey(self) -> list[str]:
        """Press "Next step" until the last step; returns the progress text of every step."""
        progress = self.page.get_by_test_id("stProgress").first
        seen = [progress.inner_text()]
        while helpers.button(self.page, "Next step").is_enabled():
            before = seen[-1]
            helpers.click_button(self.page, "Next step")
            expect(progress).not_to_have_text(before)
            seen.append(progress.inner_text())
        return seen

    def plan_from_infusion(self, day: dt.date) -> None:
        """In "Which dates should I plan around?": give a planned infusion date."""
        helpers.choose_radio(self.page, "Which date do you have?", "I have a planned infusion date")
        helpers.set_date(self.page, "journey__date", day)
        expect(helpers.button(self.page, CALENDAR)).to_be_visible()

    # --- Self-assessment ---

    def go_to_part(self, index: int) -> None:
        """Jump to part `index` (0-based) of the self-assessment with "Go to a part"."""
        section = SECTIONS[index]
        helpers.select_option(self.page, "Go to a part", f"Part {index + 1}: {section.title}")
        self.expect_part(index)

    def expect_part(self, index: int) -> None:
        section = SECTIONS[index]
        expect(self.page.get_by_role("heading", name=section.heading, exact=True)).to_be_visible()
        expect(self.page.get_by_test_id("stProgress")).to_contain_text(
            f"Part {index + 1} of {len(SECTIONS)}: {section.title}"
        )

    def answer(self, question: qn.Question, marker: str, n: int = 0) -> None:
        """Answer one question on screen; free text gets `marker` (remembered in `typed`)."""
        page = self.page
        if question.type in ("text", "long_text"):
            self.typed[question.id] = typed_text(question, marker)
            helpers.type_text(page, question.label, self.typed[question.id])
        elif question.type == "choice":
            label = {qn.ABOUT_DIAGNOSIS: self.diagnosis, qn.ABOUT_PRIOR_LINES: self.lines}.get(
                question.id, question.options[0].label
            )
            helpers.choose_radio(page, question.label, label)
            if question.id == qn.ABOUT_WHO:
                self.who = next(o.value for o in question.options if o.label == label)
        elif question.type == "multi":
            for option in question.options[:2]:
                helpers.tick(page, option.label)
        elif question.type == "scale":
            stop = 1 + n % len(question.scale_labels)
            got = helpers.set_slider(page, question.label, stop)
            assert got == question.scale_labels[stop - 1], (question.id, got)

    def answer_part(self, index: int, marker: str, types: tuple[str, ...] = qn.TYPES) -> None:
        """Answer every question (of these `types`) of the part on screen, in its wording."""
        self.expect_part(index)
        for n, qid in enumerate(q.id for q in SECTIONS[index].questions):
            question = worded(self.who).question(qid)
            if question.type in types and question.id in ASKED_IDS:
                self.answer(question, marker, n)

    def answer_questionnaire(
        self, marker: str, types: tuple[str, ...] = qn.TYPES
    ) -> dict[str, str]:
        """Answer every part from the first, pressing "Next"; returns the free text typed."""
        self.go("self_assessment")
        if not helpers.button(self.page, "Back").is_disabled():
            self.go_to_part(0)
        for index in range(len(SECTIONS)):
            self.answer_part(index, marker, types)
            if index < len(SECTIONS) - 1:
                helpers.click_button(self.page, "Next")
        return dict(self.typed)

    def start_over(self) -> None:
        """Clear every answer ("Start over", then confirm)."""
        self.go("self_assessment")
        helpers.click_button(self.page, "Start over")
        helpers.click_button(self.page, "Yes, clear my answers")
        cleared = helpers.alerts(self.page).filter(has_text="Your answers were cleared.")
        expect(cleared).to_be_visible()

    def upload_answers(self, path: Path) -> None:
        """Load a saved answers file on the self-assessment page."""
        self.go("self_assessment")
        helpers.open_expander(self.page, SAVE)
        helpers.upload(self.page, UPLOAD, path)
        expect(helpers.alerts(self.page).first).to_be_visible()

    # --- Summary and files ---

    def open_summary(self) -> None:
        """Go to "Your summary" and wait for its download buttons."""
        self.go("summary")
        expect(helpers.button(self.page, "Download as text")).to_be_visible()

    def edit_question(self, number: int, text: str) -> None:
        """On the summary: rewrite question `number` of the list for the care team."""
        helpers.open_expander(self.page, EDIT_QUESTIONS)
        helpers.type_text(self.page, f"Question {number}", text)

    def add_own_question(self, text: str) -> None:
        """On the summary: add a question of one's own to the list for the care team."""
        helpers.open_expander(self.page, EDIT_QUESTIONS)
        helpers.type_text(self.page, "Add a question of your own", text)
        helpers.click_button(self.page, "Add this question")
        expect(helpers.text_box(self.page, "Add a question of your own")).to_have_value("")

    def search_glossary(self, text: str) -> None:
        """On "Sources and glossary": type into "Find a word"."""
        self.go("sources")
        self.page.get_by_role("tab", name="Glossary").click()
        box = helpers.text_box(self.page, "Find a word")
        box.fill(text)
        box.press("Enter")
        helpers.wait_idle(self.page)
        expect(box).to_have_value(text)

    def download(self, name: str, into: Path) -> Path:
        """Click the download button `name`; the file is saved into `into`."""
        path = helpers.download(self.page, name, into)
        assert path.stat().st_size > 0, name
        return path

    def download_summary(self, into: Path) -> dict[str, Path]:
        """The four downloads of the summary page: pdf, web page (html), text and answers."""
        return {
            "pdf": self.download("Download the PDF", into),
            "html": self.download("Download as a web page", into),
            "text": self.download("Download as text", into),
            "answers": self.download("Download your answers file", into),
        }
