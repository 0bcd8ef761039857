"""The fan-out's patches (server/channels.py) are jsonpatch's, only found faster."""

from __future__ import annotations

import copy
from typing import Any

import jsonpatch
from hypothesis import given, settings
from hypothesis import strategies as st

from server.channels import make_patch

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.sampled_from([0.0, 1.0, -0.0, 1.5]),
    st.sampled_from(["", "a", "b", "~/"]),
)
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5), st.dictionaries(st.sampled_from("abcde"), inner, max_size=5)
    ),
    max_leaves=30,
)


def shared(old: Any, new: Any) -> Any:
    """`new` with the sub-objects equal to `old`'s at the same place being `old`'s own (as a
    view built from unchanged state may reuse them)."""
    if old == new and type(old) is type(new):
        return old
    if isinstance(old, dict) and isinstance(new, dict):
        return {k: shared(old[k], v) if k in old else v for k, v in new.items()}
    if isinstance(old, list) and isinstance(new, list):
        return [shared(old[i], v) if i < len(old) else v for i, v in enumerate(new)]
    return new


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from("abcde"), documents), st.data())
def test_the_same_operations_as_jsonpatch(old: dict[str, Any], data: st.DataObject) -> None:
    new = data.draw(st.dictionaries(st.sampled_from("abcde"), documents))
    for after in (new, shared(old, new), copy.deepcopy(old)):
        expected = jsonpatch.make_patch(old, after).patch
        assert make_patch(old, after) == expected


def test_one_for_true_is_a_change() -> None:
    old = {"a": [1, {"b": 0}], "c": {"d": 1.0}}
    new = {"a": [True, {"b": False}], "c": {"d": 1}}
    assert make_patch(old, new) == jsonpatch.make_patch(old, new).patch
    assert make_patch(old, new)


def test_a_note_added_to_a_long_board() -> None:
    board = {"seq": 1, "notes": [{"id": str(i), "text": f"note {i}"} for i in range(2000)]}
    grown = {"seq": 2, "notes": [*board["notes"], {"id": "new", "text": "new"}]}
    assert make_patch(board, grown) == jsonpatch.make_patch(board, grown).patch
