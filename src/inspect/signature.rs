//! The signature block (the quyền hạn's prefix as the format writes it, "T/M" or "TM."; the styles of
//! the label, quyền hạn, chức vụ, note and name) and the nơi nhận (its label's style, "- " before each
//! recipient, the separator after each and the ending after the last, the lưu line's form, the size).

use super::header::{all, style};
use super::parts::{Parts, is_blank};
use super::{Checker, pt};
use crate::word::format::FParagraph;

/// Every authority prefix of either family, Party's and State's.
const PREFIXES: &[&str] = &[
    "T/M", "K/T", "T/L", "T/U", "TM.", "KT.", "TL.", "TUQ.", "Q.", "TM ", "KT ", "TL ",
];

/// Checks the signatures and the nơi nhận.
pub(super) fn check(parts: &Parts<'_>, c: &mut Checker<'_>) {
    for col in &parts.signature {
        column(col, c);
    }
    noi_nhan(&parts.noi_nhan, c);
}

/// The prefix a line starts with, if any.
fn prefix_of(text: &str) -> Option<&'static str> {
    PREFIXES.iter().copied().find(|p| text.starts_with(p))
}

/// "Vĩnh Phúc, ngày 07 tháng 12 năm 2026": a place and a date.
fn date_line(text: &str) -> bool {
    let t = text.trim();
    t.contains(", ngày ") && t.contains(" tháng ") && t.contains(" năm ")
}

fn column(col: &[&FParagraph], c: &mut Checker<'_>) {
    let st = c.profile.signature.clone();
    // A place-and-date line above a signature (a bản sao's, NĐ 30) is no part of the signature block.
    let lines: Vec<&FParagraph> = col
        .iter()
        .copied()
        .filter(|p| !is_blank(p) && !date_line(&p.text()))
        .collect();
    if lines.len() < 2 {
        return;
    }
    // The name is the column's last paragraph; a form may leave it blank, to be written in by hand.
    let name_left_blank = col.last().is_some_and(|p| is_blank(p));
    let (name, top) = if name_left_blank {
        (None, &lines[..])
    } else {
        match lines.split_last() {
            Some((name, top)) => (Some(*name), top),
            None => return,
        }
    };
    let authority_at = top.iter().position(|p| prefix_of(p.text().trim()).is_some());
    let ours = [
        st.prefix.thay_mat.as_str(),
        st.prefix.ky_thay.as_str(),
        st.prefix.thua_lenh.as_str(),
        st.prefix.uy_quyen.as_str(),
        st.prefix.quyen.as_str(),
    ];
    for (i, p) in top.iter().enumerate() {
        let text = p.text();
        let text = text.trim();
        let is_note = text.starts_with('(') && all(p, |r| r.italic);
        if is_note {
            style(p, &st.ghi_chu, "chu-ky", "Ghi chú dưới chức vụ", c);
            continue;
        }
        match authority_at {
            Some(a) if i == a => {
                if let Some(found) = prefix_of(text)
                    && !ours.iter().any(|o| o.trim() == found.trim())
                {
                    c.para(
                        p,
                        "chu-ky",
                        "Quyền hạn ký",
                        format!("\"{}\"", found.trim()),
                        format!(
                            "\"{}\", \"{}\", \"{}\" hoặc \"{}\"",
                            st.prefix.thay_mat, st.prefix.ky_thay, st.prefix.thua_lenh, st.prefix.quyen
                        ),
                    );
                }
                style(p, &st.authority, "chu-ky", "Quyền hạn ký", c);
            }
            Some(a) if i > a => style(p, &st.chuc_vu, "chu-ky", "Chức vụ người ký", c),
            Some(_) => style(p, &st.label, "chu-ky", "Dòng trên quyền hạn ký", c),
            // No authority: a heading line ("NGƯỜI CAM KẾT") or a title alone.
            None => {
                if i == 0 && top.len() == 1 {
                    let bold_upper = all(p, |r| r.bold);
                    let want = if bold_upper { &st.label } else { &st.chuc_vu };
                    style(p, want, "chu-ky", "Dòng trên chữ ký", c);
                } else if i == 0 {
                    style(p, &st.label, "chu-ky", "Dòng trên chữ ký", c);
                } else {
                    style(p, &st.chuc_vu, "chu-ky", "Chức vụ người ký", c);
                }
            }
        }
    }
    if let Some(name) = name {
        style(name, &st.name, "chu-ky", "Họ tên người ký", c);
    }
}

fn noi_nhan(lines: &[&FParagraph], c: &mut Checker<'_>) {
    let Some((label, rest)) = lines.split_first() else {
        return;
    };
    let st = c.profile.noi_nhan.clone();
    if label.text().trim() != st.label_text {
        c.para(
            label,
            "noi-nhan",
            "Nơi nhận",
            format!("\"{}\"", label.text().trim()),
            format!("\"{}\"", st.label_text),
        );
    }
    style(label, &st.label, "noi-nhan", "Chữ \"Nơi nhận:\"", c);
    let items: Vec<&FParagraph> = rest
        .iter()
        .copied()
        .filter(|p| !is_blank(p))
        .take_while(|p| p.text().trim_start().starts_with(st.marker.trim()))
        .collect();
    let n = items.len();
    // The lưu line's start, as the profile writes it ("Lưu " Party, "Lưu: VT, " State).
    let luu_start = st.luu_pattern.split('{').next().unwrap_or("").to_owned();
    for (i, p) in items.iter().enumerate() {
        let text = p.text();
        let text = text.trim();
        let end = if i + 1 == n { &st.last } else { &st.separator };
        if !text.ends_with(end.as_str()) {
            let last = text.chars().last().map(String::from).unwrap_or_default();
            c.para(
                p,
                "noi-nhan",
                "Nơi nhận",
                format!("\"{text}\" kết thúc bằng \"{last}\""),
                format!(
                    "kết thúc bằng \"{end}\"{}",
                    if i + 1 == n { " (dòng cuối)" } else { "" }
                ),
            );
        }
        let body = text
            .strip_prefix(st.marker.trim())
            .unwrap_or(text)
            .trim_start();
        if body.starts_with("Lưu") && !luu_start.is_empty() && !body.starts_with(&luu_start) {
            c.para(
                p,
                "noi-nhan",
                "Dòng lưu",
                format!("\"{text}\""),
                format!(
                    "dạng \"{}{}\"",
                    st.marker,
                    st.luu_pattern
                        .replace("{luu}", "Văn phòng")
                        .replace("{ky_hieu}", "VP")
                ),
            );
        }
        let size = super::header::size_of(p);
        if !c.same_size(size, st.item.size_pt) {
            c.para(
                p,
                "noi-nhan",
                "Nơi nhận",
                format!("cỡ {}", pt(size)),
                format!("cỡ {}", pt(st.item.size_pt)),
            );
        }
    }
}
