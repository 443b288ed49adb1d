"""Pagefind's filter files in a stable order, so two builds are identical.

Pagefind 1.5 writes each filter's values in the order of a hash map with a
random seed: the same site gives other filter files (and so another
metadata file, which names them by a hash of their bytes) on every run,
where the word chunks and page fragments are the same. A build of the same
content must give the same bytes (tests/test_reproducible.py), so after
Pagefind runs, each filter file's values are sorted, the file is written
again and named by a hash of its content, and the metadata file and the
entry file that name them are rewritten to match.

The files are gzip-compressed "pagefind_dcd" + CBOR (RFC 8949); only the
kinds of item Pagefind writes are read (unsigned integers, text, byte
strings, arrays, maps), and written back in CBOR's shortest form, as
Pagefind writes them.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

HEADER = b"pagefind_dcd"
UNSIGNED, BYTES, TEXT, ARRAY, MAP = 0, 2, 3, 4, 5


def decode(data: bytes, position: int = 0) -> tuple[Any, int]:
    """One CBOR item from `data` at `position`, and where the next begins."""
    major, info = data[position] >> 5, data[position] & 31
    position += 1
    if info < 24:
        length = info
    else:
        size = 1 << (info - 24)
        length = int.from_bytes(data[position : position + size], "big")
        position += size
    if major == UNSIGNED:
        return length, position
    if major in (BYTES, TEXT):
        raw = data[position : position + length]
        return (raw.decode("utf-8") if major == TEXT else raw), position + length
    items = []
    for _ in range(length * (2 if major == MAP else 1)):
        item, position = decode(data, position)
        items.append(item)
    return (dict(zip(items[::2], items[1::2], strict=True)) if major == MAP else items), position


def encode(item: Any) -> bytes:
    """CBOR's shortest encoding of an item of the kinds decode reads."""
    if isinstance(item, int):
        return _head(UNSIGNED, item)
    if isinstance(item, str):
        raw = item.encode("utf-8")
        return _head(TEXT, len(raw)) + raw
    if isinstance(item, bytes):
        return _head(BYTES, len(item)) + item
    if isinstance(item, dict):
        return _head(MAP, len(item)) + b"".join(encode(key) + encode(value) for key, value in item.items())
    return _head(ARRAY, len(item)) + b"".join(encode(element) for element in item)


def _head(major: int, length: int) -> bytes:
    if length < 24:
        return bytes([major << 5 | length])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if length < 1 << (8 * size):
            return bytes([major << 5 | info]) + length.to_bytes(size, "big")
    raise ValueError(f"{length} is too large for CBOR")


def read(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(HEADER):
        raise ValueError(f"{path}: not a Pagefind file")
    return decode(data, len(HEADER))[0]


def write(path: Path, item: Any) -> None:
    path.write_bytes(gzip.compress(HEADER + encode(item), compresslevel=9, mtime=0))


def content_hash(item: Any, length: int) -> str:
    return hashlib.sha256(encode(item)).hexdigest()[:length]


def stabilise(index: Path) -> None:
    """Sort the filter files of the Pagefind index in folder `index` and
    rename them, its metadata file and the entry that names it to match."""
    entry_path = index / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, details in entry["languages"].items():
        meta_path = index / f"pagefind.{details['hash']}.pf_meta"
        meta = read(meta_path)
        renamed = {old: _sorted_filter(index / "filter", old, language) for old in _filter_hashes(meta)}
        meta = _replace_strings(meta, renamed)
        details["hash"] = f"{language}_{content_hash(meta, 10)}"
        meta_path.unlink()
        write(index / f"pagefind.{details['hash']}.pf_meta", meta)
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _filter_hashes(meta: Any) -> list[str]:
    """The names of the filter files the metadata lists (strings "<language>_<hash>" naming files in filter/)."""
    found: list[str] = []

    def walk(item: Any) -> None:
        if isinstance(item, list):
            for element in item:
                walk(element)
        elif isinstance(item, str) and item not in found:
            found.append(item)

    walk(meta)
    return found


def _sorted_filter(folder: Path, name: str, language: str) -> str:
    """Rewrite one filter file with its values sorted; its new name (or the
    name unchanged, for a string of the metadata that names no filter file)."""
    path = folder / f"{name}.pf_filter"
    if not path.is_file():
        return name
    filter_name, values = read(path)
    stable = [filter_name, sorted(values, key=lambda pair: pair[0])]
    new_name = f"{language}_{content_hash(stable, 7)}"
    path.unlink()
    write(folder / f"{new_name}.pf_filter", stable)
    return new_name


def _replace_strings(item: Any, renamed: dict[str, str]) -> Any:
    """The metadata with the filter files' new names; the list of filters
    (pairs of a filter's name and its file), which is in hash-map order
    too, sorted."""
    if isinstance(item, str):
        return renamed.get(item, item)
    if not isinstance(item, list):
        return item
    replaced = [_replace_strings(element, renamed) for element in item]
    new_names = {new for old, new in renamed.items() if new != old}
    if replaced and all(isinstance(pair, list) and len(pair) == 2 and pair[1] in new_names for pair in replaced):
        return sorted(replaced)
    return replaced
