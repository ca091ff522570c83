//! The title block: tên loại, trích yếu (its case: Party trích yếu start in lower case, NĐ 30's with a
//! capital), and the separator under it ("-----" or a short rule).

use super::header::{rule_under, style};
use super::parts::Parts;
use super::Checker;

/// Checks the title block.
pub(super) fn check(parts: &Parts<'_>, c: &mut Checker<'_>) {
    let Some(t) = &parts.title else { return };
    let ts = c.profile.title.clone();
    style(t.ten_loai, &ts.ten_loai, "ten-loai", "Tên loại văn bản", c);
    for p in &t.trich_yeu {
        style(p, &ts.trich_yeu, "trich-yeu", "Trích yếu", c);
    }
    if let Some(first) = t.trich_yeu.first() {
        let text = first.text();
        let text = text.trim();
        // A form's period line ("Năm 2025" under "BẢN KIỂM ĐIỂM CÁ NHÂN", as the form writes it) is no
        // trích yếu sentence.
        let period_line = text
            .lines()
            .next()
            .and_then(|l| l.trim().strip_prefix("Năm "))
            .is_some_and(|y| y.len() == 4 && y.chars().all(|d| d.is_ascii_digit()));
        if let Some(ch) = text
            .chars()
            .next()
            .filter(|c| c.is_alphabetic() && !period_line)
        {
            let capital = ch.is_uppercase();
            if capital != ts.trich_yeu_capitalize {
                let (found, want) = if capital {
                    ("viết hoa chữ đầu", "viết thường chữ đầu (như \"xây dựng …\", \"về …\")")
                } else {
                    ("viết thường chữ đầu", "viết hoa chữ đầu")
                };
                c.para(
                    first,
                    "trich-yeu",
                    "Trích yếu",
                    format!("\"{text}\": {found}"),
                    want,
                );
            }
        }
    }
    let last = t.trich_yeu.last().copied().unwrap_or(t.ten_loai);
    match (&ts.separator.text, ts.separator.rule) {
        (Some(sep), _) => {
            let found = t.after.map(|p| p.text().trim().to_owned()).unwrap_or_default();
            if found != *sep {
                c.para(
                    t.after.unwrap_or(last),
                    "phan-cach",
                    "Dấu phân cách dưới trích yếu",
                    if found.is_empty() {
                        "không có".to_owned()
                    } else {
                        format!("\"{found}\"")
                    },
                    format!("\"{sep}\" ({} dấu gạch nối), ở giữa", sep.chars().count()),
                );
            }
        }
        (None, Some(f)) => rule_under(last, t.after, f, "Trích yếu", c),
        _ => {}
    }
}
