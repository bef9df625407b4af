"""Keyword-stuffed spam blocks glued to the end of a page.

A spam line is a run of many short phrases joined by ``|``, ``｜``, ``、``, ``/`` or the like,
with no sentence among them, written in a script other than the article's (Chinese or Cyrillic
gambling/pharmacy keywords under an English page, say). The block is cut from its first spam
line to the end of the page, reason ``spam_block``, but only when nothing after that line reads
like article prose, so a keyword line in the middle of an article never cuts text.

Lines with ``|`` in the article's own script (``Xinhua | Updated: …``, table rows, menus) are
never spam: they are left to the header and boilerplate steps.
"""

from __future__ import annotations

import re

from cleaners.config import PipelineConfig, SpamConfig
from cleaners.document import Document, Verdict
from cleaners.patterns import LIST_SEPARATORS, ends_sentence, is_paragraph, list_separators, norm, script_of, words

_SEPARATORS = re.compile(r"\s*[" + LIST_SEPARATORS + r"]\s*")
REASON = "spam_block"


def _segments(text: str) -> list[str]:
    return [s for s in _SEPARATORS.split(text) if s.strip()]


def is_keyword_run(line: str, config: SpamConfig) -> bool:
    """Many short, sentence-free phrases separated by list separators (script not checked)."""
    text = norm(line)
    separators = list_separators(text)
    if config.min_separators_per_line is not None and separators < config.min_separators_per_line:
        return False
    segments = _segments(text)
    if len(segments) < 3:
        return False
    # no sentence among the segments (looked for from the end, where prose has its full stop) ...
    if any(ends_sentence(s) and words(s) >= 4 for s in reversed(segments)):
        return False
    limit = config.max_words_per_segment
    if limit is None:
        return True
    # ... and 80% of them short: given up once too many are long for that
    most = 0.8 * len(segments)
    short = len(segments)
    for s in segments:
        if words(s) > limit:
            short -= 1
            if short < most:
                return False
    return True


def find_spam_block(doc: Document, config: PipelineConfig) -> Verdict:
    verdict = Verdict()
    settings = config.spam
    content = doc.kept_content_indices()
    if not content:
        return verdict
    candidates, least = content, settings.min_separators_per_line
    if least is not None:
        # the first test of ``is_keyword_run`` (``list_separators`` of the lines: counted for the
        # whole page at once with their ``norm``, which changes no separator)
        texts = doc.texts()
        counts = list_separators.__self__.results([texts[i] for i in content])
        candidates = [i for i, count in zip(content, counts) if count >= least]
    runs = [i for i in candidates if is_keyword_run(doc.lines[i], settings)]
    if not runs:
        return verdict
    run_set = set(runs)
    article_script = script_of(" ".join(doc.lines[i] for i in content if i not in run_set))
    if settings.require_foreign_script:
        if article_script is None:  # no article text to differ from: nothing is foreign
            return verdict
        spam = {i for i in runs if script_of(doc.lines[i]) not in (None, article_script)}
    else:
        spam = run_set
    if not spam:
        return verdict
    # The block starts at the earliest spam line after which no article prose follows.
    start = None
    for i in reversed(content):
        if i in spam:
            start = i
            continue
        if is_paragraph(doc.lines[i]) and script_of(doc.lines[i]) == article_script:
            break
    if start is None:
        return verdict
    for i in doc.kept_indices():
        if i >= start:
            verdict.remove(i, REASON)
    return verdict
