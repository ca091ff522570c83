//! The Markdown → IR reader on any text, then the layout of the result with the Party profile.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vanban::ir::{Document, blocks_from_markdown};
use vanban::profile::Profile;

fuzz_target!(|text: &str| {
    let blocks = blocks_from_markdown(text);
    let doc = Document {
        blocks,
        ..Document::default()
    };
    let _ = vanban::render::layout::resolve(&doc, &Profile::dang());
});
