"""Losing answers is never silent (issue 13): every page that holds something says where it
lives and offers the answers file; Home and Summary offer "continue from a saved file"; a file
brings back everything, and the wrong file gets a plain sentence."""

from __future__ import annotations

import datetime as dt

from components import answers_file as af
from components import catalog, questionnaire_file, state
from tests.answer_sets import said

CONTENT = catalog.load()
Q = questionnaire_file.load_questionnaire(CONTENT)
ANSWERS = {"about_who": "caregiver", "about_diagnosis": "myeloma", "about_prior_lines": 2}
DAY = dt.date.today() + dt.timedelta(days=40)
CHOICES = {"diagnosis": "myeloma", "prior_lines": 2, "product": "carvykti", "age": 70,
           "journey_anchor": "infusion", "journey_date": DAY}
EDITS = {"text": {}, "removed": [], "added": [["added_1", "Can my daughter stay overnight?"]]}
FILE = af.to_file(ANSWERS, Q, CONTENT, choices=CHOICES, question_edits=EDITS)


def upload(at, stem: str, name: str, data: bytes):
    at.file_uploader(key=f"{stem}__upload_0").set_value((name, data, "application/json")).run()
    assert not at.exception
    return at


def test_home_brings_back_everything_from_a_saved_file(make_app):
    at = make_app().run()
    assert at.expander[0].label == "Coming back? Continue from a saved file"
    upload(at, "home", "cart-answers-2026-12-01.json", FILE)
    assert said(at.session_state) == ANSWERS
    for name, key in state.SAVED_CHOICES.items():
        assert at.session_state[key] == CHOICES[name], name
    assert at.session_state[state.K_SUMMARY_EDITS] == EDITS
    assert [s.value for s in at.success] == [
        "Loaded 3 answers, 6 choices from other pages and your questions for the care team "
        "from your file."]
    at.switch_page("pages/summary.py").run()
    page = "\n".join(t.value for t in at.text)
    assert "Can my daughter stay overnight?" in page
    assert "Carvykti (ciltacabtagene autoleucel)" in page


def test_the_summary_text_file_is_named_as_the_wrong_file(make_app):
    at = make_app(**{state.K_ANSWERS: dict(ANSWERS)}).run()
    upload(at, "home", "cart-summary-2026-12-01.txt", b"My CAR-T decision summary\n")
    assert len(at.error) == 1
    assert at.error[0].value.startswith("This is your summary, not your answers file.")
    assert said(at.session_state) == ANSWERS  # nothing lost
    assert at.file_uploader(key="home__upload_1") is not None  # a fresh box to try again


def test_an_empty_summary_points_to_the_saved_file(make_app):
    at = make_app("pages/summary.py").run()
    assert "You have not done the self-assessment yet" in at.info[0].value
    assert "Continue from a saved file" in [h.value for h in at.header]
    upload(at, "summary", "cart-answers.json", FILE)
    assert said(at.session_state) == ANSWERS
    assert not any("You have not done" in i.value for i in at.info)


def test_pages_where_choices_are_made_say_where_answers_live(make_app):
    from components import sitemap, ui_answers

    for spec in sitemap.PAGES:
        at = make_app(spec.file).run()
        said = any("kept only in this browser window" in m.value for m in at.markdown)
        labels = [b.proto.label for b in at.get("download_button")]
        if spec.url_path in ("home", "sources"):
            assert not said, spec.url_path
        else:  # the self-assessment says it in its save box, the summary above its download
            assert said or spec.url_path == "self_assessment", spec.url_path
            if spec.url_path not in ui_answers.NO_REMINDER:
                assert "Download your answers file" in labels, spec.url_path


def test_the_reminder_file_holds_the_choices_of_other_pages(make_app, monkeypatch):
    """The download on any page is the whole file (built from this session's state), made
    only when the person presses Download (not on every run of the page)."""
    from streamlit.runtime.media_file_manager import MediaFileManager
    from streamlit.testing.v1 import app_test

    from components import ui_answers

    captured = {}
    real = af.to_file
    managers: list[MediaFileManager] = []

    def spy(*args, **kwargs):
        captured.update(kwargs)
        return real(*args, **kwargs)

    class Manager(MediaFileManager):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            managers.append(self)

    monkeypatch.setattr(ui_answers.answers_file, "to_file", spy)
    monkeypatch.setattr(app_test, "MediaFileManager", Manager)
    at = make_app("pages/journey.py",
                  **{state.K_DIAGNOSIS: "lbcl", state.K_PRODUCT: "yescarta"}).run()
    assert not captured  # nothing built while the page runs
    button = at.download_button(key="journey__download_answers")
    managers[-1].execute_deferred(button.proto.deferred_file_id)  # as the server does on click
    assert captured["choices"]["product"] == "yescarta"
    assert captured["choices"]["diagnosis"] == "lbcl"


def test_an_older_file_loads_with_a_note_on_what_it_lacked(make_app):
    import json

    old = json.dumps({"format": af.RESUME_FORMAT, "version": 1, "answers": ANSWERS}).encode()
    at = make_app().run()
    upload(at, "home", "cart-answers-2026-11-01.json", old)
    assert said(at.session_state) == ANSWERS
    assert any("earlier version of the aid" in w.value for w in at.warning)


def test_a_paste_longer_than_the_box_keeps_what_fits_and_says_so(make_app):
    """5,000 characters into the 4,000-character questions box, a 138-character name."""
    at = make_app("pages/self_assessment.py").run()
    at.text_input(key="self_assessment__about_name").input("N" * 138).run()
    assert at.session_state[state.K_ANSWERS]["about_name"] == "N" * 80
    assert at.text_input(key="self_assessment__about_name").value == "N" * 80
    assert any("We kept the first 80 and left out the last 58" in w.value for w in at.warning)
    at.session_state[state.K_SA_SECTION] = 4
    at.run()
    at.text_area(key="self_assessment__questions_for_team").input("Q" * 5000).run()
    assert at.session_state[state.K_ANSWERS]["questions_for_team"] == "Q" * 4000
    assert any("up to 4,000 characters" in w.value for w in at.warning)


def test_a_source_link_opens_the_sources_page_on_that_source(make_app):
    at = make_app("pages/sources.py")
    at.query_params["source"] = "PI-Yescarta"
    at.run()
    assert not at.exception
    assert "The source you chose" in [s.value for s in at.subheader]
    assert any(m.value.startswith("**PI-Yescarta:**") for m in at.markdown)


def test_source_codes_on_the_pages_are_links(make_app):
    at = make_app("pages/side_effects.py", **{state.K_DIAGNOSIS: "lbcl",
                                              state.K_PRODUCT: "yescarta"}).run()
    shown = "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption])
    assert "(Source: [BloodAdv-2024-Monitoring](sources?source=BloodAdv-2024-Monitoring)" in shown
