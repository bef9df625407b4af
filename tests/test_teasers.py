"""Runs of cut-off teasers to other pages go after the classifier; articles and listings stay."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from cleaners.config import PipelineConfig
from cleaners.document import Document
from cleaners.errors import RejectError
from cleaners.patterns import norm
from cleaners.pipeline import clean_bytes
from cleaners.teasers import find_related_blocks, find_teaser_lists

CFG = PipelineConfig()
AEB = Path(__file__).resolve().parents[2] / "shared" / "bench" / "aeb-dev"

ARTICLE = [
    "The special aircraft carrying the deportees landed at the airport at six in the morning, an "
    "official said, and the passengers were questioned by immigration officers for several hours.",
    "",
    "He said he had spent most of his savings on the four attempts and on the agents who had "
    "promised him a job, a house and papers within a year of his arrival in the country.",
    "",
    "Officials said more flights were expected in the coming weeks as the two governments worked "
    "through a backlog of cases that had built up over the summer months.",
]
TICKER = [
    "• Court asks state to draft a law for the temple board NEW DELHI: The court on Wednesday asked",
    "  the state government to come out with a law for the administration of the temple...",
    "• Cleric says the government's days are numbered KARACHI: A firebrand cleric said on Wednesday",
    "  that the prime minister was heading a government that has its days numbered....",
    "• All schools and colleges open again, attendance high: officials NEW DELHI: All schools are",
    "  now open and attendance is high, the government told parliament on Wednesday. It...",
    "• New president accepts invitation to visit COLOMBO: The newly elected president accepted an …",
]
TEASER_BLOCKS = [
    "Big discount on the new smart speaker", "",
    "In September the company announced a slew of devices that expands all nooks and crannies of its home "
    "ecosystem, with one of the most popular likely being the new speaker, for which...", "",
    "iPad Pro", "",
    "Deal Alert: Newest tablet up to $200 off", "",
    "The store is not waiting until the holidays to offer deep discounts. Today you can get the latest "
    "tablet with 256GB storage for just $949.99, $199.01 off...", "",
    "Here are the great upcoming holiday deals", "",
    "The maker has released its list of holiday deals to help get the shopping season kickstarted. Starting "
    "with the easy to throw into a carry-on laptop, announced only in Ma...", "",
    "Subscribe to our newsletter",
]


def doc_of(lines: list[str]) -> Document:
    return Document.from_text("d", "d.txt", "\n".join(lines))


def removed(lines: list[str], config: PipelineConfig = CFG) -> dict[str, str]:
    verdict = find_teaser_lists(doc_of(lines), config)
    return {lines[index]: reason for index, reason in verdict.removals.items()}


def test_bulleted_ticker_before_the_article_goes():
    gone = removed(TICKER + [""] + ARTICLE)
    assert set(gone) == set(TICKER) and set(gone.values()) == {"teaser_list"}


def test_title_and_summary_blocks_after_the_article_go_with_the_titles_between():
    gone = removed(ARTICLE + [""] + TEASER_BLOCKS)
    teaser_text = [line for line in TEASER_BLOCKS if line and line != "Subscribe to our newsletter"]
    assert sorted(gone) == sorted(teaser_text)
    # the article stays, and so does the short line after the last teaser: nothing ties it to the run
    assert not set(ARTICLE) & set(gone) and "Subscribe to our newsletter" not in gone


def test_two_teasers_and_an_article_paragraph_ending_in_an_ellipsis_stay():
    trailing = "She paused, looked at the crowd and said only that the answer would come in time..."
    assert removed(ARTICLE[:1] + ["", trailing, ""] + ARTICLE[1:] + [""] + TICKER[:4]) == {}


def test_a_page_made_of_teasers_is_a_listing_and_keeps_them():
    """With its other text shorter than half the teasers, the run is the page's content."""
    assert removed(["Latest news", ""] + TICKER) == {}
    assert removed(ARTICLE + [""] + TICKER) != {}


def test_the_step_can_be_turned_off():
    off = replace(CFG, teasers=replace(CFG.teasers, min_teasers=None))
    assert removed(TICKER + [""] + ARTICLE, off) == {}


def test_on_the_news_dumps_no_removed_teaser_is_article_text():
    """On the real development dumps, with the classifier off so that the step sees every teaser
    the rules let through, it removes hundreds of lines and none of them is in the gold text."""
    dumps = sorted((AEB / "dumps").glob("*/*.txt"))
    if not dumps:
        pytest.skip("the development split is not beside the repository")
    no_model = replace(CFG, classifier=replace(CFG.classifier, enabled=False))
    removed_lines, in_gold = 0, []
    for path in dumps:
        gold = norm((AEB / "gold" / f"{path.stem}.txt").read_text(encoding="utf-8"))
        try:
            doc = clean_bytes(path.read_bytes(), path.stem, path.name, "text", no_model).document
        except RejectError:
            continue
        for removal in doc.removals:
            if removal.reason == "teaser_list":
                removed_lines += 1
                if norm(removal.text) in gold:
                    in_gold.append((path.name, removal.text))
    assert removed_lines >= 100
    assert in_gold == []


RELATED_BLOCK = [
    "Related Posts", "",
    "• How to keep a lighthouse logbook", "• The last keepers of the north coast", "• Ten ships the coast remembers", "",
]


def test_a_related_block_goes_with_its_heading():
    lines = ARTICLE + [""] + RELATED_BLOCK
    verdict = find_related_blocks(doc_of(lines), CFG)
    assert {lines[i]: r for i, r in verdict.removals.items()} == {
        line: "related_links" for line in RELATED_BLOCK if line}


@pytest.mark.parametrize("heading", ["See also", "Top stories", "Read more"])
def test_headings_that_a_page_heads_its_own_list_with_stay(heading):
    lines = ARTICLE + ["", heading, ""] + RELATED_BLOCK[2:]
    assert find_related_blocks(doc_of(lines), CFG).removals == {}


def test_a_related_heading_over_prose_or_a_single_link_stays():
    prose = ["Related", "", ARTICLE[0]]
    assert find_related_blocks(doc_of(ARTICLE + [""] + prose), CFG).removals == {}
    single = ["Related", "", "• How to keep a lighthouse logbook", "", ARTICLE[2]]
    assert find_related_blocks(doc_of(ARTICLE + [""] + single), CFG).removals == {}


def test_a_page_that_is_the_list_keeps_it():
    assert find_related_blocks(doc_of(RELATED_BLOCK), CFG).removals == {}


def test_the_sub_heading_after_a_related_block_stays():
    """The short line right above the article's next paragraph is that paragraph's heading."""
    lines = ARTICLE[:1] + ["", "Also read:"] + RELATED_BLOCK[2:5] + ["", "The keepers' children", ""] + ARTICLE[2:]
    gone = {lines[i] for i in find_related_blocks(doc_of(lines), CFG).removals}
    assert gone == {"Also read:"} | set(RELATED_BLOCK[2:5])


def test_related_blocks_turned_off():
    off = replace(CFG, teasers=replace(CFG.teasers, related_blocks=False))
    assert find_related_blocks(doc_of(ARTICLE + [""] + RELATED_BLOCK), off).removals == {}


#: A product page's description, then the shop's block of other products: names and prices.
PRODUCT = [
    "Our classic runner is made from soft merino wool that keeps your feet cool in summer and warm in "
    "winter, with a cushioned sole of sugarcane foam.", "",
    "The upper is machine washable: take out the insoles and laces and wash them by hand.", "",
]
SHOP_BLOCK = ["Customers also bought", "", "Wool Lounger", "$98", "Tree Dasher Relay", "$135", ""]


@pytest.mark.parametrize("heading", ["Customers also bought", "Related Products", "Ähnliche Produkte",
                                     "Frequently bought together"])
def test_a_shops_block_of_other_products_goes_and_the_product_stays(heading):
    lines = PRODUCT + [heading] + SHOP_BLOCK[1:]
    gone = {lines[i]: r for i, r in find_related_blocks(doc_of(lines), CFG).removals.items()}
    assert gone == {line: "related_links" for line in [heading] + SHOP_BLOCK[1:] if line}


def test_every_related_block_heading_holds_one_of_the_words_the_step_scans_for():
    """The step only looks at lines holding one of ``_RELATED_BLOCK_WORDS``: a heading without
    one would never be found."""
    from cleaners.teasers import _RELATED_BLOCK_HEADINGS, _RELATED_BLOCK_WORDS

    assert all(any(word in heading for word in _RELATED_BLOCK_WORDS) for heading in _RELATED_BLOCK_HEADINGS)


@pytest.mark.parametrize("heading", ["Artikel zum Thema", "Empfehlungen der Redaktion", "Te recomendamos"])
def test_german_and_spanish_related_headings_take_their_block(heading):
    block = [heading, "", "• Regierung plant neue Regeln für Mieten", "• Was die Reform für Familien bedeutet"]
    lines = ARTICLE + [""] + block
    verdict = find_related_blocks(doc_of(lines), CFG)
    assert {lines[i]: r for i, r in verdict.removals.items()} == {line: "related_links" for line in block if line}
