//! Template files before they are parsed: the embedded ones, a `--templates` folder's, an upload, a
//! single kind file named on the command line. A kind is `<name>.md` (Markdown with TOML front matter)
//! or `<name>.docx` (a Word document, read and compiled into the same text once, when it is loaded).

use super::kinds::{Origin, Problem};
use super::word::{self as compile, Compiled, LineInfo};
use crate::error::{Error, Result};
use crate::word::{self, ReadError, WordLimits};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

/// The embedded templates folder: every `*.md` in `templates/` (profiles live in its `profiles/`).
static EMBEDDED_DIR: include_dir::Dir<'static> =
    include_dir::include_dir!("$CARGO_MANIFEST_DIR/templates");

/// The embedded template files: (file name, source), sorted by name.
pub fn embedded() -> Vec<(&'static str, &'static str)> {
    let mut files: Vec<(&str, &str)> = EMBEDDED_DIR
        .files()
        .filter_map(|f| {
            let name = f.path().file_name()?.to_str()?;
            (name.ends_with(".md")).then_some((name, f.contents_utf8()?))
        })
        .collect();
    files.sort_unstable();
    files
}

/// A Word kind as read: the file's bytes and what reading and compiling it gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordKind {
    /// The `.docx` file's bytes (offered back as they are: "Tải mẫu Word").
    pub bytes: Arc<Vec<u8>>,
    /// For each line of the compiled text, the place in the Word document it came from.
    pub lines: Arc<Vec<Option<LineInfo>>>,
    /// Tags in page headers and footers: checked, never printed.
    pub header_footer_tags: Vec<(String, LineInfo)>,
    /// What of the document is not printed.
    pub notes: Vec<super::Note>,
    /// The pictures its body prints.
    pub pictures: Vec<crate::ir::Picture>,
    /// Why the file cannot be a kind (unreadable, tracked changes, a misplaced block tag).
    pub problem: Option<Problem>,
    /// The exit code of that problem: 2 for a file that is not a usable `.docx`, 1 for its content.
    pub problem_exit: u8,
}

/// One template file, before it is parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The file name ("ke-hoach.md", "thu-khen.docx").
    pub file_name: String,
    /// The file's text; for a Word kind, the text it compiles to.
    pub text: String,
    /// Where it comes from.
    pub origin: Origin,
    /// For a Word kind, what reading it gave.
    pub word: Option<WordKind>,
}

impl Source {
    /// A Markdown template file.
    pub fn markdown(file_name: impl Into<String>, text: impl Into<String>, origin: Origin) -> Self {
        Source {
            file_name: file_name.into(),
            text: text.into(),
            origin,
            word: None,
        }
    }

    /// A Word kind from a `.docx` file's bytes: read and compiled now; a file that cannot be a kind
    /// keeps its problem (the kind is listed, broken).
    pub fn word(file_name: impl Into<String>, bytes: Vec<u8>, origin: Origin) -> Self {
        let file_name = file_name.into();
        let kind = kind_name(&file_name).unwrap_or(&file_name).to_owned();
        let read = word::read(&bytes, &WordLimits::default());
        let (compiled, problem, exit): (Option<Compiled>, Option<Problem>, u8) = match read {
            Err(ReadError::Package { message, hint }) => (
                None,
                Some(Problem {
                    line: None,
                    place: None,
                    message,
                    hint: Some(hint),
                }),
                2,
            ),
            Err(ReadError::Content {
                place,
                message,
                hint,
            }) => (
                None,
                Some(Problem {
                    line: None,
                    place: Some(place.to_string()),
                    message,
                    hint: Some(hint),
                }),
                1,
            ),
            Ok(doc) => match compile::compile(&doc, &kind) {
                Ok(c) => (Some(c), None, 0),
                Err(e) => (
                    None,
                    Some(Problem {
                        line: None,
                        place: Some(e.place.to_string()),
                        message: format!("{} (trong \"{}\")", e.message, e.text.trim()),
                        hint: Some(e.hint),
                    }),
                    1,
                ),
            },
        };
        let (text, lines, header_footer_tags, notes, pictures) = match compiled {
            Some(c) => (c.text, c.lines, c.header_footer_tags, c.notes, c.pictures),
            None => Default::default(),
        };
        Source {
            file_name,
            text,
            origin,
            word: Some(WordKind {
                bytes: Arc::new(bytes),
                lines: Arc::new(lines),
                header_footer_tags,
                notes,
                pictures,
                problem,
                problem_exit: exit,
            }),
        }
    }

    /// Reads a kind or macro file from disk by its extension (`.md` as UTF-8 text, `.docx` as a Word
    /// kind), with `origin`.
    pub fn from_path(path: &Path, origin: Origin) -> Result<Source> {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .map(str::to_owned)
            .unwrap_or_default();
        let unreadable = |e: std::io::Error, hint: &str| Error::Unreadable {
            path: path.to_path_buf(),
            message: format!("không đọc được mẫu: {}", io_reason(&e)),
            hint: Some(hint.to_owned()),
        };
        if is_word(&name) {
            let bytes = std::fs::read(path)
                .map_err(|e| unreadable(e, "kiểm tra đường dẫn tới tệp .docx"))?;
            return Ok(Source::word(name, bytes, origin));
        }
        let text = std::fs::read_to_string(path).map_err(|e| {
            unreadable(e, "mẫu .md phải là tệp văn bản UTF-8; kiểm tra đường dẫn")
        })?;
        Ok(Source::markdown(name, text, origin))
    }
}

/// Why a file could not be read, in words a user acts on.
fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "không tìm thấy tệp".into(),
        std::io::ErrorKind::PermissionDenied => "không có quyền đọc".into(),
        std::io::ErrorKind::InvalidData => "tệp không phải văn bản UTF-8".into(),
        _ => e.to_string(),
    }
}

/// True for a Word kind's file name.
pub fn is_word(file_name: &str) -> bool {
    file_name.to_ascii_lowercase().ends_with(".docx")
}

/// The kind a file name gives ("thu-khen.docx" → "thu-khen"); `None` for a file that is not a kind
/// (a shared macro file `_*.md`, another extension, a Word lock file `~$…`).
pub fn kind_name(file_name: &str) -> Option<&str> {
    if file_name.starts_with('_') || file_name.starts_with("~$") || file_name.starts_with('.') {
        return None;
    }
    let lower = file_name.to_ascii_lowercase();
    let stem_len = if lower.ends_with(".md") {
        file_name.len() - 3
    } else if lower.ends_with(".docx") {
        file_name.len() - 5
    } else {
        return None;
    };
    Some(&file_name[..stem_len])
}

/// True for a template file vanban reads from a folder (`*.md`, `*.docx`, but no Word lock file).
fn is_template_file(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    !name.starts_with("~$") && !name.starts_with('.') && (lower.ends_with(".md") || lower.ends_with(".docx"))
}

/// Reads the embedded templates, then every `*.md` and `*.docx` in `override_dir` (replacing by name,
/// adding new names). Only an unreadable folder or file is an error here; a broken kind is reported
/// when used.
pub fn load_sources(override_dir: Option<&Path>) -> Result<Vec<Source>> {
    let mut sources: BTreeMap<String, Source> = embedded()
        .into_iter()
        .map(|(n, s)| (n.to_owned(), Source::markdown(n, s, Origin::Embedded)))
        .collect();
    if let Some(dir) = override_dir {
        let entries = std::fs::read_dir(dir).map_err(|e| Error::Unreadable {
            path: dir.to_path_buf(),
            message: format!("không đọc được thư mục mẫu: {}", io_reason(&e)),
            hint: Some("--templates cần một thư mục chứa các tệp <loại>.md hoặc <loại>.docx".into()),
        })?;
        let mut paths: Vec<_> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_file())
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(is_template_file)
            })
            .collect();
        paths.sort();
        for path in paths {
            let origin = if path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(is_word)
            {
                Origin::File(path.display().to_string())
            } else {
                Origin::Dir(dir.display().to_string())
            };
            let source = Source::from_path(&path, origin)?;
            // A Word kind replaces the embedded Markdown kind of the same name.
            if let Some(kind) = kind_name(&source.file_name)
                && source.word.is_some()
            {
                let md = format!("{kind}.md");
                if sources
                    .get(&md)
                    .is_some_and(|s| s.origin == Origin::Embedded)
                {
                    sources.remove(&md);
                }
            }
            sources.insert(source.file_name.clone(), source);
        }
    }
    Ok(sources.into_values().collect())
}
