//! The order of the cards on the wizard's Results page for an MX route with the Domain security
//! step: the host's own lines with its Resolve step, then its addresses' steps, then Domain
//! security.

use crate::gui_domain_results::RenewedMx;
use crate::support::gui::{dirs, runtime, wait_until};
use connector_doctor::app::{AppConfig, DRAFT_FILE, Page, WizardApp};
use connector_doctor::checks::StepKind;
use connector_doctor::i18n::{Lang, localize, tr, tr_args};
use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// Regression: "Resolve — Microsoft 365 would deliver through mx…" showed as a second Resolve
/// card after the address's Test address card, just before Domain security, far from the
/// host's Resolve step.
#[test]
fn mx_route_card_comes_with_resolve_before_the_address_steps_and_domain_security_stays_last() {
    let lab = RenewedMx::start();
    let lang = Lang::En;
    let rt = runtime();
    let home = tempfile::tempdir().expect("home");
    let dirs = dirs(home.path());
    std::fs::create_dir_all(&dirs.config).expect("config dir");
    std::fs::write(
        dirs.config.join(DRAFT_FILE),
        serde_json::to_string_pretty(&lab.draft(lang)).expect("draft json"),
    )
    .expect("draft");
    let mut config = AppConfig::new(rt.handle().clone());
    config.lang = Some(lang);
    config.dirs = Some(dirs);
    config.file_dialogs = false;
    config.dev.autorun = true;
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1100.0, 3000.0))
        .with_max_steps(40)
        .build_eframe(move |cc| WizardApp::new(&cc.egui_ctx, config));
    wait_until(&mut harness, "the Results page", |h| {
        h.state().page() == Page::Results
    });
    let report = harness.state().results().expect("results").report.clone();
    let route = report
        .steps
        .iter()
        .find(|s| s.detail.id == "detail-route-mx-chosen")
        .unwrap_or_else(|| panic!("a chosen-MX line: {:#?}", report.steps));
    let address = report
        .steps
        .iter()
        .find_map(|s| s.address.clone())
        .expect("an address");

    // Top edges on the page, in pixels.
    let top = |label: &str| harness.get_by_label(label).rect().min.y;
    // Step names also head the matrix's columns: the card's is the lowest.
    let lowest = |label: &str| {
        harness
            .query_all_by_label(label)
            .map(|node| node.rect().min.y)
            .fold(f32::MIN, f32::max)
    };
    let route_line = top(&localize(lang, &route.detail));
    let address_line = top(&tr_args(
        lang,
        "ui-results-address",
        &[("address", address)],
    ));
    let test_address = lowest(&tr(lang, StepKind::TestEmail.label_id()));
    let domain_security = lowest(&tr(lang, StepKind::DomainSecurity.label_id()));
    assert!(
        route_line < address_line,
        "the route line ({route_line}) is not above the address's steps ({address_line})"
    );
    assert!(
        address_line < test_address && test_address < domain_security,
        "address {address_line}, Test address {test_address}, Domain security {domain_security}"
    );
}
