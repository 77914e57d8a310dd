"""``sola-studio bench video``: what burning captions costs per frame, and whether 30 fps holds.

Two parts, in one run:

1. Compositing cost at 720p and 1080p, captions in three scripts at once (Latin, Han, Arabic)
   changing every second (simulated time, as fast as the CPU goes): the cached-overlay
   :class:`~sola_studio.captions.render.CaptionRenderer` (per frame: blend cached patches;
   redraw once per change, done off the tick thread in the pipeline and reported apart as
   ``render_ms_per_change``) against :class:`~sola_studio.captions.render.NaiveCaptionRenderer`
   (draws the text again for every frame).
2. The real pipeline for ``--seconds`` in real time at 720p30 from the test pattern, captions
   changing every second: achieved output fps, dropped frames, process CPU.

JSON keys (DESIGN "Measuring"): ``composite_ms_720p``, ``composite_ms_1080p``,
``naive_ms_720p``, ``fps_achieved``, ``frames_dropped``, plus ``naive_ms_1080p``,
``composite_p95_ms_720p``, ``composite_p95_ms_1080p``, ``render_ms_per_change``, ``cpu_percent``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from sola_studio.core.events import Caption

CAPTIONS = [
    (
        "This jacket is fully waterproof.",
        "这件夹克完全防水。",
        "هذه السترة مقاومة للماء تماماً.",
    ),
    (
        "The battery lasts twelve hours.",
        "电池续航十二个小时。",
        "تدوم البطارية اثنتي عشرة ساعة.",
    ),
    (
        "Link is pinned, size M is back in stock.",
        "链接已置顶，M码补货了。",
        "الرابط مثبت، والمقاس المتوسط متوفر مجدداً.",
    ),
]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--frames", type=int, default=300, help="frames per size (default 300)")
    parser.add_argument("--seconds", type=float, default=5.0, help="real-time run length")
    parser.add_argument(
        "--encode", action="store_true", help="also encode the output (sola-file virtual camera)"
    )


def _caption(i: int, t: float) -> Caption:
    en, zh, ar = CAPTIONS[i % len(CAPTIONS)]
    return Caption(i, "en", en, 0.0, 1.0, True, t, t, translations={"zh": zh, "ar": ar})


def _composite_cost(width: int, height: int, frames: int, naive: bool) -> tuple[list[float], float]:
    from sola_studio.captions.render import CaptionRenderer, NaiveCaptionRenderer
    from sola_studio.core.clock import ManualClock
    from sola_studio.sources.video import TestPatternSource

    clock = ManualClock()
    cls = NaiveCaptionRenderer if naive else CaptionRenderer
    renderer = cls(width, height, ["en", "zh", "ar"], clock=clock)
    renderer.warm_up()
    pattern = TestPatternSource(width, height, 30, clock=clock)
    pattern.open()
    costs: list[float] = []
    for n in range(frames):
        now = n / 30
        clock.now_monotonic = now
        if n % 30 == 0:
            renderer.on_caption(_caption(n // 30, now))
        frame = pattern.frame_at(now)
        if not naive:
            renderer.overlay(now)  # the redraw, on the render thread in the pipeline
        started = time.perf_counter()
        renderer.composite(frame, now)
        costs.append((time.perf_counter() - started) * 1000)
    stats = renderer.stats
    return costs, stats.render_ms_total / max(stats.renders, 1)


def _realtime(seconds: float, encode: bool) -> dict[str, float]:
    import psutil

    from sola_studio.captions.render import CaptionRenderer
    from sola_studio.sinks.base import FrameSink
    from sola_studio.sinks.pipeline import VideoPipeline
    from sola_studio.sinks.preview import PreviewSlot
    from sola_studio.sinks.virtualcam import FILE_BACKEND, VirtualCameraSink
    from sola_studio.sources.video import TestPatternSource

    sinks: list[FrameSink] = [PreviewSlot()]
    with tempfile.TemporaryDirectory() as tmp:
        if encode:
            sinks.append(VirtualCameraSink(backend=FILE_BACKEND, device=str(Path(tmp) / "o.ts")))
        renderer = CaptionRenderer(1280, 720, ["en", "zh", "ar"])
        pipeline = VideoPipeline(TestPatternSource(1280, 720, 30), renderer, sinks, fps=30)
        proc = psutil.Process()
        proc.cpu_percent(None)
        with pipeline:
            start = time.monotonic()
            i = 0
            while time.monotonic() - start < seconds:
                pipeline.on_caption(_caption(i, time.monotonic()))
                i += 1
                time.sleep(max(0.0, start + i - time.monotonic()))
        cpu = proc.cpu_percent(None)
        stats = pipeline.stats
    return {
        "fps_achieved": round(stats.fps_achieved, 2),
        "frames_dropped": stats.frames_dropped,
        "cpu_percent": round(cpu, 1),
    }


def main(args: argparse.Namespace) -> int:
    result: dict[str, float] = {}
    for label, (w, h) in (("720p", (1280, 720)), ("1080p", (1920, 1080))):
        costs, per_change = _composite_cost(w, h, args.frames, naive=False)
        naive, _ = _composite_cost(w, h, max(30, args.frames // 5), naive=True)
        result[f"composite_ms_{label}"] = round(statistics.fmean(costs), 3)
        result[f"composite_p95_ms_{label}"] = round(float(np.percentile(costs, 95)), 3)
        result[f"naive_ms_{label}"] = round(statistics.fmean(naive), 3)
        if label == "720p":
            result["render_ms_per_change"] = round(per_change, 2)
    result.update(_realtime(args.seconds, args.encode))
    if args.json:
        print(json.dumps(result))
    else:
        width = max(len(k) for k in result)
        for key, value in result.items():
            print(f"{key:<{width}}  {value}")
    return 0
