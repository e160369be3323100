//! The engine and its files without the binary: events, protocol logs, reports, saved
//! connectors and history, and the translations.
//!
//! Integration tests are grouped into a few binaries: each binary links the whole crate.

#[path = "../support/mod.rs"]
mod support;

mod dane_knot;
mod engine_events;
mod locales;
mod plurals;
mod report_check;
mod report_sample_output;
mod store_history;
mod store_profiles;
mod tenant_evidence;
mod tenant_log;
