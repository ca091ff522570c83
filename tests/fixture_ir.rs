//! The hand-written IR fixture deserialises and resolves.

#![allow(clippy::unwrap_used)]
use vanban::ir::Document;
use vanban::profile::Profile;
use vanban::render::layout::{NoiNhanBlock, SignatureArea, SignatureColumn};

/// The right signature and the nơi nhận of a "nơi nhận and signature" area.
fn noi_nhan_and_signature(area: SignatureArea) -> (NoiNhanBlock, SignatureColumn) {
    match area {
        SignatureArea::NoiNhanAndSignature { noi_nhan, right } => (noi_nhan, right),
        other => panic!("{other:?}"),
    }
}

#[test]
fn fixture_resolves() {
    let doc: Document = serde_json::from_str(include_str!("fixtures/ke-hoach.ir.json")).unwrap();
    let layout = vanban::render::layout::resolve(&doc, &Profile::dang());
    assert_eq!(layout.number.unwrap().text, "Số 09-KH/ĐU");
    assert_eq!(layout.date.text, "Vĩnh Phúc, ngày 29 tháng 7 năm 2022");
    assert_eq!(layout.header_left[0].text, "ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH");
    let (nn, right) = noi_nhan_and_signature(layout.signature);
    assert_eq!(right.top[0].text, "T/M ĐẢNG ỦY");
    assert_eq!(nn.items.last().unwrap().text, "- Lưu Văn phòng Đảng ủy.");
    // 05-HD §I.9.2.5: ";" after each recipient; 36-HD (dang-36) wrote ",".
    assert_eq!(
        nn.items[0].text,
        "- Đảng ủy Khối các cơ quan tỉnh (để b/c);"
    );
    let hd36 = vanban::render::layout::resolve(&doc, &Profile::builtin("dang-36").unwrap());
    let (nn36, _) = noi_nhan_and_signature(hd36.signature);
    assert_eq!(
        nn36.items[0].text,
        "- Đảng ủy Khối các cơ quan tỉnh (để b/c),"
    );
    let state = vanban::render::layout::resolve(&doc, &Profile::builtin("nha-nuoc").unwrap());
    assert_eq!(state.number.unwrap().text, "Số: 09/KH-ĐU");
    let (nn, right) = noi_nhan_and_signature(state.signature);
    assert_eq!(right.top[0].text, "TM. ĐẢNG ỦY");
    assert_eq!(nn.items.last().unwrap().text, "- Lưu: VT, ĐU.");
}
