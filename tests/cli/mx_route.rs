//! `UseMXRecord` mode as Microsoft 365 routes: the lowest preference that works gets the mail; a
//! dead MX while another works is a warning with its own line, not a failed run. Smart hosts stay
//! strict.

use std::net::{Ipv4Addr, SocketAddr};

use crate::support::cli::{
    DOMAIN, check_json, check_raw, closed_port, mx_route_args, smart_host_args, with_ca, with_tls,
    without_history,
};
use crate::support::{FakeDns, FakeSmtp, SmtpBehavior, Zone};

/// The MX route of `dns` on `port`, certificates validated against the test root.
fn mx_args(dns: &FakeDns, port: u16) -> Vec<String> {
    without_history(with_ca(with_tls(
        mx_route_args(dns, port),
        "certificate-validation",
    )))
}

/// contoso.test with a dead primary MX (preference 10, 127.0.0.2) and a secondary (20) on
/// 127.0.0.1.
fn dead_primary_zone() -> Zone {
    Zone::new()
        .mx(DOMAIN, 10, "mx1.contoso.test")
        .mx(DOMAIN, 20, "mx2.contoso.test")
        .a("mx1.contoso.test", Ipv4Addr::new(127, 0, 0, 2))
        .a("mx2.contoso.test", Ipv4Addr::LOCALHOST)
}

/// Dead primary MX (preference 10, nothing listens on 127.0.0.2), good secondary (20, the fake
/// server on 127.0.0.1): Microsoft 365 delivers through the secondary, so the run passes with a
/// `route.mx-unreachable` warning and a line naming the secondary.
#[test]
fn dead_primary_mx_with_a_good_secondary_is_a_warning_naming_the_secondary() {
    let good = FakeSmtp::start(SmtpBehavior::default());
    let port = good.addr().port();
    let dns = FakeDns::start(dead_primary_zone());
    let run = check_json(&mx_args(&dns, port));
    run.expect_status(0).expect_verdict("pass");
    let dead = SocketAddr::from(([127, 0, 0, 2], port)).to_string();
    // The dead primary's connect failure is kept, as a warning with its own code.
    let connect = run
        .steps_of("connect")
        .into_iter()
        .find(|s| s["address"] == dead.as_str())
        .unwrap_or_else(|| panic!("no connect step for {dead}\n{}", run.dump()));
    run.expect_value(&connect["status"], "warn");
    run.expect_value(&connect["code"], "connect.refused");
    let route = run.expect_step("resolve", "warn", Some("route.mx-unreachable"));
    run.expect_detail(&route, &["mx1.contoso.test", &dead]);
    let chosen: Vec<_> = run
        .steps_of("resolve")
        .into_iter()
        .filter(|s| s["detail_id"] == "detail-route-mx-chosen")
        .collect();
    assert_eq!(chosen.len(), 1, "{}", run.dump());
    run.expect_detail(&chosen[0], &["mx2.contoso.test", &good.host_arg()]);
    assert_eq!(good.tls_handshakes(), 1);
}

/// The text output says through which MX Microsoft 365 would deliver, in French too.
#[test]
fn dead_primary_mx_text_names_the_route_in_french() {
    let good = FakeSmtp::start(SmtpBehavior::default());
    let port = good.addr().port();
    let dns = FakeDns::start(dead_primary_zone());
    let mut args = mx_args(&dns, port);
    args.extend(["--format", "text", "--lang", "fr"].map(String::from));
    let run = check_raw(&args);
    run.expect_status(0);
    assert!(
        run.stdout
            .contains("Microsoft 365 remettrait le courrier via mx2.contoso.test"),
        "{}",
        run.dump()
    );
    assert!(
        run.stdout.contains("route.mx-unreachable"),
        "{}",
        run.dump()
    );
}

/// Nothing works: every MX failure stays a failure (no route is claimed).
#[test]
fn every_mx_dead_still_fails_the_run() {
    let port = closed_port();
    let dns = FakeDns::start(dead_primary_zone());
    let run = check_json(&mx_args(&dns, port));
    run.expect_status(1).expect_verdict("fail");
    assert!(
        run.steps()
            .iter()
            .all(|s| s["code"] != "route.mx-unreachable"
                && s["detail_id"] != "detail-route-mx-chosen"),
        "{}",
        run.dump()
    );
}

/// Smart hosts stay strict: a dead smart host fails the run even when the other one works.
#[test]
fn dead_smart_host_beside_a_good_one_still_fails() {
    let good = FakeSmtp::start(SmtpBehavior::default());
    let dead = closed_port();
    let mut args = without_history(smart_host_args(&good.host_arg()));
    args.extend(["--host".to_string(), format!("127.0.0.1:{dead}")]);
    let run = check_json(&args);
    run.expect_status(1).expect_verdict("fail");
    run.expect_step("connect", "fail", Some("connect.refused"));
}

/// The primary MX's name does not exist (NXDOMAIN), the secondary works: the primary was dropped
/// from the route without a word. It now has its own warning line naming it; the run passes
/// through the secondary.
#[test]
fn unresolvable_mx_beside_a_working_one_is_a_warning_line_not_dropped_silently() {
    let good = FakeSmtp::start(SmtpBehavior::default());
    let port = good.addr().port();
    let dns = FakeDns::start(
        Zone::new()
            .mx(DOMAIN, 10, "gone.contoso.test")
            .mx(DOMAIN, 20, "mx2.contoso.test")
            .a("mx2.contoso.test", Ipv4Addr::LOCALHOST),
    );
    let run = check_json(&mx_args(&dns, port));
    run.expect_status(0).expect_verdict("pass");
    let lines: Vec<_> = run
        .steps_of("resolve")
        .into_iter()
        .filter(|s| s["detail_id"] == "detail-route-mx-unresolved")
        .collect();
    assert_eq!(lines.len(), 1, "{}", run.dump());
    run.expect_value(&lines[0]["status"], "warn");
    run.expect_value(&lines[0]["code"], "route.mx-unreachable");
    run.expect_detail(
        &lines[0],
        &["gone.contoso.test", "preference 10", "NXDOMAIN"],
    );
    // Mail goes through the MX that resolves.
    assert!(
        run.steps_of("resolve")
            .iter()
            .any(|s| s["detail_id"] == "detail-route-mx-chosen"
                && s["detail"]
                    .as_str()
                    .is_some_and(|d| d.contains("mx2.contoso.test"))),
        "{}",
        run.dump()
    );
    assert_eq!(good.tls_handshakes(), 1);
}

/// When no MX name resolves, nothing is left to deliver to: the resolve step fails, as before.
#[test]
fn no_mx_name_resolving_fails_the_resolve_step() {
    let dns = FakeDns::start(Zone::new().mx(DOMAIN, 10, "gone1.contoso.test").mx(
        DOMAIN,
        20,
        "gone2.contoso.test",
    ));
    let run = check_json(&mx_args(&dns, 25));
    run.expect_status(1).expect_verdict("fail");
    run.expect_step("resolve", "fail", Some("resolve.nxdomain"));
    assert!(
        !run.steps_of("resolve")
            .iter()
            .any(|s| s["detail_id"] == "detail-route-mx-unresolved"),
        "{}",
        run.dump()
    );
}

/// Regression: on an MX route the private-address warning told the admin to fix "the smart
/// host" (Set-OutboundConnector -SmartHosts), which this connector does not have. It now speaks
/// of the domain's MX hosts and public MX records, in both languages; smart hosts keep theirs.
#[test]
fn private_address_on_an_mx_route_speaks_of_the_mx_host_not_the_smart_host() {
    let server = FakeSmtp::start(SmtpBehavior::default());
    let dns = FakeDns::start(
        Zone::new()
            .mx(DOMAIN, 10, "mx.contoso.test")
            .a("mx.contoso.test", Ipv4Addr::LOCALHOST),
    );
    let run = check_json(&mx_args(&dns, server.addr().port()));
    let step = run.expect_step("resolve", "warn", Some("resolve.private-address"));
    run.expect_value(&step["detail_id"], "detail-resolve-private-mx");
    let detail = step["detail"].as_str().unwrap_or_default();
    assert!(
        detail.starts_with(
            "An MX host of contoso.test resolves here to a private address (127.0.0.1"
        ),
        "{detail}"
    );
    let guidance = step["guidance"].as_str().unwrap_or_default();
    assert!(
        guidance.contains("an MX host of the recipient domain")
            && guidance.contains("-Type MX")
            && !guidance.contains("smart host")
            && !guidance.contains("SmartHosts"),
        "{guidance}"
    );

    let mut args = mx_args(&dns, server.addr().port());
    args.extend(["--format", "text", "--lang", "fr"].map(String::from));
    let text = check_raw(&args);
    assert!(
        text.stdout
            .contains("Un hôte MX de contoso.test se résout ici en adresse privée")
            && text
                .stdout
                .contains("un hôte MX du domaine destinataire se résout ici en adresse privée")
            && !text.stdout.contains("l'hôte actif"),
        "{}",
        text.dump()
    );

    let smart = check_json(&smart_host_args(&server.host_arg()));
    let step = smart.expect_step("resolve", "warn", Some("resolve.private-address"));
    assert!(
        step["guidance"]
            .as_str()
            .is_some_and(|g| g.contains("the smart host resolves here")),
        "{step}"
    );
}
