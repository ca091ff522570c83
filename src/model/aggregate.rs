//! Totals, counts and percentages per xếp loại, tiêu biểu lists.

use super::{Dataset, VnCollator, XepLoai};
use serde::Serialize;

/// Counts per level; `chua_xep_loai` counts rows without a xếp loại.
#[derive(Debug, Clone, Copy, Serialize, Default, PartialEq, Eq)]
pub struct Counts {
    /// Hoàn thành xuất sắc nhiệm vụ.
    pub xuat_sac: usize,
    /// Hoàn thành tốt nhiệm vụ.
    pub tot: usize,
    /// Hoàn thành nhiệm vụ.
    pub hoan_thanh: usize,
    /// Không hoàn thành nhiệm vụ.
    pub khong_hoan_thanh: usize,
    /// Not rated.
    pub chua_xep_loai: usize,
}

impl Counts {
    fn add(&mut self, x: Option<XepLoai>) {
        match x {
            Some(XepLoai::XuatSac) => self.xuat_sac += 1,
            Some(XepLoai::Tot) => self.tot += 1,
            Some(XepLoai::HoanThanh) => self.hoan_thanh += 1,
            Some(XepLoai::KhongHoanThanh) => self.khong_hoan_thanh += 1,
            None => self.chua_xep_loai += 1,
        }
    }

    /// The count of one level.
    pub fn get(&self, x: XepLoai) -> usize {
        match x {
            XepLoai::XuatSac => self.xuat_sac,
            XepLoai::Tot => self.tot,
            XepLoai::HoanThanh => self.hoan_thanh,
            XepLoai::KhongHoanThanh => self.khong_hoan_thanh,
        }
    }

    /// Rows that have a xếp loại (the denominator of percentages).
    pub fn rated(&self) -> usize {
        self.xuat_sac + self.tot + self.hoan_thanh + self.khong_hoan_thanh
    }
}

/// Percentages per level, of the rated rows (0 when none is rated).
#[derive(Debug, Clone, Copy, Serialize, Default, PartialEq)]
pub struct Percents {
    /// Xuất sắc.
    pub xuat_sac: f64,
    /// Tốt.
    pub tot: f64,
    /// Hoàn thành.
    pub hoan_thanh: f64,
    /// Không hoàn thành.
    pub khong_hoan_thanh: f64,
}

impl From<&Counts> for Percents {
    fn from(c: &Counts) -> Self {
        let n = c.rated();
        let p = |k: usize| {
            if n == 0 {
                0.0
            } else {
                k as f64 * 100.0 / n as f64
            }
        };
        Percents {
            xuat_sac: p(c.xuat_sac),
            tot: p(c.tot),
            hoan_thanh: p(c.hoan_thanh),
            khong_hoan_thanh: p(c.khong_hoan_thanh),
        }
    }
}

/// One row of a xếp loại table: level name, count, percentage.
#[derive(Debug, Clone, Serialize)]
pub struct LevelRow {
    /// The level's key ("xuat_sac").
    pub key: &'static str,
    /// Its full name.
    pub ten: &'static str,
    /// Count.
    pub so_luong: usize,
    /// Percentage of the rated rows.
    pub ty_le: f64,
}

/// Totals of a group (all chi bộ, or all đảng viên, or those of one chi bộ).
#[derive(Debug, Clone, Serialize, Default)]
pub struct Group {
    /// Rows.
    pub tong: usize,
    /// Rows with a xếp loại.
    pub co_xep_loai: usize,
    /// Counts.
    pub xep_loai: Counts,
    /// Percentages.
    pub ty_le: Percents,
    /// The table rows, best level first.
    pub bang: Vec<LevelRow>,
}

impl Group {
    fn from_levels(levels: impl Iterator<Item = Option<XepLoai>>) -> Self {
        let mut c = Counts::default();
        let mut tong = 0;
        for x in levels {
            c.add(x);
            tong += 1;
        }
        let ty_le = Percents::from(&c);
        let n = c.rated();
        let bang = XepLoai::ALL
            .iter()
            .map(|x| LevelRow {
                key: x.key(),
                ten: x.ten(),
                so_luong: c.get(*x),
                ty_le: if n == 0 {
                    0.0
                } else {
                    c.get(*x) as f64 * 100.0 / n as f64
                },
            })
            .collect();
        Group {
            tong,
            co_xep_loai: n,
            xep_loai: c,
            ty_le,
            bang,
        }
    }
}

/// A person named in a list (tiêu biểu, xuất sắc).
#[derive(Debug, Clone, Serialize)]
pub struct Person {
    /// Họ và tên.
    pub ho_ten: String,
    /// Chi bộ.
    pub chi_bo: String,
    /// Chức vụ (đảng, else chính quyền).
    pub chuc_vu: Option<String>,
    /// Thành tích / ghi chú.
    pub ghi_chu: Option<String>,
    /// Tổng điểm.
    pub tong_diem: Option<f64>,
    /// Xếp loại key ("xuat_sac"), if rated.
    pub xep_loai: Option<XepLoai>,
    /// (Họ đệm, Tên) when the sheet splits the name: people are ordered by this split as given.
    #[serde(skip)]
    pub ho_dem_ten: Option<(String, String)>,
}

/// The đảng viên and chi bộ of one xếp loại level, for a danh sách.
#[derive(Debug, Clone, Serialize)]
pub struct Nhom {
    /// The level's key ("xuat_sac"; "chua_xep_loai" for rows without one).
    pub key: &'static str,
    /// Its full name ("Hoàn thành xuất sắc nhiệm vụ"; "Chưa xếp loại").
    pub ten: &'static str,
    /// The chi bộ of this level, sheet order.
    pub chi_bo: Vec<ChiBoTong>,
    /// The đảng viên of this level, Vietnamese name order.
    pub dang_vien: Vec<Person>,
}

/// Per chi bộ figures.
#[derive(Debug, Clone, Serialize)]
pub struct ChiBoTong {
    /// Tên chi bộ.
    pub ten: String,
    /// Bí thư.
    pub bi_thu: Option<String>,
    /// The chi bộ's own xếp loại name.
    pub xep_loai: Option<&'static str>,
    /// Tổng điểm.
    pub tong_diem: Option<f64>,
    /// Its members' xếp loại.
    pub dang_vien: Group,
}

/// Comparison with last year, per level.
#[derive(Debug, Clone, Serialize)]
pub struct SoSanh {
    /// Level name.
    pub ten: &'static str,
    /// Chi bộ last year / this year / change.
    pub chi_bo_truoc: i64,
    /// Chi bộ this year.
    pub chi_bo_nay: i64,
    /// Change.
    pub chi_bo_tang: i64,
    /// Đảng viên last year.
    pub dang_vien_truoc: i64,
    /// Đảng viên this year.
    pub dang_vien_nay: i64,
    /// Change.
    pub dang_vien_tang: i64,
}

/// All aggregates of a dataset.
#[derive(Debug, Clone, Serialize)]
pub struct TongHop {
    /// Chi bộ totals.
    pub chi_bo: Group,
    /// Chi bộ that signed the cam kết.
    pub ky_cam_ket: usize,
    /// Tập thể tiêu biểu (chi bộ names, sheet order).
    pub tap_the_tieu_bieu: Vec<String>,
    /// Đảng viên totals.
    pub dang_vien: Group,
    /// Cá nhân tiêu biểu, Vietnamese name order.
    pub ca_nhan_tieu_bieu: Vec<Person>,
    /// Đảng viên hoàn thành xuất sắc nhiệm vụ, Vietnamese name order.
    pub dang_vien_xuat_sac: Vec<Person>,
    /// Per chi bộ, sheet order.
    pub theo_chi_bo: Vec<ChiBoTong>,
    /// Comparison with "Năm trước", if the sheet exists.
    pub so_sanh: Option<Vec<SoSanh>>,
    /// Average score per tiêu chí over the chi bộ that have one.
    pub diem_binh_quan: super::Diem4Tot,
    /// Average tổng điểm of the chi bộ.
    pub tong_diem_binh_quan: Option<f64>,
    /// Chi bộ and đảng viên by xếp loại, best level first and the unrated last; only levels that have
    /// someone.
    pub theo_xep_loai: Vec<Nhom>,
}

fn mean(values: impl Iterator<Item = Option<f64>>) -> Option<f64> {
    let v: Vec<f64> = values.flatten().collect();
    (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
}

fn person(d: &super::DangVien) -> Person {
    Person {
        ho_ten: d.ho_ten.clone(),
        chi_bo: d.chi_bo.clone(),
        chuc_vu: d.chuc_vu_dang.clone().or_else(|| d.chuc_vu.clone()),
        ghi_chu: d.ghi_chu.clone(),
        tong_diem: d.tong_diem,
        xep_loai: d.xep_loai,
        ho_dem_ten: d
            .ten
            .as_ref()
            .map(|ten| (d.ho_dem.clone().unwrap_or_default(), ten.clone())),
    }
}

/// Computes the aggregates.
pub fn compute(ds: &Dataset, collator: &VnCollator) -> TongHop {
    let chi_bo = Group::from_levels(ds.chi_bo.iter().map(|c| c.xep_loai));
    let dang_vien = Group::from_levels(ds.dang_vien.iter().map(|d| d.xep_loai));
    let by_name = |a: &Person, b: &Person| match (&a.ho_dem_ten, &b.ho_dem_ten) {
        (Some((ha, ta)), Some((hb, tb))) => collator.compare_split_names((ha, ta), (hb, tb)),
        _ => collator.compare_names(&a.ho_ten, &b.ho_ten),
    };
    let mut ca_nhan_tieu_bieu: Vec<Person> = ds
        .dang_vien
        .iter()
        .filter(|d| d.tieu_bieu)
        .map(person)
        .collect();
    ca_nhan_tieu_bieu.sort_by(by_name);
    let mut dang_vien_xuat_sac: Vec<Person> = ds
        .dang_vien
        .iter()
        .filter(|d| d.xep_loai == Some(XepLoai::XuatSac))
        .map(person)
        .collect();
    dang_vien_xuat_sac.sort_by(by_name);
    let theo_chi_bo: Vec<ChiBoTong> = ds
        .chi_bo
        .iter()
        .map(|c| ChiBoTong {
            ten: c.ten.clone(),
            bi_thu: c.bi_thu.clone(),
            xep_loai: c.xep_loai.map(XepLoai::ten),
            tong_diem: c.tong_diem,
            dang_vien: Group::from_levels(
                ds.dang_vien
                    .iter()
                    .filter(|d| d.chi_bo == c.ten)
                    .map(|d| d.xep_loai),
            ),
        })
        .collect();
    let so_sanh = ds.nam_truoc.as_ref().map(|rows| {
        XepLoai::ALL
            .iter()
            .map(|x| {
                let prev = rows.iter().find(|r| r.xep_loai == *x);
                let cb_truoc = prev.map_or(0, |r| r.chi_bo);
                let dv_truoc = prev.map_or(0, |r| r.dang_vien);
                let cb_nay = chi_bo.xep_loai.get(*x) as i64;
                let dv_nay = dang_vien.xep_loai.get(*x) as i64;
                SoSanh {
                    ten: x.ten(),
                    chi_bo_truoc: cb_truoc,
                    chi_bo_nay: cb_nay,
                    chi_bo_tang: cb_nay - cb_truoc,
                    dang_vien_truoc: dv_truoc,
                    dang_vien_nay: dv_nay,
                    dang_vien_tang: dv_nay - dv_truoc,
                }
            })
            .collect()
    });
    let diem_binh_quan = super::Diem4Tot {
        lanh_dao: mean(ds.chi_bo.iter().map(|c| c.diem.lanh_dao)),
        sinh_hoat: mean(ds.chi_bo.iter().map(|c| c.diem.sinh_hoat)),
        doan_ket: mean(ds.chi_bo.iter().map(|c| c.diem.doan_ket)),
        dang_vien: mean(ds.chi_bo.iter().map(|c| c.diem.dang_vien)),
    };
    let levels = XepLoai::ALL
        .iter()
        .map(|x| (Some(*x), x.key(), x.ten()))
        .chain([(None, "chua_xep_loai", "Chưa xếp loại")]);
    let theo_xep_loai = levels
        .filter_map(|(level, key, ten)| {
            let chi_bo: Vec<ChiBoTong> = ds
                .chi_bo
                .iter()
                .zip(&theo_chi_bo)
                .filter(|(c, _)| c.xep_loai == level)
                .map(|(_, t)| t.clone())
                .collect();
            let mut dang_vien: Vec<Person> = ds
                .dang_vien
                .iter()
                .filter(|d| d.xep_loai == level)
                .map(person)
                .collect();
            dang_vien.sort_by(by_name);
            (!chi_bo.is_empty() || !dang_vien.is_empty()).then_some(Nhom {
                key,
                ten,
                chi_bo,
                dang_vien,
            })
        })
        .collect();
    TongHop {
        theo_xep_loai,
        diem_binh_quan,
        tong_diem_binh_quan: mean(ds.chi_bo.iter().map(|c| c.tong_diem)),
        ky_cam_ket: ds.chi_bo.iter().filter(|c| c.ky_cam_ket).count(),
        tap_the_tieu_bieu: ds
            .chi_bo
            .iter()
            .filter(|c| c.tieu_bieu)
            .map(|c| c.ten.clone())
            .collect(),
        chi_bo,
        dang_vien,
        ca_nhan_tieu_bieu,
        dang_vien_xuat_sac,
        theo_chi_bo,
        so_sanh,
    }
}
