"""What only the dashboard uses: the Streamlit session helpers, UI text, charts, tables,
formatting, downloads and the upload flow. The one wing that imports Streamlit."""
