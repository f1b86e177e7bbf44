"""The negotiation brief as a document: its content gathered from the engines, then HTML, PDF or Markdown."""
