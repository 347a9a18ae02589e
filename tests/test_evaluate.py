"""Scoring against gold: hand-counted cases on real gold lines, the CLI, and gold scored against itself.

The hand-made cases take real papers from fixtures/seed-gold.jsonl and give
them outputs chosen to hit one scoring rule each; the expected counts are
worked out by hand in each test from ANNOTATION.md "How the gold is scored".
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from extract.cli import main
from extract.errors import InputError, UsageError
from extract.evaluate import (
    FIELDS,
    FieldScore,
    GoldPaper,
    gold_paper,
    load_gold,
    normalise_name,
    normalise_url,
    score,
    score_files,
)
from tests.conftest import GOLD


def entity(name: str, *aliases: str, mentions: tuple[str, ...] = (), proposed: bool | None = None) -> dict[str, Any]:
    """An output entity shaped like a record's; mentions carry only their text (all the scorer reads)."""
    out: dict[str, Any] = {
        "name": name,
        "aliases": list(aliases),
        "mentions": [{"field": "abstract", "start": 0, "end": len(t), "text": t} for t in mentions],
    }
    if proposed is not None:
        out["proposed"] = proposed
    return out


def url(address: str, kind: str) -> dict[str, Any]:
    return {"url": address, "raw": address, "kind": kind, "host": "", "repo": None, "mention": None}


def record(title: str, **fields: list[dict[str, Any]]) -> dict[str, Any]:
    base: dict[str, Any] = {"title": title, "methods": [], "datasets": [], "metrics": [], "tasks": [], "urls": []}
    base.update(fields)
    return base


def perfect_record(line: dict[str, Any]) -> dict[str, Any]:
    """What a flawless extractor would write for a gold line: each required entity once, every URL."""
    out = record(line["title"])
    for name in ("methods", "datasets", "metrics", "tasks"):
        for forms in line[name]["required"]:
            proposed = forms in line["proposed_methods"] if name == "methods" else None
            out[name].append(entity(forms[0], *forms[1:], proposed=proposed))
    out["urls"] = [url(u, "code") for u in line["code_urls"]] + [url(u, "project") for u in line["project_urls"]]
    return out


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    return str(path)


def counts(s: FieldScore) -> tuple[int, int, int]:
    return (s.tp, s.fp, s.fn)


@pytest.fixture(scope="module")
def papers(gold: list[dict[str, Any]]) -> dict[int, GoldPaper]:
    return {line["entry"]: gold_paper(line) for line in gold}


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("gradient-descent", "gradient descent"),
        ("Gradient  Descent", "gradient descent"),
        ("DeepSeek\u2011R1\u2011Distill\u2011Qwen\u20117B", "deepseek r1 distill qwen 7b"),
        ("LASER\u2013D", "laser d"),
        ("x \u2212 y", "x y"),
        ("The ImageNet benchmark.", "imagenet benchmark"),
        ("(LMPC)", "lmpc"),
        ("\u201cquoted\u201d", "\u201cquoted\u201d"),
        ("\"SWE-bench\"", "swe bench"),
        ("\uff2c\uff4f\uff32\uff21", "lora"),
        ("theory of mind", "theory of mind"),
    ],
)
def test_name_normalisation(written: str, key: str) -> None:
    assert normalise_name(written) == key


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("https://robot-teaching.github.io/", "https://robot-teaching.github.io"),
        ("HTTPS://GitHub.com/hkust-nlp/Laser", "https://github.com/hkust-nlp/Laser"),
        ("https://jhaoshao.github.io/ChronoDepth/", "https://jhaoshao.github.io/ChronoDepth"),
        ("https://github.com/OpenAI/CLIP//", "https://github.com/OpenAI/CLIP/"),
        ("http://vpg.cs.princeton.edu", "http://vpg.cs.princeton.edu"),
    ],
)
def test_url_normalisation(written: str, key: str) -> None:
    assert normalise_url(written) == key


def test_field_score_empty_denominators_count_as_perfect() -> None:
    nothing = FieldScore(0, 0, 0)
    assert (nothing.p, nothing.r, nothing.f1) == (1.0, 1.0, 1.0)
    all_missed = FieldScore(0, 0, 3)
    assert (all_missed.p, all_missed.r, all_missed.f1) == (1.0, 0.0, 0.0)
    all_wrong = FieldScore(0, 2, 0)
    assert (all_wrong.p, all_wrong.r, all_wrong.f1) == (0.0, 1.0, 0.0)


def test_optional_entity_is_neither_rewarded_nor_a_false_positive(papers: dict[int, GoldPaper]) -> None:
    # Entry 0: 5 required methods; "CoT" is optional. One required found, nothing wrong.
    paper = papers[0]
    report = score([record(paper.title, methods=[entity("LASER"), entity("CoT")])], [paper])
    methods = report.fields["methods"]
    assert counts(methods) == (1, 0, 4)
    assert methods.p == 1.0 and methods.r == pytest.approx(1 / 5)
    assert methods.f1 == pytest.approx(2 * 1.0 * 0.2 / 1.2)


def test_one_output_whose_aliases_match_two_gold_entities_scores_both(papers: dict[int, GoldPaper]) -> None:
    # Entry 0: "LASER" and "LASER-D" are separate required entities; one output naming both hits both.
    paper = papers[0]
    out = entity("Length-bAsed StEp Reward shaping method", "Dynamic and Difficulty-aware")
    methods = score([record(paper.title, methods=[out])], [paper]).fields["methods"]
    assert counts(methods) == (2, 0, 3)
    assert methods.f1 == pytest.approx(2 * 1.0 * 0.4 / 1.4)


def test_two_outputs_on_one_gold_entity_count_once(papers: dict[int, GoldPaper]) -> None:
    paper = papers[0]
    outs = [entity("LASER"), entity("Length-bAsed StEp Reward shaping method")]
    assert counts(score([record(paper.title, methods=outs)], [paper]).fields["methods"]) == (1, 0, 4)


def test_output_matches_through_a_mention_text_and_normalisation(papers: dict[int, GoldPaper]) -> None:
    # Neither name matches; the mention "LASER-D" and the non-breaking-hyphen form of the 7B model do.
    paper = papers[0]
    outs = [
        entity("LASER-D reward", mentions=("LASER-D",)),
        entity("deepseek\u2011r1\u2011distill\u2011qwen\u20117b"),
        entity("length penalty"),
    ]
    report = score([record(paper.title, methods=outs)], [paper])
    assert counts(report.fields["methods"]) == (2, 1, 3)
    assert [(e.kind, e.text) for e in report.errors if e.field == "methods" and e.kind == "fp"] == [
        ("fp", "length penalty")
    ]


def test_records_pair_by_normalised_title_and_unpaired_records_are_ignored(papers: dict[int, GoldPaper]) -> None:
    paper = papers[9]
    written = "Learning to learn faster from human feedback with *Language Model Predictive Control*"
    stray = record("A paper that is not in the gold", methods=[entity("Nonexistent-Net")])
    report = score([stray, record(written, methods=[entity("LMPC")])], [paper])
    assert counts(report.fields["methods"]) == (1, 0, 1)
    assert report.unmatched_gold == []


def test_unmatched_gold_counts_every_required_entity_and_url_as_missed(papers: dict[int, GoldPaper]) -> None:
    # Entry 0 scored perfectly; entry 9 has no record: 2 methods, 2 metrics, 1 project URL missed.
    found = record(
        papers[0].title,
        methods=[entity(forms[0]) for forms in papers[0].methods.required],
        datasets=[entity("AIME2024")],
        metrics=[entity("token usage")],
        tasks=[entity("efficient reasoning")],
        urls=[url("https://github.com/hkust-nlp/Laser", "code")],
    )
    report = score([found], [papers[0], papers[9]])
    assert [(g.entry, g.title) for g in report.unmatched_gold] == [(9, papers[9].title)]
    assert counts(report.fields["methods"]) == (5, 0, 2)
    assert counts(report.fields["metrics"]) == (1, 0, 2)
    assert counts(report.fields["project_urls"]) == (0, 0, 1)
    assert report.fields["project_urls"].r == 0.0 and report.fields["project_urls"].p == 1.0
    assert counts(report.fields["proposed"]) == (0, 0, 3)
    missed_9 = {(e.field, e.text) for e in report.errors if e.entry == 9}
    assert ("methods", "PaLM 2") in missed_9 and ("project_urls", "https://robot-teaching.github.io/") in missed_9
    assert all(e.kind == "fn" for e in report.errors if e.entry == 9)


def test_urls_compare_after_host_case_and_trailing_slash(papers: dict[int, GoldPaper]) -> None:
    # Entry 0 code URL written with a capitalised host and a trailing slash: a hit.
    # Entry 10 project URL with its path lower-cased: a different URL (one FP, one FN).
    # Entry 12's code URL labelled as a project page: FP in project_urls, FN in code_urls.
    # A `paper` link is never scored.
    records = [
        record(papers[0].title, urls=[url("https://GitHub.com/hkust-nlp/Laser/", "code")]),
        record(papers[10].title, urls=[url("https://jhaoshao.github.io/chronodepth/", "project")]),
        record(
            papers[12].title,
            urls=[url("https://github.com/OpenAI/CLIP", "project"), url("https://arxiv.org/abs/2103.00020", "paper")],
        ),
    ]
    report = score(records, [papers[0], papers[10], papers[12]])
    assert counts(report.fields["code_urls"]) == (1, 0, 1)
    assert counts(report.fields["project_urls"]) == (0, 2, 1)
    assert report.fields["project_urls"].f1 == 0.0
    assert report.fields["code_urls"].f1 == pytest.approx(2 * 1.0 * 0.5 / 1.5)


def test_proposed_scores_required_proposed_methods_and_tolerates_optional_ones(
    papers: dict[int, GoldPaper],
) -> None:
    records = [
        # Entry 9: LMPC is proposed but not marked (FN); PaLM 2 is a required, non-proposed method marked (FP).
        record(
            papers[9].title,
            methods=[entity("LMPC", proposed=False), entity("PaLM 2", proposed=True)],
        ),
        # Entry 11: MoT found (TP); "MoT inference" is proposed but only an optional method: no FP, no reward.
        record(
            papers[11].title,
            methods=[entity("Mixture-of-Thought", "MoT", proposed=True), entity("MoT inference", proposed=True)],
        ),
        # Entry 12: CLIP proposed yet optional (no FP); ResNet-50 is not proposed (FP).
        record(
            papers[12].title,
            methods=[entity("ResNet-50", proposed=True), entity("CLIP", proposed=True)],
        ),
    ]
    report = score(records, [papers[9], papers[11], papers[12]])
    proposed = report.fields["proposed"]
    assert counts(proposed) == (1, 2, 1)
    assert proposed.p == pytest.approx(1 / 3) and proposed.r == pytest.approx(1 / 2)
    assert proposed.f1 == pytest.approx(0.4)
    assert counts(report.fields["methods"]) == (4, 0, 0)
    assert {(e.entry, e.kind, e.text) for e in report.errors if e.field == "proposed"} == {
        (9, "fn", "Language Model Predictive Control"),
        (9, "fp", "PaLM 2"),
        (12, "fp", "ResNet-50"),
    }


def test_field_with_nothing_to_count_is_perfect(papers: dict[int, GoldPaper]) -> None:
    # Entry 2 has no required methods, datasets or metrics; its optional Transformers is output.
    paper = papers[2]
    report = score([record(paper.title, methods=[entity("Transformers")])], [paper])
    for name in ("methods", "datasets", "metrics", "tasks", "project_urls", "proposed"):
        s = report.fields[name]
        assert counts(s) == (0, 0, 0) and (s.p, s.r, s.f1) == (1.0, 1.0, 1.0), name
    assert counts(report.fields["code_urls"]) == (0, 0, 1)


def test_gold_scored_against_itself_is_perfect(gold: list[dict[str, Any]]) -> None:
    papers = [gold_paper(line) for line in gold]
    report = score([perfect_record(line) for line in gold], papers)
    assert set(report.fields) == set(FIELDS)
    for name, s in report.fields.items():
        assert s.f1 == 1.0, (name, s)
    assert report.errors == [] and report.unmatched_gold == []
    assert report.fields["methods"].tp == sum(len(line["methods"]["required"]) for line in gold)
    assert report.fields["proposed"].tp > 0 and report.fields["code_urls"].tp > 0


def test_load_gold_reads_the_seed_gold() -> None:
    papers = load_gold(str(GOLD))
    assert [p.entry for p in papers] == list(range(79))
    assert papers[0].methods.required[0] == ("Length-bAsed StEp Reward shaping method", "LASER")
    assert papers[9].project_urls == ("https://robot-teaching.github.io/",)


@pytest.mark.parametrize(
    ("second_line", "message"),
    [
        ("{not json", r":2: not JSON"),
        ('{"entry": 1, "title": "x"}', r":2: bad gold line: missing key\(s\) methods"),
        ("[1, 2]", r":2: bad gold line: a gold line must be a JSON object"),
        ("DUPLICATE", r":2: title repeats line 1"),
        ("PROPOSED_NOT_IN_METHODS", r":2: bad gold line: proposed_methods: \['Nonexistent-Net'\] is not in methods"),
        ("EMPTY_ENTITY", r":2: bad gold line: methods.required\[0\]: an entity must be a non-empty list"),
    ],
)
def test_broken_gold_lines_name_the_file_and_line(
    tmp_path: Path, gold: list[dict[str, Any]], second_line: str, message: str
) -> None:
    first = dict(gold[0])
    if second_line == "DUPLICATE":
        second_line = json.dumps(first)
    elif second_line == "PROPOSED_NOT_IN_METHODS":
        second_line = json.dumps({**gold[1], "proposed_methods": [["Nonexistent-Net"]]})
    elif second_line == "EMPTY_ENTITY":
        second_line = json.dumps({**gold[1], "methods": {"required": [[]], "optional": []}})
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(first) + "\n" + second_line + "\n", "utf-8")
    with pytest.raises(InputError, match=re.escape(str(path)) + message):
        load_gold(str(path))


def test_missing_files_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot open"):
        load_gold(str(tmp_path / "nope.jsonl"))
    with pytest.raises(InputError, match="cannot open"):
        score_files(str(tmp_path / "nope.jsonl"), str(GOLD))


def test_score_files_scores_a_subset_of_entries(tmp_path: Path, gold: list[dict[str, Any]]) -> None:
    pred = write_jsonl(tmp_path / "pred.jsonl", [perfect_record(line) for line in gold[:40]])
    first = score_files(pred, str(GOLD), range(0, 40))
    assert all(s.f1 == 1.0 for s in first.fields.values()) and first.unmatched_gold == []
    rest = score_files(pred, str(GOLD), range(40, 79))
    assert [g.entry for g in rest.unmatched_gold] == list(range(40, 79))
    assert rest.fields["methods"].tp == 0
    assert rest.fields["methods"].fn == sum(len(line["methods"]["required"]) for line in gold[40:])
    with pytest.raises(UsageError, match="selects no gold line"):
        score_files(pred, str(GOLD), range(100, 201))


# --- the CLI ---------------------------------------------------------------


@pytest.fixture(scope="module")
def perfect_file(tmp_path_factory: pytest.TempPathFactory, gold: list[dict[str, Any]]) -> str:
    return write_jsonl(tmp_path_factory.mktemp("eval") / "perfect.jsonl", [perfect_record(line) for line in gold])


@pytest.fixture(scope="module")
def flawed_file(tmp_path_factory: pytest.TempPathFactory, gold: list[dict[str, Any]]) -> str:
    """Perfect records except: entry 0 misses its first method, entry 3 gets a wrong dataset, entry 5 is absent."""
    rows = [perfect_record(line) for line in gold if line["entry"] != 5]
    rows[0]["methods"] = rows[0]["methods"][1:]
    rows[3]["datasets"].append(entity("UnifiedQA"))
    return write_jsonl(tmp_path_factory.mktemp("eval") / "flawed.jsonl", rows)


def invoke(*args: str) -> Any:
    return CliRunner().invoke(main, ["evaluate", *args])


def test_cli_table_has_one_aligned_row_per_field(perfect_file: str) -> None:
    result = invoke(perfect_file, str(GOLD))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["field", "P", "R", "F1", "TP", "FP", "FN"]
    assert [line.split()[0] for line in lines[1:]] == list(FIELDS)
    assert all(line.split()[1:4] == ["1.000"] * 3 for line in lines[1:])
    assert len({len(line) for line in lines}) == 1


def test_cli_json_has_exactly_the_fields(flawed_file: str) -> None:
    result = invoke(flawed_file, str(GOLD), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data["fields"]) == list(FIELDS)
    assert all(set(v) == {"p", "r", "f1", "tp", "fp", "fn"} for v in data["fields"].values())
    assert data["fields"]["datasets"]["fp"] == 1
    assert [g["entry"] for g in data["unmatched_gold"]] == [5]
    assert "errors" not in data


def test_cli_errors_lists_every_fp_and_fn_with_its_entry(flawed_file: str, gold: list[dict[str, Any]]) -> None:
    result = invoke(flawed_file, str(GOLD), "--errors")
    assert result.exit_code == 0, result.output
    error_lines = [line for line in result.stdout.splitlines() if re.match(r"entry +\d+ +\w+ +f[pn] ", line)]
    assert len(error_lines) >= 3
    first_method = gold[0]["methods"]["required"][0][0]
    assert any(re.match(rf"entry +0 +methods +fn +{re.escape(first_method)} ", line) for line in error_lines)
    assert any(re.match(r"entry +3 +datasets +fp +UnifiedQA ", line) for line in error_lines)
    assert sum(1 for line in error_lines if re.match(r"entry +5 ", line)) > 0
    data = json.loads(invoke(flawed_file, str(GOLD), "--json", "--errors").stdout)
    assert len(data["errors"]) == len(error_lines)
    wrong_dataset = {"entry": 3, "title": gold[3]["title"], "field": "datasets", "kind": "fp", "text": "UnifiedQA"}
    assert wrong_dataset in data["errors"]


@pytest.mark.parametrize(
    ("which", "minimums", "exit_code", "failing"),
    [
        ("perfect", ["methods=1.0", "proposed=1"], 0, []),
        ("flawed", ["code_urls=0.5"], 0, []),
        ("flawed", ["methods=1.0"], 1, ["methods"]),
        ("flawed", ["methods=1.0", "datasets=0.999", "tasks=0.1"], 1, ["methods", "datasets"]),
    ],
)
def test_cli_min_thresholds_set_the_exit_status(
    perfect_file: str, flawed_file: str, which: str, minimums: list[str], exit_code: int, failing: list[str]
) -> None:
    pred = perfect_file if which == "perfect" else flawed_file
    args = [a for m in minimums for a in ("--min", m)]
    result = invoke(pred, str(GOLD), *args)
    assert result.exit_code == exit_code, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == len(failing)
    assert [line.split()[1] for line in lines] == failing


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--min", "urls=0.5"], "--min 'urls=0.5'"),
        (["--min", "methods"], "--min 'methods'"),
        (["--min", "methods=high"], "must be a number"),
        (["--min", "methods=80"], "between 0 and 1"),
        (["--entries", "39-0"], "--entries '39-0'"),
        (["--entries", "first"], "--entries 'first'"),
        (["--entries", "200-300"], "selects no gold line"),
    ],
)
def test_cli_bad_options_exit_2(perfect_file: str, args: list[str], message: str) -> None:
    result = invoke(perfect_file, str(GOLD), *args)
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.splitlines()) == 1


def test_cli_missing_or_broken_files_exit_2(tmp_path: Path, perfect_file: str) -> None:
    missing = invoke(str(tmp_path / "absent.jsonl"), str(GOLD))
    assert missing.exit_code == 2 and "absent.jsonl: cannot open" in missing.stderr
    broken = tmp_path / "gold.jsonl"
    broken.write_text(GOLD.read_text("utf-8").splitlines()[0] + "\n{broken\n", "utf-8")
    result = invoke(perfect_file, str(broken))
    assert result.exit_code == 2 and f"{broken}:2: not JSON" in result.stderr
    swapped = invoke(str(GOLD), perfect_file)
    assert swapped.exit_code == 2 and "bad gold line" in swapped.stderr


def test_records_file_holding_gold_lines_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r":1: not a paperlist record \(methods is not a list of objects\)"):
        score_files(str(GOLD), str(GOLD))


def test_cli_entries_scores_only_that_range(tmp_path: Path, gold: list[dict[str, Any]]) -> None:
    pred = write_jsonl(tmp_path / "half.jsonl", [perfect_record(line) for line in gold[:40]])
    first = json.loads(invoke(pred, str(GOLD), "--json", "--entries", "0-39").stdout)
    assert all(v["f1"] == 1.0 for v in first["fields"].values()) and first["unmatched_gold"] == []
    rest = json.loads(invoke(pred, str(GOLD), "--json", "--entries", "40-78").stdout)
    assert len(rest["unmatched_gold"]) == 39 and rest["fields"]["methods"]["tp"] == 0


def test_command_modules_import_nothing_heavy() -> None:
    code = (
        "import sys, extract.evaluate, extract.commands.evaluate; "
        "print(sorted({'spacy', 'pydantic', 'sqlalchemy'} & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.strip() == "[]"
