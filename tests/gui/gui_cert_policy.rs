//! The wizard shows the certificate policy codes (src/checks/policy.rs) with their guidance, in
//! French: a leaf sent without its intermediate, and a SHA-1 signature under EncryptionOnly.

use crate::support::gui::{click, has_any_text, has_label, runtime, type_into, wait_for_page};
use crate::support::{CertKind, FakeSmtp, SmtpBehavior, StartTls, pki};
use connector_doctor::app::Page;
use connector_doctor::i18n::{Lang, guidance};

/// Runs the French wizard against `server` with the test CA and the given security choice
/// (its French label), and waits for the results.
fn results_fr(
    rt: &tokio::runtime::Runtime,
    home: &std::path::Path,
    server: &FakeSmtp,
    security: &str,
) -> crate::support::gui::Wizard {
    let mut harness = crate::support::gui::wizard(rt, home, Some(Lang::Fr), 1800.0);
    click(&mut harness, "Valider un connecteur");
    type_into(&mut harness, "Domaines destinataires", "test.example");
    click(&mut harness, "Suivant");
    type_into(&mut harness, "Hôte 1", &server.host_arg());
    click(&mut harness, "Suivant");
    click(&mut harness, security);
    type_into(
        &mut harness,
        "Autorité de certification supplémentaire à approuver (fichier)",
        &pki().ca_file().display().to_string(),
    );
    click(&mut harness, "Suivant");
    type_into(&mut harness, "Adresse de test", "jane@test.example");
    click(&mut harness, "Lancer les vérifications");
    wait_for_page(&mut harness, Page::Results);
    harness
}

#[test]
fn missing_intermediate_shows_chain_incomplete_guidance_in_french() {
    let server = FakeSmtp::start(SmtpBehavior {
        starttls: StartTls::Offered(CertKind::MissingIntermediate(vec![
            "mail.test.example".into(),
        ])),
        ..Default::default()
    });
    let (rt, home) = (runtime(), tempfile::tempdir().expect("home"));
    let harness = results_fr(&rt, home.path(), &server, "Certificat approuvé");
    let text = guidance(Lang::Fr, "tls.chain-incomplete");
    assert!(!text.starts_with("guide-"), "the guidance exists in French");
    assert!(
        has_label(&harness, &text),
        "the failing TLS step shows the chain-incomplete guidance"
    );
    assert!(
        has_any_text(&harness, crate::support::pki::INTERMEDIATE_URL),
        "the detail names where the intermediate can be downloaded"
    );
}

#[test]
fn sha1_certificate_shows_weak_signature_guidance_even_with_encryption_only() {
    let server = FakeSmtp::start(SmtpBehavior {
        starttls: StartTls::Offered(CertKind::Sha1Signed),
        ..Default::default()
    });
    let (rt, home) = (runtime(), tempfile::tempdir().expect("home"));
    let harness = results_fr(&rt, home.path(), &server, "Chiffrement seul");
    let text = guidance(Lang::Fr, "tls.weak-signature");
    assert!(!text.starts_with("guide-"), "the guidance exists in French");
    assert!(
        has_label(&harness, &text),
        "the failing TLS step shows the weak-signature guidance"
    );
}
