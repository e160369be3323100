//! Local SMTP servers for `assets/screenshots/make.sh` and `bench/gui/run.sh` (not a test of its
//! own: ignored unless asked for). It writes their addresses to `$GUI_FIXTURE_OUT` and keeps
//! them up until `$GUI_FIXTURE_OUT.stop` appears (or ten minutes pass).
//!
//! `cargo test --test gui -- --ignored --nocapture --exact gui_fixture::serve_fixture_servers`

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::support::{CertKind, FakeSmtp, SmtpBehavior, StartTls, pki};

const LIFETIME: Duration = Duration::from_secs(600);
const MANY: usize = 20;

#[test]
#[ignore = "a server for the screenshot and benchmark scripts, not a test"]
fn serve_fixture_servers() {
    let Some(out) = std::env::var_os("GUI_FIXTURE_OUT").map(PathBuf::from) else {
        eprintln!("GUI_FIXTURE_OUT is not set: nothing to do");
        return;
    };
    let expired = FakeSmtp::start(SmtpBehavior {
        starttls: StartTls::Offered(CertKind::Expired),
        ..Default::default()
    });
    let good = FakeSmtp::start(SmtpBehavior::default());
    let silent = FakeSmtp::start(SmtpBehavior {
        greeting: crate::support::Greeting::Silent,
        ..Default::default()
    });
    let many: Vec<FakeSmtp> = (0..MANY)
        .map(|_| FakeSmtp::start(SmtpBehavior::default()))
        .collect();
    // A port nothing listens on, for a connection failure (the vantage-point note).
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port");

    let many_list: Vec<String> = many.iter().map(FakeSmtp::host_arg).collect();
    let text = format!(
        "EXPIRED={}\nGOOD={}\nSILENT={}\nCLOSED={}\nMANY={}\nCA_FILE={}\n",
        expired.host_arg(),
        good.host_arg(),
        silent.host_arg(),
        closed,
        many_list.join(","),
        pki().ca_file().display()
    );
    std::fs::write(&out, text).expect("write the fixture addresses");
    wait_for_stop(&out);
}

/// Until `<out>.stop` appears, or [`LIFETIME`] passes.
fn wait_for_stop(out: &std::path::Path) {
    let mut stop = out.to_path_buf().into_os_string();
    stop.push(".stop");
    let stop = PathBuf::from(stop);
    let start = Instant::now();
    while !stop.exists() && start.elapsed() < LIFETIME {
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A zone signed by Knot whose MX publishes a TLSA record for an old certificate while the
/// mail server presents the renewed one, for `assets/screenshots/make-domain.sh`: writes DNS
/// (the Knot server), MX_PORT, ANCHOR (the trust-anchor file) and CA_FILE to
/// `$GUI_DOMAIN_FIXTURE_OUT` and stays up until `$GUI_DOMAIN_FIXTURE_OUT.stop` appears.
///
/// `cargo test --test gui -- --ignored --exact gui_fixture::serve_domain_security_fixture`
#[test]
#[ignore = "a server for the screenshot script, not a test"]
fn serve_domain_security_fixture() {
    let Some(out) = std::env::var_os("GUI_DOMAIN_FIXTURE_OUT").map(PathBuf::from) else {
        eprintln!("GUI_DOMAIN_FIXTURE_OUT is not set: nothing to do");
        return;
    };
    let lab = crate::gui_domain_results::RenewedMx::start();
    let text = format!(
        "DNS={}\nMX_PORT={}\nANCHOR={}\nCA_FILE={}\n",
        lab.zone.server_arg(),
        lab.smtp.addr().port(),
        lab.zone.anchor_file().display(),
        pki().ca_file().display()
    );
    std::fs::write(&out, text).expect("write the fixture addresses");
    wait_for_stop(&out);
}
