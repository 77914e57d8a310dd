"""Downloads a Bergamot pair from Mozilla's model records into fxtranslate's cache, resumably,
with progress at every chunk, so the window's Cancel stops it within a second.

fxtranslate's own ``discovery.add_models`` fetched a pair in native code that reports nothing
until it returns: the window's Cancel (a progress callback raising
:class:`~sola_studio.models.progress.Cancelled`) was seen only after the whole ~17 MB model had
arrived. Here the same files come through :meth:`HubClient.fetch_url
<sola_studio.models.download.HubClient.fetch_url>`, the Whisper downloads' transfer: a chunk at
a time, resumed with ``Range``, retried when the line drops. fxtranslate keeps the parts that
are its own: the records' route (:func:`fxtranslate.discovery.resolve_route`, direct or through
a pivot) and the check of each file against its record's ``decompressedHash``
(:func:`fxtranslate.discovery.verify_and_decompress`).

The cache is fxtranslate's layout (``<cache>/<src>-<trg>/<file>``, read by
:func:`sola_studio.models.bergamot.cached_pairs` and by fxtranslate itself). An attachment
arrives as ``.<file>.download`` in its pair's folder, fxtranslate's own partial name, so
either resumes the other's. Nothing lands under its real name until every attachment of the
route has arrived: a cancelled install never leaves a pair that looks whole without its
shortlist. Network: only when the seller asked for the pair (``sola-studio models install``,
the window's Install).
"""

from __future__ import annotations

import json
import logging
import os
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from sola_studio import __version__
from sola_studio.core.errors import ModelCorrupt, TranslationUnavailable
from sola_studio.models.download import HubClient, HubFile
from sola_studio.models.files import sha256_file
from sola_studio.models.progress import ProgressCallback

log = logging.getLogger(__name__)

#: Where Remote Settings keeps the records' attachments (fxtranslate's CDN root).
ATTACHMENTS_URL = "https://firefox-settings-attachments.cdn.mozilla.net"
#: fxtranslate 0.5 routes only records of major version 3 (measured on its ``model_pairs``:
#: 2.x and 4.0 are left out, 3.0a1 is in); the files are picked from the same records.
MAJOR_VERSION = 3
PARTIAL = ".{}.download"  # fxtranslate's name for an attachment on its way
STAGED = ".{}.partial"  # ... and for a checked file about to take its name


@dataclass(frozen=True)
class BergamotRecord:
    """One model file of Mozilla's records: ``size``/``sha256`` are the compressed
    attachment's (None when the record gives none), ``decompressed_sha256`` the file's."""

    name: str
    file_type: str
    source: str
    target: str
    version: str
    location: str
    decompressed_sha256: str | None
    size: int | None
    sha256: str | None

    @property
    def pair(self) -> str:
        return f"{self.source}-{self.target}"


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(p) if p.isdigit() else 0 for p in version.split("."))


def _major(version: str) -> int | None:
    head = version.split(".")[0]
    return int(head) if head.isdigit() else None


def parse_records(body: str) -> list[BergamotRecord]:
    """The model-file records of a Remote Settings ``records`` body; records of another shape
    (no attachment, no languages) are skipped, as fxtranslate skips them."""
    found = []
    for item in json.loads(body).get("data") or []:
        attachment = item.get("attachment") if isinstance(item, dict) else None
        if not isinstance(attachment, dict):
            continue
        name, kind = item.get("name"), item.get("fileType")
        source, target = item.get("sourceLanguage"), item.get("targetLanguage")
        location, size = attachment.get("location"), attachment.get("size")
        texts = (name, kind, source, target, location)
        if not all(isinstance(t, str) for t in texts):
            continue
        found.append(
            BergamotRecord(
                name=str(name),
                file_type=str(kind),
                source=str(source),
                target=str(target),
                version=str(item.get("version") or "0"),
                location=str(location),
                decompressed_sha256=item.get("decompressedHash"),
                size=size if isinstance(size, int) else None,
                sha256=attachment.get("hash"),
            )
        )
    return found


def pick_files(records: list[BergamotRecord], source: str, target: str) -> list[BergamotRecord]:
    """The files of one direction: the newest routable version of its model, vocabulary
    (one shared, or ``srcvocab`` and ``trgvocab``) and shortlist when it has one."""

    def newest(file_type: str) -> BergamotRecord | None:
        fitting = [
            r
            for r in records
            if (r.file_type, r.source, r.target) == (file_type, source, target)
            and _major(r.version) == MAJOR_VERSION
        ]
        return max(fitting, key=lambda r: _version_key(r.version), default=None)

    model = newest("model")
    vocabs = [newest("vocab")] if newest("vocab") else [newest("srcvocab"), newest("trgvocab")]
    if model is None or None in vocabs:
        raise TranslationUnavailable(
            f"Mozilla's model records list no complete {source}->{target} model",
            fix="install a CTranslate2 model for this pair (opus-mt or nllb)",
        )
    lex = newest("lex")
    return [f for f in (model, *vocabs, lex) if f is not None]


def _route_legs(body: str, source: str, target: str) -> list[tuple[str, str]]:
    import fxtranslate

    try:
        route = fxtranslate.discovery.resolve_route(body, source, target)
    except ValueError as exc:
        raise TranslationUnavailable(
            f"could not download a Bergamot model for {source}->{target}: {exc}",
            fix="check the internet connection, or install a CTranslate2 model for this pair",
        ) from exc
    if route.get("kind") == "pivot":
        return [(route["src"], route["pivot"]), (route["pivot"], route["trg"])]
    return [(route["src"], route["trg"])]


def _is_whole(path: Path, record: BergamotRecord) -> bool:
    if not path.is_file():
        return False
    return record.decompressed_sha256 is None or sha256_file(path) == record.decompressed_sha256


def partial_bytes(cache_dir: Path, source: str, target: str) -> int:
    """What an interrupted download of ``source``->``target`` kept (the ``.download`` and
    checked ``.partial`` files of its pair folder, and of the English legs a pivot takes): a
    retry resumes from there."""
    folders = {cache_dir / f"{source}-{target}", cache_dir / f"{source}-en"}
    folders.add(cache_dir / f"en-{target}")
    kept = [PARTIAL.format("*"), STAGED.format("*")]
    return sum(
        p.stat().st_size
        for folder in folders
        if folder.is_dir()
        for pattern in kept
        for p in folder.glob(pattern)
        if p.is_file()
    )


class BergamotFetcher:
    """Fetches pairs from one set of records (``records_url``; default fxtranslate's, which
    honours ``FXTRANSLATE_RECORDS_URL``) and attachments (``attachments_url``) through
    ``client`` (timeouts and retries). Tests point both at a server on loopback."""

    def __init__(
        self,
        records_url: str | None = None,
        attachments_url: str = ATTACHMENTS_URL,
        *,
        timeout: float = 30.0,
        retries: int = 4,
        retry_delay: float = 0.5,
    ) -> None:
        self.records_url = records_url
        self.client = HubClient(
            attachments_url, timeout=timeout, retries=retries, retry_delay=retry_delay
        )

    def records(self) -> str:
        """The records body (a few hundred kB); TranslationUnavailable when unreachable."""
        import fxtranslate

        url = self.records_url or fxtranslate.discovery.records_url()
        request = urllib.request.Request(url, headers={"User-Agent": f"sola-studio/{__version__}"})
        try:
            with urllib.request.urlopen(request, timeout=self.client.timeout) as resp:
                body: bytes = resp.read()
        except (urllib.error.URLError, OSError) as exc:
            raise TranslationUnavailable(
                f"cannot reach Mozilla's model records at {url}: {exc}",
                fix="check the internet connection, then install the pair again",
            ) from exc
        return body.decode("utf-8")

    def download(
        self,
        source: str,
        target: str,
        cache_dir: Path,
        progress: ProgressCallback | None = None,
    ) -> dict[str, str]:
        """Download every file ``source``->``target`` needs (both legs of a pivot) into
        ``cache_dir``; the route (``{"kind": "direct"|"pivot", ...}``). A Cancelled from
        ``progress`` stops at the next chunk, keeping what arrived for the next try."""
        body = self.records()
        legs = _route_legs(body, source, target)
        records = parse_records(body)
        model = f"bergamot:{source}-{target}"
        wanted = [
            (r, cache_dir / r.pair / r.name) for a, b in legs for r in pick_files(records, a, b)
        ]
        missing = [(r, path) for r, path in wanted if not _is_whole(path, r)]
        todo = [r for r, path in missing if not _is_whole(_staged(path), r)]
        sizes = [r.size for r in todo]
        total = None if None in sizes else sum(s for s in sizes if s is not None)
        before = 0
        for record in todo:
            path = cache_dir / record.pair / record.name
            before += self._fetch(record, path, model, before, total, progress)
        for _record, path in missing:  # every file of the route is here: only now they land
            os.replace(_staged(path), path)
        route = {"kind": "direct", "src": source, "trg": target}
        if len(legs) == 2:
            route = {"kind": "pivot", "src": source, "pivot": legs[0][1], "trg": target}
        log.info("downloaded Bergamot route %s into %s", route, cache_dir)
        return route

    def _fetch(
        self,
        record: BergamotRecord,
        path: Path,
        model: str,
        before: int,
        total: int | None,
        progress: ProgressCallback | None,
    ) -> int:
        """One attachment into ``.<file>.partial``, decompressed and checked; its bytes on the
        line. A file that fails its check (a resume spliced from two versions) is fetched once
        more from byte 0 before giving up, as the hub's files are."""
        import fxtranslate

        part = path.parent / PARTIAL.format(record.name)
        part.parent.mkdir(parents=True, exist_ok=True)
        url = f"{self.client.base_url}/{record.location.lstrip('/')}"
        hub_file = HubFile(record.name, record.size, record.sha256)
        for attempt in (1, 2):
            self.client.fetch_url(
                url, part, hub_file, model=model, before=before, overall_total=total,
                progress=progress,
            )  # fmt: skip
            try:
                data = fxtranslate.discovery.verify_and_decompress(
                    part.read_bytes(), record.decompressed_sha256
                )
            except ValueError as exc:
                part.unlink(missing_ok=True)
                if attempt == 2:
                    raise ModelCorrupt(
                        f"{record.name} of {model!r} downloaded twice and fails its sha256 "
                        f"check both times ({exc})",
                        fix=f"try again later: sola-studio models install {model}",
                    ) from exc
                log.warning("%s failed its check; downloading it again", record.name)
                continue
            _staged(path).write_bytes(data)
            size = part.stat().st_size
            part.unlink()
            return size
        raise AssertionError("unreachable")


def _staged(path: Path) -> Path:
    """Where a checked file waits for the rest of its route: fxtranslate's atomic-write name."""
    return path.parent / STAGED.format(path.name)
