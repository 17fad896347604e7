"""A real SMTP server in the test process (aiosmtpd) that records the mails it accepted.

For tests that run workers in processes of their own: they send over a socket, as in
production, and the test reads here who got what. The server can be slow (a pause in
RCPT), can hold one mail's RCPT until told to go on (so that a worker killed then dies
before the server accepted that mail, never after), and can make the first mails wait
until several clients are sending at once (proof that workers ran side by side).
"""

import asyncio
import email
import email.policy
import socket
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from aiosmtpd.controller import Controller

# The longest the server keeps a client waiting on purpose; a test waits less than this.
LONGEST_HOLD = 30.0


@dataclass(frozen=True)
class Accepted:
    recipients: tuple[str, ...]
    subject: str


class RecordingHandler:
    """aiosmtpd handler: accepts every mail and records its recipients and subject."""

    def __init__(self, *, rcpt_delay: float = 0.0) -> None:
        self.rcpt_delay = rcpt_delay
        self.accepted: list[Accepted] = []
        self.rcpt_attempts = 0  # RCPT commands seen, accepted or not
        self.held_address = ""
        self.met_together = False
        self._changed = threading.Condition()
        self._hold_after: int | None = None
        self._go_on = threading.Event()
        self._together = 0
        self._in_rcpt = 0

    # Arranging what the server does -----------------------------------------------------

    def hold_after(self, count: int) -> None:
        """Hold the RCPT of the first mail after `count` accepted ones until `go_on()`."""
        self._hold_after = count

    def go_on(self) -> None:
        self._go_on.set()

    def wait_for_together(self, clients: int) -> None:
        """Keep the first RCPTs waiting until `clients` sessions are in RCPT at once."""
        self._together = clients

    # What the test reads ----------------------------------------------------------------

    def recipients(self) -> Counter:
        """How many accepted mails each address got."""
        with self._changed:
            return Counter(address for mail in self.accepted for address in mail.recipients)

    def wait_until(self, condition: Callable[[], bool], timeout: float) -> bool:
        with self._changed:
            return self._changed.wait_for(condition, timeout=timeout)

    def wait_until_held(self, timeout: float) -> bool:
        return self.wait_until(lambda: bool(self.held_address), timeout)

    def wait_until_accepted(self, count: int, timeout: float) -> bool:
        return self.wait_until(lambda: len(self.accepted) >= count, timeout)

    # aiosmtpd hooks ---------------------------------------------------------------------

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options) -> str:
        with self._changed:
            self.rcpt_attempts += 1
            self._in_rcpt += 1
            hold = (
                self._hold_after is not None
                and not self.held_address
                and len(self.accepted) >= self._hold_after
            )
            if hold:
                self.held_address = address
            self._changed.notify_all()
        try:
            if hold:
                await self._wait(self._go_on.is_set)
            if self._together and not self.met_together:
                await self._wait(self._all_together)
            await asyncio.sleep(self.rcpt_delay)
        finally:
            with self._changed:
                self._in_rcpt -= 1
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope) -> str:
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self._changed:
            self.accepted.append(
                Accepted(recipients=tuple(envelope.rcpt_tos), subject=str(message["Subject"]))
            )
            self._changed.notify_all()
        return "250 Message accepted for delivery"

    def _all_together(self) -> bool:
        with self._changed:
            if self._in_rcpt >= self._together:
                self.met_together = True
            return self.met_together

    async def _wait(self, condition: Callable[[], bool]) -> None:
        """Wait on the server's event loop (other sessions go on meanwhile), at most
        LONGEST_HOLD, so that a test that went wrong fails instead of hanging."""
        deadline = time.monotonic() + LONGEST_HOLD
        while not condition() and time.monotonic() < deadline:
            await asyncio.sleep(0.01)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def smtp_server(handler: RecordingHandler) -> Iterator[str]:
    """Serve on a free local port for the duration; yields the EMAIL_URL that reaches it."""
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield f"smtp://127.0.0.1:{controller.port}"
    finally:
        handler.go_on()
        controller.stop()
