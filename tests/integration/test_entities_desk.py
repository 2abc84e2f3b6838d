"""An entity an editor adds in the served desk is recognised by the worker process (started
before the editor acted) in the articles it processes afterwards."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from lxml import html
from sqlalchemy import select

from presswatch.samplepress.server import SamplePress
from presswatch.store import entities as store_entities
from presswatch.store.base import Database
from presswatch.store.tables import Mention
from tests.integration.conftest import wait_until_settled
from tests.support import (
    free_port,
    import_outlets,
    presswatch_env,
    run_cli,
    start_process,
    stop_process,
    wait_http,
)

pytestmark = pytest.mark.integration

EDITOR, PASSWORD = "editor", "a long enough password"


def csrf_of(response: httpx.Response) -> str:
    return html.fromstring(response.text).xpath("//input[@name='csrf_token']/@value")[0]


def add_in_the_desk(base_url: str, **fields: str) -> httpx.Response:
    with httpx.Client(base_url=base_url, timeout=30) as client:
        form = client.get("/desk/login")
        client.post("/desk/login", data={"username": EDITOR, "password": PASSWORD,
                                         "csrf_token": csrf_of(form), "next": "/desk/"})
        form = client.get("/desk/entities/")
        assert form.status_code == 200
        return client.post("/desk/entities/", data={"csrf_token": csrf_of(form), **fields})


def test_the_worker_recognises_an_entity_added_in_the_desk(tmp_path: Path):
    press = SamplePress().start()
    env = presswatch_env(tmp_path, PRESSWATCH_ASSIGN_STORIES="false")
    import_outlets(tmp_path, env, [o for o in press.outlets if o.language == "de"])
    run_cli("users", "add", EDITOR, "--password-stdin", env=env, input=PASSWORD + "\n")
    port = free_port()
    web = start_process("serve", "--port", str(port), env=env, log=tmp_path / "web.log")
    worker = start_process("worker", env=env, log=tmp_path / "worker.log")
    db = Database(f"sqlite:///{tmp_path / 'presswatch.db'}")
    try:
        wait_http(f"http://127.0.0.1:{port}/healthz")
        added = add_in_the_desk(f"http://127.0.0.1:{port}", key="org/bundesnetzagentur",
                                type="ORG", names_de="Bundesnetzagentur",
                                names_en="Federal Network Agency")
        assert added.status_code == 303
        run_cli("crawl", "--once", env=env)
        wait_until_settled(db)
        with db.session() as s:
            agency = store_entities.find_entity(s, "org/bundesnetzagentur")
            linked = [m.entity_id for m in s.scalars(
                select(Mention).where(Mention.surface == "Bundesnetzagentur"))]
    finally:
        for proc in (worker, web):
            stop_process(proc)
        press.stop()
        db.dispose()
    assert linked and set(linked) == {agency}
