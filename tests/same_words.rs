//! For every embedded kind, in both the Party and the State profile, the DOCX and the PDF made from one
//! IR carry the same words — the PDF's page numbers aside, the header rows of tables, which the PDF
//! prints again on every page a table runs over while the DOCX holds them once (Word repeats them), and
//! the dots of fill lines, which the PDF draws as a row of periods and the DOCX as a tab's dot leader.
//! A document with copies (a chi bộ's ballots) is compared on one copy; its PDF holds them all.

#![allow(clippy::unwrap_used)]

mod common;

use common::docx::{counts, document_xml, docx_words};
use std::collections::BTreeSet;
use vanban::ir::{Block, Document, plain_text};
use vanban::pipeline::{self, DocumentRequest, Engine, Format, Input};
use vanban::profile::Profile;
use vanban::render::pdf::PdfEngine;

/// A word as both formats are compared: without the periods a fill line may join to it (the PDF's dots
/// are text, the DOCX's leader is not); a word of periods only is none.
fn unfilled(w: &str) -> Option<String> {
    let t = w.trim_end_matches('.');
    (!t.is_empty()).then(|| t.to_owned())
}

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
                .flat_map(|l| l.split_whitespace().filter_map(unfilled)),
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
            // Each per-row kind from its first row; the bản kiểm điểm also from STT 7 (Mẫu 2B: a
            // leadership post) and STT 12 (Mẫu 2A).
            let stts: Vec<Option<i64>> = match (entry.per, kind.as_str()) {
                (None, _) => vec![None],
                (Some(_), "kiem-diem-ca-nhan") => vec![Some(1), Some(7), Some(12)],
                (Some(_), _) => vec![Some(1)],
            };
            for stt in stts {
                let request = DocumentRequest::new(kind.as_str(), stt, Input::Sample);
                let rendered =
                    pipeline::render(&engine, &request, &[Format::Ir, Format::Docx]).unwrap();
                let mut doc: Document = serde_json::from_slice(&rendered.files[0].1).unwrap();
                let docx_words: Vec<String> = docx_words(&document_xml(&rendered.files[1].1))
                    .iter()
                    .filter_map(|w| unfilled(w))
                    .collect();
                // The PDF's pages, laid out from the same document and profile; one copy, then all.
                let copies = doc.copies.unwrap_or(1) as usize;
                doc.copies = None;
                let layout =
                    vanban::render::layout::resolve(&doc, &Profile::builtin(profile).unwrap());
                let mut session = PdfEngine::global().unwrap().session();
                let ins = session.inspect(&layout).unwrap();
                if copies > 1 {
                    doc.copies = Some(copies as u32);
                    let all =
                        vanban::render::layout::resolve(&doc, &Profile::builtin(profile).unwrap());
                    let pages = session.inspect(&all).unwrap().pages;
                    assert_eq!(pages.len(), copies * ins.pages.len(), "{kind}");
                    assert_eq!(
                        pages[ins.pages.len()..2 * ins.pages.len()],
                        ins.pages[..],
                        "{kind}"
                    );
                }
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
                checked.push(format!("{}/{profile}/{stt:?}", kind));
            }
        }
    }
    for kind in [
        "quyet-dinh-xep-loai/",
        "kiem-diem-ca-nhan/",
        "kiem-diem-chi-bo/",
        "phieu-danh-gia/",
        "bien-ban-hop-chi-bo/",
        "bien-ban-kiem-phieu/",
    ] {
        assert!(
            checked.iter().any(|k| k.starts_with(kind)),
            "{kind}: {checked:?}"
        );
    }
}
