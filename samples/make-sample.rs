//! Writes the sample workbook `samples/chi-bo-4-tot.xlsx` (or a scaled one for benchmarks).
//!
//! ```text
//! cargo run --example make-sample -- samples/chi-bo-4-tot.xlsx
//! cargo run --release --example make-sample -- /tmp/10000.xlsx 10000
//! cargo run --example make-sample -- /tmp/hostile.xlsx --hostile
//! ```

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(out) = args.first() else {
        eprintln!("cách dùng: make-sample TỆP.xlsx [SỐ_ĐẢNG_VIÊN | --hostile]");
        return ExitCode::from(2);
    };
    let data = match args.get(1).map(|n| n.parse::<usize>()) {
        None => vanban::sample::sample_data(),
        Some(Err(_)) if args[1] == "--hostile" => vanban::sample::hostile_data(),
        Some(Ok(n)) => vanban::sample::scaled_data(n),
        Some(Err(_)) => {
            eprintln!("SỐ_ĐẢNG_VIÊN phải là một số nguyên");
            return ExitCode::from(2);
        }
    };
    match data.to_xlsx().and_then(|bytes| {
        std::fs::write(out, bytes).map_err(|e| vanban::Error::Output {
            path: out.into(),
            source: e,
        })
    }) {
        Ok(()) => {
            println!("{out}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(e.exit_code())
        }
    }
}
