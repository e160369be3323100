# Wizard: report export, saved connectors, changes since the last run.

## Results page: export and copy

ui-export-report = Export report…
ui-export-report-help = Save these results for a ticket: a web page (HTML), Markdown text or JSON data. The file name's extension picks the format.
ui-export-dialog-title = Export the report
ui-export-choosing = Choose where to save the report in the window that has opened.
ui-export-writing = Saving the report to { $path }…
ui-export-written = Report saved: { $path }
ui-export-failed = The report could not be saved to { $path }.
ui-copy-markdown = Copy as Markdown
ui-copy-markdown-help = Put a short report on the clipboard, ready to paste into a ticket.
ui-copy-done = The report is on the clipboard, as Markdown. Paste it into the ticket.

## Results page: changes since the last run

ui-changes-title = Changes since the last run
ui-changes-since = Compared with the run of { $when }.
ui-changes-loading = Looking for the last run of this connector…
ui-changes-first-run = First run of this connector: there is nothing to compare with yet. The next run will show what changed.
ui-changes-none = Nothing changed: every step gave the same result as last time.
ui-changes-not-kept = This run did not go to the end, so it is neither compared nor kept in the history.
ui-changes-no-history = No folder is available to keep the history, so runs cannot be compared.
ui-changes-lookup-failed = The history could not be read: { $error }
ui-changes-record-failed = This run could not be kept in the history: { $error }
ui-changes-better = Better
ui-changes-worse = Worse
ui-changes-neutral = Changed

## Connector page: saved connectors

ui-saved-title = Saved connectors
ui-saved-help = Keep this connector under a name to test it again later, or bring one in from Exchange Online.
ui-saved-no-dir = No configuration folder is available, so connectors cannot be saved on this computer. Import and export still work.
ui-saved-save-as = Save the current connector as
ui-saved-name-hint = Name of the saved connector
ui-saved-save = Save
ui-saved-name-needed = Type a name for the saved connector first.
ui-saved-replace-question = A saved connector is already named "{ $name }". Replace it with the current form?
ui-saved-replace = Replace
ui-saved-cancel = Cancel
ui-saved-loading = Reading the saved connectors…
ui-saved-empty = No connector has been saved yet.
ui-saved-summary = { $hosts } · saved { $when }
ui-saved-uses-mx = uses the MX records of the recipient domain
ui-saved-no-host = no host yet
ui-saved-load = Load
ui-saved-load-name = Load "{ $name }" into the form
ui-saved-rename = Rename
ui-saved-rename-name = Rename "{ $name }"
ui-saved-new-name = New name for "{ $name }"
ui-saved-rename-confirm = Rename "{ $name }" now
ui-saved-delete = Delete
ui-saved-delete-name = Delete "{ $name }"
ui-saved-delete-question = Delete the saved connector "{ $name }"? The form stays as it is.
ui-saved-delete-confirm = Yes, delete "{ $name }"
ui-saved-keep = Keep it
ui-saved-done-saved = Saved as "{ $name }".
ui-saved-done-renamed = "{ $old }" is now called "{ $new }".
ui-saved-done-deleted = "{ $name }" was deleted.
ui-saved-done-loaded = "{ $name }" is now in the form.
ui-saved-done-imported = "{ $name }" was imported into the form. Check it, then save it if you want to keep it.
ui-saved-done-imported-unnamed = A connector without a name was imported into the form. Check it, then give it a name to save it.
ui-saved-done-exported = Connector exported: { $path }
ui-saved-export-failed = The connector could not be exported.
ui-saved-undo = Undo load
ui-saved-undo-help = Puts the form back exactly as it was before.
ui-saved-undone = The form is back as it was before.
ui-saved-notes-title = Read this before running: part of the imported settings could not be used as they were.
ui-saved-problems-title = Some saved connectors could not be read. They were kept aside, untouched:
ui-saved-import-file = Import a connector file…
ui-saved-import-file-help = A file exported by this tool, or the output of Get-OutboundConnector | ConvertTo-Json saved to a file.
ui-saved-import-dialog = Import a connector
ui-saved-filter-json = Connector file (JSON)
ui-saved-export = Export this connector…
ui-saved-export-help = Save the connector of the form to a file that a colleague can import.
ui-saved-export-dialog = Export the connector
ui-saved-import-empty = The file holds no connector.
ui-saved-import-choose = This file holds { $count } connectors. Choose the one to put in the form:
ui-saved-unnamed = (no name)
ui-saved-paste = Paste the output of Get-OutboundConnector
ui-saved-paste-help = In Exchange Online PowerShell, run Get-OutboundConnector "Name" | ConvertTo-Json and paste what it prints below. The content of a connector file works too.
ui-saved-paste-field = JSON to import
ui-saved-paste-import = Import the pasted text
ui-saved-paste-empty = Paste the JSON into the box first.
ui-saved-paste-invalid = The pasted text is not a connector this tool can read.

# "Re-run until it passes": the changes of a round are since the previous round (polish).
ui-changes-title-round = Changes since the previous round
ui-changes-since-round = Compared with the previous round, run on { $when }.
