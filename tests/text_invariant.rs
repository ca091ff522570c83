//! The IR's text invariant seen from the outside: whatever a workbook cell holds, every embedded kind
//! prints it NFC, without control or invisible format characters, in DOCX and in PDF.

#![allow(clippy::unwrap_used)]

use std::io::Read;
use unicode_normalization::UnicodeNormalization;
use vanban::ir::Document;
use vanban::pipeline::{self, DocumentRequest, Engine, Format, Input, batch};
use vanban::profile::Profile;
use vanban::sample::{Cell, WorkbookData};

/// Every control character (C0 but tab, newline and carriage return; DEL; C1) and the invisible format
/// characters pasted from the web or Word.
fn junk() -> Vec<char> {
    let mut v: Vec<char> = ('\u{0}'..='\u{1F}')
        .chain('\u{7F}'..='\u{9F}')
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    v.extend([
        '\u{00AD}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{200E}', '\u{200F}', '\u{202A}',
        '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2060}', '\u{2061}', '\u{2066}',
        '\u{2067}', '\u{2068}', '\u{2069}', '\u{FEFF}',
    ]);
    v
}

/// `name` decomposed (NFD), with every junk character after its first word and a zero-width space
/// inside its first decomposed letter, and line ends around it.
fn dirty(name: &str) -> String {
    let nfd: String = name.nfd().collect();
    let (first, rest) = nfd.split_once(' ').unwrap_or((&nfd, ""));
    let mut first: Vec<char> = first.chars().collect();
    if let Some(i) = first.iter().position(|c| !c.is_ascii()) {
        first.insert(i, '\u{200B}');
    }
    let junk: String = junk().into_iter().collect();
    format!(
        "\r\n\t{}{junk} {rest}\t\r\n",
        first.into_iter().collect::<String>()
    )
}

fn set_thong_tin(data: &mut WorkbookData, key: &str, value: &str) {
    let cell = data
        .thong_tin
        .iter_mut()
        .find(|(k, _)| k == key)
        .unwrap_or_else(|| panic!("no Thông tin {key}"));
    cell.1 = Cell::from(value);
}

/// The text of every `w:t` in the document part and the headers, joined, with the raw XML beside it.
fn docx_text(bytes: &[u8]) -> (String, String) {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut raw = String::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().into_owned();
        if name.starts_with("word/") && name.ends_with(".xml") {
            f.read_to_string(&mut raw).unwrap();
        }
    }
    let mut text = String::new();
    for piece in raw.split("<w:t").skip(1) {
        let Some(start) = piece.find('>') else {
            continue;
        };
        if piece[..start].ends_with('/') {
            continue;
        }
        let body = &piece[start + 1..];
        let end = body.find("</w:t>").unwrap_or(body.len());
        text.push_str(
            &body[..end]
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&"),
        );
        text.push(' ');
    }
    (text, raw)
}

/// A kind's document and, for a per-row kind, the name of the row it is for.
type Made = vanban::Result<(Document, Option<String>)>;

/// Each embedded kind's document for `data` (per-row kinds: the first row chosen), with the name of the
/// row it is for; a kind whose document cannot be made from `data` is an error, listed by name.
fn documents(engine: &Engine, data: &WorkbookData) -> Vec<(String, Made)> {
    let input = Input::Bytes {
        bytes: data.to_xlsx().unwrap(),
        name: "du-lieu.xlsx".into(),
    };
    let ir = |kind: &str, stt: Option<i64>| -> vanban::Result<Document> {
        let request = DocumentRequest::new(kind, stt, input.clone());
        let rendered = pipeline::render(engine, &request, &[Format::Ir])?;
        Ok(serde_json::from_slice(&rendered.files[0].1).unwrap())
    };
    let mut out = Vec::new();
    for entry in engine.kinds() {
        let kind = entry.kind.as_str();
        let made = if entry.per.is_none() {
            ir(kind, None).map(|doc| (doc, None))
        } else {
            // The batch's first document: its row, rendered on its own.
            batch::prepare(engine, &batch::BatchRequest::new(kind, input.clone())).and_then(
                |planned| {
                    let job = planned
                        .jobs()
                        .first()
                        .unwrap_or_else(|| panic!("{kind}: no row"));
                    Ok((ir(kind, Some(job.row.stt))?, Some(job.row.ten.clone())))
                },
            )
        };
        out.push((entry.kind.clone(), made));
    }
    out
}

#[test]
fn control_and_invisible_characters_never_reach_docx_or_pdf() {
    let engine = Engine::load(None, "dang").unwrap();
    let co_quan = "Đảng ủy Việt Hưng";
    let mut data = vanban::sample::sample_data();
    set_thong_tin(&mut data, "Cơ quan ban hành", &dirty(co_quan));
    for c in &mut data.chi_bo {
        c.ten = dirty(&c.ten);
    }
    for d in &mut data.dang_vien {
        d.ho_ten = dirty(&d.ho_ten);
    }
    let docs = documents(&engine, &data);
    let profile = Profile::builtin("dang").unwrap();
    assert!(docs.len() >= 8, "{} kinds", docs.len());
    let upper = co_quan.to_uppercase();
    // The forms of a chi bộ print the body as their header's superior line, "ĐẢNG BỘ …".
    let dang_bo = co_quan.replace("Đảng ủy", "Đảng bộ").to_uppercase();
    for (kind, made) in docs {
        let (doc, row) = made.unwrap_or_else(|e| panic!("{kind}: {e}"));
        let (docx, raw) = docx_text(
            &vanban::render::docx::write(&vanban::render::layout::resolve(&doc, &profile)).unwrap(),
        );
        let pdf = vanban::render::pdf::page_texts(&vanban::render::layout::resolve(&doc, &profile))
            .unwrap()
            .join("\n")
            .replace('\n', " ");
        for (what, text) in [("docx", &docx), ("docx xml", &raw), ("pdf", &pdf)] {
            for c in junk() {
                assert!(
                    !text.contains(c),
                    "{kind} {what}: U+{:04X} printed",
                    c as u32
                );
            }
            assert!(
                !text.contains("_x00"),
                "{kind} {what}: an escaped control printed"
            );
            assert!(
                text.nfc().eq(text.chars()),
                "{kind} {what}: text is not NFC"
            );
        }
        for (what, text) in [("docx", &docx), ("pdf", &pdf)] {
            assert!(
                text.contains(co_quan) || text.contains(&upper) || text.contains(&dang_bo),
                "{kind} {what}: no {co_quan}: {text}"
            );
            if let Some(name) = &row {
                assert!(
                    !name.contains('\u{200B}') && name.nfc().eq(name.chars()),
                    "{name:?}"
                );
                let tight = |s: &str| s.split_whitespace().collect::<String>();
                assert!(
                    tight(text).contains(&tight(name))
                        || tight(text).contains(&tight(&name.to_uppercase())),
                    "{kind} {what}: no {name}: {text}"
                );
            }
        }
    }
}

/// A kind whose template text itself holds what the workbook reader would have removed, and which
/// prints data with `|safe` (no escaping): the document the template stage builds is clean all the same.
#[test]
fn documents_are_clean_whatever_the_template_holds() {
    let dir = tempfile::tempdir().unwrap();
    let j: String = junk().into_iter().collect();
    // TOML strings cannot hold control characters: the front matter gets the invisible ones.
    let inv: String = junk().into_iter().filter(|c| !c.is_control()).collect();
    let kind = format!(
        "+++\nten_tep = \"thu\"\nten_loai = \"Thư{inv}\"\ntrich_yeu = \"{{{{ x }}}}\"\n\n[header]\n\
         co_quan = \"{{{{ x }}}}\"\ndia_danh = \"Vi\u{0065}\u{0323}\u{0302}t Tri\"\n\n[signature]\n\
         chuc_vu = \"Bí thư\"\nho_ten = \"{{{{ x }}}}\"\n+++\nĐoạn{j} văn {{{{ x|safe }}}}.\n\n\
         - mục {{{{ x }}}}\n\n| A{j} | B |\n|---|---|\n| {{{{ x }}}} | {{{{ x|safe }}}} |\n"
    )
    .replace('\u{0}', "");
    std::fs::write(dir.path().join("thu.md"), kind).unwrap();
    let templates = vanban::template::Templates::new(Some(dir.path())).unwrap();
    let x = format!("Nguye\u{0302}\u{0303}n{j} Văn An");
    let ctx = minijinja::Value::from_pairs([("x", x.as_str())]);
    let doc = templates.render("thu", &ctx).unwrap();
    let json = serde_json::to_string(&doc).unwrap();
    let text: String = serde_json::from_str::<serde_json::Value>(&json)
        .unwrap()
        .to_string();
    for c in junk() {
        assert!(
            !json.contains(c) && !json.contains(&format!("\\u{:04x}", c as u32)),
            "U+{:04X} in {text}",
            c as u32
        );
    }
    assert!(json.nfc().eq(json.chars()), "{json}");
    assert!(json.contains("Nguyễn Văn An"), "{json}");
    assert!(json.contains("Việt Tri"), "{json}");
}

mod data_is_never_markup {
    use super::*;
    use proptest::prelude::*;

    /// Characters that mean something in Markdown, TOML, Typst, XML or Jinja, Vietnamese letters, and
    /// plain ones.
    const ALPHABET: &str = "#$*_<>&@\\|[]{}`~^=+-/%!?.,:;()'\"aAzZ09đĐăâêôơưƯÀÁẠẢÃệỆịọụừữỳýỹ";

    fn word() -> impl Strategy<Value = String> {
        let chars: Vec<char> = ALPHABET.chars().collect();
        prop::collection::vec(prop::sample::select(chars), 1..8)
            .prop_map(|v| v.into_iter().collect())
    }

    /// Up to four words, single spaces between them (what the workbook reader keeps of a cell).
    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(word(), 1..5).prop_map(|w| w.join(" "))
    }

    fn tight(s: &str) -> String {
        s.split_whitespace().collect()
    }

    /// Whether `needle` prints in the DOCX (as the text of its runs) and in the PDF (as laid-out text;
    /// line wrapping may put a break between words).
    fn prints_literally(doc: &Document, profile: &vanban::profile::Profile, needle: &str) {
        let (docx, _) = docx_text(
            &vanban::render::docx::write(&vanban::render::layout::resolve(doc, profile)).unwrap(),
        );
        assert!(docx.contains(needle), "DOCX lacks {needle:?}: {docx}");
        let pdf = vanban::render::pdf::page_texts(&vanban::render::layout::resolve(doc, profile))
            .unwrap()
            .join("\n");
        assert!(
            tight(&pdf).contains(&tight(needle)),
            "PDF lacks {needle:?}: {pdf}"
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

        /// The place name (printed in the date line of every kind) and a đảng viên's name (printed in
        /// the body and signature of their cam kết) print as they are in the workbook.
        #[test]
        fn text_from_data_prints_literally(dia_danh in text(), ho_ten in text()) {
            let engine = Engine::load(None, "dang").unwrap();
            let mut data = vanban::sample::sample_data();
            set_thong_tin(&mut data, "Địa danh", &dia_danh);
            data.dang_vien[0].ho_ten = ho_ten.clone();
            let input = Input::Bytes {
                bytes: data.to_xlsx().unwrap(),
                name: "du-lieu.xlsx".into(),
            };
            let request = DocumentRequest::new("cam-ket-dang-vien", Some(1), input);
            let rendered = pipeline::render(&engine, &request, &[Format::Ir]).unwrap();
            let doc: Document = serde_json::from_slice(&rendered.files[0].1).unwrap();
            let profile = Profile::builtin("dang").unwrap();
            prints_literally(&doc, &profile, &dia_danh);
            prints_literally(&doc, &profile, &ho_ten);
        }
    }
}
