import email
import logging
import re
import socket
from email import policy

import pytest
from aiosmtpd.controller import Controller

# aiosmtpd logs every SMTP command it hears.
logging.getLogger("mail.log").setLevel(logging.WARNING)


class Inbox:
    """What a real SMTP server received, as parsed messages."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"

    def to(self, address):
        return [message for message in self.messages if message["To"] == address]

    def subjects(self, address):
        return sorted(message["Subject"] for message in self.to(address))


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SmtpServer:
    def __init__(self, port):
        self.port, self.inbox, self.controller = port, Inbox(), None

    def start(self):
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp(settings):
    """A real SMTP server on a free local port, and the settings that send to it."""
    server = SmtpServer(free_port())
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", server.port, False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    settings.SITE_URL = "https://tracker.example.gov.uk"
    yield server
    server.stop()


def text_of(message):
    return message.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")


def html_of(message):
    return message.get_body(preferencelist=("html",)).get_content()


def links_in(message):
    """The addresses the plain-text part links to, in order."""
    return re.findall(r"https://\S+", text_of(message))
