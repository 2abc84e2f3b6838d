"""``presswatch stories assign --input``: stories from a JSON-lines file, no database.

The input is written from the sample press (texts written for presswatch): the four same-day
reports of the Geneva talks in en, uk, ru and de, and three unrelated articles, in an order
that interleaves them.
"""

from __future__ import annotations

import json
import subprocess

import pytest

from presswatch.samplepress.corpus import load_outlets
from tests.support import PRESSWATCH, presswatch_env, run_cli

pytestmark = pytest.mark.integration

GENEVA = {"geneva-talks-end-without-breakthrough", "perehovory-u-zhenevi-bez-proryvu",
          "peregovory-v-zheneve-bez-proryva", "genfer-gespraeche-ohne-durchbruch"}
OTHERS = {"bundesregierung-sagt-kiew-luftverteidigung-zu",
          "ukrainian-refugees-chicago-temporary-status", "lviv-pryimaie-pereselentsiv-zi-skhodu"}


def records() -> list[dict]:
    found = []
    for outlet in load_outlets():
        for article in outlet.articles:
            if article.slug in GENEVA | OTHERS and not article.copy_of:
                found.append({"id": f"{outlet.key}/{article.slug}", "title": article.title,
                              "text": article.lead + "\n\n" + article.body_text,
                              "language": outlet.language,
                              "published": article.published.isoformat()})
    found.sort(key=lambda r: r["id"][::-1])  # interleaved, not grouped by outlet or story
    return found


def test_assign_prints_one_story_per_event_in_arrival_order(tmp_path):
    lines = records()
    source = tmp_path / "docs.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines),
                      encoding="utf-8")
    env = presswatch_env(tmp_path / "data")
    done = run_cli("stories", "assign", "--input", str(source), env=env)
    printed = [json.loads(line) for line in done.stdout.splitlines()]
    assert [p["id"] for p in printed] == [r["id"] for r in lines]
    story = {p["id"].split("/", 1)[1]: p["story"] for p in printed}
    assert len({story[slug] for slug in GENEVA}) == 1
    assert len({story[slug] for slug in OTHERS} | {story[next(iter(GENEVA))]}) == 4
    assert sorted(set(p["story"] for p in printed)) == [1, 2, 3, 4]
    assert printed[0]["story"] == 1
    assert not (tmp_path / "data" / "presswatch.db").exists()  # no state in a database
    linked = run_cli("stories", "assign", "--input", str(source), "--link-entities", env=env)
    assert linked.stdout == done.stdout  # shared names (Geneva, Lavrov) change nothing here


def test_bad_input_is_refused_with_its_line_number(tmp_path):
    source = tmp_path / "docs.jsonl"
    source.write_text('{"id": 1, "title": "A", "language": "en"}\n{"id": 2, "title": "B"}\n',
                      encoding="utf-8")
    done = subprocess.run([PRESSWATCH, "stories", "assign", "--input", str(source)],
                          env=presswatch_env(tmp_path), capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 2
    assert "line 2: missing language" in done.stdout + done.stderr
