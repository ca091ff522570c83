//! The signature area after the body, decided once for both formats: which blocks it holds (the
//! issuer's signature, a second signature, the nơi nhận with the drafter's line), the columns' widths,
//! each signature column's lines and blank space (two names side by side on one baseline), and where the
//! signature and seal images go.

use super::{Line, cased};
use crate::ir::{self, Authority, Document, ImageRole, Picture, SigningImages};
use crate::profile::{Profile, TextStyle, apply_tone_style};
use serde::Serialize;

/// A signature column, top to bottom: label, authority, title, note, blank space, name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SignatureColumn {
    /// The lines above the blank space.
    pub top: Vec<Line>,
    /// Empty lines for the handwritten signature.
    pub blank_lines: u32,
    /// The exact height of each blank line: the name's size at the body's pitch-to-size ratio, more in
    /// the column beside a taller one, so that two names side by side share a baseline.
    pub blank_line_pt: f32,
    /// The name line (text may be empty).
    pub name: Line,
    /// Signature and seal images, placed relative to the blank space.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub images: Vec<PlacedImage>,
}

/// An image placed in a signature column. The origin is the top of the blank space (the first blank
/// line) at the column's left edge; offsets may be negative (a seal reaches over the chức vụ line and
/// left of the column). Both renderers anchor the picture there.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlacedImage {
    /// Signature or seal.
    pub role: ImageRole,
    /// Offset of the image's left edge from the column's left edge.
    pub x_mm: f32,
    /// Offset of the image's top edge from the top of the blank space.
    pub y_mm: f32,
    /// Width as printed.
    pub width_mm: f32,
    /// Height as printed.
    pub height_mm: f32,
}

/// The nơi nhận block, flush left.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NoiNhanBlock {
    /// "Nơi nhận:"; `None` for a block that holds only the drafter's line (a document without recipients).
    pub label: Option<Line>,
    /// "- Đảng ủy Khối …;" lines, punctuation included.
    pub items: Vec<Line>,
    /// The drafter's line (05-HD box 12), after `drafter_blank_lines` blank lines of its size.
    pub drafter: Option<Line>,
    /// Blank lines between the recipients and the drafter's line.
    pub drafter_blank_lines: u32,
}

/// What the signature area holds, decided once for both formats.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum SignatureArea {
    /// Nothing: a form whose signatures are all in its body, with no recipients.
    None,
    /// The issuer's signature on the right, nothing on the left.
    SignatureOnly {
        /// The signature.
        right: SignatureColumn,
    },
    /// The nơi nhận on the left, the signature on the right, side by side.
    NoiNhanAndSignature {
        /// The recipients.
        noi_nhan: NoiNhanBlock,
        /// The signature.
        right: SignatureColumn,
    },
    /// Two signatures side by side (a bản cam kết: the confirming body left, the signer right).
    TwoSignatures {
        /// The left signature.
        left: SignatureColumn,
        /// The right signature.
        right: SignatureColumn,
    },
    /// Two signatures side by side, then the nơi nhận under them on the left.
    TwoSignaturesThenNoiNhan {
        /// The left signature.
        left: SignatureColumn,
        /// The right signature.
        right: SignatureColumn,
        /// The recipients.
        noi_nhan: NoiNhanBlock,
    },
}

/// The widths of the signature area, in millimetres: a left column, a gap, a right column, summing to the
/// text width; and the nơi nhận's width when it stands under two signatures.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SignatureWidths {
    /// The left column (the nơi nhận or the second signature; empty for a signature alone).
    pub left_mm: f32,
    /// The space between the columns.
    pub gap_mm: f32,
    /// The right column (the issuer's signature).
    pub right_mm: f32,
    /// The nơi nhận under two signatures.
    pub noi_nhan_below_mm: f32,
}

/// Decides what the signature area holds and how wide its columns are.
pub(super) fn signature_area(
    doc: &Document,
    text_width_mm: f32,
    profile: &Profile,
) -> (SignatureArea, SignatureWidths) {
    let sig = |s: &ir::Signature| signature_column(s, profile.signature.blank_lines, profile);
    let mut right = sig(&doc.signatures.right);
    let mut left = doc.signatures.left.as_ref().map(sig);
    if let Some(left) = left.as_mut() {
        align_names(left, &mut right);
    }
    // The images go where the final blank space of the issuer's signature is.
    if let Some(images) = &doc.images {
        right.images = place_images(images, &right, profile);
    }
    let noi_nhan = noi_nhan_block(doc, profile);
    let right_mm = profile.signature.width_mm.min(text_width_mm);
    let noi_nhan_mm = profile.noi_nhan.width_mm.min(text_width_mm);
    let nothing = left.is_none() && noi_nhan.is_none() && doc.signatures.right.is_empty();
    let (area, left_wanted) = match (left, noi_nhan) {
        _ if nothing => (SignatureArea::None, profile.noi_nhan.width_mm),
        (Some(left), noi_nhan) => {
            let area = match noi_nhan {
                Some(noi_nhan) => SignatureArea::TwoSignaturesThenNoiNhan {
                    left,
                    right,
                    noi_nhan,
                },
                None => SignatureArea::TwoSignatures { left, right },
            };
            (area, profile.signature.width_mm)
        }
        (None, Some(noi_nhan)) => (
            SignatureArea::NoiNhanAndSignature { noi_nhan, right },
            profile.noi_nhan.width_mm,
        ),
        (None, None) => (
            SignatureArea::SignatureOnly { right },
            profile.noi_nhan.width_mm,
        ),
    };
    let left_mm = left_wanted.min(text_width_mm - right_mm).max(0.0);
    let widths = SignatureWidths {
        left_mm,
        gap_mm: (text_width_mm - left_mm - right_mm).max(0.0),
        right_mm,
        noi_nhan_below_mm: noi_nhan_mm,
    };
    (area, widths)
}

/// The nơi nhận block with the drafter's line, if either exists.
fn noi_nhan_block(doc: &Document, profile: &Profile) -> Option<NoiNhanBlock> {
    let fix = |s: &str| apply_tone_style(s, profile.text.tone_style);
    let st = &profile.noi_nhan;
    let drafter = doc
        .drafter
        .as_deref()
        .filter(|d| !d.trim().is_empty())
        .map(|d| Line {
            text: cased(&fix(d.trim()), profile.drafter.style.upper),
            style: profile.drafter.style,
            rule: None,
        });
    let Some(nn) = doc.noi_nhan.as_ref() else {
        return drafter.map(|d| NoiNhanBlock {
            label: None,
            items: Vec::new(),
            drafter: Some(d),
            drafter_blank_lines: 0,
        });
    };
    let mut texts: Vec<String> = nn.items.iter().map(|i| fix(i.trim())).collect();
    if let Some(luu) = nn.luu.as_deref().filter(|l| !l.trim().is_empty()) {
        let ky_hieu = doc
            .header
            .number
            .as_ref()
            .map(|n| n.ky_hieu.as_str())
            .unwrap_or("");
        texts.push(fix(&st
            .luu_pattern
            .replace("{luu}", luu.trim())
            .replace("{ky_hieu}", ky_hieu)));
    }
    let n = texts.len();
    let items = texts
        .into_iter()
        .enumerate()
        .map(|(i, t)| {
            let t = t.trim_end_matches([',', ';', '.']).to_owned();
            let end = if i + 1 == n { &st.last } else { &st.separator };
            Line {
                text: format!("{}{t}{end}", st.marker),
                style: st.item,
                rule: None,
            }
        })
        .collect();
    Some(NoiNhanBlock {
        label: Some(Line {
            text: fix(&st.label_text),
            style: st.label,
            rule: None,
        }),
        items,
        drafter,
        drafter_blank_lines: profile.drafter.blank_lines,
    })
}

/// A signature column with `blank_lines` empty lines for the handwritten signature.
fn signature_column(s: &ir::Signature, blank_lines: u32, profile: &Profile) -> SignatureColumn {
    let st = &profile.signature;
    let fix = |t: &str, style: TextStyle| Line {
        text: cased(
            &apply_tone_style(t.trim(), profile.text.tone_style),
            style.upper,
        ),
        style,
        rule: None,
    };
    let mut top = Vec::new();
    if let Some(label) = s.label.as_deref().filter(|l| !l.trim().is_empty()) {
        top.push(fix(label, st.label));
    }
    let prefix = s.authority.map(|a| match a {
        Authority::ThayMat => &st.prefix.thay_mat,
        Authority::KyThay => &st.prefix.ky_thay,
        Authority::ThuaLenh => &st.prefix.thua_lenh,
        Authority::UyQuyen => &st.prefix.uy_quyen,
        Authority::Quyen => &st.prefix.quyen,
    });
    let to_chuc = s.to_chuc.as_deref().unwrap_or("").trim();
    match (prefix, to_chuc.is_empty()) {
        (Some(p), false) => top.push(fix(&format!("{p} {to_chuc}"), st.authority)),
        (None, false) => top.push(fix(to_chuc, st.authority)),
        _ => {}
    }
    if let Some(cv) = s.chuc_vu.as_deref().filter(|c| !c.trim().is_empty()) {
        // "K/T TRƯỞNG BAN" style: with no body, the prefix goes before the title.
        let text = match (prefix, to_chuc.is_empty()) {
            (Some(p), true) => format!("{p} {cv}"),
            _ => cv.to_owned(),
        };
        top.push(fix(&text, st.chuc_vu));
    }
    if let Some(note) = s.ghi_chu.as_deref().filter(|c| !c.trim().is_empty()) {
        top.push(fix(note, st.ghi_chu));
    }
    SignatureColumn {
        top,
        blank_lines,
        blank_line_pt: st.name.size_pt * profile.body.line_pitch_pt / profile.body.size_pt,
        name: fix(&s.ho_ten, st.name),
        images: Vec::new(),
    }
}

/// A row of signature blocks in a form's body: the left block, the right one or both, each in a column
/// of the profile's `[signing]` width at its edge of the text block; two side by side sign on one
/// baseline. The writers keep the row whole, and keep the block before it on its page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SigningRow {
    /// The left block.
    pub left: Option<SignatureColumn>,
    /// The right block.
    pub right: Option<SignatureColumn>,
    /// The left column's width (0 without a left block).
    pub left_mm: f32,
    /// The space between the columns.
    pub gap_mm: f32,
    /// The right column's width (0 without a right block).
    pub right_mm: f32,
    /// Space above the row.
    pub space_before_pt: f32,
    /// Space below it.
    pub space_after_pt: f32,
}

/// Lays out a row of signature blocks in a text block `text_width_mm` wide.
pub(super) fn signing_row(s: &ir::Signing, text_width_mm: f32, profile: &Profile) -> SigningRow {
    let st = &profile.signing;
    let col = |s: &ir::Signature| signature_column(s, st.blank_lines, profile);
    let mut left = s.left.as_ref().map(col);
    let mut right = s.right.as_ref().map(col);
    if let (Some(l), Some(r)) = (left.as_mut(), right.as_mut()) {
        align_names(l, r);
    }
    let width = st.width_mm.min(text_width_mm / 2.0);
    let (left_mm, right_mm) = match (&left, &right) {
        (Some(_), Some(_)) => (width, width),
        (Some(_), None) => (width, 0.0),
        (None, Some(_)) => (0.0, width),
        (None, None) => (0.0, 0.0),
    };
    SigningRow {
        left,
        right,
        left_mm,
        gap_mm: (text_width_mm - left_mm - right_mm).max(0.0),
        right_mm,
        space_before_pt: st.space_before_pt,
        space_after_pt: st.space_after_pt,
    }
}

/// The height of a signature column's lines above its blank space, in points: fixed lines are set at
/// single spacing in both formats ([`crate::fonts::line_metrics`]).
pub(super) fn top_height_pt(column: &SignatureColumn) -> f32 {
    let single = crate::fonts::line_metrics().single_em;
    column.top.iter().map(|l| l.style.size_pt * single).sum()
}

/// Two signatures side by side sign on one line: the column whose lines above are shorter gets that
/// much more blank space, spread over its blank lines, so that both names share a baseline.
fn align_names(a: &mut SignatureColumn, b: &mut SignatureColumn) {
    let (ha, hb) = (top_height_pt(a), top_height_pt(b));
    let (short, missing) = if ha < hb { (a, hb - ha) } else { (b, ha - hb) };
    if missing <= 0.0 {
        return;
    }
    if short.blank_lines == 0 {
        short.blank_lines = 1;
        short.blank_line_pt = missing;
    } else {
        short.blank_line_pt += missing / short.blank_lines as f32;
    }
}

/// The printed size of a picture: from its resolution, or the profile's default width.
fn picture_size_mm(p: &Picture, default_width_mm: f32) -> (f32, f32) {
    let (w, h) = (p.width_px.max(1) as f32, p.height_px.max(1) as f32);
    match p.px_per_metre {
        Some((x, y)) if x > 0 && y > 0 => (w / x as f32 * 1000.0, h / y as f32 * 1000.0),
        _ => (default_width_mm, default_width_mm * h / w),
    }
}

/// Places the signature image centred in the blank space between the chức vụ and the name (scaled
/// down, never up, to fit it), and the seal at its real size, its centre level with the signature's,
/// covering the left `con_dau_overlap` of the signature (05-HD §I.7.2.2, §I.8.2.2–3; NĐ 30 Phụ lục I).
fn place_images(
    images: &SigningImages,
    column: &SignatureColumn,
    profile: &Profile,
) -> Vec<PlacedImage> {
    const MM_PER_PT: f32 = 25.4 / 72.0;
    let st = &profile.images;
    let pad = profile.signature.cell_margin_mm;
    let inner_w = (profile.signature.width_mm - 2.0 * pad).max(1.0);
    let blank_h = (column.blank_lines as f32 * column.blank_line_pt * MM_PER_PT).max(1.0);
    let mut out = Vec::new();
    // The signature's box: the image's, or a default-width box where a signature would go.
    let (sw, sh) = match &images.chu_ky {
        Some(p) => {
            let (w, h) = picture_size_mm(p, st.chu_ky_width_mm);
            let scale = (inner_w / w).min(blank_h / h).min(1.0);
            (w * scale, h * scale)
        }
        None => (st.chu_ky_width_mm.min(inner_w), blank_h),
    };
    let sx = pad + (inner_w - sw) / 2.0;
    let sy = (blank_h - sh) / 2.0;
    if images.chu_ky.is_some() {
        out.push(PlacedImage {
            role: ImageRole::ChuKy,
            x_mm: sx,
            y_mm: sy,
            width_mm: sw,
            height_mm: sh,
        });
    }
    if let Some(p) = &images.con_dau {
        let (w, h) = picture_size_mm(p, st.con_dau_width_mm);
        out.push(PlacedImage {
            role: ImageRole::ConDau,
            x_mm: sx + st.con_dau_overlap * sw - w,
            y_mm: sy + sh / 2.0 - h / 2.0,
            width_mm: w,
            height_mm: h,
        });
    }
    out
}
