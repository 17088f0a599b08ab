"""Sources and glossary: where every number comes from, who made the aid, and the glossary."""

import streamlit as st

from components import dates, reference, ui

content = ui.start_page()
meta = content.meta

st.title("Sources and glossary")
sources_tab, glossary_tab = st.tabs(["Sources", "Glossary"])

with sources_tab:
    wanted = reference.linked_source(content.rows("sources"), st.query_params.get("source"))
    if wanted is not None:  # arrived by a "(Source: ID)" link on another page
        with st.container(border=True):
            st.subheader("The source you chose")
            st.markdown(wanted)
    st.header("Where do the numbers come from?")
    ui.render_text(content, "sources__how_numbers")
    st.markdown(content.words("sources_last_reviewed", date=dates.us_date(meta["last_reviewed"]),
                              version=meta["content_version"]))
    st.markdown(f"**Who checked it:** {meta['reviewed_by']}")
    st.markdown(f"**Who made it:** {meta['made_by']}")
    st.markdown(f"**Funding:** {meta['funding']}")
    st.markdown(f"**How we keep it up to date:** {meta['update_policy']}")
    ui.render_text(content, "sources__provenance")
    st.header("Every source, as a doctor would cite it")
    for heading, citations in reference.sources_by_kind(
        content.rows("sources"), meta["source_kind_names"]
    ):
        st.subheader(heading)
        st.markdown("\n".join(f"- {line}" for line in citations))

with glossary_tab:
    st.header("Glossary")
    st.markdown(content.words("glossary_intro"))

    @ui.fragment
    def glossary() -> None:
        """The search box and its results: a search reruns only this part of the page."""
        term = st.text_input(
            "Find a word", key="sources__glossary_filter", placeholder="for example CRS"
        )
        matches = reference.glossary_matches(content.table("glossary"), term)
        if matches.empty:
            st.write(content.words("glossary_no_match"))
        # One Markdown block: a search then replaces one element, not one per word.
        st.markdown("\n\n".join(reference.glossary_markdown(row) for _, row in matches.iterrows()))

    glossary()
