"""Blocks that depend on their arguments alone, rendered once per set of arguments.

The model's objects are shared between runs of the preview while their file
is unchanged (pipeline.SourceCache), so a plan's table of actions and
updates, the largest block on the site, is rendered once rather than after
every save. Only macros that read nothing but their arguments qualify; the
macros come from a module with an empty context, so a macro that reads
anything else fails loudly (StrictUndefined) rather than showing stale text.
"""

from __future__ import annotations

from jinja2 import Environment
from markupsafe import Markup


class Remembered:
    """`remembered("macro_name", *objects)` in a template: the macro's output, kept."""

    def __init__(self, env: Environment, template: str) -> None:
        self.env = env
        self.template = template
        self.blocks: dict[tuple[str, tuple[int, ...]], tuple[tuple[object, ...], Markup]] = {}

    def __call__(self, name: str, *arguments: object) -> Markup:
        key = (name, tuple(id(argument) for argument in arguments))
        found = self.blocks.get(key)
        if found is None or any(kept is not given for kept, given in zip(found[0], arguments, strict=True)):
            macro = getattr(self.env.get_template(self.template).module, name)
            found = self.blocks[key] = (arguments, Markup(macro(*arguments)))
        return found[1]
