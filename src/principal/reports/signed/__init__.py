"""After-signature documents: the calendar (iCalendar), claim letters (Markdown, DOCX) and portfolio reports."""
