//! Every finding of the 5.7.64 diagnosis from the command line, in English and French: the
//! table of tests/support/tenant_cases.rs, which the wizard's test (gui_tenant_findings) runs
//! too.

use std::path::Path;

use serde_json::Value;

use crate::support::tenant::{json_of, run};
use crate::support::tenant_cases::{
    CASES, Case, Source, cert_file, codes_shown, data, evidence_file,
};

/// The options a technician would type for the case.
fn args(case: &Case, dir: &Path) -> Vec<String> {
    let mut args = Vec::new();
    let mut push = |option: &str, value: String| {
        args.push(option.to_string());
        args.push(value);
    };
    if let Some(name) = case.tls_sender_certificate_name {
        push("--tls-sender-certificate-name", name.to_string());
    }
    for ip in case.sender_ips {
        push("--sender-ip", ip.to_string());
    }
    for domain in case.accepted_domains {
        push("--accepted-domain", domain.to_string());
    }
    let path = |p: std::path::PathBuf| p.display().to_string();
    if let Some(ip) = case.sending_ip {
        push("--sending-ip", ip.to_string());
    }
    if let Some(file) = case.inbound_connector_json {
        push("--inbound-connector-json", path(data(file)));
    }
    match &case.source {
        Source::Logs(dir) => push("--log", path(data(dir))),
        Source::CertFile {
            names,
            expired,
            with_ca,
        } => push(
            "--cert-file",
            path(cert_file(dir, names, *expired, *with_ca)),
        ),
        Source::Evidence {
            ndr,
            trace,
            send_connectors,
            certificates,
            utf16,
        } => {
            for file in *ndr {
                push("--ndr", path(evidence_file(dir, file, false)));
            }
            if let Some(file) = trace {
                push("--message-trace", path(evidence_file(dir, file, false)));
            }
            if let Some(file) = send_connectors {
                push(
                    "--send-connector-json",
                    path(evidence_file(dir, file, *utf16)),
                );
            }
            if let Some(file) = certificates {
                push(
                    "--exchange-certificate-json",
                    path(evidence_file(dir, file, *utf16)),
                );
            }
        }
    }
    args
}

fn findings_with<'a>(json: &'a Value, code: &str, detail_id: &str) -> Vec<&'a Value> {
    json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["code"] == code && f["detail_id"] == detail_id)
        .collect()
}

/// The warnings, notes and evidence lines, one a line.
fn other_text(json: &Value) -> String {
    let mut lines: Vec<&str> = Vec::new();
    for warning in json["warnings"].as_array().into_iter().flatten() {
        lines.extend(warning["problem"].as_str());
    }
    for key in ["notes", "evidence_lines"] {
        lines.extend(
            json[key]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str),
        );
    }
    lines.join("\n")
}

#[test]
fn each_tenant_finding_is_produced_from_the_cli_in_english_and_french() {
    for case in CASES {
        let dir = tempfile::tempdir().expect("dir");
        let args = args(case, dir.path());
        let mut answers = Vec::new();
        for lang in ["en", "fr"] {
            let mut all: Vec<&str> = args.iter().map(String::as_str).collect();
            all.extend(["--format", "json", "--lang", lang]);
            let out = run(&all);
            let json = json_of(&out);
            assert_eq!(
                out.status.code(),
                Some(if case.fails { 1 } else { 0 }),
                "{} ({lang}): {json:#}",
                case.name
            );
            for (code, detail_id) in case.found {
                assert!(
                    !findings_with(&json, code, detail_id).is_empty(),
                    "{} ({lang}): no {code} / {detail_id} in {json:#}",
                    case.name
                );
            }
            for code in case.absent {
                assert!(
                    json["findings"]
                        .as_array()
                        .expect("findings")
                        .iter()
                        .all(|f| f["code"] != *code),
                    "{} ({lang}): {code} should not be there: {json:#}",
                    case.name
                );
            }
            if let Some((en, fr)) = case.shows {
                let needle = if lang == "en" { en } else { fr };
                let text = other_text(&json);
                assert!(
                    text.contains(needle),
                    "{} ({lang}): {needle:?} missing from:\n{text}",
                    case.name
                );
            }
            answers.push(json);
        }
        // The same finding, with the same values, in words of each language.
        let (en, fr) = (&answers[0], &answers[1]);
        for (code, detail_id) in case.found {
            let (e, f) = (
                findings_with(en, code, detail_id)[0],
                findings_with(fr, code, detail_id)[0],
            );
            assert_eq!(e["detail_args"], f["detail_args"], "{}", case.name);
            assert_eq!(e["severity"], f["severity"], "{}", case.name);
            for part in ["detail", "guidance"] {
                let (e, f) = (e[part].as_str(), f[part].as_str());
                assert!(
                    e.is_some_and(|t| !t.is_empty()) && e != f,
                    "{} {code}: the {part} is not translated: {e:?} / {f:?}",
                    case.name
                );
            }
        }
    }
}

/// Every finding code the diagnosis can produce has a case in the table the command line and
/// the wizard run: a new code without one fails here.
#[test]
fn the_tenant_case_table_covers_every_finding_code() {
    let shown = codes_shown();
    for code in connector_doctor::tenant::FINDING_CODES {
        assert!(shown.contains(code), "{code} has no case");
    }
    // Both encodings of the Exchange JSON are in the table.
    let encodings: Vec<bool> = CASES
        .iter()
        .filter_map(|c| match &c.source {
            Source::Evidence {
                send_connectors: Some(_),
                utf16,
                ..
            } => Some(*utf16),
            _ => None,
        })
        .collect();
    assert!(encodings.contains(&true) && encodings.contains(&false));
}
