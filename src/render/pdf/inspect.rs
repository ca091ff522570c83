//! What a laid-out document contains, read back from Typst's frames: page texts and sizes, for tests
//! and checks that need no PDF reader.

use super::{Job, Session, compile, with_session};
use crate::error::Result;
use crate::render::layout::Layout;
use typst::layout::{Frame, FrameItem, Point};

/// What a compiled document contains, for tests and checks (no PDF needed).
#[derive(Debug, Clone, PartialEq)]
pub struct Inspection {
    /// The text of each page, in layout order: pieces on one baseline are joined, a new baseline starts
    /// a new line.
    pub pages: Vec<String>,
    /// The size of each page in points, (width, height): a landscape page is wider than high.
    pub page_sizes_pt: Vec<(f64, f64)>,
    /// Typst's warnings (e.g. an unknown font family); empty for a well-formed layout.
    pub warnings: Vec<String>,
    /// The text items of each page with their place, in layout order (for geometry checks: where a
    /// line of dots ends).
    pub items: Vec<Vec<TextItem>>,
}

/// One text item of a page: where it starts on its baseline, how wide it is, what it says.
#[derive(Debug, Clone, PartialEq)]
pub struct TextItem {
    /// From the page's left edge, in points.
    pub x_pt: f64,
    /// The baseline, from the page's top edge, in points.
    pub y_pt: f64,
    /// The advance width of its glyphs, in points.
    pub width_pt: f64,
    /// Its text.
    pub text: String,
}

impl Session {
    /// Lays a document out and returns its page texts and warnings (no PDF export).
    pub fn inspect(&mut self, layout: &Layout) -> Result<Inspection> {
        let job = Job::of(layout, &self.shared)?;
        self.run(move |world| {
            let (paged, warnings) = compile(world, job)?;
            Ok(Inspection {
                pages: paged.pages().iter().map(|p| frame_text(&p.frame)).collect(),
                page_sizes_pt: paged
                    .pages()
                    .iter()
                    .map(|p| (p.frame.width().to_pt(), p.frame.height().to_pt()))
                    .collect(),
                warnings,
                items: paged
                    .pages()
                    .iter()
                    .map(|p| {
                        let mut pieces = Vec::new();
                        collect_text(&p.frame, Point::zero(), &mut pieces);
                        pieces
                            .into_iter()
                            .map(|(at, width_pt, text)| TextItem {
                                x_pt: at.x.to_pt(),
                                y_pt: at.y.to_pt(),
                                width_pt,
                                text,
                            })
                            .collect()
                    })
                    .collect(),
            })
        })
    }
}

/// Lays a document out with the process-wide engine and returns the text of each page (the page count
/// is the vector's length). For tests: no PDF reader needed.
pub fn page_texts(layout: &Layout) -> Result<Vec<String>> {
    with_session(|s| Ok(s.inspect(layout)?.pages))
}

/// The text of a page frame: text items in layout order; items on the same baseline are joined (with a
/// space when there is a gap between them), a new baseline starts a new line.
fn frame_text(frame: &Frame) -> String {
    let mut pieces = Vec::new();
    collect_text(frame, Point::zero(), &mut pieces);
    let mut out = String::new();
    let mut last: Option<(f64, f64)> = None; // (baseline y, end x)
    for (pos, width, text) in pieces {
        let (x, y) = (pos.x.to_pt(), pos.y.to_pt());
        if let Some((ly, lx)) = last {
            let same_line = (ly - y).abs() < 0.5 && x >= lx - 0.5;
            if !same_line {
                out.truncate(out.trim_end_matches(' ').len());
                out.push('\n');
            } else if x > lx + 0.5 && !out.ends_with(' ') && !text.starts_with(' ') {
                out.push(' ');
            }
        }
        out.push_str(&text);
        last = Some((y, x + width));
    }
    out.truncate(out.trim_end_matches(' ').len());
    out
}

fn collect_text(frame: &Frame, offset: Point, out: &mut Vec<(Point, f64, String)>) {
    for (pos, item) in frame.items() {
        let at = offset + *pos;
        match item {
            FrameItem::Group(group) => {
                let t = group.transform;
                collect_text(&group.frame, at + Point::new(t.tx, t.ty), out);
            }
            FrameItem::Text(text) => out.push((at, text.width().to_pt(), text.text.to_string())),
            _ => {}
        }
    }
}
