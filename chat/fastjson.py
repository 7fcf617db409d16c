"""orjson behind the `json` module interface python-socketio expects (dumps/loads); JSON encoding is
a large share of the per-message cost."""

from __future__ import annotations

from typing import Any

import orjson


def dumps(obj: Any, **_: Any) -> str:
    return orjson.dumps(obj).decode()


def loads(data: str | bytes, **_: Any) -> Any:
    return orjson.loads(data)
