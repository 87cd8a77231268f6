"""Ketamine Question Prep: the Streamlit entry point.

A thin router: page set-up, the step list, the sidebar. Each step lives in ``pages/``;
all logic lives in the ``questions`` package.
"""

import streamlit as st

from ui import accessibility, media, tab
from ui.clinic import start_clinic_edition
from ui.frame import ROUTED_KEY, sidebar
from ui.session import answers, t
from ui.steps import STEPS

start_clinic_edition()  # a bad clinic file stops here, before any step, with one plain line
st.set_page_config(page_title=t("app_title"), page_icon="📋", layout="centered")
media.install_cleanup()

pages = [
    st.Page(
        step.path,
        # The step list names each step by its heading, as the step itself does.
        title=f"{number}. {t(f'{step.slug}.heading')}",
        icon=step.icon,
        url_path=step.slug,
        default=number == 1,
    )
    for number, step in enumerate(STEPS, start=1)
]
current = st.navigation(pages)
st.session_state[ROUTED_KEY] = True
sidebar()
current.run()
accessibility.apply(answers().language)
tab.mirror(answers().language, current.url_path or STEPS[0].slug)  # the first step is the root
