//! The embedded fonts (Liberation Serif 2.x, SIL OFL 1.1, from Debian's fonts-liberation2) and text
//! measurement with their metrics, which match Times New Roman's.

/// Liberation Serif Regular.
pub const REGULAR: &[u8] = include_bytes!("../fonts/LiberationSerif-Regular.ttf");
/// Liberation Serif Bold.
pub const BOLD: &[u8] = include_bytes!("../fonts/LiberationSerif-Bold.ttf");
/// Liberation Serif Italic.
pub const ITALIC: &[u8] = include_bytes!("../fonts/LiberationSerif-Italic.ttf");
/// Liberation Serif Bold Italic.
pub const BOLD_ITALIC: &[u8] = include_bytes!("../fonts/LiberationSerif-BoldItalic.ttf");

/// All four faces.
pub const ALL: [&[u8]; 4] = [REGULAR, BOLD, ITALIC, BOLD_ITALIC];

/// The parsed face for a style, parsed once per process (measuring runs often: rules, table columns).
fn parsed_face(bold: bool, italic: bool) -> Option<&'static ttf_parser::Face<'static>> {
    static FACES: std::sync::OnceLock<[Option<ttf_parser::Face<'static>>; 4]> =
        std::sync::OnceLock::new();
    let faces = FACES.get_or_init(|| {
        [REGULAR, BOLD, ITALIC, BOLD_ITALIC].map(|bytes| ttf_parser::Face::parse(bytes, 0).ok())
    });
    faces[usize::from(bold) + 2 * usize::from(italic)].as_ref()
}

/// The advance width of `text` set at `size_pt`, in points (no kerning; close enough for rules and
/// column sizing). Characters missing from the font count as half an em.
pub fn text_width_pt(text: &str, size_pt: f32, bold: bool, italic: bool) -> f32 {
    let Some(face) = parsed_face(bold, italic) else {
        return text.chars().count() as f32 * size_pt * 0.5;
    };
    let upem = f32::from(face.units_per_em());
    let units: f32 = text
        .chars()
        .map(|c| {
            face.glyph_index(c)
                .and_then(|g| face.glyph_hor_advance(g))
                .map_or(upem / 2.0, f32::from)
        })
        .sum();
    units / upem * size_pt
}

/// The vertical metrics of a line set at single spacing, in ems of the font size (Regular face).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct LineMetrics {
    /// The height of a single-spaced line: ascender + descender + line gap, as Word and LibreOffice
    /// set a paragraph with "single" spacing (1.149 em for Liberation Serif and Times New Roman).
    pub single_em: f32,
    /// The descender: how far the baseline sits above the bottom of that line.
    pub descent_em: f32,
}

/// The single-spacing line metrics of the embedded serif (the regular face's horizontal header).
pub fn line_metrics() -> LineMetrics {
    match parsed_face(false, false) {
        Some(face) => {
            let upem = f32::from(face.units_per_em());
            let ascent = f32::from(face.ascender());
            let descent = -f32::from(face.descender());
            let gap = f32::from(face.line_gap());
            LineMetrics {
                single_em: (ascent + descent + gap) / upem,
                descent_em: descent / upem,
            }
        }
        // Times New Roman's values, should the embedded face ever fail to parse.
        None => LineMetrics {
            single_em: 1.149,
            descent_em: 0.216,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_spacing_is_that_of_times_new_roman() {
        let m = line_metrics();
        assert!((m.single_em - 1.149).abs() < 0.002, "{m:?}");
        assert!((m.descent_em - 0.216).abs() < 0.002, "{m:?}");
    }

    #[test]
    fn measures_vietnamese_heading() {
        let w = text_width_pt("ĐẢNG CỘNG SẢN VIỆT NAM", 15.0, true, false);
        // About 72 mm in Times New Roman Bold 15 pt.
        assert!((190.0..220.0).contains(&w), "{w}");
        assert!(text_width_pt("a", 14.0, false, false) < text_width_pt("W", 14.0, false, false));
    }
}
