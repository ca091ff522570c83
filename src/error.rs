//! The library error type and the diagnostics that carry a location.
//!
//! Every error knows its exit code: 1 when data, a template or a profile is rejected, 2 for usage errors,
//! unreadable input and unwritable output. Messages are Vietnamese; each may carry a hint.

use serde::Serialize;
use std::fmt;
use std::path::PathBuf;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The data cannot be used as it is.
    Error,
    /// The data is usable, but something looks wrong (a quota breach, a score outside its band).
    Warning,
}

/// The canonical sheets of an evaluation workbook. A sheet may be named by any accepted alias
/// ("Danh sách đảng viên"); this says which one it is, whatever its written name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SheetId {
    /// "Thông tin": the issuing body, signer, document numbers and dates.
    ThongTin,
    /// "Chi bộ": one row per chi bộ.
    ChiBo,
    /// "Đảng viên": one row per đảng viên.
    DangVien,
    /// "Nhận định": the report's prose by section.
    NhanDinh,
    /// "Năm trước": last year's xếp loại counts.
    NamTruoc,
    /// "Kiểm điểm": the text of each member's (or chi bộ's) bản kiểm điểm, by section.
    KiemDiem,
    /// "Kết quả biểu quyết": each member's votes at each level.
    BieuQuyet,
}

impl SheetId {
    /// Every canonical sheet, in workbook order.
    pub const ALL: [SheetId; 7] = [
        SheetId::ThongTin,
        SheetId::ChiBo,
        SheetId::DangVien,
        SheetId::NhanDinh,
        SheetId::NamTruoc,
        SheetId::KiemDiem,
        SheetId::BieuQuyet,
    ];

    /// The canonical name ("Đảng viên").
    pub fn canonical_name(self) -> &'static str {
        match self {
            SheetId::ThongTin => "Thông tin",
            SheetId::ChiBo => "Chi bộ",
            SheetId::DangVien => "Đảng viên",
            SheetId::NhanDinh => "Nhận định",
            SheetId::NamTruoc => "Năm trước",
            SheetId::KiemDiem => "Kiểm điểm",
            SheetId::BieuQuyet => "Kết quả biểu quyết",
        }
    }
}

/// One finding about the input, with the place it was found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    #[serde(skip)]
    pub severity: Severity,
    /// The sheet name as written in the workbook, when the finding is in a sheet (for messages).
    pub sheet: Option<String>,
    /// Which canonical sheet the finding is in (set together with `sheet`); compare this, never the
    /// written name, to tell which sheet a finding belongs to.
    #[serde(skip)]
    pub sheet_id: Option<SheetId>,
    /// The A1 cell reference (or a row number such as "12"), when there is one.
    pub cell: Option<String>,
    /// A stable machine-readable code, e.g. `xep_loai_khong_hop_le`.
    pub code: String,
    /// What is wrong, in Vietnamese.
    pub message: String,
    /// How to fix it, in Vietnamese.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// The 1-based data row the finding is about, for row-level findings (a batch skips that row).
    #[serde(skip)]
    pub row: Option<usize>,
}

impl Diagnostic {
    /// An error diagnostic.
    pub fn error(code: &str, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            sheet: None,
            sheet_id: None,
            cell: None,
            code: code.to_owned(),
            message: message.into(),
            hint: None,
            row: None,
        }
    }

    /// A warning diagnostic.
    pub fn warning(code: &str, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(code, message)
        }
    }

    /// Places the diagnostic in a sheet: which canonical sheet it is, and its name as written.
    pub fn in_sheet(mut self, id: SheetId, written_name: impl Into<String>) -> Self {
        self.sheet_id = Some(id);
        self.sheet = Some(written_name.into());
        self
    }

    /// Places the diagnostic at a cell ("C7") or row reference.
    pub fn at(mut self, cell: impl Into<String>) -> Self {
        self.cell = Some(cell.into());
        self
    }

    /// Marks the finding as being about one data row.
    pub fn on_row(mut self, row: usize) -> Self {
        self.row = Some(row);
        self
    }

    /// True for errors (not warnings).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Adds a hint that says how to fix the problem.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// `Sheet!C7: message`, the way the CLI prints it (without the hint).
    pub fn location(&self) -> Option<String> {
        match (&self.sheet, &self.cell) {
            (Some(s), Some(c)) => Some(format!("{s}!{c}")),
            (Some(s), None) => Some(s.clone()),
            (None, Some(c)) => Some(c.clone()),
            (None, None) => None,
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.location() {
            Some(loc) => write!(f, "{loc}: {}", self.message)?,
            None => write!(f, "{}", self.message)?,
        }
        if let Some(h) = &self.hint {
            write!(f, "\n  gợi ý: {h}")?;
        }
        Ok(())
    }
}

/// The library error.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The workbook was read but its data is rejected; every error found is listed.
    #[error("{}", format_data_errors(file, diagnostics))]
    Data {
        /// The workbook's path as the user named it.
        file: String,
        /// The errors (never empty).
        diagnostics: Vec<Diagnostic>,
    },
    /// A file could not be opened or is not what it should be (not a spreadsheet, corrupt).
    #[error("{path}: {message}{}", hint_suffix(hint))]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        message: String,
        /// How to fix it.
        hint: Option<String>,
    },
    /// A template failed to parse or render.
    #[error("mẫu {name}{}: {message}{}", template_place(*line, place), hint_suffix(hint))]
    Template {
        /// The template's file name, e.g. `ke-hoach.md`.
        name: String,
        /// The 1-based line in that file, when known.
        line: Option<usize>,
        /// For a Word template, the place a person finds ("đoạn 12", "bảng 2 hàng 3 ô 1") instead of a
        /// line.
        place: Option<String>,
        /// What went wrong.
        message: String,
        /// How to fix it.
        hint: Option<String>,
    },
    /// A layout profile is invalid.
    #[error("hồ sơ trình bày {file}: khóa `{key}`: {message}")]
    Profile {
        /// The profile file, or the built-in profile name.
        file: String,
        /// The offending key, dotted (`page.margin_top_mm`).
        key: String,
        /// What went wrong.
        message: String,
    },
    /// The command line asks for something impossible.
    #[error("{message}{}", hint_suffix(hint))]
    Usage {
        /// What is wrong.
        message: String,
        /// How to fix it.
        hint: Option<String>,
    },
    /// An output file or directory could not be written.
    #[error("không ghi được {path}: {}", output_cause(source))]
    Output {
        /// The path that could not be written.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The register (sổ đăng ký văn bản đi) cannot be used: locked past the wait, corrupt, not a register,
    /// made by a newer vanban, or in a folder that cannot be written. The register is left unchanged.
    #[error("sổ đăng ký {path}: {message}{}", hint_suffix(hint))]
    Register {
        /// The register file.
        path: PathBuf,
        /// What went wrong.
        message: String,
        /// How to fix it.
        hint: Option<String>,
    },
    /// The renderer rejected the document (a layout program or DOCX packaging failure).
    #[error("không dựng được {format}: {message}")]
    Render {
        /// `docx` or `pdf`.
        format: &'static str,
        /// What went wrong.
        message: String,
    },
}

/// Why an output could not be written, in words a user acts on, with a hint; the system's own message
/// for causes without one.
fn output_cause(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let (why, hint) = match e.kind() {
        K::PermissionDenied => (
            "không có quyền ghi",
            "chọn thư mục khác bằng --out, hoặc cấp quyền ghi cho thư mục này",
        ),
        K::ReadOnlyFilesystem => (
            "ổ đĩa chỉ cho phép đọc",
            "chọn thư mục trên ổ đĩa khác bằng --out",
        ),
        K::StorageFull | K::QuotaExceeded => (
            "ổ đĩa đã đầy",
            "giải phóng dung lượng hoặc chọn --out trên ổ đĩa khác; các tệp đã ghi trước đó vẫn còn",
        ),
        K::IsADirectory => (
            "đã có một thư mục trùng tên",
            "đổi tên hoặc xóa thư mục đó, hoặc chọn --out khác",
        ),
        K::NotADirectory => (
            "một phần của đường dẫn là tệp, không phải thư mục",
            "chọn --out là một thư mục",
        ),
        _ => return e.to_string(),
    };
    format!("{why}{}", hint_suffix(&Some(hint.to_owned())))
}

/// ":12" after a Markdown template's name, ", đoạn 12" after a Word template's.
fn template_place(line: Option<usize>, place: &Option<String>) -> String {
    match (place, line) {
        (Some(p), _) => format!(", {p}"),
        (None, Some(l)) => format!(":{l}"),
        (None, None) => String::new(),
    }
}

fn hint_suffix(hint: &Option<String>) -> String {
    hint.as_ref()
        .map(|h| format!("\n  gợi ý: {h}"))
        .unwrap_or_default()
}

fn format_data_errors(file: &str, diagnostics: &[Diagnostic]) -> String {
    let mut out = format!("{file}: dữ liệu có {} lỗi", diagnostics.len());
    for d in diagnostics {
        out.push_str("\n  ");
        out.push_str(&d.to_string().replace('\n', "\n  "));
    }
    out
}

impl Error {
    /// The process exit code for this error: 1 rejected data/template/profile, 2 usage or I/O.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Data { .. }
            | Error::Template { .. }
            | Error::Profile { .. }
            | Error::Render { .. } => 1,
            Error::Unreadable { .. }
            | Error::Usage { .. }
            | Error::Output { .. }
            | Error::Register { .. } => 2,
        }
    }

    /// A usage error with a hint.
    pub fn usage(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Error::Usage {
            message: message.into(),
            hint: Some(hint.into()),
        }
    }
}

/// The library result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
