//! `connector-doctor check`: connector validation on the command line.

use super::CheckArgs;

pub fn run(_args: CheckArgs) -> u8 {
    super::EXIT_INPUT
}
