"""A small published site in a database: outlets, documents in de/ru/en/uk, translations.

``seed_site(db)`` is used by the web unit tests and by the browser test's ``site_db``
fixture (which the integration layer may replace with a pipeline-made database).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from presswatch.store.base import Database
from presswatch.store.tables import Article, Document, Outlet, TranslationRow

T0 = datetime(2025, 3, 10, 8, 0, tzinfo=UTC)
XSS_TITLE = 'Cyber attack on grid <script>alert("title")</script>'
XSS_TEXT = 'The leaked page contained <img src=x onerror="alert(1)"> and <script>steal()</script>.'


def _blocks(*items: tuple[str, str]) -> list[dict]:
    return [{"kind": kind, "text": text} for kind, text in items]


DE_BLOCKS = _blocks(
    ("p", "Die Verteidigungsminister der Ostseestaaten haben am Montag in Riga eine "
          "gemeinsame Übung zur Luftverteidigung angekündigt."),
    ("h2", "Mehr Flugabwehr an der Ostflanke"),
    ("p", "Nach Angaben aus Brüssel sollen zusätzliche Systeme bis zum Sommer verlegt werden."),
    ("quote", "Wir lassen keine Lücke am Himmel über dem Baltikum zu."),
    ("li", "Patrouillenflüge über der Ostsee"),
    ("li", "Gemeinsame Radarbilder"),
)
RU_BLOCKS = _blocks(
    ("p", "Парламент Молдовы в четверг одобрил поправки к закону о государственной безопасности."),
    ("h2", "Реакция оппозиции"),
    ("p", "Оппозиционные депутаты покинули зал заседаний до голосования."),
)
UK_RU_BLOCKS = _blocks(
    ("p", "Парламент Молдови в четвер схвалив поправки до закону про державну безпеку."),
    ("h2", "Реакція опозиції"),
    ("p", "Опозиційні депутати залишили зал засідань до голосування."),
)
EN_BLOCKS = _blocks(
    ("p", "Foreign ministers of the Nordic states met in Oslo to agree on a joint position "
          "before the NATO summit."),
    ("h2", "Support for Kyiv"),
    ("p", "The ministers pledged to keep supplying air defence equipment to Ukraine."),
)
UK_EN_BLOCKS = _blocks(
    ("p", "Міністри закордонних справ північних держав зустрілися в Осло, щоб узгодити "
          "спільну позицію перед самітом НАТО."),
    ("h2", "Підтримка Києва"),
    ("p", "Міністри пообіцяли й надалі постачати Україні засоби протиповітряної оборони."),
)
RU_EN_BLOCKS = _blocks(
    ("p", "Министры иностранных дел северных государств встретились в Осло, чтобы "
          "согласовать общую позицию перед саммитом НАТО."),
    ("h2", "Поддержка Киева"),
    ("p", "Министры пообещали и дальше поставлять Украине средства противовоздушной обороны."),
)
UK_BLOCKS = _blocks(
    ("p", "Оператор газотранспортної системи повідомив про відновлення транзиту через "
          "західний кордон після ремонту компресорної станції."),
    ("h2", "Запаси на зиму"),
    ("p", "У підземних сховищах зараз понад дев'ять мільярдів кубометрів газу."),
)
RU_UK_BLOCKS = _blocks(
    ("p", "Оператор газотранспортной системы сообщил о возобновлении транзита через "
          "западную границу после ремонта компрессорной станции."),
    ("h2", "Запасы на зиму"),
    ("p", "В подземных хранилищах сейчас более девяти миллиардов кубометров газа."),
)


@dataclass
class SeededSite:
    """Ids and titles of what ``seed_site`` wrote."""

    docs: dict[str, int] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)
    outlets: dict[str, int] = field(default_factory=dict)


def _outlets(session) -> dict[str, Outlet]:
    outlets = {
        "de": Outlet(name="Berliner Morgenblatt", homepage="https://morgenblatt.example/",
                     country="DE", language="de"),
        "de2": Outlet(name="Rheinische Rundschau", homepage="https://rundschau.example/",
                      country="DE", language="de"),
        "ru": Outlet(name="Кишинёвский вестник", homepage="https://vestnik.example/",
                     country="MD", language="ru"),
        "en": Outlet(name="Northern Ledger", homepage="https://ledger.example/",
                     country="GB", language="en"),
        "uk": Outlet(name="Західний кур'єр", homepage="https://kurier.example/",
                     country="UA", language="uk"),
    }
    session.add_all(outlets.values())
    session.flush()
    return outlets


def _doc(session, key: str, seeded: SeededSite, *, title: str, blocks: list[dict],
         language: str, section: str | None, status: str, hours: int,
         relevant: bool = True) -> Document:
    doc = Document(
        content_hash=f"seed-{key}", title=title, blocks=blocks, language=language,
        section=section, relevant=relevant, status=status, author="Staff reporter",
        published=T0 + timedelta(hours=hours), created_at=T0 + timedelta(hours=hours, minutes=5),
        published_at=T0 + timedelta(hours=hours, minutes=30) if status == "published" else None,
    )
    session.add(doc)
    session.flush()
    seeded.docs[key] = doc.id
    seeded.titles[key] = title
    return doc


def _translate(session, doc: Document, language: str, status: str, title: str | None = None,
               blocks: list[dict] | None = None, engine: str | None = None,
               note: str = "") -> None:
    session.add(TranslationRow(
        document_id=doc.id, language=language, title=title or doc.title,
        blocks=blocks or doc.blocks, status=status, engine=engine, note=note,
    ))


def _link(session, doc: Document, outlet: Outlet, path: str) -> None:
    session.add(Article(url=outlet.homepage + path, outlet_id=outlet.id, document_id=doc.id,
                        stage="done"))


def _published(session, seeded: SeededSite, outlets: dict[str, Outlet]) -> None:
    de = _doc(session, "de", seeded, title="Ostseestaaten verstärken die Luftverteidigung",
              blocks=DE_BLOCKS, language="de", section="military", status="published", hours=1)
    for lang in ("uk", "en", "ru"):
        _translate(session, de, lang, "untranslated", note=f"no engine for de\u2192{lang}")
    _link(session, de, outlets["de"], "politik/luftverteidigung-ostsee")
    _link(session, de, outlets["de2"], "welt/ostsee-luftabwehr")

    ru = _doc(session, "ru", seeded, title="Парламент Молдовы изменил закон о безопасности",
              blocks=RU_BLOCKS, language="ru", section="politics", status="published", hours=2)
    _translate(session, ru, "ru", "original")
    _translate(session, ru, "uk", "machine", "Парламент Молдови змінив закон про безпеку",
               UK_RU_BLOCKS, engine="apertium")
    _translate(session, ru, "en", "untranslated", note="no engine for ru\u2192en")
    _link(session, ru, outlets["ru"], "politika/zakon-o-bezopasnosti")

    en = _doc(session, "en", seeded, title="Nordic ministers agree on a joint NATO position",
              blocks=EN_BLOCKS, language="en", section="geopolitics", status="published",
              hours=3)
    _translate(session, en, "en", "original")
    _translate(session, en, "uk", "machine", "Міністри північних країн узгодили позицію щодо НАТО",
               UK_EN_BLOCKS, engine="opus-mt")
    _translate(session, en, "ru", "machine", "Министры северных стран согласовали позицию по НАТО",
               RU_EN_BLOCKS, engine="opus-mt")
    _link(session, en, outlets["en"], "world/nordic-ministers-nato")

    uk = _doc(session, "uk", seeded, title="Транзит газу через західний кордон відновлено",
              blocks=UK_BLOCKS, language="uk", section="energy", status="published", hours=4)
    _translate(session, uk, "uk", "original")
    _translate(session, uk, "ru", "machine", "Транзит газа через западную границу возобновлён",
               RU_UK_BLOCKS, engine="apertium")
    _link(session, uk, outlets["uk"], "ekonomika/tranzyt-hazu")


def _hostile_and_unpublished(session, seeded: SeededSite, outlets: dict[str, Outlet]) -> None:
    xss = _doc(session, "xss", seeded, title=XSS_TITLE, language="en", section="society",
               blocks=_blocks(("p", XSS_TEXT), ("h2", "<b onmouseover=x()>Heading</b>")),
               status="published", hours=5)
    _translate(session, xss, "en", "original")
    session.add(Article(url="javascript:alert(2)", outlet_id=outlets["en"].id,
                        document_id=xss.id, stage="done"))

    cand = _doc(session, "candidate", seeded, title="Baltic ports tighten inspections",
                blocks=_blocks(("p", "Port authorities in the Baltic states announced stricter "
                                     "checks of cargo bound for Russia.")),
                language="en", section="economy", status="candidate", hours=6)
    _translate(session, cand, "en", "original")
    _translate(session, cand, "uk", "untranslated", note="no engine for en\u2192uk")
    _link(session, cand, outlets["en"], "business/baltic-ports")

    fresh = _doc(session, "new", seeded, title="Neue Sanktionen gegen Schattenflotte geplant",
                 blocks=_blocks(("p", "Die EU bereitet ein weiteres Sanktionspaket vor.")),
                 language="de", section="economy", status="new", hours=7)
    _translate(session, fresh, "uk", "untranslated", note="no engine for de\u2192uk")
    _link(session, fresh, outlets["de"], "wirtschaft/sanktionen")

    _doc(session, "irrelevant", seeded, title="Regional football cup final postponed",
         blocks=_blocks(("p", "The final was moved because of heavy rain.")), language="en",
         section=None, status="new", hours=8, relevant=False)
    _doc(session, "rejected", seeded, title="Rejected story about weather",
         blocks=_blocks(("p", "Rain is expected.")), language="en", section="society",
         status="rejected", hours=9)


def seed_site(db: Database) -> SeededSite:
    """Write the sample site into ``db`` (whose schema must exist) and say what is where.

    Published: de (military, untranslated everywhere, two outlets), ru (politics, uk by
    apertium, en untranslated), en (geopolitics, uk/ru machine), uk (energy, ru machine, en
    missing), xss (society, hostile HTML in its text). Not public: a candidate, a new one, a
    not-relevant one and a rejected one.
    """
    seeded = SeededSite()
    with db.session() as session:
        outlets = _outlets(session)
        seeded.outlets = {key: outlet.id for key, outlet in outlets.items()}
        _published(session, seeded, outlets)
        _hostile_and_unpublished(session, seeded, outlets)
    return seeded
