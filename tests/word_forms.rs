//! Forms written in Word (a biên bản, a bản kiểm điểm, a phiếu): rows of signature blocks inside the
//! body, check boxes, lines kept at the left edge — read into the same IR the Markdown dialect gives
//! (`<chu-ky/>` with `[[chu_ky]]`, `<o-trong/>` / `<o-chon/>`, `<trai/>`).

#![allow(clippy::unwrap_used)]

mod common;

use common::word::*;
use vanban::ir::{Align, Block, Document, Inline};
use vanban::pipeline::{self, DocumentRequest, Format, Input, Library, ReadLimits};

/// The document a Word kind gives for the sample's đảng viên `stt`, as IR.
fn ir_of(file: &str, bytes: Vec<u8>, stt: i64) -> vanban::Result<Document> {
    let library = Library::load(None)?.with_word_file(file, bytes);
    let engine = library.engine("dang", ReadLimits::default())?;
    let kind = file.trim_end_matches(".docx");
    let rendered = pipeline::render(
        &engine,
        &DocumentRequest::new(kind, Some(stt), Input::Sample),
        &[Format::Ir, Format::Docx],
    )?;
    Ok(serde_json::from_slice(&rendered.files[0].1).unwrap())
}

/// A Wingdings symbol run, as Word's Insert Symbol writes a check box.
fn sym(code: &str) -> String {
    format!("<w:r><w:sym w:font=\"Wingdings\" w:char=\"{code}\"/></w:r>")
}

/// A borderless table of signature blocks: each side's label, blank lines, then the name.
fn signing(left: Option<(&str, &str)>, right: (&str, &str)) -> String {
    let side = |(label, name): (&str, &str)| {
        let mut ps = vec![centred_bold(label)];
        for _ in 0..3 {
            ps.push(p("<w:jc w:val=\"center\"/>", &[]));
        }
        ps.push(centred_bold(name));
        ps
    };
    let l = left.map_or_else(|| vec![pt("")], side);
    tbl(false, &[4677, 4677], &[tr(&[tc(&l), tc(&side(right))])])
}

fn bien_ban() -> Vec<u8> {
    docx(&[
        thong_so(&[("per", "dang-vien"), ("vung_chu_ky", "Không")]),
        header(
            &["ĐẢNG BỘ VĂN PHÒNG TỈNH ỦY", "CHI BỘ {{ dv.chi_bo }}"],
            "Vĩnh Phúc, ngày 5 tháng 12 năm 2026",
        ),
        centred_bold("BIÊN BẢN"),
        centred_bold("Họp chi bộ"),
        p(
            "<w:jc w:val=\"left\"/>",
            &[t("Đồng chí: "), b("{{ dv.ho_ten }}")],
        ),
        p(
            "",
            &[
                t("Kết quả: "),
                sym("F0A8"),
                t(" Đạt  "),
                sym("F0FD"),
                t(" Xuất sắc  ☐ Không đạt"),
            ],
        ),
        pt("{% if dv.stt > 1000 %}"),
        signing(None, ("NGƯỜI VẮNG", "Không ai")),
        pt("{% endif %}"),
        pt("Biên bản lập xong hồi …… giờ cùng ngày."),
        signing(
            Some(("THƯ KÝ", "Lê Văn Bình")),
            ("CHỦ TRÌ", "{{ dv.ho_ten }}"),
        ),
    ])
}

#[test]
fn a_word_bien_ban_signs_in_body_rows_with_check_boxes_and_a_left_line() {
    let doc = ir_of("bien-ban.docx", bien_ban(), 7).unwrap();
    let blocks = &doc.blocks;
    // The line aligned left on the paragraph stays left; the name came through in bold.
    let Block::Paragraph { content, align } = &blocks[0] else {
        panic!("{blocks:?}")
    };
    assert_eq!(*align, Align::Left);
    assert_eq!(content[1], Inline::styled("Tô Trọng Hân", true, false));
    // Wingdings symbols and a typed ☐ are check boxes.
    let Block::Paragraph { content, align } = &blocks[1] else {
        panic!("{blocks:?}")
    };
    assert_eq!(*align, Align::Default);
    let boxes: Vec<bool> = content
        .iter()
        .filter_map(|i| match i {
            Inline::CheckBox { checked } => Some(*checked),
            _ => None,
        })
        .collect();
    assert_eq!(boxes, [false, true, false], "{content:?}");
    // The signature table inside a block that drops it is gone with its [[chu_ky]] item; the last one
    // is a row of the body (the Thông số table says there is no signature area), both sides kept.
    let signings: Vec<_> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Signing(s) => Some(s),
            _ => None,
        })
        .collect();
    assert_eq!(signings.len(), 1, "{blocks:?}");
    let s = signings[0];
    assert_eq!(s.left.as_ref().unwrap().label.as_deref(), Some("THƯ KÝ"));
    assert_eq!(s.left.as_ref().unwrap().ho_ten, "Lê Văn Bình");
    assert_eq!(s.right.as_ref().unwrap().label.as_deref(), Some("CHỦ TRÌ"));
    assert_eq!(s.right.as_ref().unwrap().ho_ten, "Tô Trọng Hân");
    assert!(
        matches!(blocks.last(), Some(Block::Signing(_))),
        "{blocks:?}"
    );
    assert!(doc.signatures.right.ho_ten.is_empty());
    // The text after the dropped block is its own paragraph.
    let texts: Vec<String> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph { content, .. } => Some(vanban::ir::plain_text(content)),
            _ => None,
        })
        .collect();
    assert!(
        texts.contains(&"Biên bản lập xong hồi …… giờ cùng ngày.".to_owned()),
        "{texts:?}"
    );
}

#[test]
fn without_the_thong_so_key_the_last_signature_table_is_the_signature_area_and_earlier_ones_rows() {
    let bytes = docx(&[
        thong_so(&[("per", "dang-vien")]),
        header(
            &["ĐẢNG ỦY VĂN PHÒNG TỈNH ỦY"],
            "Vĩnh Phúc, ngày 5 tháng 12 năm 2026",
        ),
        centred_bold("BẢN KIỂM ĐIỂM"),
        pt("Nội dung."),
        signing(None, ("NGƯỜI TỰ KIỂM ĐIỂM", "{{ dv.ho_ten }}")),
        pt("Nhận xét của chi ủy."),
        signing(None, ("T/M CHI ỦY", "Trần Việt Cường")),
    ]);
    let doc = ir_of("ban-kiem-diem.docx", bytes, 7).unwrap();
    let rows: Vec<_> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Signing(s) => s.right.as_ref(),
            _ => None,
        })
        .collect();
    assert_eq!(rows.len(), 1, "{:?}", doc.blocks);
    assert_eq!(rows[0].ho_ten, "Tô Trọng Hân");
    assert_eq!(doc.signatures.right.ho_ten, "Trần Việt Cường");
}

#[test]
fn an_embedded_form_exported_to_word_keeps_its_check_boxes_as_symbols() {
    let library = Library::load(None).unwrap();
    let bytes =
        pipeline::word_template("phieu-danh-gia", library.text("phieu-danh-gia").unwrap()).unwrap();
    let xml = common::docx::document_xml(&bytes);
    assert!(
        xml.contains("w:sym w:font=\"Wingdings\" w:char=\"F0A8\""),
        "no check box symbol"
    );
    assert!(
        !xml.contains("o-trong"),
        "a tag of the dialect leaked into the Word template"
    );
    assert!(
        xml.contains("vung_chu_ky"),
        "the Thông số table says the form has no signature area"
    );
}

#[test]
fn a_template_saved_by_libreoffice_keeps_its_check_boxes_and_signature_styles() {
    // LibreOffice names styles after their names without marks ("VB Chữ ký: họ tên" → VBChkhtn) and
    // writes a Wingdings symbol as a private-use character in a Wingdings run.
    let styles = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:style w:type=\"paragraph\" w:styleId=\"VBChknhn\"><w:name w:val=\"VB Chữ ký: nhãn\"/></w:style><w:style w:type=\"paragraph\" w:styleId=\"VBChkhtn\"><w:name w:val=\"VB Chữ ký: họ tên\"/></w:style></w:styles>";
    let styled = |style: &str, text: &str| {
        p(
            &format!("<w:pStyle w:val=\"{style}\"/><w:jc w:val=\"center\"/>"),
            &[t(text)],
        )
    };
    // A right column whose name is left blank: only its styles say it is a signature block.
    let right = vec![
        styled("VBChknhn", "Người ghi phiếu"),
        p("", &[]),
        p("", &[]),
        styled("VBChkhtn", ""),
    ];
    let body = vec![
        thong_so(&[("per", "dang-vien"), ("vung_chu_ky", "không")]),
        centred_bold("PHIẾU"),
        p(
            "",
            &[
                t("Đồng ý "),
                r(
                    "\u{F0A8}",
                    "<w:rFonts w:ascii=\"Wingdings\" w:hAnsi=\"Wingdings\"/>",
                ),
            ],
        ),
        tbl(false, &[4677, 4677], &[tr(&[tc(&[pt("")]), tc(&right)])]),
    ];
    let bytes = package(&[
        ("word/document.xml", document(&body)),
        ("word/styles.xml", styles.to_owned()),
    ]);
    let doc = ir_of("phieu.docx", bytes, 7).unwrap();
    let Block::Paragraph { content, .. } = &doc.blocks[0] else {
        panic!("{:?}", doc.blocks)
    };
    assert_eq!(content.last(), Some(&Inline::CheckBox { checked: false }));
    let Some(Block::Signing(s)) = doc.blocks.last() else {
        panic!("{:?}", doc.blocks)
    };
    let right = s.right.as_ref().unwrap();
    assert_eq!(right.label.as_deref(), Some("Người ghi phiếu"));
    assert_eq!(right.ho_ten, "");
    assert!(s.left.is_none());
}

#[test]
fn a_picture_whose_part_is_missing_is_left_out_and_a_warning_says_where() {
    let dir = tempfile::tempdir().unwrap();
    let picture = "<w:r><w:drawing><wp:inline xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\"><a:graphic xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"><a:graphicData><pic:pic xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:blipFill><a:blip r:embed=\"rId9\"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>";
    let bytes = docx(&[
        centred_bold("THÔNG BÁO"),
        pt("Nội dung."),
        p("", &[picture.to_owned()]),
    ]);
    std::fs::write(dir.path().join("logo.docx"), bytes).unwrap();
    let o = common::bin::vanban(&["render", "logo.docx", "--format", "ir"], dir.path());
    assert_eq!(common::bin::code(&o), 0, "{}", common::bin::stderr(&o));
    let err = common::bin::stderr(&o);
    assert!(
        err.contains("hình ảnh ở đoạn 3 không được in: tệp Word không chứa ảnh này"),
        "{err}"
    );
}
