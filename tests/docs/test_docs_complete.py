"""The docs keep up with the product: generated reference is current, every command is documented."""

from __future__ import annotations

from principal.cli.app import app
from principal.reports.schema_reference import markdown_reference
from tests.conftest import ROOT


def test_deal_file_reference_is_generated_from_the_model() -> None:
    assert (ROOT / "docs" / "deal-file.md").read_text() == markdown_reference(), (
        "docs/deal-file.md is stale: run `principal schema --markdown > docs/deal-file.md`"
    )


def test_every_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text()
    names = [c.name for c in app.registered_commands] + [g.name for g in app.registered_groups]
    assert names, "no commands registered"
    missing = [n for n in names if n and f"`principal {n}" not in readme]
    assert not missing, f"commands missing from README.md: {missing}"


def test_readme_gives_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text()
    assert "bash scripts/demo" in readme and "bash scripts/check" in readme
    assert (ROOT / "scripts" / "demo").exists() and (ROOT / "scripts" / "check").exists()
    assert "scripts/check" in (ROOT / ".ci" / "run").read_text()


def test_deal_file_reference_lists_every_enum_value_and_resolves_links() -> None:
    import re

    from principal.model import Deal

    text = markdown_reference()
    defs = Deal.model_json_schema()["$defs"]
    enums = {name: body["enum"] for name, body in defs.items() if "enum" in body}
    assert {"SurchargeKind", "BillingTiming", "RenewalPrice", "TrueUpBasis"} <= set(enums)
    for name, values in enums.items():
        listed = "one of " + ", ".join(f"`{v}`" for v in values)
        assert listed in text, f"{name}: its values are not listed as {listed!r}"
    sections = {line[3:].strip().lower() for line in text.splitlines() if line.startswith("## ")}
    links = set(re.findall(r"\]\(#([a-z0-9]+)\)", text))
    assert links and links <= sections, f"links without a section: {sorted(links - sections)}"
