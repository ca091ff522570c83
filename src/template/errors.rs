//! minijinja's errors in Vietnamese: what went wrong, with the line, and a hint that names the fix (the
//! statement or filter meant, the block left open and where it opened). The original English text
//! follows only when there is no translation.

use minijinja::ErrorKind;

/// The statements a template may use (minijinja's), for "did you mean" hints.
const STATEMENTS: &[&str] = &[
    "if",
    "elif",
    "else",
    "endif",
    "for",
    "endfor",
    "set",
    "endset",
    "macro",
    "endmacro",
    "call",
    "endcall",
    "import",
    "from",
    "include",
    "with",
    "endwith",
    "filter",
    "endfilter",
    "raw",
    "endraw",
    "break",
    "continue",
    "autoescape",
    "endautoescape",
    "do",
];

/// The filters vanban adds, for hints (minijinja's own come after them).
const FILTERS: &[&str] = &[
    "ngay_dai",
    "ngay_ngan",
    "so",
    "phan_tram",
    "ty_le",
    "hoa",
    "xep_loai",
    "pad",
    "upper",
    "lower",
    "title",
    "capitalize",
    "trim",
    "replace",
    "length",
    "default",
    "join",
    "first",
    "last",
    "sort",
    "round",
    "int",
    "float",
    "string",
    "safe",
    "escape",
    "list",
    "unique",
    "select",
    "reject",
    "selectattr",
    "rejectattr",
    "map",
    "batch",
    "sum",
    "min",
    "max",
    "abs",
    "indent",
    "items",
    "dictsort",
    "reverse",
];

/// Blocks that need an end tag, with it.
const BLOCKS: &[(&str, &str)] = &[
    ("for", "endfor"),
    ("if", "endif"),
    ("macro", "endmacro"),
    ("call", "endcall"),
    ("with", "endwith"),
    ("filter", "endfilter"),
    ("raw", "endraw"),
    ("autoescape", "endautoescape"),
];

/// A template error's message and hint, in Vietnamese.
pub(super) struct Translated {
    /// What went wrong.
    pub message: String,
    /// What to do.
    pub hint: String,
    /// A better line than minijinja's (where a block left open starts), when known.
    pub line: Option<usize>,
}

/// Translates a minijinja error; `source` is the template's text (with the file's line numbers), when
/// known, to name the block left open.
pub(super) fn translate(e: &minijinja::Error, source: Option<&str>) -> Translated {
    let detail = e.detail().unwrap_or("");
    match e.kind() {
        ErrorKind::SyntaxError => syntax(detail, source),
        ErrorKind::UnknownFilter => {
            let name = between(detail, "filter ", " is unknown").unwrap_or(detail);
            Translated {
                message: format!("bộ lọc không có: `{name}`"),
                hint: did_you_mean(name, FILTERS).map_or_else(
                    || {
                        format!(
                            "các bộ lọc của vanban: {}; xem README, mục Mẫu văn bản",
                            FILTERS[..8].join(", ")
                        )
                    },
                    |m| format!("có phải ý là `|{m}`? (các bộ lọc của vanban: {})", FILTERS[..8].join(", ")),
                ),
                line: None,
            }
        }
        ErrorKind::UnknownFunction => {
            let name = detail.strip_suffix(" is unknown").unwrap_or(detail);
            Translated {
                message: format!("hàm không có: `{name}`"),
                hint: "các hàm dùng được: range, dict, namespace; xem README, mục Mẫu văn bản".into(),
                line: None,
            }
        }
        ErrorKind::UnknownTest => Translated {
            message: format!("phép thử không có{}", colon(detail)),
            hint: "các phép thử dùng được: defined, none, number, string, odd, even …".into(),
            line: None,
        },
        ErrorKind::UndefinedError => undefined(e.line(), source),
        ErrorKind::OutOfFuel => Translated {
            message: "quá giới hạn tính toán".into(),
            hint: "mẫu làm quá nhiều bước (vòng lặp lồng nhau quá lớn?); thu nhỏ vòng lặp hoặc lọc dữ liệu trước khi lặp".into(),
            line: None,
        },
        ErrorKind::TemplateNotFound => Translated {
            message: format!("không tìm thấy mẫu{}", colon(detail)),
            hint: "tên trong {% import %} là tên tệp mẫu, ví dụ \"_bao-cao.md\"".into(),
            line: None,
        },
        ErrorKind::MissingArgument | ErrorKind::TooManyArguments => Translated {
            message: "sai số tham số khi gọi bộ lọc, hàm hay macro".into(),
            hint: "xem lại các tham số trong ngoặc".into(),
            line: None,
        },
        ErrorKind::InvalidOperation => Translated {
            message: format!("thao tác không hợp lệ{}", untranslated(detail)),
            hint: "xem README, mục Mẫu văn bản".into(),
            line: None,
        },
        ErrorKind::BadEscape => Translated {
            message: "chuỗi có ký tự thoát (\\) không hợp lệ".into(),
            hint: "viết \\\\ cho một dấu \\".into(),
            line: None,
        },
        _ => Translated {
            message: format!("lỗi mẫu{}", untranslated(detail)),
            hint: "xem README, mục Mẫu văn bản".into(),
            line: None,
        },
    }
}

/// ": detail" for text the user wrote (a name), or nothing.
fn colon(detail: &str) -> String {
    if detail.is_empty() {
        String::new()
    } else {
        format!(": {detail}")
    }
}

/// minijinja's own words, kept after the Vietnamese when there is no translation.
fn untranslated(detail: &str) -> String {
    if detail.is_empty() {
        String::new()
    } else {
        format!(" (minijinja: {detail})")
    }
}

fn between<'a>(s: &'a str, start: &str, end: &str) -> Option<&'a str> {
    s.strip_prefix(start)?.strip_suffix(end)
}

/// Syntax errors.
fn syntax(detail: &str, source: Option<&str>) -> Translated {
    if let Some(name) = detail.strip_prefix("unknown statement ") {
        let known = STATEMENTS.join(", ");
        return Translated {
            message: format!("lệnh không có: `{{% {name} %}}`"),
            hint: match did_you_mean(name, STATEMENTS) {
                Some(m) => format!("có phải ý là `{{% {m} … %}}`? Các lệnh dùng được: {known}"),
                None => format!("các lệnh dùng được: {known}"),
            },
            line: None,
        };
    }
    if let Some(expected) = detail.strip_prefix("unexpected end of input") {
        let expected = expected.trim_start_matches(", expected ").trim();
        if let Some((open, line, end)) = source.and_then(unclosed_block) {
            return Translated {
                message: format!(
                    "khối `{{% {open} %}}` chưa đóng: mẫu kết thúc mà chưa có `{{% {end} %}}`"
                ),
                hint: format!("thêm `{{% {end} %}}` ở chỗ khối kết thúc"),
                line: Some(line),
            };
        }
        return Translated {
            message: format!(
                "mẫu kết thúc giữa chừng{}",
                if expected.is_empty() {
                    String::new()
                } else {
                    format!(": còn thiếu {}", token(expected))
                }
            ),
            hint: "mỗi {{ cần }}, mỗi {% cần %}, mỗi khối {% for %}/{% if %} cần {% endfor %}/{% endif %}"
                .into(),
            line: None,
        };
    }
    if let Some(rest) = detail.strip_prefix("unexpected ")
        && let Some((found, expected)) = rest.split_once(", expected ")
    {
        return Translated {
            message: format!("gặp {} ở chỗ cần {}", token(found), token(expected)),
            hint: "kiểm tra các cặp {{ }}, {% %} và dấu ngoặc, dấu nháy quanh chỗ này".into(),
            line: None,
        };
    }
    let known: &[(&str, &str, &str)] = &[
        (
            "unexpected end of string",
            "chuỗi chưa đóng dấu nháy",
            "mỗi chuỗi mở bằng \" hay ' phải đóng bằng đúng dấu đó trên cùng dòng",
        ),
        (
            "unexpected end of comment",
            "chú thích {# chưa đóng bằng #}",
            "thêm #} ở cuối chú thích",
        ),
        (
            "unexpected end of raw block",
            "khối {% raw %} chưa có {% endraw %}",
            "thêm {% endraw %} sau phần giữ nguyên",
        ),
        (
            "unexpected character",
            "ký tự không dùng được trong thẻ",
            "trong {{ }} và {% %} chỉ viết tên biến, số, chuỗi trong nháy và phép tính",
        ),
        (
            "unexpected input after end of variable block",
            "còn chữ thừa sau }}",
            "kiểm tra các cặp {{ }} quanh dòng này",
        ),
    ];
    for (en, vi, hint) in known {
        if detail.starts_with(en) {
            return Translated {
                message: (*vi).to_owned(),
                hint: (*hint).to_owned(),
                line: None,
            };
        }
    }
    Translated {
        message: format!("lỗi cú pháp{}", untranslated(detail)),
        hint: "kiểm tra các cặp {{ }}, {% %} và {% end… %} quanh dòng này".into(),
        line: None,
    }
}

/// minijinja's name of a token, in Vietnamese.
fn token(t: &str) -> String {
    match t {
        "end of block" => "%} (cuối thẻ lệnh)".into(),
        "end of variable block" => "}} (cuối biểu thức)".into(),
        "start of block" => "{% (đầu thẻ lệnh)".into(),
        "start of variable block" => "{{ (đầu biểu thức)".into(),
        "end of input" => "cuối mẫu".into(),
        "identifier" => "một tên".into(),
        "string" => "một chuỗi".into(),
        "integer" | "float" => "một số".into(),
        "expression" => "một biểu thức".into(),
        "block keyword" | "keyword" => "tên lệnh".into(),
        "template-data" => "chữ thường (ngoài thẻ)".into(),
        "identifier or integer" => "một tên hoặc một số".into(),
        other => other.replace(" or ", " hoặc ").to_string(),
    }
}

/// An undefined value: the line's tags, so the user sees which names it uses.
fn undefined(line: Option<usize>, source: Option<&str>) -> Translated {
    let names = line
        .zip(source)
        .and_then(|(l, s)| s.lines().nth(l.saturating_sub(1)))
        .map(tag_names)
        .unwrap_or_default();
    let message = if names.is_empty() {
        "biến hoặc thuộc tính không có".to_owned()
    } else {
        format!(
            "biến hoặc thuộc tính không có (dòng này dùng: {})",
            names.join(", ")
        )
    };
    Translated {
        message,
        hint: "xem các biến có sẵn trong README, mục Mẫu văn bản (org, chi_bo, dang_vien, tong_hop, nhan_dinh, nam, cb, dv …); giá trị có thể trống thì dùng `{% if … %}` hoặc `|default(\"\")`".into(),
        line: None,
    }
}

/// The dotted names used in a line's tags (`org.co_quan`, `dv.ho_ten`), in order, once each.
fn tag_names(line: &str) -> Vec<String> {
    const WORDS: &[&str] = &[
        "if", "else", "elif", "endif", "for", "in", "endfor", "set", "not", "and", "or", "is",
        "none", "true", "false", "loop", "defined",
    ];
    let mut out: Vec<String> = Vec::new();
    let mut rest = line;
    while let Some(start) = rest.find(['{']) {
        let after = &rest[start + 1..];
        let (close, body) = match after.chars().next() {
            Some('{') => ("}}", &after[1..]),
            Some('%') => ("%}", &after[1..]),
            _ => {
                rest = after;
                continue;
            }
        };
        let end = body.find(close).unwrap_or(body.len());
        let tag = &body[..end];
        let mut in_string: Option<char> = None;
        let mut word = String::new();
        let mut after_pipe = false;
        for c in tag.chars().chain(std::iter::once(' ')) {
            if let Some(q) = in_string {
                if c == q {
                    in_string = None;
                }
                continue;
            }
            if c == '"' || c == '\'' {
                in_string = Some(c);
                continue;
            }
            if c.is_alphanumeric() || c == '_' || c == '.' {
                word.push(c);
                continue;
            }
            let w = std::mem::take(&mut word);
            let w = w.trim_matches('.');
            if !w.is_empty()
                && !after_pipe
                && !w.chars().next().is_some_and(|c| c.is_ascii_digit())
                && !WORDS.contains(&w)
                && !out.iter().any(|o| o == w)
            {
                out.push(w.to_owned());
            }
            after_pipe = c == '|';
            if c == '(' || c == ',' {
                after_pipe = false;
            }
        }
        rest = &body[end.min(body.len())..];
    }
    out
}

/// The first block opened and never closed in a template's text: its statement, line and end tag.
fn unclosed_block(source: &str) -> Option<(String, usize, String)> {
    let mut stack: Vec<(&str, usize)> = Vec::new();
    for (i, line) in source.lines().enumerate() {
        let mut rest = line;
        while let Some(start) = rest.find("{%") {
            let body = &rest[start + 2..];
            let end = body.find("%}").unwrap_or(body.len());
            let word = body[..end]
                .trim_start_matches(['-', '+'])
                .split_whitespace()
                .next()
                .unwrap_or("");
            if let Some((open, _)) = BLOCKS.iter().find(|(o, _)| *o == word) {
                // `{% set x = … %}` has no end tag; `{% set x %}…{% endset %}` has.
                stack.push((open, i + 1));
            } else if word == "set" && !body[..end].contains('=') {
                stack.push(("set", i + 1));
            } else if let Some(open) = word.strip_prefix("end")
                && let Some(pos) = stack.iter().rposition(|(o, _)| *o == open)
            {
                stack.truncate(pos);
            }
            rest = &body[end.min(body.len())..];
        }
    }
    stack
        .first()
        .map(|(open, line)| ((*open).to_owned(), *line, format!("end{open}")))
}

/// The closest known word within two edits, if any.
fn did_you_mean<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (*k, edit_distance(word, k)))
        .filter(|(_, d)| *d <= 2)
        .min_by_key(|(_, d)| *d)
        .map(|(k, _)| k)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_words_and_open_blocks_are_found() {
        assert_eq!(did_you_mean("fore", STATEMENTS), Some("for"));
        assert_eq!(did_you_mean("ngay_dia", FILTERS), Some("ngay_dai"));
        assert_eq!(did_you_mean("zzzzzz", STATEMENTS), None);
        let src = "a\n{% for x in y %}\n{% if x %}b{% endif %}\n";
        assert_eq!(
            unclosed_block(src),
            Some(("for".into(), 2, "endfor".into()))
        );
        assert_eq!(unclosed_block("{% set a = 1 %}{% if a %}{% endif %}"), None);
        assert_eq!(
            tag_names("Chi bộ {{ cb.ten|upper }} và {{ org.khong_co }}"),
            ["cb.ten", "org.khong_co"]
        );
    }
}
