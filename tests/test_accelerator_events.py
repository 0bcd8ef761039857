"""The accelerator's events as the log keeps them: `{type, data}`, read back through the table,
old logs included."""

from __future__ import annotations

from dataclasses import replace

from facilitation.types import Event
from formats.accelerator.events import EVENTS, ContributionAdded, ContributionEdited, QuestionAsked
from formats.accelerator.state import AcceleratorState


def test_an_edit_logged_before_moderation_was_traced_is_the_authors_own() -> None:
    state = ContributionAdded("c1", "p2", "idea", "Un agenda").apply(AcceleratorState())
    moderated = ContributionEdited("c1", "idea", "Un agenda partagé", "scribe").apply(state)
    assert moderated.contributions[0].original == "Un agenda"
    old = {"contribution_id": "c1", "kind": "warning", "text": "Un agenda commun"}
    loaded = EVENTS["accelerator.contribution_edited"].from_data(old)
    assert loaded == ContributionEdited("c1", "warning", "Un agenda commun")
    (after,) = loaded.apply(moderated).contributions
    assert after == replace(
        moderated.contributions[0],
        text="Un agenda commun",
        kind="warning",
        original=None,
        edited_by=None,
    )


def test_what_staff_noted_before_speakers_were_said_was_said_by_nobody() -> None:
    old = {"question_id": "q1", "author_id": "scribe", "text": "Qui fait quoi ?"}
    asked = EVENTS["accelerator.question_asked"].from_data(old)
    assert asked == QuestionAsked("q1", "scribe", "Qui fait quoi ?", None)
    old = {"contribution_id": "c2", "author_id": "scribe", "kind": "idea", "text": "Un agenda"}
    added = EVENTS["accelerator.contribution_added"].from_data(old)
    assert added == ContributionAdded("c2", "scribe", "idea", "Un agenda", None)
    state = added.apply(asked.apply(AcceleratorState()))
    assert (state.questions[0].said_by, state.contributions[0].said_by) == (None, None)


# The data keys each event has always been logged with: a log written by an earlier version
# must still load, and one written now must read the same.
LOGGED = {
    "accelerator.presentation_written": ("problem", "text"),
    "accelerator.point_added": ("point_id", "text"),
    "accelerator.point_removed": ("point_id",),
    "accelerator.question_asked": ("question_id", "author_id", "text", "said_by"),
    "accelerator.question_removed": ("question_id",),
    "accelerator.question_answered": ("question_id", "text"),
    "accelerator.question_marked": ("question_id", "status"),
    "accelerator.request_set": ("text",),
    "accelerator.contribution_added": ("contribution_id", "author_id", "kind", "text", "said_by"),
    "accelerator.contribution_edited": ("contribution_id", "kind", "text", "moderated_by"),
    "accelerator.contribution_removed": ("contribution_id",),
    "accelerator.contribution_hidden": ("contribution_id", "by"),
    "accelerator.theme_added": ("theme_id", "title"),
    "accelerator.theme_renamed": ("theme_id", "title"),
    "accelerator.contribution_sorted": ("contribution_id", "theme_id"),
    "accelerator.synthesis_written": ("text",),
    "accelerator.action_added": ("action_id", "what", "who", "when"),
    "accelerator.action_edited": ("action_id", "what", "who", "when"),
    "accelerator.action_removed": ("action_id",),
    "accelerator.round_set": ("turns",),
    "accelerator.turn_given": ("turn_id",),
    "accelerator.takeaway_said": ("turn_id", "text", "author_id"),
    "accelerator.scribe_signed": ("name",),
}


def test_every_event_keeps_the_data_keys_the_log_has_always_held() -> None:
    assert set(EVENTS) == set(LOGGED)
    for name, keys in LOGGED.items():
        event = EVENTS[name].from_data({key: [] if key == "turns" else key for key in keys})
        assert tuple(event.data()) == keys, name
        assert EVENTS.load(Event(name, event.data())) == event, name
