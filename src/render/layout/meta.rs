//! Document properties written to both files (DOCX core properties; the PDF's information dictionary and
//! XMP): title, author, the citation form as subject, language and date.

use super::Line;
use crate::ir::{self, Document};
use crate::profile::{Profile, apply_tone_style};
use serde::Serialize;

/// Document properties written to both files: DOCX `docProps/core.xml`, the PDF's document information
/// dictionary and XMP.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Metadata {
    /// Tên loại and trích yếu ("Kế hoạch xây dựng mô hình chi bộ “4 tốt”").
    pub title: String,
    /// The issuing body as the workbook writes it.
    pub author: String,
    /// The citation form: "Kế hoạch số 09-KH/ĐU, ngày 29/7/2022".
    pub subject: String,
    /// The language tag (vi-VN).
    pub language: String,
    /// The document's date (creation date of both files); `None` when the document is undated.
    pub date: Option<ir::Date>,
}

/// Title, author, subject, language and date of the document.
pub(super) fn metadata(doc: &Document, profile: &Profile, number: Option<&Line>) -> Metadata {
    let tone = profile.text.tone_style;
    let ten_loai = apply_tone_style(doc.title.ten_loai.trim(), tone);
    let trich_yeu = ir::plain_text(&doc.title.trich_yeu).replace('\n', " ");
    let trich_yeu = apply_tone_style(trich_yeu.trim(), tone);
    let title = format!("{ten_loai} {trich_yeu}").trim().to_owned();
    // The citation form (05-HD §I.6.1.4): "Kế hoạch số 09-KH/ĐU, ngày 29/7/2022".
    let mut subject = ten_loai.clone();
    if let Some(n) = number {
        let so = n
            .text
            .trim_start_matches("Số:")
            .trim_start_matches("Số")
            .trim();
        subject.push_str(&format!(" số {so}"));
    }
    if let Some(d) = doc.header.ngay {
        subject.push_str(&format!(", ngày {}/{}/{}", d.day, d.month, d.year));
    }
    Metadata {
        title,
        author: apply_tone_style(doc.header.co_quan.trim(), tone),
        subject,
        language: profile.fonts.language.clone(),
        date: doc.header.ngay,
    }
}
