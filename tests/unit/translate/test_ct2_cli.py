"""``presswatch models install/list`` and ``presswatch translate`` with installed models."""

from __future__ import annotations

import json
import shutil

import pytest
from tests.support import free_port
from typer.testing import CliRunner

from presswatch.cli.main import app

pytest.importorskip("ctranslate2", reason="the optional extra 'mt' is not installed")
pytest.importorskip("sentencepiece", reason="the optional extra 'mt' is not installed")

from scripts.build_tiny_ct2_model import build_tiny_model  # noqa: E402


@pytest.fixture(scope="session")
def converted(tmp_path_factory: pytest.TempPathFactory):
    """A converted model as an operator would copy it in: no presswatch-model.json."""
    root = tmp_path_factory.mktemp("converted")
    paths = {}
    for name, pairs in (("de-en", [("de", "en")]), ("en-uk", [("en", "uk")])):
        path = build_tiny_model(root / name, pairs=pairs)
        (path / "presswatch-model.json").unlink()
        paths[name] = path
    return paths


@pytest.fixture
def cli(tmp_path, monkeypatch):
    data_dir = tmp_path / "var"
    monkeypatch.setenv("PRESSWATCH_DATA_DIR", str(data_dir))
    monkeypatch.delenv("PRESSWATCH_MODELS_DIR", raising=False)
    monkeypatch.delenv("PRESSWATCH_MT_ENGINES", raising=False)
    monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{free_port()}")
    runner = CliRunner()

    def invoke(*args: str, stdin: str = ""):
        return runner.invoke(app, list(args), input=stdin)

    invoke.models_dir = data_dir / "models"
    return invoke


def test_models_list_says_where_to_install_when_empty(cli):
    result = cli("models", "list")
    assert result.exit_code == 0
    assert result.stdout.strip() == (
        f"no model installed in {cli.models_dir} (presswatch models install NAME)")


def test_install_without_network_says_so_and_what_to_do(cli):
    result = cli("models", "install", "nllb-200-distilled-600M")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "error: no network: cannot download facebook/nllb-200-distilled-600M")
    assert f"copy a converted model into {cli.models_dir / 'nllb-200-distilled-600M'}" \
        in result.stderr
    assert not (cli.models_dir / "nllb-200-distilled-600M").exists()


def test_an_unknown_model_name_lists_the_known_ones(cli):
    result = cli("models", "install", "gpt-translate")
    assert result.exit_code == 2
    assert "unknown model 'gpt-translate'; known: opus-mt-SRC-TGT, nllb-200" in result.stderr


def test_install_a_converted_copy_then_list_and_translate_through_it(cli, converted):
    for name, path in (("opus-mt-de-en", converted["de-en"]),
                       ("opus-mt-en-uk", converted["en-uk"])):
        result = cli("models", "install", name, "--from", str(path))
        assert result.exit_code == 0, result.output
        assert result.stdout.strip() == f"installed {name} in {cli.models_dir / name}"
    description = json.loads(
        (cli.models_dir / "opus-mt-de-en" / "presswatch-model.json").read_text("utf-8"))
    assert description["source"] == "Helsinki-NLP/opus-mt-de-en"
    assert description["pairs"] == [["de", "en"]] and description["scheme"] == "none"
    listing = cli("models", "list").stdout.splitlines()
    assert [line.split("\t")[0] for line in listing] == ["opus-mt-de-en", "opus-mt-en-uk"]
    name, pairs, size, state = listing[0].split("\t")
    assert (pairs, state) == ("de→en", "available") and size.endswith(" MB")

    engines = cli("translate", "--list-engines").stdout.splitlines()
    assert "opus-mt-de-en\tde→en\tavailable" in engines
    assert "opus-mt-de-en+opus-mt-en-uk\tde→en→uk\tpivot route" in engines

    result = cli("translate", "--from", "de", "--to", "uk", stdin="Die Schiffe warten.\n\n"
                 "Der Hafen ist voll. Es regnet.\n")
    assert result.exit_code == 0, result.output
    paragraphs = result.stdout.strip().split("\n\n")
    assert len(paragraphs) == 2 and all(p.strip() for p in paragraphs)
    chosen = cli("translate", "--from", "de", "--to", "uk", "--engine", "opus-mt-de-en",
                 stdin="Die Schiffe warten.\n\nDer Hafen ist voll. Es regnet.\n")
    assert chosen.stdout == result.stdout


def test_a_copy_without_its_sentencepiece_files_is_refused(cli, converted, tmp_path):
    incomplete = tmp_path / "incomplete"
    shutil.copytree(converted["de-en"], incomplete)
    (incomplete / "target.spm").unlink()
    result = cli("models", "install", "opus-mt-de-en", "--from", str(incomplete))
    assert result.exit_code == 2
    assert f"{incomplete} lacks target.spm" in result.stderr
    assert not (cli.models_dir / "opus-mt-de-en").exists()
