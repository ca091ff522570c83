//! The `.docx` package: a zip of XML parts. Opened within limits (the number of parts, the size each may
//! inflate to, checked while inflating), with a clear message for what is not a Word document: a Word
//! 97–2003 `.doc`, an encrypted file (both OLE compound files), a zip without `word/document.xml`.

use super::ReadError;
use std::io::{Cursor, Read};

/// The most a `.docx` may hold before it is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordLimits {
    /// The most bytes one XML part may inflate to.
    pub max_part_bytes: u64,
    /// The most entries the package may have.
    pub max_entries: usize,
}

impl Default for WordLimits {
    fn default() -> Self {
        WordLimits {
            max_part_bytes: 64 << 20,
            max_entries: 10_000,
        }
    }
}

/// The signature of an OLE compound file (a `.doc`, or an encrypted `.docx`).
const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// An opened package.
pub(super) struct Package<'a> {
    zip: std::cell::RefCell<zip::ZipArchive<Cursor<&'a [u8]>>>,
    names: Vec<String>,
    limits: WordLimits,
}

fn package_error(message: impl Into<String>, hint: impl Into<String>) -> ReadError {
    ReadError::Package {
        message: message.into(),
        hint: hint.into(),
    }
}

fn save_as_docx() -> &'static str {
    "mở tệp trong Word hoặc LibreOffice và lưu lại dưới dạng Tài liệu Word (.docx)"
}

impl<'a> Package<'a> {
    /// Opens the package, or says why it is not a `.docx`.
    pub(super) fn open(bytes: &'a [u8], limits: &WordLimits) -> Result<Self, ReadError> {
        if bytes.starts_with(OLE) {
            // An encrypted .docx is an OLE file holding an "EncryptedPackage" stream (UTF-16 name).
            let marker: Vec<u8> = "EncryptedPackage"
                .encode_utf16()
                .flat_map(u16::to_le_bytes)
                .collect();
            if bytes.windows(marker.len()).any(|w| w == marker.as_slice()) {
                return Err(package_error(
                    "tệp được đặt mật khẩu (mã hóa), không đọc được",
                    "mở tệp trong Word, bỏ mật khẩu (Tệp → Thông tin → Bảo vệ tài liệu) rồi lưu lại",
                ));
            }
            return Err(package_error(
                "đây là tệp Word 97–2003 (.doc), không phải .docx",
                save_as_docx(),
            ));
        }
        if !bytes.starts_with(b"PK") {
            return Err(package_error(
                "tệp không phải tài liệu Word (.docx)",
                save_as_docx(),
            ));
        }
        let zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
            package_error(
                format!("tệp .docx bị hỏng, không mở được ({e})"),
                save_as_docx(),
            )
        })?;
        if zip.len() > limits.max_entries {
            return Err(package_error(
                format!(
                    "tệp .docx có {} phần, vượt giới hạn {}",
                    zip.len(),
                    limits.max_entries
                ),
                "tệp này không giống một tài liệu Word bình thường; lưu lại từ Word",
            ));
        }
        let names = zip
            .file_names()
            .filter_map(|n| n.ok().map(|n| n.into_owned()))
            .collect();
        Ok(Package {
            zip: std::cell::RefCell::new(zip),
            names,
            limits: *limits,
        })
    }

    /// The text of a part, `None` when the package has no such part. A part over the size limit, one
    /// that does not inflate, or one that is not UTF-8 is an error.
    pub(super) fn part(&self, name: &str) -> Result<Option<String>, ReadError> {
        let Some((actual, bytes)) = self.read(name)? else {
            return Ok(None);
        };
        let text = String::from_utf8(bytes).map_err(|_| {
            package_error(
                format!("phần {actual} của tệp .docx không phải văn bản UTF-8"),
                save_as_docx(),
            )
        })?;
        Ok(Some(text))
    }

    /// The bytes of a binary part (a picture in `word/media/`), `None` when the package has no such
    /// part; within the same size limit as the XML parts.
    pub(super) fn bytes(&self, name: &str) -> Result<Option<Vec<u8>>, ReadError> {
        Ok(self.read(name)?.map(|(_, bytes)| bytes))
    }

    /// A part's name as the zip spells it and its inflated bytes, within the size limit.
    fn read(&self, name: &str) -> Result<Option<(String, Vec<u8>)>, ReadError> {
        let Some(actual) = self
            .names
            .iter()
            .find(|n| n.eq_ignore_ascii_case(name))
            .cloned()
        else {
            return Ok(None);
        };
        let mut zip = self.zip.borrow_mut();
        let entry = zip.by_name(&actual).map_err(|e| {
            package_error(
                format!("không đọc được phần {actual} của tệp .docx ({e})"),
                save_as_docx(),
            )
        })?;
        let cap = self.limits.max_part_bytes;
        if entry.size() > cap {
            return Err(too_big(&actual, entry.size(), cap));
        }
        let mut bytes = Vec::new();
        entry
            .take(cap + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| {
                package_error(
                    format!("phần {actual} của tệp .docx bị hỏng ({e})"),
                    save_as_docx(),
                )
            })?;
        if bytes.len() as u64 > cap {
            return Err(too_big(&actual, bytes.len() as u64, cap));
        }
        Ok(Some((actual, bytes)))
    }

    /// The page header and footer parts, in name order (`word/footer1.xml`, `word/header1.xml` …).
    pub(super) fn header_footer_parts(&self) -> Vec<String> {
        let mut parts: Vec<String> = self
            .names
            .iter()
            .filter(|n| {
                let lower = n.to_ascii_lowercase();
                (lower.starts_with("word/header") || lower.starts_with("word/footer"))
                    && lower.ends_with(".xml")
            })
            .cloned()
            .collect();
        parts.sort();
        parts
    }
}

fn too_big(name: &str, size: u64, cap: u64) -> ReadError {
    package_error(
        format!("phần {name} của tệp .docx giải nén ra hơn {cap} byte (ít nhất {size}), vượt giới hạn đọc"),
        "tài liệu quá lớn hoặc tệp bị làm hỏng có chủ ý; chia nhỏ tài liệu hoặc lưu lại từ Word",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in parts {
            w.start_file(*name, options).unwrap();
            std::io::Write::write_all(&mut w, bytes).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    fn message(r: Result<Package<'_>, ReadError>) -> String {
        match r {
            Err(ReadError::Package { message, .. }) => message,
            Err(other) => panic!("{other:?}"),
            Ok(_) => panic!("opened"),
        }
    }

    #[test]
    fn what_is_not_a_docx_is_named() {
        let limits = WordLimits::default();
        assert!(message(Package::open(b"hello", &limits)).contains("không phải tài liệu Word"));
        let mut doc = OLE.to_vec();
        doc.extend_from_slice(&[0; 600]);
        assert!(message(Package::open(&doc, &limits)).contains(".doc"));
        let mut enc = OLE.to_vec();
        enc.extend(
            "EncryptedPackage"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        );
        assert!(message(Package::open(&enc, &limits)).contains("mật khẩu"));
        assert!(message(Package::open(b"PK\x03\x04broken", &limits)).contains("bị hỏng"));
    }

    #[test]
    fn a_part_inflating_beyond_the_limit_is_refused() {
        let big = vec![b'a'; 10_000];
        let bytes = zip_of(&[("word/document.xml", &big)]);
        let limits = WordLimits {
            max_part_bytes: 1_000,
            max_entries: 10,
        };
        let p = Package::open(&bytes, &limits).unwrap();
        match p.part("word/document.xml") {
            Err(ReadError::Package { message, .. }) => assert!(message.contains("giới hạn"), "{message}"),
            other => panic!("{other:?}"),
        }
        assert_eq!(p.part("word/styles.xml").unwrap(), None);
    }
}
