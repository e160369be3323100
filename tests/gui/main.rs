//! The desktop wizard, driven headless with egui_kittest (only with the `gui` feature), and the
//! fixture servers for the screenshot and benchmark scripts.
//!
//! Integration tests are grouped into a few binaries: each binary links the whole crate.

#[path = "../support/mod.rs"]
mod support;

mod foreign_text_faces;
mod gui_cert_policy;
mod gui_desk;
mod gui_domain_results;
mod gui_domain_security;
mod gui_edges;
mod gui_fixture;
mod gui_glance;
mod gui_reports;
mod gui_results_order;
mod gui_tenant;
mod gui_tenant_findings;
mod gui_wildcard;
mod gui_window;
mod gui_wizard;
mod gui_wizard_fixes;
