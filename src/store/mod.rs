//! Files the app keeps: saved connectors, run history, the wizard's draft. Writes are atomic.
