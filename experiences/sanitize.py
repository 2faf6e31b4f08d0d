"""From what a member typed to safe HTML.

Members write in a small plain-text markup (a blank line starts a paragraph,
`- ` or `1. ` a list item, `**bold**`, `_italic_`, `[text](https://…)`). The text is
escaped first, the markup turned into tags, and the result cleaned by nh3 with an
allow-list, so only paragraphs, line breaks, bold, italic, lists and http(s) or
mailto links can ever reach a page.
"""

import re

import nh3
from django.utils.html import escape

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow noopener ugc"

_BULLET = re.compile(r"^\s*[-*]\s+")
_NUMBER = re.compile(r"^\s*\d{1,3}[.)]\s+")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_ITALIC = re.compile(r"(?<![\w*])[_*](?=\S)(.+?)(?<=\S)[_*](?![\w*])")
_LINK = re.compile(r"\[([^\]\n]+)\]\(([^)\s]+)\)")
_BARE_URL = re.compile(r"(?<![\"'=>\w])(https?://[^\s<]+[^\s<.,;:!?)\]'\"])")
_SAFE_HREF = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)


def _link(match):
    text, url = match.group(1), match.group(2)
    if not _SAFE_HREF.match(url):
        return match.group(0)
    return f'<a href="{url}">{text}</a>'


def _inline(text):
    text = _LINK.sub(_link, text)
    text = _BARE_URL.sub(r'<a href="\1">\1</a>', text)
    text = _BOLD.sub(r"<strong>\1</strong>", text)
    return _ITALIC.sub(r"<em>\1</em>", text)


def _block(lines):
    if all(_BULLET.match(line) for line in lines):
        items = "".join(f"<li>{_inline(_BULLET.sub('', line))}</li>" for line in lines)
        return f"<ul>{items}</ul>"
    if all(_NUMBER.match(line) for line in lines):
        items = "".join(f"<li>{_inline(_NUMBER.sub('', line))}</li>" for line in lines)
        return f"<ol>{items}</ol>"
    return f"<p>{'<br>'.join(_inline(line.strip()) for line in lines)}</p>"


def clean_html(html):
    """The allow-list itself; also the last step of `render_body`."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )


def render_body(source):
    """Safe HTML for the member's text; stored next to it when it is saved."""
    text = escape(source.replace("\r\n", "\n").replace("\r", "\n"))
    blocks = [block for block in re.split(r"\n\s*\n", text) if block.strip()]
    html = "".join(
        _block([line for line in block.split("\n") if line.strip()]) for block in blocks
    )
    return clean_html(html)


def plain_text(source, limit=None):
    """The text without markup, e.g. for a feed or a search snippet."""
    text = _LINK.sub(r"\1", source)
    text = re.sub(r"\*\*|(?<!\w)[_*]|[_*](?!\w)", "", text)
    text = " ".join(text.split())
    return text[:limit] if limit else text
