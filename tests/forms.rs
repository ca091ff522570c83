//! The layout capabilities of the evaluation-year forms, in the IR, the layout and both writers: fill
//! lines to the right margin (in the body and in table cells), check boxes drawn (never a glyph the
//! embedded font lacks), rows of signature blocks kept whole and with the line before them, two side
//! by side on one baseline, and copies of one document in its PDF.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

mod common;

use common::docx::{document_xml, docx_words};
use common::inspect;
use vanban::ir::{
    Align, Block, Document, Header, Inline, Signature, Signing, Table, Title, blocks_from_markdown,
};
use vanban::profile::Profile;
use vanban::render::layout::{LBlock, Layout, resolve};

fn doc(blocks: Vec<Block>) -> Document {
    Document {
        file_stem: "bieu-mau".into(),
        header: Header {
            cap_tren: Some("Đảng bộ Văn phòng Tỉnh ủy".into()),
            co_quan: "Chi bộ Tổng hợp".into(),
            number: None,
            dia_danh: "Vĩnh Phúc".into(),
            ngay: None,
        },
        title: Title {
            ten_loai: "Biên bản".into(),
            trich_yeu: vec![Inline::plain("họp chi bộ")],
        },
        blocks,
        ..Document::default()
    }
}

fn person(label: &str, name: &str) -> Signature {
    Signature {
        label: Some(label.into()),
        ghi_chu: Some("(Ký, ghi rõ họ tên)".into()),
        ho_ten: name.into(),
        ..Signature::default()
    }
}

/// The docx bytes of a layout.
fn docx(layout: &Layout) -> String {
    document_xml(&vanban::render::docx::write(layout).unwrap())
}

/// The fonts a PDF embeds (its FontDescriptors' names, subset tags removed).
fn pdf_fonts(pdf: &[u8]) -> Vec<String> {
    let d = lopdf::Document::load_mem(pdf).unwrap();
    let mut out: Vec<String> = d
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|dict| dict.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"FontDescriptor"))
        .filter_map(|dict| dict.get(b"FontName").and_then(|n| n.as_name()).ok())
        .map(|n| {
            let n = String::from_utf8_lossy(n).into_owned();
            n.split_once('+').map_or(n.clone(), |(_, f)| f.to_owned())
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

#[test]
fn check_boxes_are_symbols_in_docx_and_drawn_squares_in_the_pdf() {
    let blocks = blocks_from_markdown(
        "<o-chon/> Hoàn thành xuất sắc nhiệm vụ\n\n<o-trong/> Hoàn thành tốt nhiệm vụ\n\n| A | B |\n|---|:---:|\n| Tô Trọng Hân | <o-trong/> |\n",
    );
    for name in ["dang", "nha-nuoc"] {
        let profile = Profile::builtin(name).unwrap();
        let layout = resolve(&doc(blocks.clone()), &profile);
        let xml = docx(&layout);
        let sym = |c: &str| format!("<w:sym w:font=\"Wingdings\" w:char=\"{c}\"");
        assert_eq!(xml.matches(&sym("F0FD")).count(), 1, "{xml}");
        assert_eq!(xml.matches(&sym("F0A8")).count(), 2, "{xml}");
        // The PDF: no ☐ ☑ ☒ (or any other character the font lacks) as text, only the embedded face.
        let ins = inspect(&layout);
        let text = ins.pages.join("\n");
        assert!(text.contains("Hoàn thành xuất sắc nhiệm vụ"), "{text}");
        for c in ['☐', '☑', '☒', '□', '■', '\u{FFFD}'] {
            assert!(!text.contains(c), "{c} in {text}");
        }
        assert!(ins.warnings.is_empty(), "{:?}", ins.warnings);
        let pdf = vanban::render::pdf::write(&layout, Default::default()).unwrap();
        let fonts = pdf_fonts(&pdf);
        assert!(!fonts.is_empty());
        for f in &fonts {
            assert!(f.starts_with("LiberationSerif"), "{fonts:?}");
        }
    }
}

/// 05-HD's text block: A4, 30 mm left and 15 mm right margins.
const RIGHT_MARGIN_PT: f64 = (210.0 - 15.0) * 72.0 / 25.4;

#[test]
fn fill_lines_end_at_the_right_margin_in_the_pdf_and_on_a_right_tab_in_the_docx() {
    let blocks = blocks_from_markdown(
        "<trai/>Chức vụ đoàn thể: <dong-cham/>\n\nNhận xét của chi ủy: <dong-cham/>\n\n<dong-cham/>\n\n- Thư ký: <dong-cham/>\n\n| TT | Ý kiến |\n|---|---|\n| 1 | <dong-cham/> |\n",
    );
    let layout = resolve(&doc(blocks), &Profile::dang());
    // A line alone is a whole line: no first-line indent.
    assert!(
        layout.blocks.iter().any(|b| matches!(b, LBlock::Paragraph { runs, align: Align::Left, .. } if runs == &vec![Inline::Fill])),
        "{:?}",
        layout.blocks
    );
    let ins = inspect(&layout);
    let items = &ins.items[0];
    let mut ends: Vec<(f64, f64)> = Vec::new();
    for i in items.iter().filter(|i| i.text.chars().all(|c| c == '.')) {
        let end = i.x_pt + i.width_pt;
        match ends.iter_mut().find(|(y, _)| (y - i.y_pt).abs() < 0.5) {
            Some((_, e)) => *e = e.max(end),
            None => ends.push((i.y_pt, end)),
        }
    }
    // Four lines in the text block end at its right margin, the table cell's at the cell's right edge,
    // inside its padding.
    ends.sort_by(|a, b| a.1.total_cmp(&b.1));
    assert_eq!(ends.len(), 5, "{ends:?}");
    for (_, e) in &ends[1..] {
        assert!(
            (e - RIGHT_MARGIN_PT).abs() <= 1.0,
            "a line ends at {e} pt, the margin is at {RIGHT_MARGIN_PT}"
        );
    }
    let pad_pt = f64::from(Profile::dang().table.cell_margin_mm) * 72.0 / 25.4;
    let cell_right = RIGHT_MARGIN_PT - pad_pt;
    assert!(
        (ends[0].1 - cell_right).abs() <= 1.0,
        "{} vs {cell_right}",
        ends[0].1
    );
    // DOCX: each paragraph with a fill line has a right tab with a dot leader at the text width (165 mm
    // = 9354 twips); the table cell's at its own width.
    let xml = docx(&layout);
    let tab = "<w:tab w:val=\"right\" w:leader=\"dot\" w:pos=\"9354\"";
    assert_eq!(xml.matches(tab).count(), 4, "{xml}");
    assert_eq!(xml.matches("w:leader=\"dot\"").count(), 5, "{xml}");
    // The cell's stop: its width less its two paddings.
    let grid: Vec<i32> = xml
        .match_indices("<w:gridCol w:w=\"")
        .map(|(i, m)| {
            let rest = &xml[i + m.len()..];
            rest[..rest.find('"').unwrap()].parse().unwrap()
        })
        .collect();
    let cell = grid[grid.len() - 1] - 2 * 85;
    assert!(
        xml.contains(&format!("w:leader=\"dot\" w:pos=\"{cell}\"")),
        "{grid:?}"
    );
}

#[test]
fn signing_rows_are_kept_whole_and_with_the_line_before_them() {
    let two = Block::Signing(Signing {
        left: Some(person("Thư ký", "")),
        right: Some(Signature {
            label: Some("Chủ trì".into()),
            authority: Some(vanban::ir::Authority::ThayMat),
            to_chuc: Some("Chi bộ".into()),
            chuc_vu: Some("Bí thư".into()),
            ho_ten: "Tô Trọng Hân".into(),
            ..Signature::default()
        }),
    });
    let one = Block::Signing(Signing {
        left: None,
        right: Some(person("Người tự kiểm điểm", "Trần Việt Cường")),
    });
    for lines in 20..34 {
        let mut blocks: Vec<Block> = (0..lines)
            .map(|i| Block::Paragraph {
                content: vec![Inline::plain(format!("Đoạn số {i} của biên bản."))],
                align: Align::Default,
            })
            .collect();
        blocks.push(Block::Paragraph {
            content: vec![Inline::plain("Dòng cuối trước chữ ký.")],
            align: Align::Default,
        });
        blocks.push(one.clone());
        blocks.push(Block::Paragraph {
            content: vec![Inline::plain("Dòng trước hàng hai chữ ký.")],
            align: Align::Default,
        });
        blocks.push(two.clone());
        let mut d = doc(blocks);
        d.signatures.right = Signature::default();
        let layout = resolve(&d, &Profile::dang());
        assert!(matches!(
            layout.signature,
            vanban::render::layout::SignatureArea::None
        ));
        let ins = inspect(&layout);
        let page_of = |s: &str| {
            ins.pages
                .iter()
                .position(|p| p.contains(s))
                .unwrap_or_else(|| panic!("{s}: {:?}", ins.pages))
        };
        // Never a title alone: the label, its name and the line before them share a page.
        assert_eq!(
            page_of("NGƯỜI TỰ KIỂM ĐIỂM"),
            page_of("Trần Việt Cường"),
            "{lines}"
        );
        assert_eq!(
            page_of("Dòng cuối trước chữ ký."),
            page_of("Trần Việt Cường"),
            "{lines}"
        );
        assert_eq!(page_of("THƯ KÝ"), page_of("Tô Trọng Hân"), "{lines}");
        assert_eq!(
            page_of("Dòng trước hàng hai chữ ký."),
            page_of("THƯ KÝ"),
            "{lines}"
        );
        // THƯ KÝ left and CHỦ TRÌ right, on one baseline; the names too.
        let items = &ins.items[page_of("THƯ KÝ")];
        let at = |s: &str| {
            items
                .iter()
                .find(|i| i.text == s)
                .unwrap_or_else(|| panic!("{s}"))
        };
        let (thu_ky, chu_tri) = (at("THƯ KÝ"), at("CHỦ TRÌ"));
        assert!(
            (thu_ky.y_pt - chu_tri.y_pt).abs() < 0.01,
            "{thu_ky:?} {chu_tri:?}"
        );
        assert!(thu_ky.x_pt + thu_ky.width_pt < chu_tri.x_pt);
        let one = &ins.items[page_of("NGƯỜI TỰ KIỂM ĐIỂM")];
        let label = one.iter().find(|i| i.text == "NGƯỜI TỰ KIỂM ĐIỂM").unwrap();
        // A block alone stands on the right: its label centred in the right column.
        assert!(
            label.x_pt > RIGHT_MARGIN_PT - 80.0 * 72.0 / 25.4,
            "{label:?}"
        );
    }
    // DOCX: the row is a table of one row that never splits, THƯ KÝ in the first cell, CHỦ TRÌ in the
    // last; the paragraph before is kept with it.
    let d = doc(vec![
        Block::Paragraph {
            content: vec![Inline::plain("Dòng trước hàng hai chữ ký.")],
            align: Align::Default,
        },
        two,
    ]);
    let xml = docx(&resolve(&d, &Profile::dang()));
    let before = xml.find("Dòng trước hàng hai chữ ký.").unwrap();
    let p_start = xml[..before]
        .rfind("<w:p>")
        .or_else(|| xml[..before].rfind("<w:p "))
        .unwrap();
    assert!(
        xml[p_start..before].contains("<w:keepNext"),
        "{}",
        &xml[p_start..before]
    );
    let table = &xml[before..];
    assert!(table.contains("<w:cantSplit"), "{table}");
    let (thu_ky, chu_tri) = (
        table.find("THƯ KÝ").unwrap(),
        table.find("CHỦ TRÌ").unwrap(),
    );
    assert!(thu_ky < chu_tri);
    assert_eq!(
        table[thu_ky..chu_tri].matches("<w:tc>").count(),
        2,
        "gap cell, then the right cell"
    );
    let words = docx_words(&xml);
    assert!(words.windows(2).any(|w| w == ["T/M", "CHI"]), "{words:?}");
}

#[test]
fn copies_repeat_the_pdf_and_leave_the_docx_one() {
    let mut d = doc(blocks_from_markdown("Phiếu số một.\n\n<chu-ky/>\n"));
    d.blocks[1] = Block::Signing(Signing {
        left: None,
        right: Some(person("Người ghi phiếu", "")),
    });
    let one = resolve(&d, &Profile::dang());
    d.copies = Some(3);
    let three = resolve(&d, &Profile::dang());
    assert_eq!(three.copies, 3);
    assert_eq!(
        vanban::render::docx::write(&one).unwrap(),
        vanban::render::docx::write(&three).unwrap()
    );
    let (a, b) = (inspect(&one), inspect(&three));
    assert_eq!(b.pages.len(), 3 * a.pages.len());
    for k in 0..3 {
        assert_eq!(
            b.pages[k * a.pages.len()..(k + 1) * a.pages.len()],
            a.pages[..]
        );
    }
}

#[test]
fn a_table_cell_check_box_column_stays_narrow() {
    let t = Table {
        align: vec![Align::Default, Align::Center],
        header: vec![
            vec![Inline::plain("Họ và tên")],
            vec![Inline::plain("Hoàn thành xuất sắc nhiệm vụ")],
        ],
        rows: vec![
            vec![
                vec![Inline::plain("Tô Trọng Hân")],
                vec![Inline::CheckBox { checked: false }]
            ];
            3
        ],
        ..Default::default()
    };
    let layout = resolve(&doc(vec![Block::Table(t)]), &Profile::dang());
    let LBlock::Table(t) = &layout.blocks[0] else {
        panic!()
    };
    assert!(
        t.columns_mm[1] < 20.0 && t.columns_mm[0] > 140.0,
        "{:?}",
        t.columns_mm
    );
}
