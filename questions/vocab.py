"""The answer vocabularies of saved-answers format version 1.

New ids are appended (``stroke_or_aneurysm`` and the ``antidepressants`` medicine kind
came with selection policy version 2; vocabulary version 3 added six health flags, the
``nasal_sprays`` medicine kind and ``age_group``); the order of a tuple is never a ranking: clinical
risk order lives in ``data/bank.yaml``.

These ids are a public contract (DESIGN.md): extend the tuples, never rename or
repurpose an entry. The words a patient sees for each id live in ``data/<lang>/``.
"""

from typing import Literal, get_args

Language = str
"""A language code: a folder of ``data/`` (the registry, ``questions.languages.codes()``).
Not a closed list: adding a language is adding a folder of data."""
Stage = Literal["choosing_clinic", "first_consultation", "in_treatment"]
Condition = Literal[
    "depression",
    "treatment_resistant_depression",
    "anxiety",
    "ptsd",
    "chronic_pain",
    "crps",
    "addiction",
    "ocd",
    "chronic_migraine",
    "functional_neurological_disorder",
    "other",
    "exploring",
]
TriedTreatment = Literal[
    "antidepressants",
    "talk_therapy",
    "tms",
    "ect",
    "pain_medication",
    "ketamine_or_esketamine_before",
    "other",
]
HealthFlag = Literal[
    "heart_or_blood_pressure",
    "psychosis_or_mania",
    "substance_use",
    "pregnant_or_breastfeeding",
    "bladder_or_liver",
    "takes_medications",
    "stroke_or_aneurysm",
    # Vocabulary version 3 (DESIGN.md: each from a label or guideline that names it).
    "suicidal_thoughts",
    "brain_or_eye_pressure",
    "past_reaction",
    "breathing_or_sleep_apnea",
    "memory_or_thinking",
    "thyroid",
]
MedicationType = Literal[
    "benzodiazepines",
    "lamotrigine",
    "maoi",
    "stimulants",
    "opioids",
    "sleep_or_sedating",
    "other",
    "antidepressants",
    "nasal_sprays",  # vocabulary version 3
]
Concern = Literal[
    "side_effects",
    "dissociation",
    "blood_pressure",
    "session_experience",
    "strong_emotions",
    "speed_of_relief",
    "number_of_sessions",
    "long_term_effects",
    "misuse_risk",
    "cost",
    "treatment_forms",
    "safety_monitoring",
    "after_session",
    "not_working",
    "medication_interactions",
    "clinic_quality",
    "therapy_integration",
]
SupportKey = Literal["ride_home", "check_in", "therapist", "journaling", "rest_time", "crisis_plan"]
ReadinessKey = Literal["sure_of_choice", "know_benefits_risks", "know_what_matters", "enough_support"]
AgeGroup = Literal["under_18", "18_to_24", "25_to_64", "65_or_older"]
"""Vocabulary version 3: age changes what to ask (esketamine is not approved under 18, the
antidepressant suicidality warning is for 24 and younger, older patients are watched
differently)."""
ForWhom = Literal["me", "someone_i_help"]
"""Vocabulary version 3 (issue #24): whom the list is for. ``me`` is the default; with
``someone_i_help`` a family member or friend fills it in and every question speaks from
the helper's side about the patient."""
YesNoUnsure = Literal["yes", "no", "unsure"]
Paper = Literal["letter", "a4"]

STAGES: tuple[str, ...] = get_args(Stage)
CONDITIONS: tuple[str, ...] = get_args(Condition)
TRIED_TREATMENTS: tuple[str, ...] = get_args(TriedTreatment)
HEALTH_FLAGS: tuple[str, ...] = get_args(HealthFlag)
MEDICATION_TYPES: tuple[str, ...] = get_args(MedicationType)
CONCERNS: tuple[str, ...] = get_args(Concern)
SUPPORT_KEYS: tuple[str, ...] = get_args(SupportKey)
READINESS_KEYS: tuple[str, ...] = get_args(ReadinessKey)
AGE_GROUPS: tuple[str, ...] = get_args(AgeGroup)
FOR_WHOM: tuple[str, ...] = get_args(ForWhom)
HELPER = "someone_i_help"
"""The ``for_whom`` answer of a helper's list; the one id a rule's ``for_whom`` may name."""
YES_NO_UNSURE: tuple[str, ...] = get_args(YesNoUnsure)
PAPERS: tuple[str, ...] = get_args(Paper)

# A support or readiness answer other than "yes" is a gap that becomes questions.
GAP_ANSWERS: tuple[str, ...] = ("no", "unsure")

TOPICS: tuple[str, ...] = (
    "right_for_me",
    "safety",
    "medicines",
    "session",
    "side_effects",
    "how_well_fast",
    "sessions_long_term",
    "cost",
    "clinic",
    "support",
    "deciding",
)
"""Question topics in the order they print when nothing else decides."""

GUIDE_SECTIONS: tuple[str, ...] = (
    "overview",
    "how_it_works",
    "session_experience",
    "support_plan",
    "not_one_size",
    "benefits",
    "risks",
    "faq_timing",
    "faq_side_effects",
    "faq_cost",
    "faq_conditions",
    "finding_clinic",
)
"""Stable ids of the patient guide's sections; questions cite these."""
