//! A kind file (front matter + body) as a user or the web page's editor may write it, rendered with the
//! embedded sample's data into the IR. Any text must give a document or a template error, never a
//! panic or a hang (the template fuel bounds the work).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;
use vanban::pipeline::{self, Data, Engine, Input, Strictness};
use vanban::template::{Origin, Source, Templates, load_sources};

static SAMPLE: LazyLock<(Engine, Data)> = LazyLock::new(|| {
    let engine = Engine::load(None, "dang").expect("embedded templates and profile load");
    let kind = engine.templates.kind("so-ket").expect("so-ket exists").clone();
    let data = pipeline::load_data(&engine, &Input::Sample, &kind, Strictness::Strict)
        .expect("the sample is clean");
    (engine, data)
});

fuzz_target!(|text: &str| {
    let (engine, data) = &*SAMPLE;
    let mut sources = load_sources(None).expect("embedded templates");
    sources.push(Source {
        file_name: "fuzz.md".into(),
        text: text.to_owned(),
        origin: Origin::Dir("fuzz".into()),
    });
    let Ok(templates) = Templates::from_sources(sources) else {
        return;
    };
    let engine = Engine {
        templates,
        profile: engine.profile.clone(),
        limits: engine.limits.clone(),
    };
    let Ok(kind) = engine.templates.kind("fuzz") else {
        return;
    };
    let kind = kind.clone();
    let stt = kind.per.map(|_| 1);
    let _ = pipeline::document(&engine, data, &kind, stt);
});
