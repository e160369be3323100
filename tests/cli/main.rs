//! Runs the real `connector-doctor` binary as a user would: `check`, `tenant-attribution` and
//! `explain`, against in-process servers on loopback.
//!
//! Integration tests are grouped into a few binaries: each binary links the whole crate.

#[path = "../support/mod.rs"]
mod support;

mod attribution;
mod cert_policy;
mod check_cli;
mod completions;
mod dane_cli;
mod edges;
mod exchange_rules;
mod explain;
mod foreign_text;
mod glance_cli;
mod host_lines_order;
mod mta_sts_cli;
mod mx_route;
mod policy_servers;
mod store_files;
mod tenant_cert;
mod tenant_cli;
mod tenant_evidence;
mod tenant_findings;
mod tenant_live;
mod tenant_locale;
mod tls_probe;
mod watch_all_profiles;
