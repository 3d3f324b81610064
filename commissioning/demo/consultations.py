"""The demo's consultation: seed 002's Appendix 2, on LLR's 2017/18 draft framework,
open until Friday 10 February 2017 as it was. Created once, like the frameworks."""

from datetime import datetime
from zoneinfo import ZoneInfo

from commissioning.budgets.models import Framework
from commissioning.consultations import services
from commissioning.consultations.models import Audience, Consultation
from commissioning.consultations.seed_survey import INTRODUCTION, build_seed_002_survey

from .frameworks import LLR_2017_TITLE
from .loader import LoadSummary

TITLE = "PCC's 2017/18 Commissioning Framework consultation"
UK = ZoneInfo("Europe/London")


def load_consultations(load: LoadSummary) -> None:
    framework = Framework.objects.get(area__slug="llr", title=LLR_2017_TITLE)
    if Consultation.objects.filter(area=framework.area, title=TITLE).exists():
        load.note("consultations", "unchanged")
        return
    consultation = services.consultation_create(
        actor=None,
        area=framework.area,
        title=TITLE,
        framework=framework,
        audience=Audience.PARTNERS,
        introduction=INTRODUCTION,
        opens_at=datetime(2017, 1, 20, 9, 0, tzinfo=UK),
        closes_at=datetime(2017, 2, 10, 23, 59, tzinfo=UK),
        contact="Simon Down, Commissioning Manager, OPCC: Simon.Down@leics.pcc.pnn.gov.uk",
    )
    build_seed_002_survey(actor=None, consultation=consultation)
    load.note("consultations", "created")
