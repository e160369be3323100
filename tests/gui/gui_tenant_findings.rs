//! Every finding of the 5.7.64 diagnosis from the wizard, in English and French: the table of
//! tests/support/tenant_cases.rs (which the command line's tenant_findings runs too), typed into
//! the inbound connector and "Certificate source" pages as a technician would, and read back
//! from the results page through the accessibility tree.

use std::path::Path;

use crate::support::gui::{
    Wizard, click, has_any_label, has_any_text, replace_text, runtime, type_into, wait_for_page,
};
use crate::support::tenant_cases::{CASES, Case, Source, cert_file, data, evidence_file};
use connector_doctor::app::Page;
use connector_doctor::i18n::{Lang, localize, tr, tr_args};

/// The case typed into the wizard, up to the results page.
fn diagnose(harness: &mut Wizard, lang: Lang, case: &Case, dir: &Path) {
    click(harness, &tr(lang, "ui-start-tenant"));
    assert_eq!(harness.state().page(), Page::TenantInbound);
    if let Some(file) = case.inbound_connector_json {
        click(harness, &tr(lang, "ui-tenant-import-connector"));
        let json = std::fs::read_to_string(data(file)).expect("sample");
        replace_text(
            harness,
            &tr(lang, "ui-tenant-import-connector-paste"),
            &json,
        );
        click(harness, &tr(lang, "ui-tenant-import-pasted"));
    }
    if let Some(name) = case.tls_sender_certificate_name {
        type_into(harness, &tr(lang, "ui-tenant-tls-name"), name);
    }
    if !case.sender_ips.is_empty() {
        replace_text(
            harness,
            &tr(lang, "ui-tenant-sender-ips"),
            &case.sender_ips.join("\n"),
        );
    }
    if !case.accepted_domains.is_empty() {
        replace_text(
            harness,
            &tr(lang, "ui-tenant-accepted-domains"),
            &case.accepted_domains.join(", "),
        );
    }
    if let Some(ip) = case.sending_ip {
        type_into(harness, &tr(lang, "ui-tenant-sending-ip"), ip);
    }
    click(harness, &tr(lang, "ui-nav-next"));
    assert_eq!(harness.state().page(), Page::TenantSource);
    let path = |p: std::path::PathBuf| p.display().to_string();
    match &case.source {
        Source::Logs(logs) => {
            replace_text(harness, &tr(lang, "ui-tenant-logs"), &path(data(logs)));
        }
        Source::CertFile {
            names,
            expired,
            with_ca,
        } => {
            click(harness, &tr(lang, "ui-tenant-source-file"));
            replace_text(
                harness,
                &tr(lang, "ui-tenant-cert-file"),
                &path(cert_file(dir, names, *expired, *with_ca)),
            );
        }
        Source::Evidence {
            ndr,
            trace,
            send_connectors,
            certificates,
            utf16,
        } => {
            click(harness, &tr(lang, "ui-tenant-source-evidence"));
            if !ndr.is_empty() {
                let files: Vec<String> = ndr
                    .iter()
                    .map(|f| path(evidence_file(dir, f, false)))
                    .collect();
                replace_text(harness, &tr(lang, "ui-tenant-ndr-files"), &files.join("\n"));
            }
            if let Some(file) = trace {
                replace_text(
                    harness,
                    &tr(lang, "ui-tenant-message-trace"),
                    &path(evidence_file(dir, file, false)),
                );
            }
            if let Some(file) = send_connectors {
                replace_text(
                    harness,
                    &tr(lang, "ui-tenant-send-connector-json"),
                    &path(evidence_file(dir, file, *utf16)),
                );
            }
            if let Some(file) = certificates {
                replace_text(
                    harness,
                    &tr(lang, "ui-tenant-certificate-json"),
                    &path(evidence_file(dir, file, *utf16)),
                );
            }
        }
    }
    click(harness, &tr(lang, "ui-tenant-run"));
    wait_for_page(harness, Page::TenantResults);
}

#[test]
fn each_tenant_finding_is_shown_by_the_wizard_in_english_and_french() {
    let rt = runtime();
    for case in CASES {
        for lang in [Lang::En, Lang::Fr] {
            let home = tempfile::tempdir().expect("home");
            let mut harness = crate::support::gui::wizard(&rt, home.path(), Some(lang), 4000.0);
            diagnose(&mut harness, lang, case, home.path());
            let diagnosis = harness
                .state()
                .tenant_diagnosis()
                .unwrap_or_else(|| panic!("{} ({lang:?}): no diagnosis", case.name))
                .clone();
            let verdict = if case.fails {
                "tenant-verdict-fail"
            } else {
                "tenant-verdict-pass"
            };
            assert!(
                has_any_label(&harness, &tr(lang, verdict)),
                "{} ({lang:?}): the verdict is not {verdict}: {:#?}",
                case.name,
                diagnosis.findings
            );
            for (code, detail_id) in case.found {
                let finding = diagnosis
                    .findings
                    .iter()
                    .find(|f| f.code == *code && f.detail.id == *detail_id)
                    .unwrap_or_else(|| {
                        panic!(
                            "{} ({lang:?}): no {code} / {detail_id} in {:#?}",
                            case.name, diagnosis.findings
                        )
                    });
                for (part, message) in
                    [("detail", &finding.detail), ("guidance", &finding.guidance)]
                {
                    let text = localize(lang, message);
                    assert!(
                        has_any_label(&harness, &text),
                        "{} ({lang:?}): the {part} of {code} is not shown: {text}",
                        case.name
                    );
                }
            }
            for code in case.absent {
                assert!(
                    diagnosis.findings.iter().all(|f| f.code != *code),
                    "{} ({lang:?}): {code} should not be there",
                    case.name
                );
            }
            if let Some((en, fr)) = case.shows {
                if !diagnosis.warnings.is_empty() {
                    // Log warnings are folded until opened.
                    click(
                        &mut harness,
                        &tr_args(
                            lang,
                            "ui-tenant-warnings",
                            &[("count", diagnosis.warnings.len().to_string())],
                        ),
                    );
                }
                let needle = if lang == Lang::En { en } else { fr };
                assert!(
                    has_any_text(&harness, needle),
                    "{} ({lang:?}): {needle:?} is not shown",
                    case.name
                );
            }
        }
    }
}
