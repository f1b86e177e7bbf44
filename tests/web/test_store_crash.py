"""A process killed in the middle of a save leaves the database at the previous version, still usable."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from principal.store import deals
from principal.store.database import open_store
from tests.conftest import SEED

CRASHING_SAVE = textwrap.dedent(
    """
    import os, sys
    from sqlalchemy import event
    from sqlalchemy.orm import Session
    from principal.store import deals
    from principal.store.database import open_store

    store = open_store(sys.argv[1])
    text = open(sys.argv[2], encoding="utf-8").read().replace("unit_price: 143", "unit_price: 120")

    def die(session):
        session.flush()          # the new version's rows are written inside the open transaction...
        os._exit(9)              # ...and the process dies before COMMIT

    event.listen(Session, "before_commit", die)
    deals.save_version(store, 1, text, author="crash", message="never committed")
    """
)


def test_killed_process_mid_save_leaves_previous_version(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'principal.db'}"
    store = open_store(url)
    original = SEED.read_text(encoding="utf-8")
    deals.create_deal(store, original, author="ana", message="")
    store.close()

    # The timeout is a hang guard only: a busy machine may take long to start the child.
    result = subprocess.run([sys.executable, "-c", CRASHING_SAVE, url, str(SEED)], capture_output=True, timeout=300)
    assert result.returncode == 9, result.stderr.decode()

    reopened = open_store(url)
    assert [v.number for v in deals.list_versions(reopened, 1)] == [1]
    assert deals.get_version(reopened, 1).yaml_text == original
    saved = deals.save_version(
        reopened, 1, original.replace("unit_price: 143", "unit_price: 121"), author="bo", message=""
    )
    assert saved.info.number == 2
    reopened.close()
