"""Documents a session leaves behind: the minutes in Markdown and as a print-ready page."""
