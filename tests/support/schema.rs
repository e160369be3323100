//! The published JSON Schemas (`assets/schema/*.schema.json`) and a check that a document the
//! program printed or wrote follows one. Format keywords (`date-time`) are validated too.

use std::sync::OnceLock;

use serde_json::Value;

/// The three documents the program prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Schema {
    /// `check --format json`, `check --report FILE.json`.
    CheckReport,
    /// `tenant-attribution --format json`, `tenant-attribution --report FILE.json`.
    TenantReport,
    /// `explain --format json`.
    Explain,
    /// `check --all-profiles --format json`.
    AllProfiles,
}

impl Schema {
    pub const ALL: [Schema; 4] = [
        Schema::CheckReport,
        Schema::TenantReport,
        Schema::Explain,
        Schema::AllProfiles,
    ];

    /// The schema for the JSON a subcommand prints, if it prints one.
    pub fn of_subcommand(subcommand: &str) -> Option<Schema> {
        match subcommand {
            "check" => Some(Schema::CheckReport),
            "tenant-attribution" => Some(Schema::TenantReport),
            "explain" => Some(Schema::Explain),
            _ => None,
        }
    }

    pub fn file_name(self) -> &'static str {
        match self {
            Schema::CheckReport => "check-report.schema.json",
            Schema::TenantReport => "tenant-report.schema.json",
            Schema::Explain => "explain.schema.json",
            Schema::AllProfiles => "all-profiles.schema.json",
        }
    }

    /// The schema file as JSON.
    pub fn json(self) -> Value {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets/schema")
            .join(self.file_name());
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
        serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
    }

    fn validator(self) -> &'static jsonschema::Validator {
        static VALIDATORS: [OnceLock<jsonschema::Validator>; 4] = [
            OnceLock::new(),
            OnceLock::new(),
            OnceLock::new(),
            OnceLock::new(),
        ];
        let index = Schema::ALL.iter().position(|s| *s == self).unwrap_or(0);
        VALIDATORS[index].get_or_init(|| {
            let schema = self.json();
            if let Err(e) = jsonschema::meta::validate(&schema) {
                panic!("{} is not a valid JSON Schema: {e}", self.file_name());
            }
            jsonschema::draft202012::options()
                .should_validate_formats(true)
                .build(&schema)
                .unwrap_or_else(|e| panic!("{}: {e}", self.file_name()))
        })
    }

    /// Every way `doc` breaks the schema, one line each (`/steps/0/status: "maybe" is not one
    /// of …`); empty when it follows the schema.
    pub fn errors(self, doc: &Value) -> Vec<String> {
        self.validator()
            .iter_errors(doc)
            .map(|e| format!("{}: {e}", e.instance_path()))
            .collect()
    }

    /// Panics with every error and the document when `doc` does not follow the schema.
    pub fn assert_valid(self, doc: &Value) {
        let errors = self.errors(doc);
        assert!(
            errors.is_empty(),
            "the JSON does not follow {}:\n{}\n--- document ---\n{doc:#}",
            self.file_name(),
            errors.join("\n")
        );
    }
}
