"""``sola-studio bench soak``: a short real show (tiny.en captions from the looped sample talk,
comments at 20/s into the real desk and store, overlay pages reading the event stream) accounts
for every comment and reports memory, threads and descriptors over time."""

from __future__ import annotations

import json

import pytest

from sola_studio.bench.soak import format_table, run_soak


@pytest.mark.slow
@pytest.mark.real_part("ffmpeg")
def test_a_short_soak_accounts_for_every_comment() -> None:
    r = run_soak(minutes=0.25, rate=20, clients=3, sample_s=1.0, profile="bench-soak-test")
    assert r.taken_in == 300  # 15 s at 20/s, a file replay: nothing refused
    assert r.drafted + r.dropped == r.taken_in and r.unaccounted == 0
    assert r.overlay_clients_connected == 3 and r.overlay_events_min > 0 and r.captions > 0
    assert len(r.samples) >= 5 and r.peak_rss_mb >= r.rss_last_mb > 0
    assert r.threads_first > 0 and r.fds_first > 0
    assert r.logged_errors == 0
    data = json.loads(json.dumps(r.to_json()))
    for key in ("taken_in", "drafted", "dropped", "unaccounted", "peak_rss_mb", "rss_growth_mb"):
        assert key in data
    assert "unaccounted 0" in format_table(r)
