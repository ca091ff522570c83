//! For every embedded kind, in both the Party and the State profile, the DOCX and the PDF made from one
//! IR carry the same words — the PDF's page numbers aside, and the header rows of tables, which the PDF
//! prints again on every page a table runs over while the DOCX holds them once (Word repeats them).

#![allow(clippy::unwrap_used)]

mod common;

use common::docx::{counts, document_xml, docx_words};
use std::collections::BTreeSet;
use vanban::ir::{Block, Document, plain_text};
use vanban::pipeline::{self, DocumentRequest, Engine, Format, Input};
use vanban::profile::Profile;
use vanban::render::pdf::PdfEngine;

/// The words of a PDF's pages, without the page numbers (the last text of a page, when it is a number).
fn pdf_words(pages: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for page in pages {
        let mut lines: Vec<&str> = page.lines().collect();
        if lines
            .last()
            .is_some_and(|l| !l.trim().is_empty() && l.trim().chars().all(|c| c.is_ascii_digit()))
        {
            lines.pop();
        }
        out.extend(
            lines
                .iter()
                .flat_map(|l| l.split_whitespace().map(str::to_owned)),
        );
    }
    out
}

/// The words of every table header row of a document (main text and phụ lục).
fn header_words(doc: &Document) -> BTreeSet<String> {
    let blocks = doc
        .blocks
        .iter()
        .chain(doc.appendices.iter().flat_map(|a| a.blocks.iter()));
    let mut out = BTreeSet::new();
    for b in blocks {
        if let Block::Table(t) = b {
            for cell in &t.header {
                out.extend(plain_text(cell).split_whitespace().map(str::to_owned));
            }
        }
    }
    out
}

#[test]
fn every_embedded_kind_has_the_same_words_in_docx_and_pdf() {
    let mut checked = Vec::new();
    for profile in ["dang", "nha-nuoc"] {
        let engine = Engine::load(None, profile).unwrap();
        let kinds = engine.kinds();
        assert!(kinds.len() >= 8, "{}", kinds.len());
        for entry in &kinds {
            let kind = &entry.kind;
            let stt = entry.per.map(|_| 1);
            let request = DocumentRequest::new(kind.as_str(), stt, Input::Sample);
            let rendered =
                pipeline::render(&engine, &request, &[Format::Ir, Format::Docx]).unwrap();
            let doc: Document = serde_json::from_slice(&rendered.files[0].1).unwrap();
            let docx_words = docx_words(&document_xml(&rendered.files[1].1));
            // The PDF's pages, laid out from the same document and profile.
            let layout = vanban::render::layout::resolve(&doc, &Profile::builtin(profile).unwrap());
            let ins = PdfEngine::global()
                .unwrap()
                .session()
                .inspect(&layout)
                .unwrap();
            assert!(ins.warnings.is_empty(), "{}: {:?}", kind, ins.warnings);
            let pdf_words = pdf_words(&ins.pages);
            assert!(
                docx_words.len() > 50,
                "{}: {} words",
                kind,
                docx_words.len()
            );
            let (docx, pdf) = (counts(&docx_words), counts(&pdf_words));
            let headers = header_words(&doc);
            let words: BTreeSet<&str> = docx.keys().chain(pdf.keys()).copied().collect();
            for w in words {
                let (d, p) = (
                    docx.get(w).copied().unwrap_or(0),
                    pdf.get(w).copied().unwrap_or(0),
                );
                let repeated_header = p > d && d > 0 && headers.iter().any(|h| h == w);
                assert!(
                    d == p || repeated_header,
                    "{} ({profile}): \"{w}\" {d} times in the DOCX, {p} in the PDF",
                    kind
                );
            }
            checked.push(format!("{}/{profile}", kind));
        }
    }
    assert!(
        checked
            .iter()
            .any(|k| k.starts_with("quyet-dinh-xep-loai/")),
        "{checked:?}"
    );
}
