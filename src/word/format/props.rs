//! Paragraph and run properties as Word resolves them: the document defaults, then the paragraph style
//! and the styles it is based on, then the character style, then the direct formatting; each property
//! from the nearest place that sets it.

use super::super::xml::{attr, child, children_named, parse, toggle, twips};
use super::super::{Align, ReadError};
use roxmltree::Node;
use std::collections::HashMap;

/// Paragraph properties, each `None` where nothing sets it.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct PPr {
    pub align: Option<Align>,
    pub first_line: Option<f64>,
    pub hanging: Option<f64>,
    pub left: Option<f64>,
    pub right: Option<f64>,
    pub before: Option<f64>,
    pub after: Option<f64>,
    pub line: Option<(f64, LineRule)>,
    pub keep_next: Option<bool>,
    pub border_bottom: Option<bool>,
    pub boxed: Option<bool>,
}

/// How a paragraph's line spacing is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineRule {
    /// In 240ths of a line (single = 240).
    Auto,
    /// Exactly this many twips.
    Exact,
    /// At least this many twips.
    AtLeast,
}

/// Run properties, each `None` where nothing sets it.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct RPr {
    pub font: Option<String>,
    pub size_half_points: Option<f64>,
    pub bold: Option<bool>,
    pub italic: Option<bool>,
    pub underline: Option<bool>,
    pub caps: Option<bool>,
}

impl PPr {
    /// Properties set here win over `base`'s.
    pub fn over(&self, base: &PPr) -> PPr {
        PPr {
            align: self.align.or(base.align),
            first_line: self.first_line.or(base.first_line),
            hanging: self.hanging.or(base.hanging),
            left: self.left.or(base.left),
            right: self.right.or(base.right),
            before: self.before.or(base.before),
            after: self.after.or(base.after),
            line: self.line.or(base.line),
            keep_next: self.keep_next.or(base.keep_next),
            border_bottom: self.border_bottom.or(base.border_bottom),
            boxed: self.boxed.or(base.boxed),
        }
    }
}

impl RPr {
    /// Properties set here win over `base`'s.
    pub fn over(&self, base: &RPr) -> RPr {
        RPr {
            font: self.font.clone().or_else(|| base.font.clone()),
            size_half_points: self.size_half_points.or(base.size_half_points),
            bold: self.bold.or(base.bold),
            italic: self.italic.or(base.italic),
            underline: self.underline.or(base.underline),
            caps: self.caps.or(base.caps),
        }
    }
}

/// A `w:pPr`.
pub(super) fn ppr(node: Option<Node<'_, '_>>) -> PPr {
    let Some(p) = node else {
        return PPr::default();
    };
    let mut out = PPr {
        align: child(p, "jc").and_then(|j| attr(j, "val")).map(|v| match v {
            "center" => Align::Center,
            "right" | "end" => Align::Right,
            "both" | "distribute" | "thaiDistribute" => Align::Both,
            _ => Align::Left,
        }),
        keep_next: child(p, "keepNext").map(toggle),
        ..PPr::default()
    };
    if let Some(ind) = child(p, "ind") {
        let n = |name: &str| attr(ind, name).and_then(twips);
        out.first_line = n("firstLine");
        out.hanging = n("hanging");
        out.left = n("left").or_else(|| n("start"));
        out.right = n("right").or_else(|| n("end"));
    }
    if let Some(sp) = child(p, "spacing") {
        out.before = attr(sp, "before").and_then(twips);
        out.after = attr(sp, "after").and_then(twips);
        out.line = attr(sp, "line").and_then(twips).map(|v| {
            let rule = match attr(sp, "lineRule") {
                Some("exact") => LineRule::Exact,
                Some("atLeast") => LineRule::AtLeast,
                _ => LineRule::Auto,
            };
            (v, rule)
        });
    }
    if let Some(b) = child(p, "pBdr") {
        let drawn = |name: &str| {
            child(b, name).is_some_and(|e| !matches!(attr(e, "val"), Some("nil" | "none") | None))
        };
        out.border_bottom = Some(drawn("bottom"));
        out.boxed = Some(drawn("top") && drawn("bottom") && drawn("left") && drawn("right"));
    }
    out
}

/// A `w:rPr`.
pub(super) fn rpr(node: Option<Node<'_, '_>>) -> RPr {
    let Some(r) = node else {
        return RPr::default();
    };
    RPr {
        font: child(r, "rFonts").and_then(|f| {
            attr(f, "ascii")
                .or_else(|| attr(f, "hAnsi"))
                .map(str::to_owned)
                .or_else(|| {
                    attr(f, "asciiTheme")
                        .or_else(|| attr(f, "hAnsiTheme"))
                        .map(|t| format!("(phông chủ đề {t})"))
                })
        }),
        size_half_points: child(r, "sz")
            .and_then(|s| attr(s, "val"))
            .and_then(|v| v.trim_end_matches("pt").parse::<f64>().ok()),
        bold: child(r, "b").map(toggle),
        italic: child(r, "i").map(toggle),
        underline: child(r, "u").map(|u| {
            attr(u, "val").is_none_or(|v| v != "none" && v != "0" && v != "false")
        }),
        caps: child(r, "caps").map(toggle),
    }
}

/// One style's own properties.
#[derive(Debug, Clone, Default)]
struct StyleProps {
    based_on: Option<String>,
    ppr: PPr,
    rpr: RPr,
}

/// The styles part and the document defaults, for resolving properties.
#[derive(Debug, Default)]
pub(super) struct FormatStyles {
    by_id: HashMap<String, StyleProps>,
    default_ppr: PPr,
    default_rpr: RPr,
    /// The id of the default paragraph style (`w:default="1"`), used when a paragraph names none.
    default_para: Option<String>,
}

/// The longest `basedOn` chain followed.
const MAX_CHAIN: usize = 16;

impl FormatStyles {
    /// Parses `word/styles.xml` (none: no styles, Word's defaults).
    pub fn parse(xml: Option<&str>) -> Result<FormatStyles, ReadError> {
        let Some(xml) = xml else {
            return Ok(FormatStyles::default());
        };
        let doc = parse(xml, "word/styles.xml")?;
        let root = doc.root_element();
        let mut out = FormatStyles::default();
        if let Some(dd) = child(root, "docDefaults") {
            out.default_rpr = rpr(child(dd, "rPrDefault").and_then(|r| child(r, "rPr")));
            out.default_ppr = ppr(child(dd, "pPrDefault").and_then(|p| child(p, "pPr")));
        }
        for s in children_named(root, "style") {
            let Some(id) = attr(s, "styleId") else {
                continue;
            };
            if attr(s, "type") == Some("paragraph") && attr(s, "default").is_some_and(|v| v == "1" || v == "true") {
                out.default_para = Some(id.to_owned());
            }
            out.by_id.insert(
                id.to_owned(),
                StyleProps {
                    based_on: child(s, "basedOn")
                        .and_then(|n| attr(n, "val"))
                        .map(str::to_owned),
                    ppr: ppr(child(s, "pPr")),
                    rpr: rpr(child(s, "rPr")),
                },
            );
        }
        Ok(out)
    }

    fn chain(&self, id: &str) -> Vec<&StyleProps> {
        let mut out = Vec::new();
        let mut next = Some(id);
        while let Some(id) = next {
            if out.len() >= MAX_CHAIN {
                break;
            }
            let Some(s) = self.by_id.get(id) else { break };
            out.push(s);
            next = s.based_on.as_deref();
        }
        out
    }

    /// The style a paragraph uses: its own, or the default paragraph style.
    fn para_style<'a>(&'a self, id: &'a str) -> &'a str {
        if id.is_empty() {
            self.default_para.as_deref().unwrap_or("")
        } else {
            id
        }
    }

    /// A paragraph's properties: defaults, its style's chain, its own.
    pub fn paragraph(&self, style: &str, own: &PPr) -> PPr {
        let mut acc = self.default_ppr.clone();
        for s in self.chain(self.para_style(style)).iter().rev() {
            acc = s.ppr.over(&acc);
        }
        own.over(&acc)
    }

    /// A run's properties: defaults, the paragraph style's chain, the character style's, its own.
    pub fn run(&self, para_style: &str, char_style: Option<&str>, own: &RPr) -> RPr {
        let mut acc = self.default_rpr.clone();
        for s in self.chain(self.para_style(para_style)).iter().rev() {
            acc = s.rpr.over(&acc);
        }
        if let Some(cs) = char_style {
            for s in self.chain(cs).iter().rev() {
                acc = s.rpr.over(&acc);
            }
        }
        own.over(&acc)
    }
}

/// A `w:pgSz`, `w:pgMar` measure in twips.
pub(super) fn measure(node: Node<'_, '_>, name: &str) -> Option<f64> {
    attr(node, name).and_then(|v| {
        // Margins may be negative in a file (text over the header); read the magnitude as written.
        twips(v.trim_start_matches('-'))
    })
}
