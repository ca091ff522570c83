//! Kinds written in Word: a `.docx` with tags is a kind, read once into the same IR the Markdown kinds
//! produce; what Word does to typed text does not matter; block tags repeat or drop paragraphs and table
//! rows; errors name the place a person finds; any office document re-typesets.

#![allow(clippy::unwrap_used)]

mod common;

use common::bin::{code, files, stderr, stdout, vanban};
use common::word::*;
use vanban::ir::{Document, Inline};
use vanban::pipeline::{self, DocumentRequest, Engine, Format, Input, Library, ReadLimits};

/// The document a Word kind (its bytes, named `file`) gives for the sample (one row for a per-row
/// kind), as IR.
fn ir_of(file: &str, bytes: Vec<u8>, stt: Option<i64>) -> vanban::Result<Document> {
    let library = Library::load(None)?.with_word_file(file, bytes);
    let engine = library.engine("dang", ReadLimits::default())?;
    let kind = file.trim_end_matches(".docx");
    let rendered = pipeline::render(
        &engine,
        &DocumentRequest::new(kind, stt, Input::Sample),
        &[Format::Ir],
    )?;
    Ok(serde_json::from_slice(&rendered.files[0].1).unwrap())
}

fn body_text(doc: &Document) -> String {
    serde_json::to_string(&doc.blocks).unwrap()
}

#[test]
fn a_clerks_thu_khen_batches_one_letter_per_chosen_member_with_the_name_in_bold() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("mau")).unwrap();
    std::fs::write(dir.path().join("mau/thu-khen.docx"), thu_khen()).unwrap();
    let o = vanban(&["batch", "mau/thu-khen.docx", "--out", "out"], dir.path());
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = files(&dir.path().join("out"));
    let pdfs = out.iter().filter(|f| f.ends_with(".pdf")).count();
    let docxs = out.iter().filter(|f| f.ends_with(".docx")).count();
    // The sample rates 13 đảng viên "hoàn thành xuất sắc nhiệm vụ".
    assert_eq!((pdfs, docxs), (13, 13), "{out:?}");
    assert!(out.contains(&"thu-khen-007.docx".to_owned()), "{out:?}");

    // STT 7, Tô Trọng Hân: the name whole, in bold, where the split tag stood.
    let doc = ir_of("thu-khen.docx", thu_khen(), Some(7)).unwrap();
    let vanban::ir::Block::Paragraph { content, .. } = &doc.blocks[0] else {
        panic!("{:?}", doc.blocks)
    };
    assert_eq!(content[0], Inline::plain("Đồng chí "));
    assert_eq!(content[1], Inline::styled("Tô Trọng Hân", true, false));
    let text = vanban::ir::plain_text(content);
    assert!(
        text.contains("xếp loại hoàn thành xuất sắc nhiệm vụ năm 2022"),
        "{text}"
    );
    assert!(
        text.contains("được Đảng ủy Văn phòng Tỉnh ủy khen"),
        "{text}"
    );
    // The recognised parts: header, title, signature, nơi nhận.
    assert_eq!(doc.title.ten_loai, "Thư khen");
    assert_eq!(doc.header.co_quan, "Đảng ủy Văn phòng Tỉnh ủy");
    assert_eq!(doc.header.dia_danh, "Vĩnh Phúc");
    assert!(doc.header.ngay.is_some());
    assert_eq!(doc.signatures.right.ho_ten, "Trần Việt Cường");
    assert_eq!(doc.signatures.right.to_chuc.as_deref(), Some("Đảng ủy"));
    let nn = doc.noi_nhan.unwrap();
    assert_eq!(nn.items, ["Đồng chí Tô Trọng Hân"]);
    assert_eq!(nn.luu.as_deref(), Some("Văn phòng Đảng ủy"));
    // A row the `chon` leaves out is refused, as for a Markdown kind.
    let not_chosen = (1..100)
        .find(|n| !out.contains(&format!("thu-khen-{n:03}.pdf")))
        .unwrap()
        .to_string();
    let o = vanban(
        &[
            "render",
            "mau/thu-khen.docx",
            "--stt",
            &not_chosen,
            "--format",
            "ir",
        ],
        dir.path(),
    );
    assert_eq!(code(&o), 2, "{}", stderr(&o));
}

/// `samples/thu-khen.docx`, written by python-docx (`samples/make-thu-khen.py`): another program's
/// Word file, with a blank "Số: …-TK/ĐU" and an `{% if %}` paragraph block.
#[test]
fn the_sample_thu_khen_written_by_another_program_batches_and_reads_its_parts() {
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/thu-khen.docx");
    let dir = tempfile::tempdir().unwrap();
    let o = vanban(
        &["batch", sample, "--out", "out", "--format", "docx"],
        dir.path(),
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(files(&dir.path().join("out")).len(), 13);

    let bytes = std::fs::read(sample).unwrap();
    let doc = ir_of("thu-khen.docx", bytes.clone(), Some(7)).unwrap();
    let number = doc.header.number.as_ref().unwrap();
    // "…" is the blank left for the number by hand.
    assert_eq!((number.so.as_deref(), number.loai.as_str()), (None, "TK"));
    assert_eq!(doc.title.ten_loai, "Thư khen");
    let text = body_text(&doc);
    // Tô Trọng Hân is a bí thư chi bộ: the {% if %} paragraph is kept, its tags filled.
    assert!(
        text.contains("Là bí thư chi bộ, đồng chí đã gương mẫu"),
        "{text}"
    );
    assert!(!text.contains("{%"), "{text}");
    // Among the 13, those without a Party post have the paragraph dropped.
    let mut dropped = 0;
    for name in files(&dir.path().join("out")) {
        let stt: i64 = name[9..12].parse().unwrap();
        let doc = ir_of("thu-khen.docx", bytes.clone(), Some(stt)).unwrap();
        if !body_text(&doc).contains("gương mẫu, đi đầu") {
            dropped += 1;
        }
    }
    assert!((1..13).contains(&dropped), "{dropped}");
}

#[test]
fn every_embedded_kind_exported_to_word_gives_the_same_document() {
    let engine = Engine::load(None, "dang").unwrap();
    let library = Library::load(None).unwrap();
    let mut checked = 0;
    for entry in engine.kinds() {
        let kind = entry.kind.as_str();
        let stt = entry.per.map(|_| 1);
        let request = DocumentRequest::new(kind, stt, Input::Sample);
        let from_md = pipeline::render(&engine, &request, &[Format::Ir]).unwrap();
        let bytes = pipeline::word_template(kind, library.text(kind).unwrap()).unwrap();
        let word = library
            .with_word_file(&format!("{kind}.docx"), bytes)
            .engine("dang", ReadLimits::default())
            .unwrap();
        let from_word = pipeline::render(&word, &request, &[Format::Ir]).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&from_md.files[0].1),
            String::from_utf8_lossy(&from_word.files[0].1),
            "{kind}"
        );
        checked += 1;
    }
    assert!(checked >= 8, "{checked}");
}

#[test]
fn init_word_writes_word_templates_that_render() {
    let dir = tempfile::tempdir().unwrap();
    let o = vanban(&["init", "ws", "--word"], dir.path());
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let templates = files(&dir.path().join("ws/templates"));
    assert!(
        templates.contains(&"ke-hoach.docx".to_owned()),
        "{templates:?}"
    );
    assert!(
        templates.contains(&"_bao-cao.md".to_owned()),
        "{templates:?}"
    );
    assert!(
        !templates.contains(&"ke-hoach.md".to_owned()),
        "{templates:?}"
    );
    let o = vanban(
        &["kinds", "--templates", "ws/templates", "--json"],
        dir.path(),
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let kinds: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let ke_hoach = kinds
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["kind"] == "ke-hoach")
        .unwrap();
    assert!(
        ke_hoach["source"]
            .as_str()
            .unwrap()
            .ends_with("ke-hoach.docx")
    );
    assert_eq!(ke_hoach["ten_loai"], "Kế hoạch");
    let o = vanban(
        &[
            "render",
            "so-ket",
            "--templates",
            "ws/templates",
            "--out",
            "out",
        ],
        dir.path(),
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}

#[test]
fn paragraph_blocks_repeat_and_drop_and_numbered_lists_restart() {
    let numbered = |text: &str| {
        p(
            "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr>",
            &[t(text)],
        )
    };
    let numbering = "<?xml version=\"1.0\"?><w:numbering xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.\"/></w:lvl></w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>".to_owned();
    let body = document(&[
        thong_so(&[("ten_tep", "lap")]),
        centred_bold("DANH SÁCH"),
        pt("{%p for c in chi_bo[:2] %}"),
        pt("Chi bộ {{ c.ten }}."),
        numbered("Mục một"),
        numbered("Mục hai"),
        pt("{%p endfor %}"),
        pt("{% if false %}"),
        pt("Không in."),
        pt("{% endif %}"),
        pt("Hết."),
    ]);
    let bytes = package(&[
        ("word/document.xml", body),
        ("word/numbering.xml", numbering),
    ]);
    let doc = ir_of("lap.docx", bytes, None).unwrap();
    let texts: Vec<String> = doc
        .blocks
        .iter()
        .map(|b| match b {
            vanban::ir::Block::Paragraph { content, .. } => vanban::ir::plain_text(content),
            other => format!("{other:?}"),
        })
        .collect();
    assert_eq!(
        texts,
        vec![
            "Chi bộ Tổng hợp.",
            "1. Mục một",
            "2. Mục hai",
            "Chi bộ Tài chính – Kế toán.",
            "1. Mục một",
            "2. Mục hai",
            "Hết."
        ]
    );
}

#[test]
fn table_rows_repeat_by_their_first_and_last_cells_or_a_tr_row() {
    let grid = [1500, 4000, 3000];
    let row = |cells: [&str; 3]| tr(&cells.map(|c| tc(&[pt(c)])));
    let table = tbl(
        true,
        &grid,
        &[
            row(["STT", "Chi bộ", "Xếp loại"]),
            row([
                "{% for c in chi_bo %}{{ loop.index }}",
                "{{ c.ten }}",
                "{{ c.xep_loai|xep_loai }}{% endfor %}",
            ]),
        ],
    );
    let tr_table = tbl(
        true,
        &grid,
        &[
            row(["STT", "Tên", "Điểm"]),
            row(["{%tr for c in chi_bo[:2] %}", "", ""]),
            row(["{{ loop.index }}", "{{ c.ten }}", "{{ c.tong_diem|so }}"]),
            row(["{%tr endfor %}", "", ""]),
        ],
    );
    let doc = ir_of(
        "bang.docx",
        docx(&[
            thong_so(&[("ten_tep", "bang")]),
            centred_bold("BẢNG"),
            table,
            tr_table,
        ]),
        None,
    )
    .unwrap();
    let tables: Vec<&vanban::ir::Table> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            vanban::ir::Block::Table(t) => Some(t),
            _ => None,
        })
        .collect();
    assert_eq!(tables.len(), 2, "{:?}", doc.blocks);
    assert_eq!(tables[0].rows.len(), 6);
    assert_eq!(
        vanban::ir::plain_text(&tables[0].rows[5][1]),
        "Nhà khách Đầm Vạc"
    );
    assert_eq!(tables[1].rows.len(), 2);
    assert_eq!(vanban::ir::plain_text(&tables[1].rows[1][0]), "2");
}

/// The error a Word kind gives (`vanban render X.docx`), with its exit code.
fn render_error(bytes: Vec<u8>) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("mau.docx"), bytes).unwrap();
    let o = vanban(&["render", "mau.docx", "--format", "ir"], dir.path());
    (code(&o), stderr(&o))
}

#[test]
fn a_block_tag_in_the_middle_of_text_is_an_error_naming_its_paragraph() {
    let (c, e) = render_error(docx(&[
        thong_so(&[("ten_tep", "x")]),
        pt("Một."),
        pt("Hai."),
        pt("Ba {% for c in chi_bo %} bốn."),
        pt("{% endfor %}"),
    ]));
    assert_eq!(c, 1, "{e}");
    // The Thông số table is not a paragraph: "Ba …" is đoạn 3.
    assert!(e.contains("mẫu mau.docx, đoạn 3:"), "{e}");
    assert!(e.contains("{% for c in chi_bo %}"), "{e}");
    assert!(e.contains("gợi ý:"), "{e}");
}

#[test]
fn a_block_tag_in_a_cell_names_table_row_and_cell() {
    let (c, e) = render_error(docx(&[
        thong_so(&[("ten_tep", "x")]),
        tbl(
            true,
            &[3000, 3000],
            &[
                tr(&[tc(&[pt("A")]), tc(&[pt("B")])]),
                tr(&[tc(&[pt("1")]), tc(&[pt("2")])]),
                tr(&[tc(&[pt("x {% if a %} y")]), tc(&[pt("z")])]),
            ],
        ),
    ]));
    assert_eq!(c, 1, "{e}");
    assert!(e.contains("bảng 2 hàng 3 ô 1"), "{e}");
}

#[test]
fn an_unclosed_block_is_reported_where_it_opens() {
    let (c, e) = render_error(docx(&[
        thong_so(&[("ten_tep", "x")]),
        pt("Mở đầu."),
        pt("{% if org.co_quan %}"),
        pt("Nội dung."),
    ]));
    assert_eq!(c, 1, "{e}");
    assert!(e.contains("đoạn 2"), "{e}");
    assert!(e.contains("{% if org.co_quan %}"), "{e}");
    assert!(e.contains("endif"), "{e}");
    let (c, e) = render_error(docx(&[pt("{% endfor %}")]));
    assert_eq!(c, 1, "{e}");
    assert!(e.contains("đoạn 1"), "{e}");
}

#[test]
fn an_unknown_variable_while_filling_names_the_paragraph_and_its_text() {
    let (c, e) = render_error(docx(&[
        thong_so(&[("ten_tep", "x")]),
        centred_bold("THÔNG BÁO"),
        pt("Đồng chí {{ dv.ho_ten }}."),
    ]));
    assert_eq!(c, 1, "{e}");
    assert!(e.contains("mẫu mau.docx, đoạn 2:"), "{e}");
    assert!(e.contains("Đồng chí {{ dv.ho_ten }}"), "{e}");
}

#[test]
fn files_that_are_not_usable_docx_are_exit_2_with_a_hint() {
    let mut doc = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    doc.resize(2048, 0);
    let (c, e) = render_error(doc);
    assert_eq!(c, 2, "{e}");
    assert!(e.contains("Word 97") && e.contains(".docx"), "{e}");
    let (c, e) = render_error(b"this is not a zip".to_vec());
    assert_eq!(c, 2, "{e}");
    let (c, e) = render_error(package(&[("word/other.xml", "<x/>".into())]));
    assert_eq!(c, 2, "{e}");
    assert!(e.contains("word/document.xml"), "{e}");
    let (c, e) = render_error(package(&[(
        "word/document.xml",
        "<w:document><w:body>".into(),
    )]));
    assert_eq!(c, 2, "{e}");
    assert!(e.contains("XML"), "{e}");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("cu.doc"), b"x").unwrap();
    let o = vanban(&["render", "cu.doc"], dir.path());
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains(".docx"), "{}", stderr(&o));
}

#[test]
fn tracked_changes_are_refused_until_accepted_in_word() {
    let (c, e) = render_error(docx(&[
        pt("Một."),
        "<w:p><w:ins w:id=\"1\" w:author=\"A\" w:date=\"2026-01-01T00:00:00Z\"><w:r><w:t>thêm</w:t></w:r></w:ins></w:p>".to_owned(),
    ]));
    assert_eq!(c, 1, "{e}");
    assert!(e.contains("đoạn 2"), "{e}");
    assert!(e.contains("Chấp nhận") || e.contains("Accept"), "{e}");
}

#[test]
fn a_broken_word_kind_is_listed_with_its_error_and_the_others_keep_working() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("mau")).unwrap();
    std::fs::write(dir.path().join("mau/hong.docx"), docx(&[pt("{% if a %}")])).unwrap();
    std::fs::write(dir.path().join("mau/thu-khen.docx"), thu_khen()).unwrap();
    std::fs::write(dir.path().join("mau/trung.docx"), thu_khen()).unwrap();
    std::fs::write(dir.path().join("mau/trung.md"), "+++\n+++\n").unwrap();
    let o = vanban(&["kinds", "--templates", "mau", "--json"], dir.path());
    assert_eq!(code(&o), 1);
    let kinds: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let by = |name: &str| {
        kinds
            .as_array()
            .unwrap()
            .iter()
            .find(|k| k["kind"] == name)
            .cloned()
            .unwrap()
    };
    assert!(
        by("hong")["loi"]
            .as_str()
            .unwrap()
            .contains("mẫu hong.docx, đoạn 1")
    );
    assert!(by("thu-khen").get("loi").is_none());
    let dup = by("trung")["loi"].as_str().unwrap().to_owned();
    assert!(
        dup.contains("trung.docx") && dup.contains("trung.md"),
        "{dup}"
    );
    let o = vanban(
        &[
            "render",
            "thu-khen",
            "--templates",
            "mau",
            "--stt",
            "7",
            "--out",
            "o",
        ],
        dir.path(),
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}

#[test]
fn decomposed_vietnamese_outside_tags_is_read_as_nfc() {
    // "Đảng ủy" typed with combining marks (a VNI/Unikey setting).
    let decomposed = "Đa\u{309}ng u\u{309}y";
    let doc = ir_of(
        "nfc.docx",
        docx(&[
            thong_so(&[("ten_tep", "nfc")]),
            pt(&format!("{decomposed} {{{{ nam }}}}.")),
        ]),
        None,
    )
    .unwrap();
    assert!(
        body_text(&doc).contains("Đảng ủy 2022."),
        "{}",
        body_text(&doc)
    );
}

#[test]
fn page_headers_and_footers_are_not_printed_but_their_tags_are_checked() {
    let hdr = |text: &str| {
        format!(
            "<?xml version=\"1.0\"?><w:hdr xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">{}</w:hdr>",
            pt(text)
        )
    };
    let body = document(&[thong_so(&[("ten_tep", "x")]), pt("Nội dung.")]);
    let ok = package(&[
        ("word/document.xml", body.clone()),
        ("word/header1.xml", hdr("Trang {{ nam }}")),
    ]);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("dau.docx"), ok).unwrap();
    let o = vanban(&["render", "dau.docx", "--format", "ir"], dir.path());
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(!stdout(&o).contains("Trang"), "{}", stdout(&o));
    assert!(stderr(&o).contains("đầu trang"), "{}", stderr(&o));
    // The note carries its own hint.
    assert!(
        stderr(&o).contains("đầu trang và chân trang do hồ sơ trình bày đặt (số trang)"),
        "{}",
        stderr(&o)
    );
    let bad = package(&[
        ("word/document.xml", body),
        ("word/footer1.xml", hdr("{{ nam + }}")),
    ]);
    let (c, e) = render_error(bad);
    assert_eq!(c, 1, "{e}");
    assert!(e.contains("đầu trang/chân trang 1"), "{e}");
}

/// Every word of `text`, lower-cased.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[test]
fn a_party_document_made_by_another_tool_retypesets_with_every_word_and_its_parts() {
    let source = [
        header(
            &[
                "ĐẢNG BỘ TỈNH VĨNH PHÚC",
                "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH",
                "Số 125-QĐ/ĐUK",
            ],
            "Vĩnh Phúc, ngày 15 tháng 12 năm 2025",
        ),
        centred_bold("QUYẾT ĐỊNH"),
        centred_bold("về việc chuẩn y kết quả bầu cử"),
        centred_bold("-----"),
        p(
            "<w:jc w:val=\"both\"/>",
            &[t("- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;")],
        ),
        p(
            "<w:jc w:val=\"both\"/>",
            &[t("- Căn cứ Quy định số 24-QĐ/TW;")],
        ),
        p(
            "<w:jc w:val=\"both\"/>",
            &[t("- Xét đề nghị của Ban Tổ chức.")],
        ),
        centred_bold("BAN THƯỜNG VỤ ĐẢNG ỦY KHỐI QUYẾT ĐỊNH:"),
        p(
            "",
            &[b("Điều 1. "), t("Chuẩn y kết quả bầu cử Chi bộ Văn phòng.")],
        ),
        p(
            "",
            &[b("Điều 2. "), t("Quyết định có hiệu lực kể từ ngày ký.")],
        ),
        signature(
            &["Nơi nhận:", "- Như Điều 2;", "- Lưu VT."],
            &["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"],
            "Nguyễn Văn Bình",
        ),
    ];
    let bytes = docx(&source);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("qd-cu.docx"), &bytes).unwrap();
    let o = vanban(&["render", "qd-cu.docx", "--format", "ir"], dir.path());
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let doc: Document = serde_json::from_str(&stdout(&o)).unwrap();
    let n = doc.header.number.as_ref().unwrap();
    assert_eq!(
        (n.so.as_deref(), n.loai.as_str(), n.ky_hieu.as_str()),
        (Some("125"), "QĐ", "ĐUK")
    );
    assert_eq!(
        doc.header.cap_tren.as_deref(),
        Some("ĐẢNG BỘ TỈNH VĨNH PHÚC")
    );
    assert_eq!(doc.header.ngay, vanban::ir::Date::new(2025, 12, 15));
    assert_eq!(doc.title.ten_loai, "Quyết định");
    assert_eq!(doc.can_cu.len(), 3);
    assert_eq!(
        doc.enacting.as_deref(),
        Some("BAN THƯỜNG VỤ ĐẢNG ỦY KHỐI QUYẾT ĐỊNH:")
    );
    assert!(matches!(doc.blocks[0], vanban::ir::Block::Article { .. }));
    assert_eq!(doc.signatures.right.ho_ten, "Nguyễn Văn Bình");
    assert_eq!(doc.signatures.right.chuc_vu.as_deref(), Some("PHÓ BÍ THƯ"));
    // Every word of the source is in the re-typeset PDF.
    let pages = pdf_text(&doc, "dang");
    let source_text: String = source.concat();
    let source_words = words(&xml_text(&source_text));
    let out_words = words(&pages);
    for w in &source_words {
        assert!(out_words.contains(w), "\"{w}\" lost: {pages}");
    }
}

#[test]
fn a_state_document_retypesets_in_the_state_format() {
    let left = [
        p("<w:jc w:val=\"center\"/>", &[t("ỦY BAN NHÂN DÂN")]),
        p("<w:jc w:val=\"center\"/>", &[b("HUYỆN TAM ĐẢO")]),
        p("<w:jc w:val=\"center\"/>", &[t("Số: 15/TB-UBND")]),
    ];
    let right = [
        p(
            "<w:jc w:val=\"center\"/>",
            &[b("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")],
        ),
        p(
            "<w:jc w:val=\"center\"/>",
            &[b("Độc lập - Tự do - Hạnh phúc")],
        ),
        p(
            "<w:jc w:val=\"center\"/>",
            &[r("Tam Đảo, ngày 02 tháng 3 năm 2026", "<w:i/>")],
        ),
    ];
    let bytes = docx(&[
        tbl(false, &[4000, 5354], &[tr(&[tc(&left), tc(&right)])]),
        centred_bold("THÔNG BÁO"),
        centred_bold("Kết luận của Chủ tịch tại buổi làm việc"),
        pt("Ngày 01 tháng 3 năm 2026, Chủ tịch đã làm việc với các phòng."),
        signature(
            &["Nơi nhận:", "- Các phòng;", "- Lưu: VT."],
            &["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
            "Lê Văn An",
        ),
    ]);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("tb.docx"), &bytes).unwrap();
    let o = vanban(
        &[
            "render",
            "tb.docx",
            "--profile",
            "nha-nuoc",
            "--format",
            "ir",
        ],
        dir.path(),
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let doc: Document = serde_json::from_str(&stdout(&o)).unwrap();
    let text = pdf_text(&doc, "nha-nuoc");
    for needle in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số: 15/TB-UBND",
        "TM. ỦY BAN NHÂN DÂN",
        "Lê Văn An",
        "Tam Đảo, ngày 02 tháng 3 năm 2026",
    ] {
        assert!(text.contains(needle), "{needle} missing: {text}");
    }
}

/// The text of a document's PDF pages in a profile (Typst's own layout read back, no PDF reader
/// needed).
fn pdf_text(doc: &Document, profile: &str) -> String {
    let profile = vanban::profile::Profile::builtin(profile).unwrap();
    vanban::render::pdf::page_texts(&vanban::render::layout::resolve(doc, &profile))
        .unwrap()
        .join("\n")
}

/// The text of WordprocessingML (its `w:t` contents), for comparing words.
fn xml_text(xml: &str) -> String {
    let mut out = String::new();
    for part in xml.split("<w:t").skip(1) {
        if let Some(start) = part.find('>')
            && let Some(end) = part.find("</w:t>")
        {
            out.push_str(&part[start + 1..end]);
            out.push(' ');
        }
    }
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}
