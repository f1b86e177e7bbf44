"""Presentation of engine results and of the deal format as documents (Markdown, HTML, PDF, Excel)."""
