"""Renderings of the development pages' HTML as scrapers save pages, for the benchmarks.

``bs4_dump``: what a naive scraper saves (BeautifulSoup's text), as aeb-dev's bs4 dumps were made;
``markdown_dump``: what a scraper that saves Markdown saves (markdownify, as crawling services
built on such converters do). ``bench/train_line_model.py`` scores wcxb-dev's pages in both, and
``bench/quality.py`` runs the pipeline on the Markdown renderings; ``narrow_dump``: a 200-column
dump wrapped again at 80 columns, the default width of w3m and lynx, which ``bench/quality.py``
scores as ``w3m-80``, ``lynx-80`` and ``wcxb-w3m-80``; ``browser_dump``: the page dumped by the
w3m or lynx program itself with its defaults (80 columns; lynx numbering the links and listing
them under "References"), when the program is installed (``apt-get install w3m lynx``; not a
dependency), which ``bench/quality.py`` scores as ``w3m-default``, ``lynx-default``, ``lynx-nolist-default``
and ``elinks-default``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import textwrap


def bs4_dump(html: str) -> str:
    """The page as aeb-dev's ``bs4`` dumps were made: BeautifulSoup's text with a line break
    between strings, lines right-stripped, runs of blank lines collapsed to one.

    That reproduces 87 of the 90 aeb-dev bs4 dumps byte for byte from their HTML, so wcxb-dev's
    1,337 pages can be scored (and trained on) as a naive scraper saves pages of seven kinds,
    where aeb-dev has 90 news pages of that rendering.
    """
    from bs4 import BeautifulSoup

    text = BeautifulSoup(html, "html.parser").get_text("\n")
    text = "\n".join(line.rstrip() for line in text.splitlines())
    return re.sub(r"\n\s*\n+", "\n\n", text).strip() + "\n"


def markdown_dump(html: str) -> str:
    """The page as a scraper saves it in Markdown: scripts, styles, templates and the head
    dropped, the rest converted by markdownify (ATX headings), as crawling services built on such
    converters do. ``<noscript>`` stays, as a scraper that runs no script (and a text browser)
    shows it: forums such as Discourse print their threads only there."""
    from bs4 import BeautifulSoup
    from markdownify import MarkdownConverter

    soup = BeautifulSoup(html, "lxml")
    for element in soup(["script", "style", "template", "head"]):
        element.decompose()
    return MarkdownConverter(heading_style="ATX").convert_soup(soup)


def narrow_dump(text: str, width: int = 80) -> str:
    """A text dump as a text browser at ``width`` columns would have wrapped it: every line
    longer than that filled again word by word at ``width`` columns, with its indentation on each
    of its lines; a word longer than the width stays whole on a line of its own, as w3m and lynx
    print it. Table and menu lines under the width are left as they are, which a browser at the
    narrower width would have laid out otherwise: the rendering narrows the paragraphs, which is
    where the two widths differ most."""
    out: list[str] = []
    for line in text.split("\n"):
        if len(line) <= width:
            out.append(line)
            continue
        indent = " " * (len(line) - len(line.lstrip(" ")))
        out.extend(textwrap.wrap(line, width, initial_indent=indent, subsequent_indent=indent,
                                 break_long_words=False, break_on_hyphens=False) or [""])
    return "\n".join(out)


#: The commands that dump a page with each browser's defaults (w3m: 80 columns; lynx: 80
#: columns, links numbered and listed), reading and writing UTF-8.
BROWSER_COMMANDS = {
    "w3m": ["w3m", "-dump", "-T", "text/html", "-I", "UTF-8", "-O", "UTF-8"],
    "lynx": ["lynx", "-dump", "-stdin", "-assume_charset=utf-8", "-display_charset=utf-8"],
    "lynx-nolist": ["lynx", "-dump", "-nolist", "-stdin", "-assume_charset=utf-8", "-display_charset=utf-8"],
    "elinks": ["elinks", "-dump", "-dump-charset", "utf-8", "-eval", "set document.codepage.assume = \"utf-8\""],
}


def browser_available(browser: str) -> bool:
    return shutil.which(BROWSER_COMMANDS[browser][0]) is not None


def browser_dump(html: str, browser: str) -> str:
    """The page as ``browser`` (w3m or lynx, installed) dumps it with its defaults."""
    done = subprocess.run(BROWSER_COMMANDS[browser], input=html.encode("utf-8"), capture_output=True,
                          check=True, timeout=120, env={"LANG": "C.UTF-8", "PATH": "/usr/bin:/bin:/usr/local/bin"})
    return done.stdout.decode("utf-8", "replace")
