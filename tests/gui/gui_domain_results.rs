//! The Domain security step on the wizard's Results page (issue 13), against a zone signed by
//! Knot on loopback: a TLSA record for the old certificate while the server presents the
//! renewed one shows as a failure with its guidance and the record to publish in a fix box, in
//! English and in French.

use std::path::Path;

use crate::support::gui::{Wizard, dirs, has_any_label, has_any_text, runtime, wait_until};
use crate::support::knot::SignedZone;
use crate::support::pki::record_311;
use crate::support::{CertKind, FakeSmtp, SmtpBehavior, StartTls, pki};
use connector_doctor::app::{AppConfig, DRAFT_FILE, Draft, Page, WizardApp};
use connector_doctor::checks::{FailureCode, Status, StepKind};
use connector_doctor::i18n::{Lang, tr};
use eframe::egui;
use egui_kittest::Harness;

/// A signed `dane.test` whose MX publishes the old certificate's 3 1 1 record, and a mail
/// server on loopback presenting the renewed one.
pub struct RenewedMx {
    pub zone: SignedZone,
    pub smtp: FakeSmtp,
    pub renewed: CertKind,
}

impl RenewedMx {
    pub fn start() -> RenewedMx {
        let old = pki().fixed(CertKind::valid_default());
        let renewed = pki().fixed(CertKind::valid_default());
        let zone = SignedZone::start(
            "dane.test",
            &format!(
                "@ MX 10 mx\nmx A 127.0.0.1\n_25._tcp.mx TLSA {}\n",
                record_311(&old)
            ),
            &[],
        );
        let smtp = FakeSmtp::start(SmtpBehavior {
            starttls: StartTls::Offered(renewed.clone()),
            ..Default::default()
        });
        RenewedMx {
            zone,
            smtp,
            renewed,
        }
    }

    /// The wizard's draft for a partner connector that uses the MX of `dane.test`, the step
    /// ticked, the zone's trust anchor and the test CA given.
    pub fn draft(&self, lang: Lang) -> Draft {
        let mut draft = Draft {
            lang: Some(lang),
            recipient_domains_text: "dane.test".into(),
            ca_file_text: pki().ca_file().display().to_string(),
            trust_anchor_text: self.zone.anchor_file().display().to_string(),
            ..Draft::default()
        };
        draft.connector.name = "Fabrikam".into();
        draft.connector.connector_type = connector_doctor::model::ConnectorType::Partner;
        draft.connector.use_mx_record = true;
        draft.connector.test_address = "user@dane.test".into();
        draft.options.dns_server = self.zone.server_arg();
        draft.options.mx_port = Some(self.smtp.addr().port());
        draft.options.domain_security = true;
        draft.options.timeout_secs = 10;
        draft
    }
}

/// The wizard opened on a saved draft, started at once as the screenshot scripts do.
fn autorun_wizard(rt: &tokio::runtime::Runtime, home: &Path, draft: &Draft) -> Wizard {
    let dirs = dirs(home);
    std::fs::create_dir_all(&dirs.config).expect("config dir");
    std::fs::write(
        dirs.config.join(DRAFT_FILE),
        serde_json::to_string_pretty(draft).expect("draft json"),
    )
    .expect("draft");
    let mut config = AppConfig::new(rt.handle().clone());
    config.lang = draft.lang;
    config.dirs = Some(dirs);
    config.file_dialogs = false;
    config.dev.autorun = true;
    Harness::builder()
        .with_size(egui::vec2(1100.0, 3000.0))
        .with_max_steps(40)
        .build_eframe(move |cc| WizardApp::new(&cc.egui_ctx, config))
}

#[test]
fn dane_mismatch_after_renewal_shows_on_results_with_guidance_and_the_tlsa_record_to_copy_in_english_and_french()
 {
    let lab = RenewedMx::start();
    let expected = format!(
        "_25._tcp.mx.dane.test. IN TLSA {}",
        record_311(&lab.renewed)
    );
    for lang in [Lang::En, Lang::Fr] {
        let rt = runtime();
        let home = tempfile::tempdir().expect("home");
        let mut harness = autorun_wizard(&rt, home.path(), &lab.draft(lang));
        wait_until(&mut harness, "the Results page", |h| {
            h.state().page() == Page::Results
        });
        let report = harness.state().results().expect("results").report.clone();
        let step = report
            .steps
            .iter()
            .find(|s| s.step == StepKind::DomainSecurity)
            .unwrap_or_else(|| panic!("a domain-security step: {:#?}", report.steps));
        assert_eq!(step.status, Status::Fail, "{step:#?}");
        assert_eq!(step.code, Some(FailureCode::DaneMismatch), "{step:#?}");

        // The verdict line names the failure in words, not by its code.
        assert!(
            has_any_text(&harness, &tr(lang, "short-dane-mismatch")),
            "{lang:?}: the verdict line's reason"
        );
        assert!(
            !has_any_text(&harness, "dane.mismatch"),
            "{lang:?}: a raw code"
        );

        // The card: the step's name, the guidance for dane.mismatch, the fix box with the
        // record and its Copy button, all in the chosen language.
        assert!(
            has_any_label(&harness, &tr(lang, "step-domain-security")),
            "{lang:?}: the step's name"
        );
        let guidance = tr(lang, "guide-dane-mismatch");
        assert!(
            has_any_label(&harness, &guidance),
            "{lang:?}: the guidance is shown"
        );
        assert!(
            has_any_text(&harness, &tr(lang, "fix-publish-tlsa")),
            "{lang:?}: the fix box says what to do with the record"
        );
        assert!(
            has_any_label(&harness, &expected),
            "{lang:?}: the record to publish, as it is copied: {expected}"
        );
        assert!(
            has_any_label(&harness, &tr(lang, "glance-copy")),
            "{lang:?}"
        );
    }
}
