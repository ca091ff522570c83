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

/// The context of the form of đảng viên `i` of `ds` (sheet order): the base plus `dv` and `dv_chi_bo`.
///
/// Both are taken from the base's own `dang_vien` and `chi_bo` lists (the same serialisation, shared)
/// instead of serialised again for every row: a batch builds every row's context before it starts, and
/// 10,000 members each with a copy of themselves and of their chi bộ held about 18 MB.
pub fn for_dang_vien(base: &Value, ds: &Dataset, i: usize) -> Value {
    let dv = &ds.dang_vien[i];
    let chi_bo = ds.chi_bo_named(&dv.chi_bo);
    let item = |list: &str, at: usize| {
        base.get_attr(list)
            .and_then(|l| l.get_item(&Value::from(at)))
            .ok()
            .filter(|v| !v.is_undefined())
    };
    let dv_value = item("dang_vien", i).unwrap_or_else(|| Value::from(Serde(dv)));
    let chi_bo_value = chi_bo
        .and_then(|cb| ds.chi_bo.iter().position(|c| std::ptr::eq(c, cb)))
        .and_then(|at| item("chi_bo", at))
        .unwrap_or_else(|| Value::from(Serde(chi_bo)));
    minijinja::context! {
        dv => dv_value,
        dv_chi_bo => chi_bo_value,
        ..base.clone()
    }
}

/// The same context with `org` replaced: a document numbered from the register sees its number where it
/// would see the workbook's (`org.so_thong_bao` …).
pub fn with_org(ctx: &Value, org: &crate::model::Org) -> Value {
    minijinja::context! { org => Value::from(Serde(org)), ..ctx.clone() }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::model::VnCollator;

    /// A form's `dv` and `dv_chi_bo`, taken from the base's lists, are the values serialised on their
    /// own, for every member (one without a chi bộ of that name too).
    #[test]
    fn a_member_s_context_holds_the_same_values_as_serialised_alone() {
        let data = crate::sample::sample_data().to_xlsx().unwrap();
        let wb = crate::workbook::Workbook::from_bytes(data, "mau.xlsx", &Default::default()).unwrap();
        let rules = crate::profile::Profile::dang().rules;
        let mut ds = crate::model::load(&wb, crate::model::Needs { dang_vien: true }, &rules).dataset;
        ds.dang_vien[1].chi_bo = "Chi bộ không có".into();
        let th = ds.tong_hop(&VnCollator::new());
        let base = base(&ds, &th);
        for (i, dv) in ds.dang_vien.iter().enumerate() {
            let ctx = for_dang_vien(&base, &ds, i);
            assert_eq!(ctx.get_attr("dv").unwrap(), Value::from(Serde(dv)));
            assert_eq!(
                ctx.get_attr("dv_chi_bo").unwrap(),
                Value::from(Serde(ds.chi_bo_named(&dv.chi_bo)))
            );
            assert_eq!(ctx.get_attr("org").unwrap(), base.get_attr("org").unwrap());
        }
    }
}
