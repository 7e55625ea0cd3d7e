"""Links from a question back to the note it came from."""

from __future__ import annotations

import re
from urllib.parse import quote

from bot.core.model import SourceRef

_DROP = re.compile(r"[^\w\- ]", re.UNICODE)


def heading_anchor(heading: str) -> str:
    """The anchor GitHub-style renderers give a heading: lower case, punctuation dropped,
    spaces as hyphens (non-ASCII letters kept)."""
    return _DROP.sub("", heading.strip().lower()).replace(" ", "-")


def note_link(source: SourceRef, base_url: str | None) -> str | None:
    """`BASE/NOTE#anchor-of-the-last-heading`, or None when no notes URL is configured."""
    if not base_url:
        return None
    url = f"{base_url.rstrip('/')}/{quote(source.note)}"
    if source.heading:
        last = source.heading.split(" > ")[-1]
        url += "#" + quote(heading_anchor(last))
    return url
