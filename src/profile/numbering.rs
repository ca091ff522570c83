//! How a profile numbers documents: when a series starts again, what a series is kept by, the secret
//! and congress series, and the tên loại of each type code.

use serde::{Deserialize, Serialize};

/// When a series of document numbers starts again from 01.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NumberReset {
    /// Each term of the cấp ủy (Party: 05-HD §I.3.1.1); without a term in the workbook, each year.
    NhiemKy,
    /// Each calendar year, 1 January to 31 December (State: NĐ 30 Điều 15).
    Nam,
}

/// Which documents share one series of numbers (always within one issuing body).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SeriesBy {
    /// One series per document type (KH, BC, QĐ, TB …).
    Loai,
    /// One series for every type the body issues.
    Chung,
}

/// How secret (mật) documents are numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SecretSeries {
    /// In the series of their type, like any other document (Party: 05-HD §I.3.1.1).
    TheoLoai,
    /// In a series of their own (State: NĐ 30 Điều 15).
    Rieng,
}

/// Numbering outgoing documents and the register (`[numbering]`): when series restart, which documents
/// share one, how the number is written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NumberingRules {
    /// When a series starts again from 01.
    pub reset: NumberReset,
    /// One series per type or one for all types.
    pub series: SeriesBy,
    /// Digits a number is padded to with leading zeros ("05"); larger numbers keep their digits.
    pub padding: u8,
    /// How the register writes the number and symbol: `{so}`, `{loai}`, `{ky_hieu}` ("05-TB/ĐU").
    pub so_ky_hieu: String,
    /// How secret documents are numbered.
    pub mat: SecretSeries,
    /// The issuer code of a congress's documents, which share one series for every type ("ĐH"); empty
    /// when the format has no such series.
    pub dai_hoi_ky_hieu: String,
    /// The tên loại of each type code, for numbers taken for documents typed elsewhere
    /// (`register add --loai CV`).
    pub ten_loai: std::collections::BTreeMap<String, String>,
}
