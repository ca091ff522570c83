//! A kind file (front matter + body) as a user or the web page's editor may write it, rendered with the
//! embedded sample's data into the IR. Any text must give a document or a template error, never a
//! panic or a hang (the template fuel bounds the work).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;
use vanban::pipeline::steps::{document, load_data};
use vanban::pipeline::{Data, Engine, Input, Library, ReadLimits, Strictness};

static SAMPLE: LazyLock<(Library, Data)> = LazyLock::new(|| {
    let library = Library::load(None).expect("embedded templates");
    let engine = Engine::load(None, "dang").expect("embedded templates and profile load");
    let data = load_data(&engine, &Input::Sample, "so-ket", Strictness::Strict)
        .expect("the sample is clean");
    (library, data)
});

fuzz_target!(|text: &str| {
    let (library, data) = &*SAMPLE;
    let Ok(engine) = library
        .with_file("fuzz.md", text)
        .engine("dang", ReadLimits::default())
    else {
        return;
    };
    let Ok(per_row) = engine.kind_is_per_row("fuzz") else {
        return;
    };
    let _ = document(&engine, data, "fuzz", per_row.then_some(1));
});
