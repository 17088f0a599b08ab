"""Two people's values in a real browser (issue 15, item 3): the patient rates what matters to
them, the person helping ticks the box and rates the same things in their own words, both sets
show side by side with things to talk about (axe-clean at 1280 and 390 px, no sideways
scrolling at 320 px), and the downloaded PDF holds both sets, each marked with who said it.
A direct link opens the caregiver's questions."""

from __future__ import annotations

import pypdf
from playwright.sync_api import expect

from components import values_pair as vp
from tests.e2e import helpers
from tests.e2e.actions import CONTENT, QUESTIONNAIRE, SECTIONS, Actions
from tests.e2e.test_accessibility import Audit

WORDS = vp.words(CONTENT)
VALUES = [s.id for s in SECTIONS].index("values")
PATIENT_NAME = "Zoë Pairtest"
NAME = "Ben <b>Helper</b>"  # typed markup: must show as typed on screen and in the PDF
INVITE = WORDS["invite"]["label"]
OWN = {q.id: q for q in vp.caregiver_questions(QUESTIONNAIRE, CONTENT)}
# How far right each person moves each slider (1 = the lowest point of the scale).
PATIENT_STOPS = {"value_long_remission": 5, "value_avoid_side_effects": 2,
                 "value_family_time": 4}
CAREGIVER_STOPS = {"value_long_remission": 3, "value_avoid_side_effects": 3, "value_low_cost": 5}


def pdf_text(path) -> str:
    return " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(path).pages).split())


def fill_both(person: Actions) -> None:
    """The patient gives a name and rates three things; the person helping ticks the box,
    gives their name and rates three things (two of them the same as the patient's)."""
    page = person.page
    person.go("self_assessment")
    helpers.type_text(page, QUESTIONNAIRE.question("about_name").label, PATIENT_NAME)
    person.go_to_part(VALUES)
    for qid, stop in PATIENT_STOPS.items():
        helpers.set_slider(page, QUESTIONNAIRE.question(qid).label, stop)
    helpers.tick(page, INVITE)
    expect(page.get_by_role("heading", name=WORDS["caregiver_part"]["heading"])).to_be_visible()
    helpers.type_text(page, WORDS["caregiver_part"]["name_label"], NAME)
    for qid, stop in CAREGIVER_STOPS.items():
        said = helpers.set_slider(page, OWN[qid].label, stop)
        assert said == OWN[qid].scale_labels[stop - 1]
    helpers.type_text(page, OWN["values_other"].label, "Keeping my job")


def test_both_peoples_values_side_by_side_and_in_the_pdf(page, server, tmp_path, screenshot_dir):
    person = Actions(page, server.url)
    person.open()
    fill_both(person)
    view = page.locator(".st-key-self_assessment__caregiver_values")
    expect(view.get_by_role("heading", name=WORDS["view"]["heading"])).to_be_visible()
    # One small table per thing rated; every column or row is named by who said it.
    remission = view.get_by_role("table").filter(has_text="A long remission")
    expect(remission).to_contain_text(f"{PATIENT_NAME} (the patient)")
    expect(remission).to_contain_text(f"{NAME} (helping)")  # the typed markup, as text
    expect(remission).to_contain_text("Far apart (2 steps)")
    expect(view.get_by_text("Talk about what matters most to each of you").first).to_be_visible()
    expect(view.locator("b", has_text="Helper")).to_have_count(0)  # never drawn as bold

    audit = Audit(page)
    audit.check("self-assessment: both people's values side by side")
    helpers.screenshot(page, screenshot_dir / "self_assessment__values_two.png")
    audit.assert_clean()

    person.open_summary()
    expect(page.get_by_role("heading", name=WORDS["summary"]["heading"])).to_be_visible()
    files = person.download_summary(tmp_path)
    text = pdf_text(files["pdf"])
    assert "What matters most to me?" in text and WORDS["summary"]["heading"] in text
    assert f"{PATIENT_NAME} (the patient)" in text
    assert f"{NAME} (helping)" in text  # both sets, each marked with who said it
    for label in ("Most important", "Quite important", "Far apart (2 steps)",
                  "Close (one step apart)", "Keeping my job"):
        assert label in text, label
    assert WORDS["summary"]["talk_title"] in text
    answers = files["answers"].read_text(encoding="utf-8")
    assert '"caregiver_values"' in answers and '"version": 3' in answers


def test_a_direct_link_opens_the_caregivers_questions(page, server):
    helpers.open_page(page, f"{server.url}/self_assessment?{vp.LINK_PARAM}={vp.LINK_VALUE}")
    expect(page.get_by_role("heading", name=WORDS["caregiver_part"]["heading"])).to_be_visible()
    expect(helpers.checkbox(page, INVITE)).to_be_checked()
    expect(page.get_by_test_id("stProgress")).to_contain_text(f"Part {VALUES + 1} of")
    heading = page.get_by_role("heading", name=WORDS["invite"]["heading"])
    expect(heading).to_be_focused(timeout=20_000)  # in view; the keyboard starts there
    helpers.expect_no_exception(page)
