"""Pydantic v2 models of a paperlist record.

The models are the contract with users who load our JSONL into databases and
check it in CI, so they are strict: unknown keys are refused, kinds are closed
enumerations, and every mention must be grounded, i.e. the text it claims to
quote is exactly what sits at its offsets in the record's title or abstract.
A record that lies about its offsets fails validation instead of reaching a
user's database.
"""

from __future__ import annotations

import re
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

SCHEMA_VERSION = "1"

TextField = Literal["title", "abstract"]
UrlKind = Literal["code", "project", "paper"]
ENTITY_FIELDS: tuple[str, ...] = ("methods", "datasets", "metrics", "tasks")

_ID_KEY = re.compile(r"^[a-z][a-z0-9_]{0,31}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Mention(_Strict):
    """A place in the record's text: `record[field][start:end] == text`."""

    field: TextField
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str = Field(min_length=1)

    @model_validator(mode="after")
    def _span_matches_length(self) -> "Mention":
        if self.end - self.start != len(self.text):
            raise ValueError(
                f"mention {self.text!r}: end - start = {self.end - self.start} "
                f"but the text has {len(self.text)} characters"
            )
        return self


class _Named(_Strict):
    name: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)


class Entity(_Named):
    """A named thing found in a paper: canonical name, other surface forms, places."""

    mentions: list[Mention] = Field(min_length=1)


class Method(_Named):
    """A method entity; `proposed` says whether the paper itself introduces it.

    Declared field by field (not as a subclass of Entity) so the output key
    order is name, aliases, proposed, mentions, as the records are written.
    """

    proposed: bool
    mentions: list[Mention] = Field(min_length=1)


class Url(_Strict):
    """A URL found in the text (with its mention) or in metadata (mention null)."""

    url: str = Field(pattern=r"^[A-Za-z][A-Za-z0-9+.-]*://\S+$")
    raw: str = Field(min_length=1)
    kind: UrlKind
    host: str = Field(min_length=1)
    repo: Optional[str] = None
    mention: Optional[Mention] = None


class Source(_Strict):
    """Where the entry came from: file, 0-based entry index in it, 1-based line."""

    path: str
    entry: int = Field(ge=0)
    line: int = Field(ge=1)


class PaperRecord(_Strict):
    """One paper, as written to JSON Lines. Field order is the output key order."""

    schema_version: Literal["1"]
    id: str = Field(pattern=r"^[0-9a-f]{16}$")
    source: Source
    ids: dict[str, str] = Field(default_factory=dict)
    title: str = Field(min_length=1)
    abstract: Optional[str]
    authors: list[str] = Field(default_factory=list)
    published: Optional[str] = None
    categories: list[str] = Field(default_factory=list)
    venue: Optional[str] = None
    methods: list[Method] = Field(default_factory=list)
    datasets: list[Entity] = Field(default_factory=list)
    metrics: list[Entity] = Field(default_factory=list)
    tasks: list[Entity] = Field(default_factory=list)
    urls: list[Url] = Field(default_factory=list)

    @field_validator("ids")
    @classmethod
    def _id_keys(cls, ids: dict[str, str]) -> dict[str, str]:
        for key, value in ids.items():
            if not _ID_KEY.match(key):
                raise ValueError(f"identifier key {key!r} must be lowercase letters, digits, _")
            if not value:
                raise ValueError(f"identifier {key!r} is empty")
        return ids

    @field_validator("published")
    @classmethod
    def _iso_date(cls, value: Optional[str]) -> Optional[str]:
        if value is not None and not _DATE.match(value):
            raise ValueError(f"published {value!r} is not an ISO date (YYYY-MM-DD)")
        return value

    @model_validator(mode="after")
    def _grounded(self) -> "PaperRecord":
        for mention, where in self._all_mentions():
            text = self.title if mention.field == "title" else self.abstract
            if text is None:
                raise ValueError(f"{where}: mention points into a null {mention.field}")
            if text[mention.start : mention.end] != mention.text:
                raise ValueError(
                    f"{where}: {mention.field}[{mention.start}:{mention.end}] is "
                    f"{text[mention.start:mention.end]!r}, not {mention.text!r}"
                )
        return self

    def _all_mentions(self) -> list[tuple[Mention, str]]:
        found: list[tuple[Mention, str]] = []
        for field_name in ENTITY_FIELDS:
            for entity in getattr(self, field_name):
                found.extend((m, f"{field_name} {entity.name!r}") for m in entity.mentions)
        found.extend((u.mention, f"url {u.url!r}") for u in self.urls if u.mention is not None)
        return found
