"""The option grid: which options, in which order, every cell filled, numbers phrased fairly."""

from __future__ import annotations

import dataclasses
import re

import pandas as pd
import pytest

from components import catalog, content, options, trials

CONTENT = catalog.load()
DISEASES = list(CONTENT.table("diseases")["disease_id"])
APPROVED = set(
    CONTENT.table("diseases").query("car_t_status == 'approved'")["disease_id"]
)
LINES = (None, 0, 1, 2, 4)


def with_tables(**tables: pd.DataFrame) -> content.Content:
    """A copy of the real content with some tables replaced."""
    return dataclasses.replace(CONTENT, tables={**CONTENT.tables, **tables})


# ---- options_for ----------------------------------------------------------------------------
@pytest.mark.parametrize("disease", DISEASES)
def test_options_for_order(disease):
    ids = options.options_for(CONTENT, disease)
    assert ids[-1] == "not_deciding_yet"
    assert ("car_t" in ids) == (disease in APPROVED)
    if disease in APPROVED:
        assert ids[0] == "car_t"
    rank = dict(zip(CONTENT.table("option_types")["option_id"],
                    CONTENT.table("option_types")["order"], strict=True))
    middle = [o for o in ids if o not in ("car_t", "not_deciding_yet")]
    assert middle == sorted(middle, key=rank.get)
    assert set(ids) <= set(options.OPTION_IDS) and len(ids) == len(set(ids))


@pytest.mark.parametrize(
    ("disease", "expected"),
    [
        ("lbcl", ["car_t", "transplant_auto", "transplant_allo", "bispecific", "checkpoint",
                  "chemo_targeted", "clinical_trial", "supportive_care", "not_deciding_yet"]),
        ("fl", ["car_t", "transplant_auto", "transplant_allo", "bispecific", "chemo_targeted",
                "clinical_trial", "watchful_waiting", "supportive_care", "not_deciding_yet"]),
        ("myeloma", ["car_t", "transplant_auto", "bispecific", "chemo_targeted", "clinical_trial",
                     "supportive_care", "not_deciding_yet"]),
        ("other", ["checkpoint", "chemo_targeted", "clinical_trial", "supportive_care",
                   "not_deciding_yet"]),
    ],
)
def test_options_for_known_diagnoses(disease, expected):
    assert options.options_for(CONTENT, disease) == expected


def test_options_for_unknown_diagnosis_is_empty():
    assert options.options_for(CONTENT, "nonsense") == []


def test_car_t_is_not_first_where_it_is_not_approved():
    """If data ever listed CAR-T for a trial-only cancer, it keeps its natural place."""
    rows = CONTENT.table("options")
    extra = rows[rows["row_id"] == "lbcl__car_t"].assign(disease_id="other", row_id="other__car_t")
    changed = with_tables(options=pd.concat([rows, extra], ignore_index=True))
    ids = options.options_for(changed, "other")
    assert ids[0] != "car_t" and "car_t" in ids and ids[-1] == "not_deciding_yet"


def test_option_order_follows_the_order_column():
    types = CONTENT.table("option_types").copy()
    types.loc[types["option_id"] == "clinical_trial", "order"] = 0
    ids = options.options_for(with_tables(option_types=types), "lbcl")
    assert ids[:2] == ["car_t", "clinical_trial"]


@pytest.mark.parametrize(
    ("lines", "shown", "hidden"),
    [
        (1, {"Yescarta (ZUMA-7 study)"}, {"Yescarta (ZUMA-1 study)", "Kymriah (JULIET study)"}),
        (2, {"Yescarta (ZUMA-1 study)", "Kymriah (JULIET study)"}, {"Yescarta (ZUMA-7 study)"}),
        (None, {"Yescarta (ZUMA-7 study)", "Yescarta (ZUMA-1 study)"}, set()),
    ],
)
def test_numbers_match_the_number_of_earlier_treatments(lines, shown, hidden):
    car_t = next(c for c in options.option_grid(CONTENT, "lbcl", lines) if c.option_id == "car_t")
    treatments = {n.treatment for n in car_t.benefits}
    assert shown <= treatments and not hidden & treatments


def test_numbers_hidden_by_line_say_so():
    cards = options.option_grid(CONTENT, "lbcl", 1)
    bispecific = next(c for c in cards if c.option_id == "bispecific")
    assert bispecific.cells["benefit"] == (
        "Not reported in our sources for people with 1 earlier treatment."
    )


def test_a_number_line_says_who_when_and_where_from():
    cards = options.option_grid(CONTENT, "ball_adult")
    line = next(c for c in cards if c.option_id == "bispecific").harms[0]
    assert line.text.startswith(
        "blinatumomab: About 5 out of 100 people had severe CRS (grade 3 or higher); about 95 out of 100 "
        "did not. Who: 267 adults who got at least one dose of blinatumomab in TOWER. When: "
    )
    assert "How sure: It comes from a study where people were put into groups by chance" in (
        line.text)
    assert "We checked it against its source on December 3, 2026." in line.text
    assert line.text.endswith("(Source: TOWER-NEJM-2017)")
    assert line.markdown.startswith("**blinatumomab:** About 5 out of 100")
    assert line.measure_id == "crs_severe"


# ---- the grid --------------------------------------------------------------------------------
SENTENCE = re.compile(
    r"(?:(?:about |fewer than |more than )?\d+|between \d+ and \d+) out of 100 .+; "
    r"(?:(?:about |fewer than |more than )?\d+|between \d+ and \d+) out of 100 .+\."
)


@pytest.mark.parametrize("lines", LINES)
@pytest.mark.parametrize("disease", DISEASES)
def test_every_cell_of_every_option_is_filled(disease, lines):
    cards = options.option_grid(CONTENT, disease, lines)
    assert [c.option_id for c in cards] == options.options_for(CONTENT, disease)
    for card in cards:
        assert list(card.cells) == [key for key, _ in options.ASPECTS]
        for key, value in card.cells.items():
            assert value.strip(), (disease, card.option_id, key)


@pytest.mark.parametrize("disease", DISEASES)
def test_benefits_and_harms_are_phrased_the_same_way(disease):
    for card in options.option_grid(CONTENT, disease):
        for line in (*card.benefits, *card.harms):
            assert SENTENCE.fullmatch(line.sentence[0].lower() + line.sentence[1:]), line.sentence
            assert line.population and line.time_frame and line.source_id
        for key, lines in (("benefit", card.benefits), ("harm", card.harms)):
            if lines:
                bullets = [b for b in card.cells[key].split("\n") if b.startswith("- ")]
                assert len(bullets) == len(lines)
                # Who was in the study: once per study group, never on a bullet.
                groups = options.study_groups(lines)
                assert card.cells[key].count("*Who was in it:*") == len(groups)
                assert not any("Who" in b for b in bullets)
            else:
                assert "not reported" in card.cells[key].lower() or "do not apply" in card.cells[key]


def test_duration_says_one_time_or_ongoing():
    cards = {c.option_id: c for c in options.option_grid(CONTENT, "myeloma")}
    assert cards["car_t"].cells["duration"].startswith("One-time.")
    assert cards["bispecific"].cells["duration"].startswith("Ongoing.")


def test_disease_specific_text_overrides_the_general_text():
    adult = {c.option_id: c for c in options.option_grid(CONTENT, "ball_adult")}
    lymphoma = {c.option_id: c for c in options.option_grid(CONTENT, "lbcl")}
    assert "Aucatzyl" in adult["car_t"].cells["time_away"]
    assert "Aucatzyl" not in lymphoma["car_t"].cells["time_away"]


def test_sources_cell_lists_every_cited_source():
    for card in options.option_grid(CONTENT, "lbcl"):
        cited = set()
        for key in ("what", "who_for", *options.TEXT_ASPECTS):
            cited |= {s.strip() for m in content.SOURCE_CITATION.finditer(card.cells[key])
                      for s in m.group(1).split(",")}
        cited |= {line.source_id for line in (*card.benefits, *card.harms)}
        assert cited <= set(card.sources)
        assert card.cells["sources"] == ", ".join(card.sources)


def test_question_frame_has_one_row_per_option():
    cards = options.option_grid(CONTENT, "mcl")
    frame = options.question_frame(cards, "benefit")
    assert list(frame["Option"]) == [c.name for c in cards]
    assert frame.loc[0, "Answer"].startswith("• Tecartus (ZUMA-2 study): 80 out of 100")


def test_grids_differ_between_diagnoses():
    a = options.question_frame(options.option_grid(CONTENT, "lbcl"), "benefit")
    b = options.question_frame(options.option_grid(CONTENT, "myeloma"), "benefit")
    assert not a.equals(b)


def test_price_frame_says_not_reported_where_no_price_is_known():
    frame = options.price_frame(CONTENT).set_index("Product")
    assert frame.loc["Yescarta", "List price (US dollars)"] == "$373,000"
    assert frame.loc["Yescarta", "As of"] == "2017-10"
    for brand in ("Tecartus", "Breyanzi"):
        assert frame.loc[brand, "List price (US dollars)"] == "Not reported in our sources"


@pytest.mark.parametrize(
    ("key", "expected"),
    [("how_given", "**How is it given?** "),
     ("benefit", "**How many people did well? (out of 100)**\n\n**Yescarta (ZUMA-7 study).** ")],
)
def test_cell_markdown(key, expected):
    card = options.option_grid(CONTENT, "lbcl")[0]
    assert options.cell_markdown(card, key).startswith(expected)


def test_before_and_after_numbers_cover_every_question_once():
    keys = (*options.BEFORE_NUMBERS, *options.BENEFIT_HARM, *options.AFTER_NUMBERS)
    assert keys == options.KEYS


# ---- validation ------------------------------------------------------------------------------
def problems_with(**tables: pd.DataFrame) -> list[str]:
    return [str(p) for p in options.validate_options(with_tables(**tables))]


def test_shipped_options_data_is_valid():
    assert options.validate_options(CONTENT) == []


def test_validator_catches_a_duplicate_row():
    rows = CONTENT.table("options")
    assert any("duplicate" in p for p in problems_with(options=pd.concat([rows, rows.iloc[:1]])))


def test_validator_catches_a_missing_required_option():
    rows = CONTENT.table("options")
    found = problems_with(options=rows[rows["row_id"] != "mcl__supportive_care"])
    assert any("'mcl' has no 'supportive_care' row" in p for p in found)


def test_validator_catches_car_t_for_a_trial_only_cancer():
    rows = CONTENT.table("options")
    extra = rows[rows["row_id"] == "lbcl__car_t"].assign(disease_id="other", row_id="other__car_t")
    found = problems_with(options=pd.concat([rows, extra], ignore_index=True))
    assert any("CAR-T is not approved" in p for p in found)


def test_validator_catches_numbers_without_an_option_row():
    nums = CONTENT.table("option_numbers").copy()
    nums.loc[0, "option_id"] = "watchful_waiting"
    assert any("no options.csv row" in p for p in problems_with(option_numbers=nums))


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("Stay 2 weeks.", False),
        ("Stay 2 weeks (Source: FDA-REMS-2025).", True),
        ("Stay 2 weeks (Source: NOPE-1).", False),
        ("A CD19 and BCL-2 and ZUMA-1 and anti-CD20 name only.", True),
    ],
)
def test_validator_requires_a_source_for_numbers_in_text(text, ok):
    rows = CONTENT.table("options").copy()
    rows.loc[0, "caregiver"] = text
    assert (problems_with(options=rows) == []) is ok


def test_validator_catches_unknown_option_ids():
    types = CONTENT.table("option_types").copy()
    types.loc[0, "option_id"] = "homeopathy"
    assert any("exactly these option ids" in p for p in problems_with(option_types=types))


# --- Same trial, same measures: CAR-T beside the transplant route (user review, item 1) ----
def test_early_relapse_lbcl_compares_car_t_and_transplant_with_the_same_measures():
    studies = {s.study: s for s in trials.head_to_head(CONTENT, "lbcl", 1)}
    assert list(studies) == ["ZUMA-7", "TRANSFORM", "PARMA"]
    for name in ("ZUMA-7", "TRANSFORM"):
        study = studies[name]
        assert study.names == ("CAR-T cell therapy",
                               "Stem cell transplant with your own cells (autologous)")
        measures = [m for m, _, _ in study.rows]
        assert len(measures) >= 3 and any("overall survival" in m for m in measures)
        for _, cells, note in study.rows:
            if not cells:  # a result reported in words only (medians)
                continue
            assert set(cells) == set(study.names)
            assert all(" out of 100 " in c and ("did not" in c or "had died" in c)
                       for c in cells.values())
            assert "tatistically significant" in note
        assert any(n.startswith("Who switched treatment:") for n in study.notes)
    zuma7 = {m: c for m, c, _ in studies["ZUMA-7"].rows}
    os_row = next(c for m, c in zuma7.items() if "overall survival" in m)
    assert os_row["CAR-T cell therapy"].startswith("About 55 out of 100 people were alive")
    assert "4 years" in next(m for m in zuma7 if "overall survival" in m)
    assert "older study" in studies["PARMA"].treatments[studies["PARMA"].names[0]]


@pytest.mark.parametrize(("prior_lines", "expected"), [(1, 3), (None, 3), (2, 0)])
def test_head_to_head_follows_the_number_of_earlier_treatments(prior_lines, expected):
    assert len(trials.head_to_head(CONTENT, "lbcl", prior_lines)) == expected


def test_survival_comparisons_say_whether_the_difference_could_be_chance():
    studies = {s.study: s for s in trials.head_to_head(CONTENT, "lbcl", 1)}
    transform_os = next(n for m, _, n in studies["TRANSFORM"].rows if "overall survival" in m)
    assert "Not statistically significant" in transform_os
    assert any("could switch to Breyanzi" in n for n in studies["TRANSFORM"].notes)
    zuma7_os = next(n for m, _, n in studies["ZUMA-7"].rows if "overall survival" in m)
    assert zuma7_os.startswith("Statistically significant") and "0.73" in zuma7_os
    assert any(n.startswith("A hazard ratio compares") for n in studies["ZUMA-7"].notes)


def test_myeloma_head_to_head_shows_early_deaths_in_both_groups_and_worded_results():
    studies = {s.study: s for s in trials.head_to_head(CONTENT, "myeloma", None)}
    karmma3 = studies["KarMMa-3"]
    deaths = next(c for m, c, _ in karmma3.rows if "died in the first" in m.lower()
                  or "first 6 months" in m)
    assert len(deaths) == 2
    worded = [(m, c, n) for m, c, n in karmma3.rows if not c]
    assert any("Not statistically significant" in n and "41.4 months" in n for _, _, n in worded)
    frame = trials.head_to_head_frame(karmma3)
    assert CONTENT.words("trials_not_as_number") in set(frame.iloc[-1])


def test_comparability_note_names_what_is_not_measured_alike():
    cards = {c.option_id: c for c in options.option_grid(CONTENT, "lbcl", 2)}
    note = options.comparability_note(CONTENT, [cards["car_t"], cards["bispecific"]], "harm")
    assert note.startswith("Reported for each of these options:")
    assert "Not reported in a comparable way:" in note
    assert options.comparability_note(CONTENT, [cards["car_t"]], "harm") == ""
    assert options.comparability_note(CONTENT, list(cards.values())[:2], "what") == ""


def test_never_reaching_the_transplant_is_a_fact_about_the_route_not_a_harm():
    cards = {c.option_id: c for c in options.option_grid(CONTENT, "lbcl", 1)}
    transplant = cards["transplant_auto"]
    assert "never reached the transplant" in transplant.cells["how_given"]
    assert "never reached" not in transplant.cells["harm"]
    assert all("never" not in line.sentence for c in cards.values() for line in c.harms)
    frame = trials.head_to_head_frame(trials.head_to_head(CONTENT, "lbcl", 1)[0])
    assert list(frame.columns)[0] == "What was measured, and when"


# --- Said once per study; only the chosen cancer's facts; pictures of 100 people --------------
def test_numbers_say_who_was_in_the_study_once_per_study():
    card = {c.option_id: c for c in options.option_grid(CONTENT, "lbcl", 1)}["car_t"]
    benefit = card.cells["benefit"]
    assert benefit.count("359 adults in ZUMA-7") == 1
    assert benefit.count("It comes from a study where people were put into groups by chance") \
        == len(options.study_groups(card.benefits))
    zuma7 = benefit.split("**Yescarta (ZUMA-7 study).**")[1].split("\n\n**")[0]
    assert zuma7.count("\n- ") == 3  # response, event-free, overall survival


def test_study_groups_keep_first_seen_order_and_split_by_population():
    cards = {c.option_id: c for c in options.option_grid(CONTENT, "myeloma")}
    groups = options.study_groups(cards["car_t"].harms)
    keys = [(g[0].treatment, g[0].population) for g in groups]
    assert len(keys) == len(set(keys))
    assert sum(len(g) for g in groups) == len(cards["car_t"].harms)
    # KarMMa-3 side effects (225 people treated) and early deaths (386 randomised) differ.
    karmma = [g for g in groups if g[0].treatment.startswith("Abecma")]
    assert len(karmma) == 2


OTHER_CANCER_WORDS = {
    "myeloma": ("lymphoma", "leukemia", "Aucatzyl", "ALL"),
    "lbcl": ("myeloma", "leukemia", "Aucatzyl"),
}


@pytest.mark.parametrize("disease", list(OTHER_CANCER_WORDS))
def test_each_box_has_only_the_chosen_cancers_facts(disease):
    """The myeloma boxes carried lymphoma wait times, Aucatzyl's two-part infusion and an ALL
    source for palliative radiation, through the general text of option_types.csv."""
    for card in options.option_grid(CONTENT, disease):
        for key, text in card.cells.items():
            if key == "sources":
                continue
            for word in OTHER_CANCER_WORDS[disease]:
                assert not re.search(rf"\b{word}\b", text), (card.option_id, key, word)
        if disease == "myeloma":
            assert "PDQ-AdultALL" not in card.cells["how_given"]


@pytest.mark.parametrize("disease", DISEASES)
def test_boxes_name_only_products_approved_for_the_cancer(disease):
    approved = {r["product_id"] for r in CONTENT.rows("indications") if r["disease_id"] == disease}
    brands = {r["product_id"]: r["brand"] for r in CONTENT.rows("products")}
    for card in options.option_grid(CONTENT, disease):
        text = " ".join(v for k, v in card.cells.items() if k != "sources")
        named = {p for p, b in brands.items() if b in text}
        assert named <= approved, (card.option_id, named - approved)


def test_the_moved_facts_are_still_shown_for_their_own_cancer():
    adult = {c.option_id: c for c in options.option_grid(CONTENT, "ball_adult")}
    lbcl = {c.option_id: c for c in options.option_grid(CONTENT, "lbcl")}
    assert "Aucatzyl, for adults with B-cell leukemia, is given in two parts" in \
        adult["car_t"].cells["duration"]
    assert "30 to 48 days" in lbcl["car_t"].cells["time_away"]
    assert "low-dose radiation" in adult["supportive_care"].cells["how_given"]


def test_head_to_head_pictures_put_both_groups_of_a_measure_side_by_side():
    study = {s.study: s for s in trials.head_to_head(CONTENT, "lbcl", 1)}["ZUMA-7"]
    assert [p.label for p in study.pictures] == ["Cancer shrank", "No growth or new treatment",
                                                 "Alive"]
    alive = study.pictures[-1]
    assert [a.name for a in alive.arms] == list(study.names)
    assert alive.arms[0].per_100 == pytest.approx(54.6, abs=0.5)
    assert (alive.arms[0].had, alive.arms[0].had_not) == ("Alive", "Had died")
    # The text alternative holds both groups' sentences, and the note the hazard ratio.
    for arm in alive.arms:
        assert f"{arm.name}: {arm.sentence}" in alive.summary
    assert "0.73" in alive.note and alive.note.startswith("Statistically significant")
    # Same measures as the table rows that have numbers.
    assert [p.heading for p in study.pictures] == [m for m, c, _ in study.rows if c]


def test_tab_labels_are_unique_within_a_study():
    for disease in DISEASES:
        for study in trials.head_to_head(CONTENT, disease, None):
            labels = [p.label for p in study.pictures]
            assert len(labels) == len(set(labels)), (disease, study.study)


def test_head_to_head_caption_says_who_was_in_the_study_once():
    study = trials.head_to_head(CONTENT, "lbcl", 1)[0]
    caption = trials.head_to_head_caption(study)
    assert caption.startswith("Who was in the study: 359 adults in ZUMA-7")
    assert caption.count("Who") == 1


def test_jump_list_links_to_shown_sections_including_costs_and_help():
    full = options.jump_list(True, True)
    assert full == ("**On this page:** [Results from the same study](#same-study) · "
                    "[What each option is like](#each-option) · "
                    "[Costs and where to get help](#cost-and-help)")
    assert options.jump_list(False, False) == (
        "**On this page:** [Costs and where to get help](#cost-and-help)")


def test_price_frame_for_a_cancer_lists_only_its_products():
    myeloma = options.price_frame(CONTENT, "myeloma").set_index("Product")
    assert set(myeloma.index) == {"Abecma", "Carvykti"}
    assert len(options.price_frame(CONTENT, "other")) == len(options.price_frame(CONTENT))


def test_worded_results_are_the_rows_without_numbers():
    karmma3 = {s.study: s for s in trials.head_to_head(CONTENT, "myeloma", None)}["KarMMa-3"]
    lines = trials.worded_results(karmma3)
    assert lines and all(line.startswith("**") for line in lines)
    assert any("41.4 months" in line for line in lines)


def test_compare_tabs_cover_every_question_once_in_order():
    keys = [key for _, group in options.COMPARE_TABS for key in group]
    assert tuple(keys) == options.KEYS
    assert tuple(k for k in dict(options.COMPARE_TABS)["Benefits and harms"]
                                        if k in options.BENEFIT_HARM) == ("benefit", "harm")
