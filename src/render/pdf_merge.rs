//! Joining finished PDFs into one for printing (`batch --merge-pdf` writes `tat-ca.pdf`): every page of
//! every file, in order, each file starting on a new page. Uses lopdf; structure trees and outlines of the
//! parts are dropped (the joined file is for the printer, the parts stay the archival copies).

use crate::error::{Error, Result};
use lopdf::{Document, Object, ObjectId};
use std::collections::BTreeMap;
use std::path::PathBuf;

fn merge_err(message: String) -> Error {
    Error::Render {
        format: "pdf",
        message,
    }
}

/// Joins the PDF files, in order, into one PDF.
pub fn merge_files(files: &[PathBuf]) -> Result<Vec<u8>> {
    let mut docs = Vec::with_capacity(files.len());
    for f in files {
        docs.push(
            Document::load(f)
                .map_err(|e| merge_err(format!("không đọc lại được {}: {e}", f.display())))?,
        );
    }
    merge(docs)
}

/// Joins loaded PDF documents into one PDF.
pub fn merge(docs: Vec<Document>) -> Result<Vec<u8>> {
    let mut max_id = 1;
    let mut pages: Vec<(ObjectId, Object)> = Vec::new();
    let mut objects: BTreeMap<ObjectId, Object> = BTreeMap::new();
    for mut doc in docs {
        doc.renumber_objects_with(max_id);
        max_id = doc.max_id + 1;
        for (_, id) in doc.get_pages() {
            if let Ok(page) = doc.get_object(id) {
                pages.push((id, page.clone()));
            }
        }
        objects.extend(doc.objects);
    }
    let mut out = Document::with_version("1.7");
    let mut catalog: Option<(ObjectId, Object)> = None;
    let mut pages_root: Option<ObjectId> = None;
    for (id, object) in objects {
        match object.type_name().unwrap_or(b"") {
            b"Catalog" => {
                if catalog.is_none() {
                    catalog = Some((id, object));
                }
            }
            b"Pages" => {
                if pages_root.is_none() {
                    pages_root = Some(id);
                }
            }
            b"Page" | b"Outlines" | b"Outline" | b"StructTreeRoot" | b"StructElem" => {}
            _ => {
                out.objects.insert(id, object);
            }
        }
    }
    let (catalog_id, catalog) =
        catalog.ok_or_else(|| merge_err("không có tệp PDF nào để gộp".into()))?;
    let pages_id = pages_root.ok_or_else(|| merge_err("tệp PDF không có cây trang".into()))?;
    let mut kids = Vec::with_capacity(pages.len());
    for (id, page) in &pages {
        if let Ok(dict) = page.as_dict() {
            let mut dict = dict.clone();
            dict.set("Parent", pages_id);
            dict.remove(b"StructParents");
            out.objects.insert(*id, Object::Dictionary(dict));
            kids.push(Object::Reference(*id));
        }
    }
    let mut pages_dict = lopdf::Dictionary::new();
    pages_dict.set("Type", Object::Name(b"Pages".to_vec()));
    pages_dict.set("Count", kids.len() as i64);
    pages_dict.set("Kids", kids);
    out.objects.insert(pages_id, Object::Dictionary(pages_dict));
    let mut catalog = catalog
        .as_dict()
        .map_err(|e| merge_err(e.to_string()))?
        .clone();
    catalog.set("Pages", pages_id);
    for key in [
        &b"Outlines"[..],
        b"StructTreeRoot",
        b"Names",
        b"Dests",
        b"MarkInfo",
        b"OpenAction",
    ] {
        catalog.remove(key);
    }
    out.objects.insert(catalog_id, Object::Dictionary(catalog));
    out.trailer.set("Root", catalog_id);
    out.max_id = out.objects.keys().map(|(n, _)| *n).max().unwrap_or(0);
    out.renumber_objects();
    out.prune_objects();
    out.compress();
    let mut buf = Vec::new();
    out.save_to(&mut buf)
        .map_err(|e| merge_err(e.to_string()))?;
    Ok(buf)
}
