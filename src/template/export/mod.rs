//! A Markdown kind as an editable Word template (`vanban init --word`, "Tải mẫu Word"): the document a
//! clerk would type, with the kind's tags where its values go — the header table, the title, Kính gửi,
//! the căn cứ and enacting line, the body, the signature table with the nơi nhận, the appendices on
//! sections of their own, and a Thông số văn bản table for what a page does not show (`per`, `chon`,
//! `ten_tep`, the drafter). Read back by [`super::word`], it gives the kind's own document.

mod body;
mod front;

use super::front_matter;
use crate::word::{self, Align, Block, Cell, Fmt, Paragraph, Row, Section, Table, VMerge, WordDoc};
use body::text_para;
use front::{Entry, Item, Val};

/// Why a kind cannot be exported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportError(pub String);

/// The kind's file (`text`, a `.md` kind) as a Word template's `.docx` bytes.
pub fn to_word(kind: &str, text: &str) -> Result<Vec<u8>, ExportError> {
    let doc = to_word_doc(text)?;
    word::write(&doc, kind).map_err(ExportError)
}

fn bold() -> Fmt {
    Fmt {
        bold: true,
        ..Fmt::default()
    }
}

fn italic() -> Fmt {
    Fmt {
        italic: true,
        ..Fmt::default()
    }
}

fn cell(paragraphs: Vec<Paragraph>) -> Cell {
    Cell {
        span: 1,
        vmerge: VMerge::None,
        paragraphs: if paragraphs.is_empty() {
            vec![text_para("", Fmt::default(), "", Align::Left)]
        } else {
            paragraphs
        },
    }
}

fn layout_table(columns: Vec<Vec<Paragraph>>, grid: Vec<u32>) -> Block {
    Block::Table(Table {
        number: 0,
        grid,
        bordered: false,
        rows: vec![Row {
            header: false,
            cells: columns.into_iter().map(cell).collect(),
        }],
    })
}

fn centred(text: &str, fmt: Fmt) -> Paragraph {
    text_para(text, fmt, "", Align::Center)
}

/// A date tag as a date line's words: `{{ X }}` → `{{ (X)|ngay_dai }}`; a literal ISO date as its words.
fn date_words(ngay: &str) -> String {
    let t = ngay.trim();
    if let Some(inner) = t
        .strip_prefix("{{")
        .and_then(|x| x.strip_suffix("}}"))
        .filter(|x| !x.contains("}}"))
    {
        return format!("{{{{ ({})|ngay_dai }}}}", inner.trim());
    }
    match crate::ir::Date::parse_iso(t) {
        Some(d) => format!(
            "ngày {} tháng {} năm {}",
            d.day_padded(),
            d.month_padded(),
            d.year
        ),
        None => "ngày      tháng      năm      ".into(),
    }
}

/// The lines of a signature section: each branch of an `{% if %}` around keys gives the whole block.
fn signature_lines(entries: &[Entry]) -> Result<Vec<Paragraph>, ExportError> {
    let mut common: Vec<(&str, &str)> = Vec::new();
    let mut branches: Vec<(String, Vec<(&str, &str)>)> = Vec::new();
    let mut end = None;
    let mut depth = 0;
    for e in entries {
        match e {
            Entry::Stmt(s) => {
                let kw = s
                    .trim_start_matches("{%")
                    .trim_start_matches('-')
                    .split_whitespace()
                    .next()
                    .unwrap_or_default();
                match kw {
                    "if" if depth == 0 => {
                        depth = 1;
                        branches.push((s.clone(), Vec::new()));
                    }
                    "elif" | "else" if depth == 1 => branches.push((s.clone(), Vec::new())),
                    "endif" if depth == 1 => {
                        depth = 0;
                        end = Some(s.clone());
                    }
                    _ => {
                        return Err(ExportError(format!(
                            "chữ ký có thẻ {s} mà mẫu Word chưa biểu diễn được"
                        )));
                    }
                }
            }
            Entry::Key(k, Val::Str(v)) => match branches.last_mut() {
                Some((_, keys)) if depth == 1 => keys.push((k, v)),
                _ => common.push((k, v)),
            },
            Entry::Key(k, _) => {
                return Err(ExportError(format!("khóa {k} của chữ ký không phải chuỗi")));
            }
        }
    }
    let lines_of = |keys: &[(&str, &str)]| -> Vec<Paragraph> {
        let get = |k: &str| {
            keys.iter()
                .rev()
                .find(|(key, _)| *key == k)
                .map_or("", |(_, v)| *v)
        };
        let mut out = Vec::new();
        let line = |style: &str, text: String| text_para(&text, Fmt::default(), style, Align::Center);
        if !get("label").trim().is_empty() {
            out.push(line("VBChuKyNhan", get("label").to_owned()));
        }
        let authority = format!("{} {}", get("quyen_han"), get("to_chuc"));
        if !authority.trim().is_empty() {
            out.push(line("VBChuKyQuyenHan", authority.trim().to_owned()));
        }
        if !get("chuc_vu").trim().is_empty() {
            out.push(line("VBChuKyChucVu", get("chuc_vu").to_owned()));
        }
        if !get("ghi_chu").trim().is_empty() {
            out.push(line("VBChuKyGhiChu", get("ghi_chu").to_owned()));
        }
        for _ in 0..4 {
            out.push(text_para("", Fmt::default(), "", Align::Center));
        }
        out.push(line("VBChuKyTen", get("ho_ten").to_owned()));
        out
    };
    if branches.is_empty() {
        return Ok(lines_of(&common));
    }
    let mut out = Vec::new();
    for (tag, keys) in &branches {
        out.push(text_para(tag, Fmt::default(), "", Align::Center));
        let mut all = common.clone();
        all.extend(keys.iter().copied());
        out.extend(lines_of(&all));
    }
    if let Some(e) = end {
        out.push(text_para(&e, Fmt::default(), "", Align::Center));
    }
    Ok(out)
}

/// The front matter's `[[chu_ky]]` items, each as the borderless two-column table a `<chu-ky/>` line of
/// the body becomes: `[chu_ky.trai]` on the left, `[chu_ky.phai]` on the right. Statement lines the
/// front matter puts around an item (the same `{% if %}` the body puts around its `<chu-ky/>`) are the
/// body's to give: the reader writes them back from the body.
fn signing_tables(sections: &[front::Section]) -> Result<Vec<Block>, ExportError> {
    let mut items: Vec<(Vec<Paragraph>, Vec<Paragraph>)> = Vec::new();
    for s in sections {
        let side = match s.name.as_str() {
            "chu_ky" => {
                items.push((Vec::new(), Vec::new()));
                continue;
            }
            "chu_ky.trai" => 0,
            "chu_ky.phai" => 1,
            _ => continue,
        };
        let Some(item) = items.last_mut() else {
            return Err(ExportError(format!("[{}] đứng trước mọi [[chu_ky]]", s.name)));
        };
        let lines = signature_lines(&balanced_statements(&s.entries))?;
        if side == 0 {
            item.0 = lines;
        } else {
            item.1 = lines;
        }
    }
    Ok(items
        .into_iter()
        .map(|(left, right)| layout_table(vec![left, right], vec![4677, 4677]))
        .collect())
}

/// A section's entries without the statements that open or close a block beyond it (an `{% if %}`
/// the front matter opens after a section's keys and closes in a later one).
fn balanced_statements(entries: &[Entry]) -> Vec<Entry> {
    let keyword = |s: &str| {
        s.trim_start_matches("{%")
            .trim_start_matches('-')
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_owned()
    };
    let mut keep = vec![true; entries.len()];
    let mut open: Vec<Vec<usize>> = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        let Entry::Stmt(s) = e else { continue };
        match keyword(s).as_str() {
            "if" | "for" => open.push(vec![i]),
            "elif" | "else" => match open.last_mut() {
                Some(chain) => chain.push(i),
                None => keep[i] = false,
            },
            k if k.starts_with("end") && open.pop().is_none() => keep[i] = false,
            _ => {}
        }
    }
    for chain in open {
        for i in chain {
            keep[i] = false;
        }
    }
    entries
        .iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(e, _)| e.clone())
        .collect()
}

/// The tên loại in capitals as a page shows it (the reader gives it back in the case the kind writes,
/// "Kế hoạch"); text with tags stays as written, so no tag is ever changed.
trait UpperIfPlain {
    fn to_uppercase_if_plain(&self) -> String;
}

impl UpperIfPlain for str {
    fn to_uppercase_if_plain(&self) -> String {
        if self.contains("{{") || self.contains("{%") {
            self.to_owned()
        } else {
            self.to_uppercase()
        }
    }
}

/// A list of strings and statement lines as paragraphs (`prefix` before each string, `suffix` after).
fn item_paragraphs(items: &[Item], prefix: &str, suffix: &str, align: Align) -> Vec<Paragraph> {
    items
        .iter()
        .map(|i| match i {
            Item::Str(s) => text_para(&format!("{prefix}{s}{suffix}"), Fmt::default(), "", align),
            Item::Stmt(s) => text_para(s, Fmt::default(), "", align),
        })
        .collect()
}

/// The Word document of a kind's file.
pub fn to_word_doc(text: &str) -> Result<WordDoc, ExportError> {
    let text = text.replace("\r\n", "\n");
    let (front_src, body_src) = match front_matter::split(&text) {
        Some((f, b, _)) => (f, b),
        None => return Err(ExportError("mẫu không có phần đầu +++".into())),
    };
    let sections = front::parse(front_src).map_err(ExportError)?;
    let section = |name: &str| sections.iter().find(|s| s.name == name);
    let top = section("").cloned().unwrap_or_default();
    let mut blocks = Vec::new();

    // What a page does not show goes into the Thông số văn bản table.
    let mut meta: Vec<(String, Vec<Item>)> = Vec::new();
    let mut prelude = Vec::new();
    let shown = [
        "ten_loai",
        "trich_yeu",
        "kinh_gui",
        "kinh_trinh",
        "can_cu",
        "quyet_dinh",
    ];
    for e in &top.entries {
        match e {
            Entry::Key(k, _) if shown.contains(&k.as_str()) => {}
            Entry::Key(k, Val::Str(v)) => meta.push((k.clone(), vec![Item::Str(v.clone())])),
            Entry::Key(k, Val::Array(items)) => meta.push((k.clone(), items.clone())),
            Entry::Key(k, Val::Bool(b)) => meta.push((k.clone(), vec![Item::Str(b.to_string())])),
            Entry::Stmt(s) => prelude.push(s.clone()),
        }
    }
    // Statements between the keys of tables (a `{% set %}` the signatures use) hold for the whole kind.
    for s in &sections {
        if matches!(s.name.as_str(), "header" | "number" | "noi_nhan") {
            for e in &s.entries {
                if let Entry::Stmt(st) = e {
                    prelude.push(st.clone());
                }
            }
        }
    }
    let signature_area = ["signature", "signature_left", "noi_nhan"]
        .iter()
        .any(|name| section(name).is_some());
    if !signature_area && sections.iter().any(|s| s.name == "chu_ky") {
        meta.push((
            super::word::NO_SIGNATURE_AREA_KEY.to_owned(),
            vec![Item::Str(super::word::NO_SIGNATURE_AREA_VALUE.to_owned())],
        ));
    }
    if !meta.is_empty() {
        let mut rows = vec![Row {
            header: false,
            cells: vec![
                cell(vec![text_para("Thông số văn bản", bold(), "", Align::Left)]),
                cell(vec![text_para("(không in ra)", italic(), "", Align::Left)]),
            ],
        }];
        for (k, items) in &meta {
            rows.push(Row {
                header: false,
                cells: vec![
                    cell(vec![text_para(k, Fmt::default(), "", Align::Left)]),
                    cell(item_paragraphs(items, "", "", Align::Left)),
                ],
            });
        }
        blocks.push(Block::Table(Table {
            number: 0,
            grid: vec![2800, 6554],
            bordered: true,
            rows,
        }));
    }
    for s in &prelude {
        blocks.push(Block::Paragraph(text_para(s, Fmt::default(), "", Align::Left)));
    }

    // The header table.
    let header = section("header").cloned().unwrap_or_default();
    let mut left = Vec::new();
    if let Some(c) = header.get("cap_tren").filter(|c| !c.trim().is_empty()) {
        left.push(centred(c, Fmt::default()));
    }
    left.push(centred(header.get("co_quan").unwrap_or_default(), bold()));
    left.push(centred("*", Fmt::default()));
    if let Some(n) = section("number") {
        left.push(centred(
            &format!(
                "Số {}-{}/{}",
                n.get("so").unwrap_or_default(),
                n.get("loai").unwrap_or_default(),
                n.get("ky_hieu").unwrap_or_default()
            ),
            Fmt::default(),
        ));
    }
    let date = format!(
        "{}, {}",
        header.get("dia_danh").unwrap_or_default(),
        date_words(header.get("ngay").unwrap_or_default())
    );
    let right = vec![
        centred("ĐẢNG CỘNG SẢN VIỆT NAM", bold()),
        centred("", Fmt::default()),
        centred(&date, italic()),
    ];
    blocks.push(layout_table(vec![left, right], vec![4200, 5154]));

    // The title.
    blocks.push(Block::Paragraph(centred(
        &top.get("ten_loai").unwrap_or_default().to_uppercase_if_plain(),
        bold(),
    )));
    if let Some(t) = top.get("trich_yeu").filter(|t| !t.trim().is_empty()) {
        for line in t.split('\n') {
            blocks.push(Block::Paragraph(centred(line.trim(), bold())));
        }
    }
    blocks.push(Block::Paragraph(centred("-----", Fmt::default())));

    // Kính gửi / Kính trình.
    for (key, label) in [("kinh_gui", "Kính gửi:"), ("kinh_trinh", "Kính trình:")] {
        let Some(items) = top.array(key) else { continue };
        let strings: Vec<&Item> = items.iter().collect();
        if strings.len() == 1
            && let Item::Str(s) = strings[0]
        {
            blocks.push(Block::Paragraph(centred(&format!("{label} {s}"), Fmt::default())));
        } else {
            blocks.push(Block::Paragraph(centred(label, Fmt::default())));
            for p in item_paragraphs(items, "- ", ";", Align::Center) {
                blocks.push(Block::Paragraph(p));
            }
        }
    }

    // Căn cứ and the enacting line.
    if let Some(items) = top.array("can_cu") {
        for p in item_paragraphs(items, "- ", ";", Align::Both) {
            blocks.push(Block::Paragraph(p));
        }
    }
    if let Some(q) = top.get("quyet_dinh").filter(|q| !q.trim().is_empty()) {
        blocks.push(Block::Paragraph(centred(q, bold())));
    }

    // The body and its appendices.
    let mut signings = signing_tables(&sections)?.into_iter();
    let has_signings = signings.len() > 0;
    let mut parts = body::blocks(body_src, super::APPENDIX_MARKER, &mut signings)
        .map_err(ExportError)?
        .into_iter();
    blocks.extend(parts.next().unwrap_or_default());

    // The signature area.
    let right = match section("signature") {
        Some(s) => signature_lines(&s.entries)?,
        None => Vec::new(),
    };
    let left_sig = match section("signature_left") {
        Some(s) => Some(signature_lines(&s.entries)?),
        None => None,
    };
    let noi_nhan = section("noi_nhan").map(|n| {
        let mut lines = vec![text_para(
            "Nơi nhận:",
            Fmt {
                underline: true,
                ..Fmt::default()
            },
            "",
            Align::Left,
        )];
        if let Some(items) = n.array("items") {
            lines.extend(item_paragraphs(items, "- ", ";", Align::Left));
        }
        if let Some(luu) = n.get("luu").filter(|l| !l.trim().is_empty()) {
            lines.push(text_para(&format!("- Lưu {luu}."), Fmt::default(), "", Align::Left));
        }
        lines
    });
    match (left_sig, noi_nhan) {
        (Some(left), noi_nhan) => {
            blocks.push(layout_table(vec![left, right], vec![4677, 4677]));
            if let Some(n) = noi_nhan {
                blocks.extend(n.into_iter().map(Block::Paragraph));
            }
        }
        (None, Some(n)) => blocks.push(layout_table(vec![n, right], vec![4677, 4677])),
        // A form signed only in the body's rows (a biên bản, a bản kiểm điểm) has no signature area.
        (None, None) if has_signings && right.is_empty() => {}
        (None, None) => blocks.push(layout_table(
            vec![vec![text_para("", Fmt::default(), "", Align::Left)], right],
            vec![4677, 4677],
        )),
    }

    // Each appendix: a section of its own.
    let appendices: Vec<&front::Section> = sections.iter().filter(|s| s.name == "phu_luc").collect();
    let mut section_end = Section::default();
    for (a, body_blocks) in appendices.iter().zip(parts) {
        let mut end = text_para("", Fmt::default(), "", Align::Left);
        end.section_end = Some(section_end);
        blocks.push(Block::Paragraph(end));
        section_end = Section {
            landscape: a.get("huong").is_some_and(|h| h.trim() == "ngang"),
        };
        if let Some(t) = a.get("tieu_de") {
            blocks.push(Block::Paragraph(centred(t, bold())));
        }
        if a.flag("kem_theo").unwrap_or(true) {
            blocks.push(Block::Paragraph(centred("(Kèm theo văn bản này)", italic())));
        }
        blocks.push(Block::Paragraph(centred("-----", Fmt::default())));
        blocks.extend(body_blocks);
    }
    Ok(WordDoc {
        blocks,
        last_section: section_end,
        header_footer: Vec::new(),
        pictures: Vec::new(),
    })
}
