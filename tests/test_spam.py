"""Spam blocks: keyword runs in a foreign script at the end of a page are cut to the end."""

from __future__ import annotations

from cleaners.config import PipelineConfig, SpamConfig
from cleaners.document import Document
from cleaners.spam import find_spam_block, is_keyword_run

CONFIG = PipelineConfig()
ARTICLE = (
    "The city council approved the new budget on Tuesday after a long debate about road repairs.\n"
    "\n"
    "Officials said the money would be spent over the next three years, starting with the bridges.\n"
)


def removals(text: str, config: PipelineConfig = CONFIG) -> dict[int, str]:
    doc = Document.from_text("t", "test", text)
    return find_spam_block(doc, config).removals


def test_chinese_keyword_block_is_cut_to_the_end() -> None:
    text = ARTICLE + "FOLLOW US\n免费送彩金| 老虎机下载| 蜘蛛池| vns7777.com| 黑帽SEO| 幸运飞艇| 刷单兼职\n太阳城官网| 皇冠现金网| 时时彩计划| 黑帽SEO| 体育投注| 办理证件\nCLOSE"
    got = removals(text)
    assert got == {4: "spam_block", 5: "spam_block", 6: "spam_block"}  # FOLLOW US (3) stays for later steps


def test_cyrillic_block_with_different_separator() -> None:
    text = ARTICLE + "слоты на деньги｜ продвижение сайтов｜ аптека без рецепта｜ бонус без депозита｜ лучшие слоты"
    assert set(removals(text).values()) == {"spam_block"}


def test_article_lines_with_pipes_are_kept() -> None:
    text = "Xinhua | Updated: 2017-12-12 10:52\n" + ARTICLE + "Home | News | Sport | Business | Contact\n"
    assert removals(text) == {}


def test_keyword_line_followed_by_prose_is_kept() -> None:
    text = "一 | 二 | 三 | 四 | 五 | 六\n" + ARTICLE
    assert removals(text) == {}


def test_chinese_enumeration_in_chinese_article_is_kept() -> None:
    text = "今天上午，市政府召开新闻发布会，介绍了今年的经济发展情况和明年的工作计划。\n苹果、香蕉、橘子、葡萄、西瓜"
    assert removals(text) == {}


def test_keyword_run_needs_short_segments() -> None:
    config = SpamConfig()
    assert is_keyword_run("a| b| c| d| e", config)
    assert not is_keyword_run("This is a whole sentence here. | Another sentence follows it. | x | y | z", config)


def test_foreign_script_requirement_can_be_turned_off() -> None:
    text = ARTICLE + "cheap pills| casino bonus| free slots| best loans| buy links| fast cash"
    assert removals(text) == {}
    relaxed = PipelineConfig(spam=SpamConfig(require_foreign_script=False))
    assert removals(text, relaxed) == {3: "spam_block"}


def test_a_page_of_only_list_like_lines_has_no_foreign_spam():
    """With no article text to compare scripts with, nothing counts as foreign."""
    line = ("Nationwide, the number of Taobao Villages exceeded 2,100 in 2017, compared with just 200 "
            "in 2014. This year, the transactions in these Taobao Villages hit 120 billion yuan, according to Alibaba.")
    doc = Document.from_text("d", "d.txt", line)
    assert find_spam_block(doc, PipelineConfig()).removals == {}
