"""What changed between two texts: edited words inside a paragraph, whole paragraphs in or out."""

from __future__ import annotations

from presswatch.models import Block
from presswatch.review.diff import Span, diff_blocks, diff_words


def p(text: str, kind: str = "p") -> dict[str, str]:
    return {"kind": kind, "text": text}


def marked(spans) -> str:
    """Spans as text with [-deleted-] and {+inserted+} marks, the way a reader sees them."""
    marks = {"equal": "{}", "delete": "[-{}-]", "insert": "{{+{}+}}"}
    return "".join(marks[s.op].format(s.text) for s in spans)


def test_a_changed_number_is_one_word_out_and_one_in():
    spans = diff_words("Troops moved 30 km overnight.", "Troops moved 45 km overnight.")
    assert marked(spans) == "Troops moved [-30-]{+45+} km overnight."


def test_a_number_with_separators_is_one_word():
    spans = diff_words("More than 100,000 troops, 2.5 km away.",
                       "More than 150,000 troops, 2.5 km away.")
    assert marked(spans) == "More than [-100,000-]{+150,000+} troops, 2.5 km away."


def test_a_new_headline_marks_only_the_words_that_differ():
    spans = diff_words("Minister resigns after scandal", "Minister forced out after scandal")
    assert marked(spans) == "Minister [-resigns-]{+forced out+} after scandal"


def test_identical_texts_have_nothing_marked():
    old = [p("One paragraph."), p("Sub-heading", "h2")]
    diff = diff_blocks("Title", old, "Title", [Block("p", "One paragraph."),
                                              Block("h2", "Sub-heading")])
    assert not diff.changed and not diff.title_changed
    assert [b.op for b in diff.blocks] == ["equal", "equal"]


def test_an_edited_paragraph_is_diffed_word_by_word_inside_its_paragraph():
    old = [p("The talks in Riga ended on Monday."), p("Both sides met again.")]
    new = [p("The talks in Riga ended on Tuesday."), p("Both sides met again.")]
    diff = diff_blocks("T", old, "T", new)
    assert [b.op for b in diff.blocks] == ["changed", "equal"]
    assert marked(diff.blocks[0].spans) == "The talks in Riga ended on [-Monday-]{+Tuesday+}."
    assert (diff.inserted, diff.deleted) == (1, 1)


def test_added_and_removed_paragraphs_are_whole_blocks_in_their_place():
    old = [p("Lead."), p("A quote that was dropped.", "quote"), p("Closing line.")]
    new = [p("Lead."), p("Closing line."), p("An update added at the end of the story.")]
    diff = diff_blocks("T", old, "T", new)
    assert [(b.kind, b.op) for b in diff.blocks] == [
        ("p", "equal"), ("quote", "delete"), ("p", "equal"), ("p", "insert")]
    assert diff.deleted == 5 and diff.inserted == 9


def test_a_rewritten_paragraph_shows_the_old_one_removed_before_the_new_one():
    old = [p("Lead."), p("Completely different wording here.")]
    new = [p("Lead."), p("Nothing in common with before at all.")]
    diff = diff_blocks("T", old, "T", new)
    assert [b.op for b in diff.blocks] == ["equal", "delete", "insert"]


def test_markup_in_the_text_stays_text():
    spans = diff_words("Safe", "Safe <script>alert(1)</script>")
    assert Span("insert", " <script>alert(1)</script>") in spans


def test_cyrillic_words_and_apostrophes_are_whole_words():
    spans = diff_words("Обстріл об'єкта у Харкові", "Обстріл об'єкта у Києві")
    assert marked(spans) == "Обстріл об'єкта у [-Харкові-]{+Києві+}"
