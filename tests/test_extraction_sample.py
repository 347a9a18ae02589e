"""Invariants of the sample's records: all present, valid, grounded, deterministic."""

from __future__ import annotations

from typing import Any

from schemas.record import ENTITY_FIELDS, PaperRecord


def test_every_sample_entry_becomes_a_valid_record(sample_records: list[Any]) -> None:
    assert len(sample_records) == 79
    assert all(isinstance(r, dict) for r in sample_records)
    for record in sample_records:
        PaperRecord.model_validate(record)


def test_every_mention_is_grounded(sample_records: list[dict[str, Any]]) -> None:
    checked = 0
    for record in sample_records:
        for field in ENTITY_FIELDS:
            for entity in record[field]:
                for m in entity["mentions"]:
                    assert record[m["field"]][m["start"] : m["end"]] == m["text"]
                    checked += 1
        for url in record["urls"]:
            m = url["mention"]
            if m is not None:
                assert record[m["field"]][m["start"] : m["end"]] == m["text"] == url["raw"]
                checked += 1
    assert checked > 500


def test_ids_are_stable_and_distinct(sample_records: list[dict[str, Any]]) -> None:
    from extract.ids import paper_id

    ids = [r["id"] for r in sample_records]
    assert len(set(ids)) == 79
    assert paper_id("Learning  to Navigate the **Web**") == paper_id("learning to navigate the web")
    assert ids[0] == paper_id(sample_records[0]["title"])


def test_acronym_definition_gives_one_entity_with_both_forms(sample_records: list[dict[str, Any]]) -> None:
    lmpc = [m for m in sample_records[9]["methods"] if m["name"] == "LMPC"]
    assert len(lmpc) == 1
    assert "Language Model Predictive Control" in lmpc[0]["aliases"]
    assert lmpc[0]["proposed"] is True
    laser = next(m for m in sample_records[0]["methods"] if m["name"] == "LASER")
    assert laser["aliases"] == ["Length-bAsed StEp Reward shaping method"]
    assert len(laser["mentions"]) >= 3


def test_extraction_is_deterministic(extractor: Any, sample_entries: list[Any], sample_records: list[Any]) -> None:
    again = list(extractor.process_many(sample_entries[:20], batch_size=7))
    assert again == sample_records[:20]


def test_records_round_trip_through_json_and_the_models(sample_records: list[dict[str, Any]]) -> None:
    import orjson

    for record in sample_records:
        line = orjson.dumps(record)
        model = PaperRecord.model_validate_json(line)
        assert orjson.dumps(model.model_dump(mode="json")) == line


def test_a_record_with_a_lying_mention_fails_validation(sample_records: list[dict[str, Any]]) -> None:
    import copy

    import pytest
    from pydantic import ValidationError

    record = copy.deepcopy(next(r for r in sample_records if r["methods"]))
    record["methods"][0]["mentions"][0]["text"] = record["methods"][0]["mentions"][0]["text"][::-1] + "x"
    with pytest.raises(ValidationError):
        PaperRecord.model_validate(record)
    record = copy.deepcopy(sample_records[0])
    del record["tasks"]
    record["urls"][0]["kind"] = "blog"
    with pytest.raises(ValidationError):
        PaperRecord.model_validate(record)
