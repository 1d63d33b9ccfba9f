"""--scheduler: unsupported schemes named, a silent or foreign TCP service refused within seconds
(d4_scheduler_hang.sh hung for > 10 minutes at a web server), a real Dask scheduler accepted."""

from __future__ import annotations

import socket
import threading
import time

import pytest

from .conftest import REPO

SCREEN = REPO / "resources" / "screens" / "ether_hosts.toml"


@pytest.fixture
def short_timeouts(monkeypatch):
    from anodelab.screening import runner, scheduler

    for module in (runner, scheduler):  # the runner's client timeout and the address check's own
        monkeypatch.setattr(module, "SCHEDULER_CONNECT_TIMEOUT_S", 2.0, raising=False)
    monkeypatch.setattr(scheduler, "SCHEDULER_HANDSHAKE_TIMEOUT_S", 2.0)


def _listener(reply: bytes | None):
    """A TCP service on 127.0.0.1 that is not a Dask scheduler: silent (reply None) or talking HTTP."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(8)
    conns = []
    stop = threading.Event()

    def serve():
        srv.settimeout(0.2)
        while not stop.is_set():
            try:
                c, _ = srv.accept()
            except OSError:
                continue
            conns.append(c)
            if reply:
                c.sendall(reply)

    t = threading.Thread(target=serve, daemon=True)
    t.start()

    def close():
        stop.set()
        t.join()
        for c in conns:
            c.close()
        srv.close()

    return srv.getsockname()[1], close


@pytest.mark.parametrize("reply", [None, b"HTTP/1.0 400 Bad Request\r\nServer: x\r\n\r\n" * 4])
def test_a_tcp_service_that_is_not_a_scheduler_is_refused_quickly(cli, short_timeouts, reply):
    port, close = _listener(reply)
    try:
        t0 = time.perf_counter()
        r = cli("screen", SCREEN, "--scheduler", f"tcp://127.0.0.1:{port}", "--quiet")
        took = time.perf_counter() - t0
    finally:
        close()
    r.assert_named_error("--scheduler", f"127.0.0.1:{port}", "not a Dask scheduler")
    assert took < 6, took


def test_default_handshake_timeout_is_stated_in_the_message(cli):
    port, close = _listener(None)
    try:
        t0 = time.perf_counter()
        line = cli("screen", SCREEN, "--scheduler", f"127.0.0.1:{port}", "--quiet").assert_named_error(
            "sent no Dask handshake within 10 s")
        assert time.perf_counter() - t0 < 15
    finally:
        close()
    assert "dask scheduler" in line


@pytest.mark.parametrize("address, words", [
    ("tls://127.0.0.1:1", ["TLS (tls://)", "use a tcp://host:port address"]),
    ("ucx://127.0.0.1:1", ["UCX (ucx://)", "use a tcp://host:port address"]),
    ("inproc://x", ["inproc://"]),
    ("gopher://h:1", ["the scheme 'gopher' is unknown"]),
    ("tcp://127.0.0.1:99999", ["port from 1 to 65535"]),
    ("tcp://nohost", ["tcp://host:port"]),
])
def test_unsupported_addresses_are_named(cli, address, words):
    cli("screen", SCREEN, "--scheduler", address, "--quiet").assert_named_error("--scheduler", *words)


def test_a_closed_port_is_a_named_error(cli, short_timeouts):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    cli("screen", SCREEN, "--scheduler", f"tcp://127.0.0.1:{port}", "--quiet").assert_named_error(
        "cannot connect to 127.0.0.1")


def test_a_real_dask_scheduler_passes_the_handshake_check_and_runs_the_screen():
    distributed = pytest.importorskip("distributed")
    from anodelab.screening import load_screen, run_screen
    from anodelab.screening.scheduler import check_scheduler

    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None,
                                  protocol="tcp", host="127.0.0.1") as cl:
        assert cl.scheduler_address.startswith("tcp://")
        check_scheduler(cl.scheduler_address)
        res = run_screen(load_screen(SCREEN), scheduler=cl.scheduler_address)
    assert res.backend == "dask" and res.n_evaluated == res.n_total
