"""A council's public PDF, made at most once a day.

Anyone may ask for it without signing in, and a large plan takes seconds to lay out, so each day's PDF is
made by the first request and kept in the database for the rest (plans.models.PublicPdf). One request at a
time makes it: the others wait for it rather than making their own.
"""

from django.db import transaction

from accounts.models import LocalAuthority
from plans.models import PublicPdf


def public_pdf(local_authority, today, make):
    """Today's public PDF of `local_authority` as bytes; `make()` makes it when today's is not kept yet."""
    kept = PublicPdf.objects.filter(local_authority=local_authority, produced_on=today).first()
    if kept is not None:
        return bytes(kept.content)
    with transaction.atomic():
        # Whoever holds the council's row makes the PDF; the rest find it made once they get the row. No key
        # lock: rows that refer to the council (users, inspections, measures) can still be written meanwhile.
        LocalAuthority.objects.select_for_update(no_key=True).filter(pk=local_authority.pk).first()
        kept = PublicPdf.objects.filter(local_authority=local_authority, produced_on=today).first()
        if kept is not None:
            return bytes(kept.content)
        content = make()
        PublicPdf.objects.update_or_create(
            local_authority=local_authority, defaults={"produced_on": today, "content": content}
        )
        return content
