//! Writes sample reports to $REPORT_SAMPLE_DIR for a look by eye. Not a test of its own, so it is
//! ignored (a test that checks nothing must not count as passed):
//! `REPORT_SAMPLE_DIR=/tmp/x cargo test --test engine -- --ignored report_sample_output::`

use connector_doctor::i18n::Lang;
use connector_doctor::report::samples::{OLD_THUMBPRINT, sample_run};
use connector_doctor::report::{ReportContext, ReportFormat, render_check_report};

/// A time written as RFC 3339 (test literals only).
fn at(rfc3339: &str) -> time::OffsetDateTime {
    time::OffsetDateTime::parse(rfc3339, &time::format_description::well_known::Rfc3339)
        .expect("an RFC 3339 literal")
}

#[test]
#[ignore = "writes sample reports for a look by eye, asserts nothing"]
fn write_samples_when_asked() {
    let Some(dir) = std::env::var_os("REPORT_SAMPLE_DIR") else {
        eprintln!("REPORT_SAMPLE_DIR is not set: nothing to do");
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    let report = sample_run(at("2026-10-02T08:00:01Z"), false, OLD_THUMBPRINT);
    for lang in Lang::ALL {
        for format in ReportFormat::ALL {
            let text = render_check_report(&report, format, lang, &ReportContext::current());
            let name = format!("sample-{}.{}", lang.code(), format.extension());
            std::fs::write(dir.join(name), text).expect("write");
        }
    }
}
