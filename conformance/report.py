"""What the real agent saw per language, printed as a Markdown table at the end of the run."""

from __future__ import annotations

COLUMNS = ["hello", "input", "error", "interrupt", "batch", "complete"]
_rows: dict[str, dict[str, str]] = {}


def record(language: str, column: str, text: str) -> None:
    _rows.setdefault(language, {})[column] = text


def table() -> list[str]:
    lines = ["| language | " + " | ".join(COLUMNS) + " |", "|---" * (len(COLUMNS) + 1) + "|"]
    for language, cells in _rows.items():
        lines.append(f"| {language} | " + " | ".join(cells.get(column, "—") for column in COLUMNS) + " |")
    return lines
