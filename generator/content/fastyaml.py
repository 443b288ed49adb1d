"""A fast path for reading YAML with line numbers: libyaml's C parser.

ruamel.yaml's round-trip loader, which load.py uses, is pure Python and was
most of a build's time on a large archive (about 2 s per megabyte). Here
libyaml (through PyYAML, which MkDocs already installs) parses in C, and
its events become the same CommentedMap/CommentedSeq values, with the same
line and column of every key and item, that load.plain_yaml() gives:
plain scalars are resolved by ruamel.yaml's own YAML 1.2 resolver ("No"
stays text), and time stamps stay text, as there.

Anything out of the ordinary raises Unsupported and load.py reads the file
with ruamel.yaml, which refuses it or reads it with its own messages: a
syntax error, a tab, a duplicate key, an anchor, an alias, a tag, deep
nesting, a number other than a plain whole number.
"""

from __future__ import annotations

import functools
import re
from typing import Any

import yaml
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.nodes import ScalarNode as RuamelScalarNode
from ruamel.yaml.resolver import VersionedResolver

try:
    from yaml import CSafeLoader as Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as Loader  # type: ignore[assignment]

PREFIX = "tag:yaml.org,2002:"
WHOLE_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)")
TRUE = frozenset({"true", "True", "TRUE"})
DEEPEST = 40  # below load.MAX_DEPTH: ruamel.yaml decides near the limit
_RESOLVER = VersionedResolver(version=(1, 2))
_IMPLICIT = (True, False)


LINE_BREAKS_OF_YAML_1_1 = re.compile("[\u2028\u2029\u0085]")


def is_whole_number(text: str) -> bool:
    """A whole number written as Python writes it back: 7, -3, 0 (not +7, -0, 007 or 1_000)."""
    return bool(WHOLE_NUMBER.fullmatch(text)) and text != "-0"


def plain_tag(text: str) -> str:
    """What YAML 1.2 reads an untagged plain scalar as: str, int, float, bool, null, timestamp."""
    return str(_RESOLVER.resolve(RuamelScalarNode, text, _IMPLICIT).value).removeprefix(PREFIX)


class Unsupported(Exception):
    """The text needs ruamel.yaml's loader (and its messages)."""


def load(text: str) -> Any:
    """The document as load.plain_yaml() would give it."""
    if "\t" in text:
        raise Unsupported("a tab: libyaml reads some that ruamel.yaml refuses")
    if LINE_BREAKS_OF_YAML_1_1.search(text):
        raise Unsupported("U+2028, U+2029 or U+0085: libyaml counts a line there, and every line number after it would be one off")
    loader = Loader(text)
    try:
        return _Events(loader).document()
    except yaml.YAMLError as error:
        raise Unsupported(str(error)) from error
    finally:
        loader.dispose()


class _Events:
    """Builds values from libyaml's events, one document, plain data only."""

    def __init__(self, loader: Any) -> None:
        self.loader = loader

    def next(self) -> Any:
        """The next event (typed loosely: every event libyaml gives has its marks)."""
        return self.loader.get_event()

    def expect(self, kind: type[yaml.Event]) -> None:
        if not isinstance(self.next(), kind):
            raise Unsupported("more than one document")

    def document(self) -> Any:
        self.expect(yaml.StreamStartEvent)
        event = self.next()
        if isinstance(event, yaml.StreamEndEvent):
            return None
        if not isinstance(event, yaml.DocumentStartEvent) or event.explicit or event.tags:
            raise Unsupported("document markers")
        value = self.value(self.next(), 0)
        self.expect(yaml.DocumentEndEvent)
        self.expect(yaml.StreamEndEvent)
        return value

    def value(self, event: Any, depth: int) -> Any:
        if not isinstance(event, yaml.NodeEvent) or isinstance(event, yaml.AliasEvent) or event.anchor is not None or depth > DEEPEST:
            raise Unsupported("alias, anchor or deep nesting")
        if getattr(event, "tag", None) is not None:
            raise Unsupported("tag")
        if isinstance(event, yaml.ScalarEvent):
            return _plain(event.value) if not event.style else event.value
        if isinstance(event, yaml.SequenceStartEvent):
            return self.sequence(event, depth)
        return self.mapping(event, depth)

    def sequence(self, start: Any, depth: int) -> CommentedSeq:
        result = CommentedSeq()
        result._yaml_set_line_col(start.start_mark.line, start.start_mark.column)
        event = self.next()
        while not isinstance(event, yaml.SequenceEndEvent):
            result.lc.add_kv_line_col(len(result), [event.start_mark.line, event.start_mark.column])
            result.append(self.value(event, depth + 1))
            event = self.next()
        return result

    def mapping(self, start: Any, depth: int) -> CommentedMap:
        result = CommentedMap()
        result._yaml_set_line_col(start.start_mark.line, start.start_mark.column)
        key_event = self.next()
        while not isinstance(key_event, yaml.MappingEndEvent):
            if not isinstance(key_event, yaml.ScalarEvent):
                raise Unsupported("complex key")
            key = self.value(key_event, depth + 1)
            if key in result:
                raise Unsupported("duplicate key")
            value_event = self.next()
            result[key] = self.value(value_event, depth + 1)
            key_mark: Any = key_event.start_mark
            value_mark: Any = value_event.start_mark
            result.lc.add_kv_line_col(key, [key_mark.line, key_mark.column, value_mark.line, value_mark.column])
            key_event = self.next()
        return result


@functools.lru_cache(maxsize=65536)
def _plain(text: str) -> Any:
    """An untagged plain scalar as load.plain_yaml() reads it; values are immutable.

    Keys and short values repeat thousands of times: each is resolved once.
    """
    tag = plain_tag(text)
    if tag in ("str", "timestamp"):
        return text
    if tag == "null":
        return None
    if tag == "bool":
        return text in TRUE
    if tag == "int" and is_whole_number(text):
        return int(text)
    raise Unsupported(tag)
