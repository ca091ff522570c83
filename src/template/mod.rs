//! Templates: minijinja → Markdown body + TOML metadata → [`crate::ir::Document`].
//!
//! Each kind is one file `templates/<kind>.md`: TOML front matter between `+++` lines (tên loại, trích yếu,
//! số, ngày, signatures, nơi nhận, file name) and a Markdown body. Both halves are minijinja templates;
//! every `{{ value }}` is escaped for the syntax it lands in (TOML string in the front matter, Markdown in
//! the body), so a value prints identically wherever it lands; `|safe` opts out. Templates are embedded;
//! `--templates DIR` replaces `<kind>.md` by name. Errors name the template file and line.
//!
//! Only this module imports minijinja.

pub mod context;
pub mod escape;
pub mod filters;
mod front_matter;

use crate::error::{Error, Result};
use crate::ir::{self, Document, TheThuc};
use minijinja::{AutoEscape, Environment, ErrorKind, UndefinedBehavior, Value};
use std::collections::BTreeMap;
use std::path::Path;

pub use minijinja::Value as ContextValue;

/// The embedded templates: (file name, source).
pub const EMBEDDED: &[(&str, &str)] = &[
    ("ke-hoach.md", include_str!("../../templates/ke-hoach.md")),
    ("so-ket.md", include_str!("../../templates/so-ket.md")),
    ("tong-ket.md", include_str!("../../templates/tong-ket.md")),
    (
        "cam-ket-chi-bo.md",
        include_str!("../../templates/cam-ket-chi-bo.md"),
    ),
    (
        "cam-ket-dang-vien.md",
        include_str!("../../templates/cam-ket-dang-vien.md"),
    ),
    ("_bao-cao.md", include_str!("../../templates/_bao-cao.md")),
];

/// Suffix of the internal name of a template's front matter.
const FRONT: &str = "#+++";

struct Loaded {
    has_front_matter: bool,
}

/// A set of parsed templates, ready to render many documents.
pub struct Templates {
    env: Environment<'static>,
    loaded: BTreeMap<String, Loaded>,
}

fn display_name(name: &str) -> String {
    name.trim_end_matches(FRONT).to_owned()
}

/// Converts a minijinja error into a template error naming file and line, in Vietnamese.
fn template_error(e: &minijinja::Error, fallback_name: &str) -> Error {
    let what = match e.kind() {
        ErrorKind::SyntaxError => "lỗi cú pháp",
        ErrorKind::UndefinedError => "biến hoặc thuộc tính không có",
        ErrorKind::UnknownFilter => "bộ lọc không có",
        ErrorKind::UnknownFunction => "hàm không có",
        ErrorKind::UnknownTest => "phép thử không có",
        ErrorKind::TemplateNotFound => "không tìm thấy mẫu",
        ErrorKind::MissingArgument | ErrorKind::TooManyArguments => "sai số tham số",
        ErrorKind::InvalidOperation => "thao tác không hợp lệ",
        ErrorKind::BadEscape => "lỗi thoát ký tự",
        _ => "lỗi mẫu",
    };
    let detail = e.detail().map(|d| format!(": {d}")).unwrap_or_default();
    Error::Template {
        name: e.name().map(display_name).unwrap_or_else(|| fallback_name.to_owned()),
        line: e.line(),
        message: format!("{what}{detail}"),
        hint: Some(
            "xem các biến có sẵn bằng `vanban render … --format ir`; giá trị rỗng dùng `{% if … %}`".into(),
        ),
    }
}

impl Templates {
    /// Loads the embedded templates, then every `*.md` in `override_dir` (replacing by name).
    pub fn new(override_dir: Option<&Path>) -> Result<Templates> {
        let mut sources: BTreeMap<String, String> = EMBEDDED
            .iter()
            .map(|(n, s)| ((*n).to_owned(), (*s).to_owned()))
            .collect();
        if let Some(dir) = override_dir {
            let entries = std::fs::read_dir(dir).map_err(|e| Error::Unreadable {
                path: dir.to_path_buf(),
                message: format!("không đọc được thư mục mẫu: {e}"),
                hint: Some("--templates cần một thư mục chứa các tệp <loại>.md".into()),
            })?;
            for entry in entries.flatten() {
                let path = entry.path();
                if path.extension().and_then(|e| e.to_str()) != Some("md") {
                    continue;
                }
                let Some(name) = path.file_name().and_then(|n| n.to_str()).map(str::to_owned)
                else {
                    continue;
                };
                let src = std::fs::read_to_string(&path).map_err(|e| Error::Unreadable {
                    path: path.clone(),
                    message: format!("không đọc được mẫu: {e}"),
                    hint: Some("mẫu phải là tệp văn bản UTF-8".into()),
                })?;
                sources.insert(name, src);
            }
        }

        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        let syntax = minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .keep_trailing_newline(true)
            .build()
            .map_err(|e| template_error(&e, "cấu hình"))?;
        env.set_syntax(syntax);
        env.set_auto_escape_callback(|name| {
            if name.ends_with(FRONT) {
                AutoEscape::Custom(escape::TOML.into())
            } else {
                AutoEscape::Custom(escape::MARKDOWN.into())
            }
        });
        env.set_formatter(escape::formatter);
        env.add_filter("ngay_dai", filters::ngay_dai);
        env.add_filter("ngay_ngan", filters::ngay_ngan);
        env.add_filter("nam", filters::nam);
        env.add_filter("so", filters::so);
        env.add_filter("phan_tram", filters::phan_tram);
        env.add_filter("ty_le", filters::ty_le);
        env.add_filter("hoa", filters::hoa);
        env.add_filter("pad", filters::pad);
        env.add_filter("xep_loai", filters::xep_loai);

        let mut loaded = BTreeMap::new();
        for (name, src) in sources {
            let src = src.replace("\r\n", "\n");
            let (front, body, body_line) = match front_matter::split(&src) {
                Some((fm, body, line)) => (Some(fm.to_owned()), body.to_owned(), line),
                None => (None, src.clone(), 1),
            };
            if let Some(fm) = &front {
                // Pad with the lines before it so minijinja's line numbers are the file's.
                env.add_template_owned(format!("{name}{FRONT}"), format!("\n{fm}"))
                    .map_err(|e| template_error(&e, &name))?;
            }
            let padded = format!("{}{body}", "\n".repeat(body_line - 1));
            env.add_template_owned(name.clone(), padded)
                .map_err(|e| template_error(&e, &name))?;
            loaded.insert(
                name,
                Loaded {
                    has_front_matter: front.is_some(),
                },
            );
        }
        Ok(Templates { env, loaded })
    }

    /// True when a template `<kind>.md` exists.
    pub fn has(&self, kind: &str) -> bool {
        self.loaded.contains_key(&format!("{kind}.md"))
    }

    fn loaded(&self, kind: &str) -> Result<(String, &Loaded)> {
        let name = format!("{kind}.md");
        let loaded = self.loaded.get(&name).ok_or_else(|| Error::Template {
            name: name.clone(),
            line: None,
            message: "không có mẫu này".into(),
            hint: Some("đặt tệp mẫu vào thư mục --templates".into()),
        })?;
        if !loaded.has_front_matter {
            return Err(Error::Template {
                name,
                line: Some(1),
                message: "thiếu phần đầu (front matter) giữa hai dòng +++".into(),
                hint: Some(
                    "mở đầu mẫu bằng +++, các khóa ten_tep, ten_loai, header, signature, rồi +++"
                        .into(),
                ),
            });
        }
        Ok((name, loaded))
    }

    /// Renders and parses the front matter of `<kind>.md`.
    fn front_matter(&self, kind: &str, ctx: &Value) -> Result<front_matter::FrontMatter> {
        let (name, _) = self.loaded(kind)?;
        let front_src = self
            .env
            .get_template(&format!("{name}{FRONT}"))
            .and_then(|t| t.render(ctx))
            .map_err(|e| template_error(&e, &name))?;
        toml::from_str(&front_src).map_err(|e| {
            let line = e.span().map(|s| {
                front_src[..s.start.min(front_src.len())]
                    .lines()
                    .count()
                    .max(1)
            });
            Error::Template {
                name: name.clone(),
                line,
                message: format!(
                    "phần đầu (+++) sau khi điền dữ liệu không hợp lệ: {}",
                    e.message()
                ),
                hint: Some("kiểm tra dấu ngoặc kép và tên khóa của phần đầu".into()),
            }
        })
    }

    /// The safe file name stem `<kind>.md` gives for a context (renders only the front matter).
    pub fn file_stem(&self, kind: &str, ctx: &Value) -> Result<String> {
        Ok(safe_file_stem(&self.front_matter(kind, ctx)?.ten_tep))
    }

    /// Renders `<kind>.md` with a context into a document in the given format family.
    pub fn render(&self, kind: &str, ctx: &Value, the_thuc: TheThuc) -> Result<Document> {
        let fm = self.front_matter(kind, ctx)?;
        let (name, _) = self.loaded(kind)?;
        let body = self
            .env
            .get_template(&name)
            .and_then(|t| t.render(ctx))
            .map_err(|e| template_error(&e, &name))?;
        let file_stem = safe_file_stem(&fm.ten_tep);
        let (header, title, signatures, noi_nhan) =
            fm.into_parts().map_err(|message| Error::Template {
                name: name.clone(),
                line: None,
                message,
                hint: None,
            })?;
        Ok(Document {
            kind: kind.to_owned(),
            file_stem,
            the_thuc,
            header,
            title,
            blocks: crate::timing::time(crate::timing::Stage::Ir, || {
                ir::blocks_from_markdown(&body)
            }),
            signatures,
            noi_nhan,
        })
    }
}

/// A file name stem safe on Windows, macOS and Linux: ASCII letters, digits and hyphens, from Vietnamese
/// text by transliteration ("ke-hoach-09-KH/ĐU" → "ke-hoach-09-KH-DU").
pub fn safe_file_stem(s: &str) -> String {
    let ascii = deunicode::deunicode(s);
    let mut out = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let mut stem = out.trim_matches('-').chars().take(120).collect::<String>();
    stem = stem.trim_end_matches('-').to_owned();
    const RESERVED: &[&str] = &[
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "LPT1", "LPT2", "LPT3",
    ];
    if stem.is_empty() || RESERVED.contains(&stem.to_ascii_uppercase().as_str()) {
        stem = format!("van-ban-{stem}").trim_end_matches('-').to_owned();
    }
    stem
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_stems() {
        assert_eq!(safe_file_stem("ke-hoach-09-KH/ĐU"), "ke-hoach-09-KH-DU");
        assert_eq!(safe_file_stem("007 Tô Trọng Hân"), "007-To-Trong-Han");
        assert_eq!(safe_file_stem("con"), "van-ban-con");
        assert_eq!(safe_file_stem("a:b*c?\"<>|"), "a-b-c");
    }
}
