//! The connector check: the form (`form`), the run in the background (`run`), its results
//! (`results`), the comparison with the last run (`compare`) and the report export (`export`).

pub mod compare;
pub mod export;
pub mod form;
pub mod results;
pub mod run;

use crate::checks::RunReport;

/// What the Results page shows.
pub struct ResultsView {
    pub report: RunReport,
    /// The run stopped without its report (the engine task died).
    pub crashed: bool,
}
