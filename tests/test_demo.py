"""``make demo`` without a display: ``sola-studio run --demo --fast --out DIR`` runs the sample
show through every part (real Whisper, real Bergamot, the comment desk, the renderer, the
recorder, the store) and leaves what a seller would open: a captioned MP4 with the talk's audio,
subtitles per language, and the report.

The recording is checked by pixels against the raw sample video: in ``--fast`` the output takes
exactly one file frame per output frame, so output frame *i* is sample frame *i* mod its length,
with captions and cards burned in.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import av
import cv2
import numpy as np
import pytest
from helpers import REPO_ROOT as REPO

from sola_studio.live.demo_profile import unlock_demo_profile
from sola_studio.live.options import DEMO_PROFILE, DEMO_VIDEO
from sola_studio.store import SessionStatus, SessionStore
from sola_studio.store.cipher import forget_passphrase


def _cues(srt: str) -> list[tuple[float, float, str]]:
    def secs(stamp: str) -> float:
        h, m, s = stamp.replace(",", ".").split(":")
        return int(h) * 3600 + int(m) * 60 + float(s)

    cues = []
    for block in srt.strip().split("\n\n"):
        lines = block.splitlines()
        start, _, end = lines[1].partition(" --> ")
        cues.append((secs(start), secs(end), " ".join(lines[2:])))
    return cues


def _frames(path: Path, wanted: set[int]) -> dict[int, np.ndarray]:
    """Decoded BGR frames at the wanted indices (decoding once, keeping only those)."""
    out: dict[int, np.ndarray] = {}
    with av.open(str(path)) as container:
        for i, frame in enumerate(container.decode(video=0)):
            if i in wanted:
                out[i] = frame.to_ndarray(format="bgr24")
            if len(out) == len(wanted):
                break
    return out


def _diff(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.mean(cv2.absdiff(a, b)))


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    out = tmp_path_factory.mktemp("demo") / "out"
    home = out.parent / "home"
    proc = subprocess.run(
        [sys.executable, "-m", "sola_studio", "run", "--demo", "--fast", "--out", str(out)],
        env={**os.environ, "SOLA_STUDIO_HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=900,
        cwd=REPO,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return out, home, proc.stdout


@pytest.mark.slow
def test_demo_prints_a_session_and_where_everything_is(demo: tuple[Path, Path, str]) -> None:
    out, _, stdout = demo
    assert "captions    en -> pt (bergamot)" in stdout
    assert re.search(r"RESTOCK ALERT: \d+ asks for XL / black", stdout)
    assert "GROUP ANSWER" in stdout
    for name in ("show.mp4", "show.pt.vtt", "report.html", "report.json", "report.csv"):
        assert str(out / name) in stdout
    assert "0 replies sent" in stdout  # headless: nothing reaches a viewer without approval


@pytest.mark.slow
def test_demo_recording_carries_captions_cards_and_audio(demo: tuple[Path, Path, str]) -> None:
    out, _, stdout = demo
    video = out / "show.mp4"
    with av.open(str(video)) as container:
        vstream = container.streams.video[0]
        assert (vstream.width, vstream.height) == (1280, 720)
        fps = float(vstream.average_rate or 25)
        assert container.streams.audio, "the talk's audio is muxed in"
        audio = np.concatenate(
            [f.to_ndarray().reshape(-1) for f in container.decode(audio=0)]
        ).astype(np.float32)
        rate = container.streams.audio[0].rate
    assert len(audio) / rate > 80  # the 84 s talk
    speech = audio[int(1 * rate) : int(6.5 * rate)]  # "Hello everyone, and welcome..."
    assert float(np.sqrt(np.mean(speech**2))) > 0.01

    raw = cv2.VideoCapture(str(DEMO_VIDEO))
    raw_len = int(raw.get(cv2.CAP_PROP_FRAME_COUNT))
    cues = _cues((out / "show.en.srt").read_text(encoding="utf-8"))
    assert len(cues) >= 10
    # while the seller talks a caption (partial or committed) is on screen
    talking = [round((start + end) / 2 * fps) for start, end, _ in cues[1:]]
    card_at = [
        int(h) * 3600 + int(m) * 60 + float(s)
        for h, m, s in re.findall(r"(\d\d):(\d\d):(\d\d\.\d)  card on screen", stdout)
    ]
    assert card_at, "the talk mentions the cotton and the sizes: spec cards were shown"
    cards = [round((t + 1.0) * fps) for t in card_at[:3]]
    wanted = {0, *talking, *cards}
    shown = _frames(video, wanted)
    reference: dict[int, np.ndarray] = {}
    for i in range(raw_len):
        ok, image = raw.read()
        assert ok
        for j in wanted:
            if j % raw_len == i:
                reference[j] = image
    raw.release()

    h, w = 720, 1280
    band = (slice(int(0.62 * h), int(0.95 * h)), slice(0, w))  # where captions are drawn
    clear = (slice(int(0.35 * h), int(0.6 * h)), slice(0, int(0.5 * w)))  # never drawn on
    corner = (slice(0, int(0.3 * h)), slice(int(0.55 * w), w))  # the info card

    # the same picture: away from captions and cards, only H.264 noise separates them
    for i in wanted:
        assert _diff(shown[i][clear], reference[i][clear]) < 4, i
    # before anyone spoke, nothing is burned in
    assert _diff(shown[0][band], reference[0][band]) < 4
    with_caption = [i for i in talking if _diff(shown[i][band], reference[i][band]) > 8]
    assert len(with_caption) >= 0.8 * len(talking), (len(with_caption), len(talking))
    for i in cards:
        assert _diff(shown[i][corner], reference[i][corner]) > 4, f"no card at frame {i}"


@pytest.mark.slow
def test_demo_subtitles_are_english_and_real_portuguese(demo: tuple[Path, Path, str]) -> None:
    out, _, _ = demo
    for lang in ("en", "pt"):
        assert (out / f"show.{lang}.srt").read_text(encoding="utf-8").count(" --> ") >= 10
        assert (out / f"show.{lang}.vtt").read_text(encoding="utf-8").startswith("WEBVTT")
    en = (out / "show.en.vtt").read_text(encoding="utf-8").lower()
    pt = (out / "show.pt.vtt").read_text(encoding="utf-8").lower()
    assert "organic cotton" in en and "three colours" in en.replace("colors", "colours")
    assert "algodão orgânico" in pt and "três cores" in pt and "sem juros" in pt
    words = re.findall(r"[a-zà-ú]+", pt)
    portuguese = {"de", "e", "o", "a", "é", "não", "você", "para", "em", "com", "por", "uma"}
    assert sum(w in portuguese for w in words) > 0.15 * len(words)
    assert "the" not in words


@pytest.mark.slow
def test_demo_report_and_store(
    demo: tuple[Path, Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out, home, stdout = demo
    html = (out / "report.html").read_text(encoding="utf-8")
    alerts = re.search(r"Restock alerts</div><div class=\"v\">(\d+)", html)
    assert alerts and int(alerts.group(1)) >= 1
    assert "XL / black" in html.split("Restock alerts: asks for low or sold-out variants")[1]
    assert "algodão orgânico" in html  # the transcript with its translation

    session_id = int(re.search(r"session (\d+) is live", stdout).group(1))  # type: ignore[union-attr]
    monkeypatch.setenv("SOLA_STUDIO_HOME", str(home))
    # the demo's own profile, with the key the demo keeps in it (not the seller's "default")
    assert unlock_demo_profile(create=False)
    store = SessionStore.open_profile(DEMO_PROFILE)
    try:
        status = store.db.execute(
            "SELECT status FROM sessions WHERE id = ?", (session_id,)
        ).fetchone()[0]
        assert status == SessionStatus.FINISHED
        count = {
            table: store.db.execute(
                f"SELECT COUNT(*) FROM {table} WHERE session_id = ?", (session_id,)
            ).fetchone()[0]
            for table in ("captions", "comments", "alerts", "spec_cards")
        }
        assert count["comments"] == 40  # every line of the replay
        assert count["captions"] >= 10 and count["alerts"] >= 1 and count["spec_cards"] >= 1
        translated = store.db.execute(
            "SELECT COUNT(*) FROM caption_translations t JOIN captions c ON c.id = t.caption_pk"
            " WHERE c.session_id = ? AND t.language = 'pt'",
            (session_id,),
        ).fetchone()[0]
        assert translated == count["captions"]
    finally:
        store.close()
        forget_passphrase(DEMO_PROFILE)
