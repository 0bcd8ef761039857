"""The load benchmark's smoke plan, once: every scenario of bench/README.md at 50 phones, a few
seconds each. Only behaviour is checked (figures exist, nothing lost, every screen in step,
patches used); timings depend on the machine and are read in the benchmark's table, not here."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bench.__main__ import main, plan


@pytest.fixture(scope="module")
def smoke(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    path = tmp_path_factory.mktemp("bench") / "smoke.json"
    status = main(["--plan", "smoke", "--repeats", "1", "--timeout", "30", "--json", str(path)])
    document: dict[str, Any] = json.loads(path.read_text())
    document["status"] = status
    return document


def test_every_scenario_runs_and_loses_nothing(smoke: dict[str, Any]) -> None:
    assert smoke["failures"] == []
    assert smoke["status"] == 0
    labels = [spec.label for spec in plan("smoke", 4)]
    assert sorted(smoke["medians"]) == sorted(labels)
    for label in labels:
        (run,) = smoke["runs"][label]
        assert run["lost"] == 0, label
        assert run["patch_errors"] == 0, label
        assert run["frames"] > 0, label
        assert run["cpu_us_per_frame"] > 0, label
        assert run["rss_kib_per_participant"] > 0, label


def test_every_phone_reaches_the_last_seq(smoke: dict[str, Any]) -> None:
    for label, (run,) in smoke["runs"].items():
        assert run["screens_at_last_seq"] == run["screens"], label
        assert run["screens"] == run["n"] + 2, "the phones, the console and the room screen"


def test_contributions_are_timed_and_compared_with_the_bare_server(
    smoke: dict[str, Any],
) -> None:
    for spec in plan("smoke", 4):
        (run,) = smoke["runs"][spec.label]
        if spec.scenario == "joins":
            assert run["join_p99_ms"] > 0
            continue
        assert run["refused"] == 0, spec.label
        assert run["view_p99_ms"] >= run["view_p50_ms"] > 0, spec.label
        if spec.bare:
            assert run["bare_lost"] == 0, spec.label
            assert run["bare_cpu_us_per_frame"] > 0, spec.label
    untuned = smoke["runs"]["steady 20/s GC untuned"][0]
    assert "gc_ms" in untuned, "the GC's time is measured"


def test_a_dot_travels_as_a_patch_not_as_the_whole_view(smoke: dict[str, Any]) -> None:
    (dots,) = smoke["runs"]["dots 10 notes"]
    assert dots["bytes_per_frame_room"] * 3 < dots["whole_view_bytes_room"]
    assert dots["bytes_per_frame_console"] * 3 < dots["whole_view_bytes_console"]


def test_frames_per_socket_are_bounded_whatever_the_rate(smoke: dict[str, Any]) -> None:
    """The flush windows (server/fanout.py) hold each socket to a few frames a second, where
    one frame per contribution would be 20; the bound is a property of the windows, not a time."""
    (steady,) = smoke["runs"]["steady 20/s"]
    assert steady["frames_per_s_phone_max"] < 20
