//! The `vanban` binary: the command line ([`cli`]) on top of the library's one door, `vanban::pipeline`
//! (and `vanban::serve` for `vanban serve`).

mod cli;

fn main() -> std::process::ExitCode {
    cli::run()
}
