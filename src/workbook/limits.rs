//! The size check run before the spreadsheet parser: no part of an .xlsx/.xlsb/.ods package may inflate
//! beyond [`ReadLimits::max_sheet_xml_bytes`], and an .xls file may not be larger than it. A zip bomb is
//! refused here, before anything is inflated into memory.

use super::{ReadLimits, Refused};
use std::io::{Cursor, Read};

/// Ok when the package's parts fit `limits` (also for bytes that are not a zip: calamine judges those).
///
/// The size each zip entry declares is checked first; each entry is then inflated into nothing, counting
/// bytes, so an entry that declares less than it holds is caught too.
pub(super) fn check_package(bytes: &[u8], limits: &ReadLimits) -> Result<(), Refused> {
    let cap = limits.max_sheet_xml_bytes;
    if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        let size = bytes.len() as u64;
        return if size > cap {
            Err(too_big("tệp .xls", size, cap))
        } else {
            Ok(())
        };
    }
    if !bytes.starts_with(b"PK") {
        return Ok(());
    }
    // A zip the reader cannot open is left to calamine, which names the problem.
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    for i in 0..zip.len() {
        let Ok(entry) = zip.by_index_raw(i) else {
            continue;
        };
        if entry.size() > cap {
            return Err(too_big(&part_name(entry.name_raw()), entry.size(), cap));
        }
    }
    for i in 0..zip.len() {
        let Ok(entry) = zip.by_index(i) else {
            continue;
        };
        let name = part_name(entry.name_raw());
        let mut limited = entry.take(cap + 1);
        // A read error (corrupt data) is calamine's to report; only the size is judged here.
        let inflated = std::io::copy(&mut limited, &mut std::io::sink()).unwrap_or(0);
        if inflated > cap {
            return Err(too_big(&name, inflated, cap));
        }
    }
    Ok(())
}

/// "phần \"xl/worksheets/sheet1.xml\"" for messages.
fn part_name(raw: &[u8]) -> String {
    format!("phần \"{}\"", String::from_utf8_lossy(raw))
}

fn too_big(what: &str, size: u64, cap: u64) -> Refused {
    Refused {
        message: format!(
            "{what} của bảng tính giải nén ra {} byte (hơn {}), vượt giới hạn đọc {} byte",
            thousands(size),
            megabytes(size),
            thousands(cap)
        ),
        hint: Some(
            "bảng tính quá lớn hoặc bị làm hỏng có chủ ý; tách dữ liệu thành nhiều tệp nhỏ hơn, \
             hoặc lưu lại bằng Excel/LibreOffice rồi thử lại"
                .into(),
        ),
    }
}

/// "1.234.567": a count with Vietnamese thousands separators.
pub(super) fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// "512 MB" (whole mebibytes, rounded down).
fn megabytes(n: u64) -> String {
    format!("{} MB", n >> 20)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_with(name: &str, content: &[u8]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        w.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("start");
        w.write_all(content).expect("write");
        w.finish().expect("finish").into_inner()
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1.000");
        assert_eq!(thousands(200_000), "200.000");
        assert_eq!(thousands(1_234_567), "1.234.567");
    }

    #[test]
    fn a_part_that_inflates_past_the_cap_is_refused() {
        let bytes = zip_with("xl/worksheets/sheet1.xml", &vec![b'a'; 10_000]);
        let small = ReadLimits {
            max_sheet_xml_bytes: 9_999,
            ..ReadLimits::default()
        };
        let e = check_package(&bytes, &small).expect_err("refused");
        assert!(
            e.message.contains("xl/worksheets/sheet1.xml"),
            "{}",
            e.message
        );
        assert!(e.message.contains("10.000") && e.message.contains("9.999"));
        let fits = ReadLimits {
            max_sheet_xml_bytes: 10_000,
            ..ReadLimits::default()
        };
        assert!(check_package(&bytes, &fits).is_ok());
    }

    #[test]
    fn an_xls_larger_than_the_cap_is_refused() {
        let mut bytes = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
        bytes.resize(4096, 0);
        let small = ReadLimits {
            max_sheet_xml_bytes: 1000,
            ..ReadLimits::default()
        };
        assert!(check_package(&bytes, &small).is_err());
        assert!(check_package(&bytes, &ReadLimits::default()).is_ok());
    }
}
