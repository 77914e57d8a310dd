"""Regenerates the bundled sample seller media in ``assets/sample/`` from nothing but this script.

- ``seller_talk.ogg``: the seller's talk (``seller_talk.txt``, one sentence a line) spoken by
  espeak-ng, one sentence at a time with a pause between sentences, encoded as Opus mono;
  ``seller_talk.tsv`` records where each sentence starts and ends in it.
- ``seller_video.mp4``: a 1280x720 H.264 clip of the sample tee held up to the camera and
  swaying gently; its motion is periodic so the app can loop it without a jump.

It needs ``espeak-ng`` and ``ffmpeg`` on PATH (both in scripts/setup.sh's test packages), Pillow
and numpy. It must never download anything: the media stays reproducible and licence-clean.

Usage: ``.venv/bin/python scripts/make_sample_media.py [--audio] [--video]`` (both by default).
"""

from __future__ import annotations

import argparse
import logging
import math
import shutil
import subprocess
import tempfile
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

log = logging.getLogger("make_sample_media")

SAMPLE = Path(__file__).resolve().parent.parent / "assets" / "sample"

# Measured with whisper base int8 on this talk: en-us heard "linen" as "lid in" (WER 16 %);
# en-gb at 150 words a minute gets every product word (linen, sage green, navy, $39) right.
VOICE = "en-gb"
WORDS_PER_MINUTE = 150
PAUSE_S = 0.8  # between sentences; long enough for a VAD to close a segment
LEAD_S = 0.5
RATE = 22050  # espeak-ng's native rate; the app's file source resamples to 16 kHz
OPUS_BITRATE = "32k"

WIDTH, HEIGHT, FPS = 1280, 720, 25
VIDEO_S = 12  # one full sway period, so the loop is seamless


@dataclass(frozen=True)
class Sentence:
    start_s: float
    end_s: float
    text: str


def _speak(text: str, out: Path) -> np.ndarray:
    subprocess.run(
        ["espeak-ng", "-v", VOICE, "-s", str(WORDS_PER_MINUTE), "-w", str(out), text],
        check=True,
    )
    with wave.open(str(out), "rb") as w:
        if w.getframerate() != RATE or w.getnchannels() != 1 or w.getsampwidth() != 2:
            raise RuntimeError(f"espeak-ng wrote an unexpected WAV format: {w.getparams()}")
        pcm = np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16)
    # espeak-ng pads each utterance with silence; trim it so the pauses are exactly PAUSE_S
    loud = np.flatnonzero(np.abs(pcm) > 200)
    return pcm[loud[0] : loud[-1] + 1] if loud.size else pcm


def make_audio() -> list[Sentence]:
    lines = [ln.strip() for ln in (SAMPLE / "seller_talk.txt").read_text().splitlines()]
    lines = [ln for ln in lines if ln]
    silence = np.zeros(int(PAUSE_S * RATE), dtype=np.int16)
    parts: list[np.ndarray] = [np.zeros(int(LEAD_S * RATE), dtype=np.int16)]
    sentences: list[Sentence] = []
    pos = len(parts[0])
    with tempfile.TemporaryDirectory() as tmp:
        for i, text in enumerate(lines):
            pcm = _speak(text, Path(tmp) / f"{i}.wav")
            sentences.append(Sentence(pos / RATE, (pos + len(pcm)) / RATE, text))
            parts += [pcm, silence]
            pos += len(pcm) + len(silence)
        pcm = np.concatenate(parts)
        # a little room noise (about -60 dBFS) so a VAD sees a realistic floor, not digital zero
        rng = np.random.default_rng(7)
        noise = rng.normal(0.0, 30.0, pcm.shape)
        mixed = np.clip(pcm.astype(np.float64) * 0.9 + noise, -32768, 32767).astype(np.int16)
        wav = Path(tmp) / "talk.wav"
        with wave.open(str(wav), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(RATE)
            w.writeframes(mixed.tobytes())
        subprocess.run(
            ["ffmpeg", "-v", "error", "-y", "-i", str(wav), "-c:a", "libopus", "-b:a",
             OPUS_BITRATE, "-ac", "1", "-map_metadata", "-1", "-fflags", "+bitexact",
             str(SAMPLE / "seller_talk.ogg")],
            check=True,
        )  # fmt: skip
    rows = ["start_s\tend_s\ttext"] + [
        f"{s.start_s:.2f}\t{s.end_s:.2f}\t{s.text}" for s in sentences
    ]
    (SAMPLE / "seller_talk.tsv").write_text("\n".join(rows) + "\n")
    log.info("audio: %d sentences, %.1f s", len(sentences), pos / RATE)
    return sentences


def _shirt_sprite(colour: tuple[int, int, int]) -> Image.Image:
    """The sample tee (Camiseta Sola Classic), front view, drawn at 2x and scaled down."""
    s = 2
    w, h = 560 * s, 600 * s
    img = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    body = [
        (205, 40), (355, 40),  # neckline
        (470, 80), (555, 235), (470, 285), (440, 215),  # right shoulder and short sleeve
        (445, 590), (115, 590), (120, 215),  # right side, hem, left side
        (90, 285), (5, 235), (90, 80),  # left sleeve and shoulder
    ]  # fmt: skip
    d.polygon([(x * s, y * s) for x, y in body], fill=(*colour, 255))
    shade = tuple(int(c * 0.84) for c in colour)
    # crew neck rib, sleeve and hem stitching, and the Sola sun printed on the chest
    d.ellipse([200 * s, -10 * s, 360 * s, 95 * s], fill=shade)
    d.ellipse([214 * s, -10 * s, 346 * s, 80 * s], fill=(0, 0, 0, 0))
    d.line([(470 * s, 273 * s), (548 * s, 240 * s)], fill=shade, width=3 * s)
    d.line([(90 * s, 273 * s), (12 * s, 240 * s)], fill=shade, width=3 * s)
    d.line([(117 * s, 570 * s), (443 * s, 570 * s)], fill=shade, width=3 * s)
    cx, cy, r = 280, 250, 38
    sun = (236, 150, 40, 255)
    d.ellipse([(cx - r) * s, (cy - r) * s, (cx + r) * s, (cy + r) * s], fill=sun)
    for k in range(12):
        a = 2 * math.pi * k / 12
        d.line([((cx + 50 * math.cos(a)) * s, (cy + 50 * math.sin(a)) * s),
                ((cx + 66 * math.cos(a)) * s, (cy + 66 * math.sin(a)) * s)],
               fill=sun, width=6 * s)  # fmt: skip
    img = img.resize((w // s, h // s), Image.Resampling.LANCZOS)
    # jersey knit: faint vertical wales, kept faint so the clip compresses well
    rng = np.random.default_rng(3)
    knit = (rng.normal(0, 1, (1, w // s)) * 4 + rng.normal(0, 1, (h // s, 1)) * 2).astype(np.int16)
    arr = np.asarray(img).astype(np.int16)
    arr[..., :3] = np.clip(arr[..., :3] + knit[..., None], 0, 255)
    return Image.fromarray(arr.astype(np.uint8), "RGBA")


def _background() -> Image.Image:
    y = np.linspace(0.0, 1.0, HEIGHT)[:, None]
    x = np.linspace(-1.0, 1.0, WIDTH)[None, :]
    wall = (
        np.stack([236 - 30 * y, 226 - 30 * y, 212 - 34 * y], axis=-1) * (1 - 0.12 * x**2)[..., None]
    )
    bg = np.broadcast_to(wall, (HEIGHT, WIDTH, 3)).copy()
    table_top = int(HEIGHT * 0.78)
    grain = 8 * np.sin(np.linspace(0, 60, WIDTH))[None, :] * np.ones((HEIGHT - table_top, 1))
    bg[table_top:] = np.stack([150 + grain, 104 + grain * 0.7, 70 + grain * 0.5], axis=-1)
    img = Image.fromarray(np.clip(bg, 0, 255).astype(np.uint8), "RGB")
    d = ImageDraw.Draw(img)
    # a potted plant on the right and folded tees in the other two colours (black, blue) on the left
    d.rectangle([1080, table_top - 110, 1170, table_top], fill=(196, 120, 84))
    for i, (dx, dy) in enumerate([(-60, -260), (0, -330), (60, -250), (-20, -200), (40, -190)]):
        d.ellipse([1125 + dx - 45, table_top + dy - 20, 1125 + dx + 45, table_top + dy + 90],
                  fill=(70 + 12 * i, 120 + 6 * i, 72))  # fmt: skip
    d.rounded_rectangle([90, table_top - 60, 330, table_top], 10, fill=(34, 34, 38))
    d.rounded_rectangle([100, table_top - 110, 320, table_top - 58], 10, fill=(52, 92, 168))
    return img.filter(ImageFilter.GaussianBlur(3))  # the background is out of focus


def make_video() -> None:
    bg = _background()
    shirt = _shirt_sprite((244, 240, 230))
    shadow = Image.new("RGBA", shirt.size, (0, 0, 0, 0))
    shadow.putalpha(shirt.getchannel("A").point(lambda a: a * 70 // 255))
    shadow = shadow.filter(ImageFilter.GaussianBlur(18))
    frames = VIDEO_S * FPS
    ffmpeg = subprocess.Popen(
        ["ffmpeg", "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgb24",
         "-s", f"{WIDTH}x{HEIGHT}", "-r", str(FPS), "-i", "-",
         "-c:v", "libx264", "-preset", "slow", "-crf", "26", "-pix_fmt", "yuv420p",
         "-profile:v", "high", "-g", str(FPS * 2), "-movflags", "+faststart",
         "-map_metadata", "-1", "-fflags", "+bitexact", str(SAMPLE / "seller_video.mp4")],
        stdin=subprocess.PIPE,
    )  # fmt: skip
    assert ffmpeg.stdin is not None
    for i in range(frames):
        phase = 2 * math.pi * i / frames  # whole periods only: frame N == frame 0
        angle = 4.0 * math.sin(phase)
        scale = 1.0 + 0.04 * math.sin(2 * phase)
        dx = 30 * math.sin(phase + 0.6)
        dy = 8 * math.sin(2 * phase + 1.1)
        size = (int(shirt.width * scale), int(shirt.height * scale))
        sprite = shirt.resize(size, Image.Resampling.BILINEAR).rotate(
            angle, Image.Resampling.BICUBIC, expand=True
        )
        shade = shadow.resize(size, Image.Resampling.BILINEAR).rotate(angle, expand=True)
        x = int(WIDTH / 2 - sprite.width / 2 + dx)
        y = int(HEIGHT / 2 - sprite.height / 2 + dy - 10)
        frame = bg.copy()
        frame.paste(shade, (x + 18, y + 22), shade)
        frame.paste(sprite, (x, y), sprite)
        ffmpeg.stdin.write(frame.tobytes())
    ffmpeg.stdin.close()
    if ffmpeg.wait() != 0:
        raise RuntimeError("ffmpeg failed to encode the sample video")
    log.info("video: %d frames at %d fps", frames, FPS)


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--audio", action="store_true", help="only the seller talk")
    parser.add_argument("--video", action="store_true", help="only the seller video")
    args = parser.parse_args()
    for tool in ("espeak-ng", "ffmpeg"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is missing: install it with `apt-get install {tool}`")
    both = not (args.audio or args.video)
    if args.audio or both:
        make_audio()
    if args.video or both:
        make_video()
    for name in ("seller_talk.ogg", "seller_video.mp4"):
        path = SAMPLE / name
        if path.exists():
            log.info("%s: %.0f kB", name, path.stat().st_size / 1024)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
