//! The register as a book: `so-dang-ky-van-ban-di.xlsx` (sheet 1: the cover lines, a header row with
//! the column names of NĐ 30 Phụ lục IV, the rows; sheet 2: what vanban knows of each row) and the
//! document model of the printable register (a cover page, then the table on landscape pages), which
//! the pipeline lays out and writes as PDF like any other document.

use super::store::Row;
use crate::error::{Error, Result};
use crate::ir::{
    Align, Appendix, Block, Document, Header, Inline, Orientation, Signatures, Table, Title,
};
use crate::text::Date;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook};

/// The file names of the export, without extension.
pub const EXPORT_STEM: &str = "so-dang-ky-van-ban-di";

/// The ten columns of the sổ đăng ký văn bản đi (NĐ 30 Phụ lục IV, I), in order.
pub const COLUMNS: [&str; 10] = [
    "Số, ký hiệu văn bản",
    "Ngày tháng văn bản",
    "Tên loại và trích yếu nội dung văn bản",
    "Người ký",
    "Nơi nhận văn bản",
    "Đơn vị, người nhận bản lưu",
    "Số lượng bản",
    "Ngày chuyển",
    "Ký nhận",
    "Ghi chú",
];

/// The cover lines of the book (Phụ lục IV: the bodies, the title, the year or term, the dates and
/// numbers it runs from and to, the volume).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cover {
    /// Tên cơ quan chủ quản trực tiếp.
    pub cap_tren: Option<String>,
    /// Tên cơ quan, đơn vị.
    pub co_quan: String,
    /// Place name for the date line of the printed cover.
    pub dia_danh: String,
    /// "Nhiệm kỳ: 2020-2025" or "Năm: 2026".
    pub ky: String,
    /// "Từ ngày 12/04/2023 đến ngày 14/04/2023".
    pub tu_ngay: String,
    /// "Từ số 01-TB/ĐU đến số 06-TB/ĐU", one per series.
    pub tu_so: Vec<String>,
    /// "Quyển số: 01".
    pub quyen: String,
}

fn date_text(iso: Option<&str>) -> String {
    iso.and_then(Date::parse_iso)
        .map(|d| format!("{:02}/{:02}/{}", d.day, d.month, d.year))
        .unwrap_or_default()
}

/// The cover of the rows: bodies from the latest row, the period(s), the first and last dates, the
/// first and last number of each series (in the order the series first appear).
pub fn cover(rows: &[Row], period_label: Option<&str>) -> Cover {
    let last = rows.last();
    let mut periods: Vec<(String, String)> = Vec::new();
    for r in rows {
        let p = (r.ky_loai.clone(), r.ky.clone());
        if !periods.contains(&p) {
            periods.push(p);
        }
    }
    let ky = match period_label {
        Some(l) => l.to_owned(),
        None if periods.is_empty() => "Năm: …".to_owned(),
        None => {
            let terms: Vec<&str> = periods
                .iter()
                .filter(|(k, _)| k == "nhiem-ky")
                .map(|(_, v)| v.as_str())
                .collect();
            let years: Vec<&str> = periods
                .iter()
                .filter(|(k, _)| k == "nam")
                .map(|(_, v)| v.as_str())
                .collect();
            let mut parts = Vec::new();
            if !terms.is_empty() {
                parts.push(format!("Nhiệm kỳ: {}", terms.join(", ")));
            }
            if !years.is_empty() {
                parts.push(format!("Năm: {}", years.join(", ")));
            }
            parts.join("; ")
        }
    };
    let dates: Vec<&str> = rows.iter().filter_map(|r| r.ngay.as_deref()).collect();
    let tu_ngay = match (dates.iter().min(), dates.iter().max()) {
        (Some(a), Some(b)) => format!(
            "Từ ngày {} đến ngày {}",
            date_text(Some(a)),
            date_text(Some(b))
        ),
        _ => "Từ ngày … đến ngày …".to_owned(),
    };
    let mut series: Vec<(String, String)> = Vec::new();
    for r in rows {
        let k = (r.loat.clone(), r.ky.clone());
        if !series.contains(&k) {
            series.push(k);
        }
    }
    let tu_so = if series.is_empty() {
        vec!["Từ số … đến số …".to_owned()]
    } else {
        series
            .iter()
            .filter_map(|(loat, ky)| {
                let of: Vec<&Row> = rows
                    .iter()
                    .filter(|r| &r.loat == loat && &r.ky == ky)
                    .collect();
                let first = of.iter().min_by_key(|r| r.so)?;
                let last = of.iter().max_by_key(|r| r.so)?;
                Some(format!(
                    "Từ số {} đến số {}",
                    first.so_ky_hieu, last.so_ky_hieu
                ))
            })
            .collect()
    };
    Cover {
        cap_tren: last.and_then(|r| r.cap_tren.clone()),
        co_quan: last.map(|r| r.co_quan.clone()).unwrap_or_default(),
        dia_danh: last.map(|r| r.dia_danh.clone()).unwrap_or_default(),
        ky,
        tu_ngay,
        tu_so,
        quyen: "Quyển số: 01".to_owned(),
    }
}

/// The ten cells of a row, as the book prints them.
pub fn cells(r: &Row) -> [String; 10] {
    let ghi_chu = match r.trang_thai.as_str() {
        "da-huy" => {
            let why = r.ly_do_huy.as_deref().unwrap_or_default();
            let note = format!("Đã hủy: {why}");
            if r.ghi_chu.is_empty() {
                note
            } else {
                format!("{note}; {}", r.ghi_chu)
            }
        }
        "dang-cap" => "Đang cấp số, chưa ghi xong tệp".to_owned(),
        _ => r.ghi_chu.clone(),
    };
    let ten = if r.trich_yeu.is_empty() {
        r.ten_loai.clone()
    } else {
        format!("{} {}", r.ten_loai, r.trich_yeu)
    };
    [
        r.so_ky_hieu.clone(),
        date_text(r.ngay.as_deref()),
        ten,
        r.nguoi_ky.clone(),
        r.noi_nhan.clone(),
        r.luu.clone(),
        r.so_luong_ban.map(|n| n.to_string()).unwrap_or_default(),
        date_text(r.ngay_chuyen.as_deref()),
        r.ky_nhan.clone().unwrap_or_default(),
        ghi_chu,
    ]
}

/// The rows in book order: by period, then series, then number.
pub fn book_order(rows: &[Row]) -> Vec<&Row> {
    let mut v: Vec<&Row> = rows.iter().collect();
    // Series in the order they first appear; numbers ascending inside each.
    let mut first_seen: Vec<(String, String)> = Vec::new();
    for r in rows {
        let k = (r.ky.clone(), r.loat.clone());
        if !first_seen.contains(&k) {
            first_seen.push(k);
        }
    }
    v.sort_by_key(|r| {
        let k = (r.ky.clone(), r.loat.clone());
        (
            first_seen.iter().position(|x| *x == k).unwrap_or(usize::MAX),
            r.so,
        )
    });
    v
}

fn xlsx_error(e: rust_xlsxwriter::XlsxError) -> Error {
    Error::Render {
        format: "xlsx",
        message: e.to_string(),
    }
}

/// `so-dang-ky-van-ban-di.xlsx`: sheet 1 the book (cover lines, the Phụ lục IV header row, the rows),
/// sheet 2 what vanban knows of each row (state, kind, files and their SHA-256, who took the number).
pub fn xlsx(rows: &[Row], cover: &Cover) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let title = Format::new().set_bold().set_font_size(14);
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin)
        .set_background_color("EEF2F7");
    let cell = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin);
    let ws = wb.add_worksheet();
    ws.set_name("Sổ đăng ký văn bản đi").map_err(xlsx_error)?;
    let mut r: u32 = 0;
    if let Some(c) = cover.cap_tren.as_deref().filter(|c| !c.is_empty()) {
        ws.write_string(r, 0, c.to_uppercase()).map_err(xlsx_error)?;
        r += 1;
    }
    ws.write_string_with_format(r, 0, cover.co_quan.to_uppercase(), &bold)
        .map_err(xlsx_error)?;
    r += 2;
    ws.write_string_with_format(r, 0, "SỔ ĐĂNG KÝ VĂN BẢN ĐI", &title)
        .map_err(xlsx_error)?;
    r += 1;
    for line in std::iter::once(&cover.ky)
        .chain(std::iter::once(&cover.tu_ngay))
        .chain(cover.tu_so.iter())
        .chain(std::iter::once(&cover.quyen))
    {
        ws.write_string(r, 0, line).map_err(xlsx_error)?;
        r += 1;
    }
    r += 1;
    let widths = [16.0, 12.0, 48.0, 20.0, 30.0, 22.0, 9.0, 12.0, 12.0, 28.0];
    for (c, (name, w)) in COLUMNS.iter().zip(widths).enumerate() {
        let c = c as u16;
        ws.write_string_with_format(r, c, *name, &head)
            .map_err(xlsx_error)?;
        ws.set_column_width(c, w).map_err(xlsx_error)?;
    }
    ws.set_row_height(r, 45).map_err(xlsx_error)?;
    ws.set_freeze_panes(r + 1, 0).map_err(xlsx_error)?;
    // Printed as the book: A4 landscape, the ten columns on one page's width, the header row on every
    // page.
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(r, r).map_err(xlsx_error)?;
    r += 1;
    for row in book_order(rows) {
        let texts = cells(row);
        // Spreadsheet programs do not grow a row for wrapped text written by a library: give each row
        // the height of its longest cell, wrapped at its column's width.
        let lines = texts
            .iter()
            .zip(widths)
            .map(|(t, w)| {
                t.split('\n')
                    .map(|l| (l.chars().count() as f64 / (w - 1.0)).ceil().max(1.0))
                    .sum::<f64>()
            })
            .fold(1.0, f64::max);
        ws.set_row_height(r, 15.0 * lines).map_err(xlsx_error)?;
        for (c, text) in texts.iter().enumerate() {
            let c = c as u16;
            if c == 6
                && let Some(n) = row.so_luong_ban
            {
                ws.write_number_with_format(r, c, n as f64, &cell)
                    .map_err(xlsx_error)?;
            } else {
                ws.write_string_with_format(r, c, text, &cell)
                    .map_err(xlsx_error)?;
            }
        }
        r += 1;
    }

    let detail = wb.add_worksheet();
    detail.set_name("Chi tiết").map_err(xlsx_error)?;
    let names = [
        "Số, ký hiệu văn bản",
        "Trạng thái",
        "Lý do hủy",
        "Loại (mẫu)",
        "Hồ sơ trình bày",
        "Dữ liệu",
        "Người lấy số",
        "Máy",
        "Lúc lấy số",
        "Lúc cấp",
        "Tệp",
        "SHA-256",
    ];
    for (c, name) in names.iter().enumerate() {
        detail
            .write_string_with_format(0, c as u16, *name, &head)
            .map_err(xlsx_error)?;
    }
    for (i, row) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        let state = match row.trang_thai.as_str() {
            "da-cap" => "đã cấp",
            "da-huy" => "đã hủy",
            _ => "đang cấp",
        };
        let files: Vec<String> = row
            .tep
            .iter()
            .map(|f| f.duong_dan.clone().unwrap_or_else(|| f.ten.clone()))
            .collect();
        let hashes: Vec<&str> = row.tep.iter().map(|f| f.sha256.as_str()).collect();
        let values = [
            row.so_ky_hieu.as_str(),
            state,
            row.ly_do_huy.as_deref().unwrap_or_default(),
            row.loai_van_ban.as_str(),
            row.ho_so.as_str(),
            row.du_lieu.as_str(),
            row.nguoi_lay.as_str(),
            row.may.as_str(),
            row.lay_luc.as_str(),
            row.cap_luc.as_deref().unwrap_or_default(),
            &files.join("\n"),
            &hashes.join("\n"),
        ];
        for (c, v) in values.iter().enumerate() {
            detail.write_string(r, c as u16, *v).map_err(xlsx_error)?;
        }
    }
    wb.save_to_buffer().map_err(xlsx_error)
}

/// The printable register as a document: a cover page (the bodies, the title, the period, the dates
/// and numbers it runs over, the volume), then the ten columns as a table on landscape pages, its
/// header repeated on every page. Laid out and written by the same writers as every document.
pub fn document(rows: &[Row], cover: &Cover, today: Date) -> Document {
    let para = |t: &str| Block::Paragraph {
        content: vec![Inline::plain(t)],
        align: Default::default(),
    };
    let mut blocks = vec![para(&format!("{}.", cover.tu_ngay))];
    blocks.extend(cover.tu_so.iter().map(|l| para(&format!("{l}."))));
    blocks.push(para(&format!("{}.", cover.quyen)));
    let table = Table {
        align: vec![
            Align::Center,
            Align::Center,
            Align::Left,
            Align::Left,
            Align::Left,
            Align::Left,
            Align::Center,
            Align::Center,
            Align::Left,
            Align::Left,
        ],
        header: COLUMNS.iter().map(|c| vec![Inline::plain(*c)]).collect(),
        rows: book_order(rows)
            .into_iter()
            .map(|r| cells(r).iter().map(|t| vec![Inline::plain(t)]).collect())
            .collect(),
        ..Table::default()
    };
    let mut title_line = cover.ky.clone();
    if title_line.is_empty() {
        title_line = "…".into();
    }
    Document {
        file_stem: EXPORT_STEM.to_owned(),
        header: Header {
            cap_tren: cover.cap_tren.clone(),
            co_quan: cover.co_quan.clone(),
            number: None,
            dia_danh: cover.dia_danh.clone(),
            ngay: Some(today),
        },
        title: Title {
            ten_loai: "Sổ đăng ký văn bản đi".to_owned(),
            trich_yeu: vec![Inline::plain(title_line)],
        },
        blocks,
        signatures: Signatures::default(),
        appendices: vec![Appendix {
            title: vec![Inline::plain("Sổ đăng ký văn bản đi")],
            kem_theo: false,
            orientation: Orientation::Landscape,
            blocks: vec![Block::Table(table)],
        }],
        ..Document::default()
    }
}
