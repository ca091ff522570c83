//! The resolved page: the IR with the profile's text conventions applied, shared by both renderers.
//!
//! Resolution turns roles into final strings (the number "Số 09-KH/ĐU", the date line, heading numbers
//! "I.", list markers, authority prefixes, nơi nhận punctuation, upper case, tone style) and attaches the
//! profile style of each piece. The DOCX and PDF renderers only place what this module produced, so the
//! two files always agree in content.

use crate::ir::{self, Authority, Block, Document, Inline};
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
    /// The name line (text may be empty).
    pub name: Line,
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
    let trich_yeu = ir::plain_text(&doc.title.trich_yeu);
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
    }
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
        name: fix(&s.ho_ten, st.name),
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
