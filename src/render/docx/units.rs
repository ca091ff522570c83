//! Unit conversions between the profile's millimetres and points and the units OOXML uses.

/// Millimetres to twentieths of a point (twips), the unit of page sizes, margins, indents and widths.
pub(super) fn mm_to_twips(mm: f32) -> i32 {
    (mm * 1440.0 / 25.4).round() as i32
}

/// Millimetres to twips for a page margin: rounded up, so that the margin is never narrower than the
/// profile says (15 mm is 850.4 twips: 851, not 850 = 14.99 mm).
pub(super) fn margin_mm_to_twips(mm: f32) -> i32 {
    // Tolerate float noise (20 mm = 1133.858… must stay 1134, 30 mm 1701).
    (f64::from(mm) * 1440.0 / 25.4 - 1e-3).ceil() as i32
}

/// Points to twips (spacing, exact line height).
pub(super) fn pt_to_twips(pt: f32) -> i32 {
    (pt * 20.0).round() as i32
}

/// Points to half-points (font sizes, `w:sz`).
pub(super) fn pt_to_half_points(pt: f32) -> usize {
    (pt * 2.0).round().max(1.0) as usize
}

/// Points to eighths of a point (border widths, `w:sz` of a border).
pub(super) fn pt_to_eighths(pt: f32) -> usize {
    (pt * 8.0).round().max(1.0) as usize
}

/// A non-negative twips value as the unsigned width docx-rs expects.
pub(super) fn unsigned(twips: i32) -> usize {
    usize::try_from(twips.max(0)).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values() {
        assert_eq!(mm_to_twips(20.0), 1134);
        assert_eq!(mm_to_twips(30.0), 1701);
        assert_eq!(mm_to_twips(15.0), 850);
        // Margins never fall short of the profile's value.
        assert_eq!(margin_mm_to_twips(15.0), 851);
        assert_eq!(margin_mm_to_twips(20.0), 1134);
        assert_eq!(margin_mm_to_twips(30.0), 1701);
        assert_eq!(margin_mm_to_twips(10.0), 567);
        for mm in [15.0f32, 20.0, 25.0, 30.0, 35.0] {
            assert!(f64::from(margin_mm_to_twips(mm)) * 25.4 / 1440.0 >= f64::from(mm) - 1e-4);
        }
        assert_eq!(mm_to_twips(210.0), 11906);
        assert_eq!(mm_to_twips(297.0), 16838);
        assert_eq!(pt_to_twips(6.0), 120);
        assert_eq!(pt_to_half_points(14.0), 28);
        assert_eq!(pt_to_eighths(0.5), 4);
        assert_eq!(unsigned(-5), 0);
    }
}
