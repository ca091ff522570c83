//! The register on disk: one SQLite file (rusqlite, SQLite compiled in, nothing to install).
//!
//! Schema (version 1, `PRAGMA user_version`; `PRAGMA application_id` marks the file as a vanban
//! register):
//! - `van_ban_di`: one row per number taken — the columns of NĐ 30 Phụ lục IV (số và ký hiệu, ngày, tên
//!   loại, trích yếu, người ký, nơi nhận, bản lưu, số lượng bản, ngày chuyển, ký nhận, ghi chú) and
//!   what vanban knows (series, period, kind, profile, files with their SHA-256, who took the number,
//!   on which machine and process, when, and the state: `dang-cap` while the files are being made,
//!   `da-cap` issued, `da-huy` cancelled with its reason). `UNIQUE (loat, ky, so)`: a number is never
//!   given twice in a series and period, whatever the callers do.
//! - `loat_bat_dau`: where a series continues from (`register start KH 57`).
//!
//! Every change is one `BEGIN IMMEDIATE` transaction, so writers queue (a busy timeout of
//! [`busy_timeout`], 10 s unless `VANBAN_CHO_SO_DANG_KY` gives seconds) and a number is taken together
//! with its row or not at all. The journal is SQLite's rollback journal: at rest the register is one
//! file, which is its backup.

use super::series::{Period, Series, match_key};
use crate::error::{Error, Result};
use crate::text::Date;
use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, TransactionBehavior, params};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Marks an SQLite file as a vanban register ("vbSD").
const APPLICATION_ID: i64 = 0x7662_5344;
/// The schema version this vanban writes.
pub const SCHEMA_VERSION: i64 = 1;

/// Each step brings the schema from version `i` to `i + 1`.
const MIGRATIONS: [&str; 1] = [r#"
CREATE TABLE van_ban_di (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    loat TEXT NOT NULL,
    ky_loai TEXT NOT NULL CHECK (ky_loai IN ('nhiem-ky', 'nam')),
    ky TEXT NOT NULL,
    so INTEGER NOT NULL CHECK (so > 0),
    so_ky_hieu TEXT NOT NULL,
    khoa_so TEXT NOT NULL,
    loai TEXT NOT NULL,
    ky_hieu TEXT NOT NULL,
    ngay TEXT,
    ten_loai TEXT NOT NULL,
    trich_yeu TEXT NOT NULL,
    nguoi_ky TEXT NOT NULL,
    noi_nhan TEXT NOT NULL,
    luu TEXT NOT NULL,
    so_luong_ban INTEGER,
    ngay_chuyen TEXT,
    ky_nhan TEXT,
    ghi_chu TEXT NOT NULL DEFAULT '',
    co_quan TEXT NOT NULL,
    cap_tren TEXT,
    dia_danh TEXT NOT NULL DEFAULT '',
    loai_van_ban TEXT NOT NULL,
    ho_so TEXT NOT NULL,
    du_lieu TEXT NOT NULL,
    tep TEXT NOT NULL DEFAULT '[]',
    trang_thai TEXT NOT NULL CHECK (trang_thai IN ('dang-cap', 'da-cap', 'da-huy')),
    ly_do_huy TEXT,
    huy_luc TEXT,
    huy_boi TEXT,
    nguoi_lay TEXT NOT NULL,
    may TEXT NOT NULL,
    tien_trinh INTEGER NOT NULL,
    lay_luc TEXT NOT NULL,
    cap_luc TEXT,
    UNIQUE (loat, ky, so)
);
CREATE INDEX van_ban_di_khoa_so ON van_ban_di (khoa_so);
CREATE TABLE loat_bat_dau (
    loat TEXT NOT NULL,
    ky TEXT NOT NULL,
    so_tiep INTEGER NOT NULL CHECK (so_tiep > 0),
    dat_luc TEXT NOT NULL,
    dat_boi TEXT NOT NULL,
    PRIMARY KEY (loat, ky)
);
"#];

/// How long a writer waits for another before giving up: `VANBAN_CHO_SO_DANG_KY` seconds, else 10 s.
pub fn busy_timeout() -> Duration {
    std::env::var("VANBAN_CHO_SO_DANG_KY")
        .ok()
        .and_then(|s| s.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s >= 0.0)
        .map_or(Duration::from_secs(10), Duration::from_secs_f64)
}

/// A file recorded with a document: its name, where it was written (absent for a download from the web
/// page) and its SHA-256.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRecord {
    /// The file's name ("thong-bao-001-tong-hop.pdf").
    pub ten: String,
    /// Its absolute path when vanban wrote it to disk; `None` when it was handed to a browser.
    pub duong_dan: Option<String>,
    /// SHA-256 of its bytes, lower-case hex.
    pub sha256: String,
}

/// What a new row says about its document (the series and number are the register's).
#[derive(Debug, Clone, Default)]
pub struct Entry {
    /// Document date.
    pub ngay: Option<Date>,
    /// Tên loại ("Thông báo").
    pub ten_loai: String,
    /// Trích yếu.
    pub trich_yeu: String,
    /// Người ký.
    pub nguoi_ky: String,
    /// Nơi nhận, joined with "; ".
    pub noi_nhan: String,
    /// Đơn vị, người nhận bản lưu.
    pub luu: String,
    /// Số lượng bản, when known.
    pub so_luong_ban: Option<i64>,
    /// Ghi chú.
    pub ghi_chu: String,
    /// Issuing body.
    pub co_quan: String,
    /// Superior body.
    pub cap_tren: Option<String>,
    /// Place name of the date line.
    pub dia_danh: String,
    /// The kind (template) that made it, or "" for a document typed elsewhere.
    pub kind: String,
    /// The profile.
    pub profile: String,
    /// The workbook it was made from.
    pub du_lieu: String,
    /// Who took the number (user account, name typed in the page, or client address).
    pub nguoi_lay: String,
}

/// A number taken: the row and how the number prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Taken {
    /// The row's id.
    pub id: i64,
    /// The number.
    pub so: i64,
    /// The number as the document prints it ("05").
    pub so_text: String,
    /// Number and symbol ("05-TB/ĐU").
    pub so_ky_hieu: String,
}

/// One row of the register, as `vanban register --json` prints it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    /// The row's id (the order numbers were taken in).
    pub id: i64,
    /// (1) Số, ký hiệu ("05-TB/ĐU").
    pub so_ky_hieu: String,
    /// The number alone.
    pub so: i64,
    /// Type code.
    pub loai: String,
    /// Issuer code.
    pub ky_hieu: String,
    /// The series key.
    pub loat: String,
    /// `nhiem-ky` or `nam`: what the series restarts on.
    pub ky_loai: String,
    /// The term ("2020-2025") or year ("2026") of the series.
    pub ky: String,
    /// (2) Ngày tháng văn bản (ISO).
    pub ngay: Option<String>,
    /// (3) Tên loại …
    pub ten_loai: String,
    /// … và trích yếu.
    pub trich_yeu: String,
    /// (4) Người ký.
    pub nguoi_ky: String,
    /// (5) Nơi nhận.
    pub noi_nhan: String,
    /// (6) Đơn vị, người nhận bản lưu.
    pub luu: String,
    /// (7) Số lượng bản.
    pub so_luong_ban: Option<i64>,
    /// (8) Ngày chuyển.
    pub ngay_chuyen: Option<String>,
    /// (9) Ký nhận.
    pub ky_nhan: Option<String>,
    /// (10) Ghi chú.
    pub ghi_chu: String,
    /// Issuing body.
    pub co_quan: String,
    /// Superior body.
    pub cap_tren: Option<String>,
    /// The kind that made it ("" for `register add`).
    pub loai_van_ban: String,
    /// The profile.
    pub ho_so: String,
    /// The workbook.
    pub du_lieu: String,
    /// The files and their SHA-256.
    pub tep: Vec<FileRecord>,
    /// `dang-cap`, `da-cap` or `da-huy`.
    pub trang_thai: String,
    /// Why it was cancelled.
    pub ly_do_huy: Option<String>,
    /// When it was cancelled.
    pub huy_luc: Option<String>,
    /// Who cancelled it.
    pub huy_boi: Option<String>,
    /// Who took the number.
    pub nguoi_lay: String,
    /// The machine it was taken on.
    pub may: String,
    /// The process that took it.
    pub tien_trinh: i64,
    /// When it was taken (RFC 3339, Vietnam time).
    pub lay_luc: String,
    /// When its files were committed.
    pub cap_luc: Option<String>,
    /// The place name of its date line.
    pub dia_danh: String,
}

const ROW_COLUMNS: &str = "id, so_ky_hieu, so, loai, ky_hieu, loat, ky_loai, ky, ngay, ten_loai, trich_yeu, \
     nguoi_ky, noi_nhan, luu, so_luong_ban, ngay_chuyen, ky_nhan, ghi_chu, co_quan, cap_tren, \
     loai_van_ban, ho_so, du_lieu, tep, trang_thai, ly_do_huy, huy_luc, huy_boi, nguoi_lay, may, \
     tien_trinh, lay_luc, cap_luc, dia_danh";

fn row_from(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    let tep: String = r.get(23)?;
    Ok(Row {
        id: r.get(0)?,
        so_ky_hieu: r.get(1)?,
        so: r.get(2)?,
        loai: r.get(3)?,
        ky_hieu: r.get(4)?,
        loat: r.get(5)?,
        ky_loai: r.get(6)?,
        ky: r.get(7)?,
        ngay: r.get(8)?,
        ten_loai: r.get(9)?,
        trich_yeu: r.get(10)?,
        nguoi_ky: r.get(11)?,
        noi_nhan: r.get(12)?,
        luu: r.get(13)?,
        so_luong_ban: r.get(14)?,
        ngay_chuyen: r.get(15)?,
        ky_nhan: r.get(16)?,
        ghi_chu: r.get(17)?,
        co_quan: r.get(18)?,
        cap_tren: r.get(19)?,
        loai_van_ban: r.get(20)?,
        ho_so: r.get(21)?,
        du_lieu: r.get(22)?,
        tep: serde_json::from_str(&tep).unwrap_or_default(),
        trang_thai: r.get(24)?,
        ly_do_huy: r.get(25)?,
        huy_luc: r.get(26)?,
        huy_boi: r.get(27)?,
        nguoi_lay: r.get(28)?,
        may: r.get(29)?,
        tien_trinh: r.get(30)?,
        lay_luc: r.get(31)?,
        cap_luc: r.get(32)?,
        dia_danh: r.get(33)?,
    })
}

/// Which rows a listing shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Documents dated in this year (or, undated, in a series of this year).
    pub nam: Option<i32>,
    /// Series of this term.
    pub nhiem_ky: Option<String>,
}

impl Filter {
    fn keeps(&self, r: &Row) -> bool {
        let year_ok = self.nam.is_none_or(|y| {
            let y = y.to_string();
            match &r.ngay {
                Some(d) => d.starts_with(&y),
                None => r.ky_loai == "nam" && r.ky == y,
            }
        });
        let term_ok = self.nhiem_ky.as_deref().is_none_or(|t| {
            r.ky_loai == "nhiem-ky" && r.ky == super::series::normalise_term(t)
        });
        year_ok && term_ok
    }
}

/// Now, in Vietnam time (UTC+7, no daylight saving), RFC 3339.
pub fn now_text() -> String {
    let now = chrono::Utc::now();
    match chrono::FixedOffset::east_opt(7 * 3600) {
        Some(offset) => now
            .with_timezone(&offset)
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
        None => now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    }
}

/// Today in Vietnam (UTC+7): the date of a number taken without one, and the year of its series.
pub fn today() -> Date {
    use chrono::Datelike;
    let now = chrono::Utc::now() + chrono::Duration::hours(7);
    Date::new(now.year(), now.month(), now.day()).unwrap_or(Date {
        year: now.year(),
        month: 1,
        day: 1,
    })
}

/// This machine's name (for the rows: a reservation of a process on this machine can be checked).
pub fn machine() -> String {
    #[cfg(unix)]
    {
        rustix::system::uname().nodename().to_string_lossy().into_owned()
    }
    #[cfg(not(unix))]
    {
        std::env::var("COMPUTERNAME").unwrap_or_default()
    }
}

/// Whether process `pid` on this machine still runs (`None` when the system cannot tell).
pub fn process_alive(pid: i64) -> Option<bool> {
    if pid == i64::from(std::process::id()) {
        return Some(true);
    }
    #[cfg(unix)]
    {
        let pid = i32::try_from(pid)
            .ok()
            .and_then(rustix::process::Pid::from_raw)?;
        Some(match rustix::process::test_kill_process(pid) {
            Ok(()) => true,
            Err(e) => e != rustix::io::Errno::SRCH,
        })
    }
    #[cfg(not(unix))]
    {
        None
    }
}

/// The register file, open.
pub struct Register {
    conn: Connection,
    path: PathBuf,
}

/// Maps an SQLite error to the register error a user can act on.
pub(crate) fn db_error(path: &Path, e: &rusqlite::Error) -> Error {
    let (message, hint) = match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => (
            format!(
                "đang bị một chương trình khác giữ khóa quá {} giây",
                busy_timeout().as_secs_f64()
            ),
            "đợi việc cấp số đang chạy xong, hoặc đóng chương trình đang mở tệp sổ, rồi chạy lại",
        ),
        Some(ErrorCode::NotADatabase) => (
            "không phải sổ đăng ký (tệp không phải cơ sở dữ liệu SQLite)".to_owned(),
            "chọn đúng tệp sổ bằng --so-dang-ky; muốn lập sổ mới thì dùng một tên tệp chưa có",
        ),
        Some(ErrorCode::DatabaseCorrupt) => (
            "tệp sổ bị hỏng".to_owned(),
            "khôi phục từ bản sao lưu (sổ là một tệp duy nhất); không ghi gì thêm vào tệp hỏng",
        ),
        Some(
            ErrorCode::ReadOnly
            | ErrorCode::CannotOpen
            | ErrorCode::PermissionDenied
            | ErrorCode::SystemIoFailure,
        ) => (
            "không ghi được: thư mục hoặc tệp sổ chỉ cho phép đọc (hoặc thư mục không tồn tại)".to_owned(),
            "đặt sổ trong một thư mục ghi được bằng --so-dang-ky, hoặc cấp quyền ghi",
        ),
        Some(ErrorCode::DiskFull) => (
            "ổ đĩa đã đầy".to_owned(),
            "giải phóng dung lượng rồi chạy lại",
        ),
        _ => (
            format!("lỗi cơ sở dữ liệu: {e}"),
            "kiểm tra tệp sổ; khôi phục từ bản sao lưu nếu cần",
        ),
    };
    Error::Register {
        path: path.to_path_buf(),
        message,
        hint: Some(hint.to_owned()),
    }
}

impl Register {
    /// Opens the register at `path` to write, creating it (and its schema) when the file does not exist
    /// or is empty. The folder must exist and be writable.
    pub fn open_write(path: &Path) -> Result<Register> {
        Self::open(path, true)?.ok_or_else(|| Error::Register {
            path: path.to_path_buf(),
            message: "không mở được".into(),
            hint: None,
        })
    }

    /// Opens the register at `path` to read; `None` when there is no such file (an empty register).
    /// Nothing is created or changed.
    pub fn open_read(path: &Path) -> Result<Option<Register>> {
        Self::open(path, false)
    }

    fn open(path: &Path, write: bool) -> Result<Option<Register>> {
        let err = |e: rusqlite::Error| db_error(path, &e);
        if path.is_dir() {
            return Err(Error::Register {
                path: path.to_path_buf(),
                message: "là một thư mục, không phải tệp sổ".into(),
                hint: Some("ví dụ --so-dang-ky so-dang-ky.sqlite".into()),
            });
        }
        let exists = path.exists();
        if !write && !exists {
            return Ok(None);
        }
        if write && !exists {
            let parent = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            if !parent.is_dir() {
                return Err(Error::Register {
                    path: path.to_path_buf(),
                    message: format!("thư mục {} không tồn tại", parent.display()),
                    hint: Some("tạo thư mục trước, hoặc chọn đường dẫn khác bằng --so-dang-ky".into()),
                });
            }
        }
        let flags = if write {
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE
        } else {
            OpenFlags::SQLITE_OPEN_READ_ONLY
        } | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(err)?;
        conn.busy_timeout(busy_timeout()).map_err(err)?;
        let mut reg = Register {
            conn,
            path: path.to_path_buf(),
        };
        reg.check_and_migrate(write)?;
        Ok(Some(reg))
    }

    fn err(&self, e: rusqlite::Error) -> Error {
        db_error(&self.path, &e)
    }

    /// Checks that the file is a vanban register of a version this program knows, and brings an older
    /// (or new, empty) one to the current schema when writing.
    fn check_and_migrate(&mut self, write: bool) -> Result<()> {
        let (app, version, tables) = self.header()?;
        if version > SCHEMA_VERSION {
            return Err(Error::Register {
                path: self.path.clone(),
                message: format!(
                    "do một phiên bản vanban mới hơn tạo (lược đồ {version}; phiên bản này đọc đến lược đồ {SCHEMA_VERSION})"
                ),
                hint: Some("dùng vanban mới hơn; sổ không bị thay đổi".into()),
            });
        }
        if tables > 0 && app != APPLICATION_ID {
            return Err(Error::Register {
                path: self.path.clone(),
                message: "là một cơ sở dữ liệu SQLite nhưng không phải sổ đăng ký của vanban".into(),
                hint: Some("chọn đúng tệp sổ bằng --so-dang-ky; muốn lập sổ mới thì dùng một tên tệp chưa có".into()),
            });
        }
        if version == SCHEMA_VERSION {
            return Ok(());
        }
        if !write {
            if tables == 0 {
                // An empty file: an empty register.
                return Ok(());
            }
            return Err(Error::Register {
                path: self.path.clone(),
                message: format!("có lược đồ cũ ({version}), cần nâng cấp"),
                hint: Some("chạy một lệnh ghi (ví dụ cấp số) để nâng cấp sổ".into()),
            });
        }
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| db_error(&path, &e))?;
        // Another process may have migrated while this one waited.
        let version: i64 = tx
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| db_error(&path, &e))?;
        for (i, step) in MIGRATIONS.iter().enumerate().skip(version.max(0) as usize) {
            tx.execute_batch(step).map_err(|e| db_error(&path, &e))?;
            tx.execute_batch(&format!("PRAGMA user_version = {}", i + 1))
                .map_err(|e| db_error(&path, &e))?;
        }
        tx.execute_batch(&format!("PRAGMA application_id = {APPLICATION_ID}"))
            .map_err(|e| db_error(&path, &e))?;
        tx.commit().map_err(|e| db_error(&path, &e))
    }

    /// (application id, schema version, number of tables).
    fn header(&self) -> Result<(i64, i64, i64)> {
        let q = |sql: &str| -> Result<i64> {
            self.conn
                .query_row(sql, [], |r| r.get(0))
                .map_err(|e| self.err(e))
        };
        Ok((
            q("PRAGMA application_id")?,
            q("PRAGMA user_version")?,
            q("SELECT count(*) FROM sqlite_master")?,
        ))
    }

    /// Whether the file has the register's tables (an empty file opened to read has none).
    fn has_tables(&self) -> Result<bool> {
        Ok(self.header()?.1 >= 1)
    }

    /// Takes the next number of each entry's series, in order (a block of consecutive numbers for
    /// entries of one series), and writes each row as `dang-cap` — all in one transaction.
    pub fn reserve(&mut self, entries: &[(Series, Entry)]) -> Result<Vec<Taken>> {
        self.take(entries, "dang-cap")
    }

    /// Takes a number for a document typed elsewhere: the row is issued at once.
    pub fn add(&mut self, series: &Series, entry: &Entry) -> Result<Taken> {
        let taken = self.take(&[(series.clone(), entry.clone())], "da-cap")?;
        taken.into_iter().next().ok_or_else(|| Error::Register {
            path: self.path.clone(),
            message: "không lấy được số".into(),
            hint: None,
        })
    }

    fn take(
        &mut self,
        entries: &[(Series, Entry)],
        state: &str,
    ) -> Result<Vec<Taken>> {
        let path = self.path.clone();
        let e = |e: rusqlite::Error| db_error(&path, &e);
        let now = now_text();
        let machine = machine();
        let pid = i64::from(std::process::id());
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(e)?;
        let mut next: std::collections::HashMap<(String, String), i64> = Default::default();
        let mut out = Vec::with_capacity(entries.len());
        for (series, entry) in entries {
            let key = (series.key.clone(), series.period.value.clone());
            let n = match next.get(&key) {
                Some(n) => *n,
                None => next_number(&tx, &series.key, &series.period).map_err(e)?,
            };
            next.insert(key, n + 1);
            let so_ky_hieu = series.so_ky_hieu(n);
            let cap_luc = (state == "da-cap").then(|| now.clone());
            tx.execute(
                "INSERT INTO van_ban_di (loat, ky_loai, ky, so, so_ky_hieu, khoa_so, loai, ky_hieu, ngay, \
                 ten_loai, trich_yeu, nguoi_ky, noi_nhan, luu, so_luong_ban, ghi_chu, co_quan, cap_tren, \
                 dia_danh, loai_van_ban, ho_so, du_lieu, trang_thai, nguoi_lay, may, tien_trinh, lay_luc, \
                 cap_luc) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, \
                 ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28)",
                params![
                    series.key,
                    series.period.kind,
                    series.period.value,
                    n,
                    so_ky_hieu,
                    match_key(&so_ky_hieu),
                    series.loai,
                    series.ky_hieu,
                    entry.ngay.map(|d| d.iso()),
                    entry.ten_loai,
                    entry.trich_yeu,
                    entry.nguoi_ky,
                    entry.noi_nhan,
                    entry.luu,
                    entry.so_luong_ban,
                    entry.ghi_chu,
                    entry.co_quan,
                    entry.cap_tren,
                    entry.dia_danh,
                    entry.kind,
                    entry.profile,
                    entry.du_lieu,
                    state,
                    entry.nguoi_lay,
                    machine,
                    pid,
                    now,
                    cap_luc,
                ],
            )
            .map_err(e)?;
            out.push(Taken {
                id: tx.last_insert_rowid(),
                so: n,
                so_text: series.so(n),
                so_ky_hieu,
            });
        }
        tx.commit().map_err(e)?;
        Ok(out)
    }

    /// Commits reserved rows: `issued` get their files and become `da-cap`; `failed` (a document that
    /// could not be made after its number was reserved) are released — removed when no later number of
    /// their series exists, so the number is given again, else cancelled with the reason, so the series
    /// has no silent gap. One transaction.
    pub fn commit(&mut self, issued: &[(i64, Vec<FileRecord>)], failed: &[(i64, String)]) -> Result<()> {
        let path = self.path.clone();
        let e = |e: rusqlite::Error| db_error(&path, &e);
        let now = now_text();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(e)?;
        for (id, files) in issued {
            let json = serde_json::to_string(files).unwrap_or_else(|_| "[]".into());
            tx.execute(
                "UPDATE van_ban_di SET trang_thai = 'da-cap', tep = ?2, cap_luc = ?3 \
                 WHERE id = ?1 AND trang_thai = 'dang-cap'",
                params![id, json, now],
            )
            .map_err(e)?;
        }
        // Highest numbers first, so a failed block at the end of a series is removed whole.
        let mut failed: Vec<&(i64, String)> = failed.iter().collect();
        failed.sort_by_key(|(id, _)| std::cmp::Reverse(*id));
        for (id, reason) in failed {
            let later: bool = tx
                .query_row(
                    "SELECT EXISTS (SELECT 1 FROM van_ban_di b, van_ban_di a WHERE a.id = ?1 \
                     AND b.loat = a.loat AND b.ky = a.ky AND b.so > a.so)",
                    params![id],
                    |r| r.get(0),
                )
                .map_err(e)?;
            if later {
                tx.execute(
                    "UPDATE van_ban_di SET trang_thai = 'da-huy', ly_do_huy = ?2, huy_luc = ?3, \
                     huy_boi = 'vanban' WHERE id = ?1 AND trang_thai = 'dang-cap'",
                    params![id, format!("không dựng được văn bản: {reason}"), now],
                )
                .map_err(e)?;
            } else {
                tx.execute(
                    "DELETE FROM van_ban_di WHERE id = ?1 AND trang_thai = 'dang-cap'",
                    params![id],
                )
                .map_err(e)?;
            }
        }
        tx.commit().map_err(e)
    }

    /// Every row in the order numbers were taken (oldest first), filtered.
    pub fn rows(&self, filter: &Filter) -> Result<Vec<Row>> {
        if !self.has_tables()? {
            return Ok(Vec::new());
        }
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT {ROW_COLUMNS} FROM van_ban_di ORDER BY id"))
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], row_from)
            .map_err(|e| self.err(e))?
            .collect::<rusqlite::Result<Vec<Row>>>()
            .map_err(|e| self.err(e))?;
        Ok(rows.into_iter().filter(|r| filter.keeps(r)).collect())
    }

    /// The rows whose number and symbol is `so_ky_hieu` (however typed), in the filter's period.
    pub fn find(&self, so_ky_hieu: &str, filter: &Filter) -> Result<Vec<Row>> {
        if !self.has_tables()? {
            return Ok(Vec::new());
        }
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT {ROW_COLUMNS} FROM van_ban_di WHERE khoa_so = ?1 ORDER BY id"
            ))
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(params![match_key(so_ky_hieu)], row_from)
            .map_err(|e| self.err(e))?
            .collect::<rusqlite::Result<Vec<Row>>>()
            .map_err(|e| self.err(e))?;
        Ok(rows.into_iter().filter(|r| filter.keeps(r)).collect())
    }

    /// Marks row `id` cancelled with its reason (the number is never given again).
    pub fn cancel(&mut self, id: i64, ly_do: &str, by: &str) -> Result<()> {
        let path = self.path.clone();
        let e = |e: rusqlite::Error| db_error(&path, &e);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(e)?;
        tx.execute(
            "UPDATE van_ban_di SET trang_thai = 'da-huy', ly_do_huy = ?2, huy_luc = ?3, huy_boi = ?4 \
             WHERE id = ?1 AND trang_thai != 'da-huy'",
            params![id, ly_do, now_text(), by],
        )
        .map_err(e)?;
        tx.commit().map_err(e)
    }

    /// Makes `next` the next number of a series in a period. Refused (`Err` with the highest number
    /// taken) when a number at or above `next` was already taken.
    pub fn start(&mut self, series: &Series, next: i64, by: &str) -> Result<std::result::Result<(), i64>> {
        let path = self.path.clone();
        let e = |e: rusqlite::Error| db_error(&path, &e);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(e)?;
        let max: i64 = tx
            .query_row(
                "SELECT COALESCE(MAX(so), 0) FROM van_ban_di WHERE loat = ?1 AND ky = ?2",
                params![series.key, series.period.value],
                |r| r.get(0),
            )
            .map_err(e)?;
        if max >= next {
            return Ok(Err(max));
        }
        tx.execute(
            "INSERT INTO loat_bat_dau (loat, ky, so_tiep, dat_luc, dat_boi) VALUES (?1, ?2, ?3, ?4, ?5) \
             ON CONFLICT (loat, ky) DO UPDATE SET so_tiep = excluded.so_tiep, dat_luc = excluded.dat_luc, \
             dat_boi = excluded.dat_boi",
            params![series.key, series.period.value, next, now_text(), by],
        )
        .map_err(e)?;
        tx.commit().map_err(e)?;
        Ok(Ok(()))
    }

    /// SQLite's own consistency check of the file ("ok" when sound).
    pub fn quick_check(&self) -> Result<String> {
        self.conn
            .query_row("PRAGMA quick_check", [], |r| r.get(0))
            .map_err(|e| self.err(e))
    }
}

/// The next number of a series in a period: one past the highest taken, or where `register start`
/// said it continues, whichever is larger.
fn next_number(conn: &Connection, loat: &str, period: &Period) -> rusqlite::Result<i64> {
    let max: i64 = conn.query_row(
        "SELECT COALESCE(MAX(so), 0) FROM van_ban_di WHERE loat = ?1 AND ky = ?2",
        params![loat, period.value],
        |r| r.get(0),
    )?;
    let start: Option<i64> = conn
        .query_row(
            "SELECT so_tiep FROM loat_bat_dau WHERE loat = ?1 AND ky = ?2",
            params![loat, period.value],
            |r| r.get(0),
        )
        .optional()?;
    Ok((max + 1).max(start.unwrap_or(1)))
}
