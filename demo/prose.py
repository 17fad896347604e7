"""Long Dutch texts written as wrapped blocks in the seed modules, unwrapped for the database."""

import re
import textwrap

# Markdown list items keep their own line; every other line continues the one before.
LIST_ITEM = re.compile(r"^(- |\d+\. )")


def prose(block: str) -> str:
    paragraphs = re.split(r"\n\s*\n", textwrap.dedent(block).strip())
    return "\n\n".join(_unwrap(paragraph) for paragraph in paragraphs)


def _unwrap(paragraph: str) -> str:
    lines: list[str] = []
    for line in (line.strip() for line in paragraph.splitlines()):
        if lines and not LIST_ITEM.match(line):
            lines[-1] += " " + line
        else:
            lines.append(line)
    return "\n".join(lines)
