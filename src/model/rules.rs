//! Rule checks (spec §4): the "xuất sắc" quota and the 100-point score bands. Violations are warnings
//! with the numbers; nothing is capped.

use super::{Dataset, XepLoai};
use crate::error::Diagnostic;
use crate::profile::Rules;
use crate::workbook::schema::{CHI_BO, DANG_VIEN};

/// The level a score falls in.
fn band(score: f64, rules: &Rules) -> XepLoai {
    if score >= rules.band_xuat_sac {
        XepLoai::XuatSac
    } else if score >= rules.band_tot {
        XepLoai::Tot
    } else if score >= rules.band_hoan_thanh {
        XepLoai::HoanThanh
    } else {
        XepLoai::KhongHoanThanh
    }
}

fn quota(xuat_sac: usize, tot: usize, rules: &Rules) -> Option<usize> {
    let cap = (rules.xuat_sac_percent_of_tot / 100.0 * tot as f64 + 1e-9).floor() as usize;
    (xuat_sac > cap).then_some(cap)
}

fn fmt_num(f: f64) -> String {
    if f.fract() == 0.0 {
        format!("{f:.0}")
    } else {
        format!("{f}").replace('.', ",")
    }
}

/// The cell of a row's xếp loại, else its row number.
fn xep_loai_cell(cells: &std::collections::BTreeMap<&'static str, String>, row: usize) -> String {
    cells
        .get("xep_loai")
        .cloned()
        .unwrap_or_else(|| row.to_string())
}

/// Appends the warnings for a dataset.
pub fn check(ds: &Dataset, rules: &Rules, diags: &mut Vec<Diagnostic>) {
    let pct = fmt_num(rules.xuat_sac_percent_of_tot);
    let mut quota_check = |what: &str, sheet: &str, levels: Vec<Option<XepLoai>>, scope: String| {
        let xs = levels
            .iter()
            .filter(|x| **x == Some(XepLoai::XuatSac))
            .count();
        let tot = levels.iter().filter(|x| **x == Some(XepLoai::Tot)).count();
        if let Some(cap) = quota(xs, tot, rules) {
            diags.push(
                Diagnostic::warning(
                    "vuot_ty_le_xuat_sac",
                    format!(
                        "{scope}: {xs} {what} hoàn thành xuất sắc nhiệm vụ, vượt tỷ lệ {pct}% của {tot} hoàn thành tốt nhiệm vụ (tối đa {cap})"
                    ),
                )
                .in_sheet(sheet)
                .with_hint("kiểm tra lại xếp loại; trường hợp đặc biệt do cấp có thẩm quyền quyết định"),
            );
        }
    };
    quota_check(
        "đảng viên",
        ds.sheet_name(DANG_VIEN.name),
        ds.dang_vien.iter().map(|d| d.xep_loai).collect(),
        "Toàn đảng bộ".into(),
    );
    quota_check(
        "chi bộ",
        ds.sheet_name(CHI_BO.name),
        ds.chi_bo.iter().map(|c| c.xep_loai).collect(),
        "Toàn đảng bộ".into(),
    );
    if rules.quota_per_chi_bo {
        for cb in &ds.chi_bo {
            quota_check(
                "đảng viên",
                ds.sheet_name(DANG_VIEN.name),
                ds.dang_vien
                    .iter()
                    .filter(|d| d.chi_bo == cb.ten)
                    .map(|d| d.xep_loai)
                    .collect(),
                format!("Chi bộ {}", cb.ten),
            );
        }
    }

    let mut band_check =
        |sheet: &str, cell: String, who: &str, score: Option<f64>, x: Option<XepLoai>| {
            let (Some(score), Some(x)) = (score, x) else {
                return;
            };
            let expected = band(score, rules);
            if expected != x {
                diags.push(
                    Diagnostic::warning(
                        "diem_khong_khop_xep_loai",
                        format!(
                            "{who}: tổng điểm {} ứng với \"{}\" nhưng xếp loại \"{}\"",
                            fmt_num(score),
                            expected.ten(),
                            x.ten()
                        ),
                    )
                    .in_sheet(sheet)
                    .at(cell)
                    .with_hint(format!(
                        "khung điểm: xuất sắc từ {}, tốt từ {}, hoàn thành từ {}",
                        fmt_num(rules.band_xuat_sac),
                        fmt_num(rules.band_tot),
                        fmt_num(rules.band_hoan_thanh)
                    )),
                );
            }
        };
    for c in &ds.chi_bo {
        band_check(
            ds.sheet_name(CHI_BO.name),
            xep_loai_cell(&c.cells, c.row),
            &format!("Chi bộ {}", c.ten),
            c.tong_diem,
            c.xep_loai,
        );
    }
    for d in &ds.dang_vien {
        band_check(
            ds.sheet_name(DANG_VIEN.name),
            xep_loai_cell(&d.cells, d.row),
            &d.ho_ten,
            d.tong_diem,
            d.xep_loai,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::Profile;

    #[test]
    fn quota_floor_of_twenty_percent() {
        let r = Profile::dang().rules;
        assert_eq!(quota(3, 15, &r), None);
        assert_eq!(quota(4, 15, &r), Some(3));
        assert_eq!(quota(13, 65, &r), None);
        assert_eq!(quota(1, 4, &r), Some(0));
    }

    #[test]
    fn bands() {
        let r = Profile::dang().rules;
        assert_eq!(band(90.0, &r), XepLoai::XuatSac);
        assert_eq!(band(89.5, &r), XepLoai::Tot);
        assert_eq!(band(50.0, &r), XepLoai::HoanThanh);
        assert_eq!(band(49.0, &r), XepLoai::KhongHoanThanh);
    }
}
