"""Raw HTTP for the serving tests: the bytes and headers a server sends,
without decompressing or following redirects (http.client does neither)."""

from __future__ import annotations

import http.client
from dataclasses import dataclass
from urllib.parse import urlparse


@dataclass
class Response:
    status: int
    headers: dict[str, str]  # lower-case names
    body: bytes

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


def get(url: str, accept_encoding: str | None = None, method: str = "GET") -> Response:
    parts = urlparse(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        headers = {"Accept-Encoding": accept_encoding} if accept_encoding else {}
        conn.request(method, parts.path + (f"?{parts.query}" if parts.query else ""),
                     headers=headers)
        response = conn.getresponse()
        names: dict[str, str] = {}
        for name, value in response.getheaders():
            key = name.lower()
            names[key] = f"{names[key]}, {value}" if key in names else value
        return Response(response.status, names, response.read())
    finally:
        conn.close()
