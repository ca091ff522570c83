//! A profile TOML file as a user may write it: a profile or an error naming the key, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vanban::profile::Profile;

fuzz_target!(|text: &str| {
    if let Ok(p) = Profile::parse(text, "fuzz.toml") {
        let doc = vanban::ir::Document::default();
        let _ = vanban::render::layout::resolve(&doc, &p);
    }
});
