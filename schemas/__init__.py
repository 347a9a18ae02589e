"""Pydantic models of paperlist's output and the exported JSON Schema."""

from schemas.record import (
    ENTITY_FIELDS,
    SCHEMA_VERSION,
    Entity,
    Mention,
    Method,
    PaperRecord,
    Source,
    Url,
)

__all__ = [
    "ENTITY_FIELDS",
    "SCHEMA_VERSION",
    "Entity",
    "Mention",
    "Method",
    "PaperRecord",
    "Source",
    "Url",
]
