"""Downloads a model folder from the model hub (Hugging Face layout), resumably.

Only ever called when the seller asked for it (``sola-studio models install NAME``). Files go
into a persistent ``.download-NAME`` folder beside the cache entry as ``FILE.part``; an
interrupted transfer resumes with an HTTP ``Range`` request (the next run or the next retry),
and a server that ignores ``Range`` gets a clean restart of that file. Every file is checked
against the size and sha256 the hub lists for it before the folder is renamed into the cache.

Addresses: ``{hub}/api/models/{repo}/revision/{rev}?blobs=true`` lists files with sizes and
LFS checksums; ``{hub}/{repo}/resolve/{rev}/{file}`` serves them (usually via a redirect to a
CDN, which urllib follows). The hub address comes from the constructor, so tests point it at
an HTTP server on loopback. This module must never run unless a download was asked for.

A progress callback that raises :class:`~sola_studio.models.progress.Cancelled` stops the
transfer at the next chunk read (``read1``: whatever arrived, at most 1 MiB), leaving the
``.part`` file for the next try; it is never caught here. Failures a seller can act on have their
own types (:class:`HubUnreachable`: offline; :class:`DownloadInterrupted`: the connection kept
dropping), both :class:`ModelMissing`, so the window can say them in words.
"""

from __future__ import annotations

import fnmatch
import http.client
import json
import logging
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sola_studio import __version__
from sola_studio.core.errors import ModelCorrupt, ModelMissing
from sola_studio.models.catalog import HUB_FILE_PATTERNS
from sola_studio.models.files import CHUNK, FileDigest, Manifest, sha256_file, write_manifest
from sola_studio.models.progress import Progress, ProgressCallback, Step

log = logging.getLogger(__name__)

_NETWORK_ERRORS = (urllib.error.URLError, http.client.HTTPException, OSError, TimeoutError)


@dataclass(frozen=True)
class HubFile:
    """A file the hub lists for a model; ``size``/``sha256`` are None when the hub gives none."""

    name: str
    size: int | None
    sha256: str | None


class HubUnreachable(ModelMissing):
    """The model hub cannot be reached at all (no internet connection, DNS, firewall)."""


class DownloadInterrupted(ModelMissing):
    """A transfer kept failing after every retry; the ``.part`` files are kept for a resume."""


class _Interrupted(Exception):
    """A transfer ended early; the caller resumes or retries."""


class HubClient:
    """Talks to one model hub.

    ``retries`` is how many times one file is resumed after an interrupted transfer;
    ``retry_delay`` grows linearly with each retry (0.5 s, 1 s, 1.5 s by default).
    """

    def __init__(
        self,
        base_url: str,
        *,
        revision: str = "main",
        timeout: float = 30.0,
        retries: int = 4,
        retry_delay: float = 0.5,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.revision = revision
        self.timeout = timeout
        self.retries = retries
        self.retry_delay = retry_delay

    def reachable(self, timeout: float = 3.0) -> bool:
        """Whether a TCP connection to the hub opens within ``timeout`` (no request is sent):
        how the window knows, before offering a download, that there is no internet. A proxy
        the system would use is not consulted, so behind one this can say False wrongly; the
        download itself is still the final word."""
        parts = urllib.parse.urlsplit(self.base_url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
        try:
            with socket.create_connection((parts.hostname or "", port), timeout=timeout):
                return True
        except OSError:
            return False

    # -- listing -----------------------------------------------------------------------------

    def list_files(
        self,
        repo: str,
        *,
        model: str,
        patterns: Sequence[str] = HUB_FILE_PATTERNS,
        required: Sequence[str] = ("model.bin",),
    ) -> list[HubFile]:
        """The files of ``repo`` matching ``patterns`` (by default the faster-whisper ones),
        with sizes and checksums. A listing without every ``required`` file raises
        :class:`ModelMissing` before anything is downloaded."""
        url = f"{self.base_url}/api/models/{repo}/revision/{self.revision}?blobs=true"
        try:
            with self._open(url) as resp:
                listing = json.load(resp)
        except urllib.error.HTTPError as exc:
            raise ModelMissing(
                f"the model hub has no {repo!r} for model {model!r} (HTTP {exc.code} from {url})",
                fix="sola-studio models list  (shows the names that can be installed)",
            ) from exc
        except (*_NETWORK_ERRORS, ValueError) as exc:
            raise HubUnreachable(
                f"cannot reach the model hub at {self.base_url} to download {model!r}: {exc}",
                fix=f"check the internet connection, then run: sola-studio models install {model}",
            ) from exc
        files = []
        for sibling in listing.get("siblings", []):
            name = sibling.get("rfilename", "")
            if "/" in name or not any(fnmatch.fnmatch(name, p) for p in patterns):
                continue
            lfs = sibling.get("lfs") or {}
            size = lfs.get("size", sibling.get("size"))
            files.append(HubFile(name, int(size) if size is not None else None, lfs.get("sha256")))
        lacking = [r for r in required if not any(fnmatch.fnmatch(f.name, r) for f in files)]
        if lacking:
            what = "a faster-whisper" if patterns == HUB_FILE_PATTERNS else "a CTranslate2"
            raise ModelMissing(
                f"{repo!r} on the model hub has no {', '.join(lacking)}, so it is not "
                f"{what} model for {model!r}",
                fix="sola-studio models list  (shows the names that can be installed)",
            )
        return sorted(files, key=lambda f: f.name)

    # -- downloading -------------------------------------------------------------------------

    def download_model(
        self,
        repo: str,
        folder: Path,
        *,
        model: str,
        progress: ProgressCallback | None = None,
        patterns: Sequence[str] = HUB_FILE_PATTERNS,
        required: Sequence[str] = ("model.bin",),
    ) -> Manifest:
        """Download every model file of ``repo`` into ``folder`` (resuming ``*.part`` files).

        ``patterns``/``required`` choose the files (see :meth:`list_files`). Returns the
        manifest, also written into ``folder``. The caller renames ``folder`` into the cache;
        until then nothing looks at it.
        """
        files = self.list_files(repo, model=model, patterns=patterns, required=required)
        folder.mkdir(parents=True, exist_ok=True)
        sizes = [f.size for f in files]
        overall_total = sum(s for s in sizes if s is not None) if None not in sizes else None
        digests: dict[str, FileDigest] = {}
        before = 0
        for hub_file in files:
            digests[hub_file.name] = self._fetch(
                repo,
                hub_file,
                folder,
                model=model,
                before=before,
                overall_total=overall_total,
                progress=progress,
            )
            before += digests[hub_file.name].size
        manifest = Manifest(name=model, source=f"hub:{repo}@{self.revision}", files=digests)
        write_manifest(folder, manifest)
        return manifest

    def _fetch(
        self,
        repo: str,
        hub_file: HubFile,
        folder: Path,
        *,
        model: str,
        before: int,
        overall_total: int | None,
        progress: ProgressCallback | None,
    ) -> FileDigest:
        final = folder / hub_file.name
        if final.is_file() and _matches(final, hub_file):
            log.info("%s already downloaded", final)
            return FileDigest(final.stat().st_size, hub_file.sha256)
        part = folder / f"{hub_file.name}.part"
        quoted = urllib.parse.quote(hub_file.name)
        url = f"{self.base_url}/{repo}/resolve/{self.revision}/{quoted}"
        clean_retry_done = False
        while True:
            self.fetch_url(
                url,
                part,
                hub_file,
                model=model,
                before=before,
                overall_total=overall_total,
                progress=progress,
            )
            if _matches(part, hub_file):
                break
            if clean_retry_done:
                part.unlink(missing_ok=True)
                raise ModelCorrupt(
                    f"{hub_file.name} of {model!r} downloaded twice and fails its size/sha256 "
                    f"check both times (expected {hub_file.size} bytes, sha256 {hub_file.sha256})",
                    fix=f"try again later: sola-studio models install {model}",
                )
            # A resumed file that fails its checksum may have been spliced from two versions:
            # one clean retry from byte 0 before giving up.
            log.warning("%s failed its check after download; downloading it again", hub_file.name)
            part.unlink()
            clean_retry_done = True
        part.replace(final)
        return FileDigest(final.stat().st_size, hub_file.sha256)

    def fetch_url(
        self,
        url: str,
        part: Path,
        hub_file: HubFile,
        *,
        model: str,
        before: int = 0,
        overall_total: int | None = None,
        progress: ProgressCallback | None = None,
    ) -> None:
        """Bring ``url`` into ``part``, resuming what ``part`` holds with a ``Range`` request
        and an interrupted transfer up to ``retries`` times. ``hub_file`` names the file in
        the progress reports and gives its size when known; ``model`` is the name the fix
        installs. A :class:`Cancelled` from ``progress`` stops it at the next chunk and leaves
        ``part`` for the next try. Checking what arrived is the caller's (its size, checksum).
        Also how Bergamot pairs arrive from Mozilla's CDN (``models/bergamot_fetch.py``)."""
        fix = f"run again to resume: sola-studio models install {model}"
        attempt = 0
        while True:
            try:
                self._transfer(url, part, hub_file, model, before, overall_total, progress)
                return
            except urllib.error.HTTPError as exc:
                if exc.code == 416 and part.exists():
                    # Our offset is past the end: the .part is from another version. Start over.
                    log.warning("server refused range for %s; restarting it", hub_file.name)
                    part.unlink()
                elif exc.code in (404, 401, 403):
                    raise ModelMissing(
                        f"the model hub refused {url} (HTTP {exc.code})",
                        fix="sola-studio models list  (shows the names that can be installed)",
                    ) from exc
                else:
                    attempt = self._count_retry(attempt, exc, url, fix)
            except (_Interrupted, *_NETWORK_ERRORS) as exc:
                attempt = self._count_retry(attempt, exc, url, fix)

    def _count_retry(self, attempt: int, exc: BaseException, url: str, fix: str) -> int:
        attempt += 1
        if attempt > self.retries:
            raise DownloadInterrupted(
                f"download of {url} failed {attempt} times, last: {exc}; "
                "what was downloaded is kept and the next try resumes it",
                fix=fix,
            ) from exc
        log.warning("transfer of %s interrupted (%s); resuming, try %d", url, exc, attempt)
        time.sleep(self.retry_delay * attempt)
        return attempt

    def _transfer(
        self,
        url: str,
        part: Path,
        hub_file: HubFile,
        model: str,
        before: int,
        overall_total: int | None,
        progress: ProgressCallback | None,
    ) -> None:
        have = part.stat().st_size if part.exists() else 0
        if hub_file.size is not None and have >= hub_file.size:
            return
        headers = {"Range": f"bytes={have}-"} if have else {}
        with self._open(url, headers) as resp:
            if have and resp.status != 206:
                log.warning("server ignored the range request for %s; restarting it", url)
                have = 0
            elif have and _range_start(resp.headers.get("Content-Range")) != have:
                raise _Interrupted(f"server answered range {resp.headers.get('Content-Range')}")
            length = resp.headers.get("Content-Length")
            expected = have + int(length) if length is not None else hub_file.size
            done = have
            with part.open("ab" if have else "wb") as out:
                # read1: what has arrived (<= CHUNK), so a Cancel is seen at once on a slow line
                while chunk := resp.read1(CHUNK):
                    out.write(chunk)
                    done += len(chunk)
                    if progress:
                        progress(
                            Progress(
                                model,
                                Step.DOWNLOAD,
                                hub_file.name,
                                done,
                                expected or None,
                                before + done,
                                overall_total,
                            )
                        )
        # urllib returns a short body without raising when the server closes early.
        if expected is not None and done < expected:
            raise _Interrupted(f"connection closed at byte {done} of {expected}")

    def _open(self, url: str, headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
        request = urllib.request.Request(
            url, headers={"User-Agent": f"sola-studio/{__version__}", **(headers or {})}
        )
        response: http.client.HTTPResponse = urllib.request.urlopen(request, timeout=self.timeout)
        return response


def _range_start(content_range: str | None) -> int | None:
    # "bytes 100-199/200"
    if not content_range or not content_range.startswith("bytes "):
        return None
    try:
        return int(content_range[6:].split("-", 1)[0])
    except ValueError:
        return None


def _matches(path: Path, hub_file: HubFile) -> bool:
    if hub_file.size is not None and path.stat().st_size != hub_file.size:
        return False
    return hub_file.sha256 is None or sha256_file(path) == hub_file.sha256
