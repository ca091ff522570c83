//! The resolved page: the IR with the profile's text conventions applied, shared by both renderers.
//!
//! Resolution turns roles into final strings (the number "Số 09-KH/ĐU", the date line, heading numbers
//! "I.", list markers, authority prefixes, nơi nhận punctuation, upper case, tone style) and attaches the
//! profile style of each piece. The DOCX and PDF renderers only place what this module produced, so the
//! two files always agree in content.

use crate::ir::{self, Authority, Block, Document, ImageRole, Inline, Picture, SigningImages};
use crate::profile::{HeadingStyle, Mark, Numbering, Profile, TextStyle, apply_tone_style};
use serde::Serialize;

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
    /// A bordered table.
    Table(ir::Table),
    /// A small italic note.
    Note {
        /// The runs.
        runs: Vec<Inline>,
    },
}

/// A signature column, top to bottom: label, authority, title, note, blank space, name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SignatureColumn {
    /// The lines above the blank space.
    pub top: Vec<Line>,
    /// Empty lines for the handwritten signature.
    pub blank_lines: u32,
    /// The exact height of each blank line (the name's size at the body's pitch-to-size ratio).
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

/// The nơi nhận block.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NoiNhanBlock {
    /// "Nơi nhận:".
    pub label: Line,
    /// "- Đảng ủy Khối …," lines, punctuation included.
    pub items: Vec<Line>,
}

/// A whole resolved document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Layout {
    /// Header, left column, top rows: superior body, issuing body, its mark (a "*" line, or a rule on
    /// the issuing body's line).
    pub header_left: Vec<Line>,
    /// Header, right column, top rows: the national or Party line(s).
    pub header_right: Vec<Line>,
    /// Header, left column, bottom row: the number line, if the document has one.
    pub number: Option<Line>,
    /// Header, right column, bottom row: the place-and-date line.
    pub date: Line,
    /// Centred title lines: tên loại, trích yếu, and the separator ("-----" or a rule on the trích yếu).
    pub title: Vec<Line>,
    /// The body.
    pub blocks: Vec<LBlock>,
    /// Left signature column (when the document has a second signature instead of nơi nhận).
    pub signature_left: Option<SignatureColumn>,
    /// Right signature column.
    pub signature_right: SignatureColumn,
    /// The nơi nhận block (bottom left), if any.
    pub noi_nhan: Option<NoiNhanBlock>,
    /// Document properties.
    pub meta: Metadata,
}

/// Resolves a document against a profile.
pub fn resolve(doc: &Document, profile: &Profile) -> Layout {
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

    let header_right = h
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

    let blocks = resolve_blocks(&doc.blocks, profile);

    let sig = |s: &ir::Signature| signature_column(s, profile);
    let mut signature_left = doc.signatures.left.as_ref().map(sig);
    let mut signature_right = sig(&doc.signatures.right);
    // Two signatures side by side sign on one line: the column with fewer lines above gets more space.
    if let Some(left) = signature_left.as_mut() {
        let (l, r) = (left.top.len() as u32, signature_right.top.len() as u32);
        if l > r {
            signature_right.blank_lines += l - r;
        } else {
            left.blank_lines += r - l;
        }
    }

    // The images go where the final blank space of the issuer's signature is.
    if let Some(images) = &doc.images {
        signature_right.images = place_images(images, &signature_right, profile);
    }

    let noi_nhan = doc.noi_nhan.as_ref().map(|nn| {
        let st = &profile.noi_nhan;
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
        NoiNhanBlock {
            label: Line {
                text: fix(&st.label_text),
                style: st.label,
                rule: None,
            },
            items,
        }
    });

    let meta = metadata(doc, profile, number.as_ref());

    Layout {
        header_left,
        header_right,
        number,
        date,
        title,
        blocks,
        signature_left,
        signature_right,
        noi_nhan,
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

fn resolve_blocks(blocks: &[Block], profile: &Profile) -> Vec<LBlock> {
    let mut counters = [0u32; 8];
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
            // Placeholder until the layout places articles with the profile's label and style.
            Block::Article { content } => out.push(LBlock::Paragraph {
                runs: fix_inlines(content, profile, false),
            }),
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
            Block::Table(t) => {
                let cell = |c: &Vec<Inline>| fix_inlines(c, profile, false);
                out.push(LBlock::Table(ir::Table {
                    align: t.align.clone(),
                    header: t.header.iter().map(cell).collect(),
                    rows: t
                        .rows
                        .iter()
                        .map(|r| r.iter().map(cell).collect())
                        .collect(),
                }));
            }
        }
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

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
        let left = l.signature_left.unwrap();
        let right = l.signature_right;
        assert_eq!(
            left.top.len() as u32 + left.blank_lines,
            right.top.len() as u32 + right.blank_lines
        );
        assert_eq!(left.top[0].text, "XÁC NHẬN CỦA ĐẢNG ỦY");
    }

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

    fn items(l: &Layout) -> Vec<String> {
        l.noi_nhan
            .as_ref()
            .unwrap()
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
        let nn = l.noi_nhan.unwrap();
        assert_eq!(nn.label.text, "Nơi nhận:");
        assert!(nn.label.style.bold && nn.label.style.italic && nn.label.style.size_pt == 12.0);
        assert_eq!(nn.items[0].style.size_pt, 11.0);
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
        assert_eq!(l.signature_right.top[0].text, "TM. ĐẢNG ỦY");
        assert!(l.signature_right.top[1].style.bold, "chức vụ bold in NĐ 30");
        // The Party profiles keep the lower-case trích yếu and the Party number.
        for name in ["dang", "dang-36"] {
            let l = resolve(&sample_doc(), &profile(name));
            assert_eq!(l.title[1].text, "xây dựng mô hình chi bộ “4 tốt”");
            assert_eq!(l.title[2].text, "-----");
            assert_eq!(l.number.as_ref().unwrap().text, "Số 09-KH/ĐU");
            assert_eq!(l.signature_right.top[0].text, "T/M ĐẢNG ỦY");
            assert!(
                !l.signature_right.top[1].style.bold,
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
        let col = &l.signature_right;
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
        let sig = &l.signature_right.images[0];
        assert!(
            close(sig.height_mm, blank_h) && close(sig.width_mm, blank_h),
            "{sig:?}"
        );
        assert!(close(sig.y_mm, 0.0));
        // No images: nothing placed; the left column never gets any.
        assert!(resolve(&sample_doc(), &p).signature_right.images.is_empty());
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
}
