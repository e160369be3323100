//! End-to-end checks against a real Postfix on loopback (`tests/postfix/setup.sh`, started by
//! `tests/run.sh`): Linux only, and the instance needs root.
//!
//! Integration tests are grouped into a few binaries: each binary links the whole crate.

#![cfg(target_os = "linux")]

#[path = "../support/mod.rs"]
mod support;

mod check_postfix;
