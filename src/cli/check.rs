//! `vanban check FILE [--json]`: prints the library's check report.

use super::CheckArgs;
use std::process::ExitCode;
use vanban::pipeline::check::{Counts, Report, check};
use vanban::pipeline::{Input, ReadLimits, register};

/// Runs `vanban check`; returns 0 usable, 1 errors, 2 unreadable.
pub fn run(args: &CheckArgs) -> ExitCode {
    let input = Input::Path(args.file.clone());
    let limits = ReadLimits::with_max_rows(args.max_rows);
    let (mut report, code) = check(&input, &args.profile, &limits);
    if code != 2 {
        // Numbers typed in the workbook that the register gave to another document; a missing term.
        report.warnings.extend(register::check_warnings(
            &input,
            &args.profile,
            &limits,
            &args.so_dang_ky,
        ));
    }
    if args.json {
        match serde_json::to_string_pretty(&report) {
            Ok(s) => crate::outln!("{s}"),
            Err(e) => eprintln!("lỗi: {e}"),
        }
    } else {
        print_human(&report, code);
    }
    ExitCode::from(code)
}

fn counts_line(c: &Counts) -> String {
    format!(
        "hoàn thành xuất sắc {}, hoàn thành tốt {}, hoàn thành {}, không hoàn thành {}, chưa xếp loại {}",
        c.xuat_sac, c.tot, c.hoan_thanh, c.khong_hoan_thanh, c.chua_xep_loai
    )
}

fn print_human(r: &Report, code: u8) {
    crate::outln!("Bảng tính: {}", r.file);
    if code == 2 {
        for e in &r.errors {
            crate::outln!("Không đọc được: {e}");
        }
        return;
    }
    crate::outln!("Đã đọc:");
    for s in &r.sheets {
        crate::outln!("  - trang \"{}\": {} hàng dữ liệu", s.sheet, s.rows);
    }
    crate::outln!(
        "Chi bộ: {} (ký cam kết {}/{}); {}",
        r.chi_bo.tong,
        r.chi_bo.ky_cam_ket.unwrap_or(0),
        r.chi_bo.tong,
        counts_line(&r.chi_bo.xep_loai)
    );
    crate::outln!(
        "Đảng viên: {}; {}",
        r.dang_vien.tong,
        counts_line(&r.dang_vien.xep_loai)
    );
    crate::outln!("Lỗi: {}", r.errors.len());
    for e in &r.errors {
        crate::outln!("  - {}", e.to_string().replace('\n', "\n    "));
    }
    crate::outln!("Cảnh báo: {}", r.warnings.len());
    for w in &r.warnings {
        crate::outln!("  - {}", w.to_string().replace('\n', "\n    "));
    }
    if r.ok {
        crate::outln!("Kết quả: dùng được.");
    } else {
        crate::outln!("Kết quả: chưa dùng được; sửa các lỗi trên rồi kiểm tra lại.");
    }
}
