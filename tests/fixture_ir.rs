//! The hand-written IR fixture deserialises and resolves.

#![allow(clippy::unwrap_used)]
use vanban::ir::Document;
use vanban::profile::Profile;

#[test]
fn fixture_resolves() {
    let doc: Document = serde_json::from_str(include_str!("fixtures/ke-hoach.ir.json")).unwrap();
    let layout = vanban::render::layout::resolve(&doc, &Profile::dang());
    assert_eq!(layout.number.unwrap().text, "Số 09-KH/ĐU");
    assert_eq!(layout.date.text, "Vĩnh Phúc, ngày 29 tháng 7 năm 2022");
    assert_eq!(layout.header_left[0].text, "ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH");
    assert_eq!(layout.signature_right.top[0].text, "T/M ĐẢNG ỦY");
    let nn = layout.noi_nhan.unwrap();
    assert_eq!(nn.items.last().unwrap().text, "- Lưu Văn phòng Đảng ủy.");
    // 05-HD §I.9.2.5: ";" after each recipient; 36-HD (dang-36) wrote ",".
    assert_eq!(
        nn.items[0].text,
        "- Đảng ủy Khối các cơ quan tỉnh (để b/c);"
    );
    let hd36 = vanban::render::layout::resolve(&doc, &Profile::builtin("dang-36").unwrap());
    assert_eq!(
        hd36.noi_nhan.unwrap().items[0].text,
        "- Đảng ủy Khối các cơ quan tỉnh (để b/c),"
    );
    let state = vanban::render::layout::resolve(&doc, &Profile::builtin("nha-nuoc").unwrap());
    assert_eq!(state.number.unwrap().text, "Số: 09/KH-ĐU");
    assert_eq!(state.signature_right.top[0].text, "TM. ĐẢNG ỦY");
    assert_eq!(
        state.noi_nhan.unwrap().items.last().unwrap().text,
        "- Lưu: VT, ĐU."
    );
}
