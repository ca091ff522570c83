//! The resolved page: the IR with the profile's text conventions applied, shared by both renderers.
//!
//! Resolution turns roles into final strings (the number "Số 09-KH/ĐU", the date line, heading numbers
//! "I.", list markers, authority prefixes, nơi nhận punctuation, upper case, tone style) and attaches the
//! profile style of each piece. It also takes every geometric decision both formats share: the page box
//! of each section, table column widths ([`table`]), the arrangement of the signature area, the place of
//! the addressee block. The DOCX and PDF renderers only place what this module produced, so the two files
//! always agree in content and shape.

mod appendix;
mod table;

pub use appendix::AppendixLayout;
pub use table::LTable;

use crate::fonts;
use crate::ir::{
    self, AddresseeLabel, Authority, Block, Document, ImageRole, Inline, Picture, SigningImages,
};
use crate::profile::{HeadingStyle, Mark, Numbering, Profile, TextStyle, apply_tone_style};
use serde::Serialize;

/// Points per millimetre.
const PT_PER_MM: f32 = 72.0 / 25.4;

/// A page's size and margins, in millimetres, as the section it belongs to uses them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PageBox {
    /// Paper width (the long side for a landscape page).
    pub width_mm: f32,
    /// Paper height.
    pub height_mm: f32,
    /// Top margin.
    pub margin_top_mm: f32,
    /// Bottom margin.
    pub margin_bottom_mm: f32,
    /// Left margin.
    pub margin_left_mm: f32,
    /// Right margin.
    pub margin_right_mm: f32,
    /// Whether the page is turned (wider than high).
    pub landscape: bool,
}

impl PageBox {
    /// The profile's upright page.
    pub fn portrait(profile: &Profile) -> Self {
        let p = &profile.page;
        Self {
            width_mm: p.width_mm,
            height_mm: p.height_mm,
            margin_top_mm: p.margin_top_mm,
            margin_bottom_mm: p.margin_bottom_mm,
            margin_left_mm: p.margin_left_mm,
            margin_right_mm: p.margin_right_mm,
            landscape: false,
        }
    }

    /// The width of the text block.
    pub fn text_width_mm(&self) -> f32 {
        self.width_mm - self.margin_left_mm - self.margin_right_mm
    }
}

/// One line of fixed text with its style and, optionally, a centred rule under it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Line {
    /// The text; may contain `\n` for a deliberate line break.
    pub text: String,
    /// Its style (size, emphasis).
    pub style: TextStyle,
    /// A solid rule under the text, as a fraction of the text's width.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<f32>,
}

/// A paragraph-level block, ready to place.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum LBlock {
    /// A heading: number and text already joined, case applied.
    Heading {
        /// Level from 1.
        level: u8,
        /// The runs ("I. MỤC ĐÍCH, YÊU CẦU"); the heading's bold/italic is applied to every run.
        runs: Vec<Inline>,
    },
    /// A justified body paragraph with first-line indent.
    Paragraph {
        /// The runs.
        runs: Vec<Inline>,
    },
    /// A list item: a body paragraph that starts with a literal marker ("- ", "+ ").
    ListItem {
        /// Depth from 1.
        depth: u8,
        /// The runs, marker included as the first run.
        runs: Vec<Inline>,
    },
    /// A bordered table, its columns sized.
    Table(LTable),
    /// A small italic note.
    Note {
        /// The runs.
        runs: Vec<Inline>,
    },
    /// A centred line set apart from the body (the enacting line "ĐẢNG ỦY … QUYẾT ĐỊNH:").
    Centred {
        /// The line.
        line: Line,
        /// Space above.
        space_before_pt: f32,
        /// Space below.
        space_after_pt: f32,
    },
}

/// "Kính gửi:" / "Kính trình:" and the bodies addressed, under the title block: the label, then the
/// recipients in a column that starts on the label's line, the block centred on the text width.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AddresseeBlock {
    /// The label ("Kính trình:").
    pub label: Line,
    /// The recipients, marker and punctuation included; the first stands on the label's line.
    pub items: Vec<Line>,
    /// Distance of the label from the left edge of the text block.
    pub indent_mm: f32,
    /// The width of the label's column (the label and a space); the recipients start there, and their
    /// wrapped lines too.
    pub label_mm: f32,
    /// Space above.
    pub space_before_pt: f32,
    /// Space below.
    pub space_after_pt: f32,
}

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

/// Document properties written to both files: DOCX `docProps/core.xml`, the PDF's document information
/// dictionary and XMP.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Metadata {
    /// Tên loại and trích yếu ("Kế hoạch xây dựng mô hình chi bộ “4 tốt”").
    pub title: String,
    /// The issuing body as the workbook writes it.
    pub author: String,
    /// The citation form: "Kế hoạch số 09-KH/ĐU, ngày 29/7/2022".
    pub subject: String,
    /// The language tag (vi-VN).
    pub language: String,
    /// The document's date (creation date of both files); `None` when the document is undated.
    pub date: Option<ir::Date>,
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

/// The widths of page 1's header columns, in millimetres: left (bodies, number), gap, right (national
/// line, date), summing to the text width.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct HeaderColumns {
    /// The left column.
    pub left_mm: f32,
    /// The space between them.
    pub gap_mm: f32,
    /// The right column.
    pub right_mm: f32,
}

/// A whole resolved document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Layout {
    /// The main text's page (upright).
    pub page: PageBox,
    /// Header, left column, top rows: superior body, issuing body, its mark (a "*" line, or a rule on
    /// the issuing body's line).
    pub header_left: Vec<Line>,
    /// Header, right column, top rows: the national or Party line(s).
    pub header_right: Vec<Line>,
    /// Header, left column, bottom row: the number line, if the document has one.
    pub number: Option<Line>,
    /// Header, right column, bottom row: the place-and-date line.
    pub date: Line,
    /// The header's column widths.
    pub header_columns: HeaderColumns,
    /// Centred title lines: tên loại, trích yếu, and the separator ("-----" or a rule on the trích yếu).
    pub title: Vec<Line>,
    /// "Kính gửi:" / "Kính trình:" under the title, if the document is addressed.
    pub addressees: Option<AddresseeBlock>,
    /// The body: the căn cứ lines (paragraphs), the enacting line ([`LBlock::Centred`]), then the text.
    pub blocks: Vec<LBlock>,
    /// The signature area.
    pub signature: SignatureArea,
    /// Its widths.
    pub signature_widths: SignatureWidths,
    /// The appendices, each a section of its own after the signatures.
    pub appendices: Vec<AppendixLayout>,
    /// Document properties.
    pub meta: Metadata,
}

/// Resolves a document against a profile.
pub fn resolve(doc: &Document, profile: &Profile) -> Layout {
    let _timing = crate::timing::span(crate::timing::Stage::Layout);
    let tone = profile.text.tone_style;
    let fix = |s: &str| apply_tone_style(s, tone);
    let line = |text: &str, style: TextStyle| Line {
        text: cased(&fix(text), style.upper),
        style,
        rule: None,
    };
    let h = &profile.header;

    let mut header_left = Vec::new();
    if let Some(cap_tren) = doc
        .header
        .cap_tren
        .as_deref()
        .filter(|s| !s.trim().is_empty())
    {
        header_left.push(line(cap_tren, h.cap_tren));
    }
    let mut co_quan = line(&doc.header.co_quan, h.co_quan);
    match mark_line(&h.co_quan_mark, h.co_quan) {
        MarkKind::Text(mark) => {
            header_left.push(co_quan);
            header_left.push(mark);
        }
        MarkKind::Rule(f) => {
            co_quan.rule = Some(f);
            header_left.push(co_quan);
        }
        MarkKind::None => header_left.push(co_quan),
    }

    let header_right: Vec<Line> = h
        .national
        .iter()
        .map(|n| Line {
            text: fix(&n.text),
            style: TextStyle {
                size_pt: n.size_pt,
                bold: n.bold,
                italic: n.italic,
                ..TextStyle::default()
            },
            rule: n.rule,
        })
        .collect();

    let number = doc.header.number.as_ref().map(|n| {
        let so =
            n.so.as_deref()
                .filter(|s| !s.trim().is_empty())
                .unwrap_or(&h.number_blank);
        let text = h
            .number_pattern
            .replace("{so}", so)
            .replace("{loai}", &n.loai)
            .replace("{ky_hieu}", &n.ky_hieu);
        line(&text, h.number)
    });

    let date_text = match doc.header.ngay {
        Some(d) => fill_date(&h.date_pattern, &doc.header.dia_danh, Some(d)),
        None => fill_date(&h.date_blank, &doc.header.dia_danh, None),
    };
    let date = line(&date_text, h.date);

    let t = &profile.title;
    let mut title = vec![line(&doc.title.ten_loai, t.ten_loai)];
    let mut trich_yeu = ir::plain_text(&doc.title.trich_yeu);
    if t.trich_yeu_capitalize {
        trich_yeu = capitalize_first(&trich_yeu);
    }
    let mut last_style = t.ten_loai;
    if !trich_yeu.trim().is_empty() {
        title.push(line(&trich_yeu, t.trich_yeu));
        last_style = t.trich_yeu;
    }
    match mark_line(&t.separator, last_style) {
        MarkKind::Text(mark) => title.push(mark),
        MarkKind::Rule(f) => {
            if let Some(last) = title.last_mut() {
                last.rule = Some(f);
            }
        }
        MarkKind::None => {}
    }

    let page = PageBox::portrait(profile);
    let text_width = page.text_width_mm();
    let left_lines: Vec<&Line> = header_left.iter().chain(number.iter()).collect();
    let right_lines: Vec<&Line> = header_right.iter().chain(std::iter::once(&date)).collect();
    let header_columns = header_columns(&left_lines, &right_lines, text_width, profile);
    let addressees = doc
        .addressees
        .as_ref()
        .filter(|a| a.items.iter().any(|i| !i.trim().is_empty()))
        .map(|a| addressee_block(a, text_width, profile));

    let mut blocks = can_cu_blocks(&doc.can_cu, profile);
    if let Some(enacting) = doc.enacting.as_deref().filter(|e| !e.trim().is_empty()) {
        let e = &profile.enacting;
        blocks.push(LBlock::Centred {
            line: line(enacting.trim(), e.style),
            space_before_pt: e.space_before_pt,
            space_after_pt: e.space_after_pt,
        });
    }
    blocks.extend(resolve_blocks(&doc.blocks, text_width, profile));

    let (signature, signature_widths) = signature_area(doc, text_width, profile);
    let appendices = appendix::appendices(doc, profile);
    let meta = metadata(doc, profile, number.as_ref());

    Layout {
        page,
        header_left,
        header_right,
        number,
        date,
        header_columns,
        title,
        addressees,
        blocks,
        signature,
        signature_widths,
        appendices,
        meta,
    }
}

/// The first letter in upper case, the rest as written ("xây dựng …" → "Xây dựng …").
fn capitalize_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Title, author, subject, language and date of the document.
fn metadata(doc: &Document, profile: &Profile, number: Option<&Line>) -> Metadata {
    let tone = profile.text.tone_style;
    let ten_loai = apply_tone_style(doc.title.ten_loai.trim(), tone);
    let trich_yeu = ir::plain_text(&doc.title.trich_yeu).replace('\n', " ");
    let trich_yeu = apply_tone_style(trich_yeu.trim(), tone);
    let title = format!("{ten_loai} {trich_yeu}").trim().to_owned();
    // The citation form (05-HD §I.6.1.4): "Kế hoạch số 09-KH/ĐU, ngày 29/7/2022".
    let mut subject = ten_loai.clone();
    if let Some(n) = number {
        let so = n
            .text
            .trim_start_matches("Số:")
            .trim_start_matches("Số")
            .trim();
        subject.push_str(&format!(" số {so}"));
    }
    if let Some(d) = doc.header.ngay {
        subject.push_str(&format!(", ngày {}/{}/{}", d.day, d.month, d.year));
    }
    Metadata {
        title,
        author: apply_tone_style(doc.header.co_quan.trim(), tone),
        subject,
        language: profile.fonts.language.clone(),
        date: doc.header.ngay,
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

/// The widest line of a column, unbroken, in millimetres.
fn natural_mm(lines: &[&Line]) -> f32 {
    lines
        .iter()
        .flat_map(|l| l.text.split('\n').map(move |t| (t, l.style)))
        .map(|(t, st)| fonts::text_width_pt(t, st.size_pt, st.bold, st.italic) / PT_PER_MM)
        .fold(0.0, f32::max)
}

/// The header columns take the profile's widths. When one column's longest line does not fit in its
/// width, it first takes the free space between the columns and then the other column's spare width
/// (what that column's own longest line leaves), so a long name stays on one line whenever the header
/// has room.
fn header_columns(
    left: &[&Line],
    right: &[&Line],
    text_width_mm: f32,
    profile: &Profile,
) -> HeaderColumns {
    let h = &profile.header;
    let pad = 2.0 * h.cell_margin_mm;
    let (mut l, mut r) = (h.left_width_mm, h.right_width_mm);
    let gap = (text_width_mm - l - r).max(0.0);
    let left_need = natural_mm(left) + pad - l;
    let right_need = natural_mm(right) + pad - r;
    let mut taken = 0.0;
    if left_need > 0.0 {
        let from_gap = left_need.min(gap);
        let from_right = (left_need - from_gap).min(-right_need).max(0.0);
        l += from_gap + from_right;
        r -= from_right;
        taken = from_gap;
    } else if right_need > 0.0 {
        let from_gap = right_need.min(gap);
        let from_left = (right_need - from_gap).min(-left_need).max(0.0);
        r += from_gap + from_left;
        l -= from_left;
        taken = from_gap;
    }
    HeaderColumns {
        left_mm: l,
        gap_mm: gap - taken,
        right_mm: r,
    }
}

/// The căn cứ lines as body paragraphs: marker, text, ";" and "." on the last (per the profile).
fn can_cu_blocks(lines: &[String], profile: &Profile) -> Vec<LBlock> {
    let st = &profile.can_cu;
    let lines: Vec<&str> = lines
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .collect();
    let n = lines.len();
    lines
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let body = l.trim_end_matches([',', ';', '.']);
            let end = if i + 1 == n { &st.last } else { &st.separator };
            LBlock::Paragraph {
                runs: vec![Inline::Text {
                    text: apply_tone_style(
                        &format!("{}{body}{end}", st.marker),
                        profile.text.tone_style,
                    ),
                    bold: false,
                    italic: st.italic,
                }],
            }
        })
        .collect()
}

/// The addressee block: one recipient on the label's line without a marker; several as "- …;" lines,
/// the first on the label's line. The block is centred on the text width when it fits on one line each.
fn addressee_block(a: &ir::Addressees, text_width_mm: f32, profile: &Profile) -> AddresseeBlock {
    let st = &profile.addressees;
    let fix = |t: &str| apply_tone_style(t, profile.text.tone_style);
    let label_text = match a.label {
        AddresseeLabel::KinhGui => &st.kinh_gui,
        AddresseeLabel::KinhTrinh => &st.kinh_trinh,
    };
    let label = Line {
        text: cased(&fix(label_text), st.label.upper),
        style: st.label,
        rule: None,
    };
    let texts: Vec<&str> = a
        .items
        .iter()
        .map(|i| i.trim().trim_end_matches([',', ';', '.']))
        .filter(|i| !i.is_empty())
        .collect();
    let n = texts.len();
    let items: Vec<Line> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let text = if n == 1 {
                format!("{t}{}", st.single_end)
            } else {
                let end = if i + 1 == n { &st.last } else { &st.separator };
                format!("{}{t}{end}", st.marker)
            };
            Line {
                text: cased(&fix(&text), st.item.upper),
                style: st.item,
                rule: None,
            }
        })
        .collect();
    let width = |l: &Line| {
        fonts::text_width_pt(&l.text, l.style.size_pt, l.style.bold, l.style.italic) / PT_PER_MM
    };
    let label_mm = width(&Line {
        text: format!("{} ", label.text),
        ..label.clone()
    });
    let widest = items.iter().map(width).fold(0.0, f32::max);
    let indent_mm = ((text_width_mm - label_mm - widest) / 2.0).max(0.0);
    AddresseeBlock {
        label,
        items,
        indent_mm,
        label_mm,
        space_before_pt: st.space_before_pt,
        space_after_pt: st.space_after_pt,
    }
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

/// Decides what the signature area holds and how wide its columns are.
fn signature_area(
    doc: &Document,
    text_width_mm: f32,
    profile: &Profile,
) -> (SignatureArea, SignatureWidths) {
    let sig = |s: &ir::Signature| signature_column(s, profile);
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
    let (area, left_wanted) = match (left, noi_nhan) {
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

enum MarkKind {
    Text(Line),
    Rule(f32),
    None,
}

fn mark_line(mark: &Mark, base: TextStyle) -> MarkKind {
    if let Some(text) = &mark.text {
        MarkKind::Text(Line {
            text: text.clone(),
            style: TextStyle {
                size_pt: mark.size_pt.unwrap_or(base.size_pt),
                ..TextStyle::default()
            },
            rule: None,
        })
    } else if let Some(f) = mark.rule {
        MarkKind::Rule(f)
    } else {
        MarkKind::None
    }
}

fn fill_date(pattern: &str, dia_danh: &str, date: Option<ir::Date>) -> String {
    let out = pattern.replace("{dia_danh}", dia_danh.trim());
    match date {
        Some(d) => out
            .replace("{ngay}", &format!("{:02}", d.day))
            .replace(
                "{thang}",
                &if d.month <= 2 {
                    format!("{:02}", d.month)
                } else {
                    d.month.to_string()
                },
            )
            .replace("{nam}", &d.year.to_string()),
        // A blank date keeps the year blank too.
        None => out.replace("{nam}", "20    "),
    }
}

/// Upper-cases Vietnamese text when asked (Rust's Unicode upper case keeps NFC letters precomposed).
fn cased(text: &str, upper: bool) -> String {
    if upper {
        text.to_uppercase()
    } else {
        text.to_owned()
    }
}

fn fix_inlines(runs: &[Inline], profile: &Profile, upper: bool) -> Vec<Inline> {
    runs.iter()
        .map(|r| match r {
            Inline::Text { text, bold, italic } => Inline::Text {
                text: cased(&apply_tone_style(text, profile.text.tone_style), upper),
                bold: *bold,
                italic: *italic,
            },
            Inline::LineBreak => Inline::LineBreak,
        })
        .collect()
}

/// The body blocks of a text block `width_mm` wide: headings numbered, articles labelled "Điều N." through
/// the blocks, list markers literal, tables sized.
fn resolve_blocks(blocks: &[Block], width_mm: f32, profile: &Profile) -> Vec<LBlock> {
    let mut counters = [0u32; 8];
    let mut articles = 0u32;
    let mut out = Vec::with_capacity(blocks.len());
    for b in blocks {
        match b {
            Block::Heading { level, content } => {
                let lv = usize::from((*level).clamp(1, 8)) - 1;
                counters[lv] += 1;
                counters[lv + 1..].iter_mut().for_each(|c| *c = 0);
                let style = profile.heading(*level);
                let mut runs = Vec::with_capacity(content.len() + 1);
                let number = heading_number(style, counters[lv]);
                if !number.is_empty() {
                    runs.push(Inline::Text {
                        text: format!("{number} "),
                        bold: style.bold,
                        italic: style.italic,
                    });
                }
                for r in fix_inlines(content, profile, style.upper) {
                    runs.push(match r {
                        Inline::Text { text, bold, italic } => Inline::Text {
                            text,
                            bold: bold || style.bold,
                            italic: italic || style.italic,
                        },
                        br => br,
                    });
                }
                out.push(LBlock::Heading {
                    level: *level,
                    runs,
                });
            }
            Block::Paragraph { content } => out.push(LBlock::Paragraph {
                runs: fix_inlines(content, profile, false),
            }),
            Block::Note { content } => out.push(LBlock::Note {
                runs: fix_inlines(content, profile, false),
            }),
            Block::Article { content } => {
                articles += 1;
                out.push(LBlock::Paragraph {
                    runs: article_runs(articles, content, profile),
                });
            }
            Block::List { items } => {
                for item in items {
                    let markers = &profile.list.markers;
                    let marker =
                        &markers[usize::from(item.depth.max(1) - 1).min(markers.len() - 1)];
                    let mut runs = vec![Inline::plain(format!("{marker} "))];
                    runs.extend(fix_inlines(&item.content, profile, false));
                    out.push(LBlock::ListItem {
                        depth: item.depth,
                        runs,
                    });
                }
            }
            Block::Table(t) => out.push(LBlock::Table(table::table(t, width_mm, profile, |c| {
                fix_inlines(c, profile, false)
            }))),
        }
    }
    out
}

/// An article's runs: the label "Điều n." (bold per the profile), a space, then the content (bold per the
/// profile, or as written).
fn article_runs(n: u32, content: &[Inline], profile: &Profile) -> Vec<Inline> {
    let st = &profile.article;
    let mut runs = vec![Inline::Text {
        text: format!("{} ", st.label_pattern.replace("{n}", &n.to_string())),
        bold: st.label_bold,
        italic: false,
    }];
    runs.extend(
        fix_inlines(content, profile, false)
            .into_iter()
            .map(|r| match r {
                Inline::Text { text, bold, italic } => Inline::Text {
                    text,
                    bold: bold || st.content_bold,
                    italic,
                },
                br => br,
            }),
    );
    runs
}

/// "I.", "1.", "a)" for the n-th heading of a level (n from 1).
pub fn heading_number(style: &HeadingStyle, n: u32) -> String {
    let num = match style.numbering {
        Numbering::UpperRoman => roman(n),
        Numbering::Decimal => n.to_string(),
        Numbering::LowerAlphaVi => alpha_vi(n),
        Numbering::None => return String::new(),
    };
    format!("{num}{}", style.suffix)
}

fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

fn alpha_vi(n: u32) -> String {
    const LETTERS: [&str; 23] = [
        "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s",
        "t", "u", "v", "x", "y",
    ];
    let i = (n.max(1) - 1) as usize;
    let base = LETTERS[i % LETTERS.len()];
    base.repeat(i / LETTERS.len() + 1)
}

fn signature_column(s: &ir::Signature, profile: &Profile) -> SignatureColumn {
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
        blank_lines: st.blank_lines,
        blank_line_pt: st.name.size_pt * profile.body.line_pitch_pt / profile.body.size_pt,
        name: fix(&s.ho_ten, st.name),
        images: Vec::new(),
    }
}

/// The height of a signature column's lines above its blank space, in points: fixed lines are set at
/// single spacing in both formats ([`crate::fonts::line_metrics`]).
fn top_height_pt(column: &SignatureColumn) -> f32 {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn sample_doc() -> Document {
        Document {
            header: ir::Header {
                co_quan: "Đảng ủy Văn phòng Tỉnh ủy".into(),
                number: Some(ir::DocNumber {
                    so: Some("09".into()),
                    loai: "KH".into(),
                    ky_hieu: "ĐU".into(),
                }),
                dia_danh: "Vĩnh Phúc".into(),
                ngay: ir::Date::new(2022, 7, 29),
                ..ir::Header::default()
            },
            title: ir::Title {
                ten_loai: "Kế hoạch".into(),
                trich_yeu: vec![Inline::plain("xây dựng mô hình chi bộ “4 tốt”")],
            },
            noi_nhan: Some(ir::NoiNhan {
                items: vec![
                    "Đảng ủy Khối (để b/c)".into(),
                    "Các chi bộ trực thuộc,".into(),
                ],
                luu: Some("Văn phòng Đảng ủy".into()),
            }),
            signatures: ir::Signatures {
                left: None,
                right: ir::Signature {
                    authority: Some(Authority::ThayMat),
                    to_chuc: Some("Đảng ủy".into()),
                    chuc_vu: Some("Bí thư".into()),
                    ho_ten: "Trần Việt Cường".into(),
                    ..ir::Signature::default()
                },
            },
            ..Document::default()
        }
    }

    fn profile(name: &str) -> Profile {
        Profile::builtin(name).unwrap()
    }

    fn right_column(l: &Layout) -> &SignatureColumn {
        match &l.signature {
            SignatureArea::SignatureOnly { right }
            | SignatureArea::NoiNhanAndSignature { right, .. }
            | SignatureArea::TwoSignatures { right, .. }
            | SignatureArea::TwoSignaturesThenNoiNhan { right, .. } => right,
        }
    }

    fn noi_nhan_of(l: &Layout) -> &NoiNhanBlock {
        match &l.signature {
            SignatureArea::NoiNhanAndSignature { noi_nhan, .. }
            | SignatureArea::TwoSignaturesThenNoiNhan { noi_nhan, .. } => noi_nhan,
            _ => panic!("no nơi nhận"),
        }
    }

    fn items(l: &Layout) -> Vec<String> {
        noi_nhan_of(l)
            .items
            .iter()
            .map(|i| i.text.clone())
            .collect()
    }

    #[test]
    fn noi_nhan_punctuation_per_profile() {
        let doc = sample_doc();
        // 05-HD §I.9.2.5: each entry ends ";", the lưu line ".".
        assert_eq!(
            items(&resolve(&doc, &profile("dang"))),
            [
                "- Đảng ủy Khối (để b/c);",
                "- Các chi bộ trực thuộc;",
                "- Lưu Văn phòng Đảng ủy."
            ]
        );
        // 36-HD practice: ",".
        assert_eq!(
            items(&resolve(&doc, &profile("dang-36"))),
            [
                "- Đảng ủy Khối (để b/c),",
                "- Các chi bộ trực thuộc,",
                "- Lưu Văn phòng Đảng ủy."
            ]
        );
        // NĐ 30: ";" and "- Lưu: VT, <unit>.".
        assert_eq!(
            items(&resolve(&doc, &profile("nha-nuoc"))),
            [
                "- Đảng ủy Khối (để b/c);",
                "- Các chi bộ trực thuộc;",
                "- Lưu: VT, ĐU."
            ]
        );
        let l = resolve(&doc, &profile("nha-nuoc"));
        let nn = noi_nhan_of(&l);
        let label = nn.label.as_ref().unwrap();
        assert_eq!(label.text, "Nơi nhận:");
        assert!(label.style.bold && label.style.italic && label.style.size_pt == 12.0);
        assert_eq!(nn.items[0].style.size_pt, 11.0);
    }

    #[test]
    fn can_cu_and_addressee_punctuation_per_profile() {
        let mut doc = sample_doc();
        doc.can_cu = vec![
            "Căn cứ Điều lệ Đảng".into(),
            "Căn cứ Quy định 366-QĐ/TW,".into(),
        ];
        doc.addressees = Some(ir::Addressees {
            label: AddresseeLabel::KinhTrinh,
            items: vec!["Ban Thường vụ Đảng ủy Khối".into(), "Ban Tổ chức".into()],
        });
        let texts = |name: &str| {
            let l = resolve(&doc, &profile(name));
            let can_cu: Vec<String> = l.blocks[..2]
                .iter()
                .map(|b| match b {
                    LBlock::Paragraph { runs } => ir::plain_text(runs),
                    other => panic!("{other:?}"),
                })
                .collect();
            let a = l.addressees.unwrap();
            let items: Vec<String> = a.items.iter().map(|i| i.text.clone()).collect();
            (can_cu, a.label.text, items)
        };
        // 05-HD §I.6.2.3 and §I.9.2.4: "- …;", the last căn cứ "."; "Kính trình:" for a tờ trình.
        let (can_cu, label, items) = texts("dang");
        assert_eq!(
            can_cu,
            ["- Căn cứ Điều lệ Đảng;", "- Căn cứ Quy định 366-QĐ/TW."]
        );
        assert_eq!(label, "Kính trình:");
        assert_eq!(items, ["- Ban Thường vụ Đảng ủy Khối;", "- Ban Tổ chức;"]);
        // 36-HD: the last căn cứ ","; "Kính gửi:" and "," for every addressee but the last.
        let (can_cu, label, items) = texts("dang-36");
        assert_eq!(
            can_cu,
            ["- Căn cứ Điều lệ Đảng;", "- Căn cứ Quy định 366-QĐ/TW,"]
        );
        assert_eq!(label, "Kính gửi:");
        assert_eq!(items, ["- Ban Thường vụ Đảng ủy Khối,", "- Ban Tổ chức."]);
        // NĐ 30: căn cứ without a dash, ";" and "." at the end.
        let (can_cu, _, items) = texts("nha-nuoc");
        assert_eq!(
            can_cu,
            ["Căn cứ Điều lệ Đảng;", "Căn cứ Quy định 366-QĐ/TW."]
        );
        assert_eq!(items, ["- Ban Thường vụ Đảng ủy Khối;", "- Ban Tổ chức."]);
    }

    #[test]
    fn state_profile_follows_nd30() {
        let l = resolve(&sample_doc(), &profile("nha-nuoc"));
        // The rules under the issuing body and under the trích yếu: 1/3 to 1/2 of the text.
        let rules: Vec<f32> = l
            .header_left
            .iter()
            .chain(&l.title)
            .filter_map(|line| line.rule)
            .collect();
        assert_eq!(rules.len(), 2, "{l:?}");
        for r in rules {
            assert!((1.0 / 3.0..=0.5).contains(&r), "rule fraction {r}");
        }
        // The Tiêu ngữ's rule is as long as the text.
        assert_eq!(l.header_right[1].rule, Some(1.0));
        assert_eq!(l.number.as_ref().unwrap().text, "Số: 09/KH-ĐU");
        // The trích yếu starts with a capital.
        assert_eq!(l.title[1].text, "Xây dựng mô hình chi bộ “4 tốt”");
        assert_eq!(right_column(&l).top[0].text, "TM. ĐẢNG ỦY");
        assert!(right_column(&l).top[1].style.bold, "chức vụ bold in NĐ 30");
        // The Party profiles keep the lower-case trích yếu and the Party number.
        for name in ["dang", "dang-36"] {
            let l = resolve(&sample_doc(), &profile(name));
            assert_eq!(l.title[1].text, "xây dựng mô hình chi bộ “4 tốt”");
            assert_eq!(l.title[2].text, "-----");
            assert_eq!(l.number.as_ref().unwrap().text, "Số 09-KH/ĐU");
            assert_eq!(right_column(&l).top[0].text, "T/M ĐẢNG ỦY");
            assert!(
                !right_column(&l).top[1].style.bold,
                "chức vụ regular in Party documents"
            );
        }
    }

    #[test]
    fn metadata_from_the_document() {
        let l = resolve(&sample_doc(), &profile("dang"));
        assert_eq!(l.meta.title, "Kế hoạch xây dựng mô hình chi bộ “4 tốt”");
        assert_eq!(l.meta.author, "Đảng ủy Văn phòng Tỉnh ủy");
        assert_eq!(l.meta.subject, "Kế hoạch số 09-KH/ĐU, ngày 29/7/2022");
        assert_eq!(l.meta.language, "vi-VN");
        assert_eq!(l.meta.date, ir::Date::new(2022, 7, 29));
        let l = resolve(&sample_doc(), &profile("nha-nuoc"));
        assert_eq!(l.meta.subject, "Kế hoạch số 09/KH-ĐU, ngày 29/7/2022");
    }

    fn picture(w: u32, h: u32, ppm: Option<(u32, u32)>) -> Picture {
        Picture {
            file: "x.png".into(),
            width_px: w,
            height_px: h,
            px_per_metre: ppm,
            png: Vec::new(),
        }
    }

    #[test]
    fn signature_and_seal_placement() {
        let p = profile("dang");
        let mut doc = sample_doc();
        doc.images = Some(SigningImages {
            // 40 × 20 mm at 300 dpi (11811 px/m).
            chu_ky: Some(picture(472, 236, Some((11811, 11811)))),
            // No resolution: the profile's 36 mm.
            con_dau: Some(picture(500, 500, None)),
        });
        let l = resolve(&doc, &p);
        let col = right_column(&l);
        let [sig, seal] = col.images.as_slice() else {
            panic!("{:?}", col.images)
        };
        assert_eq!((sig.role, seal.role), (ImageRole::ChuKy, ImageRole::ConDau));
        let close = |a: f32, b: f32| (a - b).abs() < 0.05;
        assert!(
            close(sig.width_mm, 39.96) && close(sig.height_mm, 19.98),
            "{sig:?}"
        );
        // Centred in the column and in the blank space between chức vụ and name.
        let blank_h = col.blank_lines as f32 * col.blank_line_pt * 25.4 / 72.0;
        assert!(
            close(sig.x_mm * 2.0 + sig.width_mm, p.signature.width_mm),
            "{sig:?}"
        );
        assert!(close(sig.y_mm * 2.0 + sig.height_mm, blank_h), "{sig:?}");
        // The seal at its size, centred level with the signature, over its left third.
        assert!(close(seal.width_mm, 36.0) && close(seal.height_mm, 36.0));
        assert!(close(
            seal.y_mm + seal.height_mm / 2.0,
            sig.y_mm + sig.height_mm / 2.0
        ));
        assert!(
            close(seal.x_mm + seal.width_mm, sig.x_mm + sig.width_mm / 3.0),
            "{seal:?}"
        );
        // A signature taller than the blank space is scaled down to fit, keeping its proportions.
        doc.images = Some(SigningImages {
            chu_ky: Some(picture(400, 400, None)),
            con_dau: None,
        });
        let l = resolve(&doc, &p);
        let sig = &right_column(&l).images[0];
        assert!(
            close(sig.height_mm, blank_h) && close(sig.width_mm, blank_h),
            "{sig:?}"
        );
        assert!(close(sig.y_mm, 0.0));
        // No images: nothing placed; the left column never gets any.
        assert!(right_column(&resolve(&sample_doc(), &p)).images.is_empty());
    }

    #[test]
    fn numbering() {
        let p = Profile::dang();
        assert_eq!(heading_number(p.heading(1), 4), "IV.");
        assert_eq!(heading_number(p.heading(2), 12), "12.");
        assert_eq!(heading_number(p.heading(3), 5), "đ)");
        assert_eq!(heading_number(p.heading(3), 7), "g)");
    }

    #[test]
    fn side_by_side_signatures_share_the_name_line() {
        let sig = |label: Option<&str>| ir::Signature {
            label: label.map(str::to_owned),
            authority: Some(Authority::ThayMat),
            to_chuc: Some("Chi bộ".into()),
            chuc_vu: Some("Bí thư".into()),
            ghi_chu: None,
            ho_ten: "A".into(),
        };
        let doc = Document {
            signatures: ir::Signatures {
                left: Some(sig(Some("Xác nhận của Đảng ủy"))),
                right: sig(None),
            },
            ..Document::default()
        };
        let l = resolve(&doc, &Profile::dang());
        let SignatureArea::TwoSignatures { left, right } = l.signature else {
            panic!("{:?}", l.signature)
        };
        // The names stand at the same height: lines above plus blank space.
        let height =
            |c: &SignatureColumn| top_height_pt(c) + c.blank_lines as f32 * c.blank_line_pt;
        assert!(left.top.len() > right.top.len());
        assert!(
            (height(&left) - height(&right)).abs() < 0.01,
            "{left:?} {right:?}"
        );
        assert!(right.blank_line_pt > left.blank_line_pt);
        assert_eq!(left.top[0].text, "XÁC NHẬN CỦA ĐẢNG ỦY");
    }

    #[test]
    fn date_line_leading_zero_rule() {
        let d = |y, m, dd| ir::Date::new(y, m, dd);
        let p = "{dia_danh}, ngày {ngay} tháng {thang} năm {nam}";
        assert_eq!(
            fill_date(p, "Vĩnh Phúc", d(2022, 7, 29)),
            "Vĩnh Phúc, ngày 29 tháng 7 năm 2022"
        );
        assert_eq!(
            fill_date(p, "Hà Nội", d(2023, 1, 5)),
            "Hà Nội, ngày 05 tháng 01 năm 2023"
        );
        assert_eq!(
            fill_date(p, "Hà Nội", d(2023, 2, 15)),
            "Hà Nội, ngày 15 tháng 02 năm 2023"
        );
        assert_eq!(
            fill_date(p, "Hà Nội", d(2023, 12, 1)),
            "Hà Nội, ngày 01 tháng 12 năm 2023"
        );
    }

    fn signer() -> ir::Signature {
        ir::Signature {
            authority: Some(Authority::ThayMat),
            to_chuc: Some("Đảng ủy".into()),
            chuc_vu: Some("Bí thư".into()),
            ho_ten: "Nguyễn Văn An".into(),
            ..ir::Signature::default()
        }
    }

    fn noi_nhan() -> ir::NoiNhan {
        ir::NoiNhan {
            items: vec!["Đảng ủy Khối".into(), "Như Điều 3".into()],
            luu: Some("Văn phòng Đảng ủy".into()),
        }
    }

    #[test]
    fn a_long_issuer_name_takes_the_gap_then_the_other_column_s_spare() {
        let mut p = Profile::dang();
        p.header.left_width_mm = 78.0;
        p.header.right_width_mm = 80.0;
        let mut doc = Document::default();
        doc.header.co_quan = "Đảng ủy Văn phòng Tỉnh ủy".into();
        let c = resolve(&doc, &p).header_columns;
        assert_eq!((c.left_mm, c.gap_mm, c.right_mm), (78.0, 7.0, 80.0));
        doc.header.co_quan = "Đảng ủy Cơ quan Ủy ban Kiểm tra Tỉnh ủy Vĩnh Phúc".into();
        let c = resolve(&doc, &p).header_columns;
        assert!(
            c.left_mm > 85.0 && c.gap_mm == 0.0 && c.right_mm < 80.0,
            "{c:?}"
        );
        assert!((c.left_mm + c.gap_mm + c.right_mm - 165.0).abs() < 0.01);
        // The right column keeps the room its own longest line needs.
        let party = fonts::text_width_pt("ĐẢNG CỘNG SẢN VIỆT NAM", 15.0, true, false) / PT_PER_MM;
        assert!(c.right_mm >= party - 0.01, "{c:?} {party}");
    }

    #[test]
    fn signature_area_is_decided_once() {
        let p = Profile::dang();
        let mut doc = Document {
            signatures: ir::Signatures {
                left: None,
                right: signer(),
            },
            ..Document::default()
        };
        let l = resolve(&doc, &p);
        assert!(matches!(l.signature, SignatureArea::SignatureOnly { .. }));
        doc.noi_nhan = Some(noi_nhan());
        let l = resolve(&doc, &p);
        assert!(matches!(
            l.signature,
            SignatureArea::NoiNhanAndSignature { .. }
        ));
        let w = l.signature_widths;
        assert!((w.left_mm + w.gap_mm + w.right_mm - l.page.text_width_mm()).abs() < 0.01);
        assert_eq!(w.left_mm, p.noi_nhan.width_mm);
        doc.signatures.left = Some(signer());
        let l = resolve(&doc, &p);
        let SignatureArea::TwoSignaturesThenNoiNhan { noi_nhan, .. } = &l.signature else {
            panic!("{:?}", l.signature)
        };
        assert_eq!(noi_nhan.items.len(), 3);
        assert_eq!(l.signature_widths.left_mm, p.signature.width_mm);
        doc.noi_nhan = None;
        let l = resolve(&doc, &p);
        assert!(matches!(l.signature, SignatureArea::TwoSignatures { .. }));
    }

    #[test]
    fn drafter_follows_the_noi_nhan() {
        let p = Profile::dang();
        let doc = Document {
            noi_nhan: Some(noi_nhan()),
            drafter: Some("NguyenVanAn-26".into()),
            ..Document::default()
        };
        let SignatureArea::NoiNhanAndSignature { noi_nhan, .. } = resolve(&doc, &p).signature
        else {
            panic!()
        };
        let d = noi_nhan.drafter.unwrap();
        assert_eq!(d.text, "NguyenVanAn-26");
        assert_eq!(d.style.size_pt, 11.0);
        assert!(!d.style.bold && !d.style.italic && !d.style.upper);
        assert_eq!(noi_nhan.drafter_blank_lines, 1);
        assert_eq!(
            noi_nhan.items[1].text,
            format!("- Như Điều 3{}", p.noi_nhan.separator)
        );
        // Without recipients the drafter's line still prints, alone in the left column.
        let doc = Document {
            drafter: Some("NguyenVanAn-26".into()),
            ..Document::default()
        };
        let SignatureArea::NoiNhanAndSignature { noi_nhan, .. } = resolve(&doc, &p).signature
        else {
            panic!()
        };
        assert!(noi_nhan.label.is_none() && noi_nhan.items.is_empty());
        assert!(noi_nhan.drafter.is_some());
    }

    fn texts(blocks: &[LBlock]) -> Vec<String> {
        blocks
            .iter()
            .map(|b| match b {
                LBlock::Paragraph { runs } => ir::plain_text(runs),
                LBlock::Centred { line, .. } => format!("<{}>", line.text),
                other => format!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn can_cu_then_enacting_line_then_articles() {
        let doc = Document {
            can_cu: vec![
                "Căn cứ Điều lệ Đảng;".into(),
                " Căn cứ Quy định số 366-QĐ/TW, ngày 30/8/2025 ".into(),
                "Xét đề nghị của Văn phòng.".into(),
            ],
            enacting: Some("Đảng ủy Văn phòng Tỉnh ủy quyết định:".into()),
            blocks: vec![
                Block::Article {
                    content: vec![Inline::plain("Công nhận kết quả.")],
                },
                Block::Heading {
                    level: 1,
                    content: vec![Inline::plain("Phần")],
                },
                Block::Article {
                    content: vec![Inline::plain("Hiệu lực.")],
                },
            ],
            ..Document::default()
        };
        let p = Profile::dang();
        let l = resolve(&doc, &p);
        let t = texts(&l.blocks);
        assert_eq!(t[0], "- Căn cứ Điều lệ Đảng;");
        assert_eq!(t[1], "- Căn cứ Quy định số 366-QĐ/TW, ngày 30/8/2025;");
        assert_eq!(t[2], "- Xét đề nghị của Văn phòng.");
        assert_eq!(t[3], "<ĐẢNG ỦY VĂN PHÒNG TỈNH ỦY QUYẾT ĐỊNH:>");
        assert_eq!(t[4], "Điều 1. Công nhận kết quả.");
        assert_eq!(t[6], "Điều 2. Hiệu lực.");
        let LBlock::Centred { line, .. } = &l.blocks[3] else {
            panic!()
        };
        assert!(line.style.bold);
        let LBlock::Paragraph { runs } = &l.blocks[4] else {
            panic!()
        };
        assert!(matches!(&runs[0], Inline::Text { bold: true, .. }));
        assert!(matches!(&runs[1], Inline::Text { bold: false, .. }));
        // The State profile: no marker, italic lines.
        let state = resolve(&doc, &Profile::builtin("nha-nuoc").unwrap());
        let LBlock::Paragraph { runs } = &state.blocks[0] else {
            panic!()
        };
        assert_eq!(
            runs,
            &vec![Inline::Text {
                text: "Căn cứ Điều lệ Đảng;".into(),
                bold: false,
                italic: true
            }]
        );
    }

    #[test]
    fn addressees_one_on_the_label_line_or_several_with_markers() {
        let p = Profile::dang();
        let mut doc = Document {
            addressees: Some(ir::Addressees {
                label: ir::AddresseeLabel::KinhTrinh,
                items: vec!["Ban Thường vụ Đảng ủy Khối".into()],
            }),
            ..Document::default()
        };
        let a = resolve(&doc, &p).addressees.unwrap();
        assert_eq!(a.label.text, "Kính trình:");
        assert!(a.label.style.italic && a.label.style.size_pt == 14.0);
        assert_eq!(a.items.len(), 1);
        assert_eq!(a.items[0].text, "Ban Thường vụ Đảng ủy Khối.");
        assert!(!a.items[0].style.italic);
        // The label column holds the label; the block is centred on the text width.
        let label_w = fonts::text_width_pt("Kính trình:", 14.0, false, true) / PT_PER_MM;
        assert!(a.label_mm > label_w, "{} {label_w}", a.label_mm);
        assert!(a.indent_mm > 10.0, "{}", a.indent_mm);
        doc.addressees = Some(ir::Addressees {
            label: ir::AddresseeLabel::KinhGui,
            items: vec!["Ban Tổ chức Tỉnh ủy;".into(), "Văn phòng Tỉnh ủy".into()],
        });
        let a = resolve(&doc, &p).addressees.unwrap();
        assert_eq!(a.label.text, "Kính gửi:");
        let items: Vec<&str> = a.items.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            items,
            vec!["- Ban Tổ chức Tỉnh ủy;", "- Văn phòng Tỉnh ủy;"]
        );
    }
}
