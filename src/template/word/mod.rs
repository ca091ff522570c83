//! Word documents as kinds: a `.docx` read by [`crate::word`] becomes the text of a kind — TOML front
//! matter and a Markdown body, both templates, exactly as a `.md` kind is written — so one pipeline fills
//! and renders both, with the same context, filters, escaping and step budget.
//!
//! The administrative parts are found from the document's own structure ([`recognise`]) and given as
//! the lines a person typed (`[header] trai = […]`, `[signature] dong = […]`), whose roles are read once
//! the template is filled ([`super::lines`]), so a tag may stand anywhere in them. The body becomes
//! Markdown in vanban's dialect: headings (by Word style, outline level, or a typed "I." / "1." / "a)"
//! in bold), articles ("Điều 1."), lists, tables with row loops, emphasis, fill lines, alignment. A
//! paragraph holding only a block tag (`{% for %}`, `{%p if %}`) repeats or drops the paragraphs
//! between; a row whose first cell starts a `for` and whose last cell ends it (or a `{%tr … %}` row)
//! repeats the row; a block tag anywhere else is an error naming its place. Every line of the generated
//! text keeps the place it came from, so an error while filling names "đoạn 12" and its text.

mod body;
mod inline;
mod pictures;
mod recognise;

use crate::template::Note;
use crate::word::{Paragraph, Place, TagKind, WordDoc};
use body::Body;
use inline::{escape_toml, toml};
use recognise::{Addressed, Parts, recognise};
use std::collections::BTreeMap;

/// Where a generated line came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineInfo {
    /// The place in the Word document.
    pub place: Place,
    /// The text there (for messages).
    pub text: String,
}

/// A Word document compiled into the text of a kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compiled {
    /// The kind's text: `+++`, TOML front matter, `+++`, Markdown body.
    pub text: String,
    /// For each line of `text` (from line 1), where it came from; `None` for lines vanban adds.
    pub lines: Vec<Option<LineInfo>>,
    /// Tags found in page headers and footers (checked, never printed), one per entry, with places.
    pub header_footer_tags: Vec<(String, LineInfo)>,
    /// What of the document is not printed (page header and footer text, a picture that cannot
    /// print), for the user.
    pub notes: Vec<Note>,
    /// The pictures the body's `<anh so="N"/>` tags print (N from 1).
    pub pictures: Vec<crate::ir::Picture>,
}

/// Why a Word document cannot be a kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileError {
    /// Where.
    pub place: Place,
    /// The text there.
    pub text: String,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: String,
}

/// The generated text, line by line, with each line's origin.
#[derive(Default)]
struct Out {
    text: String,
    lines: Vec<Option<LineInfo>>,
}

impl Out {
    fn line(&mut self, s: &str, from: Option<&Paragraph>) {
        for l in s.split('\n') {
            self.text.push_str(l);
            self.text.push('\n');
            self.lines.push(from.map(info));
        }
    }
}

fn info(p: &Paragraph) -> LineInfo {
    LineInfo {
        place: p.place,
        text: p.text().chars().take(80).collect(),
    }
}

/// A TOML value's source with the lines it spans.
struct Value {
    lines: Vec<(String, Option<LineInfo>)>,
}

impl Value {
    fn string(s: String, from: Option<&Paragraph>) -> Value {
        Value {
            lines: vec![(format!("\"{s}\""), from.map(info))],
        }
    }
}

/// The front matter: top-level keys, then tables, each key once (the Thông số table overrides).
#[derive(Default)]
struct Front {
    top: BTreeMap<String, Value>,
    tables: BTreeMap<String, BTreeMap<String, Value>>,
    order: Vec<String>,
}

impl Front {
    fn set(&mut self, dotted: &str, v: Value) {
        match dotted.split_once('.') {
            Some((table, k)) => {
                self.tables
                    .entry(table.to_owned())
                    .or_default()
                    .insert(k.to_owned(), v);
            }
            None => {
                if !self.top.contains_key(dotted) {
                    self.order.push(dotted.to_owned());
                }
                self.top.insert(dotted.to_owned(), v);
            }
        }
    }
}

/// An array of lines, one per paragraph: a content paragraph is a `{ t = "…", b = bold, r = role }`
/// line, an empty one a blank line, a statement paragraph its tag (so `{% if %}` keeps or drops lines).
fn line_array(paragraphs: &[&Paragraph], role: impl Fn(&Paragraph) -> &'static str) -> Value {
    let mut lines = vec![("[".to_owned(), None)];
    for p in paragraphs {
        if recognise::is_statement(p) {
            let tag = p.only_tag().map(|t| body::plain_statement(&t.source)).unwrap_or_default();
            lines.push((tag, Some(info(p))));
            continue;
        }
        let t = toml(&p.pieces);
        let b = inline::starts_bold(&p.pieces);
        let r = role(p);
        lines.push((
            format!("  {{ t = \"{t}\", b = {b}, r = \"{r}\" }},"),
            Some(info(p)),
        ));
    }
    lines.push(("]".to_owned(), None));
    Value { lines }
}

/// An array of strings, one per paragraph (statement paragraphs as their tags); with `label`, the first
/// paragraph's text up to its colon ("Kính gửi:") is left out.
fn string_array(paragraphs: &[&Paragraph], label: bool) -> Value {
    let mut lines = vec![("[".to_owned(), None)];
    for (i, p) in paragraphs.iter().enumerate() {
        if recognise::is_statement(p) {
            let tag = p.only_tag().map(|t| body::plain_statement(&t.source)).unwrap_or_default();
            lines.push((tag, Some(info(p))));
            continue;
        }
        let mut t = toml(&p.pieces);
        if label && i == 0 {
            t = t.split_once(':').map_or(String::new(), |(_, rest)| rest.trim().to_owned());
        }
        if !t.is_empty() {
            lines.push((format!("  \"{t}\","), Some(info(p))));
        }
    }
    lines.push(("]".to_owned(), None));
    Value { lines }
}

/// The role a vanban-exported paragraph style gives a signature line.
fn signature_role(p: &Paragraph) -> &'static str {
    match p.style_id.as_str() {
        "VBChuKyNhan" => "nhan",
        "VBChuKyQuyenHan" => "quyen_han",
        "VBChuKyChucVu" => "chuc_vu",
        "VBChuKyGhiChu" => "ghi_chu",
        "VBChuKyTen" => "ten",
        _ => "",
    }
}

/// The Thông số key saying a document has no signature area: every signature table (a borderless
/// two-column table with a name under blank lines, or an authority line) is a row of signature blocks
/// where it stands in the body (`<chu-ky/>` and a `[[chu_ky]]` item), as in a biên bản or a bản kiểm
/// điểm. Without it, the last signature table of the main text is the signature area.
pub const NO_SIGNATURE_AREA_KEY: &str = "vung_chu_ky";
/// The value of [`NO_SIGNATURE_AREA_KEY`] that says so.
pub const NO_SIGNATURE_AREA_VALUE: &str = "không";

/// Keys of the Thông số table whose value is a list, one paragraph per item.
const LIST_KEYS: &[&str] = &[
    "can_cu",
    "kinh_gui",
    "kinh_trinh",
    "noi_nhan.items",
];

/// Keys read literally (no data), whose quotes are made plain as in tags.
const LITERAL_KEYS: &[&str] = &["per", "chon", "ten_loai"];

/// Compiles a read Word document into a kind's text. `kind` names the kind (for the default file
/// name); the per-row sheet, when the Thông số table gives `per`, makes the default file name carry
/// the row.
pub fn compile(doc: &WordDoc, kind: &str) -> Result<Compiled, CompileError> {
    let kept = pictures::keep(doc);
    let doc = &kept.doc;
    let parts = recognise(doc);
    let mut front = Front::default();
    fill_recognised(&parts, &mut front);
    let per = fill_meta(&parts, &mut front)?;
    if !front.top.contains_key("ten_tep") {
        let stem = match per.as_deref() {
            Some("dang-vien") => format!("{kind}-{{{{ dv.stt|pad(3) }}}}"),
            Some("chi-bo") => format!("{kind}-{{{{ cb.stt|pad(3) }}}}"),
            _ => kind.to_owned(),
        };
        front.set("ten_tep", Value::string(stem, None));
    }
    if !front.top.contains_key("ten_loai") {
        front.set("ten_loai", Value::string(String::new(), None));
    }
    // The body first: its signature rows are items of the front matter.
    let mut body_out = Out::default();
    let signings = {
        let mut body = Body::new(&mut body_out);
        for p in &parts.prelude {
            body.statement_paragraph(p)?;
        }
        body.blocks(&parts.body)?;
        for a in &parts.appendices {
            body.appendix_marker();
            body.blocks(&a.body)?;
        }
        body.finish()?;
        body.signings
    };
    let mut out = Out::default();
    out.line("+++", None);
    out.line("# Sinh từ tệp Word bởi vanban.", None);
    // Literal keys first, on their own lines, before any table (as a `.md` kind writes them).
    let mut order = front.order.clone();
    order.sort_by_key(|k| !LITERAL_KEYS.contains(&k.as_str()));
    // The prelude's statements (`{% set %}`, `{% import %}`) hold for the front matter too.
    for p in &parts.prelude {
        if let Some(t) = p.only_tag() {
            out.line(&body::plain_statement(&t.source), Some(p));
        }
    }
    for k in &order {
        if let Some(v) = front.top.get(k) {
            emit_key(&mut out, k, v);
        }
    }
    for (table, keys) in &front.tables {
        if table == "phu_luc" {
            continue;
        }
        out.line(&format!("[{table}]"), None);
        for (k, v) in keys {
            emit_key(&mut out, k, v);
        }
    }
    for a in &parts.appendices {
        out.line("[[phu_luc]]", None);
        let title = a
            .title
            .iter()
            .map(|p| toml(&p.pieces))
            .collect::<Vec<_>>()
            .join(" ");
        out.line(&format!("tieu_de = \"{title}\""), a.title.first().copied());
        out.line(&format!("kem_theo = {}", a.kem_theo), None);
        if a.landscape {
            out.line("huong = \"ngang\"", None);
        }
    }
    // The signature rows of the body, each where the body's blocks hold it.
    for s in &signings {
        for st in &s.before {
            out.line(st, None);
        }
        out.line("[[chu_ky]]", None);
        for (name, side) in [("trai", &s.left), ("phai", &s.right)] {
            if let Some(v) = side {
                out.line(&format!("[chu_ky.{name}]"), None);
                emit_key(&mut out, "dong", v);
            }
        }
        for st in &s.after {
            out.line(st, None);
        }
    }
    out.line("+++", None);
    out.text.push_str(&body_out.text);
    out.lines.extend(body_out.lines);
    let mut header_footer_tags = Vec::new();
    let mut hf_text = false;
    for p in &doc.header_footer {
        for piece in &p.pieces {
            match piece {
                crate::word::Piece::Tag(t) if t.kind != TagKind::Comment => {
                    header_footer_tags.push((t.source.clone(), info(p)));
                }
                crate::word::Piece::Text(t, _) if !t.trim().is_empty() => hf_text = true,
                _ => {}
            }
        }
    }
    let mut notes = Vec::new();
    if hf_text || !header_footer_tags.is_empty() {
        notes.push(Note {
            message:
                "chữ trong đầu trang/chân trang của tệp Word không được in (số trang do hồ sơ trình bày đặt)"
                    .into(),
            hint: Some("đầu trang và chân trang do hồ sơ trình bày đặt (số trang)"),
        });
    }
    notes.extend(kept.notes);
    for (n, place) in kept.places.iter().enumerate() {
        if !body_out.text.contains(&inline::picture_tag(n)) {
            notes.push(Note::new(format!(
                "hình ảnh ở {place} nằm trong phần đầu, chữ ký hoặc nơi nhận, không được in (chữ ký và con dấu in từ --chu-ky, --con-dau)"
            )));
        }
    }
    Ok(Compiled {
        text: out.text,
        lines: out.lines,
        header_footer_tags,
        notes,
        pictures: kept.pictures,
    })
}

fn emit_key(out: &mut Out, k: &str, v: &Value) {
    let mut first = true;
    for (line, from) in &v.lines {
        let text = if first {
            format!("{k} = {line}")
        } else {
            line.clone()
        };
        first = false;
        out.text.push_str(&text);
        out.text.push('\n');
        out.lines.push(from.clone());
    }
}

/// The keys the recognised parts give.
fn fill_recognised(parts: &Parts<'_>, front: &mut Front) {
    if let Some((left, right)) = &parts.header {
        front.set("header.co_quan", Value::string(String::new(), None));
        front.set("header.dia_danh", Value::string(String::new(), None));
        front.set("header.trai", line_array(left, |_| ""));
        front.set("header.phai", line_array(right, |_| ""));
    } else {
        front.set("header.co_quan", Value::string(String::new(), None));
        front.set("header.dia_danh", Value::string(String::new(), None));
    }
    if !parts.title.is_empty() {
        front.set("tieu_de", line_array(&parts.title, |_| ""));
        let first = parts.title[0];
        let literal = !first.pieces.iter().any(|x| matches!(x, crate::word::Piece::Tag(_)));
        let ten_loai = if literal {
            super::lines::sentence_case(first.text().trim())
        } else {
            String::new()
        };
        let mut escaped = String::new();
        escape_toml(&ten_loai, &mut escaped);
        front.set("ten_loai", Value::string(escaped, Some(first)));
    }
    if let Some((kind, lines)) = &parts.addressed {
        let key = match kind {
            Addressed::Gui => "kinh_gui",
            Addressed::Trinh => "kinh_trinh",
        };
        front.set(key, string_array(lines, true));
    }
    if !parts.can_cu.is_empty() {
        front.set("can_cu", string_array(&parts.can_cu, false));
    }
    if let Some(e) = parts.enacting {
        front.set("quyet_dinh", Value::string(toml(&e.pieces), Some(e)));
    }
    if let Some(area) = &parts.signature {
        if !area.right.is_empty() {
            front.set("signature.dong", line_array(&area.right, signature_role));
        } else {
            front.set("signature.ho_ten", Value::string(String::new(), None));
        }
        if !area.left.is_empty() {
            front.set("signature_left.dong", line_array(&area.left, signature_role));
        }
        if !area.noi_nhan.is_empty() {
            front.set("noi_nhan.dong", line_array(&area.noi_nhan, |_| ""));
        }
    } else {
        front.set("signature.ho_ten", Value::string(String::new(), None));
    }
}

/// The Thông số table's keys, over what was recognised; returns the kind's `per`.
fn fill_meta(parts: &Parts<'_>, front: &mut Front) -> Result<Option<String>, CompileError> {
    let mut per = None;
    for row in &parts.meta {
        let k = row.key.trim().trim_end_matches(':').trim();
        if recognise::key(k) == recognise::key(NO_SIGNATURE_AREA_KEY) {
            continue;
        }
        if k.is_empty() || k.contains(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
        {
            return Err(CompileError {
                place: row.at.place,
                text: row.key.clone(),
                message: format!("khóa \"{}\" của bảng Thông số văn bản không hợp lệ", row.key),
                hint: "khóa viết không dấu, chữ thường, nối bằng dấu _ hoặc dấu chấm, ví dụ per, chon, ten_tep, signature.ho_ten".into(),
            });
        }
        let value = if LIST_KEYS.contains(&k) {
            string_array(&row.value, false)
        } else {
            let text = row
                .value
                .iter()
                .map(|p| toml(&p.pieces))
                .collect::<Vec<_>>()
                .join("\\n");
            let text = if LITERAL_KEYS.contains(&k) {
                crate::word::plain_quotes(&text)
            } else {
                text
            };
            if k == "per" {
                per = Some(text.trim().to_owned());
            }
            Value::string(text, row.value.first().copied().or(Some(row.at)))
        };
        front.set(k, value);
    }
    Ok(per)
}
