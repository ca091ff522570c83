//! Writes an N-row "Đảng viên" workbook whose rows differ only in what is asked, for measuring how much
//! of a form Typst's memoisation reuses (README, "Performance"):
//!
//! ```text
//! cargo run --release --example variants -- OUT.xlsx N same|ngay-sinh|ho-ten|real
//! ```
//!
//! `same`: every row is the first row of `make-sample`'s scaled workbook (only STT differs);
//! `ngay-sinh`: as `same` but each row's date of birth; `ho-ten`: as `same` but each row's name;
//! `real`: the scaled workbook itself (every column differs).

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(out), Some(n), Some(mode)) = (
        args.first(),
        args.get(1).and_then(|n| n.parse::<usize>().ok()),
        args.get(2),
    ) else {
        eprintln!("cách dùng: variants TỆP.xlsx SỐ_DÒNG same|ngay-sinh|ho-ten|real");
        return ExitCode::from(2);
    };
    let mut data = vanban::sample::scaled_data(n);
    if mode != "real" {
        let first = data.dang_vien[0].clone();
        for row in &mut data.dang_vien {
            let mut same = first.clone();
            match mode.as_str() {
                "same" => {}
                "ngay-sinh" => same.ngay_sinh = row.ngay_sinh,
                "ho-ten" => same.ho_ten = row.ho_ten.clone(),
                _ => {
                    eprintln!("không rõ: {mode}");
                    return ExitCode::from(2);
                }
            }
            *row = same;
        }
    }
    match data.to_xlsx().map(|bytes| std::fs::write(out, bytes)) {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(e)) => {
            eprintln!("{out}: {e}");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
