//! Every word the product shows exists in English and in French: same message ids in both
//! locales, guidance for every failure code, and every id the code asks for is defined.

use std::collections::BTreeSet;
use std::path::Path;

use connector_doctor::checks::{FailureCode, StepKind, guidance_id};
use connector_doctor::i18n::{self, Lang};
use fluent_bundle::FluentResource;
use fluent_syntax::ast::Entry;

fn ids_of(source: &str, file: &str, lang: Lang) -> BTreeSet<String> {
    let resource = match FluentResource::try_new(source.to_string()) {
        Ok(r) => r,
        Err((_, errors)) => panic!("{}/{file} does not parse: {errors:?}", lang.locale_dir()),
    };
    resource
        .entries()
        .filter_map(|e| match e {
            Entry::Message(m) => Some(m.id.name.to_string()),
            Entry::Term(t) => Some(format!("-{}", t.id.name)),
            _ => None,
        })
        .collect()
}

#[test]
fn every_message_id_exists_in_both_locales_file_by_file() {
    let en = i18n::sources(Lang::En);
    let fr = i18n::sources(Lang::Fr);
    assert_eq!(en.len(), fr.len());
    for ((en_file, en_src), (fr_file, fr_src)) in en.iter().zip(fr.iter()) {
        assert_eq!(en_file, fr_file);
        let en_ids = ids_of(en_src, en_file, Lang::En);
        let fr_ids = ids_of(fr_src, fr_file, Lang::Fr);
        let only_en: Vec<_> = en_ids.difference(&fr_ids).collect();
        let only_fr: Vec<_> = fr_ids.difference(&en_ids).collect();
        assert!(
            only_en.is_empty() && only_fr.is_empty(),
            "{en_file}: only in en-US: {only_en:?}; only in fr-FR: {only_fr:?}"
        );
    }
}

#[test]
fn the_shipped_files_are_the_files_on_disk() {
    // include_str! embeds them; make sure nobody added a .ftl that is not loaded.
    for lang in Lang::ALL {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("locales")
            .join(lang.locale_dir());
        let on_disk: BTreeSet<String> = std::fs::read_dir(&dir)
            .expect("locale dir")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".ftl"))
            .collect();
        let loaded: BTreeSet<String> = i18n::sources(lang)
            .iter()
            .map(|(name, _)| name.to_string())
            .collect();
        assert_eq!(on_disk, loaded, "{}", lang.locale_dir());
    }
}

#[test]
fn every_failure_code_has_guidance_in_both_languages() {
    let mut missing = Vec::new();
    let tenant_codes = connector_doctor::tenant::FINDING_CODES.iter().copied();
    let codes = FailureCode::ALL
        .iter()
        .map(|c| c.as_str())
        .chain(tenant_codes);
    for code in codes {
        for lang in Lang::ALL {
            if !i18n::has_message(lang, &guidance_id(code)) {
                missing.push(format!("{code} ({})", lang.code()));
            }
        }
    }
    assert!(missing.is_empty(), "no guidance for: {missing:?}");
    // And the guidance says something different in each language (not a copy).
    for code in FailureCode::ALL {
        let en = i18n::guidance(Lang::En, code.as_str());
        let fr = i18n::guidance(Lang::Fr, code.as_str());
        assert_ne!(en, fr, "{code}: French guidance is the English text");
        assert!(en.len() > 40, "{code}: guidance too short to help");
    }
}

#[test]
fn step_status_and_reason_labels_exist() {
    let mut ids: Vec<String> = StepKind::ALL
        .iter()
        .map(|s| s.label_id().to_string())
        .collect();
    ids.extend(
        connector_doctor::model::HostInputError::ALL_REASON_IDS
            .iter()
            .map(|s| s.to_string()),
    );
    ids.extend(
        connector_doctor::checks::email::AddressProblem::ALL_REASON_IDS
            .iter()
            .map(|s| s.to_string()),
    );
    for id in [
        "status-pass",
        "status-warn",
        "status-fail",
        "status-skipped",
    ] {
        ids.push(id.to_string());
    }
    for id in ids {
        for lang in Lang::ALL {
            assert!(
                i18n::has_message(lang, &id),
                "{id} missing in {}",
                lang.code()
            );
        }
    }
}

/// String literals passed to `Message::new("…")`, `tr(…, "…")` and `tr_args(…, "…")` in src/.
fn ids_used_in_source(dir: &Path, found: &mut BTreeSet<(String, String)>) {
    for entry in std::fs::read_dir(dir).expect("src dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            ids_used_in_source(&path, found);
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("source");
        let file = path.display().to_string();
        for pattern in [
            "Message::new(\"",
            "tr(lang, \"",
            "tr_args(lang, \"",
            "tr(self.lang, \"",
            "tr_args(\n",
        ] {
            let mut rest = text.as_str();
            while let Some(pos) = rest.find(pattern) {
                rest = &rest[pos + pattern.len()..];
                if pattern.ends_with('\n') {
                    continue;
                }
                if let Some(end) = rest.find('"') {
                    let id = &rest[..end];
                    if !id.is_empty()
                        && id
                            .bytes()
                            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                    {
                        found.insert((id.to_string(), file.clone()));
                    }
                }
            }
        }
    }
}

#[test]
fn every_id_the_code_uses_is_defined() {
    let mut used = BTreeSet::new();
    ids_used_in_source(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut used,
    );
    assert!(used.len() > 50, "the scan found too little: {}", used.len());
    let mut missing = Vec::new();
    for (id, file) in &used {
        for lang in Lang::ALL {
            if !i18n::has_message(lang, id) {
                missing.push(format!("{id} ({}, used in {file})", lang.code()));
            }
        }
    }
    assert!(missing.is_empty(), "undefined message ids: {missing:#?}");
}

#[test]
fn a_missing_id_shows_itself_instead_of_panicking() {
    assert_eq!(i18n::tr(Lang::Fr, "no-such-message"), "no-such-message");
}

/// The wizard's hints and the guidance say what `*.contoso.com` covers (New-OutboundConnector,
/// Example 1: the domain itself and all subdomains), in both languages.
#[test]
fn star_domain_hints_say_the_domain_itself_is_covered() {
    let expectations = [
        (Lang::En, "contoso.com itself"),
        (Lang::Fr, "contoso.com lui-même"),
    ];
    for (lang, words) in expectations {
        for id in [
            "ui-connector-domains-help",
            "ui-tls-domain-help",
            "guide-email-out-of-scope",
            "guide-tls-name-mismatch",
        ] {
            let text = i18n::tr(lang, id);
            assert!(text.contains(words), "{lang:?} {id}: {text}");
        }
    }
}
