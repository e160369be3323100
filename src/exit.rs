//! The exit status of the program, shared by the command line and the wizard (ripgrep's
//! convention: 0 everything passed, 1 a check failed, 2 bad input or an error).

/// Every step passed (warnings allowed).
pub const EXIT_PASS: u8 = 0;
/// At least one step failed.
pub const EXIT_FAIL: u8 = 1;
/// The input was not usable (nothing was sent on the network), or the tool itself failed.
pub const EXIT_INPUT: u8 = 2;
