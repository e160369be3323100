//! Saved connectors: round trips, imports (ours and Get-OutboundConnector), unreadable and newer
//! files left alone (a damaged one set aside only when opened), concurrent saves, and the CLI's
//! `--profile NAME_OR_FILE`.

use std::fs;
use std::path::Path;
use std::sync::Arc;

use connector_doctor::i18n::Lang;
use connector_doctor::model::{Connector, ConnectorType, TlsPolicy};
use connector_doctor::report::samples::sample_connector;
use connector_doctor::store::profiles::{
    ImportSource, Profiles, export_connector, parse_connector_json, read_connector_file,
    resolve_profile_in, slug,
};
use connector_doctor::store::{Dirs, StoreError};

fn dirs(root: &Path) -> Dirs {
    Dirs {
        config: root.join("config"),
        data: root.join("data"),
    }
}

fn json_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn save_list_load_rename_delete_round_trip() {
    let root = tempfile::tempdir().expect("tempdir");
    let profiles = Profiles::new(&dirs(root.path()));
    assert!(
        profiles.list().profiles.is_empty(),
        "missing folder = empty list"
    );

    let connector = sample_connector();
    let saved = profiles.save("Contoso outbound", &connector).expect("save");
    assert_eq!(
        saved.path,
        root.path().join("config/profiles/contoso-outbound.json")
    );
    let mut partner = connector.clone();
    partner.connector_type = ConnectorType::Partner;
    partner.smart_hosts = vec!["smtp.fabrikam.example:2525".into()];
    profiles
        .save("Fabrikam / partner été", &partner)
        .expect("save 2");

    let list = profiles.list();
    assert!(list.problems.is_empty());
    assert_eq!(
        list.names(),
        vec!["Contoso outbound", "Fabrikam / partner été"]
    );
    let loaded = profiles
        .load("contoso OUTBOUND")
        .expect("load ignores case");
    assert_eq!(loaded.connector, connector);
    let fabrikam = profiles.load("Fabrikam / partner été").expect("load");
    assert_eq!(fabrikam.connector.smart_hosts, partner.smart_hosts);
    assert_eq!(fabrikam.connector.name, "Fabrikam / partner été");
    assert!(fabrikam.path.ends_with("fabrikam-partner-ete.json"));

    // Saving again under the same name replaces it (no second file).
    let mut changed = connector.clone();
    changed.tls_domain = "*.contoso.com".into();
    profiles.save("Contoso outbound", &changed).expect("resave");
    assert_eq!(profiles.list().profiles.len(), 2);
    assert_eq!(
        profiles
            .load("Contoso outbound")
            .expect("load")
            .connector
            .tls_domain,
        "*.contoso.com"
    );

    // Rename: new name, new file, old file gone, connector kept.
    profiles
        .rename("Contoso outbound", "Contoso EU")
        .expect("rename");
    assert!(matches!(
        profiles.load("Contoso outbound"),
        Err(StoreError::NotFound(_))
    ));
    let eu = profiles.load("Contoso EU").expect("renamed");
    assert_eq!(eu.connector.tls_domain, "*.contoso.com");
    assert_eq!(eu.connector.name, "Contoso EU");
    assert!(eu.path.ends_with("contoso-eu.json"));
    assert!(
        !root
            .path()
            .join("config/profiles/contoso-outbound.json")
            .exists()
    );
    // Renaming onto another profile's name is refused.
    assert!(matches!(
        profiles.rename("Contoso EU", "fabrikam / PARTNER été"),
        Err(StoreError::AlreadyExists(_))
    ));
    // Renaming to the same name in another case keeps one file.
    profiles
        .rename("Contoso EU", "CONTOSO EU")
        .expect("case rename");
    assert_eq!(
        profiles.list().names(),
        vec!["CONTOSO EU", "Fabrikam / partner été"]
    );

    profiles.delete("contoso eu").expect("delete");
    assert_eq!(profiles.list().names(), vec!["Fabrikam / partner été"]);
    assert!(matches!(
        profiles.delete("nope"),
        Err(StoreError::NotFound(_))
    ));
    assert!(matches!(
        profiles.save("  \u{7} ", &connector),
        Err(StoreError::InvalidName(_))
    ));
}

#[test]
fn names_with_the_same_slug_get_their_own_files() {
    let root = tempfile::tempdir().expect("tempdir");
    let profiles = Profiles::new(&dirs(root.path()));
    profiles.save("Contoso A", &sample_connector()).expect("a");
    profiles.save("contoso-a", &sample_connector()).expect("b");
    profiles.save("CON", &sample_connector()).expect("reserved");
    assert_eq!(profiles.list().profiles.len(), 3);
    assert_eq!(slug("CON"), "con-connector");
    assert_eq!(slug("../../etc/passwd"), "etc-passwd");
    assert_eq!(slug("***"), "connector");
    assert_eq!(profiles.unique_name("Contoso A"), "Contoso A (2)");
}

#[test]
fn export_then_import_gives_the_same_connector() {
    let root = tempfile::tempdir().expect("tempdir");
    let profiles = Profiles::new(&dirs(root.path()));
    profiles
        .save("Contoso outbound", &sample_connector())
        .expect("save");
    let file = root.path().join("exported.json");
    profiles.export("Contoso outbound", &file).expect("export");
    let imported = read_connector_file(&file).expect("import");
    assert_eq!(imported.len(), 1);
    assert_eq!(imported[0].source, ImportSource::ConnectorFile);
    assert_eq!(imported[0].connector, sample_connector());
    assert!(imported[0].notes.is_empty());

    // A bare Connector JSON is accepted too.
    let bare = serde_json::to_string(&sample_connector()).expect("json");
    let imported = parse_connector_json(&bare).expect("bare");
    assert_eq!(imported[0].source, ImportSource::BareConnector);
    assert_eq!(imported[0].connector, sample_connector());
}

/// What `Get-OutboundConnector | ConvertTo-Json` prints for two connectors (trimmed to the
/// properties that matter plus a few others), with the variations PowerShell produces: plain
/// strings, objects for SmartHosts and TlsDomain, null TlsSettings, an address range.
const GET_OUTBOUND_CONNECTOR: &str = r#"[
  {
    "Enabled": true,
    "UseMXRecord": false,
    "Comment": "Hybrid mail flow",
    "ConnectorType": "OnPremises",
    "ConnectorSource": "HybridWizard",
    "RecipientDomains": ["contoso.com", "*.contoso.com"],
    "SmartHosts": ["mail.contoso.com", "192.0.2.25"],
    "TlsDomain": "mail.contoso.com",
    "TlsSettings": "DomainValidation",
    "IsTransportRuleScoped": false,
    "RouteAllMessagesViaOnPremises": false,
    "CloudServicesMailEnabled": true,
    "AllAcceptedDomains": false,
    "SenderRewritingEnabled": false,
    "TestMode": false,
    "LinkForModifiedConnector": "00000000-0000-0000-0000-000000000000",
    "ValidationRecipients": ["postmaster@contoso.com", "admin@contoso.com"],
    "IsValidated": true,
    "LastValidationTimestamp": "\/Date(1727856000000)\/",
    "Identity": "Outbound to 4f3c7a2e-1b5d-4c8e-9f0a-123456789abc",
    "Name": "Outbound to 4f3c7a2e-1b5d-4c8e-9f0a-123456789abc",
    "WhenChanged": "\/Date(1727856000000)\/",
    "Guid": "9b7f7f0e-5c1e-4a52-8a3d-0f2d9d1c4e11"
  },
  {
    "Name": "Fabrikam partner",
    "ConnectorType": "Partner",
    "UseMXRecord": true,
    "RecipientDomains": [{"Domain": "fabrikam.example", "IncludeSubDomains": false},
                         {"Address": "*.eu.fabrikam.example", "Domain": "eu.fabrikam.example", "IncludeSubDomains": true}],
    "SmartHosts": [{"Address": "smtp.fabrikam.example", "IsIPAddress": false},
                   {"Domain": {"Domain": "relay.fabrikam.example", "IsIDNDomain": false}},
                   {"Address": "198.51.100.0/24"},
                   {"IsIPAddress": true}],
    "TlsDomain": null,
    "TlsSettings": null,
    "Enabled": false
  }
]"#;

#[test]
fn get_outbound_connector_json_is_mapped_leniently() {
    let imported = parse_connector_json(GET_OUTBOUND_CONNECTOR).expect("parses");
    assert_eq!(imported.len(), 2);

    let hybrid = &imported[0];
    assert_eq!(hybrid.source, ImportSource::PowerShell);
    let c = &hybrid.connector;
    assert_eq!(c.name, "Outbound to 4f3c7a2e-1b5d-4c8e-9f0a-123456789abc");
    assert_eq!(c.connector_type, ConnectorType::OnPremises);
    assert_eq!(c.smart_hosts, vec!["mail.contoso.com", "192.0.2.25"]);
    assert_eq!(c.recipient_domains, vec!["contoso.com", "*.contoso.com"]);
    assert_eq!(c.tls_settings, TlsPolicy::DomainValidation);
    assert_eq!(c.tls_domain, "mail.contoso.com");
    assert!(!c.use_mx_record);
    assert_eq!(c.test_address, "postmaster@contoso.com");
    let ids: Vec<&str> = hybrid.notes.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, vec!["import-validation-recipients", "import-unused"]);
    let unused = &hybrid.notes[1].args["names"];
    assert!(
        unused.contains("Comment") && unused.contains("Enabled"),
        "{unused}"
    );
    assert!(!unused.contains("TlsDomain"), "{unused}");

    let partner = &imported[1];
    let c = &partner.connector;
    assert_eq!(c.name, "Fabrikam partner");
    assert_eq!(c.connector_type, ConnectorType::Partner);
    assert!(c.use_mx_record);
    assert_eq!(c.tls_settings, TlsPolicy::Opportunistic, "null TlsSettings");
    assert_eq!(c.tls_domain, "");
    assert_eq!(
        c.smart_hosts,
        vec!["smtp.fabrikam.example", "relay.fabrikam.example"]
    );
    assert_eq!(
        c.recipient_domains,
        vec!["fabrikam.example", "*.eu.fabrikam.example"]
    );
    let ids: Vec<&str> = partner.notes.iter().map(|m| m.id.as_str()).collect();
    assert!(ids.contains(&"import-smart-host-range"), "{ids:?}");
    assert!(ids.contains(&"import-smart-host-unreadable"), "{ids:?}");
    // Every note has words in both languages.
    for note in partner.notes.iter().chain(&hybrid.notes) {
        for lang in Lang::ALL {
            assert!(
                connector_doctor::i18n::has_message(lang, &note.id),
                "{}",
                note.id
            );
        }
    }
}

#[test]
fn get_outbound_connector_single_object_utf16_and_numeric_enums() {
    let single = r#"{"Name":"Solo","SmartHosts":"a.contoso.com, b.contoso.com","TlsSettings":2,
                     "ConnectorType":"Weird","UseMXRecord":"False"}"#;
    // Windows PowerShell's Out-File writes UTF-16 LE with a BOM.
    let mut bytes = vec![0xFF, 0xFE];
    for unit in single.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("solo.json");
    fs::write(&path, &bytes).expect("write");
    let imported = read_connector_file(&path).expect("utf-16 read");
    assert_eq!(imported.len(), 1);
    let c = &imported[0].connector;
    assert_eq!(c.smart_hosts, vec!["a.contoso.com", "b.contoso.com"]);
    assert_eq!(c.tls_settings, TlsPolicy::Opportunistic);
    assert!(!c.use_mx_record);
    let ids: Vec<&str> = imported[0].notes.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, vec!["import-tls-numeric", "import-type-unknown"]);

    assert!(parse_connector_json("42").is_err());
    assert!(parse_connector_json("{\"Hello\": 1}").is_err());
    assert!(parse_connector_json("not json").is_err());
}

#[test]
fn a_corrupt_profile_is_listed_and_left_alone_until_it_is_opened() {
    let root = tempfile::tempdir().expect("tempdir");
    let profiles = Profiles::new(&dirs(root.path()));
    profiles.save("Good", &sample_connector()).expect("save");
    let bad = profiles.dir().join("broken.json");
    let damaged = b"{ \"schema_version\": 1, \"name\": \"Broken\", \"connec";
    fs::write(&bad, damaged).expect("write");

    // Listing (what every run of the wizard and the CLI does) renames nothing.
    for _ in 0..2 {
        let list = profiles.list();
        assert_eq!(list.names(), vec!["Good"]);
        assert_eq!(list.problems.len(), 1);
        let message = list.problems[0].localized(Lang::En);
        assert!(
            message.contains("broken.json") && message.contains("left as it is"),
            "{message}"
        );
        assert!(bad.exists());
    }
    // Saving another connector does not touch it either.
    profiles.save("Other", &sample_connector()).expect("save");
    assert_eq!(fs::read(&bad).expect("kept"), damaged);

    // Opening that very connector sets it aside, and says under which name.
    let err = profiles.load("Broken").expect_err("damaged");
    let StoreError::SetAside { set_aside, .. } = &err else {
        panic!("expected SetAside, got {err:?}");
    };
    assert!(!bad.exists(), "moved out of the way");
    assert_eq!(fs::read(set_aside).expect("kept"), damaged);
    assert!(err.localized(Lang::En).contains(set_aside.as_str()));
    assert!(profiles.list().problems.is_empty());
}

#[test]
fn a_newer_version_file_is_never_renamed_nor_overwritten() {
    let root = tempfile::tempdir().expect("tempdir");
    let profiles = Profiles::new(&dirs(root.path()));
    fs::create_dir_all(profiles.dir()).expect("dir");
    let newer = r#"{"schema_version": 7, "kind": "connector-doctor-connector", "name": "Contoso outbound",
                    "connector": {"name": "Contoso outbound", "smart_hosts": ["x"], "future_field": 1}}"#;
    let path = profiles.dir().join("contoso-outbound.json");
    fs::write(&path, newer).expect("write");

    let list = profiles.list();
    assert!(list.profiles.is_empty());
    let message = list.problems[0].localized(Lang::En);
    assert!(message.contains("newer version"), "{message}");
    assert!(matches!(
        profiles.load("Contoso outbound"),
        Err(StoreError::Newer { version: 7, .. })
    ));

    // Saving the same name now writes another file; the newer one stays, untouched, where it is.
    profiles
        .save("Contoso outbound", &sample_connector())
        .expect("save");
    assert_eq!(fs::read_to_string(&path).expect("read"), newer);
    let names = json_files(profiles.dir());
    assert!(
        !names
            .iter()
            .any(|n| n.contains(".newer-") || n.contains(".corrupt-")),
        "{names:?}"
    );
    assert_eq!(profiles.list().names(), vec!["Contoso outbound"]);
    assert_eq!(profiles.list().problems.len(), 1, "still listed");
    // An exported file from a newer version is refused on import, not misread.
    let exported = root.path().join("newer.json");
    fs::write(&exported, newer).expect("write");
    let err = read_connector_file(&exported).expect_err("newer import");
    assert!(err.to_string().contains("newer version"), "{err}");
}

#[test]
fn concurrent_saves_leave_every_file_whole() {
    let root = tempfile::tempdir().expect("tempdir");
    let profiles = Arc::new(Profiles::new(&dirs(root.path())));
    let mut threads = Vec::new();
    for t in 0..16 {
        let profiles = Arc::clone(&profiles);
        threads.push(std::thread::spawn(move || {
            for round in 0..20 {
                let mut c = sample_connector();
                c.smart_hosts = vec![format!("host{t}-{round}.contoso.com")];
                // Half the threads fight over one name, the others use their own.
                let name = if t % 2 == 0 {
                    "Shared".to_string()
                } else {
                    format!("Own {t}")
                };
                profiles.save(&name, &c).expect("save");
            }
        }));
    }
    for thread in threads {
        thread.join().expect("thread");
    }
    for name in json_files(profiles.dir()) {
        assert!(!name.ends_with(".tmp"), "temporary file left: {name}");
        let text = fs::read_to_string(profiles.dir().join(&name)).expect("read");
        serde_json::from_str::<serde_json::Value>(&text)
            .unwrap_or_else(|e| panic!("{name} does not parse: {e}"));
    }
    let list = profiles.list();
    assert!(list.problems.is_empty(), "{:?}", list.problems);
    let mut expected: Vec<String> = (0..16)
        .filter(|t| t % 2 == 1)
        .map(|t| format!("Own {t}"))
        .collect();
    expected.push("Shared".into());
    expected.sort_by_key(|n| n.to_lowercase());
    assert_eq!(list.names(), expected);
    for t in (1..16).step_by(2) {
        let own = profiles.load(&format!("Own {t}")).expect("own");
        assert_eq!(
            own.connector.smart_hosts,
            vec![format!("host{t}-19.contoso.com")]
        );
    }
}

#[test]
fn profile_option_takes_a_file_or_a_saved_name() {
    let root = tempfile::tempdir().expect("tempdir");
    let d = dirs(root.path());
    Profiles::new(&d)
        .save("Contoso outbound", &sample_connector())
        .expect("save");

    let by_name = resolve_profile_in(&d, "contoso outbound", Lang::En).expect("by name");
    assert_eq!(by_name.smart_hosts, vec!["mail.contoso.com"]);

    let file = root.path().join("one.json");
    let mut other = Connector {
        name: "From file".into(),
        ..Connector::default()
    };
    other.smart_hosts = vec!["file.contoso.com".into()];
    export_connector(&file, "From file", &other).expect("export");
    let by_file = resolve_profile_in(&d, &file.display().to_string(), Lang::En).expect("file");
    assert_eq!(by_file.smart_hosts, vec!["file.contoso.com"]);

    let err = resolve_profile_in(&d, "nothing-like-this", Lang::En).expect_err("neither");
    assert!(err.contains("nothing-like-this"), "{err}");
    assert!(err.contains("neither an existing file nor"), "{err}");
    assert!(err.contains("Contoso outbound"), "lists what exists: {err}");
    let err = resolve_profile_in(&d, "nothing-like-this", Lang::Fr).expect_err("fr");
    assert!(err.contains("ni un fichier existant"), "{err}");

    let several = root.path().join("several.json");
    fs::write(&several, GET_OUTBOUND_CONNECTOR).expect("write");
    let err = resolve_profile_in(&d, &several.display().to_string(), Lang::En).expect_err("2");
    assert!(
        err.contains("2 connectors") && err.contains("Fabrikam partner"),
        "{err}"
    );
}

#[test]
fn store_errors_have_words_in_both_languages() {
    let err = StoreError::NotFound("Contoso".into());
    assert_eq!(
        err.localized(Lang::En),
        "No saved connector is named \"Contoso\"."
    );
    assert!(
        err.localized(Lang::Fr)
            .contains("Aucun connecteur enregistré")
    );
    let err = StoreError::SetAside {
        path: "a.json".into(),
        problem: "EOF".into(),
        set_aside: "a.json.corrupt-1".into(),
    };
    assert!(err.localized(Lang::Fr).contains("a.json.corrupt-1"));
    assert!(!err.localized(Lang::Fr).contains("could not"));
}

/// Run by [`two_processes_saving_at_once_corrupt_nothing`] in child processes.
#[test]
fn child_process_saver() {
    let Some(dir) = std::env::var_os("CONNECTOR_DOCTOR_TEST_CHILD_DIR") else {
        return;
    };
    let id = std::env::var("CONNECTOR_DOCTOR_TEST_CHILD_ID").unwrap_or_default();
    let profiles = Profiles::in_dir(std::path::PathBuf::from(dir));
    for round in 0..50 {
        let mut c = sample_connector();
        c.smart_hosts = vec![format!("p{id}-{round}.contoso.com")];
        profiles.save("Shared", &c).expect("save shared");
        profiles
            .save(&format!("Process {id}"), &c)
            .expect("save own");
    }
}

#[test]
fn two_processes_saving_at_once_corrupt_nothing() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path().join("profiles");
    let exe = std::env::current_exe().expect("test binary");
    let children: Vec<_> = (0..4)
        .map(|id| {
            std::process::Command::new(&exe)
                .args([
                    "--exact",
                    "store_profiles::child_process_saver",
                    "--test-threads=1",
                ])
                .env("CONNECTOR_DOCTOR_TEST_CHILD_DIR", &dir)
                .env("CONNECTOR_DOCTOR_TEST_CHILD_ID", id.to_string())
                .stdout(std::process::Stdio::null())
                .spawn()
                .expect("spawn child")
        })
        .collect();
    for mut child in children {
        assert!(child.wait().expect("wait").success(), "a child failed");
    }
    let profiles = Profiles::in_dir(&dir);
    let list = profiles.list();
    assert!(list.problems.is_empty(), "{:?}", list.problems);
    assert_eq!(
        list.names(),
        vec!["Process 0", "Process 1", "Process 2", "Process 3", "Shared"]
    );
    for name in json_files(&dir) {
        assert!(!name.ends_with(".tmp"), "temporary file left: {name}");
    }
    let shared = profiles.load("Shared").expect("shared");
    assert!(shared.connector.smart_hosts[0].ends_with("-49.contoso.com"));
}
