"""The decision aid's code: pure modules (no Streamlit) plus `state` and `ui`."""
