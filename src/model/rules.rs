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
    /// The most points of each of a chi bộ's four "4 tốt" criteria.
    #[serde(default = "defaults::toi_da_4_tot")]
    pub toi_da_4_tot: f64,
    /// The most points of a đảng viên's nhóm tiêu chí chung.
    #[serde(default = "defaults::toi_da_diem_chung")]
    pub toi_da_diem_chung: f64,
    /// The most points of a đảng viên's kết quả thực hiện nhiệm vụ.
    #[serde(default = "defaults::toi_da_diem_nhiem_vu")]
    pub toi_da_diem_nhiem_vu: f64,
    /// The most points of a Tổng điểm or Điểm tự chấm.
    #[serde(default = "defaults::toi_da_tong_diem")]
    pub toi_da_tong_diem: f64,
    /// The words a leadership or management post begins with, in "Chức vụ" or "Chức vụ đảng": such a
    /// member writes the bản kiểm điểm on Mẫu 2B (43-HD/BTCTW), the others on 2A.
    #[serde(default = "defaults::lanh_dao_chuc_vu")]
    pub lanh_dao_chuc_vu: Vec<String>,
}

/// The regulation's values, for `Default` and for a profile written before a key existed.
mod defaults {
    pub(super) fn toi_da_4_tot() -> f64 {
        25.0
    }
    pub(super) fn toi_da_diem_chung() -> f64 {
        30.0
    }
    pub(super) fn toi_da_diem_nhiem_vu() -> f64 {
        70.0
    }
    pub(super) fn toi_da_tong_diem() -> f64 {
        100.0
    }
    pub(super) fn lanh_dao_chuc_vu() -> Vec<String> {
        [
            "Bí thư",
            "Phó",
            "Trưởng",
            "Chánh",
            "Giám đốc",
            "Chủ tịch",
            "Chủ nhiệm",
            "Thủ trưởng",
            "Tổng biên tập",
            "Hiệu trưởng",
        ]
        .map(str::to_owned)
        .to_vec()
    }
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            xuat_sac_percent_of_tot: 20.0,
            quota_per_chi_bo: false,
            band_xuat_sac: 90.0,
            band_tot: 70.0,
            band_hoan_thanh: 50.0,
            toi_da_4_tot: defaults::toi_da_4_tot(),
            toi_da_diem_chung: defaults::toi_da_diem_chung(),
            toi_da_diem_nhiem_vu: defaults::toi_da_diem_nhiem_vu(),
            toi_da_tong_diem: defaults::toi_da_tong_diem(),
            lanh_dao_chuc_vu: defaults::lanh_dao_chuc_vu(),
        }
    }
}

impl Rules {
    /// True when a post ("Phó Chánh Văn phòng", "Bí thư chi bộ") begins with one of the words of
    /// [`lanh_dao_chuc_vu`](Self::lanh_dao_chuc_vu), whole words, in any case.
    pub fn is_leadership(&self, post: &str) -> bool {
        let words = |s: &str| -> Vec<String> {
            crate::workbook::matching::clean_text(s)
                .split_whitespace()
                .map(str::to_lowercase)
                .collect()
        };
        let post = words(post);
        self.lanh_dao_chuc_vu.iter().any(|w| {
            let w = words(w);
            !w.is_empty() && post.starts_with(&w)
        })
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
    // The self-assessment against the same bands.
    for c in &ds.chi_bo {
        band_check(
            SheetId::ChiBo,
            c.cells.cell_or_row("tu_xep_loai"),
            &format!("Chi bộ {} (tự chấm)", c.ten),
            c.diem_tu_cham,
            c.tu_xep_loai,
        );
    }
    for d in &ds.dang_vien {
        band_check(
            SheetId::DangVien,
            d.cells.cell_or_row("tu_xep_loai"),
            &format!("{} (tự chấm)", d.ho_ten),
            d.diem_tu_cham,
            d.tu_xep_loai,
        );
    }
    scores(ds, rules, diags);
    ratings(ds, diags);
    votes(ds, diags);
}

/// Points that differ by less than this are equal (sums of halves and tenths).
const SAME_POINTS: f64 = 0.005;

/// Criteria above their maximum, and criteria that do not add up to Tổng điểm: a chi bộ's four "4 tốt"
/// criteria, a đảng viên's two groups (30 + 70) when the sheet has them.
fn scores(ds: &Dataset, rules: &Rules, diags: &mut Vec<Diagnostic>) {
    let above = |sheet: SheetId, cell: String, who: &str, what: &str, v: Option<f64>, max: f64| {
        v.filter(|v| *v > max + SAME_POINTS).map(|v| {
                Diagnostic::warning(
                    "vuot_diem_toi_da",
                    format!(
                        "{who}: {what} {} điểm, vượt mức tối đa {} điểm",
                        fmt_num(v),
                        fmt_num(max)
                    ),
                )
                .in_sheet(sheet, ds.sheet_name(sheet))
                .at(cell)
                .with_hint(format!(
                    "sửa điểm; mức tối đa theo hồ sơ trình bày (rules): mỗi tiêu chí \"4 tốt\" {}, tiêu chí chung {}, kết quả nhiệm vụ {}, tổng {}",
                    fmt_num(rules.toi_da_4_tot),
                    fmt_num(rules.toi_da_diem_chung),
                    fmt_num(rules.toi_da_diem_nhiem_vu),
                    fmt_num(rules.toi_da_tong_diem)
                ))
        })
    };
    for c in &ds.chi_bo {
        let who = format!("Chi bộ {}", c.ten);
        let criteria = [
            ("diem_lanh_dao", "Lãnh đạo hoàn thành tốt nhiệm vụ", c.diem.lanh_dao),
            ("diem_sinh_hoat", "Chất lượng sinh hoạt tốt", c.diem.sinh_hoat),
            ("diem_doan_ket", "Đoàn kết, kỷ luật tốt", c.diem.doan_ket),
            ("diem_dang_vien", "Đảng viên tốt", c.diem.dang_vien),
        ];
        for (key, what, v) in criteria {
            let what = format!("tiêu chí \"{what}\"");
            diags.extend(above(SheetId::ChiBo, c.cells.cell_or_row(key), &who, &what, v, rules.toi_da_4_tot));
        }
        for (key, what, v) in [("tong_diem", "Tổng điểm", c.tong_diem), ("diem_tu_cham", "Điểm tự chấm", c.diem_tu_cham)] {
            diags.extend(above(SheetId::ChiBo, c.cells.cell_or_row(key), &who, what, v, rules.toi_da_tong_diem));
        }
        let parts: Option<Vec<f64>> = criteria.iter().map(|(_, _, v)| *v).collect();
        if let (Some(parts), Some(tong)) = (parts, c.tong_diem) {
            sum_check(ds, SheetId::ChiBo, c.cells.cell_or_row("tong_diem"), &who, "bốn tiêu chí \"4 tốt\"", &parts, tong, diags);
        }
    }
    for d in &ds.dang_vien {
        let who = d.ho_ten.as_str();
        diags.extend(above(SheetId::DangVien, d.cells.cell_or_row("diem_chung"), who, "nhóm tiêu chí chung", d.diem_chung, rules.toi_da_diem_chung));
        diags.extend(above(SheetId::DangVien, d.cells.cell_or_row("diem_nhiem_vu"), who, "kết quả thực hiện nhiệm vụ", d.diem_nhiem_vu, rules.toi_da_diem_nhiem_vu));
        for (key, what, v) in [("tong_diem", "Tổng điểm", d.tong_diem), ("diem_tu_cham", "Điểm tự chấm", d.diem_tu_cham)] {
            diags.extend(above(SheetId::DangVien, d.cells.cell_or_row(key), who, what, v, rules.toi_da_tong_diem));
        }
        if let (Some(a), Some(b), Some(tong)) = (d.diem_chung, d.diem_nhiem_vu, d.tong_diem) {
            sum_check(ds, SheetId::DangVien, d.cells.cell_or_row("tong_diem"), who, "hai nhóm tiêu chí (chung và kết quả nhiệm vụ)", &[a, b], tong, diags);
        }
    }
}

/// The warning for criteria whose sum is not the Tổng điểm written.
#[allow(clippy::too_many_arguments)]
fn sum_check(
    ds: &Dataset,
    sheet: SheetId,
    cell: String,
    who: &str,
    what: &str,
    parts: &[f64],
    tong: f64,
    diags: &mut Vec<Diagnostic>,
) {
    let sum: f64 = parts.iter().sum();
    if (sum - tong).abs() > SAME_POINTS {
        diags.push(
            Diagnostic::warning(
                "tong_diem_khong_khop",
                format!(
                    "{who}: {what} cộng lại {} điểm nhưng Tổng điểm ghi {}",
                    fmt_num(sum),
                    fmt_num(tong)
                ),
            )
            .in_sheet(sheet, ds.sheet_name(sheet))
            .at(cell)
            .with_hint("sửa điểm thành phần hoặc Tổng điểm; ghi Tổng điểm bằng công thức =SUM(…) của các ô điểm để Excel tự cộng"),
        );
    }
}

/// A self-rating or a proposal that differs from the xếp loại decided (when both are written).
fn ratings(ds: &Dataset, diags: &mut Vec<Diagnostic>) {
    let mut differs = |sheet: SheetId, cell: String, who: &str, what: &str, x: Option<XepLoai>, decided: Option<XepLoai>| {
        let (Some(x), Some(decided)) = (x, decided) else {
            return;
        };
        if x != decided {
            diags.push(
                Diagnostic::warning(
                    "xep_loai_khac_de_xuat",
                    format!(
                        "{who}: {what} \"{}\" nhưng xếp loại \"{}\"",
                        x.ten(),
                        decided.ten()
                    ),
                )
                .in_sheet(sheet, ds.sheet_name(sheet))
                .at(cell)
                .with_hint("kiểm tra lại hai cột; nếu cấp có thẩm quyền đã quyết định khác đề xuất thì giữ nguyên"),
            );
        }
    };
    for c in &ds.chi_bo {
        let who = format!("Chi bộ {}", c.ten);
        differs(SheetId::ChiBo, c.cells.cell_or_row("tu_xep_loai"), &who, "tự xếp loại", c.tu_xep_loai, c.xep_loai);
        differs(SheetId::ChiBo, c.cells.cell_or_row("de_xuat"), &who, "đề xuất", c.de_xuat, c.xep_loai);
    }
    for d in &ds.dang_vien {
        differs(SheetId::DangVien, d.cells.cell_or_row("tu_xep_loai"), &d.ho_ten, "tự xếp loại", d.tu_xep_loai, d.xep_loai);
        differs(SheetId::DangVien, d.cells.cell_or_row("de_xuat"), &d.ho_ten, "chi bộ đề xuất", d.de_xuat, d.xep_loai);
    }
}

/// Votes on a member that outnumber the members of the chi bộ.
fn votes(ds: &Dataset, diags: &mut Vec<Diagnostic>) {
    for d in &ds.dang_vien {
        let (Some(b), Some(cb)) = (&d.bieu_quyet, ds.chi_bo_named(&d.chi_bo)) else {
            continue;
        };
        let Some(n) = cb.so_dang_vien else {
            continue;
        };
        if b.tong > n {
            diags.push(
                Diagnostic::warning(
                    "phieu_vuot_so_dang_vien",
                    format!(
                        "{}: {} phiếu biểu quyết nhưng Chi bộ {} chỉ có {n} đảng viên",
                        d.ho_ten, b.tong, cb.ten
                    ),
                )
                .in_sheet(SheetId::BieuQuyet, ds.sheet_name(SheetId::BieuQuyet))
                .at(b.cell.clone())
                .with_hint("kiểm tra lại số phiếu ở từng mức (mỗi người có mặt biểu quyết một phiếu)"),
            );
        }
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
