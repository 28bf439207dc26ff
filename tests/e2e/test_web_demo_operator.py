"""The demo's operator client: registered once, kept beside the database, signs in (F-AUTH-6)."""

from __future__ import annotations

import sys
from pathlib import Path

from litestar.testing import TestClient

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "business_hall"


def _demo_hall():
    sys.path.insert(0, str(EXAMPLE))
    try:
        import demo_hall  # noqa: PLC0415 - the example, importable once on the path
    finally:
        sys.path.remove(str(EXAMPLE))
    return demo_hall


def test_the_demo_operator_is_kept_and_reads_the_metrics(tmp_path):
    database = tmp_path / "demo.sqlite3"
    demo_hall = _demo_hall()
    first = demo_hall.build(database, echo=lambda _line: None)
    first.hall.close()
    demo = demo_hall.build(database, echo=lambda _line: None)
    try:
        assert demo.operator == first.operator
        client_id, secret = demo.operator
        stored = database.with_suffix(".operator")
        assert oct(stored.stat().st_mode & 0o777) == "0o600"
        issued = demo.hall.access.issue_client_token(client_id, secret, "metrics.read")
        with TestClient(app=demo.app, base_url="http://127.0.0.1") as client:
            answer = client.get(
                "/metrics", headers={"Authorization": f"Bearer {issued.access_token}"}
            )
            assert answer.status_code == 200, answer.text
            assert client.get("/metrics").status_code == 401
    finally:
        demo.hall.close()
