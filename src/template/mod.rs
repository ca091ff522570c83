//! Templates: minijinja → Markdown body + TOML metadata → [`crate::ir::Document`].
//!
//! Each kind is one file `templates/<kind>.md`: TOML front matter between `+++` lines (tên loại, trích yếu,
//! số, ngày, signatures, nơi nhận, file name) and a Markdown body. Both halves are minijinja templates;
//! every `{{ value }}` is escaped for the syntax it lands in (TOML string in the front matter, Markdown in
//! the body), so a value prints identically wherever it lands; `|safe` opts out. Templates are embedded;
//! `--templates DIR` replaces `<kind>.md` by name or adds a new kind. Errors name the template file and
//! line. A phụ lục's body follows an [`APPENDIX_MARKER`] line. Every render runs on a bounded amount of
//! fuel, so a runaway template stops with an error instead of hanging.
//!
//! Only this module imports minijinja.

pub mod context;
mod errors;
pub mod escape;
pub mod export;
pub mod filters;
mod front_matter;
pub mod kinds;
pub mod lines;
mod sources;
pub mod word;

pub use kinds::{Kind, Note, Origin, Per, Problem};
pub use sources::{Source, embedded, kind_name, load_sources};

use crate::error::{Error, Result};
use crate::ir::{self, Document};
use minijinja::{AutoEscape, Environment, UndefinedBehavior, Value};
use std::collections::BTreeMap;

pub use minijinja::Value as ContextValue;

/// Suffix of the internal name of a template's front matter.
const FRONT: &str = "#+++";

/// The marker line that starts a phụ lục in a template body (one per `[[phu_luc]]` of the front matter).
/// Data can never produce it: every value printed into a body has its punctuation escaped.
pub const APPENDIX_MARKER: &str = "<!-- phu-luc -->";

/// How much work one render may do (minijinja fuel: about one unit per instruction). Measured: the
/// quyết định's danh sách costs about 38 units per đảng viên (377,465 for 10,000 rows), so 200,000 rows
/// (the default `--max-rows`) fit with room; two nested `range(10000)` loops would take hundreds of
/// millions and stop here, in under a second in a release build.
const FUEL: u64 = 10_000_000;

/// A set of parsed templates, ready to render many documents.
pub struct Templates {
    env: Environment<'static>,
    kinds: BTreeMap<String, Kind>,
    /// For each Word kind's file name, where each line of its compiled text came from.
    places: Places,
}

/// Line → place maps of Word kinds, by file name.
type Places = BTreeMap<String, std::sync::Arc<Vec<Option<word::LineInfo>>>>;

/// A template error on a line of a Word kind's compiled text, told as its place in the Word document
/// ("đoạn 12") with the text there.
fn located(e: Error, places: &Places) -> Error {
    match e {
        Error::Template {
            name,
            line: Some(line),
            place: None,
            message,
            hint,
        } if places.contains_key(&name) => {
            let info = places
                .get(&name)
                .and_then(|lines| {
                    // The nearest line at or before it that came from the document.
                    lines[..line.min(lines.len())].iter().rev().find_map(Clone::clone)
                });
            match info {
                Some(info) => Error::Template {
                    name,
                    line: None,
                    place: Some(info.place.to_string()),
                    message: format!("{message} (trong \"{}\")", info.text.trim()),
                    hint,
                },
                None => Error::Template {
                    name,
                    line: None,
                    place: None,
                    message,
                    hint,
                },
            }
        }
        other => other,
    }
}

fn display_name(name: &str) -> String {
    name.trim_end_matches(FRONT).to_owned()
}

/// Compiles a template into the environment. minijinja 3.1's compiler panics on a few invalid
/// templates instead of reporting them (an import alias that is not a name, `{% import "x" as a-b %}`,
/// found by fuzzing); such a panic becomes this file's template error.
fn add_template(
    env: &mut Environment<'static>,
    key: String,
    text: String,
    file: &str,
) -> Result<()> {
    let source = text.clone();
    match crate::guard::quiet_catch(|| env.add_template_owned(key, text)) {
        Ok(compiled) => compiled.map_err(|e| template_error(&e, file, Some(&source))),
        Err(_) => Err(Error::Template {
            name: file.to_owned(),
            line: None,
            place: None,
            message: "mẫu có cú pháp mà trình biên dịch mẫu (minijinja) không xử lý được".into(),
            hint: Some(
                "xem các thẻ {% import … as TÊN %}: TÊN phải là một tên biến (chữ không dấu, số, dấu _), không có dấu '-' hay phép tính".into(),
            ),
        }),
    }
}

/// Converts a minijinja error into a template error naming file and line, in Vietnamese
/// ([`errors::translate`]); `source` is the template's text when known (to name a block left open).
fn template_error(e: &minijinja::Error, fallback_name: &str, source: Option<&str>) -> Error {
    let t = errors::translate(e, source);
    Error::Template {
        name: e
            .name()
            .map(display_name)
            .unwrap_or_else(|| fallback_name.to_owned()),
        line: t.line.or(e.line()),
        place: None,
        message: t.message,
        hint: Some(t.hint),
    }
}

fn problem_error(file_name: &str, p: &Problem, exit: u8) -> Error {
    if exit == 2 {
        return Error::Unreadable {
            path: file_name.into(),
            message: p.message.clone(),
            hint: p.hint.clone(),
        };
    }
    Error::Template {
        name: file_name.to_owned(),
        line: p.line,
        place: p.place.clone(),
        message: p.message.clone(),
        hint: p.hint.clone(),
    }
}

fn problem_of(e: &Error) -> Problem {
    match e {
        Error::Template {
            line,
            place,
            message,
            hint,
            ..
        } => Problem {
            line: *line,
            place: place.clone(),
            message: message.clone(),
            hint: hint.clone(),
        },
        other => Problem {
            line: None,
            place: None,
            message: other.to_string(),
            hint: None,
        },
    }
}

fn new_environment() -> Result<Environment<'static>> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_fuel(Some(FUEL));
    let syntax = minijinja::syntax::SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .keep_trailing_newline(true)
        .build()
        .map_err(|e| template_error(&e, "cấu hình", None))?;
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
    Ok(env)
}

impl Templates {
    /// Loads the embedded templates, then every `*.md` in `override_dir` (replacing by name, adding new
    /// kinds).
    #[cfg(any(test, feature = "internals"))]
    pub fn new(override_dir: Option<&std::path::Path>) -> Result<Templates> {
        Self::from_sources(load_sources(override_dir)?)
    }

    /// Parses a set of template files. Every `<name>.md` not starting with `_` is a kind; a kind whose
    /// file is broken is kept with its [`Problem`] so that listings still show it.
    pub fn from_sources(sources: Vec<Source>) -> Result<Templates> {
        let mut env = new_environment()?;
        let mut kinds: BTreeMap<String, Kind> = BTreeMap::new();
        let places: Places = sources
            .iter()
            .filter_map(|s| {
                s.word
                    .as_ref()
                    .map(|w| (s.file_name.clone(), std::sync::Arc::clone(&w.lines)))
            })
            .collect();
        for source in sources {
            let name = source.file_name.clone();
            let kind_name = kind_name(&name).map(str::to_owned);
            let is_kind = kind_name.is_some();
            let kind_name = kind_name.unwrap_or_else(|| name.clone());
            let src = source.text.replace("\r\n", "\n");
            let mut kind = Kind {
                name: kind_name.clone(),
                file_name: name.clone(),
                notes: source.word.as_ref().map(|w| w.notes.clone()).unwrap_or_default(),
                problem_exit: 1,
                ten_loai: None,
                per: None,
                chon: None,
                chon_line: None,
                origin: source.origin.clone(),
                problem: None,
                pictures: source
                    .word
                    .as_ref()
                    .map(|w| w.pictures.clone())
                    .unwrap_or_default(),
            };
            if let Some(other) = kinds.get(&kind_name)
                && is_kind
            {
                kind.problem = Some(Problem {
                    line: None,
                    place: None,
                    message: format!(
                        "có hai tệp cho cùng một loại: {} và {name}",
                        other.file_name
                    ),
                    hint: Some("giữ một trong hai tệp (đổi tên hoặc xóa tệp kia)".into()),
                });
                kinds.insert(kind_name, kind);
                continue;
            }
            if let Some(w) = &source.word
                && let Some(p) = &w.problem
            {
                kind.problem = Some(p.clone());
                kind.problem_exit = w.problem_exit;
                if is_kind {
                    kinds.insert(kind_name, kind);
                }
                continue;
            }
            let result = (|| -> Result<()> {
                let (front, body, body_line) = match front_matter::split(&src) {
                    Some((fm, body, line)) => (Some(fm.to_owned()), body.to_owned(), line),
                    None => (None, src.clone(), 1),
                };
                if let Some(fm) = &front {
                    let keys = kinds::literal_keys(fm, 2).map_err(|p| problem_error(&name, &p, 1))?;
                    kind.ten_loai = keys.ten_loai;
                    kind.per = keys.per;
                    if let Some((expr, line)) = keys.chon {
                        env.compile_expression(&expr).map_err(|e| Error::Template {
                            name: name.clone(),
                            line: Some(line),
                            place: None,
                            message: format!(
                                "biểu thức `chon` không hợp lệ: {}",
                                e.detail().unwrap_or("lỗi cú pháp")
                            ),
                            hint: Some(
                                "ví dụ: chon = \"dv.xep_loai == 'xuat_sac'\" (biến: dv, dv_chi_bo hoặc cb, và org, tong_hop …)".into(),
                            ),
                        })?;
                        kind.chon = Some(expr);
                        kind.chon_line = Some(line);
                    }
                    // Pad with the lines before it so minijinja's line numbers are the file's.
                    add_template(&mut env, format!("{name}{FRONT}"), format!("\n{fm}"), &name)?;
                } else if is_kind {
                    return Err(Error::Template {
                        name: name.clone(),
                        line: Some(1),
                        place: None,
                        message: "thiếu phần đầu (front matter) giữa hai dòng +++".into(),
                        hint: Some(
                            "mở đầu mẫu bằng +++, các khóa ten_tep, ten_loai, header, signature, rồi +++"
                                .into(),
                        ),
                    });
                }
                let padded = format!("{}{body}", "\n".repeat(body_line - 1));
                add_template(&mut env, name.clone(), padded, &name)?;
                // Tags in a Word template's page headers and footers are checked, never printed.
                for (tag, info) in source.word.iter().flat_map(|w| &w.header_footer_tags) {
                    let inner = tag.trim_start_matches("{{").trim_end_matches("}}").trim();
                    if tag.starts_with("{{")
                        && let Err(e) = env.compile_expression(inner)
                    {
                        return Err(Error::Template {
                            name: name.clone(),
                            line: None,
                            place: Some(info.place.to_string()),
                            message: format!(
                                "thẻ {tag} không hợp lệ: {} (trong \"{}\")",
                                e.detail().unwrap_or("lỗi cú pháp"),
                                info.text.trim()
                            ),
                            hint: Some(
                                "chữ trong đầu trang/chân trang không được in; xóa thẻ hoặc sửa cú pháp"
                                    .into(),
                            ),
                        });
                    }
                }
                Ok(())
            })();
            if let Err(e) = result {
                kind.problem = Some(problem_of(&located(e, &places)));
            }
            if is_kind {
                kinds.insert(kind_name, kind);
            }
        }
        Ok(Templates { env, kinds, places })
    }

    /// Every kind, by name, broken ones included.
    pub fn kinds(&self) -> impl Iterator<Item = &Kind> {
        self.kinds.values()
    }

    /// True when a kind `<kind>.md` exists (even a broken one).
    pub fn has(&self, kind: &str) -> bool {
        self.kinds.contains_key(kind)
    }

    /// The kind named `name`: a usage error (exit 2) for an unknown name, a template error (exit 1) for a
    /// broken file.
    pub fn kind(&self, name: &str) -> Result<&Kind> {
        let kind = self.kinds.get(name).ok_or_else(|| {
            let known: Vec<&str> = self.kinds.keys().map(String::as_str).collect();
            Error::usage(
                format!("không có loại văn bản \"{name}\""),
                format!(
                    "các loại có: {}; xem `vanban kinds`; thêm loại mới bằng tệp <loại>.md hoặc <loại>.docx trong thư mục --templates",
                    known.join(", ")
                ),
            )
        })?;
        match &kind.problem {
            Some(p) => {
                let file = match &kind.origin {
                    Origin::File(path) => path.as_str(),
                    _ => kind.file_name.as_str(),
                };
                Err(problem_error(file, p, kind.problem_exit))
            }
            None => Ok(kind),
        }
    }

    /// True when the kind's documents need the "Đảng viên" sheet: a per-đảng-viên kind, or a template
    /// that reads `dang_vien`, `cb_dang_vien` (a chi bộ's members) or `tong_hop` (whose figures count
    /// đảng viên).
    pub fn needs_dang_vien(&self, kind: &Kind) -> bool {
        if kind.per == Some(Per::DangVien) {
            return true;
        }
        let name = &kind.file_name;
        [name.clone(), format!("{name}{FRONT}")].iter().any(|t| {
            self.env.get_template(t).is_ok_and(|t| {
                let vars = t.undeclared_variables(false);
                vars.contains("dang_vien")
                    || vars.contains("cb_dang_vien")
                    || vars.contains("tong_hop")
            })
        })
    }

    /// Whether a row's context passes the kind's `chon` filter (always true without one).
    pub fn chooses(&self, kind: &Kind, ctx: &Value) -> Result<bool> {
        let Some(expr) = &kind.chon else {
            return Ok(true);
        };
        let name = &kind.file_name;
        let compiled = self
            .env
            .compile_expression(expr)
            .map_err(|e| template_error(&e, name, None))?;
        let v = compiled.eval(ctx).map_err(|e| {
            let mut err = template_error(&e, name, None);
            if let Error::Template { line, message, .. } = &mut err {
                *line = kind.chon_line;
                *message = format!("khi tính `chon`: {message}");
            }
            located(err, &self.places)
        })?;
        Ok(v.is_true())
    }

    /// Renders and parses the front matter of a kind.
    fn front_matter(&self, kind: &str, ctx: &Value) -> Result<front_matter::FrontMatter> {
        let name = self.kind(kind)?.file_name.clone();
        let template = self
            .env
            .get_template(&format!("{name}{FRONT}"))
            .map_err(|e| located(template_error(&e, &name, None), &self.places))?;
        let front_src = template.render(ctx).map_err(|e| {
            located(
                template_error(&e, &name, Some(template.source())),
                &self.places,
            )
        })?;
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
                place: None,
                message: format!(
                    "phần đầu (+++) sau khi điền dữ liệu không hợp lệ: {}",
                    e.message()
                ),
                hint: Some("kiểm tra dấu ngoặc kép và tên khóa của phần đầu".into()),
            }
        })
    }

    /// The safe file name stem a kind gives for a context (renders only the front matter).
    pub fn file_stem(&self, kind: &str, ctx: &Value) -> Result<String> {
        Ok(safe_file_stem(&self.front_matter(kind, ctx)?.ten_tep))
    }

    /// Renders a kind with a context into a document, its text cleaned to the IR's invariant
    /// ([`Document::clean`]).
    pub fn render(&self, kind: &str, ctx: &Value) -> Result<Document> {
        let fm = self.front_matter(kind, ctx)?;
        let name = self.kind(kind)?.file_name.clone();
        let template = self
            .env
            .get_template(&name)
            .map_err(|e| located(template_error(&e, &name, None), &self.places))?;
        let body = template.render(ctx).map_err(|e| {
            located(
                template_error(&e, &name, Some(template.source())),
                &self.places,
            )
        })?;
        let file_stem = safe_file_stem(&fm.ten_tep);
        let parts = fm.into_parts().map_err(|message| Error::Template {
            name: name.clone(),
            line: None,
            place: None,
            message,
            hint: None,
        })?;
        let marker = format!("\n{APPENDIX_MARKER}\n");
        let mut sections = body.split(marker.as_str());
        let main = sections.next().unwrap_or_default();
        let rest: Vec<&str> = sections.collect();
        if rest.len() != parts.appendices.len() {
            return Err(Error::Template {
                name,
                line: None,
                place: None,
                message: format!(
                    "có {} dòng {APPENDIX_MARKER} trong thân mẫu nhưng {} mục [[phu_luc]] ở phần đầu",
                    rest.len(),
                    parts.appendices.len()
                ),
                hint: Some(format!(
                    "mỗi phụ lục cần một mục [[phu_luc]] ở phần đầu và một dòng {APPENDIX_MARKER} mở đầu nội dung của nó"
                )),
            });
        }
        let mut appendices: Vec<ir::Appendix> = parts
            .appendices
            .into_iter()
            .zip(rest)
            .map(|(meta, text)| ir::Appendix {
                blocks: ir::blocks_from_markdown(text),
                ..meta
            })
            .collect();
        let mut blocks =
            crate::timing::time(crate::timing::Stage::Ir, || ir::blocks_from_markdown(main));
        place_signings(&name, &mut blocks, &mut appendices, parts.signings)?;
        let doc = Document {
            file_stem,
            header: parts.header,
            title: parts.title,
            blocks,
            signatures: parts.signatures,
            noi_nhan: parts.noi_nhan,
            addressees: parts.addressees,
            can_cu: parts.can_cu,
            enacting: parts.enacting,
            drafter: parts.drafter,
            appendices,
            // Set by the caller for an electronic document (--chu-ky, --con-dau).
            images: None,
            pictures: self.kind(kind)?.pictures.clone(),
            marks: parts.marks,
            // Set by the caller for a copy (--ban-sao).
            ban_sao: None,
            copies: parts.copies,
        }
        .clean();
        check_pictures(&name, &doc)?;
        Ok(doc)
    }
}

/// A template error when the body names a picture the kind does not have (`<anh so="3"/>` in a kind
/// with two pictures, or any in a `.md` kind).
fn check_pictures(name: &str, doc: &Document) -> Result<()> {
    let count = doc.pictures.len();
    match doc.picture_uses().into_iter().find(|&n| n >= count) {
        None => Ok(()),
        Some(n) => Err(Error::Template {
            name: name.to_owned(),
            line: None,
            place: None,
            message: format!(
                "thân mẫu có thẻ <anh so=\"{}\"/> nhưng mẫu chỉ có {count} hình ảnh",
                n + 1
            ),
            hint: Some(
                "thẻ <anh/> chỉ dùng cho ảnh của mẫu Word; chèn ảnh vào tệp .docx bằng Word".into(),
            ),
        }),
    }
}

/// Puts each `[[chu_ky]]` of the front matter at the body's next `<chu-ky/>` line (the main text, then
/// the appendices); a template error when the two counts differ.
fn place_signings(
    name: &str,
    blocks: &mut [ir::Block],
    appendices: &mut [ir::Appendix],
    signings: Vec<ir::Signing>,
) -> Result<()> {
    let mut places: Vec<&mut ir::Signing> = blocks
        .iter_mut()
        .chain(appendices.iter_mut().flat_map(|a| a.blocks.iter_mut()))
        .filter_map(|b| match b {
            ir::Block::Signing(s) => Some(s),
            _ => None,
        })
        .collect();
    if places.len() != signings.len() {
        return Err(Error::Template {
            name: name.to_owned(),
            line: None,
            place: None,
            message: format!(
                "có {} dòng {} trong thân mẫu nhưng {} mục [[chu_ky]] ở phần đầu",
                places.len(),
                ir::SIGNING,
                signings.len()
            ),
            hint: Some(format!(
                "mỗi hàng chữ ký cần một mục [[chu_ky]] (với [chu_ky.trai] và/hoặc [chu_ky.phai]) ở phần đầu và một dòng {} đứng riêng, cách đoạn trên một dòng trống, ở chỗ của nó trong thân mẫu",
                ir::SIGNING
            )),
        });
    }
    for (place, signing) in places.iter_mut().zip(signings) {
        **place = signing;
    }
    Ok(())
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
