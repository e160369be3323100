//! Reports for a ticket: HTML, Markdown and JSON.
