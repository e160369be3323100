//! Runs `connector-doctor tenant-attribution` as a technician would (the real binary, the real
//! environment) and reads its JSON output; shared by `tenant_cli` and `tenant_cert`.

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
