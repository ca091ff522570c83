//! The command line: arguments ([`args`], clap derive with Vietnamese help), parse errors in Vietnamese
//! ([`messages`]), and one module per command, each calling the pipeline and printing.

mod args;
mod batch;
mod check;
mod init;
mod kinds;
mod messages;
pub mod output;
mod register;
mod render;
mod serve;

pub use args::*;

use clap::error::ErrorKind;
use clap::{CommandFactory, FromArgMatches};
use std::process::ExitCode;
use vanban::error::Error;

const HELP_TEMPLATE: &str = "{about-with-newline}\nCách dùng: {usage}\n\n{all-args}{after-help}";

/// The heading of options that have no heading of their own.
const OPTIONS_HEADING: &str = "Tùy chọn";

/// The command line's definition: the derive's, with the help template and the options' heading given
/// to every subcommand.
pub fn command() -> clap::Command {
    Cli::command().mut_subcommands(vietnamese)
}

/// The help template and the options' heading of a subcommand, and of its own subcommands.
fn vietnamese(sub: clap::Command) -> clap::Command {
    sub.help_template(HELP_TEMPLATE)
        .mut_args(|arg| {
            if arg.get_help_heading().is_none() {
                arg.help_heading(OPTIONS_HEADING)
            } else {
                arg
            }
        })
        .mut_subcommands(vietnamese)
}

/// Prints a line on stdout; a closed pipe (`vanban … | head`) ends the run quietly instead of panicking.
#[macro_export]
#[doc(hidden)]
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let mut out = std::io::stdout().lock();
        if let Err(e) = writeln!(out, $($arg)*) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
        }
    }};
}

/// Prints an error the way every command does: "lỗi: …" on stderr, returning its exit code.
pub fn report(e: &Error) -> ExitCode {
    eprintln!("lỗi: {e}");
    ExitCode::from(e.exit_code())
}

/// Parses the command line and runs the command; returns the process exit code (0, 1 or 2).
pub fn run() -> ExitCode {
    let cli = match command()
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m))
    {
        Ok(c) => c,
        Err(e) => {
            return match e.kind() {
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                    let _ = e.print();
                    ExitCode::SUCCESS
                }
                _ => {
                    eprintln!("lỗi: {}", messages::clap_message(&e));
                    ExitCode::from(2)
                }
            };
        }
    };
    let result = match cli.command {
        Command::Render(a) => render::run(&a),
        Command::Kinds(a) => return kinds::run(&a),
        Command::Check(a) => return check::run(&a),
        Command::Init(a) => init::run(&a),
        Command::Batch(a) => return batch::run(&a),
        Command::Serve(a) => serve::run(&a),
        Command::Register(a) => return register::run(&a),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => report(&e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        command()
            .try_get_matches_from(std::iter::once("vanban").chain(args.iter().copied()))
            .and_then(|m| Cli::from_arg_matches(&m))
    }

    #[test]
    fn render_flags() {
        let c = parse(&[
            "render",
            "ke-hoach",
            "--format",
            "ir",
            "--out",
            "x",
            "--profile",
            "nha-nuoc",
        ])
        .unwrap();
        let Command::Render(r) = c.command else {
            panic!()
        };
        assert_eq!(r.kind, "ke-hoach");
        assert_eq!(r.format, "ir");
        assert_eq!(r.source.out, PathBuf::from("x"));
        assert_eq!(r.source.engine.profile, "nha-nuoc");
        let c = parse(&["render", "cam-ket-dang-vien", "--stt", "7"]).unwrap();
        let Command::Render(r) = c.command else {
            panic!()
        };
        assert_eq!(r.stt, Some(7));
        assert_eq!(r.source.out, PathBuf::from("out"));
        assert_eq!(r.format, "docx,pdf");
        assert!(r.source.chu_ky.is_none() && r.source.con_dau.is_none() && !r.source.pdf_a);
        let c = parse(&[
            "render",
            "ke-hoach",
            "--chu-ky",
            "ky.png",
            "--con-dau",
            "dau.png",
            "--pdf-a",
        ])
        .unwrap();
        let Command::Render(r) = c.command else {
            panic!()
        };
        assert_eq!(r.source.chu_ky, Some(PathBuf::from("ky.png")));
        assert_eq!(r.source.con_dau, Some(PathBuf::from("dau.png")));
        assert!(r.source.pdf_a);
    }

    #[test]
    fn batch_flags() {
        let c = parse(&[
            "batch",
            "cam-ket",
            "--per",
            "dang-vien",
            "--jobs",
            "2",
            "--merge-pdf",
            "--zip",
            "--fail-fast",
            "--con-dau",
            "dau.png",
            "--pdf-a",
        ])
        .unwrap();
        let Command::Batch(b) = c.command else {
            panic!()
        };
        assert_eq!(b.per, Some(PerArg::DangVien));
        assert_eq!(b.jobs, Some(2));
        assert!(b.merge_pdf && b.zip && b.fail_fast && b.source.pdf_a);
        assert_eq!(b.source.con_dau, Some(PathBuf::from("dau.png")));
        let c = parse(&["batch", "thong-bao-xep-loai", "--shard", "2/4"]).unwrap();
        let Command::Batch(b) = c.command else {
            panic!()
        };
        assert_eq!(b.shard.as_deref(), Some("2/4"));
        assert_eq!(b.per, None);
    }

    #[test]
    fn bad_per_message_is_vietnamese() {
        let e = parse(&["batch", "cam-ket", "--per", "to"]).unwrap_err();
        let m = messages::clap_message(&e);
        assert!(m.contains("không hợp lệ"), "{m}");
        assert!(m.contains("dang-vien"), "{m}");
    }

    #[test]
    fn help_is_vietnamese() {
        let mut cmd = command();
        let help = cmd.render_help().to_string();
        assert!(help.contains("Cách dùng"), "{help}");
        assert!(help.contains("Lệnh"), "{help}");
        assert!(!help.contains("Usage"), "{help}");
        for sub in [
            "render", "check", "init", "batch", "kinds", "serve", "register",
        ] {
            let sub = cmd.find_subcommand_mut(sub).unwrap();
            for help in [
                sub.render_help().to_string(),
                sub.render_long_help().to_string(),
            ] {
                for english in [
                    "Usage",
                    "OPTIONS",
                    "Options",
                    "Arguments",
                    "Possible values",
                    "possible values",
                    "default:",
                ] {
                    assert!(!help.contains(english), "{english} in\n{help}");
                }
            }
        }
    }
}
