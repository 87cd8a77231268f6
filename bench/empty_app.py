"""The floor: an empty Streamlit script, rerun in the same AppTest harness as the steps."""
