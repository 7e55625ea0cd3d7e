"""The core knows nothing of chat platforms, SQL or schedulers: standard library only."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parents[3] / "bot" / "core"
ALLOWED = set(sys.stdlib_module_names) | {"bot", "fsrs"}


def imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append(node.module)
    return found


def test_core_imports_only_the_standard_library() -> None:
    files = sorted(CORE.rglob("*.py"))
    assert len(files) >= 8
    offenders = [
        f"{path.relative_to(CORE.parent.parent)}: {module}"
        for path in files
        for module in imports(path)
        if module.split(".")[0] not in ALLOWED
        or (module.startswith("bot.") and not module.startswith("bot.core"))
    ]
    assert offenders == []


def test_the_check_catches_a_forbidden_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("import sqlalchemy\nfrom discord import ui\nfrom bot.storage import x\n")
    modules = imports(sample)
    assert modules == ["sqlalchemy", "discord", "bot.storage"]
    assert [m for m in modules if m.split(".")[0] not in ALLOWED] == ["sqlalchemy", "discord"]
