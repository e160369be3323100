# Wizard: report export, saved connectors, changes since the last run.
