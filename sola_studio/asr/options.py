"""How :class:`~sola_studio.asr.streaming.UtteranceStreamer` is tuned.

Kept apart from the policy so the tuning (and the measurements behind each default) reads on its
own; :mod:`sola_studio.asr.streaming` re-exports :class:`StreamingOptions`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sola_studio.asr.engine import DecodeOptions
from sola_studio.asr.guards import GuardOptions
from sola_studio.asr.lookback import LookBackOptions
from sola_studio.asr.vad import GateOptions


@dataclass(frozen=True)
class StreamingOptions:
    """Tuning of :class:`~sola_studio.asr.streaming.UtteranceStreamer` (see that module's
    docstring for what each does; :func:`repeated_head` is in :mod:`sola_studio.asr.words`).

    ``languages``: the seller's languages; one means forced, several means detected among them
    only, none means detected among all. ``final_beam``: beam of the pass that commits an
    utterance; partial passes are greedy. ``prompt_chars``: how much committed text is given to
    the next pass as its prompt (context for names and spelling). ``vocabulary``: the product
    sheet's words (``catalog.vocabulary``: codes such as LIVE10, product names, odd spec terms),
    put before that committed text in every pass's prompt;
    ``UtteranceStreamer.set_vocabulary`` swaps it when the sheet or the pinned product changes.

    ``cpu_share``: at most this share of the time goes to partial passes (a partial runs every
    ``max(min_step_s, measured pass cost / cpu_share)`` of new audio, so when the machine is
    loaded and passes take longer, partials thin out and commits never queue behind them; 0.5
    before, 0.3 measured in the same real-time run, load ~4: commit p50 1.29 -> 1.25 s, 43 -> 28
    passes, CPU 58 -> 45 %). ``cpu_share_max``/``busy_target``/``load_window_s``: the share
    rises from ``cpu_share`` up to ``cpu_share_max`` while commit passes leave room under
    ``busy_target`` of the recogniser's time over the last ``load_window_s`` of audio
    (:class:`~sola_studio.asr.cadence.PartialCadence`; ``None``: always ``cpu_share``), and
    while commits come within ``max_commit_lag_s`` of the speech end they follow.
    ``partial_step_cost``: the step follows the median cost of the last partial passes instead
    of the average over every pass (commit passes and their loop retries included): off, since
    on the dev English replay it gave more partials in flight when speech ended (commit p95
    3.78 -> 6.29 s, docs/captions.md "Fourth round"). ``partial_tokens_per_s``: a greedy partial
    pass writes at most 8 + this many tokens a second of its audio
    (:meth:`~sola_studio.asr.engine.DecodeOptions.max_new_tokens`); speech is 2-5 a second, and
    a partial pass that looped ran to Whisper's limit, 3-4 s on 2 cores, with the commit waiting
    behind it. Commit passes are never capped. At 12 (``None``: no cap), dev English played as
    one stream, simulated x1: commit p95 3.78 -> 2.97 s, translated words p95 7.21 -> 6.75 s,
    NE 0.199 -> 0.169; ``bench streaming --sets dev,old``: every caption and latency the same.
    ``commit_tokens_per_s`` (``None``: off) caps commit passes the same way: at 15, dev commit
    p95 2.97 -> 2.73 s but the two loops it stopped committed other text, translated p95 6.75 ->
    7.40 s and NE 0.211; not kept.
    ``skip_partial_silence_s``: no partial starts once the utterance has
    been silent this long (its commit is due within the gate's silence wait, and a partial
    started then would delay it by a whole pass). ``skip_partial_falling``: nor while the VAD's
    latest probability is under the gate's start threshold (falling towards the end of speech).

    ``commit_pad_s``: audio after an utterance's last speech its commit pass hears (``None``: the
    gate's ``pad_s``, which also pads the start). ``speculate_after_s`` (``None``: off): once an
    utterance of at least the gate's ``short_speech_s`` has been silent this long and its commit
    pass's audio is all there, that pass runs before the gate ends the utterance; if the gate does
    end it, the commit uses the result (the same audio, prompt and options, so the same text), and
    if speech resumes it is thrown away (:class:`~sola_studio.asr.cadence.Speculated`). It only
    gains where ``speculate_after_s`` and ``commit_pad_s`` are under the gate's ``min_silence_s``.
    Measured on ``bench streaming --sets dev,old`` (docs/captions.md, "Third round"): both at
    0.25 s, commit p50 1.20 -> 1.09 s but p95 1.88 -> 2.13 s and the French talk one error more
    (the shorter tail's); neither this nor ``skip_partial_falling`` is on by default.

    ``agree_after_s`` (``None``: off), ``tail_guard_s``, ``max_segment_s``, ``hard_max_s``:
    LocalAgreement commits inside long speech, the policy before the gate split long speech at
    breaths. ``max_segment_s``: an utterance with no clause end in its agreed words commits them
    anyway once this much audio is uncommitted. 12 s, not 8: at 8 s, cuts forced mid-clause ("Mais
    la dépense n'était pas du même | ordre") left scraps that were translated alone and next passes
    that began mid-clause, where Whisper guesses worst ("même ordre" came out "mordre" twice).
    Simulated real time over the French and German recordings at three machine speeds, pooled WER
    ratio 1.18/1.19/1.13 -> 1.15/1.12/1.14; the English ones never reach either limit.

    ``window_pad_s``/``window_min_s``: the encoder sees the buffer plus ``window_pad_s`` of
    padding, at least ``window_min_s``, instead of Whisper's 30 s (``None``: always 30 s). Measured
    with base int8, 2 threads, ``--fast`` over the 8 English recordings: 30 s windows 60 s of
    decoding, WER 2.0 %; pad 2 / min 8 s: 8.3 s of decoding, WER 2.0 %; pad 2 / min 0 and pad 4 /
    min 0: WER 10 % and 4 % (sub-second utterances in a 3-5 s window come out doubled,
    "one one"), hence the floor. In real time (load ~4-5) the median commit latency went from
    5.0 s to 1.5 s with this alone. The floor is 10 s, not 8: at 8 s, "he was not an ill
    disposed young man" came out "ill-sposed" (at 10, 12 and 30 s it does not), for the same
    decoding time over the scored recordings (6.1 s vs 6.4 s, within noise).

    ``disjoint_commits``/``commit_tail_s``: the next utterance's commit pass may not reach back
    into the first ``commit_tail_s`` after the last utterance's speech ended, where a fading
    word is (it still starts up to ``pad_s`` before its own speech, in the silence after that).
    Before (``False``), two utterances under 0.8 s apart both decoded that tail, a word at the
    edge was heard twice, and :func:`repeated_head` had to drop the second hearing, which also
    dropped words the speaker did say twice ("Montreal forced | forced aligner" came out with
    one "forced"). Now :func:`repeated_head` only runs after a cut forced inside speech (no
    breath to cut at). Not the whole ``pad_s`` tail: a pass that began 0.02 s before its speech
    decoded 10 s of French as "Et de Roger." (the old French talk's WER 18.6 -> 22.1 %).

    ``hold_short_s``/``hold_gap_s``: an utterance with under ``hold_short_s`` of speech (a lone
    word, "Montreal", "eight") is not committed alone while the next one may start within
    ``hold_gap_s`` of its end: if one does, the two are decoded as one (Whisper hears a word
    better in context, and a word said alone in a 10 s window was written twice or misheard);
    if none does, it is committed ``hold_gap_s`` after its end (``None``: never held). Issue 17,
    chosen on ``bench streaming --sets dev``.

    ``said_repeats``: in a decode that does not loop (compression ratio under the guard's), a
    word or short phrase may come up to this many times back to back before the repetition
    guard cuts it to one (the guard's own ``max_repeats``, 2, still applies to a decode that
    loops); "here's some more word word word word word" had come out "word" once.
    ``min_word_s``: a run of one word said back to back keeps at most one per ``min_word_s``
    of its time (:func:`~sola_studio.asr.guards.collapse_fast_runs`; 0: off): those five
    "word" in 0.86 s were decoded six times (offline too), 0.06-0.16 s each.

    ``rescue_no_speech``/``rescue_logprob``: the text of an utterance only the gate's loudness
    rescue heard (``GateOptions.rescue_s``) is kept when the commit pass's no-speech probability
    is at most the first and its average log probability at least the second; otherwise it was
    noise the VAD rightly ignored.
    """

    languages: tuple[str, ...] = ()
    gate: GateOptions = field(default_factory=GateOptions)
    guards: GuardOptions = field(default_factory=GuardOptions)
    partials: bool = True
    min_step_s: float = 0.5
    cpu_share: float = 0.3
    cpu_share_max: float | None = 0.45
    busy_target: float = 0.7
    load_window_s: float = 20.0
    max_commit_lag_s: float = 1.3
    partial_step_cost: bool = False
    partial_tokens_per_s: float | None = 12.0
    commit_tokens_per_s: float | None = None
    final_beam: int = 5
    agree_after_s: float | None = None
    tail_guard_s: float = 1.0
    max_segment_s: float = 12.0
    hard_max_s: float = 20.0
    prompt_chars: int = 120
    vocabulary: str = ""
    detect_min_s: float = 1.0
    window_pad_s: float | None = 2.0
    window_min_s: float = 10.0
    skip_partial_silence_s: float = 0.1
    skip_partial_falling: bool = False
    commit_pad_s: float | None = None
    speculate_after_s: float | None = None
    disjoint_commits: bool = True
    commit_tail_s: float = 0.2
    hold_short_s: float | None = 1.0
    hold_gap_s: float = 1.0
    said_repeats: int = 6
    min_word_s: float = 0.15
    rescue_no_speech: float = 0.5
    rescue_logprob: float = -0.8
    lookback: LookBackOptions = field(default_factory=LookBackOptions)  # issue 17, lookback.py
    first_window_s: int | None = None  # a commit pass's window while there is no prompt yet

    def decode(self, beam: int, words: bool, prompt: str | None, window: int) -> DecodeOptions:
        """A pass's decoding options: a commit pass at ``final_beam``, a greedy partial
        (``beam`` 1) capped at ``partial_tokens_per_s``."""
        return DecodeOptions(
            beam_size=beam,
            word_timestamps=words,
            prompt=prompt,
            window_s=window,
            max_tokens_per_s=self.commit_tokens_per_s if beam > 1 else self.partial_tokens_per_s,
        )
