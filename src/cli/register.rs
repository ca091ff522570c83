//! `vanban register …`: the sổ đăng ký văn bản đi — list it, export it (xlsx + PDF), cancel a number,
//! verify the files issued, start a series at a number, take a number for a document typed elsewhere.

use super::output::{ensure_dir, write_atomic};
use super::{AddArgs, BodyArgs, FilterArgs, RegisterAction, RegisterArgs};
use std::process::ExitCode;
use vanban::error::{Error, Result};
use vanban::pipeline::register::{self, AddRequest, Body, Filter, Row, Special};
use vanban::pipeline::{Engine, Input};

/// Runs `vanban register`: 0 done, 1 `verify` found problems, 2 usage or register errors.
pub fn run(args: &RegisterArgs) -> ExitCode {
    match run_inner(args) {
        Ok(code) => code,
        Err(e) => super::report(&e),
    }
}

fn filter(f: &FilterArgs) -> Filter {
    Filter {
        nam: f.nam,
        nhiem_ky: f.nhiem_ky.clone(),
    }
}

fn body(b: &BodyArgs, nam: Option<i32>) -> Body {
    Body {
        input: b.data.clone().map(Input::Path),
        ky_hieu: b.ky_hieu.clone(),
        nhiem_ky: b.nhiem_ky.clone(),
        nam,
    }
}

fn json<T: serde::Serialize>(value: &T) -> Result<()> {
    let s = serde_json::to_string_pretty(value)
        .map_err(|e| Error::usage(format!("không in được JSON: {e}"), "báo lỗi này"))?;
    crate::outln!("{s}");
    Ok(())
}

fn run_inner(args: &RegisterArgs) -> Result<ExitCode> {
    let path = &args.so_dang_ky;
    let Some(action) = &args.action else {
        let rows = register::list(path, &filter(&args.filter))?;
        if args.json {
            json(&rows)?;
        } else {
            print_rows(&rows, path);
        }
        return Ok(ExitCode::SUCCESS);
    };
    match action {
        RegisterAction::Export(e) => {
            let engine = Engine::load(None, &e.profile)?;
            let out = register::export(&engine, path, &filter(&e.filter))?;
            ensure_dir(&e.out)?;
            let xlsx = e.out.join(format!("{}.xlsx", register::EXPORT_STEM));
            let pdf = e.out.join(format!("{}.pdf", register::EXPORT_STEM));
            write_atomic(&xlsx, &out.xlsx)?;
            write_atomic(&pdf, &out.pdf)?;
            eprintln!("sổ có {} số", out.rows);
            crate::outln!("{}", xlsx.display());
            crate::outln!("{}", pdf.display());
        }
        RegisterAction::Cancel(c) => {
            let row = register::cancel(
                path,
                &c.so,
                &filter(&c.filter),
                &c.ly_do,
                &register::user_account(),
            )?;
            crate::outln!(
                "Đã hủy số {} ({}): {}",
                row.so_ky_hieu,
                row.ky,
                c.ly_do.trim()
            );
        }
        RegisterAction::Verify => {
            let findings = register::verify(path)?;
            if args.json {
                json(&findings)?;
            } else if findings.is_empty() {
                crate::outln!("Sổ {}: không có vấn đề.", path.display());
            } else {
                crate::outln!("Sổ {}: {} vấn đề", path.display(), findings.len());
                for f in &findings {
                    crate::outln!("  - {} ({}): {}", f.so_ky_hieu, f.ky, f.message);
                }
                crate::outln!(
                    "Gợi ý: dựng lại văn bản bằng --cap-so (số mới), rồi đóng số cũ bằng vanban register cancel \"SỐ\" --ly-do \"…\""
                );
            }
            return Ok(if findings.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            });
        }
        RegisterAction::Start(s) => {
            let engine = Engine::load(None, &s.body.profile)?;
            let next = register::start(
                &engine,
                path,
                &body(&s.body, s.nam),
                &s.loai,
                s.so,
                &register::user_account(),
            )?;
            crate::outln!("Số tiếp theo: {next}");
        }
        RegisterAction::Add(a) => return add(args, a),
    }
    Ok(ExitCode::SUCCESS)
}

fn add(args: &RegisterArgs, a: &AddArgs) -> Result<ExitCode> {
    let engine = Engine::load(None, &a.body.profile)?;
    let special = if a.mat {
        Special::Mat
    } else if a.dai_hoi {
        Special::DaiHoi
    } else {
        Special::None
    };
    let (so, no_term) = register::add(
        &engine,
        &args.so_dang_ky,
        &body(&a.body, None),
        &AddRequest {
            loai: a.loai.clone(),
            ten_loai: a.ten_loai.clone(),
            trich_yeu: a.trich_yeu.clone(),
            nguoi_ky: a.nguoi_ky.clone(),
            ngay: a.ngay.clone(),
            noi_nhan: a.noi_nhan.clone(),
            luu: a.luu.clone(),
            so_luong_ban: a.so_ban,
            ghi_chu: a.ghi_chu.clone(),
            special,
            nguoi_lay: register::user_account(),
        },
    )?;
    if no_term {
        eprintln!(
            "cảnh báo: chưa có nhiệm kỳ (--nhiem-ky hoặc dòng \"Nhiệm kỳ\" trong Thông tin): số được cấp theo năm"
        );
    }
    crate::outln!("{so}");
    Ok(ExitCode::SUCCESS)
}

fn state(r: &Row) -> &'static str {
    match r.trang_thai.as_str() {
        "da-cap" => "đã cấp",
        "da-huy" => "đã hủy",
        _ => "đang cấp",
    }
}

fn print_rows(rows: &[Row], path: &std::path::Path) {
    if rows.is_empty() {
        crate::outln!("Sổ {}: chưa có số nào.", path.display());
        return;
    }
    crate::outln!(
        "Sổ đăng ký văn bản đi: {} ({} số)",
        path.display(),
        rows.len()
    );
    for r in rows {
        let ngay = r
            .ngay
            .as_deref()
            .and_then(|d| {
                let mut p = d.split('-');
                let (y, m, dd) = (p.next()?, p.next()?, p.next()?);
                Some(format!("{dd}/{m}/{y}"))
            })
            .unwrap_or_default();
        let mut line = format!(
            "{:<14} {:<10} {:<8} {} {} — {}",
            r.so_ky_hieu,
            ngay,
            state(r),
            r.ten_loai,
            r.trich_yeu,
            r.nguoi_ky
        );
        if let Some(why) = &r.ly_do_huy {
            line.push_str(&format!(" (hủy: {why})"));
        }
        crate::outln!("{line}");
    }
}
