"""The page's sharing report: needs by kind, and what each firm gave and received.

Read from the park's sharing view (``views.sharing_report``): every deal of the period counts
on its firms' rows, and the deals made from matches are shown apart, as the matching guide
describes the report.
"""

from __future__ import annotations

from html import escape

from sharemarket.adapters.report_page.cells import hours, num, table
from sharemarket.adapters.report_page.content import ReportContent
from sharemarket.application.matching.report import Shared

HEADERS = [
    "firm 企业",
    "labour given 出借工时",
    "labour received 借用工时",
    "pieces made 承接件数",
    "pieces ordered 发单件数",
    "billed 加工费",
    "venue hours given 提供场地",
    "venue hours used 使用场地",
    "lent 出借资金",
    "borrowed 借入资金",
    "guarantees given 担保笔数",
    "guaranteed 担保额",
]


def _figures(given: Shared, received: Shared) -> list[object]:
    return [
        hours(given.labour),
        hours(received.labour),
        num(given.pieces),
        num(received.pieces),
        num(given.billed),
        hours(given.venue),
        hours(received.venue),
        num(given.lent),
        num(received.lent),
        num(given.guarantees),
        num(given.guaranteed),
    ]


def sharing(c: ReportContent) -> str:
    report = c.sharing
    needs = table(
        ["kind 类别", "posted 发布", "matched 撮合", "fulfilled 完成", "open 未结"],
        [
            (k.kind.value, num(k.posted), num(k.matched), num(k.fulfilled), num(k.open))
            for k in report.needs
        ],
    )
    every = table(HEADERS, [[c.name(f.firm), *_figures(f.given, f.received)] for f in report.firms])
    matched = table(
        HEADERS,
        [
            [c.name(f.firm), *_figures(f.given_through_matches, f.received_through_matches)]
            for f in report.firms
            if f.given_through_matches != Shared() or f.received_through_matches != Shared()
        ],
    )
    median = "-" if report.median_days_to_match is None else f"{report.median_days_to_match:g}"
    return (
        "<section id='sharing'><h2>共享报告 Sharing report</h2>"
        "<p class='meta'>Counted on the days the events were recorded. Median days from a "
        f"need's posting to its first agreed match: {escape(median)}.</p>"
        f"<h3>Needs 需求清单</h3>{needs}<h3>Every deal 全部共享</h3>{every}"
        f"<h3>Deals made from matches 撮合成交</h3>{matched}</section>"
    )
