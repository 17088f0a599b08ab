"""Sources and glossary: every source, every term, review date, update policy, who made it."""

import streamlit as st

from components import reference, ui

content = ui.start_page()
meta = content.meta

st.title("Sources and glossary")

st.header("Glossary")
st.caption("Medical words used in this aid, in plain language.")


@ui.fragment
def glossary() -> None:
    """The search box and its results: a search reruns only this part of the page."""
    term = st.text_input(
        "Find a word", key="sources__glossary_filter", placeholder="for example CRS"
    )
    matches = reference.glossary_matches(content.table("glossary"), term)
    if matches.empty:
        st.write("No word in the glossary matches that. Try a shorter word.")
    # One Markdown block: a search then replaces one element, not one per word.
    st.markdown("\n\n".join(reference.glossary_markdown(row) for _, row in matches.iterrows()))


glossary()

st.header("About this aid")
st.markdown(
    f"**Last reviewed:** {meta['last_reviewed']:%d %B %Y} (content version "
    f"{meta['content_version']})"
)
st.markdown(f"**Who made it:** {meta['made_by']}")
st.markdown(f"**Funding:** {meta['funding']}")
st.markdown(f"**How we keep it up to date:** {meta['update_policy']}")
ui.render_text(content, "sources__how_numbers")

st.header("Sources")
st.caption("Each number in this aid names one of these sources by its short name.")
st.dataframe(
    reference.sources_frame(content.table("sources")),
    hide_index=True,
    column_config={"Link": st.column_config.LinkColumn("Link")},
    width="stretch",
)
