"""`make run`, with a stand-in Python that records what it is asked and in which environment.

The stand-in hands `-m honcho` to the real honcho, which then starts Procfile.dev's lines
with the stand-in again: so the calls show what the site and the worker are started with.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")

RECORDER = f"""#!/bin/sh
echo "SITE_URL=$SITE_URL $*" >> "$(dirname "$0")/../calls"
if [ "$1 $2" = "-m honcho" ]; then shift 2; exec {sys.executable} -m honcho "$@"; fi
# Long enough for both processes to start before honcho stops them as the first one ends.
case "$2" in runserver|run_worker) sleep 1 ;; esac
"""


def make_run(tmp_path: Path, *arguments: str, **environment: str) -> list[str]:
    """The commands `make run` gives its Python, each with the SITE_URL it sees."""
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    for tool in ("python", "pybabel"):
        (venv / "bin" / tool).write_text(RECORDER)
        (venv / "bin" / tool).chmod(0o755)
    (venv / ".installed").touch()  # newer than pyproject.toml: nothing to install
    env = {key: value for key, value in os.environ.items() if key != "SITE_URL"}
    result = subprocess.run(
        ["make", "--silent", "run", f"VENV={venv}", *arguments],
        cwd=ROOT,
        env={**env, **environment},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return (venv / "calls").read_text().splitlines()


def test_make_run_on_another_port_links_to_that_port(tmp_path):
    calls = make_run(tmp_path, "PORT=8101")

    assert "SITE_URL=http://127.0.0.1:8101 manage.py runserver 127.0.0.1:8101" in calls
    assert "SITE_URL=http://127.0.0.1:8101 manage.py load_demo" in calls


def test_make_run_starts_a_task_worker_beside_the_site(tmp_path):
    calls = make_run(tmp_path)

    assert "SITE_URL=http://127.0.0.1:8000 manage.py runserver 127.0.0.1:8000" in calls
    assert "SITE_URL=http://127.0.0.1:8000 manage.py run_worker" in calls


def test_make_run_keeps_a_site_url_that_is_set(tmp_path):
    calls = make_run(tmp_path, "PORT=8101", SITE_URL="https://portal.example.org")

    assert "SITE_URL=https://portal.example.org manage.py runserver 127.0.0.1:8101" in calls
