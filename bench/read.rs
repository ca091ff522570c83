//! Times the reading stage on a large workbook: open + read the cells, load (typed records, checks),
//! aggregates. Not run by CI; see `bench/read.sh`.
//!
//! ```text
//! cargo run --release --example bench-read -- /tmp/dv-10000.xlsx [RUNS]
//! ```

use std::process::ExitCode;
use std::time::Instant;
use vanban::model::{self, Needs, VnCollator};
use vanban::profile::Profile;
use vanban::workbook::Workbook;

fn ms(d: std::time::Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("cách dùng: bench-read TỆP.xlsx [SỐ_LẦN]");
        return ExitCode::from(2);
    };
    let runs: usize = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(5);
    let rules = Profile::dang().rules;
    let collator = VnCollator::new();
    let mut best = [f64::MAX; 4];
    let mut rows = 0;
    for run in 0..runs {
        let t0 = Instant::now();
        let wb = match Workbook::open(std::path::Path::new(path), &Default::default()) {
            Ok(wb) => wb,
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(e.exit_code());
            }
        };
        let t1 = Instant::now();
        let loaded = model::load(&wb, Needs { dang_vien: true }, &rules);
        let t2 = Instant::now();
        let th = loaded.dataset.tong_hop(&collator);
        let t3 = Instant::now();
        rows = loaded.dataset.dang_vien.len();
        let errors = loaded.diagnostics.iter().filter(|d| d.is_error()).count();
        let times = [ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), ms(t3 - t0)];
        println!(
            "run {}: {} đảng viên ({} xuất sắc, {} lỗi, {} cảnh báo) | open+read {:.1} ms | load {:.1} ms | aggregates {:.1} ms | total {:.1} ms",
            run + 1,
            rows,
            th.dang_vien.xep_loai.xuat_sac,
            errors,
            loaded.diagnostics.len() - errors,
            times[0],
            times[1],
            times[2],
            times[3]
        );
        for (b, t) in best.iter_mut().zip(times) {
            *b = b.min(t);
        }
    }
    println!(
        "best of {runs}: rows {rows} | open+read {:.1} ms | load {:.1} ms | aggregates {:.1} ms | total {:.1} ms",
        best[0], best[1], best[2], best[3]
    );
    ExitCode::SUCCESS
}
