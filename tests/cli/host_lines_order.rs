//! The host's own lines (the MX route lines: the MX Microsoft 365 would deliver through, a dead
//! MX, an MX whose name did not resolve) come with the host's Resolve step, before its
//! addresses' steps, in every face: the JSON document, the text output, HTML and Markdown.

use std::net::Ipv4Addr;

use crate::support::cli::{Run, check_raw};
use crate::support::{FakeDns, FakeSmtp, SmtpBehavior, Zone, pki};

const DOMAIN: &str = "contoso.test";

/// An MX whose name does not resolve (preference 5), a dead one (10, nothing listens on
/// 127.0.0.2) and a good one (20): three route lines beside the Resolve step.
struct Lab {
    good: FakeSmtp,
    dns: FakeDns,
}

impl Lab {
    fn start() -> Lab {
        let good = FakeSmtp::start(SmtpBehavior::default());
        let dns = FakeDns::start(
            Zone::new()
                .mx(DOMAIN, 5, "gone.contoso.test")
                .mx(DOMAIN, 10, "mx1.contoso.test")
                .mx(DOMAIN, 20, "mx2.contoso.test")
                .a("mx1.contoso.test", Ipv4Addr::new(127, 0, 0, 2))
                .a("mx2.contoso.test", Ipv4Addr::LOCALHOST),
        );
        Lab { good, dns }
    }

    /// One run in `format`, also saving a report to `report`.
    fn run(&self, format: &str, report: &std::path::Path) -> Run {
        let args = [
            "--dns-server".to_string(),
            self.dns.server_arg(),
            "--mx-port".into(),
            self.good.addr().port().to_string(),
            "--recipient-domain".into(),
            DOMAIN.into(),
            "--test-address".into(),
            "user@contoso.test".into(),
            "--timeout".into(),
            "5".into(),
            "--ca-file".into(),
            pki().ca_file().display().to_string(),
            "--no-history".into(),
            "--format".into(),
            format.into(),
            "--lang".into(),
            "en".into(),
            "--report".into(),
            report.display().to_string(),
        ];
        let v: Vec<&str> = args.iter().map(String::as_str).collect();
        let run = check_raw(&v);
        run.expect_status(0);
        run
    }
}

/// Where `needle` first appears in `text` (fails when it does not).
fn at(face: &str, text: &str, needle: &str) -> usize {
    text.find(needle)
        .unwrap_or_else(|| panic!("{face}: no {needle:?} in\n{text}"))
}

/// Regression: the route lines were stored after all the host's addresses, so every face showed
/// "Microsoft 365 would deliver through mx…" and the dead or unresolved MX after the last
/// address's Test address step, far from the Resolve step they belong to.
#[test]
fn mx_route_lines_come_with_the_resolve_step_before_the_addresses_in_every_face() {
    let lab = Lab::start();
    let dir = tempfile::tempdir().expect("temp dir");

    // The document: the host's own lines (no address) first, the first of them the Resolve step
    // itself, then the addresses' steps.
    let html_path = dir.path().join("report.html");
    let run = lab.run("json", &html_path);
    let steps = run.steps();
    let host_lines = steps
        .iter()
        .take_while(|s| s["host"] == DOMAIN && s["address"].is_null())
        .count();
    assert_eq!(
        steps.iter().filter(|s| s["address"].is_null()).count(),
        host_lines,
        "a host-level line after an address's steps:\n{}",
        run.dump()
    );
    let ids: Vec<&str> = steps[..host_lines]
        .iter()
        .map(|s| s["detail_id"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        ids,
        [
            "detail-resolve-private-mx",
            "detail-route-mx-chosen",
            "detail-route-mx-unreachable",
            "detail-route-mx-unresolved",
        ],
        "{}",
        run.dump()
    );
    assert!(steps[..host_lines].iter().all(|s| s["step"] == "resolve"));

    // Text, HTML and Markdown say the same, in the same order: each route line before the
    // first address's Connect step.
    let md_path = dir.path().join("report.md");
    let text = lab.run("text", &md_path).stdout;
    let read = |path: &std::path::Path| std::fs::read_to_string(path).expect("the report");
    let faces = [
        ("text", text, true),
        ("html", read(&html_path), true),
        // Markdown details failures and warnings only: the chosen MX is a pass.
        ("markdown", read(&md_path), false),
    ];
    for (face, body, shows_passes) in &faces {
        let connect = at(face, body, "refused the connection");
        let mut lines = vec![
            "does not answer as a mail server",
            "was left out of the route",
        ];
        if *shows_passes {
            lines.insert(0, "would deliver through mx2.contoso.test (MX");
        }
        let mut last = 0;
        for line in lines {
            let here = at(face, body, line);
            assert!(here > last, "{face}: {line:?} out of order\n{body}");
            assert!(
                here < connect,
                "{face}: {line:?} after the addresses' steps\n{body}"
            );
            last = here;
        }
    }
}
