//! The template files a program runs with — the embedded ones, then a `--templates` folder's — and the
//! engines made from them. The web page keeps one [`Library`] for its lifetime: it serves the files'
//! text to the editor, makes an engine per profile, and one with a kind's text as the user edits it.

use super::Engine;
use crate::error::{Error, Result};
use crate::profile::{BUILTIN, Profile};
use crate::template::{self, Source, Templates};
use crate::workbook::ReadLimits;
use std::path::Path;

/// The names of the built-in profiles ("dang", "dang-36", "nha-nuoc").
pub fn builtin_profiles() -> Vec<&'static str> {
    BUILTIN.iter().map(|(name, _)| *name).collect()
}

/// A set of template files (`<kind>.md` kinds and `_*.md` shared macros), not yet parsed.
#[derive(Debug, Clone)]
pub struct Library {
    sources: Vec<Source>,
}

impl Library {
    /// The embedded templates, then every `*.md` in `dir` (replacing by name, adding new names). Only an
    /// unreadable folder or file is an error here; a broken kind is reported when used.
    pub fn load(dir: Option<&Path>) -> Result<Library> {
        Ok(Library {
            sources: template::load_sources(dir)?,
        })
    }

    /// Parses the templates.
    pub(crate) fn templates(&self) -> Result<Templates> {
        Templates::from_sources(self.sources.clone())
    }

    /// An engine with these templates and a profile (a built-in name or a `.toml` path).
    pub fn engine(&self, profile: &str, limits: ReadLimits) -> Result<Engine> {
        self.engine_with(Profile::load(profile)?, limits)
    }

    /// An engine with these templates and a loaded profile.
    pub(crate) fn engine_with(&self, profile: Profile, limits: ReadLimits) -> Result<Engine> {
        Ok(Engine {
            templates: self.templates()?,
            profile,
            limits,
        })
    }

    /// The text of a kind's file (`ke-hoach` → `ke-hoach.md`); `None` for an unknown kind or a shared
    /// macro file.
    pub fn text(&self, kind: &str) -> Option<&str> {
        if kind.starts_with('_') {
            return None;
        }
        let file_name = format!("{kind}.md");
        self.sources
            .iter()
            .find(|s| s.file_name == file_name)
            .map(|s| s.text.as_str())
    }

    /// The same files with one file's text replaced (`file_name` such as `ke-hoach.md`); an error names
    /// a file that is not among them.
    pub fn with_text(&self, file_name: &str, text: &str) -> Result<Library> {
        let mut out = self.clone();
        let Some(s) = out.sources.iter_mut().find(|s| s.file_name == file_name) else {
            return Err(Error::usage(
                format!("không có mẫu \"{file_name}\""),
                "chỉ gửi các mẫu có sẵn, tên <loại>.md",
            ));
        };
        s.text = text.to_owned();
        Ok(out)
    }

    /// The same files with a kind's file added, or replaced when one of that name exists (`thu-khen.md`).
    pub fn with_file(&self, file_name: &str, text: &str) -> Library {
        let mut out = self.clone();
        match out.sources.iter_mut().find(|s| s.file_name == file_name) {
            Some(s) => s.text = text.to_owned(),
            None => {
                out.sources.push(Source {
                    file_name: file_name.to_owned(),
                    text: text.to_owned(),
                    origin: template::Origin::Dir("tải lên".into()),
                });
                out.sources.sort_by(|a, b| a.file_name.cmp(&b.file_name));
            }
        }
        out
    }

    /// An engine like `base` (its profile and limits) with one kind's text replaced by `text`.
    pub fn engine_with_edit(&self, base: &Engine, kind: &str, text: &str) -> Result<Engine> {
        self.with_text(&format!("{kind}.md"), text)?
            .engine_with(base.profile.clone(), base.limits)
    }

    /// Every file as `(file name, text)`, sorted by name (the `templates/` folder of a download).
    pub fn files(&self) -> impl Iterator<Item = (&str, &str)> {
        self.sources
            .iter()
            .map(|s| (s.file_name.as_str(), s.text.as_str()))
    }

    /// An engine for each built-in profile, by name.
    pub fn builtin_engines(&self, limits: ReadLimits) -> Result<Vec<(String, Engine)>> {
        BUILTIN
            .iter()
            .map(|(name, _)| Ok(((*name).to_owned(), self.engine(name, limits)?)))
            .collect()
    }
}
