//! `connector-doctor tenant-attribution`: the 550 5.7.64 diagnosis on the command line.

use super::TenantArgs;

pub fn run(_args: TenantArgs) -> u8 {
    eprintln!("tenant-attribution is not built yet");
    super::EXIT_INPUT
}
