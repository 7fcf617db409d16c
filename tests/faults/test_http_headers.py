"""Security headers on every HTTP response (chat/app.py): pages, API errors, unknown paths, Socket.IO
polling; no server software or version."""

from __future__ import annotations

import aiohttp


async def test_every_response_carries_the_security_headers_and_no_version(server: str) -> None:
    requests = [("GET", "/"), ("GET", "/api/config"), ("GET", "/api/me"), ("GET", "/no/such/page"),
                ("POST", "/api/login"), ("DELETE", "/api/config"), ("GET", "/socket.io/?EIO=4&transport=polling"),
                ("GET", "/socket.io/?EIO=4&transport=polling&sid=forged")]
    async with aiohttp.ClientSession() as http:
        for method, path in requests:
            async with http.request(method, server + path, data=b"{not json") as response:
                headers = response.headers
                assert "default-src 'self'" in headers.get("Content-Security-Policy", ""), (method, path)
                assert headers.get("X-Content-Type-Options") == "nosniff", (method, path)
                assert headers.get("Referrer-Policy") == "no-referrer", (method, path)
                assert headers.get("Cache-Control") == "no-store", (method, path)
                assert "aiohttp" not in headers.get("Server", "") and "Python" not in headers.get("Server", "")
