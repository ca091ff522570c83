//! The data templates see: `org`, `chi_bo`, `dang_vien`, `tong_hop`, `nhan_dinh`, `nam`, and per form
//! `cb` + `cb_dang_vien` (one chi bộ and its members in sheet order) or `dv` + `dv_chi_bo` (one đảng
//! viên and its chi bộ).

use crate::model::{ChiBo, DangVien, Dataset, TongHop};
use minijinja::Value;
use minijinja::value::Serde;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
struct Base<'a> {
    org: &'a crate::model::Org,
    chi_bo: &'a [ChiBo],
    dang_vien: &'a [DangVien],
    tong_hop: &'a TongHop,
    /// Prose by section key ("uu_diem" → paragraphs).
    nhan_dinh: BTreeMap<&'a str, &'a [String]>,
    /// The sections in sheet order.
    nhan_dinh_muc: &'a [crate::model::NhanDinh],
    /// The evaluation year: "Năm", else the year of the report or plan.
    nam: Option<i64>,
}

/// The context shared by every document of a dataset (built once; cloning a `Value` is cheap).
pub fn base(ds: &Dataset, tong_hop: &TongHop) -> Value {
    let year_of = |iso: &Option<String>| {
        iso.as_deref()
            .and_then(|s| s.get(..4))
            .and_then(|y| y.parse().ok())
    };
    let nam = ds
        .org
        .nam
        .or_else(|| year_of(&ds.org.ngay_bao_cao))
        .or_else(|| year_of(&ds.org.ngay_cam_ket))
        .or_else(|| year_of(&ds.org.ngay_ke_hoach));
    Value::from(Serde(Base {
        org: &ds.org,
        chi_bo: &ds.chi_bo,
        dang_vien: &ds.dang_vien,
        tong_hop,
        nhan_dinh: ds
            .nhan_dinh
            .iter()
            .map(|n| (n.key.as_str(), n.noi_dung.as_slice()))
            .collect(),
        nhan_dinh_muc: &ds.nhan_dinh,
        nam,
    }))
}

/// The context of one chi bộ's form: the base plus `cb` and `cb_dang_vien` (its members, in the order
/// of sheet "Đảng viên").
pub fn for_chi_bo(base: &Value, cb: &ChiBo, members: &[&DangVien]) -> Value {
    minijinja::context! {
        cb => Value::from(Serde(cb)),
        cb_dang_vien => Value::from(Serde(members)),
        ..base.clone()
    }
}

/// The context of one đảng viên's form: the base plus `dv` and `dv_chi_bo`.
pub fn for_dang_vien(base: &Value, dv: &DangVien, chi_bo: Option<&ChiBo>) -> Value {
    minijinja::context! {
        dv => Value::from(Serde(dv)),
        dv_chi_bo => Value::from(Serde(chi_bo)),
        ..base.clone()
    }
}

/// The same context with `org` replaced: a document numbered from the register sees its number where it
/// would see the workbook's (`org.so_thong_bao` …).
pub fn with_org(ctx: &Value, org: &crate::model::Org) -> Value {
    minijinja::context! { org => Value::from(Serde(org)), ..ctx.clone() }
}
