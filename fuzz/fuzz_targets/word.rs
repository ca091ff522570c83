//! A Word document as a kind: the reader (`.docx` package → paragraphs, tables, tags), the compiler
//! (the administrative parts recognised, the body as a kind's text) and the template stage rendering it
//! with the sample's data into the IR. Any bytes must give a document or an error, never a panic, a hang
//! or an allocation beyond the read limits.
//!
//! The first byte picks what the rest is: 0 — a whole `.docx` (the package reader's zip and limits);
//! otherwise `word/document.xml` itself, placed in a package with fixed styles and numbering parts, so the
//! fuzzer mutates the XML the body reader walks instead of the zip around it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::io::Write;
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

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/></w:style></w:styles>"#;
const NUMBERING: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#;

/// A package holding `document` as its main part.
fn package(document: &[u8]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in [
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", RELS.as_bytes()),
        ("word/styles.xml", STYLES.as_bytes()),
        ("word/numbering.xml", NUMBERING.as_bytes()),
        ("word/document.xml", document),
    ] {
        zip.start_file(name, stored).expect("in memory");
        zip.write_all(bytes).expect("in memory");
    }
    zip.finish().expect("in memory").into_inner()
}

fuzz_target!(|input: &[u8]| {
    let Some((&mode, rest)) = input.split_first() else {
        return;
    };
    let bytes = if mode == 0 {
        rest.to_vec()
    } else {
        package(rest)
    };
    let (library, data) = &*SAMPLE;
    let Ok(engine) = library
        .with_word_file("fuzz.docx", bytes)
        .engine("dang", ReadLimits::default())
    else {
        return;
    };
    let Ok(per_row) = engine.kind_is_per_row("fuzz") else {
        return;
    };
    let _ = document(&engine, data, "fuzz", per_row.then_some(1));
});
