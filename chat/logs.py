"""Log output: `time LEVEL logger: message` lines, or one JSON object a line with HELPLINE_LOG_FORMAT=json
(docs/operations.md, "Logs"). The format changes nothing about what is logged: no message text, no
address, no token (chat/__main__.py's filters apply to both)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import orjson

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
FORMATS = ("text", "json")


class JsonFormatter(logging.Formatter):
    """{"ts", "level", "logger", "msg"}, plus "exc" with the traceback when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return orjson.dumps(entry).decode()


def setup_logging(level: str, fmt: str = "text") -> None:
    """Configure the root logger once (as logging.basicConfig does) in the chosen format."""
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter() if fmt == "json" else logging.Formatter(TEXT_FORMAT))
    logging.basicConfig(level=level, handlers=[handler])
