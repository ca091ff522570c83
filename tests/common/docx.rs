//! Reading a DOCX the way the word-comparison tests need: document.xml and the words of its `w:t`s.
#![allow(dead_code, clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

/// The `word/document.xml` part of a package.
pub fn document_xml(bytes: &[u8]) -> String {
    part(bytes, "word/document.xml").unwrap()
}

/// Every part of a package, by name, as bytes.
pub fn parts(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    entries(bytes)
        .into_iter()
        .map(|(name, (_, bytes))| (name, bytes))
        .collect()
}

/// Every part of a package, by name: how it is stored (deflated or not) and its bytes.
pub fn entries(bytes: &[u8]) -> BTreeMap<String, (zip::CompressionMethod, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).unwrap();
        let mut buf = Vec::new();
        f.read_to_end(&mut buf).unwrap();
        out.insert(f.name().unwrap().to_string(), (f.compression(), buf));
    }
    out
}

/// A part of a package as text, if the package has it.
pub fn part(bytes: &[u8], name: &str) -> Option<String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut f = archive.by_name(name).ok()?;
    let mut xml = String::new();
    f.read_to_string(&mut xml).unwrap();
    Some(xml)
}

/// The words of a part's text (`w:t`), in order: runs of a paragraph join, paragraphs, breaks and
/// tabs separate.
pub fn docx_words(xml: &str) -> Vec<String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    let mut in_t = false;
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) if e.name().0 == "w:t" => in_t = true,
            Event::End(e) if e.name().0 == "w:t" => in_t = false,
            // Runs of one paragraph join without a space; paragraphs, breaks and tabs separate words.
            Event::End(e) if e.name().0 == "w:p" => out.push(' '.to_string()),
            Event::Empty(e) if matches!(e.name().0, "w:br" | "w:tab" | "w:cr") => {
                out.push(' '.to_string())
            }
            Event::Text(t) if in_t => out.push(t.xml10_content().into_owned()),
            Event::GeneralRef(r) if in_t => out.push(
                match &*r.into_inner() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    _ => "'",
                }
                .to_owned(),
            ),
            Event::Eof => break,
            _ => {}
        }
    }
    out.concat().split_whitespace().map(str::to_owned).collect()
}

pub fn counts(words: &[String]) -> BTreeMap<&str, usize> {
    let mut m = BTreeMap::new();
    for w in words {
        *m.entry(w.as_str()).or_insert(0) += 1;
    }
    m
}
