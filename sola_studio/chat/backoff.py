"""Reconnect pauses: exponential, capped, with jitter, and reset after a connection that held.

A connector's reader thread calls :meth:`Backoff.next_delay` after a dropped connection and
waits that long on its stop event (so ``stop()`` interrupts the pause at once), then tries again.
Jitter keeps many sellers' apps from reconnecting to a platform in the same second.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field


@dataclass
class Backoff:
    """``first_s`` after the first failure, doubling up to ``max_s``; each delay is scaled by a
    random factor in ``[1 - jitter, 1]``. :meth:`reset` after a connection stayed up."""

    first_s: float = 1.0
    max_s: float = 60.0
    factor: float = 2.0
    jitter: float = 0.2
    attempts: int = 0
    rng: random.Random = field(default_factory=random.Random)

    def next_delay(self) -> float:
        base = min(self.max_s, self.first_s * self.factor**self.attempts)
        self.attempts += 1
        return base * (1.0 - self.jitter * self.rng.random())

    def reset(self) -> None:
        self.attempts = 0
