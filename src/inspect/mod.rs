//! `vanban kiem-tra`: a `.docx` checked against a profile's thể thức. The Word format reader
//! ([`crate::word::format`]) gives the document as Word would lay it out; [`parts`] recognises its
//! parts (the header table, the title, the căn cứ, the body, the signature and nơi nhận, each section's
//! pages); one module per area checks them against the profile ([`page`], [`header`], [`title`],
//! [`body`], [`signature`]). Each finding names where it is ("đoạn 12", "bảng 1 hàng 2 ô 1"), what was
//! found, what the profile wants and the section of the guide it follows.

mod body;
mod header;
mod page;
mod parts;
mod pattern;
mod signature;
mod title;

use crate::profile::Profile;
use crate::word::format::{FParagraph, FormatDoc};
use crate::word::{Place, ReadError, WordLimits};
use serde::Serialize;

/// One place where the document departs from the profile.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Where ("đoạn 12", "bảng 1 hàng 2 ô 3", "phần 1 của văn bản" for page setup).
    pub noi: String,
    /// The rule's id ("so-ky-hieu").
    pub quy_tac: &'static str,
    /// The part concerned, in Vietnamese ("Số, ký hiệu").
    pub phan: String,
    /// What was found.
    pub thay: String,
    /// What the profile wants.
    pub can: String,
    /// The guide and its section ("Hướng dẫn 05-HD/VPTW §I.3.2").
    pub nguon: String,
}

/// The report of one check.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The file as the user named it.
    pub tep: String,
    /// The profile's name.
    pub ho_so: String,
    /// Its name for people.
    pub ten_ho_so: String,
    /// True when nothing departs from the profile.
    pub dat: bool,
    /// The findings, in document order.
    pub phat_hien: Vec<Finding>,
}

/// Checks a `.docx`'s bytes against a profile; the error when the file cannot be read as a Word
/// document.
pub fn check(bytes: &[u8], file: &str, profile: &Profile) -> Result<Report, ReadError> {
    let doc = crate::word::format::read_format(bytes, &WordLimits::default())?;
    let phat_hien = findings(&doc, profile);
    Ok(Report {
        tep: file.to_owned(),
        ho_so: profile.name.clone(),
        ten_ho_so: profile.label().to_owned(),
        dat: phat_hien.is_empty(),
        phat_hien,
    })
}

/// Every finding of a document read.
pub fn findings(doc: &FormatDoc, profile: &Profile) -> Vec<Finding> {
    let parts = parts::recognise(doc);
    let mut c = Checker {
        profile,
        out: Vec::new(),
    };
    page::check(doc, &mut c);
    header::check(&parts, &mut c);
    title::check(&parts, &mut c);
    body::check(&parts, &mut c);
    signature::check(&parts, &mut c);
    c.out
}

/// What every check shares: the profile, and the findings so far.
pub(crate) struct Checker<'p> {
    pub profile: &'p Profile,
    pub out: Vec<Finding>,
}

impl Checker<'_> {
    /// Records a finding at a place.
    pub fn at(
        &mut self,
        noi: impl Into<String>,
        quy_tac: &'static str,
        phan: &str,
        thay: impl Into<String>,
        can: impl Into<String>,
    ) {
        let k = &self.profile.kiem_tra;
        let muc = k.muc.get(quy_tac).map(String::as_str).unwrap_or("");
        let nguon = if muc.trim().is_empty() {
            k.van_ban.clone()
        } else {
            format!("{} {muc}", k.van_ban)
        };
        self.out.push(Finding {
            noi: noi.into(),
            quy_tac,
            phan: phan.to_owned(),
            thay: thay.into(),
            can: can.into(),
            nguon,
        });
    }

    /// Records a finding about a paragraph.
    pub fn para(
        &mut self,
        p: &FParagraph,
        quy_tac: &'static str,
        phan: &str,
        thay: impl Into<String>,
        can: impl Into<String>,
    ) {
        self.at(place(p.place), quy_tac, phan, thay, can);
    }

    /// Whether two sizes agree within the tolerance.
    pub fn same_size(&self, a: f32, b: f32) -> bool {
        (a - b).abs() <= self.profile.kiem_tra.size_tolerance_pt
    }
}

/// A place as findings name it.
pub(crate) fn place(p: Place) -> String {
    p.to_string()
}

/// "14 pt", "13,5 pt": a size as people write it.
pub(crate) fn pt(v: f32) -> String {
    num(v, 1) + " pt"
}

/// "20 mm", "12,7 mm".
pub(crate) fn mm(v: f32) -> String {
    num(v, 1) + " mm"
}

/// A number with at most `decimals` decimals and a decimal comma.
pub(crate) fn num(v: f32, decimals: usize) -> String {
    let s = format!("{v:.decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        s
    };
    s.replace('.', ",")
}

/// Emphasis in words: "đậm, nghiêng", "thường".
pub(crate) fn emphasis(bold: bool, italic: bool, underline: bool) -> String {
    let mut v = Vec::new();
    if bold {
        v.push("đậm");
    }
    if italic {
        v.push("nghiêng");
    }
    if underline {
        v.push("gạch chân");
    }
    if v.is_empty() {
        "đứng, không đậm".to_owned()
    } else {
        v.join(", ")
    }
}
