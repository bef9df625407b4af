"""One typed, frozen configuration for the whole pipeline.

Every step reads its own section; units are in the names; ``None`` turns a check off. Loading
from a mapping (a parsed TOML file) rejects unknown keys and wrong types with an error that
names the key, so a misspelt setting never goes silently unused.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import tomllib
import types
import typing
from dataclasses import dataclass, field
from typing import Any


class ConfigError(ValueError):
    """A configuration value or key that cannot be used; the message names the key."""


@dataclass(frozen=True)
class DecodeConfig:
    """Bytes to text: decompression cap, encoding repair, and how a dump's layout is read."""

    max_input_bytes: int | None = 50_000_000  # larger inputs are rejected (None: no limit)
    fix_mojibake: bool = True  # run ftfy's encoding repair on the decoded text
    reflow_narrower_than: int = 160  # a text dump wrapped at fewer columns (w3m's and lynx's default is 80) is cleaned through a view of it with its paragraphs wrapped again at the 200 columns of the dumps the models learned from, and what the steps remove from the view goes from the dump's own lines (cleaners/reflow.py); 0: every dump as it is
    link_numbers: bool = True  # a text dump ending with a browser's numbered list of links under "References" (lynx -dump without -nolist) has the link numbers its text shows in brackets, "[17]tweeted", taken out (cleaners/link_numbers.py); false: read as printed
    markdown: bool = True  # a text dump saved as Markdown (links or images with targets on 5 % of its lines) is read as a text browser shows the page: links and images become their text, heading, emphasis and list marks go (cleaners/markdown.py); never on HTML


@dataclass(frozen=True)
class LimitsConfig:
    """Bounds on the work one document may cost, so no input can hang or swamp a run."""

    max_seconds_per_document: float | None = 120.0  # a document still cleaning after this is rejected: timeout
    max_chars_per_line: int | None = 1_000_000  # a decoded line longer than this rejects the document: line_too_long
    max_html_depth: int | None = 5_000  # HTML nesting deeper than this is rejected: too_deeply_nested


def _check_floor(section: str, floor: float | None) -> None:
    if floor is not None and not 0.0 <= floor <= 1.0:
        raise ConfigError(f"{section}.page_threshold_floor: expected a probability in [0, 1] or none, got {floor!r}")


@dataclass(frozen=True)
class HtmlConfig:
    """HTML pages to main text (cleaners/html_extract.py)."""

    fast: bool = False  # skip the HTML line model, trafilatura's fallback extractors and its slow metadata searches (author, categories and tags in the page body): about 2x faster, less accurate (--fast)
    line_model: bool = True  # the HTML line model picks the page's lines from its markup, its text and the extractors' texts (cleaners/html_lines.py); off, or in fast mode: the extractors' text as it is
    keep_threshold: float = 0.5  # HTML line model: lines scoring at least this are kept
    page_threshold_floor: float | None = 0.4  # HTML line model: per page, keep_threshold lowered to the cut that maximises the page's expected F1 from its scores, not below this (None, or in a file a floor equal to keep_threshold: keep_threshold on every page)
    model_max_agreement: float = 0.9  # HTML line model: runs only on pages whose trafilatura and resiliparse texts agree at most this much (F1 of their 4-word shingles); on the others their text stands; 1.0: on every page
    agreement_on_articles_only: bool = True  # HTML line model: the extractors' agreement (model_max_agreement) lets their text stand only on a page whose metadata calls it an article (og:type or schema.org type, trafilatura's pagetype); extractors built for articles that agree on another kind of page (a service page, a listing, a forum) still get the model; false: on every page
    forum_replies: bool = True  # HTML line model: a forum thread's or Q&A page's reply sentences scored under the cut stay when its opening post or one answer is kept (the text classifier's classifier.forum_replies rule over the page's rendered lines)
    introduced_lists: bool = True  # HTML line model: the <li> items of a list right under a kept line ending in a colon stay when the model scores them under the cut (the text classifier's classifier.introduced_lists rule)
    collapsed_panels: bool = True  # HTML line model: hidden tab panels, accordions and FAQ answers (a hidden or display:none element whose class, id or role names one) are read as a click would show them; false: the page as first displayed
    model_min_word_share: float = 0.2  # HTML line model: its text stands only when it holds at least this share of the extractors' words; under it the model most likely lost the page's text (scored it all as furniture) and the extractors' text stands; 0: whenever it keeps a line

    def __post_init__(self) -> None:
        if not 0.0 <= self.keep_threshold <= 1.0:
            raise ConfigError(f"html.keep_threshold: expected a probability in [0, 1], got {self.keep_threshold!r}")
        _check_floor("html", self.page_threshold_floor)
        if not 0.0 <= self.model_max_agreement <= 1.0:
            raise ConfigError(f"html.model_max_agreement: expected a share in [0, 1], got {self.model_max_agreement!r}")
        if not 0.0 <= self.model_min_word_share <= 1.0:
            raise ConfigError(f"html.model_min_word_share: expected a share in [0, 1], got {self.model_min_word_share!r}")


@dataclass(frozen=True)
class SpamConfig:
    """Keyword-stuffed blocks glued to the end of a page."""

    min_separators_per_line: int = 4  # '|' (or similar) separators that make a line a keyword run
    max_words_per_segment: int = 8  # segments of a keyword run are short phrases, not sentences
    require_foreign_script: bool = True  # only runs in a script other than the article's are spam


@dataclass(frozen=True)
class HeaderConfig:
    """Title, dateline and byline at the top of the article."""

    max_header_lines: int = 40  # the header is looked for among this many first content lines
    max_words_per_dateline: int = 20  # a dateline/byline line is short
    article_header: bool = True  # article_header step: a text dump's date, author and publisher where page_header found none (the short lines around its headline and its article's start, dates labelled anywhere, its <title> line, copyright footer or logo); false: off
    title_min_probability: float | None = 0.5  # title step: the title model's least score for a line above the article to be the title (none: a page_header guess the model does not back is dropped too); null: off, page_header's guess stands
    title_clear_lead: float | None = 4.0  # title step: a line scored under title_min_probability is the title all the same when it is its page's clear favourite, scored at least title_clear_floor and this many times the page's next best line; null: off
    title_clear_floor: float = 0.3  # title step: the least score of a clear favourite (title_clear_lead)


@dataclass(frozen=True)
class CaptionConfig:
    """Photo captions, credits and lines printed twice."""

    min_chars_per_duplicate_line: int | None = 12  # shorter lines printed twice in a row stay
    max_repeated_run_lines: int = 4  # a run of up to this many kept lines printed twice in a row loses its second copy (1: single lines only)
    passage_min_line_words: int = 4  # a kept line this long that equals an earlier kept line is a repeat (repeated_passage)
    passage_min_words: int | None = 40  # a run of repeats this long goes, the first copy stays (none: never)
    passage_min_lines: int = 3  # so does a run of this many repeated lines, however short
    both_copies_min_words: int | None = 16  # a line of this many words the input prints twice in a row loses both copies (an image's alternative text and title; printed_twice); none: the first copy stays


@dataclass(frozen=True)
class BoilerplateConfig:
    """Line rules for navigation, share bars, prompts, footers and the like."""

    max_words_per_nav_line: int = 12  # a menu/share/prompt line is short
    drop_repeated_lines: bool = True  # a page-head line printed again after the article body goes
    min_words_before_comment_section: int | None = 50  # article words a comment boundary must follow


@dataclass(frozen=True)
class ClassifierConfig:
    """The learned line classifier that decides the lines no rule is sure about."""

    enabled: bool = True  # run the learned line classifier at all (off: only the rules decide)
    keep_threshold: float = 0.5  # lines whose content probability is below this are removed
    model_file: str = "line_model_v3.json"  # under cleaners/models/, made by bench/train_line_model.py
    apply_to_html: bool = False  # judge lines of extracted HTML too (trained and measured on dumps)
    max_words_per_fragment: int = 4  # a removed line this short is logged as short_fragment
    min_kept_words: int | None = 30  # below this, keep the lines scoring near the page's best
    rescue_margin: float = 0.2  # ... within this much of the best line's probability
    page_threshold_floor: float | None = 0.45  # per page, keep_threshold lowered to the cut that maximises the page's expected F1 from its scores, not below this (cleaners/page_threshold.py; None, or in a file a floor equal to keep_threshold: keep_threshold on every page)
    main_region_keep_probability: float | None = 0.8  # kept lines outside the page's main kept run need this (None: off)
    block_keep_probability: float | None = 0.2  # a line scoring this stays when most of its block's words stay (None: off)
    numbered_list_gap: int | None = 6  # a numbered list two of whose first three items stay keeps all its items, each at most this many lines after the one before (None: off)
    forum_replies: bool = True  # a forum thread numbering its posts (#1, #2, #3 …) or heading them with author, date and time, whose opening post is kept, keeps its replies' sentences (false: the classifier alone decides)
    introduced_lists: bool = True  # a bulleted or numbered list right under a kept line ending in a colon ("Key features:") keeps its items (false: the classifier alone decides)
    sentence_pieces: bool = True  # in a dump not wrapped, a piece of a kept sentence a naive scrape printed on a line of its own (a link's words between the sentence's two kept lines, or the punctuation after its last) stays (false: the classifier alone decides)

    def __post_init__(self) -> None:
        _check_floor("classifier", self.page_threshold_floor)


@dataclass(frozen=True)
class LanguageConfig:
    """Language identification over a bounded sample of the kept text."""

    method: str = "profiles"  # "profiles": exhaustive scoring with langdetect's profiles; "langdetect": its own detector
    sample_chars: int = 2000  # characters of kept text looked at (bounded cost per page)
    evidence_ngrams: int = 30  # "profiles": the score is computed as if from this many n-grams
    seed: int = 0  # "langdetect": its random seed, fixed so runs are reproducible

    def __post_init__(self) -> None:
        if self.method not in ("profiles", "langdetect"):
            raise ConfigError(f"language.method: expected 'profiles' or 'langdetect', got {self.method!r}")


@dataclass(frozen=True)
class AppealsConfig:
    """Reader appeals after the classifier (cleaners/appeals.py): cookie dialogs, sign-up forms, follow/share prompts, credits."""

    max_words: int | None = 45  # longer lines are never judged (None: the step is off)
    consent_prose_reach_lines: int | None = 8  # a consent dialog's own prose goes within this many lines of its formulas or of more such prose (None: kept)
    consent_prose_min_concepts: int = 3  # a line is such prose when it names this many of a dialog's concepts (cookies, consent, partners, personal data…)
    consent_dialog_gap_lines: int | None = 3  # consent_dialogs step, before the classifier: a consent dialog printed whole is a run of its buttons, toggles, formulas and prose with at most this many other lines between two of them (None: the step is off)
    consent_dialog_min_marks: int = 4  # consent_dialogs step: a dialog holds at least this many such lines
    sentence_pieces: bool = True  # in a text dump not wrapped, a line of at most 3 words inside a kept sentence ("Start your" / "free trial" / " today and …") is no appeal (false: the formulas decide alone)


@dataclass(frozen=True)
class ControlsConfig:
    """Button and widget labels after the classifier (cleaners/controls.py): Show more, Add to cart, Play video."""

    enabled: bool = True  # false: such labels stay
    sentence_pieces: bool = True  # in a text dump not wrapped, a line of at most 3 words inside a kept sentence ("Go will add the" / "quote" / " module as a requirement") is no label (false: the labels decide alone)


@dataclass(frozen=True)
class ContentsConfig:
    """A page's own table of contents after the classifier (cleaners/contents.py): its heading and entries."""

    enabled: bool = True  # false: tables of contents stay


@dataclass(frozen=True)
class RemaindersConfig:
    """The rest of a wrapped paragraph a rule step removed part of (cleaners/remainders.py)."""

    enabled: bool = True  # false: such remainders stay


@dataclass(frozen=True)
class AuthorBiosConfig:
    """The writer's biography closing an article, after the classifier (cleaners/bios.py)."""

    max_tail_paragraphs: int | None = 6  # the page's last kept paragraphs looked at (None or 0: the step is off)
    min_words_before: int = 100  # the kept text above a biography must hold this many words (an article it closes)


@dataclass(frozen=True)
class TeaserConfig:
    """Runs of cut-off teasers and related-links blocks after the classifier (cleaners/teasers.py)."""

    min_teasers: int | None = 3  # teasers ending in an ellipsis that make a run (None: the step is off)
    related_blocks: bool = True  # related_blocks step: a related-links heading ("Related posts", "You may also like") and the two or more short lines of other pages' titles under it go; false: off
    max_teaser_words: int = 120  # a longer unit is no teaser, whatever its end
    max_title_words: int = 15  # a unit this short that ends no sentence is a title between teasers
    max_titles_between: int = 2  # more titles in a row end the run
    min_rest_share: float = 0.5  # the page keeps its teasers when its other text has fewer words than this share of theirs


@dataclass(frozen=True)
class FilterConfig:
    """Whole-document filters after the steps; each rejects with its own reason code."""

    languages: tuple[str, ...] | None = None  # keep only these language codes (e.g. ["en", "de"]): language_not_kept
    min_words: int | None = None  # fewer words of clean text are rejected: too_few_words
    max_non_letter_share: float | None = None  # more non-letter (non-space) characters: too_many_non_letters
    drop_exact_duplicates: bool = False  # same text_sha256 as a document earlier by id is rejected: duplicate_text


@dataclass(frozen=True)
class ReviewConfig:
    """The review page ``review.html`` (not part of the config hash: it changes no record)."""

    enabled: bool = True  # write review.html after each run
    max_documents: int = 300  # documents in its browser: the first ones by id (totals cover all)
    max_lines_per_document: int = 5000  # decoded input lines shown per document


@dataclass(frozen=True)
class DedupConfig:
    """Corpus-wide duplicate marking at merge time (flows/dedup.py): MinHash over word shingles."""

    drop_duplicates: bool = False  # leave non-representative duplicates out: exact_duplicate, near_duplicate
    near_duplicate_threshold: float | None = 0.8  # estimated Jaccard similarity of shingles (None: exact only)
    shingle_words: int = 5  # words per shingle (lower-cased \w+ runs)
    num_perm: int = 128  # MinHash permutations (more: better estimates, more memory)
    seed: int = 1  # MinHash seed, fixed so runs are reproducible


@dataclass(frozen=True)
class CorpusLinesConfig:
    """Corpus-wide repeated paragraphs (the CCNet idea), removed at merge time (flows/corpus_lines.py)."""

    enabled: bool = True  # remove paragraphs repeated across documents at merge time
    min_documents: int = 2  # a paragraph kept in this many unrelated documents is removed: repeated_across_documents
    min_words: int = 5  # shorter paragraphs are never counted (headings, bylines and the like repeat by chance)
    max_removed_share: float = 0.5  # a document that would lose more of its words keeps them (it shares content, not boilerplate)

    def __post_init__(self) -> None:
        if self.min_documents < 2:
            raise ConfigError(f"corpus_lines.min_documents: expected 2 or more, got {self.min_documents}")
        if self.min_words < 1:
            raise ConfigError(f"corpus_lines.min_words: expected 1 or more, got {self.min_words}")
        if not 0.0 <= self.max_removed_share <= 1.0:
            raise ConfigError(f"corpus_lines.max_removed_share: expected 0..1, got {self.max_removed_share}")


@dataclass(frozen=True)
class PipelineConfig:
    """Everything a run can change, in one place."""

    decode: DecodeConfig = field(default_factory=DecodeConfig)
    limits: LimitsConfig = field(default_factory=LimitsConfig)
    html: HtmlConfig = field(default_factory=HtmlConfig)
    spam: SpamConfig = field(default_factory=SpamConfig)
    header: HeaderConfig = field(default_factory=HeaderConfig)
    captions: CaptionConfig = field(default_factory=CaptionConfig)
    boilerplate: BoilerplateConfig = field(default_factory=BoilerplateConfig)
    classifier: ClassifierConfig = field(default_factory=ClassifierConfig)
    appeals: AppealsConfig = field(default_factory=AppealsConfig)
    controls: ControlsConfig = field(default_factory=ControlsConfig)
    contents: ContentsConfig = field(default_factory=ContentsConfig)
    remainders: RemaindersConfig = field(default_factory=RemaindersConfig)
    teasers: TeaserConfig = field(default_factory=TeaserConfig)
    author_bios: AuthorBiosConfig = field(default_factory=AuthorBiosConfig)
    language: LanguageConfig = field(default_factory=LanguageConfig)
    filters: FilterConfig = field(default_factory=FilterConfig)
    dedup: DedupConfig = field(default_factory=DedupConfig)
    corpus_lines: CorpusLinesConfig = field(default_factory=CorpusLinesConfig)
    review: ReviewConfig = field(default_factory=ReviewConfig)

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def sha256(self) -> str:
        """A stable hash of the effective settings, written into every record.

        ``review`` only shapes the review page, never a record, so it is left out: changing it
        must not make a rerun clean every input again.
        """
        settings = {k: v for k, v in self.as_dict().items() if k != "review"}
        blob = json.dumps(settings, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _check_type(key: str, value: Any, annotation: Any) -> Any:
    """Validate one scalar value against its annotation; ints are accepted for floats."""
    allowed = typing.get_args(annotation) if isinstance(annotation, types.UnionType) else (annotation,)
    if value is None:
        if type(None) in allowed:
            return None
        raise ConfigError(f"{key}: may not be null")
    for kind in allowed:
        if kind is bool and isinstance(value, bool):
            return value
        if kind is int and isinstance(value, int) and not isinstance(value, bool):
            return value
        if kind is float and isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        if kind is str and isinstance(value, str):
            return value
        if typing.get_origin(kind) is tuple and isinstance(value, (list, tuple)):  # TOML array
            item_type = typing.get_args(kind)[0]
            return tuple(_check_type(f"{key}[{i}]", item, item_type) for i, item in enumerate(value))
    names = " or ".join("list" if typing.get_origin(k) is tuple else getattr(k, "__name__", str(k))
                        for k in allowed)
    raise ConfigError(f"{key}: expected {names}, got {type(value).__name__} {value!r}")


def _build(cls: type, data: Any, prefix: str) -> Any:
    if not isinstance(data, dict):
        raise ConfigError(f"{prefix or 'config'}: expected a table, got {type(data).__name__}")
    hints = typing.get_type_hints(cls)
    known = {f.name for f in dataclasses.fields(cls)}
    unknown = sorted(set(data) - known)
    if unknown:
        where = f"{prefix}." if prefix else ""
        raise ConfigError(f"unknown key {where}{unknown[0]} (known: {', '.join(sorted(known))})")
    values = {}
    for name, value in data.items():
        key = f"{prefix}.{name}" if prefix else name
        hint = hints[name]
        if dataclasses.is_dataclass(hint):
            values[name] = _build(hint, value, key)
        else:
            values[name] = _check_type(key, value, hint)
    return cls(**values)


def config_from_dict(data: dict[str, Any]) -> PipelineConfig:
    """Build a validated config; missing keys take their defaults."""
    return _build(PipelineConfig, data, "")


def config_from_toml(text: str, origin: str = "config") -> PipelineConfig:
    """Parse and validate TOML text (the flow reads the file; this module does no I/O)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{origin}: not valid TOML: {exc}") from exc
    return config_from_dict(data)
