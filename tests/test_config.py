"""The typed config: defaults, validation errors that name the key, a stable hash."""

from __future__ import annotations

import pytest

from cleaners.config import ConfigError, PipelineConfig, config_from_dict, config_from_toml


def test_defaults_load_from_empty_toml():
    assert config_from_toml("") == PipelineConfig()


def test_values_are_read_per_section():
    config = config_from_toml("[classifier]\nkeep_threshold = 0.7\n[language]\nsample_chars = 500\n")
    assert config.classifier.keep_threshold == 0.7
    assert config.language.sample_chars == 500
    assert config.spam == PipelineConfig().spam


def test_unknown_key_is_an_error_naming_it():
    with pytest.raises(ConfigError, match=r"classifier\.keep_treshold"):
        config_from_dict({"classifier": {"keep_treshold": 0.5}})


def test_unknown_section_is_an_error_naming_it():
    with pytest.raises(ConfigError, match="unknown key bolierplate"):
        config_from_dict({"bolierplate": {}})


def test_wrong_type_is_an_error_naming_the_key():
    with pytest.raises(ConfigError, match=r"language\.sample_chars: expected int, got str"):
        config_from_dict({"language": {"sample_chars": "many"}})


def test_bool_is_not_accepted_as_int():
    with pytest.raises(ConfigError, match="sample_chars"):
        config_from_dict({"language": {"sample_chars": True}})


def test_none_disables_optional_limits_only():
    assert config_from_dict({"decode": {"max_input_bytes": None}}).decode.max_input_bytes is None
    with pytest.raises(ConfigError, match="may not be null"):
        config_from_dict({"language": {"seed": None}})


def test_invalid_toml_is_a_config_error():
    with pytest.raises(ConfigError, match="not valid TOML"):
        config_from_toml("[classifier\n")


def test_hash_is_stable_and_changes_with_settings():
    assert PipelineConfig().sha256() == PipelineConfig().sha256()
    changed = config_from_dict({"classifier": {"keep_threshold": 0.9}})
    assert changed.sha256() != PipelineConfig().sha256()


# ---- config --show and the README's key table (flows/configdoc.py) ------------------------------

def test_config_show_prints_the_effective_config_as_loadable_toml(capsys, tmp_path):
    from flows.clean import main

    assert main(["config", "--show"]) == 0
    shown = capsys.readouterr().out
    assert config_from_toml(shown) == PipelineConfig()
    assert f"config_sha256 = {PipelineConfig().sha256()}" in shown
    assert "[filters]\n" in shown and "# min_words = (none: off)" in shown
    custom = tmp_path / "custom.toml"
    custom.write_text('[classifier]\nkeep_threshold = 0.7\n[filters]\nlanguages = ["en", "de"]\nmin_words = 50\n')
    assert main(["config", "--show", "--config", str(custom)]) == 0
    shown = capsys.readouterr().out
    assert "keep_threshold = 0.7  #" in shown and 'languages = ["en", "de"]  #' in shown
    assert config_from_toml(shown) == config_from_toml(custom.read_text())


@pytest.mark.parametrize("text, message", [
    ("[classifier]\nkeep_treshold = 0.5\n", "unknown key classifier.keep_treshold"),
    ("[language]\nsample_chars = \"many\"\n", "language.sample_chars: expected int, got str"),
])
def test_config_show_reports_a_bad_config_naming_the_key(capsys, tmp_path, text, message):
    from flows.clean import main

    bad = tmp_path / "bad.toml"
    bad.write_text(text)
    assert main(["config", "--show", "--config", str(bad)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and message in captured.err


def test_every_config_key_is_documented_in_the_code():
    from flows.configdoc import key_docs

    undocumented = [doc.key for doc in key_docs() if not doc.doc]
    assert not undocumented, f"add a trailing comment to these fields in cleaners/config.py: {undocumented}"


def test_readme_documents_every_config_key_with_its_default():
    from flows.configdoc import README, current_readme_block, key_docs, readme_block

    readme = README.read_text(encoding="utf-8")
    missing = [doc.key for doc in key_docs() if f"| `{doc.key}` |" not in readme]
    assert not missing, f"README lacks {missing}: run python -m flows.configdoc --write"
    assert current_readme_block(readme) == readme_block(), \
        "README's config table is out of date: run python -m flows.configdoc --write"


def test_readme_check_can_fail(tmp_path):
    from flows.configdoc import README, current_readme_block, readme_block, write_readme

    stale = tmp_path / "README.md"
    stale.write_text(README.read_text(encoding="utf-8").replace("| `review.max_documents` |", "| `review.gone` |"))
    assert current_readme_block(stale.read_text()) != readme_block()
    assert write_readme(stale) is True
    assert current_readme_block(stale.read_text()) == readme_block()
