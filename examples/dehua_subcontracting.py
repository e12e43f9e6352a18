"""同鑫陶瓷's order split among four firms of the Dehua park (二次发单), in an SQLite file.

Run it with ``python examples/dehua_subcontracting.py [PATH]``. Early 2020: 同鑫陶瓷 (Tongxin
Ceramics) lacked workers for an order of 60,000 pieces of a glazed tableware set, so the park
split it among four member firms (fettling, glazing, painting, finished pieces). Clay and glaze
are supplied; each firm delivers twice; the glazing firm's first delivery has cracked pieces
(scrapped and made again) and glaze defects (reworked and accepted); the firms bill the accepted
pieces, 同鑫 pays, and the park prints each firm's scorecard. The market is written to PATH
(default ``./dehua_subcontracting.sqlite``), replaced on each run.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import NamedTuple
from uuid import UUID

from sharemarket import (
    Actor,
    DefectReason,
    Disposition,
    FirmSize,
    MaterialUnit,
    Operation,
    OrderOversplit,
    Rejection,
    Rejections,
    ShareMarket,
)

DEFAULT_PATH = Path("dehua_subcontracting.sqlite")
ADMIN = Actor.administrator("cd-admin-01")
ORDER_DAY = date(2020, 2, 24)
DUE = date(2020, 3, 20)


class Firm(NamedTuple):
    code: str
    name: str
    rep: str


TONGXIN = Firm("91350526MA2YB7LX39", "德化县同鑫陶瓷有限公司", "tongxin-01")
JIAMEI = Firm("91350526MA31HQ2D6G", "德化县佳美陶瓷有限公司", "jiamei-01")
SHUNMEI = Firm("91350526705481326F", "福建省德化县顺美陶瓷有限公司", "shunmei-01")
GUANFU = Firm("913505261543981209", "福建省德化县冠福家用制品有限公司", "guanfu-01")
HUICAI = Firm("92350526MA2XW9P14W", "德化县绘彩陶瓷彩绘工作室", "huicai-01")  # 个体工商户

#: (firm, operation, pieces, price a piece, first delivery, second delivery)
PARTS = (
    (JIAMEI, Operation.FETTLING, 20_000, "0.35", 12_000, 8_000),
    (SHUNMEI, Operation.GLAZING, 15_000, "0.60", 9_000, 6_000),
    (HUICAI, Operation.PAINTING, 10_000, "1.20", 4_000, 6_000),
    (GUANFU, Operation.FINISHED_PIECE, 15_000, "4.80", 7_500, 7_500),
)


def actor(firm: Firm) -> Actor:
    return Actor.for_firm(firm.rep, firm.code)


def open_park(market: ShareMarket) -> None:
    market.park.establish(ADMIN, request_id="park", name="德化县城东陶瓷产业园")
    for firm in (TONGXIN, JIAMEI, SHUNMEI, GUANFU, HUICAI):
        market.park.admit_firm(
            ADMIN,
            request_id=f"admit-{firm.code}",
            firm=firm.code,
            name=firm.name,
            industry="ceramics",
            size=FirmSize.SMALL,
            representatives=[firm.rep],
        )


def split_order(market: ShareMarket) -> tuple[UUID, dict[Firm, UUID]]:
    """同鑫 records the order and offers four parts; a fifth offer would oversplit it."""
    sub = market.subcontracting
    order = sub.record_order(
        actor(TONGXIN),
        request_id="order",
        reference="TX-2020-017",
        product="釉下彩餐具套装 glazed tableware set",
        quantity=60_000,
        due_on=date(2020, 3, 31),
    )
    parts = {}
    for firm, operation, pieces, price, _, _ in PARTS:
        parts[firm] = sub.offer_part(
            actor(TONGXIN),
            request_id=f"offer-{firm.code}",
            order=order,
            subcontractor=firm.code,
            operation=operation,
            quantity=pieces,
            unit_price=price,
            due_on=DUE,
            tolerance_percent=2,
            late_charge_per_day="200.00",
            late_charge_cap="2000.00",
        )
        sub.accept_part(actor(firm), request_id=f"accept-{firm.code}", part=parts[firm])
    try:
        sub.offer_part(
            actor(TONGXIN),
            request_id="offer-too-many",
            order=order,
            subcontractor=JIAMEI.code,
            operation=Operation.FETTLING,
            quantity=1,
            unit_price="0.35",
            due_on=DUE,
        )
    except OrderOversplit as refused:
        print(f"refused ({refused.code}): {refused}")
    return order, parts


def supply(market: ShareMarket, parts: dict[Firm, UUID]) -> None:
    """Cast blanks for the fettlers, clay for the finished pieces, glaze for the glazed and the
    finished ones (grams a piece, as agreed)."""
    supplies = (
        (JIAMEI, "blanks", "坯体 cast blanks", MaterialUnit.PIECE, 20_400, 1),
        (GUANFU, "clay", "泥料 clay", MaterialUnit.GRAM, 9_300_000, 600),
        (SHUNMEI, "glaze", "釉料 glaze", MaterialUnit.GRAM, 1_250_000, 80),
        (GUANFU, "glaze", "釉料 glaze", MaterialUnit.GRAM, 1_250_000, 80),
    )
    for firm, key, material, unit, quantity, per_piece in supplies:
        market.subcontracting.send_material(
            actor(TONGXIN),
            request_id=f"send-{firm.code}-{key}",
            part=parts[firm],
            material=material,
            unit=unit,
            quantity=quantity,
            per_piece=per_piece,
        )


def deliver_and_inspect(market: ShareMarket, parts: dict[Firm, UUID]) -> None:
    """Two deliveries a firm; the glazing firm's first has cracks and glaze defects."""
    sub = market.subcontracting
    for firm, _, _, _, first, second in PARTS:
        part = parts[firm]
        for n, (pieces, day) in enumerate(((first, date(2020, 3, 6)), (second, date(2020, 3, 18)))):
            delivery = sub.deliver(
                actor(firm),
                request_id=f"d{n}-{firm.code}",
                part=part,
                pieces=pieces,
                delivered_on=day,
            )
            rejected = Rejections.none()
            if firm is SHUNMEI and n == 0:
                rejected = Rejections.of(
                    Rejection(DefectReason.CRACK, 120, Disposition.SCRAP),
                    Rejection(DefectReason.GLAZE_DEFECT, 380, Disposition.REWORK, "pinholes"),
                )
            sub.inspect_delivery(
                actor(TONGXIN),
                request_id=f"i{n}-{firm.code}",
                part=part,
                delivery=delivery,
                inspected_on=day,
                accepted=pieces - rejected.pieces(),
                rejected=rejected,
            )
    # The reworked (re-glazed, re-fired) pieces come back, and the cracked ones made again.
    part = parts[SHUNMEI]
    rework = sub.deliver_rework(
        actor(SHUNMEI), request_id="rework", part=part, pieces=380, delivered_on=date(2020, 3, 19)
    )
    sub.inspect_delivery(
        actor(TONGXIN),
        request_id="i-rework",
        part=part,
        delivery=rework,
        inspected_on=date(2020, 3, 19),
        accepted=380,
    )
    again = sub.deliver(
        actor(SHUNMEI), request_id="remade", part=part, pieces=120, delivered_on=date(2020, 3, 23)
    )
    sub.inspect_delivery(
        actor(TONGXIN),
        request_id="i-remade",
        part=part,
        delivery=again,
        inspected_on=date(2020, 3, 23),
        accepted=120,
    )


def settle(market: ShareMarket, parts: dict[Firm, UUID]) -> None:
    """Leftover materials go back; each firm bills its accepted pieces and 同鑫 pays."""
    sub = market.subcontracting
    for firm, *_ in PARTS:
        for n, m in enumerate(sub.part(parts[firm], as_of=date(2020, 3, 25)).materials):
            if m.held:
                sub.return_material(
                    actor(firm),
                    request_id=f"return-{n}-{firm.code}",
                    part=parts[firm],
                    material=m.material,
                    quantity=m.held,
                )
    for firm, *_ in PARTS:
        bill = sub.bill_part(
            actor(firm),
            request_id=f"bill-{firm.code}",
            part=parts[firm],
            billed_on=date(2020, 3, 25),
        )
        print(f"{firm.name} bills:")
        for text, amount in bill.lines():
            print(f"    {text:<48} {amount!s:>14}")
        print(f"    {'to pay':<48} {bill.amount!s:>14}")
        sub.record_payment(
            actor(TONGXIN), request_id=f"pay-{firm.code}", part=parts[firm], amount=bill.amount
        )


def report(market: ShareMarket, order: UUID) -> None:
    sub = market.subcontracting
    seen = sub.order(order, as_of=date(2020, 3, 31))
    print(f"order {seen.reference}: {seen.quantity:,} pieces, {seen.status.value}")
    for p in seen.parts:
        firm = next(f for f in (JIAMEI, SHUNMEI, GUANFU, HUICAI) if f.code == p.subcontractor.code)
        print(
            f"  {firm.name}: {p.terms.operation.value}, {p.accepted:,} accepted of "
            f"{p.quantity:,}, {p.scrapped:,} scrapped, paid {p.paid}, {p.status.value}"
        )
        for m in p.materials:
            print(
                f"      {m.material}: sent {m.sent:,} {m.unit.value}, consumed {m.consumed:,}, "
                f"returned {m.returned:,}, held {m.held:,}"
            )
    for firm in (JIAMEI, SHUNMEI, GUANFU, HUICAI):
        card = sub.scorecard(firm.code, date(2020, 3, 1), date(2020, 3, 31))
        reasons = ", ".join(
            f"{r.value} {float(card.rejection_rate(r)):.2%}" for r in card.rejected_by_reason
        )
        print(
            f"scorecard {firm.name}: {card.accepted:,} accepted, rejected "
            f"{float(card.rejection_rate()):.2%}{f' ({reasons})' if reasons else ''}, on time "
            f"{card.on_time}/{card.deliveries}"
        )


def main(path: Path = DEFAULT_PATH) -> None:
    path.unlink(missing_ok=True)
    with ShareMarket.sqlite(path) as market:
        open_park(market)
        order, parts = split_order(market)
        supply(market, parts)
        deliver_and_inspect(market, parts)
        settle(market, parts)
        report(market, order)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_PATH)
