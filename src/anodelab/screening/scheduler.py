"""The address check of a remote Dask scheduler (``--scheduler``), before any client connects.

A wrong scheme, a closed port or a service that is not a Dask scheduler is refused by name within seconds
(a web server on the port used to hang the client for minutes). Used by :mod:`.runner` and the screen CLI.
"""

from __future__ import annotations

from ..errors import AnodeLabError, shown

#: Seconds to open a TCP connection to a remote scheduler, and to receive its handshake.
SCHEDULER_CONNECT_TIMEOUT_S = 10.0
SCHEDULER_HANDSHAKE_TIMEOUT_S = 10.0


def check_scheduler(address) -> tuple[str, int]:
    """Check a Dask scheduler address before connecting the client; return (host, port).

    Only ``tcp://host:port`` (or ``host:port``) is supported: ``tls://``, ``ucx://``, ``inproc://`` and
    other schemes are refused by name. The port must accept a TCP connection within
    :data:`SCHEDULER_CONNECT_TIMEOUT_S` and answer like a Dask scheduler: a scheduler writes its
    handshake first (an 8-byte little-endian frame length, then a frame count), so a silent service
    (a web server, an SSH daemon) is recognised within :data:`SCHEDULER_HANDSHAKE_TIMEOUT_S` instead of
    waiting for ever.
    """
    import socket
    import struct

    where = dict(field="--scheduler")
    if not isinstance(address, str) or not address.strip():
        raise AnodeLabError(f"must be an address like tcp://host:8786, got {shown(address)}", **where)
    text = address.strip()
    scheme, sep, rest = text.partition("://")
    if not sep:
        scheme, rest = "tcp", text
    scheme = scheme.lower()
    if scheme != "tcp":
        named = {"tls": "TLS (tls://) needs certificates this command cannot take",
                 "ucx": "UCX (ucx://) needs the ucx-py transport, not part of AnodeLab",
                 "inproc": "inproc:// only works inside one process",
                 "ws": "websocket (ws://) schedulers are not supported", "wss": "websocket (wss://) schedulers are not supported"}
        why = named.get(scheme, f"the scheme {shown(scheme)} is unknown")
        raise AnodeLabError(f"{why}; use a tcp://host:port address (the scheduler's default port is 8786)", **where)
    host, colon, port_text = rest.rpartition(":")
    host = host.strip("[]")
    if not colon or not host or not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise AnodeLabError(f"must be tcp://host:port with a port from 1 to 65535, got {shown(address)}", **where)
    port = int(port_text)
    try:
        sock = socket.create_connection((host, port), timeout=SCHEDULER_CONNECT_TIMEOUT_S)
    except socket.timeout:
        raise AnodeLabError(f"no answer from {host}:{port} within {SCHEDULER_CONNECT_TIMEOUT_S:g} s "
                            "(is the scheduler running and the port open?)", **where) from None
    except OSError as exc:
        raise AnodeLabError(f"cannot connect to {host}:{port} ({exc.strerror or exc})", **where) from None
    try:
        sock.settimeout(SCHEDULER_HANDSHAKE_TIMEOUT_S)
        head = b""
        try:
            while len(head) < 16:
                part = sock.recv(16 - len(head))
                if not part:
                    break
                head += part
        except socket.timeout:
            pass
        except OSError as exc:
            raise AnodeLabError(f"{host}:{port} closed the connection ({exc.strerror or exc}); "
                                "it is not a Dask scheduler", **where) from None
    finally:
        sock.close()
    if len(head) < 16:
        raise AnodeLabError(f"{host}:{port} accepted the connection but sent no Dask handshake within "
                            f"{SCHEDULER_HANDSHAKE_TIMEOUT_S:g} s; it is not a Dask scheduler (start one with "
                            "'dask scheduler', default port 8786)", **where)
    length, n_frames = struct.unpack("<QQ", head)
    if not (16 <= length <= 1 << 26 and 1 <= n_frames <= 4096):
        raise AnodeLabError(f"{host}:{port} answered, but not with a Dask handshake "
                            f"(first bytes {shown(head[:8])}); it is not a Dask scheduler", **where)
    return host, port
