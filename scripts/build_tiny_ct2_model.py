"""Build a tiny CTranslate2 translation model with random weights, without torch.

    python scripts/build_tiny_ct2_model.py OUT_DIR [--scheme none|m2m|nllb] [--pairs de-en,...]

The model is for tests of presswatch's CTranslate2 engine: it loads, batches, tokenizes with
SentencePiece and decodes exactly like a converted OPUS-MT / M2M-100 / NLLB model, but its
output is noise. What it writes to OUT_DIR:

* ``model.bin`` and the vocabulary: a 2-layer Transformer (d_model 32, 2 heads) whose weights
  are drawn from a seeded normal distribution (same seed, same model);
* ``source.spm`` and ``target.spm``: one SentencePiece model trained here on a few sentences
  written for this script (German, English, Ukrainian, Russian);
* ``presswatch-model.json``: the pairs and the language-token scheme.

The output projection's bias keeps ``<unk>``, ``<s>`` and the language tokens out of the
output, so a decoded sentence is visible text (random words) rather than nothing.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import time
from pathlib import Path

import numpy as np

SCHEMES = ("none", "m2m", "nllb")
NLLB_CODES = {"de": "deu_Latn", "en": "eng_Latn", "uk": "ukr_Cyrl", "ru": "rus_Cyrl"}
D_MODEL, FFN, HEADS, LAYERS, MAX_POSITIONS = 32, 64, 2, 2, 512

# Written for this script: the training text of the tiny SentencePiece model.
TRAINING_TEXT = """\
Der Bürgermeister eröffnete am Montag die neue Brücke über den Fluss.
Die Regierung will die Steuern im nächsten Jahr nicht erhöhen.
Im Hafen warten zwölf Schiffe auf die Abfertigung.
Nach dem Sturm blieben viele Schulen zwei Tage geschlossen.
Die Zeitung berichtet über steigende Preise für Brot und Milch.
Am Abend spielte das Orchester vor ausverkauftem Saal.
The mayor opened the new bridge over the river on Monday.
The government does not want to raise taxes next year.
Twelve ships are waiting in the harbour to be cleared.
After the storm many schools stayed closed for two days.
The newspaper reports rising prices for bread and milk.
In the evening the orchestra played to a full house.
Міський голова відкрив у понеділок новий міст через річку.
Уряд не хоче підвищувати податки наступного року.
У порту чекають на оформлення дванадцять суден.
Після бурі багато шкіл були зачинені два дні.
Газета пише про зростання цін на хліб і молоко.
Увечері оркестр грав перед повною залою.
Мэр города открыл в понедельник новый мост через реку.
Правительство не хочет повышать налоги в следующем году.
В порту ждут оформления двенадцать судов.
После бури многие школы были закрыты два дня.
Газета пишет о росте цен на хлеб и молоко.
Вечером оркестр играл перед полным залом.
"""


def train_sentencepiece(vocab_size: int = 240) -> bytes:
    """A small unigram SentencePiece model trained on ``TRAINING_TEXT``, as bytes."""
    import sentencepiece as spm

    buffer = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(TRAINING_TEXT.splitlines()),
        model_writer=buffer,
        vocab_size=vocab_size,
        hard_vocab_limit=False,
        character_coverage=1.0,
        model_type="unigram",
        minloglevel=2,
    )
    return buffer.getvalue()


def language_tokens(scheme: str, languages: list[str]) -> list[str]:
    if scheme == "m2m":
        return [f"__{lang}__" for lang in languages]
    if scheme == "nllb":
        return [NLLB_CODES[lang] for lang in languages]
    return []


def build_spec(vocabulary: list[str], blocked: set[str], seed: int):
    """A ``TransformerSpec`` with every weight set to small random numbers."""
    from ctranslate2.specs import transformer_spec

    rng = np.random.default_rng(seed)
    size = len(vocabulary)

    def rand(*shape: int) -> np.ndarray:
        return (rng.standard_normal(shape) * 0.2).astype(np.float32)

    spec = transformer_spec.TransformerSpec.from_config(num_layers=LAYERS, num_heads=HEADS)
    positions = _sinusoids(MAX_POSITIONS, D_MODEL)
    spec.encoder.embeddings[0].weight = rand(size, D_MODEL)
    spec.encoder.position_encodings.encodings = positions
    _norm(spec.encoder.layer_norm)
    for layer in spec.encoder.layer:
        _attention(layer.self_attention, rand, self_attention=True)
        _ffn(layer.ffn, rand)
    spec.decoder.embeddings.weight = rand(size, D_MODEL)
    spec.decoder.position_encodings.encodings = positions
    _norm(spec.decoder.layer_norm)
    for layer in spec.decoder.layer:
        _attention(layer.self_attention, rand, self_attention=True)
        _attention(layer.attention, rand, self_attention=False)
        _ffn(layer.ffn, rand)
    spec.decoder.projection.weight = rand(size, D_MODEL)
    bias = np.zeros(size, dtype=np.float32)
    bias[[i for i, token in enumerate(vocabulary) if token in blocked]] = -1e4
    spec.decoder.projection.bias = bias
    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)
    spec.validate()
    return spec


def _sinusoids(length: int, dim: int) -> np.ndarray:
    position = np.arange(length, dtype=np.float32)[:, None]
    rates = np.exp(-np.log(10000.0) * np.arange(0, dim, 2, dtype=np.float32) / dim)
    table = np.zeros((length, dim), dtype=np.float32)
    table[:, 0::2] = np.sin(position * rates)
    table[:, 1::2] = np.cos(position * rates)
    return table


def _norm(spec) -> None:
    spec.gamma = np.ones(D_MODEL, dtype=np.float32)
    spec.beta = np.zeros(D_MODEL, dtype=np.float32)


def _linear(spec, rand, rows: int, cols: int) -> None:
    spec.weight = rand(rows, cols)
    spec.bias = np.zeros(rows, dtype=np.float32)


def _attention(spec, rand, *, self_attention: bool) -> None:
    """Self-attention: fused QKV + output; cross-attention: Q, fused KV, output."""
    _norm(spec.layer_norm)
    if self_attention:
        _linear(spec.linear[0], rand, 3 * D_MODEL, D_MODEL)
        _linear(spec.linear[1], rand, D_MODEL, D_MODEL)
    else:
        _linear(spec.linear[0], rand, D_MODEL, D_MODEL)
        _linear(spec.linear[1], rand, 2 * D_MODEL, D_MODEL)
        _linear(spec.linear[2], rand, D_MODEL, D_MODEL)


def _ffn(spec, rand) -> None:
    _norm(spec.layer_norm)
    _linear(spec.linear_0, rand, FFN, D_MODEL)
    _linear(spec.linear_1, rand, D_MODEL, FFN)


def build_tiny_model(
    out_dir: Path,
    *,
    scheme: str = "none",
    pairs: list[tuple[str, str]] | None = None,
    seed: int = 7,
    name: str = "tiny-random",
) -> Path:
    """Write the tiny model into ``out_dir`` and return it."""
    import sentencepiece as spm

    if scheme not in SCHEMES:
        raise ValueError(f"scheme must be one of {', '.join(SCHEMES)}")
    pairs = pairs or [("de", "en")]
    languages = sorted({lang for pair in pairs for lang in pair})
    spm_bytes = train_sentencepiece()
    processor = spm.SentencePieceProcessor(model_proto=spm_bytes)
    pieces = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    lang_tokens = language_tokens(scheme, languages)
    vocabulary = pieces + [t for t in lang_tokens if t not in pieces]
    spec = build_spec(vocabulary, {"<unk>", "<s>", *lang_tokens}, seed)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    spec.save(str(out_dir))
    (out_dir / "source.spm").write_bytes(spm_bytes)
    (out_dir / "target.spm").write_bytes(spm_bytes)
    description = {
        "name": name,
        "source": "random weights (scripts/build_tiny_ct2_model.py)",
        "scheme": scheme,
        "pairs": [list(pair) for pair in pairs],
        "source_spm": "source.spm",
        "target_spm": "target.spm",
    }
    if scheme == "nllb":
        description["languages"] = {lang: NLLB_CODES[lang] for lang in languages}
    (out_dir / "presswatch-model.json").write_text(
        json.dumps(description, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return out_dir


def _parse_pairs(text: str) -> list[tuple[str, str]]:
    pairs = []
    for item in text.split(","):
        source, _, target = item.strip().partition("-")
        if not source or not target:
            raise argparse.ArgumentTypeError(f"a pair is SOURCE-TARGET, not {item!r}")
        pairs.append((source, target))
    return pairs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--scheme", choices=SCHEMES, default="none")
    parser.add_argument("--pairs", type=_parse_pairs, default=[("de", "en")],
                        help="comma-separated SOURCE-TARGET pairs (default de-en)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--name", default="tiny-random")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    out = build_tiny_model(args.out_dir, scheme=args.scheme, pairs=args.pairs, seed=args.seed,
                           name=args.name)
    print(f"built {out} in {time.perf_counter() - started:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
