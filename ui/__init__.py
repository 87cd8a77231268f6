"""The Streamlit side of the app: session state, the step frame, bound widgets.

Everything here may import streamlit; the logic it calls lives in ``questions/``.
"""
