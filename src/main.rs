use std::process::ExitCode;

fn main() -> ExitCode {
    connector_doctor::cli::main()
}
