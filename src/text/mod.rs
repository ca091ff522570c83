//! Text conventions shared by the data side and the layout side, depending on neither: the calendar
//! [`Date`], the text invariant (NFC, no controls, nothing invisible) and where Vietnamese tone marks sit.

mod clean;
mod date;
mod tone;

pub(crate) use clean::{clean, is_unwanted, nfc};
pub use date::Date;
pub use tone::{ToneStyle, apply_tone_style};
