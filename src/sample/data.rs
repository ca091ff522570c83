//! The one-example-row form of `vanban init`, and what the generated workbooks share.

use super::{Cell, ChiBoRow, DangVienForms, DangVienRow, WorkbookData, info_label};
use crate::model::XepLoai;

pub(super) fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| (*x).to_owned()).collect()
}

/// The Thông tin rows of the sample, labelled with the schema's names.
pub(super) fn thong_tin(so_bao_cao: &str) -> Vec<(String, Cell)> {
    let rows = [
        ("cap_tren", Cell::from("Đảng bộ Khối các cơ quan tỉnh")),
        ("co_quan", Cell::from("Đảng ủy Văn phòng Tỉnh ủy")),
        ("ky_hieu", Cell::from("ĐU")),
        ("dia_danh", Cell::from("Vĩnh Phúc")),
        ("nguoi_ky", Cell::from("Trần Việt Cường")),
        ("chuc_vu_nguoi_ky", Cell::from("Bí thư")),
        ("quyen_han_ky", Cell::from("T/M")),
        ("so_ke_hoach", Cell::from("09")),
        ("ngay_ke_hoach", Cell::Date(2022, 7, 29)),
        ("so_bao_cao", Cell::from(so_bao_cao)),
        ("ngay_bao_cao", Cell::Date(2023, 3, 30)),
        ("ngay_cam_ket", Cell::Date(2022, 8, 4)),
        ("so_quyet_dinh", Cell::from("16")),
        ("ngay_quyet_dinh", Cell::Date(2023, 4, 10)),
        ("so_thong_bao", Cell::from("17")),
        ("ngay_thong_bao", Cell::Date(2023, 4, 12)),
        ("so_to_trinh", Cell::from("18")),
        ("ngay_to_trinh", Cell::Date(2023, 4, 14)),
        ("nam", Cell::Number(2022.0)),
        ("nhiem_ky", Cell::from("2020-2025")),
    ];
    rows.into_iter()
        .map(|(key, value)| (info_label(key), value))
        .collect()
}

/// The blank form of `vanban init`: every sheet, one example row each, consistent so that `vanban check`
/// reports nothing.
pub fn init_data() -> WorkbookData {
    let mut thong_tin = thong_tin("15");
    // The drafter line is optional: the form shows the row, empty.
    thong_tin.push((info_label("nguoi_soan_thao"), Cell::Empty));
    WorkbookData {
        thong_tin,
        chi_bo: vec![ChiBoRow {
            ten: "Tổng hợp".into(),
            bi_thu: "Nguyễn Văn An".into(),
            diem: [20.0, 20.0, 20.0, 20.0],
            xep_loai: XepLoai::Tot.ten().into(),
            ky_cam_ket: true,
            tieu_bieu: false,
            tu_danh_gia: Some((
                80.0,
                XepLoai::Tot.ten().into(),
                XepLoai::Tot.ten().into(),
            )),
            nhiem_vu: s(&["Ghi mỗi nhiệm vụ trọng tâm trên một dòng trong ô"]),
            chi_tieu: [
                s(&["Ghi mỗi chỉ tiêu trên một dòng"]),
                s(&["Sinh hoạt thường kỳ 12/12 kỳ"]),
                s(&["Không có đảng viên vi phạm kỷ luật"]),
                s(&["100% đảng viên hoàn thành nhiệm vụ trở lên"]),
            ],
        }],
        dang_vien: vec![DangVienRow {
            ho_ten: "Nguyễn Văn An".into(),
            ngay_sinh: (1980, 5, 12),
            ngay_vao_dang: (2005, 3, 26),
            chi_bo: "Tổng hợp".into(),
            chuc_vu: "Chuyên viên".into(),
            chuc_vu_dang: "Bí thư chi bộ".into(),
            tong_diem: 80.0,
            xep_loai: XepLoai::Tot.ten().into(),
            tieu_bieu: false,
            ghi_chu: String::new(),
            bieu_mau: DangVienForms {
                chuc_vu_doan_the: "Tổ trưởng công đoàn".into(),
                don_vi: "Phòng Tổng hợp".into(),
                du_bi: false,
                mau_kiem_diem: "2B".into(),
                diem_tu_cham: Some(80.0),
                tu_xep_loai: XepLoai::Tot.ten().into(),
                de_xuat: XepLoai::Tot.ten().into(),
                diem_nhom: Some((25.0, 55.0)),
            },
        }],
        nhan_dinh: vec![(
            "Ưu điểm".into(),
            "Ghi nhận định của báo cáo; mỗi đoạn một dòng.".into(),
        )],
        nam_truoc: vec![],
        kiem_diem: vec![
            (
                "Nguyễn Văn An".into(),
                "Tổng hợp".into(),
                "Hạn chế khuyết điểm".into(),
                "Ghi nội dung kiểm điểm của đảng viên; mỗi đoạn một dòng. Để trống Họ và tên cho báo cáo kiểm điểm của chi bộ.".into(),
            ),
            (
                String::new(),
                "Tổng hợp".into(),
                "Ưu điểm kết quả".into(),
                "Ghi nội dung báo cáo kiểm điểm của chi bộ; mỗi đoạn một dòng.".into(),
            ),
        ],
        bieu_quyet: vec![(
            "Nguyễn Văn An".into(),
            "Tổng hợp".into(),
            [0, 1, 0, 0],
        )],
    }
}
