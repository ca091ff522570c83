//! Text and paragraph primitives: runs with a style, centred lines and the solid rules under them
//! (drawn by [`super::rules`]).
//! Text arrives clean (the IR's invariant, [`crate::ir::text`]); docx-rs escapes it for XML.

use super::units::{pt_to_half_points, pt_to_twips};
use crate::fonts;
use crate::ir::Inline;
use crate::profile::{CheckBoxStyle, FillKind, RuleStyle, TextStyle};
use crate::render::layout::{LPicture, Line};
use docx_rs::{
    AlignmentType, BreakType, LineSpacing, LineSpacingType, Paragraph, Run, Sym, Tab, TabLeaderType,
    TabValueType,
};

/// Size and emphasis of a run.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(super) struct RunStyle {
    /// Size in points; `None` keeps the paragraph style's.
    pub size_pt: Option<f32>,
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
    /// Single underline (only text the format underlines, never a rule).
    pub underline: bool,
}

impl From<TextStyle> for RunStyle {
    fn from(s: TextStyle) -> Self {
        Self {
            size_pt: Some(s.size_pt),
            bold: s.bold,
            italic: s.italic,
            underline: s.underline,
        }
    }
}

impl RunStyle {
    /// A run with this style and no content yet.
    pub fn run(self) -> Run {
        let mut run = Run::new();
        if let Some(size) = self.size_pt {
            run = run.size(pt_to_half_points(size));
        }
        if self.bold {
            run = run.bold();
        }
        if self.italic {
            run = run.italic();
        }
        if self.underline {
            run = run.underline("single");
        }
        run
    }
}

/// Appends text to a run: `\n` becomes an explicit line break, a tab a tab, the rest literal text
/// (docx-rs escapes it).
pub(super) fn push_text(mut run: Run, text: &str) -> Run {
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        for (j, piece) in line.split('\t').enumerate() {
            if j > 0 {
                run = run.add_tab();
            }
            if !piece.is_empty() {
                run = run.add_text(piece);
            }
        }
    }
    run
}

/// The runs of inline content; each run's emphasis is the base style's or its own. A fill line is a
/// tab: the paragraph holding it gets the leader tab stop at its right edge ([`fill_tab`]). A check box
/// is a symbol of the profile's symbol font (`w:sym`), sized like the text around it. A picture is an
/// inline drawing of one of `pictures`.
pub(super) fn inline_runs(
    inlines: &[Inline],
    base: RunStyle,
    boxes: &CheckBoxStyle,
    pictures: &[LPicture],
) -> Vec<Run> {
    inlines
        .iter()
        .map(|i| match i {
            Inline::Text {
                text,
                bold,
                italic,
                underline,
            } => push_text(
                RunStyle {
                    bold: base.bold || *bold,
                    italic: base.italic || *italic,
                    underline: base.underline || *underline,
                    ..base
                }
                .run(),
                text,
            ),
            Inline::LineBreak => base.run().add_break(BreakType::TextWrapping),
            Inline::Fill => base.run().add_tab(),
            Inline::CheckBox { checked } => base.run().add_sym(Sym::new(
                boxes.docx_font.as_str(),
                if *checked {
                    boxes.docx_checked.as_str()
                } else {
                    boxes.docx_empty.as_str()
                },
            )),
            Inline::Picture { picture } => super::images::picture_run(*picture, pictures),
        })
        .collect()
}

/// True when the runs hold a picture (its paragraph's line pitch must grow to hold it: an exact
/// pitch would cut it off).
pub(super) fn has_picture(inlines: &[Inline]) -> bool {
    inlines.iter().any(|i| matches!(i, Inline::Picture { .. }))
}

/// True when the runs hold a fill line.
pub(super) fn has_fill(inlines: &[Inline]) -> bool {
    inlines.iter().any(|i| matches!(i, Inline::Fill))
}

/// The right tab stop a fill line runs to: at `width_twips` from the paragraph's start, with a dotted
/// leader (or an underscore one, a rule), so it stays at the margin when the text is edited in Word.
pub(super) fn fill_tab(width_twips: i32, kind: FillKind) -> Tab {
    Tab::new()
        .val(TabValueType::Right)
        .leader(match kind {
            FillKind::Dots => TabLeaderType::Dot,
            FillKind::Rule => TabLeaderType::Underscore,
        })
        .pos(usize::try_from(width_twips.max(0)).unwrap_or(0))
}

/// Paragraph spacing in points; `line` is an exact line pitch (none keeps the single-line default).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(super) struct Spacing {
    /// Space above.
    pub before_pt: f32,
    /// Space below.
    pub after_pt: f32,
    /// Exact distance between baselines.
    pub exact_pt: Option<f32>,
}

impl Spacing {
    /// Space above only.
    pub fn before(pt: f32) -> Self {
        Self {
            before_pt: pt,
            ..Self::default()
        }
    }

    /// The docx-rs element.
    pub fn to_docx(self) -> LineSpacing {
        let mut s = LineSpacing::new()
            .before(twips_u32(self.before_pt))
            .after(twips_u32(self.after_pt));
        if let Some(line) = self.exact_pt {
            s = s.line(pt_to_twips(line)).line_rule(LineSpacingType::Exact);
        }
        s
    }
}

fn twips_u32(pt: f32) -> u32 {
    u32::try_from(pt_to_twips(pt).max(0)).unwrap_or(0)
}

/// A paragraph with one run of the line's text, its mark sized like the text.
pub(super) fn line_paragraph(line: &Line, align: AlignmentType, spacing: Spacing) -> Paragraph {
    let style = RunStyle::from(line.style);
    Paragraph::new()
        .align(align)
        .size(pt_to_half_points(line.style.size_pt))
        .line_spacing(spacing.to_docx())
        .add_run(push_text(style.run(), &line.text))
}

/// An empty paragraph of the given size (a blank line, e.g. the signature space).
pub(super) fn blank_paragraph(size_pt: f32, spacing: Spacing) -> Paragraph {
    Paragraph::new()
        .size(pt_to_half_points(size_pt))
        .line_spacing(spacing.to_docx())
}

/// The widest line of a (possibly multi-line) text, in points, measured with Times New Roman metrics.
pub(super) fn text_width_pt(text: &str, style: TextStyle) -> f32 {
    text.split('\n')
        .map(|l| fonts::text_width_pt(l, style.size_pt, style.bold, style.italic))
        .fold(0.0, f32::max)
}

/// A centred line and, when it has one, the solid rule under it, in a space `avail_twips` wide.
/// `spacing.after_pt` goes under the last paragraph (the rule when there is one).
pub(super) fn centred_line(
    line: &Line,
    avail_twips: i32,
    spacing: Spacing,
    rule: &RuleStyle,
) -> Vec<Paragraph> {
    match line.rule {
        None => vec![line_paragraph(line, AlignmentType::Center, spacing)],
        Some(fraction) => {
            let text = line_paragraph(
                line,
                AlignmentType::Center,
                Spacing {
                    after_pt: 0.0,
                    ..spacing
                },
            );
            let width = pt_to_twips(fraction * text_width_pt(&line.text, line.style));
            vec![
                text,
                super::rules::rule_paragraph(width, avail_twips, spacing.after_pt, rule),
            ]
        }
    }
}
