"""The packages depend one way: lib <- memorial, lib <- petitions, (memorial, petitions) <- embed,
sharing, updates, delivery, tally, backups <- ops (each importing only what LAYERS lists),
and the project package (campaign/ itself: settings, urls, middleware...) over all of them.

Every import of every module, at the top or inside a function, is read from its source (ast)
and checked against the layer the module belongs to; docs/ARCHITECTURE.md draws the layers.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIRST_PARTY = ("campaign", "memorial")

# Layer: the layers its modules may import. Anything else under campaign/ is the project.
LAYERS = {
    "campaign.lib": {"campaign.lib"},
    "memorial": {"campaign.lib", "memorial"},
    "campaign.petitions": {"campaign.lib", "campaign.petitions"},
    "campaign.staff": {"campaign.lib", "campaign.staff"},
    "campaign.embed": {"campaign.lib", "memorial", "campaign.petitions", "campaign.embed"},
    "campaign.sharing": {"campaign.lib", "memorial", "campaign.petitions", "campaign.sharing"},
    "campaign.updates": {"campaign.lib", "campaign.petitions", "campaign.updates"},
    "campaign.delivery": {"campaign.lib", "campaign.petitions", "campaign.delivery"},
    "campaign.tally": {"campaign.lib", "campaign.petitions", "campaign.tally"},
    "campaign.backups": {"campaign.lib", "memorial", "campaign.petitions", "campaign.backups"},
    "campaign.ops": {
        "campaign.lib",
        "memorial",
        "campaign.petitions",
        "campaign.backups",
        "campaign.ops",
    },
}
PROJECT = "campaign"


def layer_of(module):
    matches = [layer for layer in LAYERS if module == layer or module.startswith(layer + ".")]
    return max(matches, key=len) if matches else PROJECT


def module_name(path):
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path):
    """First-party modules `path` imports, as dotted names."""
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            # `from campaign import x` imports the module campaign.x (or a name of campaign).
            names = [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        yield from (name for name in names if name.split(".")[0] in FIRST_PARTY)


SOURCES = sorted(
    path
    for top in FIRST_PARTY
    for path in (ROOT / top).rglob("*.py")
    if "__pycache__" not in path.parts
)


def test_every_layer_is_found():
    assert {layer_of(module_name(path)) for path in SOURCES} == {*LAYERS, PROJECT}


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: str(path.relative_to(ROOT)))
def test_imports_follow_the_layers(path):
    layer = layer_of(module_name(path))
    if layer == PROJECT:
        return
    wrong = [name for name in imported_modules(path) if layer_of(name) not in LAYERS[layer]]
    assert not wrong, f"{layer} may not import {wrong}"


def test_the_check_sees_a_wrong_import(tmp_path):
    source = tmp_path / "wrong.py"
    source.write_text("def f():\n    from memorial.models import Tribute\n")
    assert list(imported_modules(source)) == ["memorial.models.Tribute"]
    assert layer_of("memorial.models.Tribute") not in LAYERS["campaign.petitions"]
