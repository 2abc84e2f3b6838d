"""Regenerate the golden files: ``python tests/golden/regenerate.py [STAGE...]``.

Each stage maps its stored inputs under ``tests/golden/<stage>/`` to the expected JSON next
to them. Review the diff before committing: a changed golden file is a changed behaviour.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

GOLDEN = Path(__file__).resolve().parent


def golden_settings() -> Any:
    """Settings fixed for golden runs, whatever the environment says."""
    from presswatch.settings import Settings

    return Settings(_env_file=None, source_languages=("uk", "en", "ru", "de", "pl", "fr"),
                    min_article_chars=300)


def extract_url(page: Path) -> str:
    """The URL a golden page is extracted under (relative links resolve against it). A page
    under ``extract/sites/`` is named after the host of the site rule it tests."""
    if page.parent.name == "sites":
        return f"https://{page.stem}/golden/{page.name}"
    return f"https://golden.example/extract/{page.name}"


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


def extract_record(page: Path) -> dict[str, Any]:
    """What ``extract_article`` makes of a stored page, as JSON-ready data."""
    from presswatch.extract.article import extract_article
    from presswatch.models import Article

    result = extract_article(page.read_bytes(), extract_url(page), golden_settings())
    if not isinstance(result, Article):
        return {"rejected": result.reason}
    return {
        "title": result.title,
        "author": result.author,
        "authors": list(result.authors),
        "published": _iso(result.published),
        "modified": _iso(result.modified),
        "image": result.image,
        "section": result.outlet_section,
        "language": result.language,
        "canonical_url": result.canonical_url,
        "paywalled": result.paywalled,
        "blocks": [[block.kind, block.text] for block in result.blocks],
    }


def expected_path(page: Path) -> Path:
    return page.with_name(page.name.removesuffix(".html") + ".json")


def extract_pages() -> list[Path]:
    """The stored pages: written ones, then one per site rule file."""
    folder = GOLDEN / "extract"
    return sorted(folder.glob("*.html")) + sorted((folder / "sites").glob("*.html"))


def regenerate_extract() -> list[Path]:
    written = []
    for page in extract_pages():
        path = expected_path(page)
        text = json.dumps(extract_record(page), ensure_ascii=False, indent=2) + "\n"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


STAGES: dict[str, Callable[[], list[Path]]] = {"extract": regenerate_extract}


def main(argv: list[str]) -> int:
    unknown = [name for name in argv if name not in STAGES]
    if unknown:
        print(f"unknown stage(s) {', '.join(unknown)}; known: {', '.join(STAGES)}")
        return 2
    for name in argv or list(STAGES):
        for path in STAGES[name]():
            print(f"wrote {path.relative_to(GOLDEN.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
