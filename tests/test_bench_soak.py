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
    assert "after warm-up" in format_table(r) and "rss_steady_slope_mb_per_h" in data


def test_memory_is_judged_after_the_review_ttl_warm_up() -> None:
    # drafts nobody reviews stay open for the review TTL: memory climbs 10 minutes, then holds
    from sola_studio.bench.soak import WARM_UP_S, Sample, _slope_per_h, _steady

    ramp = [Sample(t, 300 + min(t, 600) / 600 * 40, 14, 72) for t in range(0, 3600, 5)]
    start, steady = _steady(ramp)
    assert start == WARM_UP_S and steady[0].t_s >= WARM_UP_S
    assert _slope_per_h(steady) == 0.0  # flat after the ramp
    leak = [Sample(t, 300 + t / 60, 14, 72) for t in range(0, 3600, 5)]  # 1 MB a minute
    assert _slope_per_h(_steady(leak)[1]) == pytest.approx(60.0, abs=0.5)
    short = [Sample(t, 300, 14, 72) for t in range(0, 180, 5)]  # a 3-minute run: its second half
    assert _steady(short)[0] == pytest.approx(87.5)


def test_only_sample_profiles_keep_their_key_in_a_file() -> None:
    from sola_studio.live.demo_profile import unlock_demo_profile

    with pytest.raises(ValueError, match="not a sample profile"):
        unlock_demo_profile(profile="default")  # a seller's key belongs in the keyring
