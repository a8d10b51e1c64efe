"""How values the JSON transcoder does not know are stored. Each `name` is written into every
stored event that holds such a value: never rename one."""

from __future__ import annotations

from datetime import date
from typing import Any

from eventsourcing.persistence import JSONTranscoder, Transcoding


class DateAsISO(Transcoding):
    type = date
    name = "date_iso"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)


class HistoryTranscoder(JSONTranscoder):
    """The library's JSON transcoder, decoding the same values with less work per object:
    decoding is most of reading a history a process has not read before."""

    def __init__(self) -> None:
        super().__init__()
        self._scan = self.decoder.scan_once

    def decode(self, data: bytes) -> Any:
        text = data.decode("utf8")
        try:
            value, end = self._scan(text, 0)
        except StopIteration:
            return super().decode(data)  # not JSON: the library's own error
        # Whitespace or anything after the value: the library's own answer.
        return value if end == len(text) else super().decode(data)

    def _decode_obj(self, d: dict[str, Any]) -> Any:
        # The library finds a plain object by a KeyError raised and caught: slow, and most are.
        if len(d) != 2 or "_type_" not in d or "_data_" not in d:
            return d
        transcoding = self.names.get(d["_type_"])
        return super()._decode_obj(d) if transcoding is None else transcoding.decode(d["_data_"])
