"""Ketamine Question Prep: the Streamlit entry point.

A thin router: page set-up, the step list, the sidebar. Each step lives in ``pages/``;
all logic lives in the ``questions`` package.

Start-up: ``streamlit run app.py`` sees ``app = st.App(...)`` below (Streamlit 1.67 looks
for it without running the file) and then serves through it, importing this file once as
a module before it opens a port. That import checks every word in ``data/``
(``python -m questions check`` does the same): on broken content the server refuses to
start with one plain line and exit status 2, instead of passing its health check and
failing a patient later. Each session then runs this same file as the app's script, where
``__name__`` is ``"__main__"``: the router below. See ``ui/streamlit_internals.py``.
"""

import sys

import streamlit as st

if __name__ != "__main__":
    # Imported by ``streamlit run`` at start-up, before any port is open.
    from questions.check import ContentError, check_content
    from questions.clinic import ClinicFileError
    from ui.clinic import clinic_at_start

    try:
        check_content()
        clinic_at_start()  # read once and kept for every session; a bad file stops the server too
    except (ContentError, ClinicFileError) as exc:
        print(f"error: the app cannot start: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    from ui.streamlit_internals import announce_start

    announce_start()  # "You can now view your Streamlit app": only once the checks have passed
    app = st.App(__file__)
else:
    from ui import accessibility, media, state, tab
    from ui.clinic import start_clinic_edition
    from ui.frame import follow_navigation, sidebar
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
    st.session_state[state.ROUTED] = True
    # A Back or Next click leaves before anything is drawn: the patient waits for the next
    # step, not for this one to be sent again.
    follow_navigation(current.url_path or STEPS[0].slug)
    # The styles before the step's elements, so that from the second run on they are in place
    # before the step is drawn (on a new page Streamlit loads the style element's code late).
    accessibility.apply()
    current.run()
    # The sidebar after the step: the step's own heading and questions reach the screen first.
    sidebar()
    tab.mirror(answers().language, current.url_path or STEPS[0].slug)  # the first step is the root
