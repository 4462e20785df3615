"""The stages import one another one way only, lazy imports (inside functions) included: corpus, extract, align,
reports and nlp_models, and the shared modules below them (schema, errors, files, identify, numbers, evaluate,
version), form no cycle, and none of them imports the package's API (`plantrace/__init__`) or the CLI."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STAGES = ("corpus", "extract", "align", "reports", "nlp_models")
TOP = {"plantrace", "plantrace.cli"}  # the API facade and the CLI: they may import everything, nothing imports them


def _modules() -> dict[str, Path]:
    out = {}
    for folder in ("plantrace",) + STAGES:
        name = "plantrace" if folder == "plantrace" else f"plantrace.{folder}"
        for f in sorted((ROOT / folder).glob("*.py")):
            out[name if f.stem == "__init__" else f"{name}.{f.stem}"] = f
    return out


def _imports(path: Path) -> set[str]:
    """Every plantrace module the file imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "plantrace"}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").split(".")[0] == "plantrace":
            # "from plantrace import extract" imports the stage; "from plantrace import schema" the shared module
            found |= {f"{node.module}.{a.name}" if node.module == "plantrace" else node.module for a in node.names}
    return found


def _node(module: str) -> str:
    """The stage a module belongs to, or the shared module itself."""
    parts = module.split(".")
    if len(parts) > 1 and parts[1] in STAGES:
        return parts[1]
    return module if module in TOP else ".".join(parts[:2])


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        for target in _imports(path):
            if target not in modules and target.rsplit(".", 1)[0] in modules and "." in target:
                target = target.rsplit(".", 1)[0]  # "from plantrace.schema import Goal" names a module's member
            a, b = _node(name), _node(target)
            if a != b:
                graph.setdefault(a, set()).add(b)
    return graph


def test_the_modules_are_found():
    graph = _graph()
    assert {"corpus", "extract", "align", "reports"} <= set(graph)
    assert "extract" in graph["corpus"]  # (ingest extracts: a real edge the test must see)


def test_nothing_imports_the_api_or_the_cli():
    offenders = {a: sorted(bs & TOP) for a, bs in _graph().items() if a not in TOP and bs & TOP}
    assert offenders == {}


def test_the_stages_and_the_shared_modules_form_no_cycle():
    graph = {a: bs - TOP for a, bs in _graph().items() if a not in TOP}
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                pytest.fail("import cycle: " + " -> ".join(path[path.index(nxt):] + [nxt]))
            if nxt not in state:
                visit(nxt)
        path.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
