//! Every word of the tenant diagnosis and the explainer exists in English and in French.

use connector_doctor::checks::guidance_id;
use connector_doctor::i18n::{Lang, has_message, tr};
use connector_doctor::tenant::FINDING_CODES;
use connector_doctor::tenant::explain::EXPLAIN_CODES;

#[test]
fn every_finding_code_has_guidance_in_both_languages() {
    for code in FINDING_CODES {
        for lang in Lang::ALL {
            assert!(
                has_message(lang, &guidance_id(code)),
                "{code} has no guidance in {lang:?}"
            );
        }
    }
}

#[test]
fn every_explanation_has_meaning_and_fix_in_both_languages() {
    for code in EXPLAIN_CODES {
        for lang in Lang::ALL {
            for part in ["meaning", "fix"] {
                let id = format!("explain-{code}-{part}");
                assert!(has_message(lang, &id), "{id} missing in {lang:?}");
            }
        }
    }
}

/// Scans the sources for message ids, so a new sentence cannot ship in one language only.
#[test]
fn every_message_id_used_in_the_tenant_code_exists_in_both_languages() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = [
        "src/tenant/mod.rs",
        "src/tenant/log.rs",
        "src/tenant/findings.rs",
        "src/tenant/explain.rs",
        "src/cli/tenant.rs",
        "src/cli/explain.rs",
    ];
    let prefixes = ["log-", "input-", "note-", "finding-", "tenant-", "explain-"];
    let mut seen = 0;
    for file in files {
        let text = std::fs::read_to_string(root.join(file)).expect("source");
        for literal in text.split('"').skip(1).step_by(2) {
            let is_id = prefixes.iter().any(|p| literal.starts_with(p))
                && literal.len() > 6
                && literal
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && !literal.ends_with('-');
            // Explanation codes and the wizard name are codes, not message ids.
            if !is_id || EXPLAIN_CODES.contains(&literal) || literal == "tenant-attribution" {
                continue;
            }
            seen += 1;
            for lang in Lang::ALL {
                assert!(
                    has_message(lang, literal),
                    "{literal} (used in {file}) missing in {lang:?}"
                );
            }
        }
    }
    assert!(seen > 40, "the scan found only {seen} ids");
}

#[test]
fn french_guidance_is_french() {
    let fr = tr(Lang::Fr, "guide-attribution-certificate-name-mismatch");
    assert!(fr.contains("Assistant Configuration hybride"), "{fr}");
    assert!(!fr.contains("Hybrid Configuration Wizard"), "{fr}");
}
