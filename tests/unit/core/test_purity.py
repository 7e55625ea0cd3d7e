"""The core knows nothing of chat platforms, SQL or schedulers: standard library only, nearly.

Every .py file under bot/core is parsed (not imported) and each import is checked: the standard
library, `bot.core` itself and the pure computation libraries in ALLOWED_THIRD_PARTY are allowed;
anything else is reported with its file, line and module. Relative imports are resolved, so
`from .. import storage` is caught too.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
CORE = REPO / "bot" / "core"
# Pure computation with no I/O, no global state and no framework: using them keeps the core as
# testable as the standard library does. rapidfuzz scores typos in free-text answers (matching.py).
ALLOWED_THIRD_PARTY = {"fsrs", "rapidfuzz"}


def imported_modules(path: Path, package: str) -> Iterator[tuple[int, str]]:
    """(line, absolute module name) for every import in a file of `package`."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1])
                module = f"{base}.{module}" if module else base
            if node.module and module != "bot":
                yield node.lineno, module
            else:
                # `from bot import storage` and `from .. import x` import the submodules named.
                for alias in node.names:
                    yield node.lineno, f"{module}.{alias.name}"
        elif (name := dynamic_import(node)) is not None:
            yield node.lineno, name


def dynamic_import(node: ast.AST) -> str | None:
    """The module of `importlib.import_module("x")` or `__import__("x")`, if literal."""
    if not isinstance(node, ast.Call) or not node.args:
        return None
    func = node.func
    called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    first = node.args[0]
    if called in {"import_module", "__import__"} and isinstance(first, ast.Constant):
        return str(first.value)
    return None


def allowed(module: str) -> bool:
    top = module.split(".")[0]
    if top == "bot":
        return module == "bot.core" or module.startswith("bot.core.")
    return top in sys.stdlib_module_names or top in ALLOWED_THIRD_PARTY


def offenders(core: Path) -> list[str]:
    """'bot/core/file.py:LINE imports MODULE' for every import the core must not make."""
    root = core.parent.parent
    found = []
    for path in sorted(core.rglob("*.py")):
        package = ".".join(path.parent.relative_to(root).parts)
        for line, module in imported_modules(path, package):
            if not allowed(module):
                found.append(f"{path.relative_to(root).as_posix()}:{line} imports {module}")
    return found


def test_core_imports_only_the_standard_library() -> None:
    files = sorted(CORE.rglob("*.py"))
    assert {p.name for p in files} >= {
        "model.py",
        "schedule.py",
        "scoring.py",
        "weakspots.py",
        "matching.py",
        "selection.py",
        "leaderboard.py",
        "parsing.py",
    }, "the walk must find the core"
    bad = offenders(CORE)
    assert not bad, "the core must import only the standard library:\n" + "\n".join(bad)


def test_the_core_does_import_something() -> None:
    """Guards the walk itself: a checker that finds no imports would pass anything."""
    modules = {m for p in CORE.rglob("*.py") for _, m in imported_modules(p, "bot.core")}
    assert {"zoneinfo", "bot.core.model", "unicodedata"} <= modules


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_the_check_names_the_file_and_the_module(tmp_path: Path) -> None:
    core = tmp_path / "bot" / "core"
    write(core / "__init__.py", "")
    write(
        core / "fine.py",
        "from __future__ import annotations\n"
        "import datetime, zoneinfo\n"
        "from collections.abc import Sequence\n"
        "from bot.core.model import Question\n"
        "from bot.core import schedule\n"
        "from . import matching\n"
        "from .model import Bank\n"
        "import fsrs\n"
        "from rapidfuzz import fuzz\n",
    )
    write(
        core / "bad.py",
        "import sqlalchemy\n"
        "from discord import ui\n"
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    import slack_bolt.app\n"
        "def later():\n"
        "    from apscheduler.schedulers.asyncio import AsyncIOScheduler\n",
    )
    write(
        core / "sub" / "leaky.py",
        "from bot import storage\n"
        "from bot.services import quiz\n"
        "from ... import config\n"
        "from ...chat import discord\n"
        "import importlib\n"
        "importlib.import_module('yaml')\n",
    )
    assert offenders(core) == [
        "bot/core/bad.py:1 imports sqlalchemy",
        "bot/core/bad.py:2 imports discord",
        "bot/core/bad.py:5 imports slack_bolt.app",
        "bot/core/bad.py:7 imports apscheduler.schedulers.asyncio",
        "bot/core/sub/leaky.py:1 imports bot.storage",
        "bot/core/sub/leaky.py:2 imports bot.services",
        "bot/core/sub/leaky.py:3 imports bot.config",
        "bot/core/sub/leaky.py:4 imports bot.chat",
        "bot/core/sub/leaky.py:6 imports yaml",
    ]
