"""Document filters: each rejects with its own reason and keeps everything else."""

from __future__ import annotations

import json
import shutil

import pytest

import sample_run
from cleaners.config import ConfigError, FilterConfig, PipelineConfig, config_from_dict
from cleaners.errors import RejectError
from cleaners.filters import check_document, language_kept, non_letter_share
from cleaners.pipeline import clean_bytes

DROP_DUPLICATES = "[filters]\ndrop_exact_duplicates = true\n"
TEXT = "The village shop now sells its apples online to buyers across the country every week."


def reject_reason(text: str, language: str | None, **settings) -> str | None:
    try:
        check_document(text, language, FilterConfig(**settings))
    except RejectError as exc:
        return exc.reason
    return None


def test_defaults_keep_everything_here():
    assert reject_reason(TEXT, "en") is None
    assert reject_reason("1 2 3 4 5 !!!", None) is None
    assert FilterConfig().drop_exact_duplicates is False  # flows/dedup.py marks duplicates by default


def test_min_words():
    assert reject_reason(TEXT, "en", min_words=15) is None  # 15 words: exactly enough
    assert reject_reason(TEXT, "en", min_words=16) == "too_few_words"


def test_max_non_letter_share():
    assert non_letter_share("ab 12") == 0.5
    assert non_letter_share("   ") == 0.0
    assert reject_reason(TEXT, "en", max_non_letter_share=0.2) is None
    assert reject_reason("Call 555-0100 / 555-0199 now!", "en", max_non_letter_share=0.2) == "too_many_non_letters"


def test_languages():
    assert reject_reason(TEXT, "en", languages=("en", "de")) is None
    assert reject_reason(TEXT, "fr", languages=("en", "de")) == "language_not_kept"
    assert reject_reason(TEXT, None, languages=("en",)) == "language_not_kept"
    assert language_kept("zh-cn", ("zh",)) and language_kept("zh-cn", ("ZH-CN",)) and not language_kept("zh-tw", ("zh-cn",))


def test_filters_run_in_clean_bytes_after_the_steps():
    raw = (sample_run.RAW / "002_3974dbdcd6277b05.txt").read_bytes()
    base = {} if sample_run.model_available() else {"classifier": {"enabled": False}}
    kept = clean_bytes(raw, "a", "a.txt", "text", config_from_dict({**base, "filters": {"min_words": 100}}))
    assert kept.document.metadata["language"] == "en"
    with pytest.raises(RejectError) as exc:
        clean_bytes(raw, "a", "a.txt", "text", config_from_dict({**base, "filters": {"languages": ["de"]}}))
    assert exc.value.reason == "language_not_kept" and "language en" in exc.value.detail


def test_filter_config_is_typed():
    assert config_from_dict({"filters": {"languages": ["en", "de"]}}).filters.languages == ("en", "de")
    with pytest.raises(ConfigError, match=r"filters\.languages: expected list or NoneType, got str"):
        config_from_dict({"filters": {"languages": "en"}})
    with pytest.raises(ConfigError, match=r"filters\.languages\[1\]: expected str"):
        config_from_dict({"filters": {"languages": ["en", 1]}})
    with pytest.raises(ConfigError, match=r"filters\.min_words: expected int"):
        config_from_dict({"filters": {"min_words": 2.5}})
    assert PipelineConfig().sha256() != config_from_dict({"filters": {"min_words": 1}}).sha256()


def _records(out):
    return [json.loads(line) for line in (out / "corpus.jsonl").read_text().splitlines()]


def _rejects(out):
    return {r["source"]: r for r in map(json.loads, (out / "rejects.jsonl").read_text().splitlines())}


@pytest.fixture()
def with_copies(tmp_path):
    """Three samples plus two byte-identical copies under other names (ids sort after the original)."""
    inp = tmp_path / "raw"
    (inp / "z").mkdir(parents=True)
    samples = sorted(sample_run.RAW.glob("*.txt"))[:3]
    for path in samples:
        shutil.copy(path, inp / path.name)
    shutil.copy(samples[1], inp / "z" / "copy.txt")
    shutil.copy(samples[1], inp / "zz-copy.txt")
    return inp, samples


def test_exact_duplicates_are_dropped_at_merge_keeping_the_first_id(with_copies, tmp_path):
    inp, samples = with_copies
    out = tmp_path / "clean"
    report = sample_run.run(inp, out, DROP_DUPLICATES)
    assert [r["id"] for r in _records(out)] == [p.stem for p in samples]
    rejects = _rejects(out)
    assert {s: r["reason"] for s, r in rejects.items()} == {"z/copy.txt": "duplicate_text", "zz-copy.txt": "duplicate_text"}
    assert rejects["z/copy.txt"]["raw_sha256"] is None  # redone on a rerun, never carried over
    assert report["documents"] == 3 and report["rejects_by_reason"] == {"duplicate_text": 2}
    assert not (out / "docs" / "z").exists() and not (out / "docs" / "zz-copy.txt").exists()
    # the original goes: on the next run the first copy by id is the one kept
    (inp / samples[1].name).unlink()
    sample_run.run(inp, out, DROP_DUPLICATES)
    assert "z/copy" in [r["id"] for r in _records(out)]
    assert {s: r["reason"] for s, r in _rejects(out).items()} == {"zz-copy.txt": "duplicate_text"}
    assert (out / "docs" / "z" / "copy.txt").is_file()


def test_duplicates_are_kept_by_default(with_copies, tmp_path):
    inp, _samples = with_copies
    out = tmp_path / "clean"
    sample_run.run(inp, out)
    assert len(_records(out)) == 5 and _rejects(out) == {}


def test_languages_option_overrides_the_config(with_copies, tmp_path):
    inp, _samples = with_copies
    out = tmp_path / "clean"
    report = sample_run.run(inp, out, "[filters]\nlanguages = [\"en\"]\n", languages=["de", "fr"])
    assert report["documents"] == 0
    assert report["rejects_by_reason"] == {"language_not_kept": 5}
    kept = sample_run.run(inp, tmp_path / "kept", languages=["EN"])
    assert kept["documents"] == 5
