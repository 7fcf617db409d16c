"""The people-facing pages: visitor widget (`/`), counsellor console (`/console`), supervisor view
(`/supervisor`) and admin page (`/admin`), served by the chat server from `static/`. Design: docs/ui.md."""

from pathlib import Path

STATIC_DIR = Path(__file__).parent / "static"

# URL path -> HTML file in STATIC_DIR.
PAGES: dict[str, str] = {
    "/": "visitor.html",
    "/console": "console.html",
    "/supervisor": "supervisor.html",
    "/admin": "admin.html",
}
