"""A fast path for reading YAML with line numbers: libyaml's C parser.

ruamel.yaml's round-trip loader, which load.py uses, is pure Python and was
most of a build's time on a large archive (about 2 s per megabyte). Here
libyaml (through PyYAML, which MkDocs already installs) composes the node
tree in C, and the nodes become the same CommentedMap/CommentedSeq values
with the same line and column records that ruamel.yaml would give, resolved
by ruamel.yaml's own YAML 1.2 resolver ("No" stays text, as it does there).

Anything out of the ordinary (a syntax error, a duplicate key, an alias, an
explicit tag, a number or time stamp other than a plain whole number or day)
raises Unsupported, and load.py reads that file with ruamel.yaml as before,
so every message about broken YAML is exactly ruamel.yaml's.
"""

from __future__ import annotations

import datetime as dt
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
WHOLE_NUMBER = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
TRUE = frozenset({"true", "True", "TRUE"})
_RESOLVER = VersionedResolver(version=(1, 2))
_LIBYAML_RESOLVER = yaml.resolver.Resolver()  # the tags libyaml's loader gives untagged plain scalars
_IMPLICIT = (True, False)


class Unsupported(Exception):
    """The text needs ruamel.yaml's full loader (and its messages)."""


def load(text: str) -> Any:
    """The document as ruamel.yaml's round-trip loader would give it."""
    loader = Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as error:
        raise Unsupported from error
    finally:
        loader.dispose()
    return None if node is None else _Builder().value(node)


class _Builder:
    """Turns one node tree into values; each node may be met only once."""

    def __init__(self) -> None:
        self.seen: set[int] = set()

    def value(self, node: yaml.Node) -> Any:
        if id(node) in self.seen:
            raise Unsupported("alias")
        self.seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            return _scalar(node)
        if isinstance(node, yaml.SequenceNode) and node.tag == PREFIX + "seq":
            return self.sequence(node)
        if isinstance(node, yaml.MappingNode) and node.tag == PREFIX + "map":
            return self.mapping(node)
        raise Unsupported(node.tag)

    def sequence(self, node: yaml.SequenceNode) -> CommentedSeq:
        result = CommentedSeq()
        result._yaml_set_line_col(node.start_mark.line, node.start_mark.column)
        for index, item in enumerate(node.value):
            result.append(self.value(item))
            result.lc.add_kv_line_col(index, [item.start_mark.line, item.start_mark.column])
        return result

    def mapping(self, node: yaml.MappingNode) -> CommentedMap:
        result = CommentedMap()
        result._yaml_set_line_col(node.start_mark.line, node.start_mark.column)
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise Unsupported("complex key")
            key = self.value(key_node)
            if key in result:
                raise Unsupported("duplicate key")
            result[key] = self.value(value_node)
            key_mark, value_mark = key_node.start_mark, value_node.start_mark
            result.lc.add_kv_line_col(key, [key_mark.line, key_mark.column, value_mark.line, value_mark.column])
        return result


def _scalar(node: yaml.ScalarNode) -> Any:
    text = str(node.value)
    if node.style:
        if node.tag != PREFIX + "str":
            raise Unsupported(node.tag)
        return text
    if node.tag != _libyaml_tag(text):
        raise Unsupported(node.tag)
    return _plain(text)


@functools.lru_cache(maxsize=65536)
def _libyaml_tag(text: str) -> str:
    """The tag libyaml's loader gives an untagged plain scalar (keys repeat: kept)."""
    return str(_LIBYAML_RESOLVER.resolve(yaml.ScalarNode, text, _IMPLICIT))  # type: ignore[no-untyped-call]


@functools.lru_cache(maxsize=65536)
def _plain(text: str) -> Any:
    """An untagged plain scalar as ruamel.yaml resolves it (YAML 1.2); values are immutable."""
    tag = str(_RESOLVER.resolve(RuamelScalarNode, text, _IMPLICIT).value).removeprefix(PREFIX)
    if tag == "str":
        return text
    if tag == "null":
        return None
    if tag == "bool":
        return text in TRUE
    if tag == "int" and WHOLE_NUMBER.fullmatch(text):
        return int(text)
    if tag == "timestamp" and DAY.fullmatch(text):
        return dt.date.fromisoformat(text)
    raise Unsupported(tag)
