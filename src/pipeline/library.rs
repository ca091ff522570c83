//! The template files a program runs with — the embedded ones, then a `--templates` folder's — and the
//! engines made from them. The web page keeps one [`Library`] for its lifetime: it serves the files'
//! text to the editor, makes an engine per profile, and one with a kind's text as the user edits it.

use super::Engine;
use crate::error::{Error, Result};
use crate::profile::{BUILTIN, Profile};
use crate::template::{self, Source, Templates};
use crate::workbook::ReadLimits;
use std::path::Path;
use std::sync::OnceLock;

/// The names of the built-in profiles ("dang", "dang-36", "nha-nuoc").
pub fn builtin_profiles() -> Vec<&'static str> {
    BUILTIN.iter().map(|(name, _)| *name).collect()
}

/// The built-in profiles with their names for people: ("dang", "Đảng (Hướng dẫn 05-HD/VPTW)") …, in
/// order, the default first. Each profile is parsed for its name once per process: the command line's
/// help lists them under every subcommand's `--profile`, and parsing them for each of those made up
/// nearly all of the start-up of every `vanban` command (24 parses, about 15 ms).
pub fn profile_labels() -> Vec<(&'static str, String)> {
    static LABELS: OnceLock<Vec<(&'static str, String)>> = OnceLock::new();
    LABELS
        .get_or_init(|| {
            BUILTIN
                .iter()
                .map(|(name, _)| {
                    let label = Profile::builtin(name)
                        .map(|p| p.label().to_owned())
                        .unwrap_or_else(|_| (*name).to_owned());
                    (*name, label)
                })
                .collect()
        })
        .clone()
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
            .find(|s| s.file_name == file_name && s.word.is_none())
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

    /// The same files with a kind's Markdown file added, or replaced when one of that name exists
    /// (`thu-khen.md`).
    pub fn with_file(&self, file_name: &str, text: &str) -> Library {
        self.with_source(Source::markdown(
            file_name,
            text,
            template::Origin::File(file_name.to_owned()),
        ))
    }

    /// The same files with a Word kind added (`thu-khen.docx`, its bytes), replacing a kind of the same
    /// name whatever its file.
    pub fn with_word_file(&self, file_name: &str, bytes: Vec<u8>) -> Library {
        self.with_source(Source::word(
            file_name,
            bytes,
            template::Origin::File(file_name.to_owned()),
        ))
    }

    /// The same files with a kind file from disk (`mau/thu-khen.docx`, `ke-hoach-2022.md`) added,
    /// replacing a kind of the same name; returns the kind's name.
    pub fn with_path(&self, path: &Path) -> Result<(Library, String)> {
        let source = Source::from_path(path, template::Origin::File(path.display().to_string()))?;
        let Some(kind) = template::kind_name(&source.file_name).map(str::to_owned) else {
            return Err(Error::usage(
                format!("{} không phải tệp mẫu văn bản", path.display()),
                "loại văn bản là tên một loại (xem vanban kinds) hoặc đường dẫn tới tệp .md hoặc .docx",
            ));
        };
        Ok((self.with_source(source), kind))
    }

    fn with_source(&self, source: Source) -> Library {
        let mut out = self.clone();
        if let Some(kind) = template::kind_name(&source.file_name) {
            let kind = kind.to_owned();
            out.sources
                .retain(|s| template::kind_name(&s.file_name) != Some(kind.as_str()));
        } else {
            out.sources.retain(|s| s.file_name != source.file_name);
        }
        out.sources.push(source);
        out.sources.sort_by(|a, b| a.file_name.cmp(&b.file_name));
        out
    }

    /// The `.docx` bytes of a Word kind, as they were given.
    pub fn word_bytes(&self, kind: &str) -> Option<&[u8]> {
        self.sources
            .iter()
            .find(|s| template::kind_name(&s.file_name) == Some(kind))
            .and_then(|s| s.word.as_ref())
            .map(|w| w.bytes.as_slice())
    }

    /// An engine like `base` (its profile and limits) with one kind's text replaced by `text`.
    pub fn engine_with_edit(&self, base: &Engine, kind: &str, text: &str) -> Result<Engine> {
        self.with_text(&format!("{kind}.md"), text)?
            .engine_with(base.profile.clone(), base.limits)
    }

    /// The same files with a Word kind `kind` from an upload's bytes, replacing a kind of that name or
    /// adding a new one. The name must be a plain kind name (letters, digits, `-`, `_`), as it names
    /// the kind's file and the documents made from it.
    pub fn with_word_upload(&self, kind: &str, bytes: Vec<u8>) -> Result<Library> {
        if !plain_kind_name(kind) {
            return Err(Error::usage(
                format!("tên loại văn bản \"{kind}\" không dùng được"),
                "tên loại gồm chữ không dấu, số, - hoặc _, ví dụ thu-khen",
            ));
        }
        Ok(self.with_word_file(&format!("{kind}.docx"), bytes))
    }

    /// An engine like `base` (its profile and limits) with a Word kind from an upload (see
    /// [`Library::with_word_upload`]).
    pub fn engine_with_word(&self, base: &Engine, kind: &str, bytes: Vec<u8>) -> Result<Engine> {
        self.with_word_upload(kind, bytes)?
            .engine_with(base.profile.clone(), base.limits)
    }

    /// A kind as an editable Word template: a Word kind's own bytes, a Markdown kind (its text here, or
    /// `edited` in its place) exported; `None` for an unknown kind.
    pub fn word_template(&self, kind: &str, edited: Option<&str>) -> Option<Result<Vec<u8>>> {
        if edited.is_none()
            && let Some(bytes) = self.word_bytes(kind)
        {
            return Some(Ok(bytes.to_vec()));
        }
        let text = edited.or_else(|| self.text(kind))?;
        Some(super::word_template(kind, text))
    }

    /// Every file as `(file name, bytes)`, sorted by name (the `templates/` folder of a download): a
    /// Markdown file's text, a Word kind's `.docx` as given.
    pub fn files(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.sources.iter().map(|s| {
            let bytes = match &s.word {
                Some(w) => w.bytes.as_slice(),
                None => s.text.as_bytes(),
            };
            (s.file_name.as_str(), bytes)
        })
    }

    /// An engine for each built-in profile, by name.
    pub fn builtin_engines(&self, limits: ReadLimits) -> Result<Vec<(String, Engine)>> {
        BUILTIN
            .iter()
            .map(|(name, _)| Ok(((*name).to_owned(), self.engine(name, limits)?)))
            .collect()
    }
}

/// A kind name fit to be a file name: 1–64 ASCII letters, digits, `-` or `_`, not starting with `_`.
fn plain_kind_name(kind: &str) -> bool {
    (1..=64).contains(&kind.len())
        && !kind.starts_with('_')
        && kind
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}
