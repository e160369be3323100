//! The `tenant-attribution` command, run as a technician would, on log files written like
//! Exchange's SMTP Send protocol logs (tests/data/tenant, made by make_fixtures.py).

use crate::support::tenant::{finding, json_of, run, tenant_data};
use serde_json::Value;

fn codes(json: &Value) -> Vec<String> {
    json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["code"].as_str().unwrap_or_default().to_string())
        .collect()
}

const OLD_THUMBPRINT: &str = "3F2A9C7E1B4D5F60718293A4B5C6D7E8F9012345";
const NEW_THUMBPRINT: &str = "9B8C7D6E5F4A3B2C1D0E9F8A7B6C5D4E3F2A1B0C";
const CHANGED_AT: &str = "2026-10-02T14:05:12.490Z";

#[test]
fn renewal_with_another_name_is_named_with_when_and_the_fix_in_english() {
    let dir = tenant_data("renewal");
    let out = run(&[
        "--log",
        dir.to_str().expect("path"),
        "--send-connector",
        "Outbound to Office 365",
        "--tls-sender-certificate-name",
        "mail.contoso.com",
        "--format",
        "json",
        "--lang",
        "en",
    ]);
    assert_eq!(out.status.code(), Some(1), "a failing finding exits 1");
    let json = json_of(&out);
    assert_eq!(json["verdict"], "fail");
    let cert = &json["certificate"];
    assert!(
        cert["subject"]
            .as_str()
            .expect("subject")
            .starts_with("CN=smtp.contoso.com")
    );
    assert_eq!(cert["thumbprint"], NEW_THUMBPRINT);
    assert_eq!(cert["first_seen"], CHANGED_AT);
    assert_eq!(cert["last_seen"], "2026-10-02T14:45:12.490Z");
    assert_eq!(cert["sans"][0], "smtp.contoso.com");
    assert_eq!(
        cert["issuer"],
        "CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US"
    );

    let changes = json["certificate_changes"].as_array().expect("changes");
    assert_eq!(changes.len(), 1, "{changes:#?}");
    assert_eq!(changes[0]["at"], CHANGED_AT);
    assert_eq!(changes[0]["from_thumbprint"], OLD_THUMBPRINT);
    assert_eq!(changes[0]["to_thumbprint"], NEW_THUMBPRINT);

    let mismatch = finding(&json, "attribution.certificate-name-mismatch");
    let detail = mismatch["detail"].as_str().expect("detail");
    assert!(
        detail.contains("mail.contoso.com") && detail.contains("smtp.contoso.com"),
        "{detail}"
    );
    assert!(detail.contains("3 of its 3 sessions"), "{detail}");
    let guidance = mismatch["guidance"].as_str().expect("guidance");
    assert!(
        guidance.contains("Hybrid Configuration Wizard"),
        "{guidance}"
    );
    assert!(
        guidance.contains("transport certificate page"),
        "{guidance}"
    );
    assert!(
        guidance.contains("-TlsSenderCertificateName 'smtp.contoso.com'"),
        "{guidance}"
    );
    assert!(
        guidance.contains("*.contoso.com"),
        "the wildcard rule is explained: {guidance}"
    );

    let changed = finding(&json, "attribution.certificate-changed");
    let detail = changed["detail"].as_str().expect("detail");
    for needle in [
        // The sentence writes the date for a reader; the JSON field above keeps RFC 3339.
        "On 2026-10-02 14:05 UTC",
        OLD_THUMBPRINT,
        NEW_THUMBPRINT,
        "CN=mail.contoso.com",
        "CN=smtp.contoso.com",
    ] {
        assert!(detail.contains(needle), "{needle} missing from {detail}");
    }
    assert_eq!(changed["severity"], "fail", "the change broke the match");
    assert_eq!(json["log"]["rejected_sessions"], 3);
}

#[test]
fn renewal_is_explained_in_french_text() {
    let dir = tenant_data("renewal");
    let out = run(&[
        "--log",
        dir.to_str().expect("path"),
        "--send-connector",
        "Outbound to Office 365",
        "--tls-sender-certificate-name",
        "mail.contoso.com",
        "--lang",
        "fr",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    for needle in [
        "Certificat envoyé par le serveur local",
        "Empreinte numérique",
        NEW_THUMBPRINT,
        OLD_THUMBPRINT,
        "Changements de certificat",
        // Dates in French sentences are written the French way (not RFC 3339).
        "Le 02/10/2026 14:05 UTC, le serveur a commencé à envoyer un autre certificat",
        "qui ne correspond plus au TlsSenderCertificateName mail.contoso.com",
        "Assistant Configuration hybride",
        "page du certificat de transport",
        "Set-InboundConnector <nom du connecteur entrant> -TlsSenderCertificateName 'smtp.contoso.com'",
        "Résultat : au moins une cause",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
    }
    // PowerShell parameters (`Enable-ExchangeCertificate -Thumbprint …` in a fix command) are
    // the same in every language; the labels around them are not.
    let words: Vec<&str> = text
        .lines()
        .filter(|l| !l.contains("-Thumbprint"))
        .collect();
    let words = words.join("\n");
    for english in ["What to do", "Certificate changes", "Thumbprint"] {
        assert!(
            !words.contains(english),
            "English {english:?} left in French output:\n{text}"
        );
    }
}

#[test]
fn send_connector_filter_keeps_connectors_apart_and_ignores_case() {
    let dir = tenant_data("renewal");
    let out = run(&[
        "--log",
        dir.to_str().expect("path"),
        "--send-connector",
        "internet MAIL",
        "--tls-sender-certificate-name",
        "relay.contoso.com",
        "--format",
        "json",
        "--lang",
        "en",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let json = json_of(&out);
    assert_eq!(json["verdict"], "pass");
    assert_eq!(
        json["certificate"]["subject"],
        "CN=relay.contoso.com, O=Contoso Ltd, C=US"
    );
    assert_eq!(
        json["certificate_changes"].as_array().map(Vec::len),
        Some(0)
    );
    assert_eq!(json["log"]["sessions"], 1);
}

#[test]
fn unknown_send_connector_is_invalid_input_naming_the_option_and_the_choices() {
    let dir = tenant_data("renewal");
    let out = run(&[
        "--log",
        dir.to_str().expect("path"),
        "--send-connector",
        "To Office 365 (typo)",
        "--tls-sender-certificate-name",
        "mail.contoso.com",
        "--lang",
        "en",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--send-connector"), "{err}");
    assert!(
        err.contains("Outbound to Office 365") && err.contains("Internet Mail"),
        "{err}"
    );
}

#[test]
fn damaged_files_are_reported_by_file_and_line_and_the_rest_is_read() {
    let dir = tenant_data("damaged");
    let out = run(&[
        "--log",
        dir.to_str().expect("path"),
        "--tls-sender-certificate-name",
        "smtp.contoso.com",
        "--format",
        "json",
        "--lang",
        "en",
    ]);
    let json = json_of(&out);
    let warnings = json["warnings"].as_array().expect("warnings");
    let has = |file: &str, line: u64, word: &str| {
        warnings.iter().any(|w| {
            w["file"].as_str().is_some_and(|f| f.ends_with(file))
                && w["line"] == line
                && w["problem"].as_str().is_some_and(|p| p.contains(word))
        })
    };
    assert!(
        has("SEND2026100309-1.LOG", 32, "not UTF-8"),
        "{warnings:#?}"
    );
    assert!(
        has("SEND2026100309-1.LOG", 72, "cut short"),
        "{warnings:#?}"
    );
    assert!(
        has("screenshot.png", 1, "not an SMTP Send protocol log"),
        "{warnings:#?}"
    );
    assert!(
        has("SEND2026100310-1.LOG", 1, "no #Fields header"),
        "{warnings:#?}"
    );
    assert_eq!(warnings.len(), 4, "{warnings:#?}");
    // Both sessions of the damaged file, the cut one and the headerless file's one.
    assert_eq!(json["log"]["sessions"], 4);
    assert_eq!(json["log"]["rejected_sessions"], 3);
    assert_eq!(json["certificate"]["thumbprint"], NEW_THUMBPRINT);
    // The name matches, yet 5.7.64 happened: no failing finding, and a note says what to check.
    assert_eq!(json["verdict"], "pass");
    assert_eq!(out.status.code(), Some(0));
    let notes = json["notes"].to_string();
    assert!(notes.contains("Get-InboundConnector"), "{notes}");
}

#[test]
fn empty_folder_is_invalid_input() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = run(&[
        "--log",
        dir.path().to_str().expect("path"),
        "--tls-sender-certificate-name",
        "mail.contoso.com",
        "--lang",
        "en",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--log") && err.contains("holds no file"),
        "{err}"
    );
    assert!(
        err.contains("SendProtocolLogPath"),
        "says where the logs are: {err}"
    );
}

#[test]
fn missing_inputs_name_the_option() {
    let out = run(&[
        "--tls-sender-certificate-name",
        "mail.contoso.com",
        "--lang",
        "en",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--log"));
    let dir = tenant_data("renewal");
    let out = run(&["--log", dir.to_str().expect("path"), "--lang", "en"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--tls-sender-certificate-name"));
    let out = run(&[
        "--log",
        dir.to_str().expect("path"),
        "--sender-ip",
        "203.0.113.300/24",
        "--lang",
        "fr",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--sender-ip") && err.contains("203.0.113.300/24"),
        "{err}"
    );
    assert!(
        err.starts_with("erreur"),
        "one prefix style, as `check`: {err}"
    );
}

#[test]
fn inbound_connector_json_supplies_the_setting_and_the_connector_name() {
    let dir = tenant_data("renewal");
    let json_file = tenant_data("inbound-connectors.json");
    let out = run(&[
        "--log",
        dir.to_str().expect("path"),
        "--send-connector",
        "Outbound to Office 365",
        "--inbound-connector-json",
        json_file.to_str().expect("path"),
        "--sending-ip",
        "203.0.113.25",
        "--format",
        "json",
        "--lang",
        "en",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let json = json_of(&out);
    assert_eq!(
        json["inbound_connector"]["name"],
        "Inbound from Contoso on-premises"
    );
    assert_eq!(
        json["inbound_connector"]["sender_ip_addresses"][0],
        "203.0.113.0/24"
    );
    let guidance = finding(&json, "attribution.certificate-name-mismatch")["guidance"]
        .as_str()
        .expect("guidance")
        .to_string();
    assert!(
        guidance.contains(
            "Set-InboundConnector 'Inbound from Contoso on-premises' -TlsSenderCertificateName 'smtp.contoso.com'"
        ),
        "{guidance}"
    );
    // 203.0.113.25 is inside 203.0.113.0/24.
    assert!(!codes(&json).contains(&"attribution.ip-not-listed".to_string()));
    assert!(json["notes"].to_string().contains("2 inbound connectors"));
}

#[test]
fn att36_replies_and_accepted_domains_give_domain_not_accepted() {
    let dir = tenant_data("att36");
    let domains = tenant_data("accepted-domains.json");
    let out = run(&[
        "--log",
        dir.to_str().expect("path"),
        "--tls-sender-certificate-name",
        "mail.contoso.com",
        "--accepted-domains-json",
        domains.to_str().expect("path"),
        "--sender-domain",
        "fabrikam-news.example",
        "--format",
        "json",
        "--lang",
        "en",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let json = json_of(&out);
    let found: Vec<&Value> = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["code"] == "attribution.domain-not-accepted")
        .collect();
    assert_eq!(found.len(), 1, "ATT36 in the log: {json:#}");
    assert!(
        found[0]["detail"]
            .as_str()
            .expect("detail")
            .contains("ATTR36")
    );
    // Neither the certificate's names (mail.contoso.com: a subdomain, not itself accepted) nor
    // the MAIL FROM domain read from the log is an accepted domain: the OR fails.
    let or_failed = finding(&json, "attribution.sender-domain-not-accepted");
    let detail = or_failed["detail"].as_str().expect("detail");
    assert!(
        detail.contains("fabrikam-news.example") && detail.contains("mail.contoso.com"),
        "{detail}"
    );
}

#[test]
fn format_json_prints_the_same_document_the_json_report_writes() {
    let dir = tenant_data("renewal");
    let out_dir = tempfile::tempdir().expect("temp dir");
    let report = out_dir.path().join("diagnosis.json");
    let out = run(&[
        "--log",
        dir.to_str().expect("path"),
        "--send-connector",
        "Outbound to Office 365",
        "--tls-sender-certificate-name",
        "mail.contoso.com",
        "--report",
        report.to_str().expect("path"),
        "--format",
        "json",
        "--lang",
        "fr",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let json = json_of(&out);
    let written = std::fs::read_to_string(&report).expect("the report is written");
    assert_eq!(
        written,
        String::from_utf8_lossy(&out.stdout),
        "stdout and the .json report differ"
    );
    crate::support::schema::Schema::TenantReport
        .assert_valid(&serde_json::from_str(&written).expect("report JSON"));
    assert_eq!(json["schema_version"], 1);
    assert_eq!(json["kind"], "tenant-attribution");
    assert_eq!(json["language"], "fr");
}

#[test]
fn tenant_schema_rejects_drift() {
    use crate::support::schema::Schema;
    let dir = tenant_data("renewal");
    let json = json_of(&run(&[
        "--log",
        dir.to_str().expect("path"),
        "--tls-sender-certificate-name",
        "mail.contoso.com",
        "--format",
        "json",
    ]));
    let mut extra = json.clone();
    extra["certificate"]["source_kind"] = "logs".into();
    assert!(!Schema::TenantReport.errors(&extra).is_empty());
    let mut severity = json.clone();
    severity["findings"][0]["severity"] = "error".into();
    assert!(!Schema::TenantReport.errors(&severity).is_empty());
    let mut date = json;
    date["diagnosed_at"] = "yesterday".into();
    assert!(!Schema::TenantReport.errors(&date).is_empty());
}

/// `text` as Windows PowerShell 5.1 writes `ConvertTo-Json > file`: UTF-16 LE with a BOM
/// (Microsoft Learn, "about_Character_Encoding").
fn utf16le_with_bom(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    bytes
}

#[test]
fn inbound_connector_and_accepted_domains_from_windows_powershell_utf16_are_read() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let inbound_text =
        std::fs::read_to_string(tenant_data("inbound-connectors.json")).expect("fixture");
    let domains_text =
        std::fs::read_to_string(tenant_data("accepted-domains.json")).expect("fixture");
    let inbound = tmp.path().join("inbound.json");
    let domains = tmp.path().join("domains.json");
    std::fs::write(&inbound, utf16le_with_bom(&inbound_text)).expect("write");
    let mut utf8_bom = vec![0xEF, 0xBB, 0xBF];
    utf8_bom.extend(domains_text.as_bytes());
    let domains_bom8 = tmp.path().join("domains-utf8-bom.json");
    std::fs::write(&domains_bom8, utf8_bom).expect("write");
    std::fs::write(&domains, utf16le_with_bom(&domains_text)).expect("write");
    let log = tenant_data("att36");
    for domains in [&domains, &domains_bom8] {
        let out = run(&[
            "--log",
            log.to_str().expect("path"),
            "--inbound-connector-json",
            inbound.to_str().expect("path"),
            "--accepted-domains-json",
            domains.to_str().expect("path"),
            "--sender-domain",
            "fabrikam-news.example",
            "--format",
            "json",
            "--lang",
            "en",
        ]);
        let json = json_of(&out);
        assert_eq!(
            json["inbound_connector"]["name"], "Inbound from Contoso on-premises",
            "{json:#}"
        );
        assert_eq!(
            json["inbound_connector"]["sender_ip_addresses"][0],
            "203.0.113.0/24"
        );
        let accepted = json["inputs"]["accepted_domains"].to_string();
        assert!(accepted.contains("contoso.com"), "{accepted}");
    }
}

#[test]
fn an_ansi_inbound_connector_export_is_refused_naming_the_file_and_the_byte() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let inbound = tmp.path().join("inbound-ansi.json");
    // "Entrée" in Windows-1252, as `Out-File -Encoding Default` writes it.
    std::fs::write(
        &inbound,
        b"{\"Name\":\"Entr\xe9e\",\"TlsSenderCertificateName\":\"mail.contoso.com\"}",
    )
    .expect("write");
    let out = run(&[
        "--log",
        tenant_data("renewal").to_str().expect("path"),
        "--inbound-connector-json",
        inbound.to_str().expect("path"),
        "--lang",
        "en",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--inbound-connector-json")
            && err.contains("inbound-ansi.json")
            && err.contains("byte 13 is not UTF-8")
            && err.contains("Out-File -Encoding utf8"),
        "{err}"
    );
}

#[test]
fn every_input_problem_is_reported_at_once_each_naming_its_option() {
    let out = run(&[
        "--log",
        " ",
        "--tls-sender-certificate-name",
        "mail..contoso.com",
        "--sender-ip",
        "203.0.113.300/24",
        "--accepted-domain",
        "http://contoso.com",
        "--sending-ip",
        "nope",
        "--live-host",
        "mail.contoso.com\r\n",
        "--timeout",
        "0",
        "--lang",
        "en",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    for option in [
        "--log:",
        "--tls-sender-certificate-name \"mail..contoso.com\":",
        "--sender-ip \"203.0.113.300/24\":",
        "--accepted-domain \"http://contoso.com\":",
        "--sending-ip \"nope\":",
        "--live-host",
        "--timeout \"0\":",
    ] {
        assert!(
            err.lines().any(|l| l.contains(option)),
            "no line for `{option}`:\n{err}"
        );
    }
    assert_eq!(err.lines().count(), 7, "{err}");
}

#[test]
fn white_space_around_tenant_values_is_dropped_as_for_every_option() {
    let dir = tenant_data("renewal");
    let padded_log = format!(" {}\t", dir.to_str().expect("path"));
    let out = run(&[
        "--log",
        &padded_log,
        "--tls-sender-certificate-name",
        "\u{a0}mail.contoso.com ",
        "--send-connector",
        " Outbound to Office 365 ",
        "--format",
        "json",
        "--lang",
        "en",
    ]);
    let json = json_of(&out);
    assert_eq!(
        json["inbound_connector"]["tls_sender_certificate_name"],
        "mail.contoso.com"
    );
    assert!(
        json["log"]["sessions"].as_u64().unwrap_or(0) > 0,
        "{json:#}"
    );
}

/// The finding named ATT36 while the reply beside it says ATTR36 (issue 12).
#[test]
fn att36_finding_names_the_code_the_reply_carries() {
    let dir = tenant_data("att36");
    let out = run(&[
        "--log",
        dir.to_str().expect("path"),
        "--tls-sender-certificate-name",
        "mail.contoso.com",
        "--format",
        "json",
        "--lang",
        "en",
    ]);
    let json = json_of(&out);
    let detail = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["code"] == "attribution.domain-not-accepted")
        .and_then(|f| f["detail"].as_str())
        .expect("the ATTR36 finding")
        .to_string();
    assert!(
        detail.contains("refused with ATTR36:") && detail.contains("Relay Access Denied ATTR36"),
        "{detail}"
    );
    assert!(!detail.contains("(s)"), "plural through fluent: {detail}");
}
