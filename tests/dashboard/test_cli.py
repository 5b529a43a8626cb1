"""``govsim dashboard`` refuses bad input in one line before starting anything."""

from __future__ import annotations

import socket

import pytest

from sim.cli import main
from tests.conftest import one_error_line


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--scenario", "contry"], "scenario=contry: unknown preset"),
        (["--days", "0"], "days=0"),
        (["--port", "70000"], "--port=70000"),
    ],
)
def test_bad_options_end_in_one_line_and_exit_2(capsys, argv, words):
    assert main(["dashboard", *argv]) == 2
    assert words in one_error_line(capsys)


def test_a_port_in_use_is_refused_with_the_way_out(capsys):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["dashboard", "--port", str(port)]) == 2
    assert "already in use" in one_error_line(capsys)


def test_dashboard_is_a_listed_command(capsys):
    assert main(["--help"]) == 0
    assert "dashboard" in capsys.readouterr().out
