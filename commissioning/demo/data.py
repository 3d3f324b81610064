"""What the demo contains: the areas, organisations and people named in the seed
documents (the OPCC papers in ../shared/seeds), as plain data.

Populations are illustrative: rounded figures close to the mid-2016 estimates, chosen so
that the districts add up to the county. They are not official statistics, and each
record says so. Charity numbers are given only for well-known national charities; every
other identifier is left blank rather than guessed.
"""

from base64 import b32encode
from dataclasses import dataclass

from commissioning.areas.models import SubArea
from commissioning.core.roles import Role
from commissioning.organisations.models import Organisation

# --- Log-ins (local demonstration only; documented in docs/demo-data.md) --------------

DEMO_PASSWORD = "demo-password-2017"  # noqa: S105 (a published demo password, not a secret)
# One authenticator secret shared by every demo staff account: 20 bytes, hex as
# django-otp stores it. The bytes spell "pcc-demo-totp-secret".
DEMO_TOTP_KEY_HEX = b"pcc-demo-totp-secret".hex()
DEMO_TOTP_KEY_BASE32 = b32encode(bytes.fromhex(DEMO_TOTP_KEY_HEX)).decode()

DEMO_NOTE = "Demo record drawn from the published commissioning framework."
POPULATION_YEAR = 2016
POPULATION_SOURCE = (
    "Illustrative estimate for the demo (rounded, close to the mid-2016 estimate); "
    "not an official statistic."
)


# --- Policing areas -----------------------------------------------------------------


@dataclass(frozen=True)
class AreaSpec:
    slug: str
    name: str
    short_name: str
    force_name: str


LLR_SLUG = "llr"

AREAS = [
    AreaSpec(LLR_SLUG, "Leicester, Leicestershire and Rutland", "LLR", "Leicestershire Police"),
    AreaSpec("lancashire", "Lancashire", "Lancashire", "Lancashire Constabulary"),
    AreaSpec("durham", "Durham", "Durham", "Durham Constabulary"),
]


@dataclass(frozen=True)
class SubAreaSpec:
    name: str
    kind: str
    population: int
    parent: str = ""
    # Empty when no Community Safety Partnership covers exactly this area.
    csp_name: str = ""


DISTRICTS = [
    # The seed's glossary, "Districts & Boroughs" (seed 002, Appendix B).
    ("Blaby District", 97_600),
    ("Charnwood Borough", 179_600),
    ("Harborough District", 90_800),
    ("Hinckley and Bosworth Borough", 110_400),
    ("Melton Borough", 51_000),
    ("North West Leicestershire District", 98_600),
    ("Oadby and Wigston Borough", 56_200),
]
LEICESTERSHIRE_POPULATION = sum(population for _, population in DISTRICTS)  # 684,200

# Parents before children: the loader creates them in this order.
LLR_SUB_AREAS = [
    SubAreaSpec(
        "Leicester City",
        SubArea.Kind.UNITARY,
        348_300,
        csp_name="Leicester City Community Safety Partnership",
    ),
    SubAreaSpec(
        "Rutland", SubArea.Kind.UNITARY, 38_600, csp_name="Rutland Community Safety Partnership"
    ),
    # The county's community safety work is done by its district partnerships.
    SubAreaSpec("Leicestershire", SubArea.Kind.COUNTY, LEICESTERSHIRE_POPULATION),
    *[
        SubAreaSpec(
            name,
            SubArea.Kind.DISTRICT,
            population,
            parent="Leicestershire",
            csp_name=f"{name} Community Safety Partnership",
        )
        for name, population in DISTRICTS
    ],
]

LLR_GROUPS = {
    # "Leicestershire and Rutland" is a geographical reach in seed 002, Appendix A.
    "Leicestershire and Rutland": ["Leicestershire", "Rutland"],
    "Districts and boroughs": [name for name, _ in DISTRICTS],
}


# --- Organisations ------------------------------------------------------------------


@dataclass(frozen=True)
class OrganisationSpec:
    name: str
    kind: str
    charity_number: str = ""
    # How the framework writes the name, where that differs.
    seed_name: str = ""

    @property
    def notes(self) -> str:
        if self.seed_name:
            return f'{DEMO_NOTE} The framework names it "{self.seed_name}".'
        return DEMO_NOTE


K = Organisation.Kind

ORGANISATIONS = [
    # Leicester, Leicestershire and Rutland (seed 002, Appendix A).
    OrganisationSpec("Leicestershire Police", K.POLICE_FORCE, seed_name="Force"),
    OrganisationSpec(
        "Office of the Police and Crime Commissioner for Leicestershire",
        K.OPCC,
        seed_name="PCC's office",
    ),
    OrganisationSpec("Catch 22", K.VCS, charity_number="1124127"),
    OrganisationSpec("24/7 Locks", K.PRIVATE_COMPANY),
    OrganisationSpec("FreeVA", K.VCS),
    OrganisationSpec(
        "Leicestershire Partnership NHS Trust",
        K.HEALTH_BODY,
        seed_name="Leicester Partnership Trust",
    ),
    OrganisationSpec("United Against Violence and Abuse (UAVA)", K.VCS),
    OrganisationSpec("Living Without Abuse", K.VCS),
    OrganisationSpec("Turning Point", K.VCS, charity_number="234887"),
    OrganisationSpec(
        "Inclusion Healthcare",
        K.HEALTH_BODY,
        seed_name="Inclusion Healthcare (via Leicester City Council)",
    ),
    OrganisationSpec("Leicester City Council", K.LOCAL_AUTHORITY),
    OrganisationSpec("Leicestershire County Council", K.LOCAL_AUTHORITY),
    OrganisationSpec("Rutland County Council", K.LOCAL_AUTHORITY, seed_name="Rutland Council"),
    OrganisationSpec(
        "Barnardo's",
        K.VCS,
        charity_number="216250",
        seed_name="Barnardo's (via Leicester City Council)",
    ),
    OrganisationSpec("Leicestershire Cares", K.VCS),
    OrganisationSpec("The Hampton Trust", K.VCS),
    OrganisationSpec("New Dawn New Day", K.VCS),
    OrganisationSpec("Crimestoppers", K.VCS, charity_number="1108687"),
    OrganisationSpec("Go-Getta CIC", K.CIC, seed_name="Go-Getta Community Interest Company (CIC)"),
    OrganisationSpec("Community Projects Plus", K.VCS),
    OrganisationSpec("Pedestrian Limited", K.VCS),
    # The district and borough councils (Youth Prevention and Diversion; the
    # Partnership Locality Fund).
    OrganisationSpec("Blaby District Council", K.LOCAL_AUTHORITY),
    OrganisationSpec("Charnwood Borough Council", K.LOCAL_AUTHORITY),
    OrganisationSpec("Harborough District Council", K.LOCAL_AUTHORITY),
    OrganisationSpec("Hinckley and Bosworth Borough Council", K.LOCAL_AUTHORITY),
    OrganisationSpec("Melton Borough Council", K.LOCAL_AUTHORITY),
    OrganisationSpec("North West Leicestershire District Council", K.LOCAL_AUTHORITY),
    OrganisationSpec("Oadby and Wigston Borough Council", K.LOCAL_AUTHORITY),
    # Lancashire (seed 001) and Durham (seed 004).
    OrganisationSpec("Lancashire Constabulary", K.POLICE_FORCE),
    OrganisationSpec("Office of the Police and Crime Commissioner for Lancashire", K.OPCC),
    OrganisationSpec("Durham Constabulary", K.POLICE_FORCE),
    OrganisationSpec(
        "Office of the Durham Police, Crime and Victims' Commissioner",
        K.OPCC,
        seed_name="OPCVC",
    ),
]

# The framework's spellings of delivery organisations, for loaders that read its
# budget lines (seed 002, Appendix A): seed name -> organisation name above.
SEED_NAMES = {spec.seed_name: spec.name for spec in ORGANISATIONS if spec.seed_name}


# --- People -------------------------------------------------------------------------


@dataclass(frozen=True)
class UserSpec:
    email: str
    full_name: str
    role: Role
    organisation: str = ""
    csp_area: str = ""


USERS = [
    UserSpec("admin@demo.example", "Alex Admin", Role.ADMIN),
    UserSpec("officer@demo.example", "Olu Officer", Role.COMMISSIONING_OFFICER),
    UserSpec("finance@demo.example", "Fran Finance", Role.FINANCE_OFFICER),
    UserSpec("assessor@demo.example", "Asha Assessor", Role.ASSESSOR),
    UserSpec("panel@demo.example", "Pat Panel", Role.PANEL_MEMBER),
    UserSpec("provider@demo.example", "Priya Provider", Role.PROVIDER, organisation="Catch 22"),
    UserSpec("csp@demo.example", "Chris Charnwood", Role.CSP, csp_area="Charnwood Borough"),
]
