"""Ketamine Question Prep's core: answers model, content, selection engine, renderers, CLI.

This package never imports streamlit, so the CLI, the tests and the app share it.
"""
