//! `vanban kiem-tra`: a `.docx` checked against a profile's thể thức (the check itself is
//! `crate::inspect`); the report the command line prints and the web page returns.

use crate::error::{Error, Result};
use crate::profile::Profile;
use crate::word::ReadError;

pub use crate::inspect::{Finding, Report};

/// Checks a `.docx`'s bytes (named `file` in messages) against a profile (`--profile` as the command
/// line takes it). A file that is not a readable Word document is an [`Error::Unreadable`] (exit 2).
pub fn kiem_tra(bytes: &[u8], file: &str, profile: &str) -> Result<Report> {
    let profile = Profile::load(profile)?;
    crate::inspect::check(bytes, file, &profile).map_err(|e| unreadable(file, e))
}

fn unreadable(file: &str, e: ReadError) -> Error {
    let (message, hint) = match e {
        ReadError::Package { message, hint } => (message, hint),
        ReadError::Content {
            place,
            message,
            hint,
        } => (format!("{place}: {message}"), hint),
    };
    Error::Unreadable {
        path: file.into(),
        message,
        hint: Some(hint),
    }
}

/// The report as text, in Vietnamese: one line per finding, then the count.
pub fn report_text(r: &Report) -> String {
    let mut out = format!(
        "kiểm tra {} theo hồ sơ {} — {}\n",
        r.tep, r.ho_so, r.ten_ho_so
    );
    for f in &r.phat_hien {
        out.push_str(&format!(
            "{} — {}: có {}; cần {} ({})\n",
            f.noi, f.phan, f.thay, f.can, f.nguon
        ));
    }
    if r.phat_hien.is_empty() {
        out.push_str("Đúng thể thức: không có chỗ nào khác hồ sơ trình bày.\n");
    } else {
        out.push_str(&format!("{} chỗ chưa đúng thể thức.\n", r.phat_hien.len()));
    }
    out
}
