"""``sola-studio bench plan``: the show plan's figures alone (``bench captions`` reports them
too): the sample talk replayed with the sample plan as the captions' script; see
:mod:`sola_studio.plan.bench`. ``--fast`` replays as fast as the machine goes (no latency)."""

from __future__ import annotations

import argparse
import json


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", default="base", help="speech model (default: base)")
    parser.add_argument("--languages", default="pt", help="caption languages (default: pt)")
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--fast", action="store_true", help="not paced in real time")


def main(args: argparse.Namespace) -> int:
    from sola_studio.asr.engine import load_speech_engine
    from sola_studio.plan.bench import plan_figures
    from sola_studio.translate.factory import build_translator

    engine = load_speech_engine(args.model, "auto", "auto", args.threads, shared=False).engine
    targets = tuple(t for t in args.languages.split(",") if t and t != "en")
    translator = build_translator("en", targets) if targets else None
    if translator is not None:
        translator.translate(["Hello, everyone."], "en", targets)  # loaded before the show
    try:
        out = plan_figures(engine, targets, translator, realtime=not args.fast)
    finally:
        if translator is not None:
            translator.close()
    if args.json:
        print(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        for key, value in out.items():
            print(f"{key}: {value}")
    return 0
