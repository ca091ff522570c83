//! The body's blocks: the căn cứ lines, the enacting line, then headings numbered, articles labelled,
//! list markers literal, notes, and tables sized for the text block.

use super::numbering::{article_runs, heading_number};
use super::signature::signing_row;
use super::{LBlock, fix_inlines, fixed_line, table};
use crate::ir::{Align, Block, Document, Inline};
use crate::profile::{EnactingForm, Profile, apply_tone_style};

/// The căn cứ lines as body paragraphs: marker, text, ";" and "." on the last (per the profile).
pub(super) fn can_cu_blocks(lines: &[String], profile: &Profile) -> Vec<LBlock> {
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
                runs: vec![Inline::styled(
                    apply_tone_style(&format!("{}{body}{end}", st.marker), profile.text.tone_style),
                    false,
                    st.italic,
                )],
                align: Align::Default,
                keep_with_next: false,
            }
        })
        .collect()
}

/// The enacting line after the căn cứ ("ĐẢNG ỦY … QUYẾT ĐỊNH"), centred and set apart, if the document
/// has one; in the profile's split form, the verb alone ("QUYẾT ĐỊNH:").
pub(super) fn enacting_line(doc: &Document, profile: &Profile) -> Option<LBlock> {
    let enacting = doc.enacting.as_deref().filter(|e| !e.trim().is_empty())?;
    let e = &profile.enacting;
    let text = match e.form {
        EnactingForm::MotDong => enacting.trim(),
        EnactingForm::TachDong => e.verb_line.as_str(),
    };
    Some(LBlock::Centred {
        line: fixed_line(text, e.style, profile),
        space_before_pt: e.space_before_pt,
        space_after_pt: e.space_after_pt,
    })
}

/// In the profile's split form, the authority's line above the căn cứ: the enacting line without its
/// verb ("Đảng ủy Văn phòng Tỉnh ủy quyết định:" → "ĐẢNG ỦY VĂN PHÒNG TỈNH ỦY").
pub(super) fn enacting_authority(doc: &Document, profile: &Profile) -> Option<LBlock> {
    let e = &profile.enacting;
    if e.form != EnactingForm::TachDong {
        return None;
    }
    let enacting = doc.enacting.as_deref().map(str::trim).filter(|t| !t.is_empty())?;
    let text = strip_verb(enacting, &e.verb);
    if text.is_empty() {
        return None;
    }
    Some(LBlock::Centred {
        line: fixed_line(text, e.authority.unwrap_or(e.style), profile),
        space_before_pt: 0.0,
        space_after_pt: e.authority_space_after_pt,
    })
}

/// The text without a trailing colon and a trailing `verb` (compared without case).
fn strip_verb<'a>(text: &'a str, verb: &str) -> &'a str {
    let t = text.trim().trim_end_matches(':').trim_end();
    let verb = verb.trim();
    if verb.is_empty() {
        return t;
    }
    let (lower_t, lower_v) = (t.to_lowercase(), verb.to_lowercase());
    // Lower-casing keeps Vietnamese letters' byte lengths for the letters that matter here; compare
    // by characters to cut at a character boundary.
    if lower_t.ends_with(&lower_v) {
        let keep = t.chars().count().saturating_sub(verb.chars().count());
        let cut = t.char_indices().nth(keep).map_or(t.len(), |(i, _)| i);
        t[..cut].trim_end()
    } else {
        t
    }
}

/// The body blocks of a text block `width_mm` wide: headings numbered, articles labelled "Điều N." through
/// the blocks, list markers literal, tables sized.
pub(super) fn resolve_blocks(
    blocks: &[Block],
    width_mm: f32,
    profile: &Profile,
    pictures: &[super::LPicture],
) -> Vec<LBlock> {
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
                    runs.push(Inline::styled(
                        format!("{number} "),
                        style.bold,
                        style.italic,
                    ));
                }
                for r in fix_inlines(content, profile, style.upper) {
                    runs.push(match r {
                        Inline::Text {
                            text,
                            bold,
                            italic,
                            underline,
                        } => Inline::Text {
                            text,
                            bold: bold || style.bold,
                            italic: italic || style.italic,
                            underline,
                        },
                        other => other,
                    });
                }
                out.push(LBlock::Heading {
                    level: *level,
                    runs,
                });
            }
            Block::Paragraph { content, align } => out.push(LBlock::Paragraph {
                runs: fix_inlines(content, profile, false),
                // A line to write on alone runs from margin to margin: no first-line indent.
                align: if *align == Align::Default
                    && !content.is_empty()
                    && content.iter().all(|i| matches!(i, Inline::Fill))
                {
                    Align::Left
                } else {
                    *align
                },
                keep_with_next: false,
            }),
            Block::Note { content } => out.push(LBlock::Note {
                runs: fix_inlines(content, profile, false),
                keep_with_next: false,
            }),
            Block::Article { content } => {
                articles += 1;
                out.push(LBlock::Paragraph {
                    runs: article_runs(articles, content, profile),
                    align: Align::Default,
                    keep_with_next: false,
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
                        keep_with_next: false,
                    });
                }
            }
            Block::Table(t) => out.push(LBlock::Table(table::table(t, width_mm, profile, pictures, |c| {
                fix_inlines(c, profile, false)
            }))),
            Block::PageBreak => out.push(LBlock::PageBreak),
            Block::Signing(s) => out.push(LBlock::Signing(signing_row(s, width_mm, profile))),
        }
    }
    super::keep::keep_with_next(&mut out);
    out
}
