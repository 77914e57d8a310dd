"""The sheet as the window's form editor holds it: the plain YAML structure of a schema-2 sheet
(a v1 sheet is migrated when opened), checked by the loader itself, written back as YAML with
a backup of the file it replaces.

The form edits this structure field by field (:func:`get_in` / :func:`set_in` by path, the same
paths the loader's messages name: ``products[0].variants[1].stock``); :func:`check` runs
:func:`~sola_studio.catalog.loader.sheet_from_raw` on it and says at which path the first
mistake is, so the form marks that field with the loader's own message and fix. This module
holds no rule of its own about what a valid sheet is, and never imports Qt.
"""

from __future__ import annotations

import copy
import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from sola_studio.catalog.loader import load_sheet, sheet_from_raw
from sola_studio.catalog.sheet import ProductSheet
from sola_studio.core import yamlio
from sola_studio.core.errors import ConfigError

Path_ = tuple[str | int, ...]


def editable(raw: Any) -> dict[str, Any]:
    """A deep copy of a parsed sheet as schema 2: a v1 sheet gets ``schema: 2`` and its
    ``specs: {key: value}`` become the list of ``{key, value}`` schema 2 writes (it reads both)."""
    doc: dict[str, Any] = copy.deepcopy(dict(raw)) if isinstance(raw, Mapping) else {}
    if str(doc.get("schema", "1")).strip() != "2":
        doc = {"schema": 2, **{k: v for k, v in doc.items() if k != "schema"}}
    for product in doc.get("products") or []:
        if isinstance(product, dict) and isinstance(product.get("specs"), Mapping):
            product["specs"] = [{"key": k, "value": v} for k, v in product["specs"].items()]
    return doc


_Base: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_Base):
    """libyaml's emitter when PyYAML has it: the form dumps the sheet on every check."""


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    text = format(value, "f")
    tag = "tag:yaml.org,2002:float" if "." in text else "tag:yaml.org,2002:int"
    return dumper.represent_scalar(tag, text)


_Dumper.add_representer(Decimal, _decimal)


def dump(doc: Mapping[str, Any]) -> str:
    """The YAML text of ``doc`` (amounts as typed numbers: ``59.90``, never quoted)."""
    return yaml.dump(
        dict(doc), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100, indent=2
    )


def parse(text: str) -> dict[str, Any]:
    """The YAML text of the YAML tab as a form document; a :class:`ConfigError` naming the line
    when it is not YAML or not a mapping."""
    try:
        raw = yamlio.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(
            f"not valid YAML: {exc}", fix="correct the line named (indentation, a ':')"
        ) from exc
    if not isinstance(raw, Mapping):
        raise ConfigError("the sheet must be a mapping (seller_language: ...)", fix="see the form")
    return editable(raw)


def read_csv(path: Path) -> dict[str, Any]:
    """A CSV sheet as a form document. The form writes YAML only, so a CSV sheet is saved as
    :func:`yaml_beside` it and the CSV file is left as it is."""
    from sola_studio.catalog.loader import _csv_to_raw  # the loader's own CSV reading

    return editable(_csv_to_raw(path.read_text(encoding="utf-8-sig"), path))


def yaml_beside(path: Path) -> Path:
    return path.with_suffix(".yaml")


@dataclass(frozen=True)
class Checked:
    """The loader's verdict on a document: the sheet, or its first mistake and the path of the
    field it names (``()`` when it names none)."""

    sheet: ProductSheet | None
    error: ConfigError | None = None
    path: Path_ = ()

    @property
    def ok(self) -> bool:
        return self.error is None


def check(doc: Mapping[str, Any], source: str = "sheet") -> Checked:
    """Run the loader on ``doc`` (through its YAML text, so a message names its line)."""
    text = dump(doc)
    try:
        sheet = sheet_from_raw(yamlio.safe_load(text), source=source, text=text)
    except ConfigError as exc:
        return Checked(None, exc, error_path(exc, source))
    return Checked(sheet)


_WHERE = re.compile(r"^(?:line \d+, )?(?P<where>[^:]+?): ")
_STEP = re.compile(r"\[(\d+)\]|\.?([^.\[]+)")


def error_path(error: ConfigError, source: str) -> Path_:
    """The field a loader message names (``products[0].price`` -> ``("products", 0, "price")``);
    ``()`` for a sheet-wide one."""
    message = error.message.removeprefix(f"{source}: ")
    m = _WHERE.match(message)
    if m is None or m.group("where") == "top level":
        return ()
    out: list[str | int] = []
    for index, key in _STEP.findall(m.group("where")):
        out.append(int(index) if index else key)
    return tuple(out)


def get_in(doc: Any, path: Path_, default: Any = None) -> Any:
    """The value at ``path`` in ``doc``; ``default`` when any step is missing."""
    node = doc
    for step in path:
        found = (isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node)) or (
            isinstance(node, dict) and step in node
        )
        if not found:
            return default
        node = node[step]
    return node


def set_in(doc: dict[str, Any], path: Path_, value: Any) -> None:
    """Put ``value`` at ``path``, making the mappings on the way; ``None`` or ``""`` removes
    the key (an empty field is an absent one, as the loader reads it). An empty list or
    mapping stays: a product's ``discounts: []`` says "none", where no key says "the shop's"."""
    node: Any = doc
    for step, after in itertools.pairwise(path):
        if isinstance(step, int):
            node = node[step]
            continue
        nxt = node.get(step)
        if not isinstance(nxt, dict | list):
            nxt = [] if isinstance(after, int) else {}
            node[step] = nxt
        node = nxt
    last = path[-1]
    if isinstance(last, int):
        node[last] = value
    elif value is None or value == "":
        node.pop(last, None)
    else:
        node[last] = value


def backup_of(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def save(doc: Mapping[str, Any], path: Path) -> ProductSheet:
    """Write ``doc`` to ``path`` once the loader accepts it, keeping the file it replaces as
    ``NAME.yaml.bak``; returns the sheet as read back from the file written. Raises the
    loader's :class:`ConfigError` and writes nothing when ``doc`` is not a valid sheet."""
    checked = check(doc, str(path))
    if checked.error is not None:
        raise checked.error
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        backup_of(path).write_bytes(path.read_bytes())
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(dump(doc), encoding="utf-8")
    tmp.replace(path)
    return load_sheet(path)
