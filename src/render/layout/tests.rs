//! The layout's decisions, checked on small documents in each built-in profile.

use super::header::fill_date;
use super::numbering::heading_number;
use super::signature::top_height_pt;
use super::*;
use crate::fonts;
use crate::ir::{self, AddresseeLabel, Authority, Block, ImageRole, Picture};

fn sample_doc() -> Document {
    Document {
        header: ir::Header {
            co_quan: "Đảng ủy Văn phòng Tỉnh ủy".into(),
            number: Some(ir::DocNumber {
                so: Some("09".into()),
                loai: "KH".into(),
                ky_hieu: "ĐU".into(),
            }),
            dia_danh: "Vĩnh Phúc".into(),
            ngay: ir::Date::new(2022, 7, 29),
            ..ir::Header::default()
        },
        title: ir::Title {
            ten_loai: "Kế hoạch".into(),
            trich_yeu: vec![Inline::plain("xây dựng mô hình chi bộ “4 tốt”")],
        },
        noi_nhan: Some(ir::NoiNhan {
            items: vec![
                "Đảng ủy Khối (để b/c)".into(),
                "Các chi bộ trực thuộc,".into(),
            ],
            luu: Some("Văn phòng Đảng ủy".into()),
        }),
        signatures: ir::Signatures {
            left: None,
            right: ir::Signature {
                authority: Some(Authority::ThayMat),
                to_chuc: Some("Đảng ủy".into()),
                chuc_vu: Some("Bí thư".into()),
                ho_ten: "Trần Việt Cường".into(),
                ..ir::Signature::default()
            },
        },
        ..Document::default()
    }
}

fn profile(name: &str) -> Profile {
    Profile::builtin(name).unwrap()
}

fn right_column(l: &Layout) -> &SignatureColumn {
    match &l.signature {
        SignatureArea::SignatureOnly { right }
        | SignatureArea::NoiNhanAndSignature { right, .. }
        | SignatureArea::TwoSignatures { right, .. }
        | SignatureArea::TwoSignaturesThenNoiNhan { right, .. } => right,
        SignatureArea::None => panic!("no signature area"),
    }
}

fn noi_nhan_of(l: &Layout) -> &NoiNhanBlock {
    match &l.signature {
        SignatureArea::NoiNhanAndSignature { noi_nhan, .. }
        | SignatureArea::TwoSignaturesThenNoiNhan { noi_nhan, .. } => noi_nhan,
        _ => panic!("no nơi nhận"),
    }
}

fn items(l: &Layout) -> Vec<String> {
    noi_nhan_of(l)
        .items
        .iter()
        .map(|i| i.text.clone())
        .collect()
}

#[test]
fn noi_nhan_punctuation_per_profile() {
    let doc = sample_doc();
    // 05-HD §I.9.2.5: each entry ends ";", the lưu line ".".
    assert_eq!(
        items(&resolve(&doc, &profile("dang"))),
        [
            "- Đảng ủy Khối (để b/c);",
            "- Các chi bộ trực thuộc;",
            "- Lưu Văn phòng Đảng ủy."
        ]
    );
    // 36-HD practice: ",".
    assert_eq!(
        items(&resolve(&doc, &profile("dang-36"))),
        [
            "- Đảng ủy Khối (để b/c),",
            "- Các chi bộ trực thuộc,",
            "- Lưu Văn phòng Đảng ủy."
        ]
    );
    // NĐ 30: ";" and "- Lưu: VT, <unit>.".
    assert_eq!(
        items(&resolve(&doc, &profile("nha-nuoc"))),
        [
            "- Đảng ủy Khối (để b/c);",
            "- Các chi bộ trực thuộc;",
            "- Lưu: VT, ĐU."
        ]
    );
    let l = resolve(&doc, &profile("nha-nuoc"));
    let nn = noi_nhan_of(&l);
    let label = nn.label.as_ref().unwrap();
    assert_eq!(label.text, "Nơi nhận:");
    assert!(label.style.bold && label.style.italic && label.style.size_pt == 12.0);
    assert_eq!(nn.items[0].style.size_pt, 11.0);
}

#[test]
fn can_cu_and_addressee_punctuation_per_profile() {
    let mut doc = sample_doc();
    doc.can_cu = vec![
        "Căn cứ Điều lệ Đảng".into(),
        "Căn cứ Quy định 366-QĐ/TW,".into(),
    ];
    doc.addressees = Some(ir::Addressees {
        label: AddresseeLabel::KinhTrinh,
        items: vec!["Ban Thường vụ Đảng ủy Khối".into(), "Ban Tổ chức".into()],
    });
    let texts = |name: &str| {
        let l = resolve(&doc, &profile(name));
        let can_cu: Vec<String> = l.blocks[..2]
            .iter()
            .map(|b| match b {
                LBlock::Paragraph { runs, .. } => ir::plain_text(runs),
                other => panic!("{other:?}"),
            })
            .collect();
        let a = l.addressees.unwrap();
        let items: Vec<String> = a.items.iter().map(|i| i.text.clone()).collect();
        (can_cu, a.label.text, items)
    };
    // 05-HD §I.6.2.3 and §I.9.2.4: "- …;", the last căn cứ "."; "Kính trình:" for a tờ trình.
    let (can_cu, label, items) = texts("dang");
    assert_eq!(
        can_cu,
        ["- Căn cứ Điều lệ Đảng;", "- Căn cứ Quy định 366-QĐ/TW."]
    );
    assert_eq!(label, "Kính trình:");
    assert_eq!(items, ["- Ban Thường vụ Đảng ủy Khối;", "- Ban Tổ chức;"]);
    // 36-HD: the last căn cứ ","; "Kính gửi:" and "," for every addressee but the last.
    let (can_cu, label, items) = texts("dang-36");
    assert_eq!(
        can_cu,
        ["- Căn cứ Điều lệ Đảng;", "- Căn cứ Quy định 366-QĐ/TW,"]
    );
    assert_eq!(label, "Kính gửi:");
    assert_eq!(items, ["- Ban Thường vụ Đảng ủy Khối,", "- Ban Tổ chức."]);
    // NĐ 30: căn cứ without a dash, ";" and "." at the end.
    let (can_cu, _, items) = texts("nha-nuoc");
    assert_eq!(
        can_cu,
        ["Căn cứ Điều lệ Đảng;", "Căn cứ Quy định 366-QĐ/TW."]
    );
    assert_eq!(items, ["- Ban Thường vụ Đảng ủy Khối;", "- Ban Tổ chức."]);
}

#[test]
fn state_profile_follows_nd30() {
    let l = resolve(&sample_doc(), &profile("nha-nuoc"));
    // The rules under the issuing body and under the trích yếu: 1/3 to 1/2 of the text.
    let rules: Vec<f32> = l
        .header_left
        .iter()
        .chain(&l.title)
        .filter_map(|line| line.rule)
        .collect();
    assert_eq!(rules.len(), 2, "{l:?}");
    for r in rules {
        assert!((1.0 / 3.0..=0.5).contains(&r), "rule fraction {r}");
    }
    // The Tiêu ngữ's rule is as long as the text.
    assert_eq!(l.header_right[1].rule, Some(1.0));
    assert_eq!(l.number.as_ref().unwrap().text, "Số: 09/KH-ĐU");
    // The trích yếu starts with a capital.
    assert_eq!(l.title[1].text, "Xây dựng mô hình chi bộ “4 tốt”");
    assert_eq!(right_column(&l).top[0].text, "TM. ĐẢNG ỦY");
    assert!(right_column(&l).top[1].style.bold, "chức vụ bold in NĐ 30");
    // The Party profiles keep the lower-case trích yếu and the Party number.
    for name in ["dang", "dang-36"] {
        let l = resolve(&sample_doc(), &profile(name));
        assert_eq!(l.title[1].text, "xây dựng mô hình chi bộ “4 tốt”");
        assert_eq!(l.title[2].text, "-----");
        assert_eq!(l.number.as_ref().unwrap().text, "Số 09-KH/ĐU");
        assert_eq!(right_column(&l).top[0].text, "T/M ĐẢNG ỦY");
        assert!(
            !right_column(&l).top[1].style.bold,
            "chức vụ regular in Party documents"
        );
    }
}

#[test]
fn metadata_from_the_document() {
    let l = resolve(&sample_doc(), &profile("dang"));
    assert_eq!(l.meta.title, "Kế hoạch xây dựng mô hình chi bộ “4 tốt”");
    assert_eq!(l.meta.author, "Đảng ủy Văn phòng Tỉnh ủy");
    assert_eq!(l.meta.subject, "Kế hoạch số 09-KH/ĐU, ngày 29/7/2022");
    assert_eq!(l.meta.language, "vi-VN");
    assert_eq!(l.meta.date, ir::Date::new(2022, 7, 29));
    let l = resolve(&sample_doc(), &profile("nha-nuoc"));
    assert_eq!(l.meta.subject, "Kế hoạch số 09/KH-ĐU, ngày 29/7/2022");
}

fn picture(w: u32, h: u32, ppm: Option<(u32, u32)>) -> Picture {
    Picture {
        file: "x.png".into(),
        width_px: w,
        height_px: h,
        px_per_metre: ppm,
        ..Picture::default()
    }
}

#[test]
fn signature_and_seal_placement() {
    let p = profile("dang");
    let mut doc = sample_doc();
    doc.images = Some(SigningImages {
        // 40 × 20 mm at 300 dpi (11811 px/m).
        chu_ky: Some(picture(472, 236, Some((11811, 11811)))),
        // No resolution: the profile's 36 mm.
        con_dau: Some(picture(500, 500, None)),
    });
    let l = resolve(&doc, &p);
    let col = right_column(&l);
    let [sig, seal] = col.images.as_slice() else {
        panic!("{:?}", col.images)
    };
    assert_eq!((sig.role, seal.role), (ImageRole::ChuKy, ImageRole::ConDau));
    let close = |a: f32, b: f32| (a - b).abs() < 0.05;
    assert!(
        close(sig.width_mm, 39.96) && close(sig.height_mm, 19.98),
        "{sig:?}"
    );
    // Centred in the column and in the blank space between chức vụ and name.
    let blank_h = col.blank_lines as f32 * col.blank_line_pt * 25.4 / 72.0;
    assert!(
        close(sig.x_mm * 2.0 + sig.width_mm, p.signature.width_mm),
        "{sig:?}"
    );
    assert!(close(sig.y_mm * 2.0 + sig.height_mm, blank_h), "{sig:?}");
    // The seal at its size, centred level with the signature, over its left third.
    assert!(close(seal.width_mm, 36.0) && close(seal.height_mm, 36.0));
    assert!(close(
        seal.y_mm + seal.height_mm / 2.0,
        sig.y_mm + sig.height_mm / 2.0
    ));
    assert!(
        close(seal.x_mm + seal.width_mm, sig.x_mm + sig.width_mm / 3.0),
        "{seal:?}"
    );
    // A signature taller than the blank space is scaled down to fit, keeping its proportions.
    doc.images = Some(SigningImages {
        chu_ky: Some(picture(400, 400, None)),
        con_dau: None,
    });
    let l = resolve(&doc, &p);
    let sig = &right_column(&l).images[0];
    assert!(
        close(sig.height_mm, blank_h) && close(sig.width_mm, blank_h),
        "{sig:?}"
    );
    assert!(close(sig.y_mm, 0.0));
    // No images: nothing placed; the left column never gets any.
    assert!(right_column(&resolve(&sample_doc(), &p)).images.is_empty());
}

#[test]
fn numbering() {
    let p = Profile::dang();
    assert_eq!(heading_number(p.heading(1), 4), "IV.");
    assert_eq!(heading_number(p.heading(2), 12), "12.");
    assert_eq!(heading_number(p.heading(3), 5), "đ)");
    assert_eq!(heading_number(p.heading(3), 7), "g)");
}

#[test]
fn side_by_side_signatures_share_the_name_line() {
    let sig = |label: Option<&str>| ir::Signature {
        label: label.map(str::to_owned),
        authority: Some(Authority::ThayMat),
        to_chuc: Some("Chi bộ".into()),
        chuc_vu: Some("Bí thư".into()),
        ghi_chu: None,
        ho_ten: "A".into(),
    };
    let doc = Document {
        signatures: ir::Signatures {
            left: Some(sig(Some("Xác nhận của Đảng ủy"))),
            right: sig(None),
        },
        ..Document::default()
    };
    let l = resolve(&doc, &Profile::dang());
    let SignatureArea::TwoSignatures { left, right } = l.signature else {
        panic!("{:?}", l.signature)
    };
    // The names stand at the same height: lines above plus blank space.
    let height =
        |c: &SignatureColumn| top_height_pt(c) + c.blank_lines as f32 * c.blank_line_pt;
    assert!(left.top.len() > right.top.len());
    assert!(
        (height(&left) - height(&right)).abs() < 0.01,
        "{left:?} {right:?}"
    );
    assert!(right.blank_line_pt > left.blank_line_pt);
    assert_eq!(left.top[0].text, "XÁC NHẬN CỦA ĐẢNG ỦY");
}

#[test]
fn date_line_leading_zero_rule() {
    let d = |y, m, dd| ir::Date::new(y, m, dd);
    let p = "{dia_danh}, ngày {ngay} tháng {thang} năm {nam}";
    assert_eq!(
        fill_date(p, "Vĩnh Phúc", d(2022, 7, 29)),
        "Vĩnh Phúc, ngày 29 tháng 7 năm 2022"
    );
    assert_eq!(
        fill_date(p, "Hà Nội", d(2023, 1, 5)),
        "Hà Nội, ngày 05 tháng 01 năm 2023"
    );
    assert_eq!(
        fill_date(p, "Hà Nội", d(2023, 2, 15)),
        "Hà Nội, ngày 15 tháng 02 năm 2023"
    );
    assert_eq!(
        fill_date(p, "Hà Nội", d(2023, 12, 1)),
        "Hà Nội, ngày 01 tháng 12 năm 2023"
    );
}

fn signer() -> ir::Signature {
    ir::Signature {
        authority: Some(Authority::ThayMat),
        to_chuc: Some("Đảng ủy".into()),
        chuc_vu: Some("Bí thư".into()),
        ho_ten: "Nguyễn Văn An".into(),
        ..ir::Signature::default()
    }
}

fn noi_nhan() -> ir::NoiNhan {
    ir::NoiNhan {
        items: vec!["Đảng ủy Khối".into(), "Như Điều 3".into()],
        luu: Some("Văn phòng Đảng ủy".into()),
    }
}

#[test]
fn a_long_issuer_name_takes_the_gap_then_the_other_column_s_spare() {
    let mut p = Profile::dang();
    p.header.left_width_mm = 78.0;
    p.header.right_width_mm = 80.0;
    let mut doc = Document::default();
    doc.header.co_quan = "Đảng ủy Văn phòng Tỉnh ủy".into();
    let c = resolve(&doc, &p).header_columns;
    assert_eq!((c.left_mm, c.gap_mm, c.right_mm), (78.0, 7.0, 80.0));
    doc.header.co_quan = "Đảng ủy Cơ quan Ủy ban Kiểm tra Tỉnh ủy Vĩnh Phúc".into();
    let c = resolve(&doc, &p).header_columns;
    assert!(
        c.left_mm > 85.0 && c.gap_mm == 0.0 && c.right_mm < 80.0,
        "{c:?}"
    );
    assert!((c.left_mm + c.gap_mm + c.right_mm - 165.0).abs() < 0.01);
    // The right column keeps the room its own longest line needs.
    let party = fonts::text_width_pt("ĐẢNG CỘNG SẢN VIỆT NAM", 15.0, true, false) / PT_PER_MM;
    assert!(c.right_mm >= party - 0.01, "{c:?} {party}");
}

#[test]
fn signature_area_is_decided_once() {
    let p = Profile::dang();
    let mut doc = Document {
        signatures: ir::Signatures {
            left: None,
            right: signer(),
        },
        ..Document::default()
    };
    let l = resolve(&doc, &p);
    assert!(matches!(l.signature, SignatureArea::SignatureOnly { .. }));
    doc.noi_nhan = Some(noi_nhan());
    let l = resolve(&doc, &p);
    assert!(matches!(
        l.signature,
        SignatureArea::NoiNhanAndSignature { .. }
    ));
    let w = l.signature_widths;
    assert!((w.left_mm + w.gap_mm + w.right_mm - l.page.text_width_mm()).abs() < 0.01);
    assert_eq!(w.left_mm, p.noi_nhan.width_mm);
    doc.signatures.left = Some(signer());
    let l = resolve(&doc, &p);
    let SignatureArea::TwoSignaturesThenNoiNhan { noi_nhan, .. } = &l.signature else {
        panic!("{:?}", l.signature)
    };
    assert_eq!(noi_nhan.items.len(), 3);
    assert_eq!(l.signature_widths.left_mm, p.signature.width_mm);
    doc.noi_nhan = None;
    let l = resolve(&doc, &p);
    assert!(matches!(l.signature, SignatureArea::TwoSignatures { .. }));
}

#[test]
fn drafter_follows_the_noi_nhan() {
    let p = Profile::dang();
    let doc = Document {
        noi_nhan: Some(noi_nhan()),
        drafter: Some("NguyenVanAn-26".into()),
        ..Document::default()
    };
    let SignatureArea::NoiNhanAndSignature { noi_nhan, .. } = resolve(&doc, &p).signature
    else {
        panic!()
    };
    let d = noi_nhan.drafter.unwrap();
    assert_eq!(d.text, "NguyenVanAn-26");
    assert_eq!(d.style.size_pt, 11.0);
    assert!(!d.style.bold && !d.style.italic && !d.style.upper);
    assert_eq!(noi_nhan.drafter_blank_lines, 1);
    assert_eq!(
        noi_nhan.items[1].text,
        format!("- Như Điều 3{}", p.noi_nhan.separator)
    );
    // Without recipients the drafter's line still prints, alone in the left column.
    let doc = Document {
        drafter: Some("NguyenVanAn-26".into()),
        ..Document::default()
    };
    let SignatureArea::NoiNhanAndSignature { noi_nhan, .. } = resolve(&doc, &p).signature
    else {
        panic!()
    };
    assert!(noi_nhan.label.is_none() && noi_nhan.items.is_empty());
    assert!(noi_nhan.drafter.is_some());
}

fn texts(blocks: &[LBlock]) -> Vec<String> {
    blocks
        .iter()
        .map(|b| match b {
            LBlock::Paragraph { runs, .. } => ir::plain_text(runs),
            LBlock::Centred { line, .. } => format!("<{}>", line.text),
            other => format!("{other:?}"),
        })
        .collect()
}

#[test]
fn can_cu_then_enacting_line_then_articles() {
    let doc = Document {
        can_cu: vec![
            "Căn cứ Điều lệ Đảng;".into(),
            " Căn cứ Quy định số 366-QĐ/TW, ngày 30/8/2025 ".into(),
            "Xét đề nghị của Văn phòng.".into(),
        ],
        enacting: Some("Đảng ủy Văn phòng Tỉnh ủy quyết định:".into()),
        blocks: vec![
            Block::Article {
                content: vec![Inline::plain("Công nhận kết quả.")],
            },
            Block::Heading {
                level: 1,
                content: vec![Inline::plain("Phần")],
            },
            Block::Article {
                content: vec![Inline::plain("Hiệu lực.")],
            },
        ],
        ..Document::default()
    };
    let p = Profile::dang();
    let l = resolve(&doc, &p);
    let t = texts(&l.blocks);
    assert_eq!(t[0], "- Căn cứ Điều lệ Đảng;");
    assert_eq!(t[1], "- Căn cứ Quy định số 366-QĐ/TW, ngày 30/8/2025;");
    assert_eq!(t[2], "- Xét đề nghị của Văn phòng.");
    assert_eq!(t[3], "<ĐẢNG ỦY VĂN PHÒNG TỈNH ỦY QUYẾT ĐỊNH:>");
    assert_eq!(t[4], "Điều 1. Công nhận kết quả.");
    assert_eq!(t[6], "Điều 2. Hiệu lực.");
    let LBlock::Centred { line, .. } = &l.blocks[3] else {
        panic!()
    };
    assert!(line.style.bold);
    let LBlock::Paragraph { runs, .. } = &l.blocks[4] else {
        panic!()
    };
    assert!(matches!(&runs[0], Inline::Text { bold: true, .. }));
    assert!(matches!(&runs[1], Inline::Text { bold: false, .. }));
    // The State profile: the authority above the căn cứ (NĐ 30 Phụ lục III), no marker, italic lines,
    // "QUYẾT ĐỊNH:" alone after them.
    let state = resolve(&doc, &Profile::builtin("nha-nuoc").unwrap());
    let t = texts(&state.blocks);
    assert_eq!(t[0], "<ĐẢNG ỦY VĂN PHÒNG TỈNH ỦY>");
    let LBlock::Paragraph { runs, .. } = &state.blocks[1] else {
        panic!()
    };
    assert_eq!(
        runs,
        &vec![Inline::styled("Căn cứ Điều lệ Đảng;", false, true)]
    );
    assert_eq!(t[4], "<QUYẾT ĐỊNH:>");
    assert_eq!(t[5], "Điều 1. Công nhận kết quả.");
}

#[test]
fn addressees_one_on_the_label_line_or_several_with_markers() {
    let p = Profile::dang();
    let mut doc = Document {
        addressees: Some(ir::Addressees {
            label: ir::AddresseeLabel::KinhTrinh,
            items: vec!["Ban Thường vụ Đảng ủy Khối".into()],
        }),
        ..Document::default()
    };
    let a = resolve(&doc, &p).addressees.unwrap();
    assert_eq!(a.label.text, "Kính trình:");
    assert!(a.label.style.italic && a.label.style.size_pt == 14.0);
    assert_eq!(a.items.len(), 1);
    assert_eq!(a.items[0].text, "Ban Thường vụ Đảng ủy Khối.");
    assert!(!a.items[0].style.italic);
    // The label column holds the label; the block is centred on the text width.
    let label_w = fonts::text_width_pt("Kính trình:", 14.0, false, true) / PT_PER_MM;
    assert!(a.label_mm > label_w, "{} {label_w}", a.label_mm);
    assert!(a.indent_mm > 10.0, "{}", a.indent_mm);
    doc.addressees = Some(ir::Addressees {
        label: ir::AddresseeLabel::KinhGui,
        items: vec!["Ban Tổ chức Tỉnh ủy;".into(), "Văn phòng Tỉnh ủy".into()],
    });
    let a = resolve(&doc, &p).addressees.unwrap();
    assert_eq!(a.label.text, "Kính gửi:");
    let items: Vec<&str> = a.items.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(
        items,
        vec!["- Ban Tổ chức Tỉnh ủy;", "- Văn phòng Tỉnh ủy;"]
    );
}

/// The contact details stand where the profile says: at the end of a Party document (05-HD §II.6),
/// at the foot of page 1 of a State one (NĐ 30 Phụ lục I, box 13), with the profile's distances.
#[test]
fn contact_details_place_per_profile() {
    let mut doc = sample_doc();
    doc.marks.lien_he = Some("  Địa chỉ: số 1 đường Kim Ngọc, Vĩnh Yên  ".into());
    for (name, want) in [
        ("dang", ContactAt::End { before_pt: 12.0 }),
        ("dang-36", ContactAt::End { before_pt: 12.0 }),
        ("nha-nuoc", ContactAt::Page1Footer { bottom_mm: 10.0 }),
    ] {
        let l = resolve(&doc, &profile(name));
        let c = l.marks.lien_he.as_ref().expect(name);
        assert_eq!(c.place, want, "{name}");
        assert_eq!(c.line.text, "Địa chỉ: số 1 đường Kim Ngọc, Vĩnh Yên", "{name}");
        assert_eq!(c.gap_pt, 3.0, "{name}");
        // The writers' JSON names the place and its distance beside the block's other fields.
        let json = serde_json::to_value(c).unwrap();
        match want {
            ContactAt::End { .. } => {
                assert_eq!(json["place"], "end", "{name}");
                assert_eq!(json["before_pt"], 12.0, "{name}");
            }
            ContactAt::Page1Footer { .. } => {
                assert_eq!(json["place"], "page1-footer", "{name}");
                assert_eq!(json["bottom_mm"], 10.0, "{name}");
            }
        }
    }
    // No contact details, no block.
    assert!(resolve(&sample_doc(), &profile("nha-nuoc")).marks.lien_he.is_none());
}
