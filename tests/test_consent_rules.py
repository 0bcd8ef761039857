"""The consent format's rules, computed once in Python for every screen: the difference between
two versions reads back as both texts, and whether a proposal may be adopted."""

from __future__ import annotations

import itertools
from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from formats.consent import rules
from formats.consent.state import ConsentState, Objection, Outcome, Round, Version

WORDS = st.lists(
    st.sampled_from(["Nous", "réunissons", "le", "lundi", "week-end", "l'été", ",", ".", "48 h"]),
    max_size=12,
)
SPACES = st.sampled_from([" ", " ", "\n", "  "])


def texts() -> st.SearchStrategy[str]:
    return st.lists(st.tuples(WORDS, SPACES), max_size=6).map(
        lambda parts: "".join(" ".join(words) + space for words, space in parts)
    )


@given(before=texts(), after=texts())
def test_a_difference_reads_back_as_both_versions(before: str, after: str) -> None:
    segments = rules.diff(before, after)
    assert "".join(s["text"] for s in segments if s["op"] != "removed") == after
    assert "".join(s["text"] for s in segments if s["op"] != "added") == before
    assert all(s["text"] for s in segments), "no empty segment"
    ops = [s["op"] for s in segments]
    assert all(a != b for a, b in itertools.pairwise(ops)), "neighbours are merged"


def test_an_added_clause_is_one_segment_with_whole_words() -> None:
    before = "Chaque salarié·e répond sous 48 h."
    after = "Chaque salarié·e répond sous 48 h, hors week-end."
    assert rules.diff(before, after) == [
        {"op": "same", "text": "Chaque salarié·e répond sous 48 h"},
        {"op": "added", "text": ", hors week-end"},
        {"op": "same", "text": "."},
    ]


def test_punctuation_is_a_word_of_its_own() -> None:
    """A clause added before the final full stop: only the clause is added, the word and the
    full stop stay the same (not "numériques." removed and "numériques," added)."""
    before = "Cette charte s'applique aux outils numériques."
    after = "Cette charte s'applique aux outils numériques, relue chaque année."
    assert rules.diff(before, after) == [
        {"op": "same", "text": "Cette charte s'applique aux outils numériques"},
        {"op": "added", "text": ", relue chaque année"},
        {"op": "same", "text": "."},
    ]


def test_adoption_waits_for_a_round_on_the_current_version_and_no_standing_objection() -> None:
    state = ConsentState()
    assert rules.adopt_refusal(state) == "no_proposal"
    state = replace(state, versions=(Version(1, "Texte", "proposer"),))
    assert rules.adopt_refusal(state) == "no_round"
    state = replace(state, rounds=(Round("o1", 1, 1),))
    objection = Objection("j2", "o1", 1, "p1", "Non")
    for status, refusal in (
        ("open", "objection_open"),
        ("reasoned", "objection_open"),
        ("set_aside", None),
        ("integrated", None),
        ("withdrawn", None),
    ):
        held = replace(state, objections=(replace(objection, status=status),))
        assert rules.adopt_refusal(held) == refusal, status
    # A new version needs a new round.
    amended = replace(state, versions=(*state.versions, Version(2, "Texte 2", "proposer")))
    assert rules.adopt_refusal(amended) == "no_round"
    decided = replace(state, outcome=Outcome("postponed", "2026-12-03T10:00:00+00:00", "p"))
    assert rules.adopt_refusal(decided) == "already_decided"
