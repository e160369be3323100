//! One sanitizer, four faces: each character that could act on a reader comes out visible, the
//! same way, in the command line's text, the wizard, the HTML report and the Markdown report.

use connector_doctor::i18n::Lang;
use connector_doctor::report::{ReportFormat, render_check_report};

use crate::support::foreign::{context, dangerous, run_carrying};

#[test]
fn every_dangerous_character_is_visible_in_all_four_faces() {
    let rt = crate::support::gui::runtime();
    let home = tempfile::tempdir().expect("home");
    let mut wizard = crate::support::gui::wizard(&rt, home.path(), Some(Lang::En), 900.0);
    crate::support::gui::click(&mut wizard, "Explain an error message");
    // The text field holds the paste as typed (it is the user's own text to edit); the fonts
    // have no glyph for some of these characters, so the field draws a box, as the app does.
    // What is checked below is every other label, where the sanitizer must have acted.
    wizard
        .ctx
        .set_missing_glyph_policy(eframe::egui::MissingGlyphPolicy::Tofu);

    for (c, shown) in dangerous() {
        let carried = format!("L{c}R");
        let expected = format!("L{shown}R");
        let report = run_carrying(&carried);

        // 1. The command line's text output.
        let cli = connector_doctor::cli::check::report_text(&report, Lang::En);
        let explain_text = connector_doctor::cli::explain::explanations_text(
            &connector_doctor::tenant::explain::explain(&format!("550 5.7.64 {carried}")),
            Lang::En,
        );
        // 2. The wizard: the explainer shows the pasted line (a line break there separates two
        // pasted lines, as it should, so LF is checked on the display function alone).
        let wizard_shown = connector_doctor::sanitize::shown(&carried);
        // 3 and 4. The HTML and Markdown reports.
        let html = render_check_report(&report, ReportFormat::Html, Lang::En, &context());
        let markdown = render_check_report(&report, ReportFormat::Markdown, Lang::En, &context());

        // Markdown writes a backslash as `\\` (its reader shows one).
        let expected_markdown = expected.replace('\\', "\\\\");
        for (face, text, expected) in [
            ("cli check text", &cli, &expected),
            ("cli explain text", &explain_text, &expected),
            ("wizard display", &wizard_shown, &expected),
            ("html report", &html, &expected),
            ("markdown report", &markdown, &expected_markdown),
        ] {
            if c == '\n' && face == "cli explain text" {
                // `explain` reads pasted text line by line: here LF separates two lines.
                continue;
            }
            assert!(
                !text.contains(&carried),
                "{face}: U+{:04X} reached the output raw",
                c as u32
            );
            assert!(
                text.contains(expected.as_str()),
                "{face}: U+{:04X} is not shown as {shown}",
                c as u32
            );
        }

        if c != '\n' {
            crate::support::gui::replace_text(
                &mut wizard,
                "Error text",
                &format!("550 5.7.64 {carried}"),
            );
            assert!(
                crate::support::gui::has_any_text(&wizard, &expected),
                "wizard: U+{:04X} is not shown as {shown}",
                c as u32
            );
            assert!(
                !crate::support::gui::has_any_text(&wizard, &carried),
                "wizard: U+{:04X} shown raw",
                c as u32
            );
        }
    }
}
