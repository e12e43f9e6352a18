"""Every read command on the stored v2 market: tables for people, JSON Lines matching the
library's own answers for scripts."""

from __future__ import annotations

from datetime import date

from rich.cells import cell_len

from sharemarket import LABOUR_MINUTES
from sharemarket.park_views import ParkViews
from tests.adapters.cli.conftest import Run, StoredMarket, json_lines

TONGXIN = "91350526MA2YB7LX39"
JIAMEI = "91350526MA31HQ2D6G"


def test_members_lists_every_firm_in_both_forms(run: Run, stored: StoredMarket) -> None:
    """The JSON lines are the park's members, field for field; the table names each firm."""
    with stored.open() as market:
        members = market.park.members()
        park_name = market.park.name()
    table = run("members", env=stored.env())
    assert 0 == table.exit_code, table.output
    assert park_name in table.stdout
    for m in members:
        assert m.name in table.stdout
    lines = json_lines(run("--json", "members", env=stored.env()).stdout)
    expected = [
        {
            "firm": m.firm.code,
            "name": m.name,
            "industry": m.industry,
            "size": m.size.value,
            "status": m.status.value,
            "representatives": list(m.representatives),
        }
        for m in members
    ]
    assert expected == lines


def test_chinese_names_line_up_in_a_table(run: Run, stored: StoredMarket) -> None:
    """Every line of the members table is as wide on screen as the others (a Chinese character
    takes two cells), so the columns' borders stand one under the other."""
    lines = run("members", env=stored.env()).stdout.splitlines()[1:]
    widths = {cell_len(line) for line in lines}
    assert 1 == len(widths), lines
    borders = {
        tuple(i for i, ch in enumerate(_cells(line)) if ch in ("│", "┃")) for line in lines[3:-1]
    }
    assert 1 == len(borders)


def _cells(line: str) -> list[str]:
    """The line as screen cells: a wide character and a blank after it."""
    cells: list[str] = []
    for ch in line:
        cells.extend([ch, ""] if cell_len(ch) == 2 else [ch])
    return cells


def test_balances_and_statement_read_the_views(run: Run, stored: StoredMarket) -> None:
    """After a catch-up, balances show each firm's journal lines, and a statement the firm's
    lines and its net with each member; --as-of reads the journal as of a date."""
    env = stored.env()
    behind = run("balances", env=env)
    assert "views catch-up" in behind.stderr  # the views are empty: the note says so
    assert 0 == run("views", "catch-up", env=env).exit_code
    with stored.open() as market, ParkViews.sqlite(stored.views) as views:
        received = views.balances(TONGXIN).received(LABOUR_MINUTES)
        owes = views.between(TONGXIN, JIAMEI).owes
        firms = [m.firm.code for m in market.park.members()]
    lines = json_lines(run("--json", "balances", env=env).stdout)
    assert firms == sorted({line["firm"] for line in lines}, key=firms.index)
    mine = {
        (line["asset"], line["account"]): line["amount"]
        for line in lines
        if line["firm"] == TONGXIN
    }
    assert received.value == mine[("LABOUR_MINUTES", "received")]
    assert "views catch-up" not in run("balances", env=env).stderr
    statement = json_lines(run("--json", "statement", TONGXIN, env=env).stdout)
    with_jiamei = [
        s for s in statement if s["section"] == "position" and s["counterparty"] == JIAMEI
    ]
    assert [str(-owes.yuan)] == [s["net"] for s in with_jiamei if s["asset"] == "CNY"]
    assert "德化县同鑫陶瓷有限公司" in run("statement", TONGXIN, env=env).stdout
    early = json_lines(run("--json", "balances", "--as-of", "1999-01-01", TONGXIN, env=env).stdout)
    assert [] == early


def test_labour_agreements_and_shifts(run: Run, stored: StoredMarket) -> None:
    with stored.open() as market:
        ids = market.labour.agreements()
        mine = market.labour.agreements(TONGXIN)
        first = market.labour.agreement(ids[0])
        shifts = first.shift_entries()
    lines = json_lines(run("--json", "labour", "agreements", env=stored.env()).stdout)
    assert [str(i) for i in ids] == [line["agreement"] for line in lines]
    assert str(first.rate_per_hour.yuan) == lines[0]["rate_per_hour"]
    of = json_lines(run("--json", "labour", "agreements", "--of", TONGXIN, env=stored.env()).stdout)
    assert [str(i) for i in mine] == [line["agreement"] for line in of]
    listed = json_lines(run("--json", "labour", "shifts", str(ids[0]), env=stored.env()).stdout)
    assert [str(e.shift.shift_id) for e in shifts] == [line["shift"] for line in listed]
    assert [e.shift.minutes.value for e in shifts] == [line["minutes"] for line in listed]
    assert "confirmed" in run("labour", "shifts", str(ids[0]), env=stored.env()).stdout


def test_subcontracting_orders(run: Run, stored: StoredMarket) -> None:
    with stored.open() as market:
        orders = [
            market.subcontracting.order(o, date(2026, 5, 1)) for o in market.subcontracting.orders()
        ]
    lines = json_lines(
        run("--json", "subcontracting", "orders", "--as-of", "2026-05-01", env=stored.env()).stdout
    )
    assert [(str(o.order_id), o.quantity, o.split) for o in orders] == [
        (line["order"], line["quantity"], line["split"]) for line in lines
    ]
    assert orders[0].product.split()[0] in run("subcontracting", "orders", env=stored.env()).stdout


def test_venues_list_and_free_slots(run: Run, stored: StoredMarket) -> None:
    with stored.open() as market:
        venues = market.venues.venues()
        hall = venues[-1]
        free = market.venues.free_slots(hall, date(2026, 5, 11), date(2026, 5, 12))
    lines = json_lines(run("--json", "venues", "list", env=stored.env()).stdout)
    assert [str(v) for v in venues] == [line["venue"] for line in lines]
    slots = json_lines(
        run(
            "--json", "venues", "free", str(hall), "--from", "2026-05-11", "--to", "2026-05-12",
            env=stored.env(),
        ).stdout
    )  # fmt: skip
    assert [(s.start.isoformat(), s.end.isoformat()) for s in free] == [
        (line["start"], line["end"]) for line in slots
    ]
    assert (
        "free from 2026-05-11"
        in run(
            "venues",
            "free",
            str(hall),
            "--from",
            "2026-05-11",
            "--to",
            "2026-05-12",
            env=stored.env(),
        ).stdout
    )


def test_funds_loans_arrears_network_and_lpr(run: Run, stored: StoredMarket) -> None:
    on = date(2026, 9, 1)
    with stored.open() as market:
        loans = market.funds.loans()
        overdue = {str(loan): market.funds.arrears(loan, on) for loan in loans}
        network = market.funds.guarantee_network()
        figures = market.funds.lpr_figures()
    listed = json_lines(run("--json", "funds", "loans", env=stored.env()).stdout)
    assert [str(loan) for loan in loans] == [line["loan"] for line in listed]
    arrears = json_lines(
        run("--json", "funds", "arrears", "--as-of", on.isoformat(), env=stored.env()).stdout
    )
    assert {k: str(a.total.yuan) for k, a in overdue.items() if a.total} == {
        line["loan"]: line["total"] for line in arrears
    }
    every = run("--json", "funds", "arrears", "--as-of", on.isoformat(), "--all", env=stored.env())
    assert len(loans) == len(json_lines(every.stdout))
    shown = json_lines(run("--json", "funds", "network", env=stored.env()).stdout)
    assert {p.firm.code: str(p.direct.yuan) for p in network.positions} == {
        line["firm"]: line["direct"] for line in shown if line["section"] == "position"
    }
    assert len(network.cycles) == sum(1 for line in shown if line["section"] == "cycle")
    assert [(g.guarantor.code, g.borrower.code, str(g.limit.yuan)) for g in network.guarantees] == [
        (line["guarantor"], line["borrower"], line["limit"])
        for line in shown
        if line["section"] == "guarantee"
    ]
    assert "guarantors' exposure" in run("funds", "network", env=stored.env()).stdout
    lpr = json_lines(run("--json", "lpr", "list", env=stored.env()).stdout)
    assert [str(f.rate) for f in figures] == [line["rate"] for line in lpr]


def test_matching_open_and_the_sharing_report(run: Run, stored: StoredMarket) -> None:
    with stored.open() as market:
        listings = [market.matching.listing(i) for i in market.matching.listings()]
        recorded = market.event_log.recorder.select_notifications(1, 1)[0]
        month = market.event_log.mapper.to_domain_event(recorded).timestamp.date()
        first = month.replace(day=1)
        report = market.matching.sharing_report(first, date(2026, 11, 30))
    lines = json_lines(run("--json", "matching", "open", env=stored.env()).stdout)
    assert [str(x.id) for x in listings if x.is_open] == [line["listing"] for line in lines]
    shown = json_lines(
        run("--json", "report", "--month", f"{first:%Y-%m}", env=stored.env()).stdout
    )
    needs = [line for line in shown if line["section"] == "needs"]
    assert [(k.kind.value, k.posted, k.matched) for k in report.needs] == [
        (line["kind"], line["posted"], line["matched"]) for line in needs
    ]
    firms = [line for line in shown if line["section"] == "firm"]
    assert report.firms, "the stored market shares labour, pieces, venues and money"
    assert [
        (
            f.firm.code,
            f.given.labour.value,
            f.received.pieces,
            str(f.given.lent.yuan),
            f.given_through_matches.labour.value,
            f.given.guarantees,
        )
        for f in report.firms
    ] == [
        (
            line["firm"],
            line["given"]["labour"],
            line["received"]["pieces"],
            line["given"]["lent"],
            line["given_through_matches"]["labour"],
            line["given"]["guarantees"],
        )
        for line in firms
    ]
    table = run("report", "--month", f"{first:%Y-%m}", env=stored.env()).stdout
    assert "sharing report" in table
    assert "median days" in table
    assert "what each firm shared" in table


def test_the_report_without_views_is_made_from_the_log(run: Run, stored: StoredMarket) -> None:
    """Without --views the same report comes from the market's log; nothing is written."""
    env = {"SHAREMARKET_STORE": str(stored.path)}
    with_views = json_lines(run("--json", "report", "--month", "2026-11", env=stored.env()).stdout)
    from_log = json_lines(run("--json", "report", "--month", "2026-11", env=env).stdout)
    assert with_views == from_log


def test_clearing_show(run: Run, stored: StoredMarket) -> None:
    run_id = stored.ids("clearing.propose_run")[0]
    with stored.open() as market:
        statement = market.clearing.statement(run_id)
    shown = json_lines(run("--json", "clearing", "show", str(run_id), env=stored.env()).stdout)
    payments = [line for line in shown if line["section"] == "payment"]
    assert [(p.payer.code, p.payee.code, str(p.amount.yuan)) for p in statement.payments] == [
        (line["payer"], line["payee"], line["amount"]) for line in payments
    ]
    assert [str(statement.gross.yuan)] == [
        line["gross"] for line in shown if line["section"] == "run"
    ]
    assert "net payments" in run("clearing", "show", str(run_id), env=stored.env()).stdout
