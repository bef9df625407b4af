"""Scaffolding: replaced by the real decoder (being written now)."""

from __future__ import annotations

from dataclasses import dataclass, field

from cleaners.config import DecodeConfig


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    repairs: dict[str, int] = field(default_factory=dict)


def decode_bytes(raw: bytes, config: DecodeConfig, kind: str = "text") -> Decoded:
    return Decoded(raw.decode("utf-8", "replace").replace("\r\n", "\n"), "utf-8")
