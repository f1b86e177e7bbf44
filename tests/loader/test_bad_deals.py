"""Every malformed deal file under tests/fixtures/bad-deals yields its located one-line errors and exit 2.

Each file ends with `# expect: LINE:COL: field: message` comments: exactly those lines must be reported.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.clirunner import run

BAD = sorted((Path(__file__).parent.parent / "fixtures" / "bad-deals").glob("*.yaml"))


def expectations(path: Path) -> list[str]:
    return [
        f"{path}:{line.removeprefix('# expect: ').rstrip()}"
        for line in path.read_text().splitlines()
        if line.startswith("# expect: ")
    ]


def test_corpus_is_large_enough() -> None:
    assert len(BAD) >= 30


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_bad_deal_is_reported_with_its_location(path: Path) -> None:
    result = run("validate", str(path))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == expectations(path)
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("path", BAD[:5], ids=[p.stem for p in BAD[:5]])
def test_bad_deal_json_lists_the_same_problems(path: Path) -> None:
    result = run("validate", str(path), "--json")
    assert result.exit_code == 2
    payload = json.loads(result.stdout)
    assert payload["ok"] is False
    rendered = [
        f"{p['file']}:{p['line']}:{p['column']}: {p['field']}: {p['message']}" for p in payload["error"]["problems"]
    ]
    assert rendered == expectations(path)


def test_missing_file_is_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    result = run("validate", str(missing))
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{missing}: (file): file not found; check the path"


def test_binary_file_is_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.yaml"
    junk.write_bytes(b"name: x\n\xff\xfe\x00garbage")
    result = run("validate", str(junk))
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{junk}:2: (file): not UTF-8 text; save the file as UTF-8"


def test_huge_file_is_refused_before_parsing(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("name: x\n" + "# padding\n" * 120_000)
    result = run("validate", str(big))
    assert result.exit_code == 2
    assert "a deal file may be at most 1,048,576" in result.stderr


def test_deeply_nested_file_is_refused(tmp_path: Path) -> None:
    deep = tmp_path / "deep.yaml"
    deep.write_text("name: " + "[" * 200 + "]" * 200 + "\n")
    result = run("validate", str(deep))
    assert result.exit_code == 2
    assert "nested more than 64 levels deep" in result.stderr


def test_json_deal_files_are_located_too(tmp_path: Path) -> None:
    text = """{
  "name": "json deal",
  "buyer": {"agents": 10},
  "offers": {
    "a": {
      "term_months": 12,
      "licenses": [{"name": "agent", "quantity": 10, "unit_price": -5}]
    }
  }
}
"""
    bad = tmp_path / "deal.json"
    bad.write_text(text)
    result = run("validate", str(bad))
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{bad}:7:68: offers.a.licenses[0].unit_price: must be >= 0 (got -5)"
    good = tmp_path / "good.json"
    good.write_text(text.replace("-5", "5"))
    assert run("validate", str(good)).exit_code == 0


def test_yaml_alias_bomb_is_refused(tmp_path: Path) -> None:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text("\n".join(lines) + "\n")  # 9^9 = 387 million strings if expanded
    result = run("validate", str(bomb))
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"{bomb}:5:12: e[1]: expands to more than 20,000 values (aliases repeated too often); write it out plainly"
    )
