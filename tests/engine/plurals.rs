//! Counts are worded through fluent's plural selectors, never with "(s)": the 5.7.64 findings
//! about certificate domains say "its domain … is" for one and "its domains … are" for several.

use connector_doctor::i18n::{self, Lang, tr_args};

fn null_sender(lang: Lang, domains: &[&str]) -> String {
    finding(lang, "finding-null-sender-not-accepted", domains)
}

fn finding(lang: Lang, id: &str, domains: &[&str]) -> String {
    let list = if domains.is_empty() {
        "none".to_string()
    } else {
        domains.join(", ")
    };
    tr_args(
        lang,
        id,
        &[
            ("servers", "none".to_string()),
            ("sender", "fabrikam.com".to_string()),
            ("certificate_domains", list),
            ("certificate_domain_count", domains.len().to_string()),
            ("accepted", "contoso.com".to_string()),
            ("sessions", "3".to_string()),
            ("rejected", "1".to_string()),
        ],
    )
}

#[test]
fn certificate_domains_of_the_null_sender_finding_are_counted_in_both_languages() {
    let one = null_sender(Lang::En, &["mail.fabrikam.com"]);
    assert!(
        one.contains("its domain mail.fabrikam.com is not an accepted domain (accepted"),
        "{one}"
    );
    let two = null_sender(Lang::En, &["mail.fabrikam.com", "fabrikam.net"]);
    assert!(
        two.contains("its domains mail.fabrikam.com, fabrikam.net are not accepted domains"),
        "{two}"
    );
    let none = null_sender(Lang::En, &[]);
    assert!(
        none.contains("and no certificate was presented (accepted"),
        "{none}"
    );

    let one = null_sender(Lang::Fr, &["mail.fabrikam.com"]);
    assert!(
        one.contains("son domaine mail.fabrikam.com n'est pas un domaine accepté (domaines"),
        "{one}"
    );
    assert!(one.contains("dont 1 refusée avec 5.7.64"), "{one}");
    let two = null_sender(Lang::Fr, &["mail.fabrikam.com", "fabrikam.net"]);
    assert!(
        two.contains("ses domaines mail.fabrikam.com, fabrikam.net ne sont pas des domaines"),
        "{two}"
    );
    let none = null_sender(Lang::Fr, &[]);
    assert!(none.contains("aucun certificat n'a été présenté"), "{none}");
}

#[test]
fn certificate_domains_of_the_sender_domain_finding_are_counted_in_both_languages() {
    let id = "finding-sender-domain-not-accepted";
    let one = finding(Lang::En, id, &["mail.fabrikam.com"]);
    assert!(
        one.contains("Neither the certificate's domain mail.fabrikam.com nor the sender's domain fabrikam.com"),
        "{one}"
    );
    let two = finding(Lang::En, id, &["a.fabrikam.com", "b.fabrikam.com"]);
    assert!(
        two.contains("Neither the certificate's domains a.fabrikam.com, b.fabrikam.com nor"),
        "{two}"
    );
    let none = finding(Lang::En, id, &[]);
    assert!(
        none.contains("No certificate was presented, and the sender's domain fabrikam.com"),
        "{none}"
    );
    let one = finding(Lang::Fr, id, &["mail.fabrikam.com"]);
    assert!(
        one.contains("Ni le domaine du certificat mail.fabrikam.com ni le domaine"),
        "{one}"
    );
    let two = finding(Lang::Fr, id, &["a.fabrikam.com", "b.fabrikam.com"]);
    assert!(
        two.contains("Ni les domaines du certificat a.fabrikam.com, b.fabrikam.com ni"),
        "{two}"
    );
}

fn with_servers(lang: Lang, id: &str, servers: &str, domains: &[&str]) -> String {
    tr_args(
        lang,
        id,
        &[
            ("servers", servers.to_string()),
            ("sender", "fabrikam.com".to_string()),
            ("certificate_domains", domains.join(", ")),
            ("certificate_domain_count", domains.len().to_string()),
            ("accepted", "contoso.com".to_string()),
            ("sessions", "3".to_string()),
            ("rejected", "1".to_string()),
        ],
    )
}

/// Regression: with no server named, the 5.7.64 findings began in lowercase ("mail with the
/// null sender…", "ni le domaine…"). They start with a capital, in both languages and for
/// every count; with a server named, the sentence after "Server X:" goes on in lowercase.
#[test]
fn findings_without_a_server_start_with_a_capital_in_both_languages() {
    let ids = [
        "finding-null-sender-not-accepted",
        "finding-sender-domain-not-accepted",
    ];
    let counts: [&[&str]; 3] = [
        &[],
        &["mail.fabrikam.com"],
        &["a.fabrikam.com", "b.fabrikam.com"],
    ];
    for lang in Lang::ALL {
        for id in ids {
            for domains in counts {
                let text = with_servers(lang, id, "none", domains);
                let first = text.chars().next().unwrap_or(' ');
                assert!(first.is_uppercase(), "{lang:?} {id} {domains:?}: {text}");
                let named = with_servers(lang, id, "EX01", domains);
                assert!(named.starts_with("Serve"), "{named}");
                let after = named
                    .split_once(':')
                    .map(|(_, t)| t.trim_start())
                    .unwrap_or("");
                let first = after.chars().next().unwrap_or(' ');
                assert!(first.is_lowercase(), "{lang:?} {id} {domains:?}: {named}");
                assert!(
                    !text.contains("  ") && !named.contains("  "),
                    "{text} / {named}"
                );
            }
        }
    }
    let en = with_servers(Lang::En, ids[0], "none", &[]);
    assert!(
        en.starts_with("Mail with the null sender (MAIL FROM:<>"),
        "{en}"
    );
    let fr = with_servers(Lang::Fr, ids[1], "none", &["mail.fabrikam.com"]);
    assert!(
        fr.starts_with("Ni le domaine du certificat mail.fabrikam.com ni le domaine de l'expéditeur fabrikam.com (MAIL FROM) ne sont"),
        "{fr}"
    );
    let en = with_servers(Lang::En, ids[1], "EX01", &[]);
    assert!(
        en.starts_with("Server EX01: no certificate was presented, and the sender's domain"),
        "{en}"
    );
}

/// "(s)" (or "(e)s", "(x)") reads as a form nobody finished; counts go through a selector.
#[test]
fn no_message_words_a_count_with_a_parenthesised_plural() {
    for lang in Lang::ALL {
        for (file, source) in i18n::sources(lang) {
            for (n, line) in source.lines().enumerate() {
                if line.trim_start().starts_with('#') {
                    continue;
                }
                for mark in ["(s)", "(e)", "(es)", "(x)"] {
                    assert!(
                        !line.contains(mark),
                        "{}/{file}:{}: {mark} in {line}",
                        lang.locale_dir(),
                        n + 1
                    );
                }
            }
        }
    }
}
