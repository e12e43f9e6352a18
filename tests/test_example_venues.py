"""The venues example runs and reports the month as the issue's scene says it should."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "dehua_venues.py"


def test_the_dehua_venues_example_tells_the_month(tmp_path: Path) -> None:
    """One Tuesday skipped, a late cancellation and a no-show kept, the waitlist taking the
    freed slot, the roadshow approved and used, each venue's month, the quota left, and the
    hours and fees credited to each host."""
    result = subprocess.run(
        [sys.executable, str(EXAMPLE), str(tmp_path / "views")],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )
    assert 0 == result.returncode, result.stderr
    lines = result.stdout.splitlines()
    expected = [
        "weekly training booked on 2026-03-03, 2026-03-10, 2026-03-24, 2026-03-31; skipped "
        "2026-03-17",
        "training of 2026-03-24 cancelled at 12:30: cancelled_late",
        "the slot is offered to the old-kiln workshop until 13:00",
        "the old-kiln workshop took it: confirmed",
        "old-kiln workshop meeting of 2026-03-05: no_show",
        "roadshow requested: pending",
        "roadshow: completed",
        "activity room 2026-03: open 308h00, booked 11h00, used 4h00, 2 no-shows (3h00)",
        "roadshow hall 2026-03: open 275h00, booked 3h00, used 3h00, 0 no-shows (0h00)",
        "91350526MA2YB7LX39 德化县同鑫陶瓷有限公司: 8h00 counted, bookings: 4; used 4h00 in 2; "
        "quota left 12h00",
        "92350526MA00000312 德化县老窑柴烧坊: 3h00 counted, bookings: 2; used 0h00 in 0;",
        "91350526705481326F 福建省德化县顺美陶瓷有限公司 gave 4h00 of its rooms; fees receivable "
        "¥0.00",
        "12350526MB00000019 德化陶瓷产业园党群服务中心 gave 3h00 of its rooms; fees receivable "
        "¥150.00",
    ]
    for start in expected:
        assert any(line.startswith(start) for line in lines), f"{start!r} not in:\n{result.stdout}"
