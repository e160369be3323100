//! Words only at the edges, in both languages: a cause inside a detail is worded (never its
//! message id), moments in sentences are written as the language writes dates, and a TLS probe
//! that learnt nothing says so.

use crate::support::cli::{
    Run, check_json, check_raw, smart_host_args, strings, with_ca, with_tls, without_history,
};
use crate::support::{FakeSmtp, SmtpBehavior};

/// `check` of `server` with opportunistic TLS against the test root, in `lang`.
fn args(server: &FakeSmtp, lang: &str) -> Vec<String> {
    let mut args = with_ca(with_tls(
        smart_host_args(&server.host_arg()),
        "opportunistic",
    ));
    args.extend(strings(&["--lang", lang]));
    args
}

fn json(server: &FakeSmtp, lang: &str) -> Run {
    check_json(&without_history(args(server, lang)))
}

/// Regression: a server answering something that is not SMTP after TLS gave the detail
/// "(EHLO: detail-not-smtp-bad-line)" — a message id shown to the user.
#[test]
fn not_smtp_after_tls_is_worded_not_shown_as_a_message_id() {
    let server = FakeSmtp::start(SmtpBehavior {
        garbage_after_tls: true,
        ..SmtpBehavior::default()
    });
    for (lang, words) in [
        (
            "en",
            "(EHLO: an answer that is not SMTP, with no three-digit code)",
        ),
        (
            "fr",
            "(EHLO : une réponse qui n'est pas du SMTP, sans code à trois chiffres)",
        ),
    ] {
        let run = json(&server, lang);
        run.expect_status(1).expect_verdict("fail");
        let step = run.expect_step("test-email", "fail", Some("email.not-tested"));
        let detail = step["detail"].as_str().unwrap_or_default();
        assert!(detail.contains(words), "{lang}: {}", run.dump());
        assert!(
            !detail.contains("detail-") && !detail.contains("cause-"),
            "{lang}: {detail}"
        );
        // Scripts get the cause language-neutral, as its id.
        assert_eq!(step["detail_args"]["error"], "cause-not-smtp-bad-line");
        assert_eq!(step["detail_args"]["what"], "EHLO");
        // The text output says the same, with no id either.
        let mut a = args(&server, lang);
        a.push("--no-history".into());
        let text = check_raw(&a);
        assert!(text.stdout.contains(words), "{lang}: {}", text.dump());
        assert!(!text.stdout.contains("detail-not-smtp"), "{}", text.dump());
    }
}

/// Regression: when rustls finished the handshake but every hello of the TLS probe went
/// unanswered (here the server takes one session at a time and greets the probe's connections
/// with 421), the TLS step passed with nothing said about what Microsoft 365 would negotiate.
#[test]
fn unanswered_tls_probe_is_noted_not_silently_passed() {
    // The server turns every connection after its first away: one server per run.
    let busy = || {
        FakeSmtp::start(SmtpBehavior {
            busy_after_first_connection: true,
            ..SmtpBehavior::default()
        })
    };
    for (lang, summary, note) in [
        (
            "en",
            "What Microsoft 365 would negotiate could not be learnt",
            "could not be learnt: the probe's hellos timed out or got no TLS answer",
        ),
        (
            "fr",
            "Impossible de savoir ce que Microsoft 365 négocierait",
            "n'ont pas pu être déterminées",
        ),
    ] {
        let run = json(&busy(), lang);
        run.expect_status(0).expect_verdict("pass");
        let tls = run.expect_step("tls", "pass", None);
        let probe = &tls["tls"]["probe"];
        assert_eq!(probe["conclusive"], false, "{}", run.dump());
        assert_eq!(probe["cipher_suite"], serde_json::Value::Null);
        let notes = tls["tls"]["verification"].to_string();
        assert!(notes.contains(note), "{lang}: {notes}");
        let server = busy();
        let mut a = args(&server, lang);
        a.push("--no-history".into());
        let text = check_raw(&a);
        assert!(text.stdout.contains(summary), "{lang}: {}", text.dump());
        assert!(
            !text.stdout.contains("TLS versions accepted: none"),
            "{}",
            text.dump()
        );
    }
    // A server that answers the probe: conclusive.
    let good = FakeSmtp::start(SmtpBehavior::default());
    let run = json(&good, "en");
    let tls = run.expect_step("tls", "pass", None);
    assert_eq!(tls["tls"]["probe"]["conclusive"], true, "{}", run.dump());
}

/// Regression: the comparison's heading printed the last run's time as an RFC 3339 timestamp
/// ("Changes since the last run (2026-…Z)") in both languages.
#[test]
fn comparison_heading_writes_the_date_as_the_language_does() {
    let server = FakeSmtp::start(SmtpBehavior::default());
    let iso = regex_like_iso;
    for (lang, head) in [
        ("en", "Nothing changed since the last run ("),
        ("fr", "Rien n'a changé depuis la dernière exécution ("),
    ] {
        let mut a = args(&server, lang);
        a.push("--compare-last".into());
        check_raw(&a);
        let second = check_raw(&a);
        let all = format!("{}{}", second.stdout, second.stderr);
        let line = all
            .lines()
            .find(|l| l.contains(head))
            .unwrap_or_else(|| panic!("{lang}: no heading\n{}", second.dump()));
        let when = line
            .split_once(head)
            .map(|(_, rest)| rest.trim_end_matches(").").to_string())
            .unwrap_or_default();
        assert!(!iso(&when), "{lang}: raw timestamp in {line:?}");
        assert!(when.ends_with(" UTC"), "{lang}: {line:?}");
        match lang {
            // 2026-10-02 14:05 UTC
            "en" => assert_eq!(when.as_bytes().get(4), Some(&b'-'), "{line:?}"),
            // 02/10/2026 14:05 UTC
            _ => assert_eq!(when.as_bytes().get(2), Some(&b'/'), "{line:?}"),
        }
    }
}

/// `2026-10-02T14:05:09Z` and the like.
fn regex_like_iso(text: &str) -> bool {
    text.contains('T') && text.contains(':') && (text.ends_with('Z') || text.contains('+'))
}
