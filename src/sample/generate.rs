//! The generated sample: the Vĩnh Phúc "chi bộ 4 tốt" workbook (fictional members) the committed
//! `samples/chi-bo-4-tot.xlsx` is made from, scaled workbooks for benchmarks and tests, and the hostile
//! variant whose names are full of markup. Only tests, benchmarks and `make-sample` use it (the
//! `internals` feature); the program embeds the committed file.

use super::data::{s, thong_tin};
use super::{
    BieuQuyetRow, Cell, ChiBoRow, DangVienForms, DangVienRow, KiemDiemRow, WorkbookData,
    info_label,
};
use crate::model::XepLoai;

struct ChiBoSeed {
    ten: &'static str,
    size: usize,
    diem: [f64; 4],
    xuat_sac: bool,
    tieu_bieu: bool,
    nhiem_vu: &'static [&'static str],
    chi_tieu: [&'static [&'static str]; 4],
}

const CHI_BO: [ChiBoSeed; 6] = [
    ChiBoSeed {
        ten: "Tổng hợp",
        size: 18,
        diem: [24.0, 24.0, 23.0, 23.0],
        xuat_sac: true,
        tieu_bieu: true,
        nhiem_vu: &[
            "Tham mưu tổng hợp, xây dựng chương trình công tác năm của Thường trực, Ban Thường vụ Tỉnh ủy",
            "Nâng cao chất lượng báo cáo định kỳ, đột xuất; bảo đảm đúng thời hạn",
            "Đẩy mạnh chuyển đổi số trong công tác tham mưu, tổng hợp",
        ],
        chi_tieu: [
            &[
                "100% nhiệm vụ chuyên môn hoàn thành đúng tiến độ, bảo đảm chất lượng",
                "Giới thiệu ít nhất 01 quần chúng ưu tú cho Đảng xem xét kết nạp",
            ],
            &[
                "Sinh hoạt thường kỳ 12/12 kỳ",
                "Sinh hoạt chuyên đề ít nhất 01 lần mỗi quý",
            ],
            &[
                "Không có đảng viên vi phạm kỷ luật",
                "Không có đơn thư khiếu nại, tố cáo nội bộ",
            ],
            &[
                "100% đảng viên hoàn thành nhiệm vụ trở lên",
                "Tỷ lệ hoàn thành xuất sắc nhiệm vụ không quá 20% số hoàn thành tốt",
            ],
        ],
    },
    ChiBoSeed {
        ten: "Tài chính – Kế toán",
        size: 14,
        diem: [21.0, 20.0, 22.0, 21.0],
        xuat_sac: false,
        tieu_bieu: false,
        nhiem_vu: &[
            "Quản lý, sử dụng ngân sách đúng quy định, tiết kiệm, hiệu quả",
            "Thực hiện công khai tài chính, quyết toán đúng hạn",
        ],
        chi_tieu: [
            &["Quyết toán ngân sách năm đúng thời hạn, không có sai sót phải xuất toán"],
            &[
                "Sinh hoạt thường kỳ 12/12 kỳ",
                "Có ít nhất 02 chuyên đề về thực hành tiết kiệm, chống lãng phí",
            ],
            &["Không có đảng viên vi phạm kỷ luật"],
            &["100% đảng viên hoàn thành nhiệm vụ trở lên"],
        ],
    },
    ChiBoSeed {
        ten: "Hành chính – Lưu trữ",
        size: 16,
        diem: [20.0, 21.0, 21.0, 20.0],
        xuat_sac: false,
        tieu_bieu: false,
        nhiem_vu: &[
            "Tiếp nhận, xử lý văn bản đến, đi kịp thời, đúng quy trình",
            "Số hóa tài liệu lưu trữ, bảo đảm an toàn hồ sơ",
        ],
        chi_tieu: [
            &[
                "100% văn bản đến được xử lý trong ngày làm việc",
                "Số hóa ít nhất 5.000 trang tài liệu lưu trữ",
            ],
            &["Sinh hoạt thường kỳ 12/12 kỳ"],
            &["Không có đảng viên vi phạm kỷ luật"],
            &["100% đảng viên hoàn thành nhiệm vụ trở lên"],
        ],
    },
    ChiBoSeed {
        ten: "Cơ yếu – CNTT",
        size: 15,
        diem: [22.0, 22.0, 22.0, 22.0],
        xuat_sac: false,
        tieu_bieu: true,
        nhiem_vu: &[
            "Bảo đảm thông tin cơ yếu, an toàn, bảo mật thông tin",
            "Vận hành ổn định hệ thống mạng, phần mềm quản lý văn bản",
            "Hỗ trợ kỹ thuật cho các hội nghị trực tuyến của Tỉnh ủy",
        ],
        chi_tieu: [
            &[
                "Không để xảy ra sự cố mất an toàn thông tin",
                "Hệ thống mạng hoạt động ổn định 99% thời gian",
            ],
            &[
                "Sinh hoạt thường kỳ 12/12 kỳ",
                "Sinh hoạt chuyên đề về chuyển đổi số ít nhất 02 lần/năm",
            ],
            &["Không có đảng viên vi phạm kỷ luật"],
            &["100% đảng viên hoàn thành nhiệm vụ trở lên"],
        ],
    },
    ChiBoSeed {
        ten: "Quản trị",
        size: 17,
        diem: [20.0, 20.0, 21.0, 20.0],
        xuat_sac: false,
        tieu_bieu: false,
        nhiem_vu: &[
            "Bảo đảm cơ sở vật chất, phương tiện phục vụ hoạt động của cơ quan",
            "Quản lý tài sản công đúng quy định",
        ],
        chi_tieu: [
            &["Phục vụ 100% hội nghị, sự kiện của cơ quan an toàn, chu đáo"],
            &["Sinh hoạt thường kỳ 12/12 kỳ"],
            &["Không có đảng viên vi phạm kỷ luật"],
            &["100% đảng viên hoàn thành nhiệm vụ trở lên"],
        ],
    },
    ChiBoSeed {
        ten: "Nhà khách Đầm Vạc",
        size: 16,
        diem: [19.0, 20.0, 20.0, 20.0],
        xuat_sac: false,
        tieu_bieu: false,
        nhiem_vu: &[
            "Phục vụ đón tiếp khách của Tỉnh ủy chu đáo, an toàn",
            "Nâng cao chất lượng dịch vụ, tăng nguồn thu",
        ],
        chi_tieu: [
            &["Không có phản ánh của khách về chất lượng phục vụ"],
            &["Sinh hoạt thường kỳ 12/12 kỳ"],
            &["Không có đảng viên vi phạm kỷ luật"],
            &["100% đảng viên hoàn thành nhiệm vụ trở lên"],
        ],
    },
];

const HO: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý",
    "Phan", "Đinh", "Tạ", "Kiều", "Lưu", "Khổng", "Văn",
];

const DEM_NAM: &[&str] = &[
    "Văn", "Đức", "Minh", "Quang", "Hữu", "Xuân", "Thanh", "Công", "Mạnh", "Tiến",
];

const DEM_NU: &[&str] = &[
    "Thị",
    "Thu",
    "Ngọc",
    "Thanh",
    "Hồng",
    "Phương",
    "Thị Lan",
    "Minh",
    "Bích",
    "Kim",
];

const TEN_NAM: &[&str] = &[
    "An", "Bình", "Cường", "Dũng", "Đạt", "Giang", "Hải", "Hùng", "Khánh", "Long", "Mạnh", "Nam",
    "Phúc", "Quân", "Sơn", "Thắng", "Tuấn", "Việt", "Ánh", "Duy",
];

const TEN_NU: &[&str] = &[
    "Anh", "Chi", "Dung", "Hà", "Hạnh", "Hương", "Lan", "Linh", "Mai", "Nga", "Ngân", "Oanh",
    "Phương", "Thảo", "Trang", "Uyên", "Yến", "Ánh", "Đào", "Huyền",
];

const CHUC_VU: &[&str] = &[
    "Chuyên viên",
    "Chuyên viên chính",
    "Phó Trưởng phòng",
    "Trưởng phòng",
    "Nhân viên",
    "Kế toán viên",
    "Văn thư viên",
    "Lưu trữ viên",
];

/// A small deterministic generator (no randomness crate needed for fixed sample data).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
    fn pick<'a>(&mut self, v: &[&'a str]) -> &'a str {
        v[self.next() % v.len()]
    }
}

fn score_for(x: XepLoai, rng: &mut Lcg) -> f64 {
    let (lo, span) = match x {
        XepLoai::XuatSac => (90, 9),
        XepLoai::Tot => (72, 17),
        XepLoai::HoanThanh => (55, 14),
        XepLoai::KhongHoanThanh => (35, 14),
    };
    (lo + rng.next() % (span + 1)) as f64
}

fn generated_name(rng: &mut Lcg, used: &mut std::collections::HashSet<String>) -> String {
    loop {
        let female = rng.next().is_multiple_of(2);
        let name = format!(
            "{} {} {}",
            rng.pick(HO),
            rng.pick(if female { DEM_NU } else { DEM_NAM }),
            rng.pick(if female { TEN_NU } else { TEN_NAM })
        );
        if used.insert(name.clone()) {
            return name;
        }
    }
}

/// The embedded sample: Đảng ủy Văn phòng Tỉnh ủy Vĩnh Phúc, Kế hoạch 09-KH/ĐU (29/7/2022), six chi bộ,
/// 96 fictional đảng viên (13 hoàn thành xuất sắc, 70 hoàn thành tốt, 13 hoàn thành nhiệm vụ).
pub fn sample_data() -> WorkbookData {
    let mut rng = Lcg(20220729);
    let mut used = std::collections::HashSet::new();
    used.insert("Tô Trọng Hân".to_owned());
    used.insert("Trần Việt Cường".to_owned());
    let mut dang_vien = Vec::new();
    let mut chi_bo = Vec::new();
    // Members rated xuất sắc, by chi bộ (13 in all), and hoàn thành (13 in all); the rest hoàn thành tốt.
    let xuat_sac_per = [4, 2, 2, 2, 2, 1];
    let hoan_thanh_per = [1, 3, 2, 2, 3, 2];
    for (ci, seed) in CHI_BO.iter().enumerate() {
        let mut members: Vec<DangVienRow> = Vec::new();
        for k in 0..seed.size {
            let (ho_ten, chuc_vu, chuc_vu_dang, tieu_bieu, ghi_chu) = match (ci, k) {
                (0, 0) => (
                    "Trần Việt Cường".to_owned(),
                    "Chánh Văn phòng Tỉnh ủy".to_owned(),
                    "Bí thư Đảng ủy".to_owned(),
                    false,
                    String::new(),
                ),
                (0, 6) => (
                    "Tô Trọng Hân".to_owned(),
                    "Phó Chánh Văn phòng Tỉnh ủy".to_owned(),
                    "Bí thư chi bộ".to_owned(),
                    true,
                    "Giải Nhất Hội thi Bí thư chi bộ giỏi năm 2022".to_owned(),
                ),
                (_, 1) if ci != 0 => (
                    generated_name(&mut rng, &mut used),
                    "Trưởng phòng".to_owned(),
                    "Bí thư chi bộ".to_owned(),
                    false,
                    String::new(),
                ),
                (_, 2) => (
                    generated_name(&mut rng, &mut used),
                    "Phó Trưởng phòng".to_owned(),
                    "Phó Bí thư chi bộ".to_owned(),
                    false,
                    String::new(),
                ),
                (_, 3) => (
                    generated_name(&mut rng, &mut used),
                    rng.pick(CHUC_VU).to_owned(),
                    "Chi ủy viên".to_owned(),
                    false,
                    String::new(),
                ),
                _ => (
                    generated_name(&mut rng, &mut used),
                    rng.pick(CHUC_VU).to_owned(),
                    "Đảng viên".to_owned(),
                    false,
                    String::new(),
                ),
            };
            let by = 1965 + (rng.next() % 32) as u16;
            members.push(DangVienRow {
                ho_ten,
                ngay_sinh: (by, 1 + (rng.next() % 12) as u8, 1 + (rng.next() % 28) as u8),
                ngay_vao_dang: (
                    by + 22 + (rng.next() % 8) as u16,
                    1 + (rng.next() % 12) as u8,
                    1 + (rng.next() % 28) as u8,
                ),
                chi_bo: seed.ten.to_owned(),
                chuc_vu,
                chuc_vu_dang,
                tong_diem: 0.0,
                xep_loai: String::new(),
                tieu_bieu,
                ghi_chu,
                bieu_mau: DangVienForms::default(),
            });
        }
        // Xếp loại: the bí thư and the chosen ones first as xuất sắc, the last ones hoàn thành.
        let n = members.len();
        for (k, m) in members.iter_mut().enumerate() {
            let bi_thu_row = if ci == 0 { 6 } else { 1 };
            let xs = k == bi_thu_row
                || (ci == 0 && k == 0)
                || (k >= 8 && k < 8 + xuat_sac_per[ci] - if ci == 0 { 2 } else { 1 });
            let x = if xs {
                XepLoai::XuatSac
            } else if k >= n - hoan_thanh_per[ci] {
                XepLoai::HoanThanh
            } else {
                XepLoai::Tot
            };
            m.tong_diem = score_for(x, &mut rng);
            m.xep_loai = x.ten().to_owned();
        }
        let bi_thu = members
            .iter()
            .find(|m| m.chuc_vu_dang == "Bí thư chi bộ")
            .map(|m| m.ho_ten.clone())
            .unwrap_or_default();
        chi_bo.push(ChiBoRow {
            ten: seed.ten.to_owned(),
            bi_thu,
            diem: seed.diem,
            xep_loai: if seed.xuat_sac {
                XepLoai::XuatSac
            } else {
                XepLoai::Tot
            }
            .ten()
            .to_owned(),
            ky_cam_ket: true,
            tieu_bieu: seed.tieu_bieu,
            tu_danh_gia: None,
            nhiem_vu: s(seed.nhiem_vu),
            chi_tieu: [
                s(seed.chi_tieu[0]),
                s(seed.chi_tieu[1]),
                s(seed.chi_tieu[2]),
                s(seed.chi_tieu[3]),
            ],
        });
        dang_vien.extend(members);
    }
    let bieu_quyet = evaluation_year(&mut chi_bo, &mut dang_vien);
    WorkbookData {
        thong_tin: thong_tin("15"),
        chi_bo,
        dang_vien,
        nhan_dinh: nhan_dinh(),
        nam_truoc: vec![
            (XepLoai::XuatSac.ten().into(), 0, 11),
            (XepLoai::Tot.ten().into(), 6, 68),
            (XepLoai::HoanThanh.ten().into(), 0, 15),
            (XepLoai::KhongHoanThanh.ten().into(), 0, 0),
        ],
        kiem_diem: kiem_diem(),
        bieu_quyet,
    }
}

/// The units of the sample's chi bộ, in the order of [`CHI_BO`].
const DON_VI: [&str; 6] = [
    "Phòng Tổng hợp",
    "Phòng Tài chính – Kế toán",
    "Phòng Hành chính – Lưu trữ",
    "Phòng Cơ yếu – Công nghệ thông tin",
    "Phòng Quản trị",
    "Nhà khách Đầm Vạc",
];

/// What the evaluation-year forms read, derived from the members as generated (without drawing from
/// the generator, so the rest of the sample stays as it was): each member's unit, union posts, the
/// self-assessment equal to the result, the score split into its two groups (30 + 70), one dự bị
/// (admitted in 2022, in Chi bộ Nhà khách Đầm Vạc); each chi bộ's self-assessment; and the vote on
/// every member by the chi bộ's đảng viên chính thức — nearly all for the level decided, the rest one
/// level below (Tô Trọng Hân: 17 of 18 for xuất sắc, 94,44%).
fn evaluation_year(chi_bo: &mut [ChiBoRow], dang_vien: &mut [DangVienRow]) -> Vec<BieuQuyetRow> {
    for cb in chi_bo.iter_mut() {
        let diem: f64 = cb.diem.iter().sum();
        cb.tu_danh_gia = Some((diem, cb.xep_loai.clone(), cb.xep_loai.clone()));
    }
    let last = dang_vien.len() - 1;
    for (i, d) in dang_vien.iter_mut().enumerate() {
        let ci = CHI_BO.iter().position(|c| c.ten == d.chi_bo).unwrap_or(0);
        let leader_of_office = d.chuc_vu.contains("Văn phòng Tỉnh ủy");
        let chung = (d.tong_diem * 0.3).round().min(30.0);
        d.bieu_mau = DangVienForms {
            chuc_vu_doan_the: match i % 9 {
                4 => "Tổ trưởng công đoàn".to_owned(),
                5 if ci == 0 => "Bí thư Chi đoàn".to_owned(),
                _ => String::new(),
            },
            don_vi: if leader_of_office {
                "Văn phòng Tỉnh ủy".to_owned()
            } else {
                DON_VI[ci].to_owned()
            },
            du_bi: i == last,
            mau_kiem_diem: String::new(),
            diem_tu_cham: Some(d.tong_diem),
            tu_xep_loai: d.xep_loai.clone(),
            de_xuat: d.xep_loai.clone(),
            diem_nhom: Some((chung, d.tong_diem - chung)),
        };
        if i == last {
            d.ngay_vao_dang = (2022, 5, 19);
        }
    }
    let mut out = Vec::new();
    for seed in CHI_BO.iter() {
        let members: Vec<&DangVienRow> = dang_vien.iter().filter(|d| d.chi_bo == seed.ten).collect();
        let voters = members.iter().filter(|d| !d.bieu_mau.du_bi).count() as i64;
        for (k, d) in members.iter().enumerate() {
            let level = XepLoai::ALL
                .iter()
                .position(|x| x.ten() == d.xep_loai)
                .unwrap_or(1);
            // Who votes one level lower: none, one or two voters, in turn.
            let apart = [1, 0, 2][k % 3].min(voters);
            let mut votes = [0i64; 4];
            votes[level] = voters - apart;
            votes[(level + 1).min(3)] += apart;
            out.push((d.ho_ten.clone(), d.chi_bo.clone(), votes));
        }
    }
    out
}

/// The sample's "Kiểm điểm" rows: the text of Chi bộ Tổng hợp's báo cáo kiểm điểm (some sections; the
/// others print lines to write on) and two sections of one member's.
fn kiem_diem() -> Vec<KiemDiemRow> {
    let rows: &[(&str, &str, &str, &str)] = &[
        (
            "",
            "Tổng hợp",
            "Ưu điểm kết quả",
            "Chi bộ lãnh đạo đảng viên hoàn thành tốt nhiệm vụ tham mưu tổng hợp, xây dựng chương trình công tác năm của Thường trực, Ban Thường vụ Tỉnh ủy; các báo cáo định kỳ, đột xuất bảo đảm chất lượng, đúng thời hạn.\nDuy trì nền nếp sinh hoạt chi bộ 12/12 kỳ; tổ chức 04 buổi sinh hoạt chuyên đề; không có đảng viên vi phạm kỷ luật.",
        ),
        (
            "",
            "Tổng hợp",
            "Hạn chế khuyết điểm",
            "Nội dung một số buổi sinh hoạt chuyên đề chưa phong phú; việc ứng dụng công nghệ thông tin trong tham mưu tổng hợp có lúc chưa đồng bộ.",
        ),
        (
            "",
            "Tổng hợp",
            "Nguyên nhân",
            "Khối lượng công việc chuyên môn lớn, nhiều nhiệm vụ đột xuất; một số đảng viên chưa dành nhiều thời gian nghiên cứu.",
        ),
        (
            "",
            "Tổng hợp",
            "Phương hướng biện pháp",
            "Đổi mới nội dung sinh hoạt chuyên đề gắn với nhiệm vụ chính trị của cơ quan; đẩy mạnh chuyển đổi số trong công tác tham mưu, tổng hợp.",
        ),
        (
            "Trần Việt Cường",
            "Tổng hợp",
            "Phẩm chất chính trị",
            "Luôn giữ vững lập trường tư tưởng chính trị; chấp hành nghiêm chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước; giữ gìn phẩm chất đạo đức, lối sống giản dị.",
        ),
        (
            "Trần Việt Cường",
            "Tổng hợp",
            "Thực hiện chức trách nhiệm vụ",
            "Lãnh đạo, chỉ đạo Văn phòng hoàn thành 100% nhiệm vụ được giao, trong đó trên 30% nhiệm vụ vượt yêu cầu về tiến độ và chất lượng.",
        ),
    ];
    rows.iter()
        .map(|(a, b, c, d)| ((*a).into(), (*b).into(), (*c).into(), (*d).into()))
        .collect()
}

fn nhan_dinh() -> Vec<(String, String)> {
    let rows: &[(&str, &str)] = &[
        (
            "Thuận lợi",
            "Đảng ủy nhận được sự quan tâm lãnh đạo, chỉ đạo sát sao của Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh và lãnh đạo Văn phòng Tỉnh ủy.\nĐội ngũ cán bộ, đảng viên có trình độ, tinh thần trách nhiệm cao, đoàn kết, thống nhất.",
        ),
        (
            "Khó khăn",
            "Khối lượng công việc chuyên môn lớn, nhiều nhiệm vụ đột xuất nên việc bố trí thời gian sinh hoạt chuyên đề ở một số chi bộ còn khó khăn.",
        ),
        (
            "Lãnh đạo, chỉ đạo",
            "Ngay sau khi ban hành Kế hoạch, Đảng ủy đã tổ chức Hội nghị triển khai thực hiện mô hình chi bộ “4 tốt” ngày 04/8/2022; các chi bộ xây dựng tiêu chí gắn với nhiệm vụ chuyên môn và tổ chức ký cam kết với Đảng ủy.",
        ),
        (
            "Ưu điểm",
            "Các chi bộ đều thực hiện tốt các nội dung “Lãnh đạo hoàn thành tốt nhiệm vụ chính trị - Chất lượng sinh hoạt tốt - Đoàn kết, kỷ luật tốt - Cán bộ, đảng viên tốt”.\nChất lượng sinh hoạt chi bộ được nâng lên; tinh thần tự phê bình và phê bình được phát huy; sự đoàn kết, thống nhất trong Đảng bộ được giữ vững.",
        ),
        (
            "Hạn chế",
            "Nội dung sinh hoạt chuyên đề ở một số chi bộ chưa phong phú; việc cụ thể hóa tiêu chí ở một số chi bộ còn chung chung, khó đo đếm.",
        ),
        (
            "Nguyên nhân",
            "Khách quan: nhiệm vụ chuyên môn nhiều, thời gian dành cho sinh hoạt chuyên đề còn hạn chế.\nChủ quan: một số cấp ủy viên chưa dành nhiều thời gian nghiên cứu, đổi mới nội dung sinh hoạt.",
        ),
        (
            "Bài học kinh nghiệm",
            "Phải có sự lãnh đạo, chỉ đạo thường xuyên, sát sao của cấp ủy; tiêu chí phải gắn với nhiệm vụ chính trị của từng chi bộ; phát huy vai trò nêu gương của cán bộ, đảng viên, trước hết là bí thư chi bộ.",
        ),
        (
            "Phương hướng, nhiệm vụ",
            "Tiếp tục phát huy những kết quả đạt được, phối hợp chặt chẽ với lãnh đạo cơ quan để lãnh đạo, chỉ đạo thực hiện mô hình chi bộ “4 tốt” đạt hiệu quả tốt nhất.\nXây dựng sự đoàn kết, thống nhất trong Đảng bộ; đề cao tinh thần tự phê bình và phê bình; nâng cao chất lượng sinh hoạt chi bộ và tăng cường công tác kiểm tra, giám sát đối với các chi bộ, đảng viên.",
        ),
        (
            "Kiến nghị",
            "Đề nghị Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh tiếp tục quan tâm tập huấn nghiệp vụ công tác đảng cho đội ngũ bí thư, phó bí thư chi bộ.",
        ),
    ];
    rows.iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

/// A workbook with `n` đảng viên spread over the six sample chi bộ (for benchmarks and scale tests);
/// the xếp loại mix keeps within the "xuất sắc" quota.
pub fn scaled_data(n: usize) -> WorkbookData {
    let mut data = sample_data();
    let mut rng = Lcg(n as u64 + 7);
    let mut used = std::collections::HashSet::new();
    data.dang_vien = (0..n)
        .map(|i| {
            let seed = &CHI_BO[i % CHI_BO.len()];
            let x = match i % 20 {
                0 | 1 => XepLoai::XuatSac,
                2 | 3 => XepLoai::HoanThanh,
                _ => XepLoai::Tot,
            };
            // Names repeat at scale; a suffix keeps them apart only when the pool runs out.
            let ho_ten = if used.len() < 5_000 {
                generated_name(&mut rng, &mut used)
            } else {
                format!(
                    "{} {}",
                    generated_name(&mut rng, &mut std::collections::HashSet::new()),
                    i
                )
            };
            DangVienRow {
                ho_ten,
                ngay_sinh: (
                    1970 + (i % 30) as u16,
                    1 + (i % 12) as u8,
                    1 + (i % 28) as u8,
                ),
                ngay_vao_dang: (
                    1995 + (i % 28) as u16,
                    1 + (i % 12) as u8,
                    1 + (i % 27) as u8,
                ),
                chi_bo: seed.ten.to_owned(),
                chuc_vu: CHUC_VU[i % CHUC_VU.len()].to_owned(),
                chuc_vu_dang: "Đảng viên".into(),
                tong_diem: score_for(x, &mut rng),
                xep_loai: x.ten().to_owned(),
                tieu_bieu: false,
                ghi_chu: String::new(),
                bieu_mau: DangVienForms::default(),
            }
        })
        .collect();
    // The scaled members are others than the sample's: their texts and votes do not apply.
    data.kiem_diem.clear();
    data.bieu_quyet.clear();
    data
}

/// A chi bộ name, a signer and a superior body full of characters that mean something in Markdown,
/// HTML, TOML, Typst or XML; they must print literally everywhere.
pub const HOSTILE_CHI_BO: &str = r#"Tổng hợp <b>#x</b> $y$ *z* _w_ @r \ | & "q""#;
/// A hostile signer name.
pub const HOSTILE_SIGNER: &str = r#"Trần *Việt* _Cường_ #1 \ "Bí thư" {{ x }} #eval("1+1")"#;
/// A hostile superior body.
pub const HOSTILE_PARENT: &str = r#"Đảng bộ Khối [a](b) <i>x</i> | $1$ @c ]#["#;

/// The sample with the first chi bộ renamed to [`HOSTILE_CHI_BO`], the signer [`HOSTILE_SIGNER`] and the
/// superior body [`HOSTILE_PARENT`].
pub fn hostile_data() -> WorkbookData {
    let mut data = sample_data();
    let old = data.chi_bo[0].ten.clone();
    data.chi_bo[0].ten = HOSTILE_CHI_BO.to_owned();
    for d in data.dang_vien.iter_mut().filter(|d| d.chi_bo == old) {
        d.chi_bo = HOSTILE_CHI_BO.to_owned();
    }
    for (_, chi_bo, _, _) in data.kiem_diem.iter_mut().filter(|r| r.1 == old) {
        *chi_bo = HOSTILE_CHI_BO.to_owned();
    }
    for (_, chi_bo, _) in data.bieu_quyet.iter_mut().filter(|r| r.1 == old) {
        *chi_bo = HOSTILE_CHI_BO.to_owned();
    }
    let (signer, parent) = (info_label("nguoi_ky"), info_label("cap_tren"));
    for (k, v) in data.thong_tin.iter_mut() {
        if *k == signer {
            *v = Cell::from(HOSTILE_SIGNER);
        } else if *k == parent {
            *v = Cell::from(HOSTILE_PARENT);
        }
    }
    data
}
