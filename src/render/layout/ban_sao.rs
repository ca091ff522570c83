//! The block of a bản sao (05-HD §III, Phụ lục 3; NĐ 30 Điều 25–27, Phụ lục I §III), decided once for
//! both formats: after the copied document, under a full-width solid rule, two columns whose parts the
//! profile orders (the Party's stamp on the left — heading, copying body, number, form, place and date,
//! recipients — and the signature on the right; NĐ 30's body, number and recipients on the left, form,
//! place and date and signature on the right).

use super::header::fill_date;
use super::numbering::number_text;
use super::signature::{NoiNhanBlock, SignatureColumn, recipients, signature_column};
use super::{Line, fixed_line};
use crate::ir::{BanSao, DocNumber, Document, HinhThucSao};
use crate::profile::{CopyPart, Profile};
use serde::Serialize;

/// One column of the block: centred lines, then the recipients (flush left), then a signature.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct CopyColumn {
    /// Centred lines, top to bottom.
    pub lines: Vec<Line>,
    /// The recipients, when this column holds them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub noi_nhan: Option<NoiNhanBlock>,
    /// The signature, when this column holds it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signature: Option<SignatureColumn>,
}

/// The bản sao block, ready to place.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BanSaoBlock {
    /// The left column.
    pub left: CopyColumn,
    /// The right column.
    pub right: CopyColumn,
    /// The left column is a stamp in a single-line box.
    pub left_boxed: bool,
    /// Space between the stamp's text and its box.
    pub box_pad_pt: f32,
    /// Width of the left column.
    pub left_mm: f32,
    /// Space between them.
    pub gap_mm: f32,
    /// Width of the right column.
    pub right_mm: f32,
    /// Space between the document and the full-width rule.
    pub space_before_pt: f32,
    /// Space between the rule and the columns.
    pub rule_gap_pt: f32,
}

/// The copy block of a document that is a bản sao, in a text block `text_width_mm` wide.
pub(super) fn ban_sao(doc: &Document, text_width_mm: f32, profile: &Profile) -> Option<BanSaoBlock> {
    let b = doc.ban_sao.as_ref()?;
    let st = &profile.ban_sao;
    let left = column(b, &st.trai, profile);
    let right = column(b, &st.phai, profile);
    let left_mm = st.trai_width_mm.min(text_width_mm / 2.0);
    let right_mm = profile.signature.width_mm.min(text_width_mm - left_mm);
    Some(BanSaoBlock {
        left,
        right,
        left_boxed: st.khung_trai,
        box_pad_pt: st.khung_pad_pt,
        left_mm,
        gap_mm: (text_width_mm - left_mm - right_mm).max(0.0),
        right_mm,
        space_before_pt: st.space_before_pt,
        rule_gap_pt: st.rule_gap_pt,
    })
}

fn column(b: &BanSao, parts: &[CopyPart], profile: &Profile) -> CopyColumn {
    let st = &profile.ban_sao;
    let form = match b.hinh_thuc {
        HinhThucSao::SaoY => &st.sao_y,
        HinhThucSao::SaoLuc => &st.sao_luc,
        HinhThucSao::TrichSao => &st.trich_sao,
    };
    let mut col = CopyColumn::default();
    for part in parts {
        match part {
            CopyPart::TieuDe if !st.tieu_de.trim().is_empty() => {
                col.lines
                    .push(fixed_line(st.tieu_de.trim(), st.tieu_de_style, profile));
            }
            CopyPart::TieuDe => {}
            CopyPart::CoQuan => col.lines.push(fixed_line(&b.co_quan, st.co_quan, profile)),
            CopyPart::So => {
                let number = DocNumber {
                    so: b.so.clone(),
                    loai: form.loai.clone(),
                    ky_hieu: b.ky_hieu.clone(),
                };
                let h = &profile.header;
                col.lines.push(fixed_line(
                    &number_text(&h.number_pattern, &number, &h.number_blank),
                    st.so,
                    profile,
                ));
            }
            CopyPart::HinhThuc => col.lines.push(fixed_line(&form.ten, st.hinh_thuc, profile)),
            CopyPart::Ngay => {
                let h = &profile.header;
                let text = match b.ngay {
                    Some(d) => fill_date(&h.date_pattern, &b.dia_danh, Some(d)),
                    None => fill_date(&h.date_blank, &b.dia_danh, None),
                };
                col.lines.push(fixed_line(&text, st.ngay, profile));
            }
            CopyPart::NoiNhan => {
                let nn = &b.noi_nhan;
                if !nn.items.is_empty() || nn.luu.as_deref().is_some_and(|l| !l.trim().is_empty())
                {
                    col.noi_nhan = Some(recipients(nn, &b.ky_hieu, profile));
                }
            }
            CopyPart::ChuKy => col.signature = Some(signature_column(&b.signature, profile.signature.blank_lines, profile)),
        }
    }
    col
}
