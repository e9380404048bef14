"""Django's JSON serialisation with every microsecond kept, for backups.

Django's own encoder cuts times to milliseconds (ECMA-262 style), so a row restored from
a backup could differ from the row saved: 21:19:16.000123 came back as 21:19:16. A backup
must give back exactly what it took; the archive stays ordinary Django JSON, read by
`loaddata` as it is.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.serializers.json import Deserializer as Deserializer
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.json import Serializer as JSONSerializer


class ExactEncoder(DjangoJSONEncoder):
    """DjangoJSONEncoder that writes times with all six digits of their microseconds."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        if isinstance(o, datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(JSONSerializer):
    """The `json` serializer with `ExactEncoder` (registered as format ``exact_json``)."""

    def start_serialization(self) -> None:
        super().start_serialization()  # sets json_kwargs (Django's private _init_options)
        self.json_kwargs["cls"] = ExactEncoder
