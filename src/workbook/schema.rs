//! The declarative schema of each sheet: canonical column names, aliases, types, required or not.

pub use crate::error::SheetId;

/// The type of a column's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// Free text (NFC, trimmed).
    Text,
    /// Text with one item per line in the cell (tasks, targets).
    Lines,
    /// A whole number.
    Integer,
    /// A row number (STT): a whole number when it reads as one, else kept as text; never an error.
    Ordinal,
    /// A number, possibly typed as text with a decimal comma.
    Decimal,
    /// A date: date cell, serial or d/m/yyyy text.
    Date,
    /// A date in the past (ngày sinh, ngày vào Đảng): as [`ColumnKind::Date`], and a two-digit year
    /// ("05/01/80") is the latest such date not after today.
    PastDate,
    /// One of the four xếp loại levels.
    XepLoai,
    /// A yes/no mark.
    YesNo,
}

/// One column of a sheet.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// The key templates and the model use ("ho_ten").
    pub key: &'static str,
    /// The canonical header ("Họ và tên").
    pub name: &'static str,
    /// Other headers accepted for it.
    pub aliases: &'static [&'static str],
    /// Its type.
    pub kind: ColumnKind,
    /// Whether the sheet is rejected without it.
    pub required: bool,
}

/// One sheet's schema.
#[derive(Debug, Clone, Copy)]
pub struct SheetSchema {
    /// Which canonical sheet this is.
    pub id: SheetId,
    /// The canonical sheet name ("Đảng viên").
    pub name: &'static str,
    /// Other sheet names accepted.
    pub aliases: &'static [&'static str],
    /// The columns.
    pub columns: &'static [Column],
    /// The key of the column that names a row (a row without it is a group or total row).
    pub name_key: &'static str,
    /// Whether group rows ("I. Chi bộ Tổng hợp") may divide the table.
    pub groups: bool,
    /// The column a group row's label stands for when a row leaves it empty ("chi_bo").
    pub group_key: Option<&'static str>,
    /// Whether a row without a name carries on the row above (its text columns are appended).
    pub continuation: bool,
    /// Two columns that together stand for the name column when the sheet splits it ("Họ đệm" |
    /// "Tên"): the name is the two joined with one space.
    pub name_parts: Option<NameParts>,
}

/// The keys of a name split over two columns.
#[derive(Debug, Clone, Copy)]
pub struct NameParts {
    /// The left part's key ("ho_dem": họ and tên đệm).
    pub first: &'static str,
    /// The right part's key ("ten": the given name).
    pub last: &'static str,
}

const fn col(
    key: &'static str,
    name: &'static str,
    aliases: &'static [&'static str],
    kind: ColumnKind,
    required: bool,
) -> Column {
    Column {
        key,
        name,
        aliases,
        kind,
        required,
    }
}

use ColumnKind::*;

/// The self-assessed score, on both the Chi bộ and the Đảng viên sheet.
const DIEM_TU_CHAM: Column = col(
    "diem_tu_cham",
    "Điểm tự chấm",
    &["Tự chấm", "Tổng điểm tự chấm"],
    Decimal,
    false,
);

/// The self-rating, on both the Chi bộ and the Đảng viên sheet.
const TU_XEP_LOAI: Column = col(
    "tu_xep_loai",
    "Tự xếp loại",
    &[
        "Tự nhận xếp loại",
        "Tự nhận mức xếp loại",
        "Tự đánh giá xếp loại",
    ],
    XepLoai,
    false,
);

/// Sheet "Chi bộ".
pub const CHI_BO: SheetSchema = SheetSchema {
    id: SheetId::ChiBo,
    name: "Chi bộ",
    aliases: &["Chi bo", "Danh sách chi bộ", "Tổ chức đảng"],
    name_key: "ten",
    groups: true,
    group_key: None,
    continuation: false,
    name_parts: None,
    columns: &[
        col("stt", "STT", &["TT", "Số TT", "Số thứ tự"], Ordinal, false),
        col(
            "ten",
            "Tên chi bộ",
            &["Chi bộ", "Tên tổ chức đảng", "Tên chi bộ trực thuộc"],
            Text,
            true,
        ),
        col(
            "bi_thu",
            "Bí thư",
            &["Bí thư chi bộ", "Họ tên bí thư"],
            Text,
            false,
        ),
        col(
            "so_dang_vien",
            "Số đảng viên",
            &["Tổng số đảng viên", "Số ĐV"],
            Integer,
            false,
        ),
        col(
            "diem_lanh_dao",
            "Lãnh đạo hoàn thành tốt nhiệm vụ",
            &["Lãnh đạo hoàn thành tốt nhiệm vụ chính trị", "Lãnh đạo"],
            Decimal,
            false,
        ),
        col(
            "diem_sinh_hoat",
            "Chất lượng sinh hoạt tốt",
            &["Sinh hoạt"],
            Decimal,
            false,
        ),
        col(
            "diem_doan_ket",
            "Đoàn kết, kỷ luật tốt",
            &["Đoàn kết kỷ luật"],
            Decimal,
            false,
        ),
        col(
            "diem_dang_vien",
            "Đảng viên tốt",
            &["Cán bộ, đảng viên tốt"],
            Decimal,
            false,
        ),
        col("tong_diem", "Tổng điểm", &["Tổng", "Điểm"], Decimal, false),
        col(
            "xep_loai",
            "Xếp loại",
            &["Xếp loại chất lượng", "Kết quả xếp loại"],
            XepLoai,
            false,
        ),
        col("ky_cam_ket", "Ký cam kết", &["Đã ký cam kết"], YesNo, false),
        col(
            "tieu_bieu",
            "Tiêu biểu",
            &["Tập thể tiêu biểu"],
            YesNo,
            false,
        ),
        col(
            "nhiem_vu",
            "Nhiệm vụ",
            &["Nhiệm vụ trọng tâm"],
            Lines,
            false,
        ),
        col("chi_tieu_lanh_dao", "Chỉ tiêu lãnh đạo", &[], Lines, false),
        col(
            "chi_tieu_sinh_hoat",
            "Chỉ tiêu sinh hoạt",
            &[],
            Lines,
            false,
        ),
        col(
            "chi_tieu_doan_ket",
            "Chỉ tiêu đoàn kết, kỷ luật",
            &["Chỉ tiêu đoàn kết"],
            Lines,
            false,
        ),
        col(
            "chi_tieu_dang_vien",
            "Chỉ tiêu đảng viên",
            &[],
            Lines,
            false,
        ),
        DIEM_TU_CHAM,
        TU_XEP_LOAI,
        col(
            "de_xuat",
            "Đề xuất",
            &["Đề xuất xếp loại", "Cấp ủy đề xuất"],
            XepLoai,
            false,
        ),
    ],
};

/// Sheet "Đảng viên".
pub const DANG_VIEN: SheetSchema = SheetSchema {
    id: SheetId::DangVien,
    name: "Đảng viên",
    aliases: &["Dang vien", "Danh sách đảng viên", "Danh sách"],
    name_key: "ho_ten",
    groups: true,
    group_key: Some("chi_bo"),
    continuation: false,
    name_parts: Some(NameParts {
        first: "ho_dem",
        last: "ten",
    }),
    columns: &[
        col("stt", "STT", &["TT", "Số TT", "Số thứ tự"], Ordinal, false),
        col(
            "ho_ten",
            "Họ và tên",
            &["Họ tên", "Họ và tên đảng viên", "Họ tên đảng viên"],
            Text,
            true,
        ),
        col(
            "ho_dem",
            "Họ đệm",
            &["Họ và tên đệm", "Họ, tên đệm", "Họ và đệm", "Họ lót"],
            Text,
            false,
        ),
        col("ten", "Tên", &["Tên gọi"], Text, false),
        col(
            "ngay_sinh",
            "Ngày sinh",
            &["Ngày, tháng, năm sinh", "Sinh ngày"],
            PastDate,
            false,
        ),
        col(
            "ngay_vao_dang",
            "Ngày vào Đảng",
            &["Ngày kết nạp", "Ngày vào đảng"],
            PastDate,
            false,
        ),
        col(
            "chi_bo",
            "Chi bộ",
            &["Tên chi bộ", "Sinh hoạt tại chi bộ"],
            Text,
            true,
        ),
        col(
            "chuc_vu",
            "Chức vụ",
            &["Chức vụ chính quyền", "Chức vụ chuyên môn"],
            Text,
            false,
        ),
        col(
            "chuc_vu_dang",
            "Chức vụ đảng",
            &["Chức vụ Đảng"],
            Text,
            false,
        ),
        col("tong_diem", "Tổng điểm", &["Tổng", "Điểm"], Decimal, false),
        col(
            "xep_loai",
            "Xếp loại",
            &["Xếp loại chất lượng", "Kết quả xếp loại"],
            XepLoai,
            false,
        ),
        col(
            "tieu_bieu",
            "Tiêu biểu",
            &["Cá nhân tiêu biểu"],
            YesNo,
            false,
        ),
        col("ghi_chu", "Ghi chú", &["Thành tích"], Text, false),
        col(
            "chuc_vu_doan_the",
            "Chức vụ đoàn thể",
            &["Chức vụ đoàn thể, hội", "Chức vụ trong đoàn thể", "Đoàn thể"],
            Text,
            false,
        ),
        col(
            "don_vi",
            "Đơn vị công tác",
            &["Đơn vị", "Nơi công tác", "Cơ quan, đơn vị", "Nơi làm việc"],
            Text,
            false,
        ),
        col(
            "du_bi",
            "Dự bị",
            &["Đảng viên dự bị", "Là đảng viên dự bị"],
            YesNo,
            false,
        ),
        col(
            "mau_kiem_diem",
            "Mẫu kiểm điểm",
            &["Mẫu bản kiểm điểm", "Mẫu"],
            Text,
            false,
        ),
        DIEM_TU_CHAM,
        TU_XEP_LOAI,
        col(
            "de_xuat",
            "Chi bộ đề xuất",
            &["Chi bộ đề xuất xếp loại", "Đề xuất xếp loại", "Đề xuất"],
            XepLoai,
            false,
        ),
        col(
            "diem_chung",
            "Điểm tiêu chí chung",
            &["Nhóm tiêu chí chung", "Tiêu chí chung", "Điểm chung"],
            Decimal,
            false,
        ),
        col(
            "diem_nhiem_vu",
            "Điểm kết quả thực hiện nhiệm vụ",
            &[
                "Kết quả thực hiện nhiệm vụ",
                "Kết quả thực hiện nhiệm vụ được giao",
                "Điểm nhiệm vụ",
                "Điểm chuyên môn",
            ],
            Decimal,
            false,
        ),
    ],
};

/// Sheet "Nhận định": the report's prose by section.
pub const NHAN_DINH: SheetSchema = SheetSchema {
    id: SheetId::NhanDinh,
    name: "Nhận định",
    aliases: &["Nhan dinh", "Đánh giá"],
    name_key: "muc",
    groups: false,
    group_key: None,
    continuation: true,
    name_parts: None,
    columns: &[
        col("muc", "Mục", &["Nội dung mục", "Phần"], Text, true),
        col("noi_dung", "Nội dung", &["Nhận định"], Lines, true),
    ],
};

/// Sheet "Năm trước": last year's xếp loại counts.
pub const NAM_TRUOC: SheetSchema = SheetSchema {
    id: SheetId::NamTruoc,
    name: "Năm trước",
    aliases: &["Nam truoc"],
    name_key: "xep_loai",
    groups: false,
    group_key: None,
    continuation: false,
    name_parts: None,
    columns: &[
        col("xep_loai", "Xếp loại", &[], XepLoai, true),
        col("chi_bo", "Chi bộ", &["Số chi bộ"], Integer, true),
        col("dang_vien", "Đảng viên", &["Số đảng viên"], Integer, true),
    ],
};

/// Sheet "Kiểm điểm": the text of the bản kiểm điểm, one row per section (Mục) of one đảng viên (Họ và
/// tên and Chi bộ), or of the chi bộ itself (Họ và tên left empty); a row without a Mục carries on the
/// section above.
pub const KIEM_DIEM: SheetSchema = SheetSchema {
    id: SheetId::KiemDiem,
    name: "Kiểm điểm",
    aliases: &["Kiem diem", "Nội dung kiểm điểm", "Bản kiểm điểm"],
    name_key: "muc",
    groups: false,
    group_key: None,
    continuation: true,
    name_parts: None,
    columns: &[
        col(
            "ho_ten",
            "Họ và tên",
            &["Họ tên", "Đảng viên", "Họ và tên đảng viên"],
            Text,
            false,
        ),
        col("chi_bo", "Chi bộ", &["Tên chi bộ"], Text, true),
        col("muc", "Mục", &["Nội dung mục", "Phần", "Mục kiểm điểm"], Text, true),
        col(
            "noi_dung",
            "Nội dung",
            &["Nội dung kiểm điểm", "Nội dung tự kiểm điểm"],
            Lines,
            true,
        ),
    ],
};

/// The sections of a bản kiểm điểm the "Kiểm điểm" sheet's Mục names: (template key, canonical name
/// as `init`'s drop-down offers it — without commas, which a drop-down list cannot hold, and all of
/// them within its 255 characters — and the match keys a written Mục may start with, so that the
/// form's own heading, "II. Hạn chế, khuyết điểm và nguyên nhân", is read too). The individual form (43-HD/BTCTW
/// Mẫu 2A/2B/2C) and the collective one (Mẫu 01) share them.
pub const KIEM_DIEM_MUC: &[(&str, &str, &[&str])] = &[
    (
        "pham_chat",
        "Phẩm chất chính trị",
        &["phamchat", "tutuong", "chinhtri"],
    ),
    (
        "chuc_trach",
        "Thực hiện chức trách nhiệm vụ",
        &["thuchienchuctrach", "chuctrach", "thuchiennhiemvu"],
    ),
    (
        "lanh_dao",
        "Lãnh đạo quản lý",
        &["ketqualanhdao", "lanhdao", "quanly"],
    ),
    (
        "doi_moi",
        "Đổi mới sáng tạo",
        &["tinhthandoimoi", "trachnhiemtinhthandoimoi", "doimoi", "sangtao"],
    ),
    (
        "neu_guong",
        "Trách nhiệm nêu gương",
        &["trachnhiemneuguong", "neuguong"],
    ),
    (
        "cam_ket",
        "Thực hiện cam kết",
        &["thuchiencamket", "camket"],
    ),
    (
        "uu_diem",
        "Ưu điểm kết quả",
        &["uudiem", "ketquadatduoc"],
    ),
    (
        "han_che",
        "Hạn chế khuyết điểm",
        &["hanche", "khuyetdiem"],
    ),
    ("nguyen_nhan", "Nguyên nhân", &["nguyennhan"]),
    (
        "khac_phuc",
        "Kết quả khắc phục",
        &["ketquakhacphuc", "khacphuc"],
    ),
    (
        "giai_trinh",
        "Giải trình",
        &["giaitrinh"],
    ),
    (
        "trach_nhiem",
        "Trách nhiệm với tập thể",
        &["lamrotrachnhiem", "trachnhiem"],
    ),
    (
        "phuong_huong",
        "Phương hướng biện pháp",
        &["phuonghuong", "bienphap"],
    ),
];

/// Sheet "Kết quả biểu quyết": one row per đảng viên (Họ và tên, Chi bộ, optionally STT) and the votes
/// at each level, each column headed by the level's full name or its abbreviation.
pub const BIEU_QUYET: SheetSchema = SheetSchema {
    id: SheetId::BieuQuyet,
    name: "Kết quả biểu quyết",
    aliases: &[
        "Ket qua bieu quyet",
        "Biểu quyết",
        "Kết quả kiểm phiếu",
        "Kiểm phiếu",
    ],
    name_key: "ho_ten",
    groups: true,
    group_key: Some("chi_bo"),
    continuation: false,
    name_parts: None,
    columns: &[
        col("stt", "STT", &["TT", "Số TT", "Số thứ tự"], Ordinal, false),
        col(
            "ho_ten",
            "Họ và tên",
            &["Họ tên", "Họ và tên đảng viên"],
            Text,
            true,
        ),
        col("chi_bo", "Chi bộ", &["Tên chi bộ"], Text, true),
        col(
            "xuat_sac",
            "Hoàn thành xuất sắc nhiệm vụ",
            &["HTXSNV", "HT xuất sắc", "Hoàn thành xuất sắc", "Xuất sắc"],
            Integer,
            false,
        ),
        col(
            "tot",
            "Hoàn thành tốt nhiệm vụ",
            &["HTTNV", "HT tốt", "Hoàn thành tốt", "Tốt"],
            Integer,
            false,
        ),
        col(
            "hoan_thanh",
            "Hoàn thành nhiệm vụ",
            &["HTNV", "HT nhiệm vụ", "Hoàn thành"],
            Integer,
            false,
        ),
        col(
            "khong_hoan_thanh",
            "Không hoàn thành nhiệm vụ",
            &["KHTNV", "Không HT", "Không hoàn thành"],
            Integer,
            false,
        ),
    ],
};

/// One key of the "Thông tin" sheet.
#[derive(Debug, Clone, Copy)]
pub struct InfoKey {
    /// Template key.
    pub key: &'static str,
    /// Canonical label.
    pub name: &'static str,
    /// Other labels.
    pub aliases: &'static [&'static str],
    /// Value type (Text or Date).
    pub kind: ColumnKind,
    /// Required.
    pub required: bool,
}

const fn info(
    key: &'static str,
    name: &'static str,
    aliases: &'static [&'static str],
    kind: ColumnKind,
    required: bool,
) -> InfoKey {
    InfoKey {
        key,
        name,
        aliases,
        kind,
        required,
    }
}

/// Sheet "Thông tin": key in column A, value in column B.
pub const THONG_TIN_NAME: &str = "Thông tin";
/// Other names for the "Thông tin" sheet.
pub const THONG_TIN_ALIASES: &[&str] = &["Thong tin", "Thông tin chung", "Cơ quan"];
/// The optional header row of "Thông tin": over the labels' column, over the values' column. A row
/// whose value reads as the second is that header, not data.
pub(crate) const THONG_TIN_HEADER: [&str; 2] = ["Mục", "Giá trị"];

/// The canonical name and the accepted aliases of a sheet.
pub fn sheet_names(id: SheetId) -> (&'static str, &'static [&'static str]) {
    match id {
        SheetId::ThongTin => (THONG_TIN_NAME, THONG_TIN_ALIASES),
        SheetId::ChiBo => (CHI_BO.name, CHI_BO.aliases),
        SheetId::DangVien => (DANG_VIEN.name, DANG_VIEN.aliases),
        SheetId::NhanDinh => (NHAN_DINH.name, NHAN_DINH.aliases),
        SheetId::NamTruoc => (NAM_TRUOC.name, NAM_TRUOC.aliases),
        SheetId::KiemDiem => (KIEM_DIEM.name, KIEM_DIEM.aliases),
        SheetId::BieuQuyet => (BIEU_QUYET.name, BIEU_QUYET.aliases),
    }
}

/// The keys of "Thông tin".
pub const THONG_TIN: &[InfoKey] = &[
    info(
        "cap_tren",
        "Cấp trên",
        &["Cơ quan cấp trên", "Đảng bộ cấp trên"],
        Text,
        false,
    ),
    info(
        "co_quan",
        "Cơ quan ban hành",
        &["Cơ quan", "Tên cơ quan"],
        Text,
        true,
    ),
    info("ky_hieu", "Ký hiệu cơ quan", &["Ký hiệu"], Text, true),
    info("dia_danh", "Địa danh", &[], Text, true),
    info("nguoi_ky", "Người ký", &["Họ tên người ký"], Text, true),
    info("chuc_vu_nguoi_ky", "Chức vụ người ký", &[], Text, false),
    info(
        "quyen_han_ky",
        "Quyền hạn ký",
        &["Thẩm quyền ký"],
        Text,
        false,
    ),
    info("so_ke_hoach", "Số kế hoạch", &[], Text, false),
    info("ngay_ke_hoach", "Ngày kế hoạch", &[], Date, false),
    info("so_bao_cao", "Số báo cáo", &[], Text, false),
    info("ngay_bao_cao", "Ngày báo cáo", &[], Date, false),
    info("ngay_cam_ket", "Ngày cam kết", &[], Date, false),
    info(
        "so_quyet_dinh",
        "Số quyết định",
        &["Số quyết định công nhận"],
        Text,
        false,
    ),
    info(
        "ngay_quyet_dinh",
        "Ngày quyết định",
        &["Ngày quyết định công nhận"],
        Date,
        false,
    ),
    info("so_thong_bao", "Số thông báo", &[], Text, false),
    info("ngay_thong_bao", "Ngày thông báo", &[], Date, false),
    info("so_to_trinh", "Số tờ trình", &[], Text, false),
    info("ngay_to_trinh", "Ngày tờ trình", &[], Date, false),
    info(
        "nguoi_soan_thao",
        "Người soạn thảo",
        &["Người soạn", "Người dự thảo"],
        Text,
        false,
    ),
    info("nam", "Năm", &["Năm đánh giá"], Integer, false),
    info(
        "nhiem_ky",
        "Nhiệm kỳ",
        &["Nhiệm kỳ cấp ủy", "Nhiệm kỳ đại hội"],
        Text,
        false,
    ),
    info(
        "luu_hanh",
        "Phạm vi lưu hành",
        &["Lưu hành", "Phạm vi phổ biến"],
        Text,
        false,
    ),
    info("so_ban", "Số bản", &["Số lượng bản"], Integer, false),
    info(
        "lien_he",
        "Thông tin liên hệ",
        &["Liên hệ", "Địa chỉ liên hệ"],
        Text,
        false,
    ),
];
