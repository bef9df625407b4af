"""Turning the kept lines of a document back into article text.

Dumps wrap long paragraphs over several lines and separate paragraphs by blank lines, but some
scrapers print one paragraph per line with no blank line at all. A kept line therefore starts a
new paragraph unless it continues a wrapped line of the same block (``joins_next``): the line
above was cut at the wrap width mid-sentence (``continues``), or, in a dump a browser wrapped
(``wrap_shape``), where the next word would not have fitted after it (``cut_at_width``, the test
the narrow-dump view of ``cleaners.reflow`` joins lines by too), whether or not it ends a
sentence. A scrape that breaks a line at every link (BeautifulSoup's ``get_text("\\n")``) prints
the rest of a sentence on a line of its own (", showing that …"): such a line joins the one above,
glued as the page shows it. The same scrape prints a link's words between the halves of their
sentence ("It is possible for a" / "SELECT" / " command …"); the steps that judge lines one by
one leave such a piece in place when the sentence around it stays (``sentence_pieces``,
``keep_sentence_pieces``: the classifier and the rule steps after it).

A text browser prints some texts twice on one line: an image's alternative text and its title,
or a label that a page shows in one form on phones and in another on screens, both rendered
("Data VisualizationData Visualization", "man taking selfies indoors. man taking selfies
indoors."). A kept line that is one text of three or more words (or 12 or more characters)
twice, glued or with one space between, comes out once (``undoubled``).

w3m draws a table with box-drawing characters, one text line per line of every cell, so a cell
that wraps ("Dartmouth Tuck School of" / "Business") is cut in two with the other cells of its
row in between. The kept lines of such a table become one paragraph, one line per table row,
each cell's lines joined and the cells separated by a tab (as HTML tables come out of
extraction), so the text reads row by row as the page shows it. Only the order of the kept
words changes; no word is added or left out.

A page that escaped its text twice shows HTML character references as text: "China&#39;s",
"&quot;backdoors&quot;", "Plumbing Fixtures &amp; Fittings" (2 of aeb-dev's 90 w3m dumps and
12 of wcxb-dev's 1,337 keep such a line in their text). A paragraph's references come out as
the characters they stand for (``unescaped``), as a browser would have shown them had the page
escaped once. A paragraph that shows markup (a tag, or "&lt;" / "&gt;") is a code sample or a
lesson about HTML, and keeps its references as printed. The lines themselves stay as printed:
the steps, their models and the removal log see the dump.
"""

from __future__ import annotations

import html
import re
import unicodedata

from cleaners.document import Document
from cleaners.link_numbers import link_list_start

#: The last characters of a line that ends a sentence (a closing quote or bracket may end one).
_SENTENCE_ENDS = frozenset(".!?:;…。！？\"'”’)]")
_WORD = re.compile(r"\w+")


#: Characters a text browser gives two columns (East Asian wide and fullwidth forms).
_WIDE = re.compile("[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
                   "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]")


def columns(text: str) -> int:
    """The columns a text browser prints ``text`` in: two for a wide character, one for any other."""
    return len(text) if text.isascii() else len(text) + len(_WIDE.findall(text))


def _columns_per_character(lines: list[str]) -> int:
    """At most how many columns a character of these lines takes: 2 with wide characters, else 1."""
    joined = "\n".join(lines)
    return 2 if not joined.isascii() and _WIDE.search(joined) else 1


def _widest(lines: list[str], counts, most: int | None = None) -> int:
    """The columns of the widest line that ``counts``, 0 if none does. Lines are tried from the
    longest down (a line's columns are its characters, or twice as many at most on a page with
    wide characters), so most pages test a few lines rather than all of them."""
    widest = 0
    most = _columns_per_character(lines) if most is None else most
    for line in sorted(lines, key=len, reverse=True):
        if most * len(line) <= widest:
            break
        if counts(line):
            widest = max(widest, columns(line.rstrip()))
    return widest


def _spaced(line: str) -> bool:
    return " " in line.strip()


def _two_words(line: str) -> bool:
    return " " in line.strip() or _WIDE.search(line) is not None


def dump_width(lines: list[str], printed_extra: dict[int, int] | None = None) -> int:
    """The columns the dump was wrapped at, as ``cleaners.reflow`` measures it: its longest line
    holding a space (a text browser lets a single word longer than the width, a long address, run
    past it). ``printed_extra``: line index -> columns the dump printed on it beyond its text
    (``Document.printed_extra``). Unspaced Chinese or Japanese does not count: lynx fills such a
    line to the width in characters, twice as many columns (aeb-dev's Japanese page at 80
    columns: lines of 145), so it would hide the width."""
    if printed_extra:
        return max((columns(line.rstrip()) + printed_extra.get(index, 0)
                    for index, line in enumerate(lines) if _spaced(line)), default=0)
    return _widest(lines, _spaced)


def wrap_width(lines: list[str], most: int | None = None) -> int:
    """The width a dump wrapped its paragraphs at: its longest line of two words or more, or of
    unspaced Chinese or Japanese (which a browser breaks between any two characters), shaped like
    prose (``_prose_shaped``: no table, no text in columns side by side), at least 60 columns.
    Neither a line of one word longer than that (an address: 85 of wcxb-dev's 1,337 w3m dumps
    print one) nor a row of a page's layout wider than its paragraphs counts: measured by them,
    no line of the page reaches the width."""
    return max(_widest(lines, lambda line: _two_words(line) and _prose_shaped(line), most), 60)


#: A dump is wrapped when this many of its lines reach the wrap width (w3m and lynx fill most
#: prose lines to it); a naive scrape's or an extractor's lines are whole paragraphs, and one
#: that runs near the page's longest line would otherwise pass for wrapped.
MIN_FULL_LINES = 3
_FULL_SHARE = 0.95  # of the wrap width: a full line


def is_wrapped(lines: list[str], width: int | None = None) -> bool:
    """Whether a text browser wrapped these lines at ``width`` (the page's ``wrap_width``)."""
    width = wrap_shape(lines)[0] if width is None else width
    least = _FULL_SHARE * width  # (a line of fewer than half as many characters cannot reach it)
    return sum(2 * len(line) >= least and columns(line.rstrip()) >= least for line in lines) >= MIN_FULL_LINES


def cut_mid_sentence(lines: list[str], width: int, most: int | None = None) -> bool:
    """Whether a text browser wrapped these lines at ``width``: ``MIN_FULL_LINES`` or more lines
    were cut mid-sentence (``continues``), and they are most of the lines at the width. A page
    printing one paragraph per line whose paragraphs run about as long as one another has lines
    at its widest line's width too, but nearly all of them end a sentence."""
    least = _FULL_SHARE * width
    most = _columns_per_character(lines) if most is None else most
    full = [line.rstrip() for line in lines if most * len(line) >= least and columns(line.rstrip()) >= least]
    cut = sum(continues(line, width) for line in full)
    return cut >= MIN_FULL_LINES and 2 * cut >= len(full)


#: ``wrap_shape``'s last page and answer: the steps after the classifier, the text's assembly
#: and the corpus-wide step ask it of one page in turn. The page's lines are held, so no other
#: list can take their ``id``.
_LAST_SHAPE: tuple[list[str], dict[int, int] | None, int, bool] | None = None


def wrap_shape(lines: list[str], printed_extra: dict[int, int] | None = None) -> tuple[int, bool]:
    """The page's ``wrap_width`` and whether a browser wrapped it there (``cut_mid_sentence``).
    ``printed_extra`` (``Document.printed_extra``): the dump numbered its links, so its lines are
    measured as printed, and above the list of addresses it printed under the page."""
    global _LAST_SHAPE
    printed_extra = printed_extra or None  # (a page without: one key)
    last = _LAST_SHAPE
    if last is not None and last[0] is lines and last[1] is printed_extra:
        return last[2], last[3]
    if printed_extra:
        width, wrapped = _printed_shape(lines[:link_list_start(lines)], printed_extra)
    else:
        most = _columns_per_character(lines)
        width = wrap_width(lines, most)
        wrapped = cut_mid_sentence(lines, width, most)
    _LAST_SHAPE = (lines, printed_extra, width, wrapped)
    return width, wrapped


def _printed_shape(page: list[str], printed_extra: dict[int, int]) -> tuple[int, bool]:
    """``wrap_width`` and ``cut_mid_sentence`` of lines some of which were printed wider than their text."""
    printed = [columns(line.rstrip()) + printed_extra.get(index, 0) for index, line in enumerate(page)]
    width = max(max((size for size, line in zip(printed, page) if _two_words(line) and _prose_shaped(line)),
                    default=0), 60)
    full = [index for index, size in enumerate(printed) if size >= _FULL_SHARE * width]
    cut = sum(continues(page[index].rstrip(), width, printed_extra.get(index, 0)) for index in full)
    return width, cut >= MIN_FULL_LINES and 2 * cut >= len(full)


def continues(previous: str, wrap_width: int, extra: int = 0) -> bool:
    """A line continues the previous one when that one was cut at the wrap width mid-sentence
    (``extra``: columns the dump printed on it beyond its text, link numbers read out)."""
    return previous[-1:] not in _SENTENCE_ENDS and columns(previous) + extra >= wrap_width * 0.85


#: The rest of a sentence that a naive scrape printed on a line of its own after a link's text:
#: a punctuation mark no sentence starts with, or a possessive ("fires have continued" /
#: ", showing that …"; "Trump" / "’s decision").
_SENTENCE_REST = re.compile(r"[,.;:!?)\]”»](?:\s|$)|['’]s\b")


def joins_next(lines: list[str], upper: int, width: int, wrapped: bool, extra: int = 0) -> bool:
    """Whether line ``upper + 1`` goes on with line ``upper``'s paragraph: the upper was cut at
    the wrap width mid-sentence (``continues``) or, in a ``wrapped`` dump, where the next word
    would not have fitted (``cut_at_width``): a wrapped line that happens to end a sentence is
    no paragraph's end (1.3 % of aeb-dev's w3m output paragraphs were such halves, 4.7 % at 80
    columns). In a dump not wrapped, where the two lines break one sentence (``_cut_mid_sentence``).
    ``extra``: columns the dump printed on the upper line beyond its text (link numbers read out)."""
    above, below = lines[upper].rstrip(), lines[upper + 1]
    if wrapped:
        return continues(above, width, extra) or cut_at_width(above, below, width, extra)
    return continues(above, width, extra) or joins_sentence(above, below)


#: Articles, possessives, prepositions and conjunctions that a sentence, a heading or a list
#: item does not end with (English, German, French, Spanish). Left out: German prepositions that
#: are also a separable verb's particle ("an", "auf", "mit": "Wir fangen jetzt an"), English
#: particles ("sign in", "log on"), and words of one of the languages that are another's words
#: too ("die", "den", "pour", "par", "sin", "con", "al": "Never say die", "the perfect pour").
_DANGLING_WORDS = frozenset(
    "the a an of to for from with by and or nor than via into onto whose its their our your my"
    " der das dem des ein eine einen einem einer eines und oder sowie zum zur vom beim"
    " le la les un une du de et ou au aux dans sur avec sans sous entre vers chez"
    " el los las unos unas del y por para sobre hacia".split())
#: Of ``_DANGLING_WORDS``, those that start no line of code ("from x import y", "for x in y:",
#: "with open(…)" do): the articles and conjunctions, "of", "to", "by", "than".
_DANGLING_FIRST_WORDS = frozenset(
    "the a an of to by and or nor than der das dem des ein eine einen einem einer eines und oder"
    " le la les un une du et ou el los las unos unas del y".split())
_LAST_WORD = re.compile(r"(?:^|\s)(\w+)$")
#: A line's first word after at most one space (BeautifulSoup keeps the space that followed a
#: link; a line of code indented further is no sentence's rest).
_FIRST_WORD = re.compile(r" ?(\w+)\b(?![.)])")  # not a list item's letter or number, "a. ", "ii) "
#: Opening quotation marks: a line ending with one is cut inside the quotation (not brackets:
#: a line of code ends with "{" or "(" and the next holds the block or the call's arguments).
_OPENERS = tuple("“‘«„")
#: Marks that end a sentence or a clause: a line ending with one may end its paragraph.
_CLAUSE_ENDS = tuple(".!?:;")


def _starts_item(text: str) -> bool:
    """The (left-stripped) line starts with a bullet or a number as a list's item does."""
    return (text[:1] in _ITEM_STARTS and text[1:2] == " ") or _NUMBERED_ITEM.match(text) is not None


def joins_sentence(above: str, below: str) -> bool:
    """Whether two lines of a dump not wrapped are one sentence broken at a link (``_cut_mid_sentence``)."""
    above = above.rstrip()
    return above.strip() != "" and below.strip() != "" and _cut_mid_sentence(above, below)


def _cut_mid_sentence(above: str, below: str) -> bool:
    """Whether a dump not wrapped broke one sentence between these lines, as a naive scrape
    (BeautifulSoup's ``get_text("\\n")``) breaks a line before and after every link. ``above`` is
    right-stripped. They go on as one sentence when

    * the lower line starts with the sentence's rest (``_SENTENCE_REST``: ", showing that");
    * the upper ends with an opening quotation mark, or with a word that ends no sentence
      (``_DANGLING_WORDS``: "Protein keeps you full, according to");
    * the upper ends with a comma and the lower starts in lower case;
    * the upper ends no clause (no ``.!?:;``) and the lower starts with an article or a
      conjunction ("CBS DFW reports" / "the man who …"), or with one space and a lower-case
      word (BeautifulSoup keeps the space after a link: "officials" / " said the …"), or
      with a lower-case word under a line of four words or more that ends with one (``_runs_on``).

    Neither line may be a list's item or a numbered heading ("12. Find someone to talk to")."""
    if _SENTENCE_REST.match(below.lstrip()) is not None or above.endswith(_OPENERS):
        return True
    if _starts_item(above.lstrip()) or _starts_item(below.lstrip()):
        return False
    last = _LAST_WORD.search(above)
    if last is not None and last.group(1) in _DANGLING_WORDS:
        return True
    first = _FIRST_WORD.match(below)
    if first is None or above.endswith(_CLAUSE_ENDS):
        return False
    word = first.group(1)
    if above.endswith(","):
        return word[0].islower()
    return (word in _DANGLING_FIRST_WORDS or (below[0] == " " and word[0].islower())
            or (word[0].islower() and last is not None and last.group(1)[0].islower() and _runs_on(above, below)))


#: Characters of code, markup and addresses: prose run on over two lines holds none of them.
_CODE_CHARS = re.compile(r"[(){}\[\];=<>$/\\`_|#@*]")


def _runs_on(above: str, below: str) -> bool:
    """Two lines of prose that a sentence runs on over: four words or more above and three or
    more below (a list's short lower-case items, "a shampoo bar" / "low-waste deodorant", keep
    their lines), and neither holds a character of code or markup ("total = price * count")."""
    return (len(above.split()) >= 4 and len(below.split()) >= 3
            and _CODE_CHARS.search(above) is None and _CODE_CHARS.search(below) is None)


#: The vertical bars w3m draws a table's cells between.
_TABLE_BARS = "│┃║"
_SPLIT_CELLS = re.compile(f"[{_TABLE_BARS}]")
#: A table's border: box-drawing characters only (it separates two rows).
_TABLE_BORDER = re.compile(r"^\s*[─━═┌┐└┘├┤┬┴┼┏┓┗┛┣┫┳┻╋╔╗╚╝╠╣╦╩╬╞╡╪╟╢╫╒╕╘╛╓╖╙╜]+\s*$")


def is_table_row(line: str) -> bool:
    """A line of a table drawn with box characters: it starts and ends with a cell's bar."""
    stripped = line.strip()
    return len(stripped) >= 2 and stripped[0] in _TABLE_BARS and stripped[-1] in _TABLE_BARS


def _is_table_line(line: str) -> bool:
    return is_table_row(line) or _TABLE_BORDER.match(line) is not None


#: Every character a table line needs one of: a row's bars, a border's box-drawing characters.
BOX_DRAWING = re.compile(r"[│┃║─━═┌┐└┘├┤┬┴┼┏┓┗┛┣┫┳┻╋╔╗╚╝╠╣╦╩╬╞╡╪╟╢╫╒╕╘╛╓╖╙╜]")


#: A line this share of the width or more may have been cut at it (a shorter one ends its paragraph).
_MIN_FULL_SHARE = 0.75
#: A numbered list's item ("2. ", "14) "), which starts a line of its own.
_NUMBERED_ITEM = re.compile(r"\d{1,4}[.)] ")
#: A paragraph's line stands at most this share of the width in.
_MAX_INDENT_SHARE = 0.25
#: A line starting with one of these starts an item of its own, not a paragraph's next line.
_ITEM_STARTS = "•*-+□■▪●◦·>|#"


def line_indent(line: str) -> int:
    """The spaces a line starts with."""
    return len(line) - len(line.lstrip(" "))


def _hanging_indent(line: str) -> int | None:
    """Where the text of a bulleted line starts ("  • Text" -> 4), under which a browser sets
    the item's next lines; ``None`` for a line without a bullet."""
    rest = line.lstrip(" ")
    if len(rest) < 3 or rest[0] not in _ITEM_STARTS or rest[1] != " ":
        return None
    return len(line) - len(rest[1:].lstrip(" "))


def _prose_shaped(text: str) -> bool:
    """Whether a line may be part of a paragraph: no box-drawing character (a table's or a
    rule's) and no run of spaces inside (text in columns side by side)."""
    return "   " not in text.strip() and BOX_DRAWING.search(text) is None


def cut_at_width(upper: str, lower: str, width: int, extra: int = 0) -> bool:
    """Whether ``lower`` continues ``upper``'s paragraph, which the dump cut at ``width`` columns:
    both hold text, the lower no further in than the upper (lynx sets a paragraph's first line
    further in) and the upper not far in (centred or right-set text is no paragraph); the upper
    near the width and the lower's first word (in wide script, its first character) would not
    have fitted after it (a text browser fills a line word by word up to its width), whether or
    not the upper ends a sentence; or, as ``continues`` reads a line, the upper ends mid-sentence
    near the width and the lower starts with no capital. A bulleted line's next lines may stand
    under its text. A bulleted or numbered line starts a paragraph; a line of a box-drawn table
    or rule, of text in columns side by side, or a line's copy right under it belongs to none.
    ``extra``: columns the dump printed on the upper line beyond its text (link numbers read out)."""
    text = upper.rstrip()
    used = columns(text) + extra
    if used < _MIN_FULL_SHARE * width:
        return False  # (most lines: a short line ends its paragraph)
    below = lower.strip()
    # a paragraph's first line may stand further in than the rest (lynx indents it), not less,
    # but for a list item's, whose next lines stand under its text (hanging after the bullet);
    # a line pushed far in is centred or set to the right, not a paragraph's
    upper_indent, lower_indent = line_indent(upper), line_indent(lower)
    if not text.strip() or not below or not upper_indent <= _MAX_INDENT_SHARE * width \
            or not (lower_indent <= upper_indent or lower_indent == _hanging_indent(text)):
        return False
    if below == text.strip():
        return False  # a line printed twice (an image's alternative text and its title)
    if below[0] in _ITEM_STARTS or _NUMBERED_ITEM.match(below) or not _prose_shaped(text) or not _prose_shaped(below):
        return False
    # the next word would not have fitted; or the line is near the width and ends mid-sentence,
    # and the next does not start with a capital (a dump wrapped by hand, or by a tool that
    # breaks a line before it is full; a product's name over its "Add to Cart" button is no such line);
    # that test reads the line as it stands: with the link numbers counted there too, elinks's
    # dumps (form fields numbered) lost 0.009
    return used + _next_word_columns(below) > width or (continues(text, width) and not below[0].isupper())


def _next_word_columns(below: str) -> int:
    """The columns a line's first word needs after the line above: a space and the word; a text
    browser breaks unspaced Chinese or Japanese between any two characters, so there one character."""
    if _WIDE.match(below):
        return 2
    return 1 + columns(below.split(" ", 1)[0])


def table_lines(lines: list[str]) -> list[bool] | None:
    """Per line, whether it is a line of a box-drawn table (a row or a border); ``None`` when
    the page draws none. Most pages hold no box-drawing character: one scan of the page tells,
    instead of a test of every kept line and the lines before it."""
    if BOX_DRAWING.search("\n".join(lines)) is None:
        return None
    return [_is_table_line(line) for line in lines]


def paragraph_spans(doc: Document) -> list[list[int]]:
    """The kept content lines grouped into the paragraphs ``assemble_text`` makes of them (line
    indices, in order): the corpus-wide step (cleaners/corpus_lines.py) removes whole paragraphs
    and logs their input lines. A box-drawn table's kept lines are one paragraph."""
    lines = doc.lines
    width, wrapped = wrap_shape(lines, doc.printed_extra)
    tables = table_lines(lines)
    spans: list[list[int]] = []
    previous_index = -2
    for index in doc.kept_content_indices():
        # two lines of one table: both are, and so is every line between them (rows, borders)
        if spans and tables is not None and all(tables[previous_index : index + 1]):
            spans[-1].append(index)
        elif spans and previous_index == index - 1 and joins_next(lines, previous_index, width, wrapped, doc.printed_extra.get(previous_index, 0)) \
                and not (tables is not None and tables[index]):
            spans[-1].append(index)
        else:
            spans.append([index])
        previous_index = index
    return spans


def _table_text(lines: list[str], span: list[int]) -> str:
    """A box-drawn table's kept lines as its rows: one line per row (the lines between two
    borders), each cell's text joined over the row's lines, the cells separated by a tab."""
    rows: list[list[int]] = []
    for index in span:
        if _TABLE_BORDER.match(lines[index]):
            continue  # a kept border holds no text
        if rows and not any(_TABLE_BORDER.match(lines[i]) for i in range(rows[-1][-1] + 1, index)):
            rows[-1].append(index)
        else:
            rows.append([index])
    return "\n".join(_row_text([lines[i] for i in row]) for row in rows)


def _row_text(row_lines: list[str]) -> str:
    """One table row's lines as its cells' texts, tab-separated (line by line if they are no grid)."""
    cells = [_SPLIT_CELLS.split(line.strip())[1:-1] for line in row_lines]
    if any(len(line_cells) != len(cells[0]) for line_cells in cells):  # not one grid: line by line
        return " ".join(" ".join(line.split()) for line in row_lines)
    joined = (" ".join(" ".join(line_cells[k].split()) for line_cells in cells).strip() for k in range(len(cells[0])))
    return "\t".join(joined).strip("\t")


def undoubled(text: str) -> str:
    """``text`` once if it is one text of 3+ words or 12+ characters, holding a letter or digit,
    printed twice (glued, or with one space between); else ``text`` itself."""
    half, odd = divmod(len(text), 2)
    if odd and text[half] != " ":
        return text
    first = text[:half]
    if first != text[half + odd:] or not (len(first) >= 12 or first.count(" ") >= 2):
        return text
    return first if _WORD.search(first) else text


#: An HTML character reference with its closing ";", named or numeric. Legacy names without
#: it ("&copy" in "?a=1&copy=2") are left alone: in text they are more often part of a URL.
_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
#: Markup shown as text: a tag, or an escaped angle bracket.
_SHOWS_MARKUP = re.compile(r"<[A-Za-z/!]|&(?:lt|gt|#0*6[02]|#[xX]0*3[cCeE]);")


def _character(reference: re.Match) -> str:
    """The character(s) a reference stands for; itself when that is no printable text (an
    unknown name, a control character, U+FFFD for an invalid number) or an angle bracket."""
    found = html.unescape(reference.group())
    if found == "\xa0":  # as decoding normalises a no-break space
        return " "
    if found and all(unicodedata.category(char) == "Cf" for char in found):
        return ""  # zero-width characters, which decoding drops as well
    if not found.isprintable() or "\ufffd" in found or found in ("<", ">"):
        return reference.group()
    return found


def unescaped(paragraph: str) -> str:
    """``paragraph`` with the HTML character references a page printed as text read as their
    characters ("it&#39;s" → "it's"), unless it shows markup (see the module's docstring)."""
    if "&" not in paragraph or ";" not in paragraph or _SHOWS_MARKUP.search(paragraph):
        return paragraph
    text = _REFERENCE.sub(_character, paragraph)
    return re.sub(r"(?<= ) +", "", text) if "  " in text else text


def _paragraph_text(lines: list[str], span: list[int]) -> str:
    if any(is_table_row(lines[i]) for i in span) and all(_is_table_line(lines[i]) for i in span):
        return unescaped(_table_text(lines, span))
    text = ""
    for index in span:
        piece = undoubled(" ".join(lines[index].split()))
        # the rest of a sentence printed right after a link's line joins it as the page shows it
        # (and a quotation after its opening mark: "“" / "comfort food")
        glued = text and not lines[index][:1].isspace() and (_SENTENCE_REST.match(piece) or text.endswith(_OPENERS))
        text = f"{text}{piece}" if glued or not text else f"{text} {piece}"
    return unescaped(text)


def assemble_text(doc: Document) -> str:
    """Kept lines as paragraphs separated by one blank line, whitespace trimmed, a line printed
    twice once (``undoubled``), HTML references printed as text read (``unescaped``); a
    box-drawn table as one paragraph of its rows."""
    lines = doc.lines
    return "\n\n".join(_paragraph_text(lines, span) for span in paragraph_spans(doc))


def word_count(text: str) -> int:
    """Words as the benchmark counts them (runs of word characters)."""
    return len(_WORD.findall(text))


#: A piece of a sentence this long at most (a link's words) stays between its kept halves.
_MAX_PIECE_WORDS = 3
#: The punctuation that goes on a sentence or ends it, on a line of its own (". ", "), ", "?”").
_PUNCTUATION_PIECE = re.compile(r"\s?[.,;:!?)\]”’»]+[.,;:!?)\]”’»\s]*")


def sentence_pieces(lines: list[str], kept: list[bool], removals: dict[int, str]) -> list[int]:
    """Removed lines that are pieces of a kept sentence in a dump not wrapped.

    A naive scrape (BeautifulSoup's ``get_text("\\n")``) prints a link's words on a line of their
    own between the two halves of its sentence ("It is possible for a" / "SELECT" / " command
    running at the …"), and the punctuation after a link on another ("… said the" / "central
    bank" / "."). Judged alone, such a line looks like a menu's item or a fragment, and without
    it the kept sentence reads "It is possible for a command running …" or loses its full stop.
    A line that goes on as one sentence (``text.joins_sentence``) from a line that stays stays
    when it is a sentence's punctuation only (``_PUNCTUATION_PIECE``), or when it has at most
    ``_MAX_PIECE_WORDS`` words and goes on into a line that stays or into such punctuation.
    ``kept``: before the verdict whose ``removals`` these are; lines are taken in page order, a
    piece restored counting as staying.
    """
    restored: set[int] = set()

    def stays(index: int) -> bool:
        return kept[index] and (index not in removals or index in restored) and lines[index].strip() != ""

    for index in sorted(removals):
        if index == 0 or not stays(index - 1) or not joins_sentence(lines[index - 1], lines[index]):
            continue
        words = word_count(lines[index])
        below = index + 1
        if _PUNCTUATION_PIECE.fullmatch(lines[index]) or (
                words <= _MAX_PIECE_WORDS and below < len(lines) and joins_sentence(lines[index], lines[below])
                and (stays(below) or (below in removals and _PUNCTUATION_PIECE.fullmatch(lines[below])))):
            restored.add(index)
    return sorted(restored)


def keep_sentence_pieces(doc: Document, removals: dict[int, str]) -> None:
    """Take out of a step's ``removals`` the pieces of kept sentences (``sentence_pieces``), in a
    text dump not wrapped: a menu word ("website", "Pinterest", "login") that a naive scrape
    printed on a line of its own because it was a link inside a sentence is the sentence's word,
    and a rule that matches whole lines would otherwise leave "Enter your and email" behind."""
    if not removals or doc.kind != "text" or wrap_shape(doc.lines, doc.printed_extra)[1]:
        return
    for index in sentence_pieces(doc.lines, doc.kept, removals):
        del removals[index]
