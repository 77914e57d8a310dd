"""Issue 17, fifth pass: the look back aligned by text (:mod:`sola_studio.asr.lookback`). A short
piece is decoded again after the previous piece's audio, and only the words said after the
committed text are kept, found by aligning words, not by a cut at the join's time."""

from __future__ import annotations

import numpy as np
import pytest
from test_asr_unseen import DEV, Recorded, _feed, _silence

from sola_studio.asr.engine import WhisperEngine, resolve_asr_model
from sola_studio.asr.lookback import LookBackOptions, _said, align_after
from sola_studio.asr.streaming import AsrUpdate, StreamingOptions, UtteranceStreamer
from sola_studio.bench.captions import normalise
from sola_studio.core.events import Word
from sola_studio.sources.audio import SAMPLE_RATE, AudioChunk, decode_file


def test_a_word_said_again_after_the_committed_text_is_new() -> None:
    # The time cut lost the second "forced": the joined decode stretched one across the join.
    assert align_after(["Montreal", "forced"], ["Montreal", "forced", "forced", "aligner."]) == (
        2,
        0,
    )
    assert align_after(["Montreal", "forced"], ["Montreal,", "forced", "aligner."]) == (2, 0)


def test_a_committed_word_heard_differently_is_not_new() -> None:
    # A committed word the joined decode hears otherwise: a substitution, not a new word.
    assert align_after(["soft,", "soft,", "soft"], ["soft", "soft", "sought", "mhm"]) == (3, 1)
    assert align_after(["ten", "of", "clubs"], ["in", "being", "comparatively"])[1] == 3


@pytest.fixture(scope="module")
def tiny() -> WhisperEngine:
    return WhisperEngine(resolve_asr_model("tiny.en"), device="cpu", compute_type="int8")


@pytest.mark.slow
def test_a_short_piece_is_decoded_after_the_piece_before_and_said_once(
    tiny: WhisperEngine,
) -> None:
    # "ten of clubs" (0.8 s of speech) 1.5 s after a read sentence: past the hold, so a piece
    # of its own, which tiny.en decodes alone as "10 of clubs. 10 of clubs.". Looked back, its
    # pass hears the sentence again, and neither is written twice.
    first = decode_file(DEV / "en_LJ001-0002.flac")
    audio = np.concatenate(
        [_silence(0.5), first, _silence(1.5), decode_file(DEV / "en_cards_001.flac"), _silence(1.5)]
    )
    off = StreamingOptions(languages=("en",), lookback=LookBackOptions(short_s=None))
    alone = _feed(UtteranceStreamer(tiny, off), audio)
    assert normalise(alone[-1].text).count("of c") == 2  # as before: the piece twice

    every = LookBackOptions(short_s=2.0, short_logprob=None, min_s=0.0)  # not only the unsure
    options = StreamingOptions(languages=("en",), lookback=every)
    engine = Recorded(tiny)
    policy = UtteranceStreamer(engine, options)  # type: ignore[arg-type]
    commits = _feed(policy, audio)
    assert len(engine.commit_audio) == 3  # the sentence, the piece alone, the piece joined
    assert len(engine.commit_audio[2]) > len(first) // 2 + len(engine.commit_audio[1])
    assert commits[0].text == alone[0].text  # the piece before is unchanged
    text = normalise(" ".join(u.text for u in commits))
    assert text.count("comparatively modern") == 1
    assert text.count("of c") == 1 and text.startswith("in being")
    assert commits[-1].words[0].start >= 0.5 + len(first) / SAMPLE_RATE + 1.0  # stream time


def test_a_decode_of_one_phrase_twice_says_it_once() -> None:
    said = [
        Word(t, i * 0.2, i * 0.2 + 0.2)
        for i, t in enumerate(["10", "of", "clubs.", "10", "of", "clubs."])
    ]
    assert _said(said) == 3
    assert _said(said[:5]) == 5


def _said_as(text: str, probability: float) -> tuple[Word, ...]:
    return tuple(
        Word(f" {t}", i * 0.3, i * 0.3 + 0.3, probability) for i, t in enumerate(text.split())
    )


def test_the_joined_decode_must_say_as_much_and_be_surer() -> None:
    from sola_studio.asr.lookback import LookBack

    look = LookBack(
        StreamingOptions(lookback=LookBackOptions(short_s=2.0)),
        lambda *_: None,  # type: ignore[arg-type]
        lambda *_: (),
        lambda: None,
    )
    # Spanish, a 1.02 s clause: alone "Mimoy Carisma Manuel." (p 0.48), joined "Mi muy querido
    # Manuel." (p 0.69) replaces it.
    assert look._better(
        _said_as("Mi muy querido Manuel.", 0.69), _said_as("Mimoy Carisma Manuel.", 0.48)
    )
    # "Aligner." after "Forced.": joined "forced a liner" was less sure (0.62 vs 0.74).
    assert not look._better(_said_as("a liner.", 0.62), _said_as("Aligner.", 0.74))
    # JFK's last piece: a joined decode that skipped "ask what you can do for".
    assert not look._better(
        _said_as("your country.", 0.97), _said_as("ask what you can do for your country.", 0.41)
    )
    # A piece decoded alone as one phrase twice: its confidence is not a reason to keep it.
    assert look._better(
        _said_as("Ten of clothes.", 0.5), _said_as("10 of clubs. 10 of clubs.", 0.9)
    )


def test_by_default_pieces_of_one_to_two_seconds_are_looked_back_when_unsure() -> None:
    from sola_studio.asr.engine import Decoded
    from sola_studio.asr.lookback import LookBack
    from sola_studio.asr.vad import Utterance

    look = LookBack(StreamingOptions(), lambda *_: None, lambda *_: (), lambda: None)  # type: ignore[arg-type]

    def decoded(logprob: float) -> Decoded:
        return Decoded("x", (), "es", logprob, 0.1, 1.2, 0.3)

    assert not look._wants(1.0, 1.5, decoded(-0.7))  # nothing committed before it
    look.review(
        np.zeros(SAMPLE_RATE, np.float32),
        0.0,
        decoded(-0.2),
        _said_as("Al", 0.9),
        Utterance(0.0, 1.0, 0.8),
    )
    assert look._wants(1.5, 1.02, decoded(-0.74))  # "Mimoy Carisma Manuel." (1.02 s of speech)
    assert not look._wants(1.5, 1.15, decoded(-0.29))  # "¿Qué tan bueno te pareció?": sure
    assert not look._wants(1.5, 0.8, decoded(-0.9))  # held 1 s already: no extra pass on top
    assert not look._wants(1.5, 2.4, decoded(-0.9))  # long enough to stand alone
    assert not look._wants(4.0, 1.5, decoded(-0.9))  # the piece before ended 3 s ago


def _piece_said(text: str, start: float = 10.0) -> tuple[Word, ...]:
    return tuple(
        Word(f" {t}", start + i * 0.3, start + i * 0.3 + 0.3, 0.8)
        for i, t in enumerate(text.split())
    )


def _revising(words: int = 99) -> object:
    from sola_studio.asr.lookback import LookBack, _Piece

    look = LookBack(
        StreamingOptions(lookback=LookBackOptions(revise_words=words)),
        lambda *_: None,  # type: ignore[arg-type]
        lambda *_: (),
        lambda: None,
    )
    audio = np.zeros(3 * SAMPLE_RATE, np.float32)
    piece = _Piece(audio, 10.0, _piece_said("Tali como vivía inédita."), None, 1.2, seq=4)
    return look, piece


def test_a_revision_gives_the_committed_words_as_heard_with_what_followed() -> None:
    # Spanish dev: "Tali como vivía inédita" committed alone; decoded again joined to the next
    # piece, "tal y como vivía inédita". The joined audio starts inside the word before the
    # piece ("Que"), which was committed already and must not come back.
    look, piece = _revising()
    revised = look._revised(piece, _piece_said("Que tal y como vivía inédita,", 9.8))  # type: ignore[attr-defined]
    assert revised is not None
    # The sentence end committed stays: the joined decode ran on into the next piece.
    assert [w.text.strip() for w in revised] == ["tal", "y", "como", "vivía", "inédita."]
    assert revised[-1].end <= piece.words[-1].end  # it keeps its place in the stream
    # Heard the same (case and punctuation aside): nothing to revise.
    assert look._revised(piece, _piece_said("tali, como vivía inédita.")) is None  # type: ignore[attr-defined]


def test_a_revision_is_limited_to_the_last_words_asked_for() -> None:
    look, piece = _revising(words=2)
    assert look._revised(piece, _piece_said("tal y como vivía inédita")) is None  # type: ignore[attr-defined]
    revised = look._revised(piece, _piece_said("Tali como vivía inéditas"))  # type: ignore[attr-defined]
    assert revised is not None and revised[-1].text.strip() == "inéditas"
    look, piece = _revising(words=0)  # off, the default
    assert look._revised(piece, _piece_said("tal y como vivía inédita")) is None  # type: ignore[attr-defined]


@pytest.mark.slow
def test_a_revision_pass_comes_after_the_commit_and_names_what_it_revises(
    tiny: WhisperEngine,
) -> None:
    # Two read sentences 0.4 s apart: with revisions on, each piece after the first is followed
    # by a pass over it joined to the piece before, run after its commit was handed on (the
    # commit never waits for it). A revision names a committed update by its number.
    audio = np.concatenate(
        [
            _silence(0.5),
            decode_file(DEV / "en_LJ001-0002.flac"),
            _silence(0.4),
            decode_file(DEV / "en_cards_001.flac"),
            _silence(0.4),
            decode_file(DEV / "en_LJ001-0002.flac"),
            _silence(1.5),
        ]
    )
    on = StreamingOptions(languages=("en",), lookback=LookBackOptions(revise_words=99))
    off = StreamingOptions(languages=("en",))
    engine, plain = Recorded(tiny), Recorded(tiny)
    step = round(0.1 * SAMPLE_RATE)
    batches: list[list[AsrUpdate]] = []
    policy = UtteranceStreamer(engine, on)  # type: ignore[arg-type]
    for i in range(0, len(audio), step):
        policy.insert_audio(
            AudioChunk(audio[i : i + step], i / SAMPLE_RATE, (i + step) / SAMPLE_RATE)
        )
        while policy.ready():
            batches.append([u for u in policy.process() if u.committed])
    batches.append([u for u in policy.finish() if u.committed])
    commits = [u for b in batches for u in b if not u.revision]
    assert [u.seq for u in commits] == list(range(1, len(commits) + 1))
    for b in batches:
        for u in b:
            if u.revision:
                assert u.seq < max(c.seq for c in commits) and len(b) == 1  # a pass of its own
    _feed(UtteranceStreamer(plain, off), audio)  # type: ignore[arg-type]
    assert len(engine.commit_audio) > len(plain.commit_audio)  # the joined passes ran
