"""Shared set-up of the labour-sharing tests: Dehua firms, representatives, state snapshots."""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from typing import Any

from eventsourcing.application import project_aggregate
from eventsourcing.domain import Aggregate

from sharemarket import Actor, FirmId, FirmSize, ShareMarket
from sharemarket.domain.park.membership import Park
from tests.domain.park.records import consulting

# Dehua Chengdong ceramics park firms (made-up but valid codes, region 350526).
TONGXIN = FirmId("91350526MA2YB7LX39")  # 同鑫陶瓷: short of workers in Canton-Fair season
JIAMEI = FirmId("91350526MA31HQ2D6G")  # 佳美陶瓷: lends fettlers (修坯)
SHUNMEI = FirmId("91350526705481326F")  # 顺美陶瓷: lends glazers (上釉)
GUANFU = FirmId("913505261543981209")  # 冠福家用: a second borrower
OUTSIDER = FirmId("91350100M000100Y43")  # a valid code that is not a member of the park

FIRMS: dict[FirmId, str] = {
    TONGXIN: "德化县同鑫陶瓷有限公司",
    JIAMEI: "德化县佳美陶瓷有限公司",
    SHUNMEI: "福建省德化县顺美陶瓷有限公司",
    GUANFU: "福建省德化县冠福家用制品有限公司",
}
ADMIN = Actor.administrator("cd-admin-01")


def rep(firm: FirmId, n: int = 1) -> Actor:
    """The n-th representative of ``firm`` (1 and 2 are appointed; 3 never is)."""
    return Actor.for_firm(f"rep-{firm.code[-4:]}-{n}", firm)


def representatives(firm: FirmId) -> list[str]:
    return [rep(firm, 1).user, rep(firm, 2).user]


def domain_park(firms: Iterable[FirmId] = FIRMS) -> Park:
    """A Park aggregate with ``firms`` admitted, its events already collected."""
    park = consulting(Park.establish(name="德化县城东陶瓷产业园", administrator=ADMIN.user))
    for firm in firms:
        park.admit_firm(
            ADMIN,
            firm=firm,
            name=FIRMS[firm],
            industry="ceramics",
            size=FirmSize.SMALL,
            representatives=representatives(firm),
        )
    park.collect_events()
    return park


def open_park(market: ShareMarket, firms: Iterable[FirmId] = FIRMS) -> None:
    """Establish the park in ``market`` and admit ``firms`` with two representatives each."""
    market.park.establish(ADMIN, request_id="park", name="德化县城东陶瓷产业园")
    for firm in firms:
        market.park.admit_firm(
            ADMIN,
            request_id=f"admit-{firm.code}",
            firm=firm,
            name=FIRMS[firm],
            industry="ceramics",
            size=FirmSize.SMALL,
            representatives=representatives(firm),
        )


def state(aggregate: Aggregate) -> dict[str, Any]:
    """A deep copy of an aggregate's state, without its pending events."""
    return copy.deepcopy({k: v for k, v in vars(aggregate).items() if k != "_pending_events"})


def replay(events: Sequence[Any]) -> Any:
    """An aggregate rebuilt from its events alone."""
    return project_aggregate(None, events)


def recomputed_days(entries: dict[str, list[int | str]]) -> dict[str, list[int]]:
    """Per-day [total, overtime, workday overtime] summed afresh from a timesheet's entries."""
    days: dict[str, list[int]] = {}
    for iso, total, overtime, workday_ot in entries.values():
        day = days.setdefault(str(iso), [0, 0, 0])
        day[0] += int(total)
        day[1] += int(overtime)
        day[2] += int(workday_ot)
    return days


def cap_violations(entries: dict[str, list[int | str]], policy: Any) -> list[str]:
    """Every working-time cap of ``policy`` the booked entries break, computed independently."""
    from datetime import date, timedelta

    days = recomputed_days(entries)
    problems: list[str] = []
    months: dict[str, int] = {}
    weeks_standard: dict[date, int] = {}
    weeks_worked: dict[date, int] = {}
    for iso, (total, overtime, workday_ot) in days.items():
        day = date.fromisoformat(iso)
        standard = total - overtime
        if total > policy.daily_standard.value + policy.daily_overtime_max.value:
            problems.append(f"{iso}: {total} minutes in the day")
        if standard > policy.daily_standard.value:
            problems.append(f"{iso}: {standard} standard minutes")
        if workday_ot > policy.daily_overtime_max.value:
            problems.append(f"{iso}: {workday_ot} workday overtime minutes")
        months[iso[:7]] = months.get(iso[:7], 0) + overtime
        monday = day - timedelta(days=day.weekday())
        weeks_standard[monday] = weeks_standard.get(monday, 0) + standard
        if total > 0:
            weeks_worked[monday] = weeks_worked.get(monday, 0) + 1
    for month, overtime in months.items():
        if overtime > policy.monthly_overtime_max.value:
            problems.append(f"{month}: {overtime} overtime minutes in the month")
    if policy.weekly_standard_max is not None:
        for monday, standard in weeks_standard.items():
            if standard > policy.weekly_standard_max.value:
                problems.append(f"week of {monday}: {standard} standard minutes")
    if policy.weekly_rest_day:
        for monday, worked in weeks_worked.items():
            if worked > 6:
                problems.append(f"week of {monday}: no rest day")
    return problems


def version_2_rows(agreement: Any) -> dict[str, list[Any]]:
    """The agreement's shifts as snapshots of versions 1 and 2 stored them."""
    return {
        str(e.shift.shift_id): [
            e.shift.worker,
            e.shift.work_date.isoformat(),
            e.shift.minutes.value,
            e.shift.overtime.value,
            e.shift.day_type.value,
            e.status.value,
            None if e.settlement_id is None else str(e.settlement_id),
            e.note,
        ]
        for e in agreement.book.entries()
    }
