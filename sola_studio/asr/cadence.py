"""How often the streaming policy runs a greedy partial pass (issue 16: translated captions follow
the partials, so their cadence sets how soon a translated word can be on screen).

A partial pass runs every ``max(min_step_s, pass cost / share)`` of new audio, so partials take
at most ``share`` of the recogniser's time. With a fixed share the recogniser idles while the
machine has room, and translated words wait a whole interval (~1.5 s at 0.3 on 2 loaded cores).
:class:`PartialCadence` raises the share towards ``cpu_share_max`` while the recogniser keeps
up, and lowers it back to ``cpu_share`` as it gets busy: over the last ``load_window_s`` of
audio it measures the seconds spent in commit passes per second of audio (the work that must be
done whatever the partials) and gives partials what is left under ``busy_target``. On a loaded
machine commit passes take longer, their share rises and partials thin out to the fixed share's
cadence; a machine already behind (commit passes alone near ``busy_target``) gets the fixed
share's cadence, never a faster one.

The pass cost the step divides is the streamer's moving average over every pass, commit passes
and their loop retries included, so one 5.6 s commit that looped stretched the next piece's
partials to 3 s apart (dev English, "For although the Chinese ..."). ``partial_step_cost``
makes it the median of the last five partial passes instead; measured, it gave more partials in
flight when speech ended and is off (docs/captions.md, "Fourth round").

The recogniser's lag shows here twice. As its busy time: the worker hands each pass all the
audio that arrived while the last one ran, so the stream falls behind only when passes run back
to back (busy share near 1), long before the audio queue grows. And as the commit's lag: the
audio that arrived after an utterance's speech ended until its commit pass ended (the gate's
silence wait, a partial pass still running, the commit pass); while it runs above
``max_commit_lag_s`` (a moving average), partials keep the fixed share, since a partial in flight
when speech ends delays the commit by what is left of it.

What this module must never do: read a clock (audio seconds and measured pass costs only, so a
replay in simulated time repeats exactly).
"""

from __future__ import annotations

import collections
from dataclasses import dataclass

from sola_studio.asr.engine import Decoded
from sola_studio.asr.options import StreamingOptions


@dataclass(frozen=True)
class Speculated:
    """A commit pass run before the gate ended its utterance (issue 16): its audio span (stream
    seconds), the prompt it was given, and what it decoded. The commit uses it only if its own
    pass would be the same one: same span and prompt."""

    a: float
    b: float
    prompt: str | None
    decoded: Decoded

    def fits(self, a: float, b: float, prompt: str | None) -> bool:
        return abs(self.a - a) < 1e-6 and abs(self.b - b) < 1e-6 and self.prompt == prompt


class PartialCadence:
    """The partial pass share and step of one streaming policy (``UtteranceStreamer``)."""

    def __init__(self, options: StreamingOptions) -> None:
        self.options = options
        # (audio position at the end of the pass, seconds, commit pass) for the last window
        self._passes: collections.deque[tuple[float, float, bool]] = collections.deque()
        self._latest = 0.0
        self.commit_lag = 0.0  # seconds, moving average: speech end to its commit pass's end
        self._partial_costs: collections.deque[float] = collections.deque(maxlen=5)

    def passed(self, audio_end: float, seconds: float, *, commit: bool) -> None:
        """A pass that decoded audio up to ``audio_end`` (stream seconds) took ``seconds``."""
        self._latest = max(self._latest, audio_end)
        self._passes.append((audio_end, seconds, commit))
        if not commit:
            self._partial_costs.append(seconds)
        horizon = self._latest - self.options.load_window_s
        while self._passes and self._passes[0][0] < horizon:
            self._passes.popleft()

    def committed(self, lag_s: float) -> None:
        """An utterance was committed ``lag_s`` after its speech ended (the audio that arrived
        before its commit pass started, plus the pass)."""
        self.commit_lag = 0.5 * self.commit_lag + 0.5 * lag_s

    def load(self, *, commit: bool | None = None) -> float:
        """Seconds of decoding per second of audio over the window (``commit``: only commit
        passes, or only partial passes; None: all)."""
        if not self._passes:
            return 0.0
        span = max(1.0, min(self.options.load_window_s, self._latest))
        spent = sum(s for _t, s, c in self._passes if commit is None or c == commit)
        return spent / span

    @property
    def share(self) -> float:
        """The share of the recogniser's time partial passes may take now."""
        o = self.options
        if o.cpu_share_max is None or o.cpu_share_max <= o.cpu_share:
            return o.cpu_share
        if self.commit_lag > o.max_commit_lag_s:
            return o.cpu_share  # commits already wait: a partial in flight would add to it
        room = o.busy_target - self.load(commit=True)
        return min(o.cpu_share_max, max(o.cpu_share, room))

    @property
    def partial_cost(self) -> float | None:
        """What a partial pass costs: the median of the last five (None before the first)."""
        if not self._partial_costs:
            return None
        return sorted(self._partial_costs)[len(self._partial_costs) // 2]

    def step(self, pass_cost: float) -> float:
        """Seconds of new audio before the next partial pass: ``pass_cost`` (the streamer's
        average over every pass) until a partial pass has been timed, then, with
        ``partial_step_cost``, the median of the last partial passes (see the module
        docstring)."""
        cost = self.partial_cost if self.options.partial_step_cost else None
        return max(self.options.min_step_s, (pass_cost if cost is None else cost) / self.share)
