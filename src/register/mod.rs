//! The sổ đăng ký văn bản đi: numbers taken for outgoing documents, one SQLite file.
//!
//! - [`series`]: which series a number comes from (the profile's `[numbering]`: per type or one for
//!   the body, restarting each term or each year, secret and congress documents) and how it is written;
//! - [`store`]: the file, its schema and every change as one transaction (reserve a block of numbers,
//!   commit their files, cancel, start a series at a number);
//! - [`export`]: the book as `.xlsx` and as a document for the PDF writer;
//! - [`verify`] here: what changed on disk since the numbers were issued.
//!
//! The crash-safety protocol, run by the pipeline: (1) the number(s) and their rows are taken in one
//! transaction, state `dang-cap`, with this machine's name and process id; (2) the documents are made
//! with those numbers and written under temporary names; (3) one transaction records the files and
//! their SHA-256 and marks the rows `da-cap` (a document that failed is released); (4) the files are
//! renamed to their final names. A process killed after (1) leaves `dang-cap` rows of a dead process;
//! killed after (3), rows whose files are missing. `register verify` names both and `register cancel`
//! closes them; a number is never given twice and never silently lost.

pub mod export;
pub mod series;
pub mod store;

pub use series::{Period, Series, Special, series_for};
pub use store::{Entry, FileRecord, Filter, Register, Row, Taken};

use serde::Serialize;
use sha2::{Digest, Sha256};

/// SHA-256 of bytes, lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// One problem `register verify` found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The number and symbol.
    pub so_ky_hieu: String,
    /// The term or year of its series ("nhiệm kỳ 2020-2025").
    pub ky: String,
    /// `chua-xong` (number taken, files never committed: the process stopped), `thieu-tep` (a file is
    /// missing), `tep-bi-sua` (a file's bytes changed since issue).
    pub loai: String,
    /// The file concerned.
    pub tep: Option<String>,
    /// What is wrong, in Vietnamese.
    pub message: String,
}

/// Re-hashes the files of every issued row that are still recorded with a path, and names rows whose
/// number was taken by a process that stopped before committing its files. Rows downloaded from the web
/// page (no path) and cancelled rows are not checked; a reservation of a process still running on this
/// machine is work in progress, not a finding.
pub fn verify(rows: &[Row]) -> Vec<Finding> {
    let here = store::machine();
    let mut out = Vec::new();
    for r in rows {
        let ky = Period {
            kind: if r.ky_loai == "nhiem-ky" {
                "nhiem-ky"
            } else {
                "nam"
            },
            value: r.ky.clone(),
        }
        .label();
        match r.trang_thai.as_str() {
            "dang-cap" => {
                let running = r.may == here && store::process_alive(r.tien_trinh) == Some(true);
                if !running {
                    out.push(Finding {
                        so_ky_hieu: r.so_ky_hieu.clone(),
                        ky,
                        loai: "chua-xong".into(),
                        tep: None,
                        message: format!(
                            "đã lấy số lúc {} (máy {}, tiến trình {}) nhưng chưa ghi xong tệp: tiến trình đã dừng giữa chừng",
                            r.lay_luc, r.may, r.tien_trinh
                        ),
                    });
                }
            }
            "da-cap" => {
                for f in &r.tep {
                    let Some(path) = &f.duong_dan else { continue };
                    match std::fs::read(path) {
                        Err(_) => out.push(Finding {
                            so_ky_hieu: r.so_ky_hieu.clone(),
                            ky: ky.clone(),
                            loai: "thieu-tep".into(),
                            tep: Some(path.clone()),
                            message: format!("thiếu tệp {path}"),
                        }),
                        Ok(bytes) if sha256_hex(&bytes) != f.sha256 => out.push(Finding {
                            so_ky_hieu: r.so_ky_hieu.clone(),
                            ky: ky.clone(),
                            loai: "tep-bi-sua".into(),
                            tep: Some(path.clone()),
                            message: format!("tệp {path} đã bị thay đổi sau khi cấp số"),
                        }),
                        Ok(_) => {}
                    }
                }
            }
            _ => {}
        }
    }
    out
}
