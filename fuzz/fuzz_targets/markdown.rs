//! The Markdown → IR reader on any text, then the layout of the result with the Party profile and the
//! DOCX writer (the PDF writer is left to the `template` target's documents: a Typst compile per input
//! would slow this target a hundredfold).
#![no_main]

use libfuzzer_sys::fuzz_target;
use vanban::ir::{Document, blocks_from_markdown};
use vanban::profile::Profile;

fuzz_target!(|text: &str| {
    let blocks = blocks_from_markdown(text);
    // As every template render ends: the IR's text invariant established.
    let doc = Document {
        blocks,
        ..Document::default()
    }
    .clean();
    let profile = Profile::dang();
    let _ = vanban::render::docx::write(&vanban::render::layout::resolve(&doc, &profile));
});
