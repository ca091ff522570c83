//! `[kiem_tra]`: what `vanban kiem-tra` allows where the guide gives a range rather than the one value
//! the profile prints with, its tolerances, and the guide and section each of its rules follows.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `[kiem_tra]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InspectRules {
    /// The guide findings cite ("Hướng dẫn 05-HD/VPTW").
    pub van_ban: String,
    /// The section of the guide each rule follows, by rule ("le" → "§IV.4.1").
    #[serde(default)]
    pub muc: BTreeMap<String, String>,
    /// Sizes within this many points of the wanted one pass.
    pub size_tolerance_pt: f32,
    /// Lengths (margins, indents, rules) within this many millimetres pass.
    pub length_tolerance_mm: f32,
    /// The margins the guide allows, `[min, max]` each, where it gives ranges; absent: the profile's own
    /// margins.
    #[serde(default)]
    pub margins_mm: Option<MarginRanges>,
    /// The body text sizes the guide allows, `[min, max]`.
    pub body_size_pt: [f32; 2],
    /// The first-line indents the guide allows, `[min, max]`.
    pub first_line_indent_mm: [f32; 2],
    /// Single-to-multiple line spacing the guide allows besides an exact pitch in
    /// `body.line_pitch_range_pt`, `[min, max]` lines; absent: exact spacing only.
    #[serde(default)]
    pub line_auto: Option<[f32; 2]>,
    /// The share of the text above that a short rule may span, `[min, max]` (NĐ 30: 1/3 to 1/2).
    pub short_rule: [f32; 2],
}

/// Margin ranges, each `[min, max]` millimetres.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarginRanges {
    /// Top.
    pub top: [f32; 2],
    /// Bottom.
    pub bottom: [f32; 2],
    /// Left.
    pub left: [f32; 2],
    /// Right.
    pub right: [f32; 2],
}
