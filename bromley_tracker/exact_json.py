"""Django's JSON serialisation, keeping times to the microsecond.

Django's encoder cuts times to milliseconds, so a dump and reload would not give back
the same rows; backups (export_json) and fixtures go through this format instead.
"""

import datetime

from django.core.serializers.json import Deserializer as Deserializer  # noqa: PLC0414
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.json import Serializer as JSONSerializer


class ExactEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        if isinstance(o, datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(JSONSerializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = ExactEncoder
