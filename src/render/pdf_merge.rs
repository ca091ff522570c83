//! Joining finished PDFs into one for printing (`batch --merge-pdf` writes `tat-ca.pdf`): every page of
//! every file, in order, each file starting on a new page.
//!
//! The joined file is written as a stream: [`MergeWriter::add`] parses one part (lopdf), renumbers its
//! pages and everything they reference, and writes those objects out at once, so memory holds one part
//! plus eight bytes of cross-reference per object, whatever the number of parts. Only what the pages
//! reach is copied: structure trees, outlines and metadata of the parts are dropped (the joined file is
//! for the printer, the parts stay the archival copies). A font program that repeats from part to part
//! (vanban's forms embed the same seeded subsets) is written once and shared.

use crate::error::{Error, Result};
use lopdf::{Dictionary, Document, Object, ObjectId, Writer};
use std::collections::HashMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The object number of the joined file's page tree.
const PAGES: u32 = 1;
/// The object number of the joined file's catalog.
const CATALOG: u32 = 2;
/// Page attributes a page may inherit from its ancestors in the page tree (ISO 32000-1, table 30).
const INHERITABLE: [&[u8]; 4] = [b"Resources", b"MediaBox", b"CropBox", b"Rotate"];
/// The keys of a font descriptor that hold the embedded font program (ISO 32000-1, table 122).
const FONT_FILES: [&[u8]; 3] = [b"FontFile", b"FontFile2", b"FontFile3"];
/// Distinct font programs remembered for sharing; beyond this, further ones are written as they come
/// (memory stays bounded whatever the parts hold).
const MAX_SHARED_FONTS: usize = 64;

fn merge_err(message: String) -> Error {
    Error::Render {
        format: "pdf",
        message,
    }
}

/// Writes a joined PDF part by part. Call [`MergeWriter::add`] for each part in order, then
/// [`MergeWriter::finish`]; give it a buffered writer (it writes many small pieces).
pub struct MergeWriter<W: Write> {
    out: W,
    /// Bytes written so far.
    pos: u64,
    /// The byte offset of object `n` at index `n - 1`; 0 until the object is written.
    offsets: Vec<u64>,
    /// The joined file's pages, in order.
    kids: Vec<u32>,
    /// Font programs already written, with their number: (dictionary and bytes as written, number).
    fonts: Vec<(Vec<u8>, u32)>,
}

impl<W: Write> MergeWriter<W> {
    /// Starts the joined file (writes the header).
    pub fn new(out: W) -> io::Result<Self> {
        let mut w = Self {
            out,
            pos: 0,
            offsets: vec![0; CATALOG as usize],
            kids: Vec::new(),
            fonts: Vec::new(),
        };
        w.put(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n")?;
        Ok(w)
    }

    /// Appends every page of one PDF (its bytes) and the objects they use.
    pub fn add(&mut self, pdf: &[u8]) -> Result<()> {
        let doc = Document::load_mem(pdf).map_err(|e| merge_err(e.to_string()))?;
        let mut numbers: HashMap<ObjectId, u32> = HashMap::new();
        let mut queue: Vec<ObjectId> = Vec::new();
        let pages: Vec<ObjectId> = doc.page_iter().collect();
        if pages.is_empty() {
            return Err(merge_err("tệp PDF không có trang nào".into()));
        }
        for &id in &pages {
            let n = self.number(&mut numbers, &mut queue, id);
            self.kids.push(n);
        }
        let mut page_set: Vec<ObjectId> = pages;
        page_set.sort_unstable();
        while let Some(id) = queue.pop() {
            let Ok(object) = doc.get_object(id) else {
                continue;
            };
            let is_page = page_set.binary_search(&id).is_ok();
            let mut object = if is_page {
                Object::Dictionary(page_dict(&doc, object)?)
            } else {
                object.clone()
            };
            self.renumber(&mut object, &doc, &mut numbers, &mut queue)?;
            // Set after renumbering: the joined file's numbers are not the part's.
            if let (true, Object::Dictionary(page)) = (is_page, &mut object) {
                page.set("Parent", Object::Reference((PAGES, 0)));
            }
            if let Object::Stream(s) = &mut object {
                let len = s.content.len() as i64;
                s.dict.set("Length", len);
            }
            let n = numbers.get(&id).copied().unwrap_or_default();
            self.write_object(n, &object)?;
        }
        Ok(())
    }

    /// Writes the page tree, the catalog and the cross-reference table; returns the writer.
    pub fn finish(mut self) -> Result<W> {
        if self.kids.is_empty() {
            return Err(merge_err("không có tệp PDF nào để gộp".into()));
        }
        let mut pages = Dictionary::new();
        pages.set("Type", Object::Name(b"Pages".to_vec()));
        pages.set("Count", self.kids.len() as i64);
        pages.set(
            "Kids",
            self.kids
                .iter()
                .map(|&n| Object::Reference((n, 0)))
                .collect::<Vec<_>>(),
        );
        self.write_object(PAGES, &Object::Dictionary(pages))?;
        let mut catalog = Dictionary::new();
        catalog.set("Type", Object::Name(b"Catalog".to_vec()));
        catalog.set("Pages", Object::Reference((PAGES, 0)));
        self.write_object(CATALOG, &Object::Dictionary(catalog))?;

        let xref = self.pos;
        let size = self.offsets.len() + 1;
        let mut table = String::with_capacity(20 * (size + 2));
        table.push_str(&format!("xref\n0 {size}\n0000000000 65535 f \n"));
        for &offset in &self.offsets {
            // Numbers given out but never written (a reference to a missing object) are free.
            if offset == 0 {
                table.push_str("0000000000 00000 f \n");
            } else {
                table.push_str(&format!("{offset:010} 00000 n \n"));
            }
        }
        table.push_str(&format!(
            "trailer\n<< /Size {size} /Root {CATALOG} 0 R >>\nstartxref\n{xref}\n%%EOF\n"
        ));
        self.put(table.as_bytes()).map_err(write_err)?;
        self.out.flush().map_err(write_err)?;
        Ok(self.out)
    }

    /// The new number of a part's object, given out (and queued for writing) on first sight.
    fn number(
        &mut self,
        numbers: &mut HashMap<ObjectId, u32>,
        queue: &mut Vec<ObjectId>,
        id: ObjectId,
    ) -> u32 {
        *numbers.entry(id).or_insert_with(|| {
            self.offsets.push(0);
            queue.push(id);
            self.offsets.len() as u32
        })
    }

    /// Rewrites every reference in `object` to the joined file's numbers; a reference to an object the
    /// part does not have becomes `null`. Fails only when a shared font program cannot be written.
    fn renumber(
        &mut self,
        object: &mut Object,
        doc: &Document,
        numbers: &mut HashMap<ObjectId, u32>,
        queue: &mut Vec<ObjectId>,
    ) -> Result<()> {
        match object {
            Object::Reference(id) => {
                if doc.objects.contains_key(id) {
                    *id = (self.number(numbers, queue, *id), 0);
                } else {
                    *object = Object::Null;
                }
            }
            Object::Array(items) => {
                for item in items {
                    self.renumber(item, doc, numbers, queue)?;
                }
            }
            Object::Dictionary(dict) => {
                for (key, value) in dict.iter_mut() {
                    if FONT_FILES.contains(&key.as_slice())
                        && let Some(n) = self.shared_font(value, doc, numbers)?
                    {
                        *value = Object::Reference((n, 0));
                        continue;
                    }
                    self.renumber(value, doc, numbers, queue)?;
                }
            }
            Object::Stream(stream) => {
                for (_, value) in stream.dict.iter_mut() {
                    self.renumber(value, doc, numbers, queue)?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// For a reference to a font program: the number of the same program already written (or now
    /// written and remembered), so that every part shares it. `None` leaves the reference to the usual
    /// renumbering (not a stream, or no room left to remember it); a write error is an error.
    fn shared_font(
        &mut self,
        value: &Object,
        doc: &Document,
        numbers: &mut HashMap<ObjectId, u32>,
    ) -> Result<Option<u32>> {
        let Ok(id) = value.as_reference() else {
            return Ok(None);
        };
        if let Some(&n) = numbers.get(&id) {
            return Ok(Some(n));
        }
        let Ok(Object::Stream(stream)) = doc.get_object(id) else {
            return Ok(None);
        };
        // A font program's dictionary holds no reference (filters, lengths, subtype only).
        if stream
            .dict
            .iter()
            .any(|(_, v)| matches!(v, Object::Reference(_)))
        {
            return Ok(None);
        }
        let mut stream = stream.clone();
        stream.dict.set("Length", stream.content.len() as i64);
        let mut bytes = Vec::with_capacity(stream.content.len() + 128);
        Writer::write_object(&mut bytes, &Object::Stream(stream))
            .map_err(|e| merge_err(e.to_string()))?;
        if let Some((_, n)) = self.fonts.iter().find(|(b, _)| *b == bytes) {
            numbers.insert(id, *n);
            return Ok(Some(*n));
        }
        if self.fonts.len() >= MAX_SHARED_FONTS {
            return Ok(None);
        }
        self.offsets.push(0);
        let n = self.offsets.len() as u32;
        numbers.insert(id, n);
        self.write_raw(n, &bytes)?;
        self.fonts.push((bytes, n));
        Ok(Some(n))
    }

    fn write_object(&mut self, n: u32, object: &Object) -> Result<()> {
        let index = n as usize - 1;
        self.offsets[index] = self.pos;
        let mut body = Vec::with_capacity(256);
        body.extend_from_slice(format!("{n} 0 obj\n").as_bytes());
        Writer::write_object(&mut body, object).map_err(|e| merge_err(e.to_string()))?;
        body.extend_from_slice(b"\nendobj\n");
        self.put(&body).map_err(write_err)
    }

    /// Writes object `n` from its serialised body.
    fn write_raw(&mut self, n: u32, body: &[u8]) -> Result<()> {
        let index = n as usize - 1;
        self.offsets[index] = self.pos;
        self.put(format!("{n} 0 obj\n").as_bytes())
            .and_then(|()| self.put(body))
            .and_then(|()| self.put(b"\nendobj\n"))
            .map_err(write_err)
    }

    fn put(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.out.write_all(bytes)?;
        self.pos += bytes.len() as u64;
        Ok(())
    }
}

fn write_err(e: io::Error) -> Error {
    merge_err(format!("không ghi được tệp gộp: {e}"))
}

/// A page's dictionary for the joined file: inherited attributes made its own, without its parent and
/// structure references.
fn page_dict(doc: &Document, page: &Object) -> Result<Dictionary> {
    let mut dict = page
        .as_dict()
        .map_err(|e| merge_err(format!("trang PDF hỏng: {e}")))?
        .clone();
    let mut parent = dict.get(b"Parent").and_then(Object::as_reference).ok();
    // A page tree is shallow; the bound only guards against a cycle in a damaged file.
    for _ in 0..32 {
        let Some(id) = parent else { break };
        let Ok(ancestor) = doc.get_dictionary(id) else {
            break;
        };
        for key in INHERITABLE {
            if !dict.has(key)
                && let Ok(value) = ancestor.get(key)
            {
                dict.set(key, value.clone());
            }
        }
        parent = ancestor.get(b"Parent").and_then(Object::as_reference).ok();
    }
    // The parent is set to the joined page tree once references are renumbered.
    dict.remove(b"Parent");
    dict.remove(b"StructParents");
    Ok(dict)
}

/// Joins the PDF files, in order, into `out` (streamed: one part in memory at a time).
pub fn merge_files_into<W: Write>(files: &[PathBuf], out: W) -> Result<W> {
    let mut merged = MergeWriter::new(out).map_err(write_err)?;
    for f in files {
        let bytes = std::fs::read(f)
            .map_err(|e| merge_err(format!("không đọc lại được {}: {e}", f.display())))?;
        merged
            .add(&bytes)
            .map_err(|e| merge_err(format!("{}: {e}", display_name(f))))?;
    }
    merged.finish()
}

fn display_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{Stream, dictionary};

    /// A PDF of `pages` pages whose MediaBox sits on the page tree (inherited), each page with its own
    /// content stream showing `label`, and a structure tree the join must drop.
    fn part(label: &str, pages: usize) -> Vec<u8> {
        let mut doc = Document::with_version("1.7");
        let pages_id = doc.new_object_id();
        let mut kids = Vec::new();
        for i in 0..pages {
            let content = doc.add_object(Stream::new(
                dictionary! {},
                format!("BT ({label} {i}) Tj ET").into_bytes(),
            ));
            let page = doc.add_object(dictionary! {
                "Type" => "Page",
                "Parent" => pages_id,
                "Contents" => content,
                "StructParents" => 0,
            });
            kids.push(Object::Reference(page));
        }
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! {
                "Type" => "Pages",
                "Kids" => kids,
                "Count" => pages as i64,
                "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            }),
        );
        let tree = doc.add_object(dictionary! { "Type" => "StructTreeRoot" });
        let catalog = doc.add_object(dictionary! {
            "Type" => "Catalog",
            "Pages" => pages_id,
            "StructTreeRoot" => tree,
        });
        doc.trailer.set("Root", catalog);
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    fn page_text(doc: &Document, page: ObjectId) -> String {
        String::from_utf8(doc.get_page_content(page))
            .unwrap()
            .trim_end()
            .to_owned()
    }

    /// A one-page part whose page uses a font with the embedded program `program`.
    fn part_with_font(program: &[u8]) -> Vec<u8> {
        let mut doc = Document::with_version("1.7");
        let pages_id = doc.new_object_id();
        let file = doc.add_object(Stream::new(dictionary! {}, program.to_vec()));
        let descriptor =
            doc.add_object(dictionary! { "Type" => "FontDescriptor", "FontFile2" => file });
        let font = doc.add_object(dictionary! { "Type" => "Font", "FontDescriptor" => descriptor });
        let page = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "Resources" => dictionary! { "Font" => dictionary! { "F0" => font } },
        });
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! {
                "Type" => "Pages", "Kids" => vec![Object::Reference(page)], "Count" => 1,
            }),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog);
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    #[test]
    fn a_font_program_repeated_in_parts_is_written_once_and_shared() {
        let mut w = MergeWriter::new(Vec::new()).unwrap();
        for program in [
            &b"subset one"[..],
            b"subset one",
            b"subset two",
            b"subset one",
        ] {
            w.add(&part_with_font(program)).unwrap();
        }
        let doc = Document::load_mem(&w.finish().unwrap()).unwrap();
        let programs: Vec<ObjectId> = doc
            .page_iter()
            .map(|p| {
                let fonts = doc.get_page_fonts(p).unwrap();
                let font = fonts.values().next().unwrap();
                let descriptor = font.get(b"FontDescriptor").unwrap().as_reference().unwrap();
                let descriptor = doc.get_dictionary(descriptor).unwrap();
                descriptor
                    .get(b"FontFile2")
                    .unwrap()
                    .as_reference()
                    .unwrap()
            })
            .collect();
        assert_eq!(programs.len(), 4);
        assert_eq!(programs[0], programs[1]);
        assert_eq!(programs[0], programs[3]);
        assert_ne!(programs[0], programs[2]);
        let content = |id| {
            doc.get_object(id)
                .unwrap()
                .as_stream()
                .unwrap()
                .content
                .clone()
        };
        assert_eq!(content(programs[0]), b"subset one");
        assert_eq!(content(programs[2]), b"subset two");
    }

    #[test]
    fn every_page_of_every_part_in_order_with_inherited_attributes() {
        let mut w = MergeWriter::new(Vec::new()).unwrap();
        w.add(&part("A", 2)).unwrap();
        w.add(&part("B", 1)).unwrap();
        let bytes = w.finish().unwrap();
        let doc = Document::load_mem(&bytes).unwrap();
        let pages: Vec<ObjectId> = doc.page_iter().collect();
        let texts: Vec<String> = pages.iter().map(|&p| page_text(&doc, p)).collect();
        assert_eq!(
            texts,
            ["BT (A 0) Tj ET", "BT (A 1) Tj ET", "BT (B 0) Tj ET"]
        );
        for &p in &pages {
            let page = doc.get_dictionary(p).unwrap();
            assert_eq!(
                page.get(b"MediaBox").unwrap().as_array().unwrap().len(),
                4,
                "the inherited MediaBox is on the page"
            );
            assert!(!page.has(b"StructParents"));
            assert_eq!(
                page.get(b"Parent").unwrap().as_reference().unwrap(),
                (PAGES, 0)
            );
        }
        // The parts' structure trees and catalogs are not copied.
        let types: Vec<&[u8]> = doc
            .objects
            .values()
            .filter_map(|o| o.type_name().ok())
            .collect();
        assert!(!types.contains(&&b"StructTreeRoot"[..]), "{types:?}");
        assert_eq!(types.iter().filter(|t| **t == b"Catalog").count(), 1);
    }

    #[test]
    fn nothing_to_join_is_an_error_not_an_empty_file() {
        let w = MergeWriter::new(Vec::new()).unwrap();
        assert!(w.finish().is_err());
        let mut w = MergeWriter::new(Vec::new()).unwrap();
        assert!(w.add(b"not a pdf").is_err());
    }
}
