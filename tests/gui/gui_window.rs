//! The window opens at the size it had last time: the wizard keeps its inner size in the draft,
//! and `run_gui` opens the next window at the size read back from it.

use std::time::{Duration, Instant};

use crate::support::gui::{dirs, idle, runtime, wizard};
use connector_doctor::app::{DRAFT_FILE, remembered_window_size};
use connector_doctor::i18n::Lang;
use eframe::egui;

/// What the windowing system reports as the window's inner size, in points.
fn window_reports_size(harness: &mut crate::support::gui::Wizard, width: f32, height: f32) {
    harness
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .inner_rect = Some(egui::Rect::from_min_size(
        egui::pos2(40.0, 30.0),
        egui::vec2(width, height),
    ));
}

fn saved_size(home: &std::path::Path) -> Option<serde_json::Value> {
    let text = std::fs::read_to_string(home.join("config").join(DRAFT_FILE)).ok()?;
    let draft: serde_json::Value = serde_json::from_str(&text).ok()?;
    Some(draft["window_size"].clone()).filter(|v| !v.is_null())
}

#[test]
fn window_size_is_stored_and_the_next_window_opens_at_it() {
    let rt = runtime();
    let home = tempfile::tempdir().expect("home");
    let dirs = dirs(home.path());
    // Nothing saved yet: the first size.
    assert_eq!(remembered_window_size(Some(&dirs)), [960.0, 720.0]);

    let mut harness = wizard(&rt, home.path(), Some(Lang::En), 800.0);
    harness.run();
    // The person makes the window larger.
    window_reports_size(&mut harness, 1234.0, 777.0);
    let start = Instant::now();
    while saved_size(home.path()) != Some(serde_json::json!([1234, 777])) {
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "the window size was not saved: {:?}",
            saved_size(home.path())
        );
        harness.step();
        std::thread::sleep(Duration::from_millis(50));
    }
    drop(harness);
    assert_eq!(remembered_window_size(Some(&dirs)), [1234.0, 777.0]);

    // A wizard that never learns its size (as before the first resize event) keeps the saved one.
    let mut again = wizard(&rt, home.path(), Some(Lang::En), 800.0);
    again.run();
    again.state_mut().save_now();
    idle(&mut again, 3, Duration::from_millis(20));
    assert_eq!(
        saved_size(home.path()),
        Some(serde_json::json!([1234, 777]))
    );
    assert_eq!(remembered_window_size(Some(&dirs)), [1234.0, 777.0]);
}

#[test]
fn a_window_size_below_the_minimum_or_absurd_opens_within_bounds() {
    let home = tempfile::tempdir().expect("home");
    let dirs = dirs(home.path());
    std::fs::create_dir_all(&dirs.config).expect("config dir");
    let path = dirs.config.join(DRAFT_FILE);
    std::fs::write(&path, r#"{"version": 1, "window_size": [100, 50]}"#).expect("draft");
    assert_eq!(remembered_window_size(Some(&dirs)), [640.0, 480.0]);
    std::fs::write(&path, r#"{"version": 1, "window_size": [100000, 900]}"#).expect("draft");
    assert_eq!(remembered_window_size(Some(&dirs)), [8192.0, 900.0]);
    // A damaged draft: the first size, and the file is left for the wizard to set aside.
    std::fs::write(&path, "{ not json").expect("draft");
    assert_eq!(remembered_window_size(Some(&dirs)), [960.0, 720.0]);
    assert!(path.exists());
}
