"""Demo data: the demo accounts and action items that `manage.py load_demo_data` creates.

None of this is real. The inspections, judgements and improvement areas it hangs off come
from fixtures/seed.json (traceable to the sources in docs/sources.md); the people, actions and their
histories are invented so that the screens have something believable to show. Due dates and
history are given relative to today, so whatever day the demo is loaded it shows overdue,
due-soon, blocked, completed, signed-off, in-progress and not-started actions.
"""

from dataclasses import dataclass

from accounts import roles
from actions.models import Status

# Appended to every demo action's description, so nobody mistakes it for a real action.
DEMO_NOTE = "Demo data: created by manage.py load_demo_data, not a real council action."

BROMLEY = "305"
ESSEX = "881"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    first_name: str
    last_name: str
    role: str
    la_code: str
    is_staff: bool = False


ACCOUNTS = [
    DemoAccount("admin", "Priya", "Shah", roles.ADMINISTRATORS, BROMLEY, is_staff=True),
    DemoAccount("leader", "Helen", "Marsh", roles.LEADERS, BROMLEY),
    DemoAccount("staff", "Daniel", "Okafor", roles.STAFF, BROMLEY),
    DemoAccount("staff2", "Amy", "Reid", roles.STAFF, BROMLEY),
    DemoAccount("essex.leader", "Graham", "Whitlock", roles.LEADERS, ESSEX),
    DemoAccount("essex.staff", "Sophie", "Turner", roles.STAFF, ESSEX),
]

# Who creates and signs off each authority's demo actions.
LEADER_FOR = {BROMLEY: "leader", ESSEX: "essex.leader"}

# Improvement areas in fixtures/seed.json, by primary key.
SEED_AREAS = {
    "rhi-2018": 2,  # 2018: take-up of return home interviews
    "homeless-2018": 3,  # 2018: information for homeless 16- and 17-year-olds
    "school-2018": 4,  # 2018: school attendance and progress of secondary-aged children in care
    "health-2018": 5,  # 2018: care leavers' access to their health history
    "resilience-2018": 6,  # 2018: emotional resilience of care leavers
    "rhi-2021": 7,  # 2021 focused visit: data and intelligence for return home interviews
}

# The only source on Essex's inspection names no improvement areas, so the Essex demo hangs off this invented one.
ESSEX_INSPECTION_PK = 5
ESSEX_DEMO_AREA_KEY = "essex-demo"
ESSEX_DEMO_AREA = {
    "short_title": "[Demo] Timeliness and quality of care leavers' pathway plans",
    "text": (
        "DEMO DATA, not from an Ofsted report. No area for improvement of this inspection is recorded; "
        "this one is invented so that the Essex demo accounts have actions to show.\n\n"
        "Pathway plans for care leavers should be reviewed on time and written with the young person, so that "
        "they reflect what matters to them."
    ),
}


@dataclass(frozen=True)
class Step:
    """One progress update, `days_ago` days before today, by the owner (or the authority's leader)."""

    days_ago: int
    status: str
    note: str
    by_leader: bool = False


@dataclass(frozen=True)
class DemoAction:
    area: str  # a key of SEED_AREAS, or ESSEX_DEMO_AREA_KEY
    owner: str
    title: str
    description: str
    success_measure: str
    created_days_ago: int
    due_in_days: int  # negative: due in the past
    history: tuple[Step, ...] = ()


S = Status

BROMLEY_ACTIONS = [
    # 2021 focused visit: data and intelligence for return home interviews.
    DemoAction(
        "rhi-2021",
        "staff",
        "Reconcile Atlas return home interview records with the missing episodes list",
        "Match every return home interview recorded by the Atlas team against the daily missing list, so that the "
        "data shows all the work done with children, including conversations held by their social workers.",
        "Every missing episode in the quarter has a recorded response; the mismatch between Atlas and case "
        "records is below 2%.",
        created_days_ago=150,
        due_in_days=-10,
        history=(
            Step(120, S.IN_PROGRESS, "Atlas export mapped to case system fields. First monthly match done."),
            Step(60, S.IN_PROGRESS, "Three months matched; 11% of episodes had no matching record. Chasing teams."),
            Step(12, S.IN_PROGRESS, "Mismatch down to 4%. Needs one more month before we can close it."),
        ),
    ),
    DemoAction(
        "rhi-2021",
        "staff2",
        "Add return home interview outcome fields to the case recording system",
        "Add structured fields for the offer, acceptance and outcome of each return home interview, so that "
        "performance reports can count them rather than relying on free text.",
        "Return home interview offer, acceptance and outcome reported automatically in the monthly performance "
        "digest.",
        created_days_ago=140,
        due_in_days=20,
        history=(
            Step(110, S.IN_PROGRESS, "Specification agreed with the Atlas team and the performance team."),
            Step(30, S.BLOCKED, "Waiting for the case recording system supplier to release the form change."),
        ),
    ),
    DemoAction(
        "rhi-2021",
        "staff",
        "Report missing episodes and return home interviews monthly to the practice improvement board",
        "A monthly one-page report on missing episodes, return home interviews offered and taken up, and themes "
        "from what children told us.",
        "The practice improvement board receives the report every month and records actions from it.",
        created_days_ago=170,
        due_in_days=-45,
        history=(
            Step(150, S.IN_PROGRESS, "Draft report template shared with the board chair."),
            Step(75, S.COMPLETED, "Report presented for the third month running; now part of the board pack."),
            Step(60, S.SIGNED_OFF, "Seen the last three board packs. Signed off.", by_leader=True),
        ),
    ),
    DemoAction(
        "rhi-2021",
        "staff2",
        "Record social workers' return conversations as return home interviews where the child chose them",
        "Some children prefer to talk to their own social worker rather than the Atlas team. Record these "
        "conversations in the same way so that the data reflects the child's experience.",
        "95% of missing episodes followed by a return home interview or a recorded return conversation within "
        "72 hours.",
        created_days_ago=100,
        due_in_days=10,
        history=(
            Step(80, S.IN_PROGRESS, "Practice guidance drafted; briefed the children in care teams."),
            Step(5, S.COMPLETED, "Guidance published and recording live in all teams. Evidence in the team folder."),
        ),
    ),
    DemoAction(
        "rhi-2021",
        "staff",
        "Quarterly audit of 20 return home interviews for the child's voice",
        "Audit a sample of 20 return home interviews each quarter for how well the child's own words and wishes "
        "are recorded and acted on.",
        "80% of audited interviews rated good or better for capturing the child's voice.",
        created_days_ago=30,
        due_in_days=7,
    ),
    # 2018: take-up of return home interviews and use of information.
    DemoAction(
        "rhi-2018",
        "staff",
        "Offer every child a return home interview within 72 hours of returning",
        "Agree with the Atlas team a 72-hour offer standard and a daily check of children who have returned.",
        "95% of missing episodes followed by a return home interview offer within 72 hours.",
        created_days_ago=200,
        due_in_days=45,
        history=(
            Step(180, S.IN_PROGRESS, "Standard agreed with Atlas; daily check started."),
            Step(90, S.IN_PROGRESS, "Offers within 72 hours at 88% this quarter, up from 74%."),
            Step(20, S.IN_PROGRESS, "91% this month. Weekend returns are the gap; looking at on-call cover."),
        ),
    ),
    DemoAction(
        "rhi-2018",
        "staff2",
        "Share return home interview intelligence with the exploitation panel",
        "Themes and locations from return home interviews go to the monthly exploitation panel to help identify "
        "and reduce emerging risks.",
        "Every panel meeting receives a return home interview intelligence summary.",
        created_days_ago=160,
        due_in_days=-60,
        history=(
            Step(140, S.IN_PROGRESS, "Summary template agreed with the panel chair."),
            Step(
                100, S.COMPLETED, "Summaries provided to the last three panels; two disruption plans came from them."
            ),
            Step(90, S.SIGNED_OFF, "Panel minutes checked. Signed off.", by_leader=True),
        ),
    ),
    DemoAction(
        "rhi-2018",
        "staff",
        "Agree police notification timescales for missing children",
        "Agree with the police how quickly they tell us when a child in our care is reported missing and when "
        "they are found.",
        "Police notifications received within 24 hours for 95% of missing episodes.",
        created_days_ago=90,
        due_in_days=-3,
        history=(
            Step(70, S.IN_PROGRESS, "Draft information-sharing agreement sent to the police."),
            Step(20, S.BLOCKED, "Waiting for the police to sign the information-sharing agreement."),
        ),
    ),
    # 2018: information for homeless 16- and 17-year-olds.
    DemoAction(
        "homeless-2018",
        "staff2",
        "Produce a young person's guide to housing options for 16- and 17-year-olds",
        "Write, with young people, a short guide explaining the options available to a homeless 16- or "
        "17-year-old, including becoming looked after.",
        "Every homeless 16- or 17-year-old assessed is given the guide; young people's feedback rates it useful.",
        created_days_ago=120,
        due_in_days=-20,
        history=(
            Step(100, S.IN_PROGRESS, "Drafting with the young inspectors group."),
            Step(40, S.COMPLETED, "Guide printed and online; given out at every joint assessment."),
            Step(35, S.SIGNED_OFF, "Read the guide and the young inspectors' feedback. Signed off.", by_leader=True),
        ),
    ),
    DemoAction(
        "homeless-2018",
        "staff",
        "Refresh the joint housing and children's social care protocol for homeless 16- and 17-year-olds",
        "Update the joint protocol so that every young person is seen jointly by housing and children's social "
        "care on the day they present.",
        "100% of homeless 16- and 17-year-olds have a joint assessment; none placed in bed and breakfast.",
        created_days_ago=60,
        due_in_days=12,
        history=(Step(45, S.IN_PROGRESS, "Draft protocol with housing colleagues for comment."),),
    ),
    # 2018: school attendance and progress of secondary-aged children in care.
    DemoAction(
        "school-2018",
        "staff2",
        "Weekly virtual school attendance tracking for secondary-aged children in care",
        "The virtual school tracks attendance weekly for every secondary-aged child in care and follows up "
        "any absence with the school and carer.",
        "Attendance of secondary-aged children in care at 92% or above.",
        created_days_ago=130,
        due_in_days=-5,
        history=(
            Step(110, S.IN_PROGRESS, "Weekly attendance feed set up with most schools."),
            Step(50, S.IN_PROGRESS, "Out-of-borough schools still sending returns by email; 89% attendance."),
        ),
    ),
    DemoAction(
        "school-2018",
        "staff2",
        "Personal education plans with progress targets for every Year 10 and 11 child in care",
        "Each personal education plan for Years 10 and 11 sets termly progress targets with the designated teacher.",
        "100% of Year 10 and 11 personal education plans have termly progress targets.",
        created_days_ago=20,
        due_in_days=60,
    ),
    # 2018: care leavers' access to their health history.
    DemoAction(
        "health-2018",
        "staff",
        "Give every care leaver a written summary of their health history",
        "The looked after children's nurses prepare a health history summary for each young person before they "
        "turn 18.",
        "95% of care leavers have received their health history summary by their 18th birthday.",
        created_days_ago=110,
        due_in_days=-15,
        history=(
            Step(95, S.IN_PROGRESS, "Template agreed with the looked after children's health team."),
            Step(30, S.COMPLETED, "All 17-year-olds now receive a summary; backlog for 18 to 21 cleared."),
            Step(25, S.SIGNED_OFF, "Checked a sample of ten summaries. Signed off.", by_leader=True),
        ),
    ),
    DemoAction(
        "health-2018",
        "staff2",
        "Agree with health partners how care leavers can request their health records",
        "A simple route, explained in the care leavers' local offer, for a care leaver to ask for their health "
        "records at any age.",
        "The route is published in the local offer and requests are answered within 20 working days.",
        created_days_ago=45,
        due_in_days=-2,
    ),
    # 2018: support for care leavers to develop emotional resilience.
    DemoAction(
        "resilience-2018",
        "staff",
        "Emotional resilience workshops for care leavers with Bromley Y",
        "A rolling programme of workshops, designed with care leavers, on managing stress, relationships and "
        "living independently.",
        "60 care leavers attend at least one workshop a year; 80% say it helped.",
        created_days_ago=80,
        due_in_days=90,
        history=(
            Step(60, S.IN_PROGRESS, "First two workshops held; 14 young people attended."),
            Step(15, S.IN_PROGRESS, "Autumn programme booked; feedback so far 85% positive."),
        ),
    ),
    DemoAction(
        "resilience-2018",
        "staff2",
        "Trauma-informed practice training for personal advisers",
        "All personal advisers complete trauma-informed practice training so they can help care leavers build "
        "emotional resilience.",
        "100% of personal advisers trained; care leaver survey shows they feel listened to.",
        created_days_ago=70,
        due_in_days=30,
        history=(
            Step(55, S.IN_PROGRESS, "Training provider booked for two cohorts."),
            Step(10, S.BLOCKED, "The provider cancelled the second cohort; procurement are finding another."),
        ),
    ),
]

ESSEX_ACTIONS = [
    DemoAction(
        ESSEX_DEMO_AREA_KEY,
        "essex.staff",
        "Pathway plan review tracker for personal advisers",
        "A shared tracker showing each personal adviser when their young people's pathway plans are due for review.",
        "95% of pathway plans reviewed within six months.",
        created_days_ago=90,
        due_in_days=30,
        history=(
            Step(75, S.IN_PROGRESS, "Tracker built from the case system report; piloting in one team."),
            Step(14, S.IN_PROGRESS, "Rolled out to all teams; 90% of reviews on time this month."),
        ),
    ),
    DemoAction(
        ESSEX_DEMO_AREA_KEY,
        "essex.staff",
        "Audit 30 pathway plans for the young person's voice",
        "Audit 30 pathway plans for whether they are written with, and in the words of, the young person.",
        "80% of audited plans rated good or better for the young person's voice.",
        created_days_ago=120,
        due_in_days=-30,
        history=(
            Step(100, S.IN_PROGRESS, "Audit tool agreed with the quality assurance team."),
            Step(50, S.COMPLETED, "30 plans audited: 83% good or better. Findings shared with teams."),
            Step(40, S.SIGNED_OFF, "Audit report reviewed at the leadership team. Signed off.", by_leader=True),
        ),
    ),
    DemoAction(
        ESSEX_DEMO_AREA_KEY,
        "essex.staff",
        "Move pathway plans into the new case recording module",
        "Pathway plans move from documents into the case recording system so that reviews can be reported on.",
        "All open pathway plans held in the case recording system.",
        created_days_ago=60,
        due_in_days=20,
        history=(
            Step(45, S.IN_PROGRESS, "Data migration plan agreed."),
            Step(8, S.BLOCKED, "Waiting for the system supplier to fix the plan template."),
        ),
    ),
    DemoAction(
        ESSEX_DEMO_AREA_KEY,
        "essex.staff",
        "Co-produce a new pathway plan template with the Children in Care Council",
        "Young people redesign the pathway plan so that it is written in plain language, with their own goals.",
        "The Children in Care Council approves the new template.",
        created_days_ago=25,
        due_in_days=9,
    ),
    DemoAction(
        ESSEX_DEMO_AREA_KEY,
        "essex.staff",
        "Monthly pathway plan timeliness report to the leadership team",
        "A monthly report on pathway plan reviews due, done and overdue, by team.",
        "The leadership team receives the report every month.",
        created_days_ago=70,
        due_in_days=-7,
        history=(Step(50, S.IN_PROGRESS, "First report drafted; waiting for the data from the new module."),),
    ),
]
