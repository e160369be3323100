//! Runs `connector-doctor tenant-attribution` and `explain` as a technician would (the real
//! binary, the real environment) and reads their JSON output and findings.

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

/// `connector-doctor tenant-attribution ARGS`.
pub fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_connector-doctor"))
        .arg("tenant-attribution")
        .args(args)
        .output()
        .expect("the binary runs")
}

/// Standard output as JSON, checked against the published tenant report schema; fails showing
/// both streams when it is not JSON.
pub fn json_of(out: &Output) -> Value {
    let json = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    super::schema::Schema::TenantReport.assert_valid(&json);
    json
}

/// A sample under tests/data/tenant.
pub fn tenant_data(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/tenant")
        .join(path)
}

/// The finding with this code in a tenant report; fails showing the report when there is none.
pub fn finding<'a>(json: &'a Value, code: &str) -> &'a Value {
    json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["code"] == code)
        .unwrap_or_else(|| panic!("no finding {code} in {json:#}"))
}

/// `connector-doctor explain ARGS`.
pub fn explain(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_connector-doctor"))
        .arg("explain")
        .args(args)
        .output()
        .expect("the binary runs")
}

/// `explain ARGS --format json`: the output, and its JSON checked against the published schema.
pub fn explain_json(args: &[&str]) -> (Output, Value) {
    let mut full = args.to_vec();
    full.extend(["--format", "json"]);
    let out = explain(&full);
    let json = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    });
    super::schema::Schema::Explain.assert_valid(&json);
    (out, json)
}
