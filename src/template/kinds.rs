//! Document kinds as files: what a kind's front matter declares literally, readable without data.
//!
//! Every `<name>.md` among the templates is a kind named `<name>` (`_*.md` files are shared macros).
//! Three front-matter keys are literal values, read from the file's text before any rendering, so that
//! `vanban kinds` needs no workbook: `ten_loai` (the document type, "Kế hoạch"), `per` ("chi-bo" or
//! "dang-vien": one document per row of that sheet; absent: one for the whole organisation) and `chon`
//! (a minijinja expression over the row's context that picks the rows). Each must sit on its own
//! top-level line, `key = "value"`, before the first `[table]`.

use serde::Serialize;

/// Something of a kind's file that will not print, told to the user as a warning whenever the kind is
/// used: what, and (when the message does not say it already) what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// What is not printed and where ("hình ảnh ở đoạn 3 không được in: …").
    pub message: String,
    /// What to do about it, when the message does not say.
    pub hint: Option<&'static str>,
}

impl Note {
    /// A note whose message says all.
    pub fn new(message: impl Into<String>) -> Note {
        Note {
            message: message.into(),
            hint: None,
        }
    }
}

/// What one document of a per-row kind is made from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Per {
    /// One document per chi bộ (context `cb`).
    ChiBo,
    /// One document per đảng viên (context `dv` and `dv_chi_bo`).
    DangVien,
}

impl Per {
    /// The value as written in a front matter ("chi-bo").
    pub fn as_str(self) -> &'static str {
        match self {
            Per::ChiBo => "chi-bo",
            Per::DangVien => "dang-vien",
        }
    }

    /// Parses a front-matter value.
    pub fn parse(s: &str) -> Option<Per> {
        match s.trim() {
            "chi-bo" => Some(Per::ChiBo),
            "dang-vien" => Some(Per::DangVien),
            _ => None,
        }
    }

    /// The sheet rows come from, as a user reads it ("chi bộ", "đảng viên").
    pub fn noun(self) -> &'static str {
        match self {
            Per::ChiBo => "chi bộ",
            Per::DangVien => "đảng viên",
        }
    }
}

/// Where a kind's file comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Built into the program.
    Embedded,
    /// A `--templates` folder, as the user wrote it.
    Dir(String),
    /// One file: a Word kind, or a kind file named on the command line or uploaded.
    File(String),
}

impl Origin {
    /// "embedded", the folder as given, or the file (the `source` of `kinds --json`).
    pub fn label(&self) -> &str {
        match self {
            Origin::Embedded => "embedded",
            Origin::Dir(d) | Origin::File(d) => d,
        }
    }
}

/// Why a kind file cannot be used, with its line in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The 1-based line in the kind's file, when known.
    pub line: Option<usize>,
    /// For a Word kind, the place in the document ("đoạn 12").
    pub place: Option<String>,
    /// What is wrong, in Vietnamese.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
}

/// A document kind as its file declares it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kind {
    /// The kind's name: its file name without `.md` or `.docx` ("ke-hoach").
    pub name: String,
    /// Its file's name ("ke-hoach.md", "thu-khen.docx").
    pub file_name: String,
    /// What of the file is not printed (a Word template's page header text), for the user.
    pub notes: Vec<Note>,
    /// The exit code its problem gives (2: a file that is not a usable `.docx`; 1 otherwise).
    pub problem_exit: u8,
    /// The document type ("Kế hoạch"), when the file says it literally.
    pub ten_loai: Option<String>,
    /// One document per row of this sheet; `None`: one document for the whole organisation.
    pub per: Option<Per>,
    /// The row filter, a minijinja expression over the row's context.
    pub chon: Option<String>,
    /// The line of `chon` in the file (for errors while it is evaluated).
    pub chon_line: Option<usize>,
    /// Where the file comes from.
    pub origin: Origin,
    /// Set when the file is broken; the kind is listed but cannot be rendered.
    pub problem: Option<Problem>,
    /// The pictures a Word kind's body prints (`<anh so="N"/>`, N from 1); none for a `.md` kind.
    pub pictures: Vec<crate::ir::Picture>,
}

/// The literal keys of a front matter: `ten_loai`, `per`, and `chon` with its line.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct LiteralKeys {
    /// The document type.
    pub ten_loai: Option<String>,
    /// One document per row of this sheet.
    pub per: Option<Per>,
    /// The row filter and its 1-based line in the file.
    pub chon: Option<(String, usize)>,
}

/// The literal keys of a front matter, or the first problem found in them. `front` is the text between
/// the `+++` lines, which start on line `first_line` of the file.
pub fn literal_keys(front: &str, first_line: usize) -> Result<LiteralKeys, Problem> {
    let mut ten_loai = None;
    let mut per = None;
    let mut chon = None;
    for (i, raw) in front.lines().enumerate() {
        let line_no = first_line + i;
        let line = raw.trim();
        if line.starts_with('[') {
            break;
        }
        let Some((key, _)) = line.split_once('=') else {
            continue;
        };
        let key = key.trim();
        if !matches!(key, "ten_loai" | "per" | "chon") {
            continue;
        }
        let value = literal_value(line).map_err(|message| Problem {
            line: Some(line_no),
            place: None,
            message: format!("khóa `{key}`: {message}"),
            hint: Some(format!(
                "viết `{key} = \"…\"` trên một dòng, giá trị cố định (không có {{{{ }}}} hay {{% %}})"
            )),
        })?;
        match key {
            "ten_loai" => ten_loai = Some(value),
            "per" => {
                per = Some(Per::parse(&value).ok_or_else(|| Problem {
                    line: Some(line_no),
                    place: None,
                    message: format!("`per = \"{value}\"` không hợp lệ"),
                    hint: Some(
                        "per nhận \"chi-bo\" (mỗi chi bộ một văn bản) hoặc \"dang-vien\" (mỗi đảng viên một văn bản); bỏ per nếu chỉ có một văn bản".into(),
                    ),
                })?)
            }
            _ => chon = Some((value, line_no)),
        }
    }
    if chon.is_some() && per.is_none() {
        let line = chon.as_ref().map(|(_, l)| *l);
        return Err(Problem {
            line,
            place: None,
            message: "`chon` chỉ dùng cùng `per`".into(),
            hint: Some("thêm per = \"chi-bo\" hoặc per = \"dang-vien\"".into()),
        });
    }
    Ok(LiteralKeys {
        ten_loai,
        per,
        chon,
    })
}

/// The string value of a one-line `key = "value"`, which must be a literal.
fn literal_value(line: &str) -> Result<String, String> {
    let table: toml::Table = toml::from_str(line).map_err(|e| e.message().to_owned())?;
    let value = table
        .into_iter()
        .next()
        .map(|(_, v)| v)
        .ok_or_else(|| "thiếu giá trị".to_owned())?;
    let s = value
        .as_str()
        .ok_or_else(|| "giá trị phải là một chuỗi trong dấu ngoặc kép".to_owned())?;
    if s.contains("{{") || s.contains("{%") {
        return Err("giá trị phải cố định, không chứa biểu thức mẫu".into());
    }
    Ok(s.trim().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_literal_keys_before_the_first_table() {
        let fm = "ten_tep = \"{{ x }}\"\nten_loai = \"Thư khen\"\nper = \"dang-vien\"\nchon = \"dv.xep_loai == 'xuat_sac'\"\n[header]\nper = \"nope\"\n";
        let k = literal_keys(fm, 2).unwrap();
        assert_eq!(k.ten_loai.as_deref(), Some("Thư khen"));
        assert_eq!(k.per, Some(Per::DangVien));
        assert_eq!(k.chon, Some(("dv.xep_loai == 'xuat_sac'".to_owned(), 5)));
    }

    #[test]
    fn rejects_unknown_per_with_its_line() {
        let e = literal_keys("ten_loai = \"A\"\nper = \"to\"\n", 2).unwrap_err();
        assert_eq!(e.line, Some(3));
        assert!(e.message.contains("to"), "{}", e.message);
    }

    #[test]
    fn rejects_templated_literal_keys_and_chon_without_per() {
        assert!(literal_keys("ten_loai = \"{{ a }}\"\n", 2).is_err());
        assert!(literal_keys("chon = \"true\"\n", 2).is_err());
        assert_eq!(literal_keys("ten_loai = \"A\"\n", 2).unwrap().per, None);
    }
}
