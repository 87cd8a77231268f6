"""Step 4 (optional): age, health flags and medicines, used only to pick safety questions."""

import streamlit as st

from questions import vocab
from questions.models import MAX_MEDICATIONS_CHARS
from ui import frame, widgets
from ui.session import pack, t

SLUG = "health"
HEALTH_GROUPS = (
    ("health.group_mind", ("suicidal_thoughts", "psychosis_or_mania", "substance_use", "memory_or_thinking")),
    (
        "health.group_body",
        (
            "heart_or_blood_pressure",
            "stroke_or_aneurysm",
            "brain_or_eye_pressure",
            "breathing_or_sleep_apnea",
        ),
    ),
    ("health.group_other", ("pregnant_or_breastfeeding", "bladder_or_liver", "thyroid", "past_reaction")),
)
"""The health boxes under three short headings, so twelve boxes do not read as a wall.
"I take medicines" opens the medicines box instead."""
CRISIS_BESIDE = "suicidal_thoughts"
"""The box that carries the 988 line right under it."""

frame.step_header(SLUG)
st.markdown(t("health.intro"))
st.info(t("health.private"), icon=":material/lock:")
labels = pack().labels
with st.container(border=True):
    widgets.choice("age_group", t("health.age_label"), vocab.AGE_GROUPS, labels.age_groups)
with st.container(border=True):
    st.markdown(f"**{t('health.health_label')}**")
    for heading, flags in HEALTH_GROUPS:
        st.markdown(t(heading))
        for flag in flags:
            widgets.checkbox_group("health", vocab.HEALTH_FLAGS, labels.health, shown=(flag,))
            if flag == CRISIS_BESIDE:
                st.markdown(f":material/call: {t('health.suicidal_now')}")
with st.container(border=True):
    st.markdown(f"**{t('health.meds_heading')}**")
    widgets.checkbox_group("health", vocab.HEALTH_FLAGS, labels.health, shown=("takes_medications",))
    st.markdown(t("health.meds_types_label"))
    widgets.checkbox_group(
        "medication_types",
        vocab.MEDICATION_TYPES,
        labels.medication_types,
        shown=tuple(labels.medication_types),
    )
    widgets.text(
        "medications",
        t("health.meds_label"),
        max_chars=MAX_MEDICATIONS_CHARS,
        help=t("health.meds_help"),
        area=True,
    )
frame.step_footer(SLUG)
