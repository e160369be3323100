//! Connector Doctor: checks Microsoft 365 / Exchange Online mail connectors from this machine and
//! explains every failure in French and English.
//!
//! One engine with no UI (`model`, `cert`, `checks`, `tenant`, `report`, `store`, and `sanitize`
//! for every foreign text shown), driven by two faces: the command line (`cli`) and the desktop
//! wizard (`app`, the only module that uses egui, compiled only with the `gui` feature, on by
//! default).

#[cfg(feature = "gui")]
pub mod app;
pub mod cert;
pub mod checks;
pub mod cli;
pub mod exit;
pub mod i18n;
pub mod input;
pub mod input_file;
pub mod model;
pub mod powershell;
pub mod report;
pub mod runtime;
pub mod sanitize;
pub mod store;
pub mod tenant;
