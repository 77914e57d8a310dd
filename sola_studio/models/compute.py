"""Chooses where and how a model runs: CUDA when CTranslate2 sees a GPU, else the CPU in int8.

``choose_compute`` turns the seller's settings (``--device``, ``--compute-type``,
``--cpu-threads``, all "auto" by default) into a :class:`ComputePlan`; ``load_whisper`` loads a
resolved model with it and turns load failures into typed errors that name the fix. Nothing
here reads global settings: the caller passes them in.
"""

from __future__ import annotations

import argparse
import logging
import os
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from sola_studio.core.errors import DeviceUnavailable, ModelCorrupt
from sola_studio.models.registry import ResolvedModel, install_command
from sola_studio.models.resolution import ModelSource

if TYPE_CHECKING:
    from faster_whisper import WhisperModel

log = logging.getLogger(__name__)

# Threads beyond 8 stop helping a single Whisper decode and starve the video and translation
# threads; the measured base/int8 speed on this 2-core machine is 2 threads: JFK 11 s in ~2.5 s.
MAX_CPU_THREADS = 8
# float16 first: on every CUDA GPU CTranslate2 supports it is as fast as int8_float16 for the
# small models and more accurate; int8_float16 halves memory for the large ones on small GPUs.
CUDA_PREFERENCE = ("float16", "int8_float16", "int8", "float32")
CPU_PREFERENCE = ("int8", "int8_float32", "float32")
GPU_FIX = (
    "install the NVIDIA driver and the CUDA 12 libraries (pip install 'sola-studio[gpu]'), "
    "or run on the CPU with --device cpu"
)


class Device(str, Enum):
    AUTO = "auto"
    CPU = "cpu"
    CUDA = "cuda"


@dataclass(frozen=True)
class ComputePlan:
    """How to run a CTranslate2 model; ``reason`` says why, for logs and ``doctor``."""

    device: Device
    compute_type: str
    cpu_threads: int
    device_index: int = 0
    reason: str = ""


def cuda_device_count() -> int:
    """GPUs CTranslate2 can use (0 when its CUDA runtime cannot start)."""
    try:
        import ctranslate2

        return int(ctranslate2.get_cuda_device_count())
    except Exception as exc:  # a broken driver must not stop the CPU path
        log.warning("CTranslate2 cannot query CUDA: %s", exc)
        return 0


def supported_compute_types(device: Device) -> frozenset[str]:
    try:
        import ctranslate2

        return frozenset(ctranslate2.get_supported_compute_types(device.value))
    except Exception as exc:
        log.info("no compute types for %s: %s", device.value, exc)
        return frozenset()


def default_cpu_threads() -> int:
    """Physical cores, at most :data:`MAX_CPU_THREADS`."""
    try:
        import psutil

        cores = psutil.cpu_count(logical=False) or os.cpu_count() or 1
    except ImportError:
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_CPU_THREADS))


def choose_compute(
    device: Device | str = Device.AUTO,
    compute_type: str = "auto",
    cpu_threads: int | None = None,
    *,
    cuda_devices: int | None = None,
    supported: frozenset[str] | None = None,
) -> ComputePlan:
    """The plan for the given settings.

    ``cuda_devices`` and ``supported`` default to what CTranslate2 reports on this machine;
    tests pass them to exercise the CUDA branch where there is no GPU.
    """
    device = Device(device)
    threads = cpu_threads if cpu_threads and cpu_threads > 0 else default_cpu_threads()
    gpus = cuda_device_count() if cuda_devices is None else cuda_devices
    if device is Device.AUTO:
        device = Device.CUDA if gpus > 0 else Device.CPU
        reason = f"{gpus} CUDA GPU(s) found" if gpus else "no CUDA GPU found"
    else:
        reason = f"--device {device.value}"
        if device is Device.CUDA and gpus == 0:
            raise DeviceUnavailable(
                "--device cuda was asked for, but CTranslate2 sees no GPU", fix=GPU_FIX
            )
    types = supported if supported is not None else supported_compute_types(device)
    preference = CUDA_PREFERENCE if device is Device.CUDA else CPU_PREFERENCE
    if compute_type == "auto":
        chosen = next((t for t in preference if t in types), preference[-1])
    else:
        if types and compute_type not in types:
            raise DeviceUnavailable(
                f"compute type {compute_type!r} is not supported on {device.value} here "
                f"(supported: {', '.join(sorted(types))})",
                fix=f"use --compute-type auto, or one of: {', '.join(sorted(types))}",
            )
        chosen = compute_type
        reason += f", --compute-type {compute_type}"
    return ComputePlan(device, chosen, threads, 0, reason)


def add_compute_arguments(parser: argparse.ArgumentParser) -> None:
    """The same ``--device``/``--compute-type``/``--cpu-threads`` flags for every command."""
    parser.add_argument(
        "--device",
        choices=[d.value for d in Device],
        default=Device.AUTO.value,
        help="where models run (default: auto = CUDA when a GPU is found, else CPU)",
    )
    parser.add_argument(
        "--compute-type",
        default="auto",
        help="CTranslate2 compute type, e.g. int8, float16, int8_float16 (default: auto)",
    )
    parser.add_argument(
        "--cpu-threads",
        type=int,
        default=None,
        help=f"CPU threads for a model (default: physical cores, at most {MAX_CPU_THREADS})",
    )


def plan_from_args(args: argparse.Namespace) -> ComputePlan:
    """The plan for the flags :func:`add_compute_arguments` added."""
    return choose_compute(args.device, args.compute_type, args.cpu_threads)


def load_whisper(
    resolved: ResolvedModel,
    device: Device | str = Device.AUTO,
    compute_type: str = "auto",
    cpu_threads: int | None = None,
    *,
    plan: ComputePlan | None = None,
) -> WhisperModel:
    """Load ``resolved`` with faster-whisper on the chosen device.

    With ``device="auto"`` a GPU that fails to load (missing CUDA libraries, driver too old)
    falls back to the CPU with a warning; an explicit ``cuda`` raises :class:`DeviceUnavailable`.
    A model file CTranslate2 cannot read raises :class:`ModelCorrupt`.
    """
    from faster_whisper import WhisperModel

    auto = plan is None and Device(device) is Device.AUTO
    plan = plan or choose_compute(device, compute_type, cpu_threads)
    log.info(
        "loading %s from %s on %s/%s, %d CPU threads (%s)",
        resolved.name,
        resolved.path,
        plan.device.value,
        plan.compute_type,
        plan.cpu_threads,
        plan.reason,
    )
    try:
        return WhisperModel(
            str(resolved.path),
            device=plan.device.value,
            device_index=plan.device_index,
            compute_type=plan.compute_type,
            cpu_threads=plan.cpu_threads,
            local_files_only=True,
        )
    except (RuntimeError, ValueError, OSError) as exc:
        text = str(exc)
        if plan.device is Device.CUDA and _is_device_error(text):
            if auto:
                log.warning("GPU load failed (%s); falling back to the CPU", text)
                cpu = choose_compute(Device.CPU, "auto", cpu_threads)
                return load_whisper(resolved, plan=cpu)
            raise DeviceUnavailable(
                f"cannot load {resolved.name} on the GPU: {text}", fix=GPU_FIX
            ) from exc
        fix = (
            f"{install_command(resolved.name)} --force"
            if resolved.source in (ModelSource.CACHE, ModelSource.PACKAGE)
            else f"replace the folder {resolved.path} with a complete faster-whisper model"
        )
        raise ModelCorrupt(
            f"CTranslate2 cannot load model {resolved.name!r} from {resolved.path}: {text}",
            fix=fix,
        ) from exc


def _is_device_error(text: str) -> bool:
    lowered = text.lower()
    return any(k in lowered for k in ("cuda", "cublas", "cudnn", "driver", "gpu", "out of memory"))
