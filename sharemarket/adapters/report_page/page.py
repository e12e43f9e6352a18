"""The report page as HTML: its tables, its charts' places, its style; one file, no network."""

from __future__ import annotations

from html import escape
from typing import Any

from plotly.offline import get_plotlyjs  # charts, imported first, named the extra if missing

from sharemarket.adapters.report_page import charts, network_chart
from sharemarket.adapters.report_page.cells import hours, num, table
from sharemarket.adapters.report_page.content import ReportContent
from sharemarket.adapters.report_page.sharing import sharing

STYLE = f"""
body {{ font-family: {charts.FONTS}; margin: 24px auto; max-width: 1280px; color: #111827;
       background: #f8fafc; padding: 0 24px; }}
h1 {{ font-size: 26px; margin-bottom: 4px; }}
h2 {{ font-size: 20px; margin-top: 36px; border-bottom: 2px solid #cbd5e1; padding-bottom: 4px; }}
h3 {{ font-size: 16px; margin: 18px 0 6px; }}
p.meta {{ color: #475569; margin-top: 0; }}
section {{ background: white; border-radius: 8px; padding: 4px 18px 16px; margin: 16px 0;
          box-shadow: 0 1px 3px rgba(0,0,0,.08); }}
table {{ border-collapse: collapse; margin: 6px 0 14px; font-size: 14px; }}
th, td {{ border: 1px solid #e2e8f0; padding: 4px 10px; text-align: left; }}
th {{ background: #f1f5f9; }}
td.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
tr.hot td {{ background: #fee2e2; }}
tr.cycle td:first-child {{ border-left: 4px solid {charts.CYCLE}; }}
.chart {{ margin: 8px 0; }}
.empty {{ color: #64748b; font-style: italic; }}
"""


def chart(name: str, figure: Any) -> str:
    html: str = figure.to_html(
        full_html=False,
        include_plotlyjs=False,
        div_id=f"chart-{name}",
        config={"displaylogo": False, "responsive": True},
    )
    return f'<div class="chart" data-chart="{escape(name)}">{html}</div>'


def labour(c: ReportContent) -> str:
    weeks = table(["week from 周一", "hours 小时"], [(w, hours(m)) for w, m in c.labour_by_week()])
    pairs = table(
        ["lender 出借方", "borrower 借用方", "hours 小时"],
        [(c.name(a), c.name(b), hours(m)) for a, b, m in c.labour_by_pair()],
    )
    drawn = (
        chart("labour-weeks", charts.labour_by_week(c))
        + chart("labour-pairs", charts.labour_by_pair(c))
        if c.labour
        else ""
    )
    return (
        "<section id='labour'><h2>共享用工 Shared labour</h2>"
        "<p class='meta'>Confirmed hours worked in the period (reversed shifts left out), by the "
        "week of the work date.</p>"
        f"<h3>By week</h3>{weeks}<h3>By firm pair</h3>{pairs}{drawn}</section>"
    )


def venues(c: ReportContent) -> str:
    rows = [
        (
            v.name + (" (closed 已关闭)" if v.closed else ""),
            v.host,
            hours(v.open),
            hours(v.booked),
            hours(v.used),
            num(v.no_shows),
            hours(v.no_show),
            num(f"{100 * v.used.value / v.open.value:.1f} %" if v.open.value else "-"),
        )
        for v in c.venues
    ]
    headers = [
        "venue 场地", "host 提供方", "open 开放", "booked 预约", "used 使用",
        "no-shows 爽约次数", "no-show hours", "used / open",
    ]  # fmt: skip
    months = ", ".join(f"{m:%Y-%m}" for m in c.months)
    drawn = chart("venues", charts.venues(c)) if c.venues else ""
    return (
        "<section id='venues'><h2>阵地共享 Venue utilisation</h2>"
        f"<p class='meta'>Whole calendar months touched by the period: {escape(months)}. "
        "No-shows count late cancellations too.</p>"
        f"{table(headers, rows)}{drawn}</section>"
    )


def funds(c: ReportContent) -> str:
    changed, last = [], None
    for n, (day, cash, owed) in enumerate(c.funds):
        if (cash, owed) != last or n in (0, len(c.funds) - 1):
            changed.append((day, num(cash), num(owed)))
        last = (cash, owed)
    headers = ["day 日期", "pool cash 资金池现金", "loans outstanding 贷款余额 (principal)"]
    moved = any(cash.fen or owed.fen for _, cash, owed in c.funds)
    drawn = chart("funds", charts.funds(c)) if moved else ""
    return (
        "<section id='funds'><h2>资金 Pool cash and loans</h2>"
        "<p class='meta'>End of each day on which money moved, by the dates recorded for it "
        "(received, disbursed, paid on); loans between members and pool loans.</p>"
        f"{table(headers, changed)}{drawn}</section>"
    )


def network(c: ReportContent) -> str:
    hot = {f.code for f in c.most_exposed}
    looped = c.in_cycles()
    positions = sorted(
        c.network.positions, key=lambda p: (-(p.direct + p.through_chains).fen, p.firm.code)
    )
    rows, classes = [], []
    for p in positions:
        marks = [
            m
            for m, on in (("most exposed", p.firm.code in hot), ("cycle", p.firm.code in looped))
            if on
        ]
        rows.append(
            (c.name(p.firm), p.firm.code, num(p.direct), num(p.through_chains),
             num(p.direct + p.through_chains), ", ".join(marks))
        )  # fmt: skip
        classes.append(
            " ".join(
                ("hot" if p.firm.code in hot else "", "cycle" if p.firm.code in looped else "")
            ).strip()
        )
    headers = [
        "guarantor 担保方",
        "credit code",
        "direct 直接",
        "through chains 链上",
        "total 合计",
        "",
    ]
    guarantees = table(
        ["guarantor 担保方", "borrower 借款方", "lender 出借方", "limit 限额", "kind"],
        [
            (c.name(g.guarantor), c.name(g.borrower), c.name(g.lender), num(g.limit),
             "external 外部" if g.external else "park 园区")
            for g in c.network.guarantees
        ],
    )  # fmt: skip
    cycles = table(
        ["cycle 担保圈"],
        [(" → ".join(c.name(f) for f in (*cycle, cycle[0])),) for cycle in c.network.cycles],
    )
    return (
        "<section id='network'><h2>担保网络 Guarantee network</h2>"
        "<p class='meta'>Guarantees in force now, each guarantor's contingent exposure (direct, "
        "and through the chains of firms it guarantees). The most exposed firms are red; firms on "
        "a cycle (互保链) have an orange ring and their arrows are orange.</p>"
        f"{chart('network', network_chart.network(c))}"
        f"<h3>Exposure</h3>{table(headers, rows, classes=classes)}"
        f"<h3>Cycles</h3>{cycles}<h3>Guarantees</h3>{guarantees}</section>"
    )


def balances(c: ReportContent) -> str:
    rows = [
        (b.name, hours(b.labour_given), hours(b.labour_received), hours(b.venue_given),
         hours(b.venue_received), num(b.receivable), num(b.payable))
        for b in c.balances
    ]  # fmt: skip
    headers = [
        "firm 企业", "labour given", "labour received", "venue hours given", "venue hours received",
        "receivable 应收", "payable 应付",
    ]  # fmt: skip
    return (
        "<section id='balances'><h2>账户 Balances to date</h2>"
        "<p class='meta'>The journal as the views have read it (position "
        f"{escape(str(c.views_position))}), every period together.</p>"
        f"{table(headers, rows)}</section>"
    )


def render(c: ReportContent) -> str:
    title = f"{c.park} · {c.first_day} – {c.last_day}"
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{STYLE}</style>"
        f'<script type="text/javascript">{get_plotlyjs()}</script></head><body>'
        f"<h1>{escape(c.park)}</h1><p class='meta'>资源共享报告 Sharing report, "
        f"{escape(str(c.first_day))} to {escape(str(c.last_day))}</p>"
        f"{labour(c)}{venues(c)}{funds(c)}{network(c)}{sharing(c)}{balances(c)}</body></html>\n"
    )
