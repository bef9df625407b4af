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
