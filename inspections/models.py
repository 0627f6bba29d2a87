"""What Ofsted said: inspections, judgements and improvement areas.

This app builds on `accounts` and never imports the apps above it (`actions`, `plans`).
"""

from django.conf import settings
from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.urls import reverse

from accounts.models import LocalAuthority
from accounts.scoping import ScopedQuerySet


class InspectionKind(models.TextChoices):
    SIF = "sif", "SIF inspection"
    ILACS_STANDARD = "ilacs_standard", "ILACS standard inspection"
    ILACS_SHORT = "ilacs_short", "ILACS short inspection"
    FOCUSED_VISIT = "focused_visit", "Focused visit"
    MONITORING_VISIT = "monitoring_visit", "Monitoring visit"
    JTAI = "jtai", "Joint targeted area inspection"


# The judgement area short name that carries an inspection's headline grade, in every framework.
OVERALL_EFFECTIVENESS = "Overall effectiveness"


class InspectionQuerySet(ScopedQuerySet):
    def with_summary(self):
        """Annotate what the inspections list shows: the overall effectiveness grade and improvement areas."""
        overall = Judgement.objects.filter(inspection=OuterRef("pk"), area__short_name=OVERALL_EFFECTIVENESS)
        return self.annotate(
            overall_grade=Subquery(overall.values("grade")[:1]),
            area_count=Count("improvement_areas"),
        )


class Inspection(models.Model):
    local_authority = models.ForeignKey(LocalAuthority, on_delete=models.PROTECT, related_name="inspections")
    kind = models.CharField(max_length=20, choices=InspectionKind.choices)
    start_date = models.DateField()
    end_date = models.DateField()
    published_on = models.DateField("publication date", null=True, blank=True)
    lead_inspector = models.CharField(max_length=200, blank=True)
    other_inspectors = models.CharField(max_length=500, blank=True, help_text="Names, separated by commas.")
    report_url = models.URLField("link to the report", max_length=500, blank=True)
    summary = models.TextField(blank=True)
    source = models.CharField(
        max_length=500, blank=True, help_text="Where this record came from, for example the report's file name."
    )

    objects = InspectionQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="inspection_end_not_before_start",
                violation_error_message="The end date must be the same as or after the start date.",
            ),
        ]
        indexes = [
            # The inspections list and the dashboard read an authority's inspections newest first.
            models.Index(fields=["local_authority", "-start_date"], name="inspection_la_start_idx"),
        ]

    def __str__(self):
        """Reads self.local_authority: select_related it in lists."""
        return self.describe(local_authority=self.local_authority, kind=self.kind, start_date=self.start_date)

    def get_absolute_url(self):
        return reverse("inspection_detail", args=[self.pk])

    @staticmethod
    def describe(*, kind, start_date, local_authority=None):
        """ "Focused visit, September 2021", after the authority's name when one is given."""
        title = f"{InspectionKind(kind).label}, {start_date:%B %Y}"
        return f"{local_authority} {title}" if local_authority else title

    @property
    def title(self):
        return self.describe(kind=self.kind, start_date=self.start_date)

    @property
    def is_graded(self):
        """Focused and monitoring visits carry no judgements."""
        return self.kind not in {InspectionKind.FOCUSED_VISIT, InspectionKind.MONITORING_VISIT}

    @property
    def dates(self):
        """The on-site dates as people write them: "5 to 16 November 2018"."""
        start, end = self.start_date, self.end_date
        if start == end:
            return f"{end.day} {end:%B %Y}"
        if (start.year, start.month) == (end.year, end.month):
            return f"{start.day} to {end.day} {end:%B %Y}"
        if start.year == end.year:
            return f"{start.day} {start:%B} to {end.day} {end:%B %Y}"
        return f"{start.day} {start:%B %Y} to {end.day} {end:%B %Y}"

    @property
    def overall_grade_display(self):
        """The overall effectiveness grade's name; needs InspectionQuerySet.with_summary()."""
        grade = getattr(self, "overall_grade", None)
        return Grade(grade).label if grade else ""


class Framework(models.TextChoices):
    SIF = "SIF", "Single Inspection Framework"
    ILACS = "ILACS", "Inspection of Local Authority Children's Services"


class JudgementArea(models.Model):
    """A heading Ofsted grades under. Data, not code: the framework changed in 2018, 2023 and 2026."""

    name = models.CharField(max_length=200)
    short_name = models.CharField(
        max_length=60, help_text="Used to line up comparable areas across frameworks, for example 'Leadership'."
    )
    framework = models.CharField(max_length=10, choices=Framework.choices)
    applies_from = models.DateField()
    applies_until = models.DateField(null=True, blank=True, help_text="Leave empty while it still applies.")
    position = models.PositiveSmallIntegerField(default=0, help_text="Order in which Ofsted lists it.")

    class Meta:
        ordering = ["framework", "applies_from", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "name", "applies_from"],
                name="judgement_area_unique_per_framework",
                violation_error_message="This framework already has a judgement area with this name from this date.",
            ),
            models.CheckConstraint(
                condition=Q(applies_until__isnull=True) | Q(applies_until__gte=F("applies_from")),
                name="judgement_area_until_not_before_from",
                violation_error_message="The date it applies until must be on or after the date it applies from.",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.framework} from {self.applies_from.year})"


class Grade(models.IntegerChoices):
    # Ofsted's own data codes grades 1 to 4.
    OUTSTANDING = 1, "Outstanding"
    GOOD = 2, "Good"
    REQUIRES_IMPROVEMENT = 3, "Requires improvement to be good"
    INADEQUATE = 4, "Inadequate"


class JudgementQuerySet(ScopedQuerySet):
    local_authority_field = "inspection__local_authority"


class Judgement(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="judgements")
    area = models.ForeignKey(JudgementArea, on_delete=models.PROTECT, related_name="judgements")
    grade = models.PositiveSmallIntegerField(choices=Grade.choices)

    objects = JudgementQuerySet.as_manager()

    class Meta:
        ordering = ["inspection", "area__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "area"],
                name="judgement_unique_per_inspection_area",
                violation_error_message="This inspection already has a judgement for this area.",
            ),
            models.CheckConstraint(
                condition=Q(grade__gte=1, grade__lte=4),
                name="judgement_grade_valid",
                violation_error_message="Choose a grade from outstanding to inadequate.",
            ),
        ]

    def __str__(self):
        return f"{self.area.name}: {self.get_grade_display()}"


class ThemeQuerySet(models.QuerySet):
    def raised_for(self, user):
        """Themes raised in the user's authority, with how many of its inspections raised each.

        Themes are shared reference data; only the improvement areas counted are the user's authority's.
        """
        areas = ImprovementArea.objects.for_user(user)
        return self.filter(improvement_areas__in=areas).annotate(
            inspection_count=Count("improvement_areas__inspection", distinct=True),
            area_count=Count("improvement_areas", distinct=True),
        )


class Theme(models.Model):
    """A lasting topic that improvement areas share across inspections."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)

    objects = ThemeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("theme_detail", args=[self.slug])


class ImprovementKind(models.TextChoices):
    AREA_FOR_IMPROVEMENT = "area_for_improvement", "Area for improvement"
    AREA_FOR_PRIORITY_ACTION = "area_for_priority_action", "Area for priority action"
    RECOMMENDATION = "recommendation", "Recommendation"


class ImprovementAreaQuerySet(ScopedQuerySet):
    local_authority_field = "inspection__local_authority"


class ImprovementArea(models.Model):
    """What the inspectors said must improve, in their words."""

    inspection = models.ForeignKey(Inspection, on_delete=models.PROTECT, related_name="improvement_areas")
    number = models.PositiveSmallIntegerField(help_text="Its number in the report's list.")
    short_title = models.CharField(max_length=200)
    text = models.TextField("verbatim text", help_text="Exactly as the report words it.")
    kind = models.CharField(
        max_length=30, choices=ImprovementKind.choices, default=ImprovementKind.AREA_FOR_IMPROVEMENT
    )
    theme = models.ForeignKey(
        Theme, on_delete=models.SET_NULL, null=True, blank=True, related_name="improvement_areas"
    )
    senior_lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_improvement_areas",
    )

    objects = ImprovementAreaQuerySet.as_manager()

    class Meta:
        ordering = ["inspection", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "number"],
                name="improvement_area_unique_number",
                violation_error_message="This inspection already has an improvement area with this number.",
            ),
        ]

    def __str__(self):
        return self.describe(number=self.number, short_title=self.short_title)

    def get_absolute_url(self):
        return reverse("area_detail", args=[self.pk])

    @staticmethod
    def describe(*, number, short_title):
        return f"{number}. {short_title}"
