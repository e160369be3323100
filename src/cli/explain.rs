//! `connector-doctor explain`: recognise an SMTP reply / NDR line and explain it.

use super::ExplainArgs;

pub fn run(_args: ExplainArgs) -> u8 {
    eprintln!("explain is not built yet");
    super::EXIT_INPUT
}
