"""`make run PORT=8100`: the demo and the server both get the address on 8100, so
the links in e-mails (an invitation, say) lead to the server that runs."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

FAKE_TOOL = """#!/bin/sh
echo "PORTAL_BASE_URL=$PORTAL_BASE_URL $*" >> "{log}"
"""


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_run_gives_the_server_the_base_url_of_its_port(tmp_path):
    log = tmp_path / "calls.log"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (tmp_path / "venv").mkdir()
    for tool in ("python", "pip"):
        script = bin_dir / tool
        script.write_text(FAKE_TOOL.format(log=log))
        script.chmod(0o755)
    env = {key: value for key, value in os.environ.items() if key != "PORTAL_BASE_URL"}
    make = shutil.which("make")
    subprocess.run(  # noqa: S603 - our own Makefile, fixed arguments
        [make, "-s", "run", "PORT=8100", f"BIN={bin_dir}", f"VENV={tmp_path}/venv"],
        cwd=Path(settings.BASE_DIR),
        env=env,
        check=True,
        capture_output=True,
        timeout=60,
    )
    calls = log.read_text().splitlines()
    server = next(line for line in calls if "runserver" in line)
    demo = next(line for line in calls if "load_demo" in line)
    assert (
        server
        == "PORTAL_BASE_URL=http://127.0.0.1:8100 manage.py runserver 127.0.0.1:8100"
    )
    assert demo.startswith("PORTAL_BASE_URL=http://127.0.0.1:8100 ")
