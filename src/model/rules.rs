//! Rule checks (spec §4): the "xuất sắc" quota and the 100-point score bands. Violations are warnings
//! with the numbers; nothing is capped.

use super::{Dataset, XepLoai};
use crate::error::Diagnostic;
use serde::{Deserialize, Serialize};

/// Evaluation rule settings (Quy định 366-QĐ/TW). The defaults are the regulation's: at most 20 % of
/// those rated hoàn thành tốt may be rated xuất sắc; score bands 90 / 70 / 50. A layout profile may
/// change them in its `[rules]` table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    /// The xuất sắc quota as a percentage of those rated hoàn thành tốt.
    pub xuat_sac_percent_of_tot: f64,
    /// Check the quota per chi bộ too.
    pub quota_per_chi_bo: bool,
    /// Lowest score for xuất sắc.
    pub band_xuat_sac: f64,
    /// Lowest score for tốt.
    pub band_tot: f64,
    /// Lowest score for hoàn thành.
    pub band_hoan_thanh: f64,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            xuat_sac_percent_of_tot: 20.0,
            quota_per_chi_bo: false,
            band_xuat_sac: 90.0,
            band_tot: 70.0,
            band_hoan_thanh: 50.0,
        }
    }
}
use crate::error::SheetId;

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

/// Appends the warnings for a dataset.
pub fn check(ds: &Dataset, rules: &Rules, diags: &mut Vec<Diagnostic>) {
    let pct = fmt_num(rules.xuat_sac_percent_of_tot);
    let mut quota_check = |what: &str,
                           sheet: SheetId,
                           levels: Vec<Option<XepLoai>>,
                           scope: String| {
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
                .in_sheet(sheet, ds.sheet_name(sheet))
                .with_hint("kiểm tra lại xếp loại; trường hợp đặc biệt do cấp có thẩm quyền quyết định"),
            );
        }
    };
    quota_check(
        "đảng viên",
        SheetId::DangVien,
        ds.dang_vien.iter().map(|d| d.xep_loai).collect(),
        "Toàn đảng bộ".into(),
    );
    quota_check(
        "chi bộ",
        SheetId::ChiBo,
        ds.chi_bo.iter().map(|c| c.xep_loai).collect(),
        "Toàn đảng bộ".into(),
    );
    if rules.quota_per_chi_bo {
        for cb in &ds.chi_bo {
            quota_check(
                "đảng viên",
                SheetId::DangVien,
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
        |sheet: SheetId, cell: String, who: &str, score: Option<f64>, x: Option<XepLoai>| {
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
                    .in_sheet(sheet, ds.sheet_name(sheet))
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
            SheetId::ChiBo,
            c.cells.cell_or_row("xep_loai"),
            &format!("Chi bộ {}", c.ten),
            c.tong_diem,
            c.xep_loai,
        );
    }
    for d in &ds.dang_vien {
        band_check(
            SheetId::DangVien,
            d.cells.cell_or_row("xep_loai"),
            &d.ho_ten,
            d.tong_diem,
            d.xep_loai,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quota_floor_of_twenty_percent() {
        let r = Rules::default();
        assert_eq!(quota(3, 15, &r), None);
        assert_eq!(quota(4, 15, &r), Some(3));
        assert_eq!(quota(13, 65, &r), None);
        assert_eq!(quota(1, 4, &r), Some(0));
    }

    #[test]
    fn bands() {
        let r = Rules::default();
        assert_eq!(band(90.0, &r), XepLoai::XuatSac);
        assert_eq!(band(89.5, &r), XepLoai::Tot);
        assert_eq!(band(50.0, &r), XepLoai::HoanThanh);
        assert_eq!(band(49.0, &r), XepLoai::KhongHoanThanh);
    }
}
