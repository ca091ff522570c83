//! The administrative parts of a document given as its printed lines — the header's two columns, the
//! title, a signature block, the nơi nhận — read back into their roles once the template is filled.
//!
//! A Word template (or a document re-typeset) holds these parts as lines a person typed: "Số 09-KH/ĐU",
//! "Vĩnh Phúc, ngày 29 tháng 7 năm 2022", "T/M ĐẢNG ỦY", a name after blank lines. Their roles are read
//! after filling, so a tag anywhere in a line (`{{ org.quyen_han_ky }} Đảng ủy`) works. A line may carry a
//! role hint from the Word paragraph's style (a template vanban exported) and its emphasis (a label is
//! bold, a chức vụ is not), which settle what the text alone leaves open.

use crate::ir::{Authority, Date, DocNumber, Inline, Signature};
use crate::model::parse_authority;
use serde::Deserialize;

/// One printed line: its text and what the Word paragraph said about it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum LineSpec {
    /// Just the text.
    Text(String),
    /// The text with its emphasis and role hint.
    Full {
        /// The text.
        t: String,
        /// Bold in the template.
        #[serde(default)]
        b: bool,
        /// A role hint ("nhan", "quyen_han", "chuc_vu", "ghi_chu", "ten"), from a vanban style.
        #[serde(default)]
        r: String,
    },
}

impl LineSpec {
    fn text(&self) -> &str {
        match self {
            LineSpec::Text(t) | LineSpec::Full { t, .. } => t,
        }
    }

    fn bold(&self) -> bool {
        matches!(self, LineSpec::Full { b: true, .. })
    }

    fn role(&self) -> &str {
        match self {
            LineSpec::Full { r, .. } => r,
            LineSpec::Text(_) => "",
        }
    }
}

/// Lines split at explicit breaks, trimmed.
fn split(lines: &[LineSpec]) -> Vec<(String, bool, String)> {
    lines
        .iter()
        .flat_map(|l| {
            l.text()
                .split('\n')
                .map(|t| (t.trim().to_owned(), l.bold(), l.role().to_owned()))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// What the header's lines give.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct HeaderLines {
    /// The superior body.
    pub cap_tren: Option<String>,
    /// The issuing body.
    pub co_quan: Option<String>,
    /// The number line, read.
    pub number: Option<DocNumber>,
    /// The place of the date line.
    pub dia_danh: Option<String>,
    /// The date.
    pub ngay: Option<Date>,
}

/// A line the profile draws itself: a national or Party line, a mark or rule under a name.
fn profile_drawn(text: &str) -> bool {
    let key = crate::workbook::matching::match_key(text);
    text.chars().all(|c| matches!(c, '*' | '-' | '_' | '–' | '—' | ' '))
        || key == "dangcongsanvietnam"
        || key == "conghoaxahoichunghiavietnam"
        || key == "doclaptudohanhphuc"
}

/// True for a number line ("Số 09-KH/ĐU", "Số: 05/QĐ-UBND", "Số     -TB/ĐU").
fn is_number_line(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower == "số" || lower.starts_with("số ") || lower.starts_with("số:")
}

/// True for a date line ("Vĩnh Phúc, ngày 29 tháng 7 năm 2022", or with blanks).
pub fn is_date_line(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower.contains("ngày") && lower.contains("tháng") && lower.contains("năm")
}

/// Reads the header's columns: the bodies, the number, the place and date (the left column may hold
/// the date in some forms, so both are searched).
pub fn header(left: &[LineSpec], right: &[LineSpec]) -> HeaderLines {
    let mut out = HeaderLines::default();
    let mut bodies = Vec::new();
    for (column, (text, _, _)) in split(left)
        .into_iter()
        .map(|l| (0, l))
        .chain(split(right).into_iter().map(|l| (1, l)))
    {
        if text.is_empty() || profile_drawn(&text) {
            continue;
        }
        if is_number_line(&text) {
            out.number = Some(number(&text));
        } else if is_date_line(&text) {
            let (place, date) = date_line(&text);
            out.dia_danh = Some(place);
            out.ngay = date;
        } else if column == 0 {
            bodies.push(text);
        }
    }
    if let Some(last) = bodies.pop() {
        out.co_quan = Some(last);
    }
    if !bodies.is_empty() {
        out.cap_tren = Some(bodies.join(" "));
    }
    out
}

/// Reads a number line into its parts: Party "Số 09-KH/ĐU", State "Số: 09/KH-ĐU"; a blank number
/// ("Số      -TB/ĐU") leaves `so` empty.
pub fn number(text: &str) -> DocNumber {
    let rest = text.trim();
    let rest = rest
        .strip_prefix("Số")
        .or_else(|| rest.strip_prefix("SỐ"))
        .or_else(|| rest.strip_prefix("số"))
        .unwrap_or(rest);
    let rest = rest.trim_start().trim_start_matches(':').trim();
    // A blank left for the number by hand: nothing, spaces, dots, "…" or underscores.
    let so = |s: &str| {
        let s = s.trim();
        (!s.chars().all(|c| c.is_whitespace() || matches!(c, '.' | '…' | '_')))
            .then(|| s.to_owned())
    };
    // Party: {so}-{loai}/{ky_hieu}; the number has no "-", so the first "-" ends it.
    if let Some((so_part, rest2)) = rest.split_once('-')
        && let Some((loai, ky_hieu)) = rest2.split_once('/')
        && !so_part.contains('/')
    {
        return DocNumber {
            so: so(so_part),
            loai: loai.trim().to_owned(),
            ky_hieu: ky_hieu.trim().to_owned(),
        };
    }
    // State: {so}/{loai}-{ky_hieu}.
    if let Some((so_part, rest2)) = rest.split_once('/')
        && let Some((loai, ky_hieu)) = rest2.split_once('-')
    {
        return DocNumber {
            so: so(so_part),
            loai: loai.trim().to_owned(),
            ky_hieu: ky_hieu.trim().to_owned(),
        };
    }
    DocNumber {
        so: so(rest),
        loai: String::new(),
        ky_hieu: String::new(),
    }
}

/// A date line's place (before the first comma) and date ("ngày 29 tháng 7 năm 2022"; blanks give
/// none).
pub fn date_line(text: &str) -> (String, Option<Date>) {
    let (place, rest) = match text.split_once(',') {
        Some((p, r)) => (p.trim().to_owned(), r),
        None => (String::new(), text),
    };
    let lower = rest.to_lowercase();
    let number_after = |word: &str| -> Option<u32> {
        let i = lower.find(word)? + word.len();
        let digits: String = lower[i..]
            .trim_start()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        digits.parse().ok()
    };
    let date = match (
        number_after("ngày"),
        number_after("tháng"),
        number_after("năm"),
    ) {
        (Some(d), Some(m), Some(y)) if y >= 1000 => Date::new(y as i32, m, d),
        _ => None,
    };
    (place, date)
}

/// The tên loại as a document writes it, in the case a kind gives it ("KẾ HOẠCH" → "Kế hoạch"; the
/// profile sets the printed case).
pub fn sentence_case(text: &str) -> String {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.is_empty() || letters.iter().any(|c| c.is_lowercase()) {
        return text.to_owned();
    }
    let lower = text.to_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The title block's lines: the tên loại, then the trích yếu (its lines joined by breaks) until the
/// separator the profile draws.
pub fn title(lines: &[LineSpec]) -> (String, Vec<Inline>) {
    let mut ten_loai = String::new();
    let mut trich_yeu = Vec::new();
    for (text, _, _) in split(lines) {
        if text.is_empty() {
            continue;
        }
        if profile_drawn(&text) {
            break;
        }
        if ten_loai.is_empty() {
            ten_loai = sentence_case(&text);
        } else {
            if !trich_yeu.is_empty() {
                trich_yeu.push(Inline::LineBreak);
            }
            trich_yeu.push(Inline::plain(text));
        }
    }
    (ten_loai, trich_yeu)
}

/// Reads a signature block: lines above the blank space (a label, the authority with the body signed
/// for, the chức vụ, a note in brackets), then the name after the blank lines.
pub fn signature(lines: &[LineSpec]) -> Signature {
    let all = split(lines);
    // The name: the last line after a blank one (or the last line of several).
    let non_empty: Vec<usize> = (0..all.len()).filter(|i| !all[*i].0.is_empty()).collect();
    let mut top: Vec<(String, bool, String)> = Vec::new();
    let mut name = String::new();
    if let Some(named) = all.iter().rposition(|l| l.2 == "ten") {
        // A template's name line, even when its value is empty.
        name = all[named].0.clone();
        top = all[..named]
            .iter()
            .filter(|l| !l.0.is_empty())
            .cloned()
            .collect();
    } else if let Some(&last) = non_empty.last() {
        let blank_before = last > 0 && all[..last].iter().any(|l| l.0.is_empty());
        let hinted_name = all[last].2 == "ten";
        if blank_before || hinted_name || non_empty.len() >= 2 {
            name = all[last].0.clone();
            top = all[..last].iter().filter(|l| !l.0.is_empty()).cloned().collect();
        } else {
            top = vec![all[last].clone()];
        }
    }
    let mut sig = Signature {
        ho_ten: name,
        ..Signature::default()
    };
    let authority_at = top.iter().position(|(t, _, r)| {
        r == "quyen_han" || (r.is_empty() && authority_prefix(t).is_some())
    });
    let mut labels = Vec::new();
    let mut rest_start = 0;
    if let Some(i) = authority_at {
        labels.extend(top[..i].iter().map(|l| l.0.clone()));
        let (authority, body) = authority_prefix(&top[i].0)
            .map(|(a, b)| (Some(a), b))
            .unwrap_or((None, top[i].0.as_str()));
        sig.authority = authority;
        let more = top[i + 1..]
            .iter()
            .any(|(t, _, r)| !is_note(t) && r != "ghi_chu");
        if more || body.is_empty() || top[i].2 == "quyen_han" {
            sig.to_chuc = (!body.is_empty()).then(|| body.to_owned());
        } else {
            // "KT. CHỦ TỊCH" alone: the prefix stands before the title.
            sig.chuc_vu = Some(body.to_owned());
        }
        rest_start = i + 1;
    }
    for (text, bold, role) in &top[rest_start..] {
        if role == "ghi_chu" || is_note(text) {
            sig.ghi_chu = Some(text.clone());
        } else if role == "nhan" || (role.is_empty() && authority_at.is_none() && *bold && sig.chuc_vu.is_none() && labels.is_empty()) {
            labels.push(text.clone());
        } else if sig.chuc_vu.is_none() {
            sig.chuc_vu = Some(text.clone());
        } else {
            labels.push(text.clone());
        }
    }
    if !labels.is_empty() {
        sig.label = Some(labels.join(" "));
    }
    sig
}

fn is_note(text: &str) -> bool {
    text.starts_with('(') && text.ends_with(')')
}

/// The authority prefix of a line ("T/M ĐẢNG ỦY" → thay mặt, "ĐẢNG ỦY") and the rest.
pub fn authority_prefix(text: &str) -> Option<(Authority, &str)> {
    let t = text.trim();
    let (first, rest) = match t.split_once(char::is_whitespace) {
        Some((f, r)) => (f, r.trim()),
        None => (t, ""),
    };
    if let Some(a) = parse_authority(first) {
        return Some((a, rest));
    }
    // "Thay mặt Đảng ủy" spelt out.
    let lower = t.to_lowercase();
    for (words, a) in [
        ("thay mặt", Authority::ThayMat),
        ("ký thay", Authority::KyThay),
        ("thừa lệnh", Authority::ThuaLenh),
    ] {
        if lower.starts_with(words) {
            return Some((a, t[words.len()..].trim()));
        }
    }
    None
}

/// The nơi nhận's lines: the recipients without marker or end punctuation, and the file copy ("Lưu …").
pub fn noi_nhan(lines: &[LineSpec]) -> (Vec<String>, Option<String>) {
    let mut items = Vec::new();
    let mut luu = None;
    for (text, _, _) in split(lines) {
        let lower = text.to_lowercase();
        if text.is_empty() || lower.starts_with("nơi nhận") {
            continue;
        }
        let item = strip_item(&text);
        let item_lower = item.to_lowercase();
        if let Some(rest) = item_lower.strip_prefix("lưu") {
            let start = item.len() - rest.len();
            let value = item[start..].trim().trim_start_matches(':').trim();
            luu = Some(value.to_owned());
        } else if !item.is_empty() {
            items.push(item.to_owned());
        }
    }
    (items, luu)
}

/// A line without a leading list marker ("- ", "+ ", "• ") typed before it.
pub fn strip_marker(text: &str) -> &str {
    let t = text.trim();
    match t.strip_prefix(['-', '+', '•', '–']) {
        Some(rest) if rest.starts_with(char::is_whitespace) => rest.trim_start(),
        _ => t,
    }
}

/// A list line without its marker ("- ", "+ ", "• ") or its end punctuation.
pub fn strip_item(text: &str) -> &str {
    strip_marker(text)
        .trim_end_matches([',', ';', '.'])
        .trim_end()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn l(t: &str) -> LineSpec {
        LineSpec::Text(t.into())
    }

    fn b(t: &str) -> LineSpec {
        LineSpec::Full {
            t: t.into(),
            b: true,
            r: String::new(),
        }
    }

    #[test]
    fn numbers_of_both_formats_and_blank() {
        let n = number("Số 09-KH/ĐU");
        assert_eq!((n.so.as_deref(), n.loai.as_str(), n.ky_hieu.as_str()), (Some("09"), "KH", "ĐU"));
        let n = number("Số: 05/QĐ-UBND");
        assert_eq!((n.so.as_deref(), n.loai.as_str(), n.ky_hieu.as_str()), (Some("05"), "QĐ", "UBND"));
        let n = number("Số       -TB/ĐU");
        assert_eq!((n.so, n.loai.as_str()), (None, "TB"));
        for blank in ["Số: …-TK/ĐU", "Số ....-TK/ĐU", "Số ___/QĐ-UBND"] {
            assert_eq!(number(blank).so, None, "{blank}");
        }
        let n = number("Số 12-NQ/ĐU-CB");
        assert_eq!((n.loai.as_str(), n.ky_hieu.as_str()), ("NQ", "ĐU-CB"));
    }

    #[test]
    fn header_columns() {
        let h = header(
            &[
                l("Đảng bộ Khối các cơ quan tỉnh"),
                l("Đảng ủy Văn phòng Tỉnh ủy"),
                l("*"),
                l("Số 09-KH/ĐU"),
            ],
            &[
                l("ĐẢNG CỘNG SẢN VIỆT NAM"),
                l(""),
                l("Vĩnh Phúc, ngày 29 tháng 7 năm 2022"),
            ],
        );
        assert_eq!(h.cap_tren.as_deref(), Some("Đảng bộ Khối các cơ quan tỉnh"));
        assert_eq!(h.co_quan.as_deref(), Some("Đảng ủy Văn phòng Tỉnh ủy"));
        assert_eq!(h.number.unwrap().so.as_deref(), Some("09"));
        assert_eq!(h.dia_danh.as_deref(), Some("Vĩnh Phúc"));
        assert_eq!(h.ngay, Date::new(2022, 7, 29));
        let h = header(&[l("ỦY BAN NHÂN DÂN"), l("HUYỆN A")], &[l("Hà Nội, ngày      tháng      năm 20  ")]);
        assert_eq!(h.cap_tren.as_deref(), Some("ỦY BAN NHÂN DÂN"));
        assert_eq!(h.co_quan.as_deref(), Some("HUYỆN A"));
        assert_eq!((h.dia_danh.as_deref(), h.ngay), (Some("Hà Nội"), None));
    }

    #[test]
    fn signatures_with_authority_label_note_and_name() {
        let s = signature(&[l("T/M Đảng ủy"), l("Bí thư"), l(""), l(""), l("Trần Việt Cường")]);
        assert_eq!(s.authority, Some(Authority::ThayMat));
        assert_eq!(s.to_chuc.as_deref(), Some("Đảng ủy"));
        assert_eq!(s.chuc_vu.as_deref(), Some("Bí thư"));
        assert_eq!(s.ho_ten, "Trần Việt Cường");
        let s = signature(&[b("Xác nhận của chi ủy"), l("T/M Chi bộ"), l("Bí thư"), l(""), l("An")]);
        assert_eq!(s.label.as_deref(), Some("Xác nhận của chi ủy"));
        assert_eq!(s.to_chuc.as_deref(), Some("Chi bộ"));
        let s = signature(&[b("Người cam kết"), l("(Ký, ghi rõ họ tên)"), l(""), l("Tô Trọng Hân")]);
        assert_eq!(s.label.as_deref(), Some("Người cam kết"));
        assert_eq!(s.ghi_chu.as_deref(), Some("(Ký, ghi rõ họ tên)"));
        assert_eq!((s.chuc_vu, s.ho_ten.as_str()), (None, "Tô Trọng Hân"));
        let s = signature(&[l("KT. CHỦ TỊCH"), l("PHÓ CHỦ TỊCH"), l(""), l("Lê Văn B")]);
        assert_eq!(s.authority, Some(Authority::KyThay));
        assert_eq!((s.to_chuc.as_deref(), s.chuc_vu.as_deref()), (Some("CHỦ TỊCH"), Some("PHÓ CHỦ TỊCH")));
        let s = signature(&[l("CHỦ TỊCH"), l(""), l("Lê Văn B")]);
        assert_eq!((s.authority, s.chuc_vu.as_deref()), (None, Some("CHỦ TỊCH")));
    }

    #[test]
    fn noi_nhan_items_and_luu() {
        let (items, luu) = noi_nhan(&[
            l("Nơi nhận:"),
            l("- Ban Thường vụ Đảng ủy Khối (để b/c);"),
            l("- Các chi bộ trực thuộc,"),
            l("- Lưu Văn phòng Đảng ủy."),
        ]);
        assert_eq!(items, ["Ban Thường vụ Đảng ủy Khối (để b/c)", "Các chi bộ trực thuộc"]);
        assert_eq!(luu.as_deref(), Some("Văn phòng Đảng ủy"));
        let (_, luu) = noi_nhan(&[l("- Lưu: VT, TCCB.")]);
        assert_eq!(luu.as_deref(), Some("VT, TCCB"));
    }

    #[test]
    fn title_lines() {
        let (t, ty) = title(&[l("KẾ HOẠCH"), l("xây dựng mô hình chi bộ “4 tốt”"), l("-----")]);
        assert_eq!(t, "Kế hoạch");
        assert_eq!(ty, vec![Inline::plain("xây dựng mô hình chi bộ “4 tốt”")]);
        assert_eq!(title(&[l("Thư khen")]).0, "Thư khen");
    }
}
