"""Pages written for the extract tests, and settings that ignore the environment."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from presswatch.settings import Settings

EN_PARAGRAPHS = (
    "Defence ministers of the alliance met in Brussels on Thursday to agree on a new air "
    "defence package after a week of drone attacks on power stations in the east of the country.",
    "The package includes additional launchers, radar units and training for crews, officials "
    "said. Deliveries are expected to begin before the winter, when attacks on the grid usually "
    "intensify.",
    "Several governments also pledged money for the repair of substations. Engineers have "
    "restored electricity to most districts, but rolling outages continue in two regions.",
)
UK_PARAGRAPHS = (
    "Міністри оборони країн альянсу зібралися в Брюсселі в четвер, щоб погодити новий пакет "
    "протиповітряної оборони після тижня атак дронів на електростанції на сході країни.",
    "Пакет містить додаткові пускові установки, радари та навчання для екіпажів, повідомили "
    "посадовці. Постачання мають розпочатися ще до зими, коли удари по енергосистемі зазвичай "
    "посилюються.",
    "Кілька урядів також пообіцяли кошти на відновлення підстанцій. Енергетики повернули світло "
    "більшості районів, але графіки відключень у двох областях тривають.",
)
RU_PARAGRAPHS = (
    "Министры обороны стран альянса собрались в Брюсселе в четверг, чтобы согласовать новый "
    "пакет противовоздушной обороны после недели атак дронов на электростанции на востоке.",
    "Пакет включает дополнительные пусковые установки, радары и обучение экипажей, сообщили "
    "чиновники. Поставки должны начаться ещё до зимы, когда удары по энергосистеме обычно "
    "усиливаются.",
    "Несколько правительств также пообещали деньги на восстановление подстанций. Энергетики "
    "вернули свет в большинство районов, но графики отключений в двух областях сохраняются.",
)


def page(paragraphs: tuple[str, ...], *, title: str = "Allies agree on new air defence package",
         head: str = "", lang: str = "en", extra_body: str = "", charset: str | None = None) -> str:
    """A news page with navigation, a cookie banner, teasers and a footer around the article."""
    meta = f'<meta charset="{charset}">' if charset else ""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head>{meta}<title>{title} | Daily Sentinel</title>{head}</head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/economy">Economy</a></li></ul></nav>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept</button></div>
<main><article>
<h1>{title}</h1>
{body}
{extra_body}
</article>
<aside class="teasers"><h3>More stories</h3><ul><li><a href="/a">Markets steady</a></li>
<li><a href="/b">Weather turns cold</a></li></ul></aside>
</main>
<footer><p>© Daily Sentinel. All rights reserved. Imprint. Privacy.</p></footer>
</body></html>"""


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(_env_file=None, data_dir=tmp_path)


@pytest.fixture
def make_page() -> Callable[..., str]:
    return page


@pytest.fixture
def paragraphs() -> dict[str, tuple[str, ...]]:
    return {"en": EN_PARAGRAPHS, "uk": UK_PARAGRAPHS, "ru": RU_PARAGRAPHS}
