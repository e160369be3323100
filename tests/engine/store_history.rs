//! Run history: record, last run of the same connector, comparison, bounds.

use std::fs;
use std::path::Path;

use connector_doctor::checks::{Status, StepKind, Verdict};
use connector_doctor::i18n::Lang;
use connector_doctor::model::Connector;
use connector_doctor::report::samples::{NEW_THUMBPRINT, OLD_THUMBPRINT, SAMPLE_HOST, sample_run};
use connector_doctor::report::{comparison_text, describe_change};
use connector_doctor::store::Dirs;
use connector_doctor::store::history::{
    ChangeKind, MAX_RUNS, Trend, compare, connector_key, history_dir, last_run_for, prune,
    record_run,
};

/// A time written as RFC 3339 (test literals only).
fn at(rfc3339: &str) -> time::OffsetDateTime {
    time::OffsetDateTime::parse(rfc3339, &time::format_description::well_known::Rfc3339)
        .expect("an RFC 3339 literal")
}

fn dirs(root: &Path) -> Dirs {
    Dirs {
        config: root.join("config"),
        data: root.join("data"),
    }
}

fn history_files(d: &Dirs) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(history_dir(d))
        .expect("history dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    names
}

#[test]
fn record_then_find_the_previous_run_and_compare_fail_to_pass() {
    let root = tempfile::tempdir().expect("tempdir");
    let d = dirs(root.path());
    let before = sample_run(at("2026-10-01T09:00:00Z"), false, OLD_THUMBPRINT);
    let after = sample_run(at("2026-10-02T09:00:00.250Z"), true, NEW_THUMBPRINT);
    let connector = after.request.connector.clone();
    assert!(last_run_for(&d, &connector, None).expect("empty").is_none());

    record_run(&d, &before).expect("record 1");
    // Another connector's run in between must not be picked.
    let mut other = sample_run(at("2026-10-01T12:00:00Z"), true, OLD_THUMBPRINT);
    other.request.connector.name = "Fabrikam".into();
    record_run(&d, &other).expect("record other");
    let path = record_run(&d, &after).expect("record 2");
    assert!(path.starts_with(history_dir(&d)));
    assert_eq!(history_files(&d).len(), 3);

    // The CLI asks for the last run before the current one.
    let previous = last_run_for(&d, &connector, Some(after.started_at))
        .expect("read")
        .expect("found");
    assert_eq!(previous, before);
    let latest = last_run_for(&d, &connector, None)
        .expect("read")
        .expect("found");
    assert_eq!(latest, after);

    let cmp = compare(&previous, &after);
    assert_eq!(cmp.verdict_before, Verdict::Fail);
    assert_eq!(cmp.verdict_after, Verdict::Pass);
    let tls_status = cmp
        .changes
        .iter()
        .find(|c| c.step == Some(StepKind::Tls) && matches!(c.kind, ChangeKind::Status { .. }))
        .expect("TLS status change");
    assert_eq!(
        tls_status.kind,
        ChangeKind::Status {
            before: Status::Fail,
            after: Status::Pass,
            code_before: Some(connector_doctor::checks::FailureCode::TlsExpired),
            code_after: None,
        }
    );
    assert_eq!(tls_status.trend(), Trend::Better);
    assert_eq!(tls_status.host.as_deref(), Some(SAMPLE_HOST));
    let cert = cmp
        .changes
        .iter()
        .find(|c| matches!(c.kind, ChangeKind::Certificate { .. }))
        .expect("new thumbprint");
    assert_eq!(
        cert.kind,
        ChangeKind::Certificate {
            before: Some(OLD_THUMBPRINT.into()),
            after: Some(NEW_THUMBPRINT.into()),
            valid_until: Some("2027-06-30T23:59:59Z".into()),
        }
    );
    assert_eq!(cert.message().id, "compare-certificate-new");
    // Test e-mail: skipped → pass is a change, but neither better nor worse.
    let email = cmp
        .changes
        .iter()
        .find(|c| c.step == Some(StepKind::TestEmail))
        .expect("email change");
    assert_eq!(email.trend(), Trend::Neutral);
    assert_eq!(cmp.changes.len(), 3, "{:#?}", cmp.changes);
    assert_eq!(cmp.unchanged, 3, "resolve, connect, ehlo unchanged");
    assert_eq!(cmp.count(Trend::Better), 1);

    let en = comparison_text(&cmp, Lang::En);
    assert!(
        en.contains("mail.contoso.com (192.0.2.10:25), TLS: Failed (tls.expired) → Pass"),
        "{en}"
    );
    assert!(
        en.contains(NEW_THUMBPRINT) && en.contains(OLD_THUMBPRINT),
        "{en}"
    );
    assert!(en.contains("Overall result: failed → passed"), "{en}");
    let fr = comparison_text(&cmp, Lang::Fr);
    assert!(
        fr.contains("Changements depuis la dernière exécution"),
        "{fr}"
    );
    assert!(fr.contains("nouveau certificat"), "{fr}");
    assert!(!describe_change(cert, Lang::Fr).contains("certificate"));

    // Nothing changed between a run and itself.
    let same = compare(&after, &after);
    assert!(same.is_empty());
    assert!(comparison_text(&same, Lang::En).contains("Nothing changed"));
}

#[test]
fn pass_to_fail_and_address_changes_are_reported() {
    let good = sample_run(at("2026-10-01T09:00:00Z"), true, OLD_THUMBPRINT);
    let mut bad = sample_run(at("2026-10-02T09:00:00Z"), false, OLD_THUMBPRINT);
    // The host now resolves to another address: every step there is "new address".
    for step in &mut bad.steps {
        if step.address.is_some() {
            step.address = Some("192.0.2.99:25".into());
        }
    }
    let mut extra = bad.steps[0].clone();
    extra.host = Some("backup.contoso.com".into());
    bad.steps.push(extra);
    let cmp = compare(&good, &bad);
    let kinds: Vec<&ChangeKind> = cmp.changes.iter().map(|c| &c.kind).collect();
    assert!(kinds.contains(&&ChangeKind::AddressAdded), "{kinds:?}");
    assert!(kinds.contains(&&ChangeKind::AddressRemoved), "{kinds:?}");
    assert!(kinds.contains(&&ChangeKind::HostAdded), "{kinds:?}");
    assert_eq!(
        cmp.changes
            .iter()
            .filter(|c| c.kind == ChangeKind::AddressAdded)
            .count(),
        1
    );
    assert_eq!(
        cmp.changes
            .iter()
            .filter(|c| c.kind == ChangeKind::AddressRemoved)
            .count(),
        1
    );

    // Same addresses, TLS passes then fails: pass→fail is worse.
    let bad = sample_run(at("2026-10-02T09:00:00Z"), false, OLD_THUMBPRINT);
    let cmp = compare(&good, &bad);
    let tls = cmp
        .changes
        .iter()
        .find(|c| c.step == Some(StepKind::Tls))
        .expect("tls");
    assert_eq!(tls.trend(), Trend::Worse);
    assert!(
        !cmp.changes
            .iter()
            .any(|c| matches!(c.kind, ChangeKind::Certificate { .. }))
    );
    assert!(comparison_text(&cmp, Lang::En).contains("1 worse"));
    let removed = compare(
        &bad,
        &sample_run(at("2026-01-01T00:00:00Z"), true, OLD_THUMBPRINT),
    );
    assert!(
        removed
            .changes
            .iter()
            .all(|c| c.kind != ChangeKind::HostRemoved)
    );
}

#[test]
fn unnamed_connectors_are_matched_by_their_hosts() {
    let named = Connector {
        name: " Contoso Outbound ".into(),
        ..Connector::default()
    };
    assert_eq!(connector_key(&named), "name:contoso outbound");
    let a = Connector {
        smart_hosts: vec![
            "B.contoso.com".into(),
            "a.contoso.com.".into(),
            "b.contoso.com".into(),
        ],
        ..Connector::default()
    };
    let b = Connector {
        smart_hosts: vec!["a.contoso.com".into(), "b.contoso.com".into()],
        ..Connector::default()
    };
    assert_eq!(connector_key(&a), connector_key(&b));
    let mx = Connector {
        use_mx_record: true,
        test_address: "admin@Contoso.com".into(),
        ..Connector::default()
    };
    assert_eq!(connector_key(&mx), "mx:contoso.com");

    let root = tempfile::tempdir().expect("tempdir");
    let d = dirs(root.path());
    let mut run = sample_run(at("2026-10-01T09:00:00Z"), true, OLD_THUMBPRINT);
    run.request.connector = a.clone();
    record_run(&d, &run).expect("record");
    assert!(last_run_for(&d, &b, None).expect("read").is_some());
    assert!(last_run_for(&d, &named, None).expect("read").is_none());
    // Nothing strictly before the run's own start.
    assert!(
        last_run_for(&d, &b, Some(at("2026-10-01T09:00:00Z")))
            .expect("read")
            .is_none()
    );
    assert!(
        last_run_for(&d, &b, Some(at("2026-10-01T10:00:00+01:00")))
            .expect("read")
            .is_none()
    );
    assert!(
        last_run_for(&d, &b, Some(at("2026-10-01T10:00:01+01:00")))
            .expect("read")
            .is_some()
    );
}

#[test]
fn history_keeps_the_last_200_runs() {
    let root = tempfile::tempdir().expect("tempdir");
    let d = dirs(root.path());
    let first = sample_run(at("2026-01-01T00:00:00Z"), false, OLD_THUMBPRINT);
    record_run(&d, &first).expect("first");
    for n in 1..=MAX_RUNS {
        let t = format!(
            "2026-01-01T{:02}:{:02}:{:02}Z",
            n / 3600,
            (n / 60) % 60,
            n % 60
        );
        record_run(&d, &sample_run(at(&t), true, OLD_THUMBPRINT)).expect("record");
    }
    let files = history_files(&d);
    assert_eq!(files.len(), MAX_RUNS, "201 runs → 200 files");
    // The first run recorded is the one removed.
    assert!(
        last_run_for(
            &d,
            &first.request.connector,
            Some(at("2026-01-01T00:00:00.5Z"))
        )
        .expect("read")
        .is_none(),
        "oldest removed"
    );
    // The oldest kept run is now the one recorded second.
    let oldest = last_run_for(
        &d,
        &first.request.connector,
        Some(at("2026-01-01T00:00:01.5Z")),
    )
    .expect("read")
    .expect("found");
    assert_eq!(oldest.started_at, at("2026-01-01T00:00:01Z"));
}

#[test]
fn history_is_bounded_in_bytes_and_tolerates_damage() {
    let root = tempfile::tempdir().expect("tempdir");
    let d = dirs(root.path());
    for n in 0..10 {
        record_run(
            &d,
            &sample_run(
                at(&format!("2026-01-01T00:00:{n:02}Z")),
                true,
                OLD_THUMBPRINT,
            ),
        )
        .expect("record");
    }
    let dir = history_dir(&d);
    let size = fs::metadata(dir.join(&history_files(&d)[0]))
        .expect("meta")
        .len();
    // Room for about four files: the six oldest go.
    let removed = prune(&dir, 1000, size * 4 + size / 2).expect("prune");
    assert_eq!(removed, 6);
    assert_eq!(history_files(&d).len(), 4);
    for name in history_files(&d) {
        let kept = fs::read_to_string(dir.join(&name)).expect("read");
        assert!(
            (0..6).all(|n| !kept.contains(&format!("\"2026-01-01T00:00:{n:02}Z\""))),
            "the six recorded first are gone: {name}"
        );
    }
    // The newest run is always kept, even alone over the limit.
    prune(&dir, 1000, 1).expect("prune");
    assert_eq!(history_files(&d).len(), 1);

    // A corrupt entry is skipped and left as it is; the lookup still finds the valid one.
    let connector = sample_run(at("2026-01-01T00:00:00Z"), true, OLD_THUMBPRINT)
        .request
        .connector;
    let valid = history_files(&d)[0].clone();
    let tag = valid.split('-').nth(1).expect("tag").to_string();
    let corrupt = dir.join(format!("20990101T000000000Z-{tag}-1-1.json"));
    fs::write(&corrupt, b"{\"schema_version\": 1, \"report\": tru").expect("write");
    let found = last_run_for(&d, &connector, None)
        .expect("read")
        .expect("found");
    assert_eq!(found.started_at, at("2026-01-01T00:00:09Z"));
    assert!(
        corrupt.exists(),
        "a damaged entry is not renamed behind the user's back"
    );
    // Concurrent pruning: a file that vanished is not an error.
    fs::remove_file(dir.join(&valid)).expect("remove");
    prune(&dir, 0, 0).expect("prune on an almost empty folder");
}

#[test]
fn concurrent_records_never_corrupt_the_history() {
    let root = tempfile::tempdir().expect("tempdir");
    let d = dirs(root.path());
    let threads: Vec<_> = (0..8)
        .map(|t| {
            let d = d.clone();
            std::thread::spawn(move || {
                for n in 0..40 {
                    let run = sample_run(
                        at(&format!("2026-03-01T00:{t:02}:{n:02}Z")),
                        true,
                        OLD_THUMBPRINT,
                    );
                    record_run(&d, &run).expect("record");
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().expect("thread");
    }
    let files = history_files(&d);
    assert!(
        files.len() <= MAX_RUNS && files.len() >= MAX_RUNS - 8,
        "{}",
        files.len()
    );
    for name in files {
        let text = fs::read_to_string(history_dir(&d).join(&name)).expect("read");
        serde_json::from_str::<serde_json::Value>(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

#[test]
fn foreign_and_look_alike_json_files_are_never_pruned_nor_counted() {
    let root = tempfile::tempdir().expect("tempdir");
    let d = dirs(root.path());
    let dir = history_dir(&d);
    fs::create_dir_all(&dir).expect("dir");
    let foreign = [
        "zz-notes.json",
        "99991231T235959999Z-foreign.json",
        "99991231T235959999Z-0000000g-1-1.json",
        "99991231T235959999Z-00000000-1-1.json.bak",
        ".99991231T235959999Z-00000000-1-1.json",
    ];
    for name in foreign {
        fs::write(dir.join(name), b"{}").expect("foreign");
    }
    let run = sample_run(at("2026-01-01T00:00:00Z"), true, OLD_THUMBPRINT);
    let written = record_run(&d, &run).expect("record");
    assert_eq!(prune(&dir, 0, 0).expect("prune"), 0, "the only run is kept");
    assert!(written.exists());
    for name in foreign {
        assert!(dir.join(name).exists(), "{name} deleted");
    }
}

#[test]
fn the_run_just_written_survives_even_when_older_names_sort_after_it() {
    let root = tempfile::tempdir().expect("tempdir");
    let d = dirs(root.path());
    let dir = history_dir(&d);
    fs::create_dir_all(&dir).expect("dir");
    // Files of this tool with a recorded time in the future (a clock that was wrong).
    let run = sample_run(at("2026-01-01T00:00:00Z"), true, OLD_THUMBPRINT);
    let future = record_run(&d, &run).expect("record");
    let text = fs::read(&future).expect("read");
    fs::remove_file(&future).expect("remove");
    for n in 0..MAX_RUNS {
        fs::write(
            dir.join(format!("99991231T235959999Z-00000000-1-{n}.json")),
            &text,
        )
        .expect("write");
    }
    let written = record_run(&d, &run).expect("record");
    assert!(written.exists(), "the run just written was pruned");
    assert_eq!(history_files(&d).len(), MAX_RUNS);
}

#[test]
fn a_history_entry_over_its_cap_is_refused_when_written_not_deleted_later() {
    use connector_doctor::store::StoreError;
    use connector_doctor::store::history::MAX_ENTRY_BYTES;
    let root = tempfile::tempdir().expect("tempdir");
    let d = dirs(root.path());
    let mut run = sample_run(at("2026-01-01T00:00:00Z"), true, OLD_THUMBPRINT);
    let huge = "x".repeat(usize::try_from(MAX_ENTRY_BYTES).expect("size"));
    run.request.connector.name = huge;
    let err = record_run(&d, &run).expect_err("too large");
    assert!(matches!(err, StoreError::TooLarge { .. }), "{err:?}");
    let message = err.localized(Lang::En);
    assert!(message.contains("was not written"), "{message}");
    assert!(
        !history_dir(&d).exists() || history_files(&d).is_empty(),
        "nothing written"
    );
}
