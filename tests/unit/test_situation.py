"""The situation's one home: typed and normalised values, the About-me answers it gives, and
what answering an About-me question or loading a file changes in it."""

import pytest

from components import situation
from components.situation import Situation


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({}, Situation()),
        ({"diagnosis": "lbcl", "prior_lines": 2, "product": "yescarta", "age": 61},
         Situation("lbcl", 2, "yescarta", 61)),
        ({"diagnosis": "no_such_cancer"}, Situation()),
        ({"prior_lines": 7}, Situation(prior_lines=4)),  # "4 or more"
        ({"prior_lines": -1}, Situation()),
        ({"prior_lines": True}, Situation()),
        ({"product": "no_such_product"}, Situation()),
        ({"age": 130}, Situation()),
        ({"age": 45.0}, Situation(age=45)),
        ({"unsure": ["diagnosis", "nonsense"]}, Situation(unsure=frozenset({"diagnosis"}))),
        ({"unsure": "diagnosis"}, Situation()),  # not a list: nothing unsure
    ],
    ids=["empty", "all", "unknown cancer", "or more", "negative", "bool", "unknown product",
         "impossible age", "float age", "unsure", "unsure not a list"],
)
def test_normalise(real_content, raw, expected):
    assert situation.normalise(real_content, **raw) == expected


@pytest.mark.parametrize(
    ("sit", "view"),
    [
        (Situation(), {}),
        (Situation("lbcl", 0), {"about_diagnosis": "lbcl", "about_prior_lines": 0}),
        (Situation(unsure=frozenset({"diagnosis", "prior_lines"})),
         {"about_diagnosis": "not_sure", "about_prior_lines": "not_sure"}),
        # a cancer chosen on another page replaces "not sure"
        (Situation("fl", unsure=frozenset({"diagnosis"})), {"about_diagnosis": "fl"}),
        (Situation(product="yescarta", age=50), {}),  # not About-me answers
    ],
)
def test_answer_view(sit, view):
    assert situation.answer_view(sit) == view


@pytest.mark.parametrize(
    ("unsure", "qid", "value", "fields"),
    [
        ([], "about_diagnosis", "mcl", {"diagnosis": "mcl", "unsure": []}),
        ([], "about_diagnosis", "not_sure", {"diagnosis": None, "unsure": ["diagnosis"]}),
        (["diagnosis"], "about_diagnosis", "fl", {"diagnosis": "fl", "unsure": []}),
        (["diagnosis"], "about_prior_lines", 3,
         {"prior_lines": 3, "unsure": ["diagnosis"]}),
        (["prior_lines"], "about_prior_lines", None, {"prior_lines": None, "unsure": []}),
    ],
)
def test_answering_an_about_me_question_changes_the_situation(unsure, qid, value, fields):
    assert situation.answered(unsure, qid, value) == fields


def test_split_answers_moves_about_me_into_the_situation():
    rest, fields = situation.split_answers(
        {"about_who": "both", "about_diagnosis": "not_sure", "about_prior_lines": 2})
    assert rest == {"about_who": "both"}
    assert fields == {"diagnosis": None, "prior_lines": 2, "unsure": ["diagnosis"]}
    assert situation.split_answers({"about_who": "both"}) == ({"about_who": "both"}, {})


def test_the_situation_wins_over_answers_kept_elsewhere():
    answers = {"about_diagnosis": "fl", "about_prior_lines": 1, "about_who": "patient"}
    assert situation.answers_with(answers, Situation("lbcl")) == {
        "about_diagnosis": "lbcl", "about_prior_lines": 1, "about_who": "patient"}
    assert situation.answers_with(answers, Situation()) == answers


def test_a_round_trip_through_a_file_keeps_not_sure(real_content):
    sit = Situation("myeloma", unsure=frozenset({"prior_lines"}))
    _, fields = situation.split_answers(situation.answer_view(sit))
    back = situation.normalise(real_content, **{**fields, "product": None, "age": None})
    assert back == sit
