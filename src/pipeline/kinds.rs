//! The kinds a set of templates offers, as `vanban kinds` and `GET /api/kinds` list them (no data read).

use super::Library;
use crate::error::Result;
use crate::template::{Per, Templates};
use serde::Serialize;
use std::path::Path;

/// One kind as `vanban kinds --json` and `GET /api/kinds` list it.
#[derive(Debug, Clone, Serialize)]
pub struct KindEntry {
    /// The kind's name ("ke-hoach").
    pub kind: String,
    /// Its document type ("Kế hoạch"), when the file says it.
    pub ten_loai: Option<String>,
    /// "chi-bo", "dang-vien", or null for one document for the whole đảng bộ.
    pub per: Option<&'static str>,
    /// "embedded", or the `--templates` folder as given.
    pub source: String,
    /// For a broken kind file: the error, with file and line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub loi: Option<String>,
}

/// Every kind, broken ones included (with their error), sorted by name.
pub(crate) fn kind_entries(templates: &Templates) -> Vec<KindEntry> {
    templates
        .kinds()
        .map(|k| KindEntry {
            kind: k.name.clone(),
            ten_loai: k.ten_loai.clone(),
            per: k.per.map(Per::as_str),
            source: k.origin.label().to_owned(),
            loi: k.problem.as_ref().map(|p| {
                let at = match (&p.place, p.line) {
                    (Some(place), _) => format!(", {place}"),
                    (None, Some(l)) => format!(":{l}"),
                    (None, None) => String::new(),
                };
                format!("mẫu {}{at}: {}", k.file_name, p.message)
            }),
        })
        .collect()
}

/// Every kind of the embedded templates and `templates_dir`, broken ones included, sorted by name; only
/// an unreadable folder is an error.
pub fn kinds(templates_dir: Option<&Path>) -> Result<Vec<KindEntry>> {
    Ok(kind_entries(&Library::load(templates_dir)?.templates()?))
}
