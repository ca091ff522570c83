//! Text conventions shared by the data side and the layout side, depending on neither: where Vietnamese
//! tone marks sit.

mod tone;

pub use tone::{ToneStyle, apply_tone_style};
