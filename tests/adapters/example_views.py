"""What the example script prints from the views: a balances table and the audit trail's tail.

``print_views`` is written to be pasted into ``examples/dehua_park.py`` (it uses that script's
``table``); ``test_embedding`` runs it on the example's own market.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from sharemarket import ShareMarket
from sharemarket.projections import ParkViews

Table = Callable[[Sequence[str], Sequence[Sequence[str]]], str]


def print_views(market: ShareMarket, folder: Path, table: Table) -> None:
    """Balances from the journal, and the last lines of the hash-chained audit trail."""
    names = {m.firm.code: m.name for m in market.members()}
    with ParkViews.sqlite(folder) as views:
        views.catch_up(market)
        rows = []
        for code, name in sorted(names.items(), key=lambda item: item[1]):
            b = views.balances(code)
            if b.lines:
                hours = (str(b.labour_given), str(b.labour_received))
                rows.append([name, *hours, str(b.receivable), str(b.payable)])
        print(
            f"balances from the journal; shared working time in the park: "
            f"{views.totals().shared_labour}"
        )
        print()
        print(table(["firm", "hours lent", "hours borrowed", "to receive", "to pay"], rows))
        print()
        print("audit trail, last lines:")
        for row in views.audit_tail(5):
            print(f"  {row.position:>4}  {row.user:<12} {row.summary}")
        check = views.verify()
        print(
            f"verify(): {'ok' if check.ok else 'BROKEN at ' + str(check.first_bad_position)}, "
            f"{check.rows_checked} rows, last hash {check.head_hash[:16]}…"
        )
