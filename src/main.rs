//! The `vanban` binary: everything lives in the library.

fn main() -> std::process::ExitCode {
    vanban::cli::run()
}
