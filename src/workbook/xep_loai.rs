//! The four quality levels (Quy định 366-QĐ/TW) and the ways workbooks write them. The reading side
//! types a xếp loại column with it; [`crate::model`] re-exports it as the domain's level.

use super::matching::match_key;
use serde::{Deserialize, Serialize};

/// A xếp loại chất lượng level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum XepLoai {
    /// Hoàn thành xuất sắc nhiệm vụ (HTXSNV).
    XuatSac,
    /// Hoàn thành tốt nhiệm vụ (HTTNV).
    Tot,
    /// Hoàn thành nhiệm vụ (HTNV).
    HoanThanh,
    /// Không hoàn thành nhiệm vụ (KHTNV).
    KhongHoanThanh,
}

impl XepLoai {
    /// All levels, best first.
    pub const ALL: [XepLoai; 4] = [
        XepLoai::XuatSac,
        XepLoai::Tot,
        XepLoai::HoanThanh,
        XepLoai::KhongHoanThanh,
    ];

    /// The full name: "Hoàn thành xuất sắc nhiệm vụ".
    pub fn ten(self) -> &'static str {
        match self {
            XepLoai::XuatSac => "Hoàn thành xuất sắc nhiệm vụ",
            XepLoai::Tot => "Hoàn thành tốt nhiệm vụ",
            XepLoai::HoanThanh => "Hoàn thành nhiệm vụ",
            XepLoai::KhongHoanThanh => "Không hoàn thành nhiệm vụ",
        }
    }

    /// The abbreviation: "HTXSNV".
    pub fn viet_tat(self) -> &'static str {
        match self {
            XepLoai::XuatSac => "HTXSNV",
            XepLoai::Tot => "HTTNV",
            XepLoai::HoanThanh => "HTNV",
            XepLoai::KhongHoanThanh => "KHTNV",
        }
    }

    /// The JSON / template key: "xuat_sac".
    pub fn key(self) -> &'static str {
        match self {
            XepLoai::XuatSac => "xuat_sac",
            XepLoai::Tot => "tot",
            XepLoai::HoanThanh => "hoan_thanh",
            XepLoai::KhongHoanThanh => "khong_hoan_thanh",
        }
    }

    /// Reads the full text, the abbreviation or the short form ("Xuất sắc", "Tốt", "Hoàn thành",
    /// "Không hoàn thành"), in any case and with or without diacritics.
    pub fn parse(s: &str) -> Option<XepLoai> {
        let k = match_key(s);
        let k = k
            .strip_suffix("nhiemvu")
            .or_else(|| k.strip_suffix("nv"))
            .map(str::to_owned)
            .unwrap_or(k);
        Some(match k.as_str() {
            "hoanthanhxuatsac" | "htxsnv" | "htxs" | "xuatsac" => XepLoai::XuatSac,
            "hoanthanhtot" | "httnv" | "htt" | "tot" => XepLoai::Tot,
            "hoanthanh" | "htnv" | "ht" => XepLoai::HoanThanh,
            "khonghoanthanh" | "khtnv" | "khht" | "kht" => XepLoai::KhongHoanThanh,
            _ => return None,
        })
    }

    /// True for the ways a workbook says "not rated" ("Chưa xếp loại", "Không xếp loại", "Miễn đánh
    /// giá", "-"): read as an empty cell, not as an unknown level.
    pub fn is_unrated(s: &str) -> bool {
        let t = s.trim();
        if !t.is_empty() && t.chars().all(|c| matches!(c, '-' | '–' | '—' | '/')) {
            return true;
        }
        matches!(
            match_key(t).as_str(),
            "chuaxeploai"
                | "khongxeploai"
                | "mienxeploai"
                | "chuadanhgia"
                | "khongdanhgia"
                | "miendanhgia"
                | "khongdanhgiaxeploai"
                | "miendanhgiaxeploai"
                | "chuadanhgiaxeploai"
        )
    }

    /// The values accepted, for error messages.
    pub fn accepted() -> &'static str {
        "Hoàn thành xuất sắc nhiệm vụ (HTXSNV, Xuất sắc), Hoàn thành tốt nhiệm vụ (HTTNV, Tốt), \
         Hoàn thành nhiệm vụ (HTNV, Hoàn thành), Không hoàn thành nhiệm vụ (KHTNV, Không hoàn thành)"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_form() {
        for (s, x) in [
            ("Hoàn thành xuất sắc nhiệm vụ", XepLoai::XuatSac),
            ("HTXSNV", XepLoai::XuatSac),
            ("xuất sắc", XepLoai::XuatSac),
            ("hoàn thành tốt nhiệm vụ", XepLoai::Tot),
            ("Tốt", XepLoai::Tot),
            ("HTNV", XepLoai::HoanThanh),
            ("Hoàn thành", XepLoai::HoanThanh),
            ("KHÔNG HOÀN THÀNH NHIỆM VỤ", XepLoai::KhongHoanThanh),
            ("Không hoàn thành", XepLoai::KhongHoanThanh),
        ] {
            assert_eq!(XepLoai::parse(s), Some(x), "{s}");
        }
        assert_eq!(XepLoai::parse("Khá"), None);
        assert_eq!(XepLoai::parse("htxs nv"), Some(XepLoai::XuatSac));
        assert_eq!(XepLoai::parse("Hoàn thành tốt NV"), Some(XepLoai::Tot));
        assert_eq!(XepLoai::parse("khtnv"), Some(XepLoai::KhongHoanThanh));
        assert_eq!(XepLoai::parse("Chưa xếp loại"), None);
        assert!(XepLoai::is_unrated("Chưa xếp loại"));
        assert!(XepLoai::is_unrated("-"));
        assert!(!XepLoai::is_unrated("Khá"));
    }
}
