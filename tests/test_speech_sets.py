"""The frozen real-speech sets the streaming WER is scored on: every split the benches name
loads, every clip is on disk with a reference, and no recording is in two splits."""

from __future__ import annotations

import csv

from sola_studio.bench.captions import EVAL_SPLITS, SPEECH_EVAL, eval_recordings


def test_every_split_loads_with_its_audio_and_a_reference() -> None:
    for split in EVAL_SPLITS:
        recs = eval_recordings(split)
        assert recs, f"{split} has no clips"
        for r in recs:
            assert r.path.is_file(), r.path
            assert r.reference.strip(), f"{r.path} has no reference"


def test_no_recording_is_in_two_splits_or_two_sets() -> None:
    seen: dict[str, str] = {}
    for folder in ("speech_eval", "speech_eval2", "speech_eval3"):
        with (SPEECH_EVAL.with_name(folder) / "transcripts.tsv").open(encoding="utf-8") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                where = f"{folder}/{row['split']}"
                assert row["source"] not in seen, (
                    f"{row['source']}: {seen.get(row['source'])}, {where}"
                )
                seen[row["source"]] = where
