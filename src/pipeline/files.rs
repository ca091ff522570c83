//! Files made of several documents or for a new working folder: a zip of documents ([`ZipOut`], the
//! one zip writer of the command line and the web page), the joined PDF for printing ([`merge_pdfs`]),
//! and the files `vanban init` writes ([`init_files`]).

use crate::error::{Error, Result};
use crate::profile::BUILTIN;
use crate::render::pdf_merge;
use crate::sample;
use crate::template;
use crate::timing::{self, Stage};
use std::io::{Seek, Write};
use std::path::{Path, PathBuf};

/// A zip archive being written to `W` (a file, or a cursor over memory), entry by entry.
pub struct ZipOut<W: Write + Seek> {
    zip: zip::ZipWriter<W>,
    options: zip::write::SimpleFileOptions,
}

impl<W: Write + Seek> ZipOut<W> {
    /// A new archive. `deflate` compresses its entries; without it they are stored as they are, which
    /// suits DOCX and PDF files (already deflated inside: a second deflate costs seconds at 10,000 forms
    /// for a few per cent of size).
    pub fn new(out: W, deflate: bool) -> Self {
        let method = if deflate {
            zip::CompressionMethod::Deflated
        } else {
            zip::CompressionMethod::Stored
        };
        ZipOut {
            zip: zip::ZipWriter::new(out),
            options: zip::write::SimpleFileOptions::default().compression_method(method),
        }
    }

    /// Adds an entry with these bytes.
    pub fn add(&mut self, name: &str, bytes: &[u8]) -> std::io::Result<()> {
        let _timing = timing::span(Stage::Zip);
        self.zip
            .start_file(name, self.options)
            .map_err(std::io::Error::other)?;
        self.zip.write_all(bytes)
    }

    /// Adds an entry streamed from a file on disk, named after the file.
    pub fn add_file(&mut self, path: &Path) -> std::io::Result<()> {
        let _timing = timing::span(Stage::Zip);
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("tep");
        self.zip
            .start_file(name, self.options)
            .map_err(std::io::Error::other)?;
        let mut src = std::fs::File::open(path)?;
        std::io::copy(&mut src, &mut self.zip)?;
        Ok(())
    }

    /// Writes the archive's directory and returns the output.
    pub fn finish(self) -> std::io::Result<W> {
        let _timing = timing::span(Stage::Zip);
        self.zip.finish().map_err(std::io::Error::other)
    }
}

/// Joins PDF files, in order, each from a new page, into `out` (streamed: one file in memory at a
/// time; a font program repeated from file to file is written once).
pub fn merge_pdfs<W: Write>(files: &[PathBuf], out: W) -> Result<W> {
    timing::time(Stage::Merge, || pdf_merge::merge_files_into(files, out))
}

/// The files of a new working folder `dir`: the workbook to fill in (`du-lieu.xlsx`, every sheet with
/// formatted headers, drop-down lists and an example row), the embedded templates (`templates/*.md`;
/// with `word`, each kind as an editable Word template `templates/<kind>.docx`, the shared macros
/// staying Markdown) and profiles (`templates/profiles/*.toml`) to customise.
pub fn init_files(dir: &Path, word: bool) -> Result<Vec<(PathBuf, Vec<u8>)>> {
    let mut files: Vec<(PathBuf, Vec<u8>)> =
        vec![(dir.join("du-lieu.xlsx"), sample::init_data().to_xlsx()?)];
    for (name, src) in template::embedded() {
        match template::kind_name(name).filter(|_| word) {
            Some(kind) => files.push((
                dir.join("templates").join(format!("{kind}.docx")),
                word_template(kind, src)?,
            )),
            None => files.push((dir.join("templates").join(name), src.as_bytes().to_vec())),
        }
    }
    for (name, src) in BUILTIN {
        files.push((
            dir.join("templates")
                .join("profiles")
                .join(format!("{name}.toml")),
            src.as_bytes().to_vec(),
        ));
    }
    Ok(files)
}

/// A Markdown kind's text as an editable Word template (`.docx` bytes).
pub fn word_template(kind: &str, text: &str) -> Result<Vec<u8>> {
    template::export::to_word(kind, text).map_err(|e| Error::Template {
        name: format!("{kind}.md"),
        line: None,
        place: None,
        message: format!("không xuất được sang mẫu Word: {}", e.0),
        hint: Some(
            "mẫu .md này dùng cấu trúc mà mẫu Word chưa biểu diễn được; dùng mẫu .md".into(),
        ),
    })
}
