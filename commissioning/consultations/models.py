"""A consultation: its questions, the responses to it, and their analysis.

Status is derived from the dates and two recorded actions (analysis started, outcome
published), never stored, so it cannot disagree with them. Answers are kept per question;
for analysis an answer's free text is split into comments, each themed by a person (a
machine may only suggest). The office's responses ("you said, we did") cover one or more
comments and are published all at once.
"""

import uuid
from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from commissioning.areas.models import PolicingArea
from commissioning.budgets.models import Framework, NarrativeSection, ServiceLine


class Audience(models.TextChoices):
    PUBLIC = "public", _("The public")
    PARTNERS = "partners", _("Partners and stakeholders")
    BOTH = "both", _("The public and partners")


class ConsultationStatus(models.TextChoices):
    FORTHCOMING = "forthcoming", _("Forthcoming")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    ANALYSING = "analysing", _("Analysing responses")
    OUTCOME_PUBLISHED = "outcome_published", _("Outcome published")


class Consultation(models.Model):
    area = models.ForeignKey(
        PolicingArea, on_delete=models.PROTECT, related_name="consultations", verbose_name=_("area")
    )
    framework = models.ForeignKey(
        Framework,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultations",
        verbose_name=_("framework consulted on"),
    )
    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(_("web address"), max_length=80, unique=True)
    introduction = models.TextField(_("introduction"), blank=True, help_text=_("Markdown."))
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.BOTH
    )
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    privacy_notice = models.TextField(_("privacy notice"), blank=True, help_text=_("Markdown."))
    contact = models.CharField(
        _("contact"), max_length=250, blank=True, help_text=_("Who to ask about it.")
    )
    analysis_started_at = models.DateTimeField(_("analysis started"), null=True, blank=True)
    outcome_published_at = models.DateTimeField(_("outcome published"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["created_at"])

    class Meta:
        ordering = ["-closes_at", "title"]
        verbose_name = _("consultation")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__isnull=True)
                | models.Q(opens_at__isnull=True)
                | models.Q(closes_at__gt=models.F("opens_at")),
                name="consultation_closes_after_it_opens",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def status_at(self, moment: datetime | None = None) -> str:
        now = moment or timezone.now()
        if self.outcome_published_at is not None:
            return ConsultationStatus.OUTCOME_PUBLISHED
        if self.analysis_started_at is not None:
            return ConsultationStatus.ANALYSING
        if self.opens_at is None or now < self.opens_at:
            return ConsultationStatus.FORTHCOMING
        if self.closes_at is not None and now >= self.closes_at:
            return ConsultationStatus.CLOSED
        return ConsultationStatus.OPEN

    @property
    def status(self) -> str:
        return self.status_at()

    @property
    def is_open(self) -> bool:
        return self.status == ConsultationStatus.OPEN


class Section(models.Model):
    """A page of the survey."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="sections"
    )
    title = models.CharField(_("title"), max_length=250)
    introduction = models.TextField(_("introduction"), blank=True, help_text=_("Markdown."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["consultation", "order", "pk"]
        verbose_name = _("section")

    def __str__(self) -> str:
        return self.title


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice (tick all that apply)")
    SHORT_TEXT = "short_text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")
    SINGLE_WITH_COMMENT = "single_with_comment", _("Single choice with “explain your answer”")


CHOICE_KINDS = frozenset(
    {QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.SINGLE_WITH_COMMENT}
)
TEXT_KINDS = frozenset({QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT})


class Question(models.Model):
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    code = models.CharField(
        _("number"), max_length=20, blank=True, help_text=_("As printed, for example Q2 c).")
    )
    text = models.TextField(_("question"))
    help_text = models.TextField(_("hint"), blank=True)
    kind = models.CharField(_("type"), max_length=30, choices=QuestionKind.choices)
    required = models.BooleanField(_("an answer is required"), default=False)
    max_choices = models.PositiveSmallIntegerField(
        _("most options that may be ticked"), null=True, blank=True
    )
    has_other = models.BooleanField(_("offer “Other (please specify)”"), default=False)
    comment_label = models.CharField(
        _("label of the comment box"), max_length=200, blank=True, default="Comments"
    )
    analyst_only = models.BooleanField(
        _("for analysts only"),
        default=False,
        help_text=_("Filled in by officers during analysis; never shown to respondents."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["section__order", "section", "order", "pk"]
        verbose_name = _("question")

    def __str__(self) -> str:
        return f"{self.code} {self.text}".strip()

    @property
    def is_choice(self) -> bool:
        return self.kind in CHOICE_KINDS


class Option(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    label = models.CharField(_("label"), max_length=300)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["question", "order", "pk"]
        verbose_name = _("option")

    def __str__(self) -> str:
        return self.label


class RespondentType(models.TextChoices):
    INDIVIDUAL = "individual", _("As an individual")
    ORGANISATION = "organisation", _("On behalf of an organisation")


class PublishConsent(models.TextChoices):
    NO = "no", _("No, do not publish my response")
    ANONYMOUS = "anonymous", _("Yes, but without my name")
    WITH_NAME = "with_name", _("Yes, with my name or organisation")


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    EMAIL = "email", _("E-mail")
    LETTER = "letter", _("Letter")
    MEETING = "meeting", _("Meeting")
    IMPORT = "import", _("Imported")


class ResponseStatus(models.TextChoices):
    DRAFT = "draft", _("In progress")
    SUBMITTED = "submitted", _("Submitted")


def _reference() -> str:
    # Ten characters without look-alikes (0/O, 1/I): easy to read out on the phone.
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    raw = uuid.uuid4().int
    chars = []
    for _i in range(10):
        raw, index = divmod(raw, len(alphabet))
        chars.append(alphabet[index])
    return "".join(chars)


class Response(models.Model):
    consultation = models.ForeignKey(
        Consultation, on_delete=models.PROTECT, related_name="responses"
    )
    reference = models.CharField(_("reference"), max_length=12, unique=True, default=_reference)
    status = models.CharField(
        _("status"), max_length=20, choices=ResponseStatus.choices, default=ResponseStatus.DRAFT
    )
    channel = models.CharField(
        _("received by"), max_length=20, choices=Channel.choices, default=Channel.ONLINE
    )
    respondent_type = models.CharField(
        _("responding"), max_length=20, choices=RespondentType.choices, blank=True
    )
    respondent_name = models.CharField(_("name"), max_length=200, blank=True)
    organisation_name = models.CharField(_("organisation"), max_length=250, blank=True)
    publish_consent = models.CharField(
        _("may be published"),
        max_length=20,
        choices=PublishConsent.choices,
        default=PublishConsent.NO,
    )
    # Save and return: only a hash of the secret in the e-mailed link is kept, and the
    # e-mail address itself is erased when the response is submitted.
    resume_email = models.EmailField(_("e-mail address for returning"), blank=True)
    resume_token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    # Exactly once: a submission carries a key; a second submission with it changes nothing.
    submission_key = models.UUIDField(null=True, blank=True, unique=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["resume_token_hash", "resume_email"])

    class Meta:
        ordering = ["consultation", "submitted_at", "pk"]
        verbose_name = _("response")
        indexes = [models.Index(fields=["consultation", "status"])]

    def __str__(self) -> str:
        return self.reference


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    choices = models.ManyToManyField(Option, blank=True, related_name="answers")
    other_text = models.TextField(_("other (please specify)"), blank=True)
    text = models.TextField(_("answer or comment"), blank=True)
    history = HistoricalRecords(m2m_fields=[choices])

    class Meta:
        ordering = ["response", "question"]
        verbose_name = _("answer")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="answer_once_per_question"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.response} {self.question.code}"


class Theme(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(_("name"), max_length=120)
    keywords = models.TextField(
        _("keywords"), blank=True, help_text=_("Words that suggest this theme, one per line.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["consultation", "order", "name"]
        verbose_name = _("theme")
        constraints = [
            models.UniqueConstraint(fields=["consultation", "name"], name="theme_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Comment(models.Model):
    """A unit of analysis: all or part of an answer's free text, or an imported comment."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="comments"
    )
    answer = models.ForeignKey(
        Answer, on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    reference = models.CharField(_("reference"), max_length=20, blank=True)
    text = models.TextField(_("comment"))
    redacted_text = models.TextField(
        _("text for publication"),
        blank=True,
        help_text=_("The comment with personal or offensive details removed."),
    )
    redaction_reason = models.CharField(_("why it was redacted"), max_length=250, blank=True)
    theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, null=True, blank=True, related_name="comments"
    )
    themed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    themed_at = models.DateTimeField(null=True, blank=True)
    reviewed = models.BooleanField(_("reviewed"), default=False)
    notes = models.TextField(_("analyst's notes"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["consultation", "order", "pk"]
        verbose_name = _("comment")

    def __str__(self) -> str:
        return self.reference or f"#{self.pk}"

    @property
    def published_text(self) -> str:
        return self.redacted_text or self.text


class SuggestionMethod(models.TextChoices):
    KEYWORDS = "keywords", _("Keyword rules")
    TFIDF = "tfidf", _("Similar to comments already themed (TF-IDF)")


class ThemeSuggestion(models.Model):
    """A machine's suggestion. It never themes a comment: a person accepts or changes it."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="suggestions")
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="suggestions")
    method = models.CharField(_("method"), max_length=20, choices=SuggestionMethod.choices)
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=4)
    created_at = models.DateTimeField(_("suggested"), auto_now_add=True)

    class Meta:
        ordering = ["comment", "-score"]
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "theme", "method"], name="suggestion_once_per_method"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.theme} ({self.score})"


class Outcome(models.TextChoices):
    NONE_REQUIRED = "none_required", _("None required")
    AGREED = "agreed", _("Agreed")
    AMENDMENTS_MADE = "amendments_made", _("Amendments made")
    PARTIALLY_AGREED = "partially_agreed", _("Partially agreed")
    NOT_ADOPTED = "not_adopted", _("Not adopted")
    NOTED = "noted", _("Noted")
    OUT_OF_SCOPE = "out_of_scope", _("Not within the framework's scope")


class OfficeResponseStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")


class OfficeResponse(models.Model):
    """ "We did": the office's response to one comment or a group of comments."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="office_responses"
    )
    comments = models.ManyToManyField(Comment, related_name="office_responses")
    text = models.TextField(_("our response"))
    outcome = models.CharField(_("outcome"), max_length=30, choices=Outcome.choices)
    changed_section = models.ForeignKey(
        NarrativeSection, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changed_line = models.ForeignKey(
        ServiceLine, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=OfficeResponseStatus.choices,
        default=OfficeResponseStatus.DRAFT,
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(m2m_fields=[comments])

    class Meta:
        ordering = ["consultation", "pk"]
        verbose_name = _("response to comments")

    def __str__(self) -> str:
        return self.text[:60]
