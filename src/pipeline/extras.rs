//! The optional parts a request adds to a document: khẩn and mật marks and the draft mark
//! (`--khan`, `--mat`, `--du-thao N`, over what the kind's front matter says), the circulation and the
//! number of copies and the contact details from Thông tin when the kind names none, and the bản sao block (`--ban-sao`,
//! `--so-ban-sao N`). A draft never takes a number.

use crate::error::{Error, Result};
use crate::ir::{BanSao, Date, DoKhan, DoMat, Document, HinhThucSao, NoiNhan};
use crate::model::Org;
use crate::profile::{CopyForm, Profile};

/// A bản sao asked for: its form, its own number (without `--cap-so`), its date and recipients.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyRequest {
    /// Sao y, sao lục or trích sao.
    pub hinh_thuc: HinhThucSao,
    /// The copy's number in the copies' series (`--so-ban-sao N`); `None` leaves the blank, or takes
    /// the next from the register with `--cap-so`.
    pub so: Option<u32>,
    /// The date of the copy; `None`: today.
    pub ngay: Option<Date>,
    /// Who receives the copy (the original's lưu line is kept).
    pub noi_nhan: Vec<String>,
}

/// The optional parts of one request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extras {
    /// Mức độ khẩn (`--khan`), over the kind's.
    pub khan: Option<DoKhan>,
    /// Độ mật (`--mat`), over the kind's.
    pub mat: Option<DoMat>,
    /// A draft's number (`--du-thao N`), over the kind's.
    pub du_thao: Option<u32>,
    /// The document is a bản sao (`--ban-sao`).
    pub ban_sao: Option<CopyRequest>,
}

impl Extras {
    /// True when the request asks for nothing.
    pub fn is_empty(&self) -> bool {
        *self == Extras::default()
    }
}

/// The form of copy a profile writes for `h`: its name and its numbers' type code.
pub(crate) fn copy_form(profile: &Profile, h: HinhThucSao) -> &CopyForm {
    match h {
        HinhThucSao::SaoY => &profile.ban_sao.sao_y,
        HinhThucSao::SaoLuc => &profile.ban_sao.sao_luc,
        HinhThucSao::TrichSao => &profile.ban_sao.trich_sao,
    }
}

/// Adds the request's parts to a document made from a workbook whose Thông tin is `org`; `today` dates a
/// copy that names no date.
pub(crate) fn apply(
    doc: &mut Document,
    org: &Org,
    extras: &Extras,
    profile: &Profile,
    today: Date,
) {
    let m = &mut doc.marks;
    if m.luu_hanh.is_none() {
        m.luu_hanh = org.luu_hanh.clone().filter(|t| !t.trim().is_empty());
    }
    if m.lien_he.is_none() {
        m.lien_he = org.lien_he.clone().filter(|t| !t.trim().is_empty());
    }
    if m.so_ban.is_none() {
        m.so_ban = org
            .so_ban
            .and_then(|n| u32::try_from(n).ok())
            .filter(|n| *n > 0);
    }
    m.khan = extras.khan.or(m.khan);
    m.mat = extras.mat.or(m.mat);
    m.du_thao = extras.du_thao.or(m.du_thao);
    if let Some(c) = &extras.ban_sao {
        let ky_hieu = doc
            .header
            .number
            .as_ref()
            .map(|n| n.ky_hieu.clone())
            .filter(|k| !k.trim().is_empty())
            .unwrap_or_else(|| org.ky_hieu.clone());
        let width = usize::from(profile.numbering.padding);
        doc.ban_sao = Some(BanSao {
            hinh_thuc: c.hinh_thuc,
            so: c.so.map(|n| format!("{n:0width$}")),
            co_quan: doc.header.co_quan.clone(),
            ky_hieu,
            dia_danh: doc.header.dia_danh.clone(),
            ngay: Some(c.ngay.unwrap_or(today)),
            signature: doc.signatures.right.clone(),
            noi_nhan: NoiNhan {
                items: c.noi_nhan.clone(),
                luu: doc.noi_nhan.as_ref().and_then(|n| n.luu.clone()),
            },
        });
    }
}

/// The usage error for a draft asked to take a number: a draft is not issued.
pub(crate) fn refuse_numbered_draft(doc: &Document) -> Result<()> {
    match doc.marks.du_thao {
        None => Ok(()),
        Some(n) => Err(Error::usage(
            format!("văn bản là dự thảo (dự thảo lần {n}): dự thảo không được cấp số"),
            "bỏ --cap-so (hoặc bỏ --du-thao / khóa du_thao của mẫu khi văn bản đã được ký)",
        )),
    }
}
