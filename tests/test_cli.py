"""The CLI through its real entry point: outputs, summaries, errors, exit codes."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from extract.cli import main
from tests.conftest import SAMPLE


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "extract", *args], input=stdin, capture_output=True, timeout=120
    )


def test_version_and_help_answer() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0 and "paperlist" in result.output
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0 and "extract" in result.output


def test_extract_sample_to_file_and_validate(tmp_path: Path) -> None:
    out = tmp_path / "papers.jsonl"
    result = run("extract", str(SAMPLE), "-o", str(out))
    assert result.returncode == 0, result.stderr
    lines = out.read_bytes().splitlines()
    assert len(lines) == 79
    assert b"read 79 entries" in result.stderr and b"79 records, 0 rejects" in result.stderr
    first = json.loads(lines[0])
    assert list(first)[:6] == ["schema_version", "id", "source", "ids", "title", "abstract"]
    assert first["source"] == {"path": str(SAMPLE), "entry": 0, "line": 11}
    valid = CliRunner().invoke(main, ["validate", str(out)])
    assert valid.exit_code == 0


def test_stdin_to_stdout_is_byte_identical_to_file_output(tmp_path: Path) -> None:
    out = tmp_path / "a.jsonl"
    assert run("extract", str(SAMPLE), "-o", str(out)).returncode == 0
    piped = run("extract", "-", stdin=SAMPLE.read_bytes())
    assert piped.returncode == 0
    file_lines = [json.loads(x) for x in out.read_bytes().splitlines()]
    pipe_lines = [json.loads(x) for x in piped.stdout.splitlines()]
    for a, b in zip(file_lines, pipe_lines):
        a["source"]["path"] = b["source"]["path"] = "x"
    assert file_lines == pipe_lines


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", b"empty input"),
        (b"   \n\n  \n", b"empty input"),
        (b"\x00\x01\x02\x03binary\x00\x00\xff\xfe\x00" * 50, b"binary"),
        (bytes(range(128, 256)) * 50, b"not valid UTF-8"),
    ],
)
def test_unusable_input_is_one_line_exit_2_and_no_output(tmp_path: Path, content: bytes, message: bytes) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    out = tmp_path / "out.jsonl"
    result = run("extract", str(bad), "-o", str(out))
    assert result.returncode == 2
    assert message in result.stderr and str(bad).encode() in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and b"Traceback" not in result.stderr
    assert not out.exists() and list(tmp_path.iterdir()) == [bad]


def test_missing_input_is_checked_before_anything_is_written(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = run("extract", str(SAMPLE), str(tmp_path / "nope.txt"), "-o", str(out))
    assert result.returncode == 2
    assert b"nope.txt: no such file" in result.stderr and b"Traceback" not in result.stderr
    assert not out.exists()


def test_unwritable_output_directory_is_exit_2(tmp_path: Path) -> None:
    result = run("extract", str(SAMPLE), "-o", str(tmp_path / "missing-dir" / "out.jsonl"))
    assert result.returncode == 2 and b"does not exist" in result.stderr


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    result = run("extract", str(SAMPLE), "--format", "nosuch", "-o", str(tmp_path / "o.jsonl"))
    assert result.returncode == 2 and b"unknown format 'nosuch'" in result.stderr
    assert not (tmp_path / "o.jsonl").exists()


def test_rejects_file_and_strict_exit(tmp_path: Path) -> None:
    listing = tmp_path / "broken.txt"
    abstract = "We study a hard problem in depth. We propose a method. It works well on many benchmarks. " * 4
    listing.write_text(f"A Good Title\n\n{abstract}\n\nOrphan Title\n\nAnother Title\n\n{abstract}\n", "utf-8")
    rejects = tmp_path / "rejects.jsonl"
    out = tmp_path / "out.jsonl"
    result = run("extract", str(listing), "-o", str(out), "--rejects", str(rejects), "--format", "hf-page")
    assert result.returncode == 0
    assert b"read 3 entries" in result.stderr and b"2 records, 1 rejects" in result.stderr
    assert b"title with no abstract after it: 1" in result.stderr
    reject = json.loads(rejects.read_bytes())
    assert reject["reason"] == "title with no abstract after it"
    assert reject["source"] == {"path": str(listing), "entry": 1, "line": 5}
    strict = run("extract", str(listing), "-o", str(out), "--strict", "--format", "hf-page")
    assert strict.returncode == 1


def test_validate_reports_bad_lines(tmp_path: Path, sample_records: list[dict]) -> None:
    record = dict(sample_records[0])
    record["methods"] = [dict(m) for m in record["methods"]]
    mention = dict(record["methods"][0]["mentions"][0])
    mention["start"] += 1
    mention["end"] += 1
    record["methods"][0]["mentions"] = [mention]
    unknown_kind = json.loads(json.dumps(sample_records[0]))
    unknown_kind["urls"][0]["kind"] = "blog"
    missing = {k: v for k, v in sample_records[1].items() if k != "title"}
    path = tmp_path / "records.jsonl"
    lines = [json.dumps(sample_records[2]), json.dumps(record), json.dumps(unknown_kind), json.dumps(missing), "{broken"]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 1
    reported = {line.split(":")[0] for line in result.stdout.splitlines()}
    assert reported == {"line 2", "line 3", "line 4", "line 5"}
    assert "] is " in result.stdout and ", not " in result.stdout  # the grounding message names the mismatch
    assert result.stderr.strip() == f"paperlist: {path}: 5 records, 4 invalid ({len(result.stdout.splitlines())} problems)"


@pytest.mark.parametrize("content", [b"\x00\x01\x02" * 100, b"\x1f\x8b\x08\x00compressed"])
def test_validate_refuses_binary_in_one_line(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "records.jsonl"
    path.write_bytes(content)
    result = run("validate", str(path))
    assert result.returncode == 2 and result.stdout == b""
    assert result.stderr.decode().splitlines() == [f"paperlist: error: {path}: binary data, not JSON Lines records; give the file paperlist extract wrote"]


def test_validate_counts_records(tmp_path: Path, sample_records: list[dict]) -> None:
    path = tmp_path / "records.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in sample_records), "utf-8")
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 0 and result.stderr.strip() == f"paperlist: {path}: 79 records, all valid"


def test_schema_command_matches_committed_file() -> None:
    committed = (Path(__file__).resolve().parent.parent / "schemas" / "paperlist.schema.json").read_text("utf-8")
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0
    assert result.output == committed, "schemas/paperlist.schema.json is stale: run `paperlist schema > schemas/paperlist.schema.json`"


def test_cp1252_input_is_decoded_with_a_note(tmp_path: Path) -> None:
    listing = tmp_path / "latin.txt"
    abstract = "We study caf\u00e9 r\u00e9sum\u00e9 parsing with a na\u00efve baseline. It works well. " * 6
    listing.write_bytes(f"A Title\n\n{abstract}\n".encode("cp1252"))
    result = run("extract", str(listing), "-o", str(tmp_path / "o.jsonl"))
    assert result.returncode == 0
    assert b"decoded as cp1252" in result.stderr
    record = json.loads((tmp_path / "o.jsonl").read_bytes())
    assert "caf\u00e9" in record["abstract"]


def test_jobs_2_output_equals_jobs_1(tmp_path: Path) -> None:
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert run("extract", str(SAMPLE), "-o", str(one), "--jobs", "1").returncode == 0
    assert run("extract", str(SAMPLE), "-o", str(two), "--jobs", "2").returncode == 0
    assert one.read_bytes() == two.read_bytes()


def test_a_device_output_is_written_in_place_not_replaced(tmp_path: Path) -> None:
    """`-o /dev/null` must not rename a temporary file over the device node."""
    before = Path("/dev/null").stat()
    result = run("extract", str(SAMPLE), "-o", "/dev/null")
    after = Path("/dev/null").stat()
    assert result.returncode == 0, result.stderr
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)
    assert list(tmp_path.iterdir()) == []


def test_a_fifo_output_streams_every_record(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    copy = tmp_path / "received.jsonl"
    with copy.open("wb") as sink:
        reader = subprocess.Popen(["cat", str(fifo)], stdout=sink)
        result = run("extract", str(SAMPLE), "-o", str(fifo), "--quiet")
        reader.wait(timeout=60)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode) and len(copy.read_bytes().splitlines()) == 79


def test_a_full_device_is_one_line_exit_2_and_stays_a_device() -> None:
    result = run("extract", str(SAMPLE), "-o", "/dev/full")
    errors = result.stderr.decode().strip().splitlines()
    assert result.returncode == 2 and errors == ["paperlist: error: /dev/full: write failed (No space left on device)"]
    assert stat.S_ISCHR(Path("/dev/full").stat().st_mode)


def _stderr_on_a_terminal(args: list[str]) -> tuple[int, str]:
    """Run the CLI with stderr on a pseudo-terminal; (exit status, what the terminal showed)."""
    import pty

    controller, terminal = pty.openpty()
    with subprocess.Popen([sys.executable, "-m", "extract", *args], stdout=subprocess.DEVNULL, stderr=terminal) as proc:
        os.close(terminal)
        shown = b""
        while True:
            try:
                chunk = os.read(controller, 4096)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            shown += chunk
        status = proc.wait(timeout=120)
    os.close(controller)
    return status, shown.decode("utf-8", "replace")


def test_a_long_run_shows_a_progress_bar_on_a_terminal_and_quiet_silences_it(tmp_path: Path) -> None:
    listing = tmp_path / "long.txt"
    listing.write_bytes(SAMPLE.read_bytes() * 8)  # long enough to outlast the bar's 2 s delay
    status, shown = _stderr_on_a_terminal(["extract", str(listing), "-o", str(tmp_path / "out.jsonl")])
    assert status == 0, shown
    assert " entries" in shown and "\r" in shown  # tqdm redraws the bar in place
    assert shown.splitlines()[-1].startswith("paperlist: read ")  # the summary line stays
    status, shown = _stderr_on_a_terminal(["extract", str(listing), "-o", str(tmp_path / "out.jsonl"), "--quiet"])
    assert status == 0 and shown == ""


@pytest.mark.parametrize(
    ("name", "content"),
    [
        (
            "refs.bib",
            "@article{k1,\n  title = {Settlement of Soft Clay under Embankments},\n"
            "  url = {https://www.sciencedirect.com/science/article/pii/S0266352X25001234},\n"
            "  abstract = {We model consolidation. Code: https://github.com/zorblax/consol.},\n}\n",
        ),
        (
            "list.md",
            "# Reading list\n\n- [Settlement of Soft Clay under Embankments]"
            "(https://www.sciencedirect.com/science/article/pii/S0266352X25001234) "
            "[[code](https://github.com/zorblax/consol)]\n",
        ),
    ],
)
def test_the_entrys_own_address_on_a_publishers_site_is_its_paper_link(tmp_path: Path, name: str, content: str) -> None:
    """A BibTeX `url` or a list item's title link is the paper, not a project page to score."""
    source = tmp_path / name
    source.write_text(content, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["extract", str(source), "-o", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    (record,) = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    kinds = {u["url"]: u["kind"] for u in record["urls"]}
    assert kinds == {
        "https://www.sciencedirect.com/science/article/pii/S0266352X25001234": "paper",
        "https://github.com/zorblax/consol": "code",
    }
