"""The paragraphs a new report starts with, in the seeds' words.

They are drawn from the framework (its title, status, plan priorities, documents) and
its consultation. Figures and appendix letters are never written into the text: the
paragraphs use placeholders ({budget}, {year}, {appendix_a} …) that the report fills
from the data whenever it is shown (see ``selectors.PLACEHOLDERS``).
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from commissioning.budgets.models import FrameworkStatus
from commissioning.documents.models import DocumentKind

from .models import PanelReport

DEFAULT_PANEL = "Police and Crime Panel"
DEFAULT_REPORT_OF = "Police and Crime Commissioner"

NOT_APPLICABLE = "n/a"


def _joined(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return _("%(first)s and %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def default_bodies(report: PanelReport) -> dict[str, str]:
    framework = report.framework
    consultation = report.consultation
    is_draft = framework.status in (FrameworkStatus.DRAFT, FrameworkStatus.CONSULTATION)
    consultation_open = consultation is not None and (
        consultation.closes_at is None or consultation.closes_at > timezone.now()
    )
    has_eia = framework.documents.filter(kind=DocumentKind.EQUALITY_IMPACT_ASSESSMENT).exists()
    values = {"panel": report.panel_name, "framework": framework.title}

    if is_draft:
        purpose = _(
            "The purpose of this report is to inform the %(panel)s ('the Panel') on the "
            "%(framework)s, the consultation process being undertaken and the work required "
            "in implementing it once finalised."
        )
    else:
        purpose = _(
            "The purpose of this report is to inform the %(panel)s ('the Panel') on the "
            "%(framework)s, the process through which it was developed, the feedback from "
            "stakeholders and our responses."
        )
    if consultation_open:
        recommendations = _(
            "The Panel are recommended to note the contents of the report and contribute "
            "to the consultation."
        )
    else:
        recommendations = _("The Panel are recommended to note the contents of the report.")

    background = []
    plan = framework.plan
    if plan is not None:
        priorities = [p.name for p in plan.priorities.filter(is_cross_cutting=False)]
        background.append(
            _(
                "The %(plan)s sets out the priorities of %(priorities)s, which together "
                "provide clear direction for allocating the available commissioning budget "
                "to maximum effect."
            )
            % {"plan": plan.title, "priorities": _joined(priorities)}
        )
    background.append(
        _(
            "The %(framework)s sets out how the Police and Crime Commissioner (PCC) intends "
            "to spend the commissioning budget for {year}."
        )
        % values
    )

    summary = [
        _(
            "The commissioning budget for {year} is {budget}. Budgets have been allocated "
            "to each of the strategic themes of the Police and Crime Plan as set out in "
            "Table 1 below and with full details within {appendix_a}."
        )
    ]
    if has_eia:
        summary.append(
            _("An Equalities Impact Assessment has been undertaken for the framework ({eia}).")
        )

    process = []
    consultation_points = []
    if consultation is not None:
        if consultation_open:
            process.append(
                _(
                    "The %(framework)s is currently out for consultation with stakeholders "
                    "and closes on {closes}."
                )
                % values
            )
            process.append(
                _(
                    "Following the consultation, the PCC will review responses, adjusting "
                    "as appropriate, before publishing the final framework."
                )
            )
        else:
            process.append(
                _(
                    "So as to ensure input from as wide a range of partners and stakeholders "
                    "as possible we undertook an electronic consultation, which closed on "
                    "{closes}."
                )
            )
            process.append(
                _(
                    "Consultation responses were then gathered together, analysed and a "
                    "report was produced for the PCC to consider."
                )
            )
            consultation_points.append(
                _("All responses received are in {appendix_b} with our associated comments.")
            )

    bodies = {
        "purpose": purpose % values,
        "recommendations": recommendations,
        "background": "\n\n".join(background),
        "executive_summary": "\n\n".join(summary),
        "process": "\n\n".join(process),
        "consultation": "\n\n".join(consultation_points),
    }
    # Both templates' implications: a report may switch template later.
    bodies.update(_standard(is_draft, has_eia))
    bodies.update(_durham(has_eia))
    return bodies


def _standard(is_draft: bool, has_eia: bool) -> dict[str, str]:
    if has_eia:
        equality = _("See {eia}.")
    elif is_draft:
        equality = _("To be undertaken on the finalised framework.")
    else:
        equality = _("None")
    return {
        "financial": _(
            "The commissioning budget is contained within the PCC budget and precept for {year}."
        ),
        "legal": _("Contracts or agreements will be in place for commissioned services."),
        "equality": equality,
        "risks": _("None identified."),
        "plan_link": _(
            "The framework is split down by the strategic themes of the Police and Crime "
            "Plan to ensure full and proper linkages."
        ),
    }


def _durham(has_eia: bool) -> dict[str, str]:
    return {
        "finance": _("All funding is included within the {year} budget."),
        "staffing": NOT_APPLICABLE,
        "equality_diversity": _("See {eia}.") if has_eia else NOT_APPLICABLE,
        "accommodation": NOT_APPLICABLE,
        "crime_disorder": _("Many of the projects are aimed at reducing crime and disorder."),
        "childrens_act": NOT_APPLICABLE,
        "engagement": _(
            "Information about the Commissioner's funding streams is set out in the Police "
            "and Crime Plan."
        ),
        "environment": NOT_APPLICABLE,
        "collaboration": NOT_APPLICABLE,
        "value_for_money": _(
            "Value for Money is a key consideration in the allocation of all funding."
        ),
        "plan_priorities": _("All funding is expected to have a positive impact on priorities."),
        "commissioning": _("As per the report."),
        "other_risks": NOT_APPLICABLE,
    }
