//! The command line: clap definitions (help in Vietnamese) and dispatch to the commands.

mod batch;
mod check;
mod init;
mod kinds;
pub mod output;
mod render;
mod serve;

use clap::error::{ContextKind, ErrorKind};
use clap::{ArgAction, Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;
use vanban::error::Error;
use vanban::pipeline::{Per, ReadLimits};

const HELP_TEMPLATE: &str = "{about-with-newline}\nCách dùng: {usage}\n\n{all-args}{after-help}";

/// vanban: từ sổ đánh giá Excel đến văn bản Đảng, Nhà nước (DOCX và PDF) đúng thể thức.
#[derive(Debug, Parser)]
#[command(
    name = "vanban",
    version,
    help_template = HELP_TEMPLATE,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    subcommand_help_heading = "Lệnh",
    subcommand_value_name = "LỆNH",
    next_help_heading = "Tùy chọn",
    after_help = "Ví dụ:\n  vanban kinds                                          (các loại văn bản)\n  vanban render ke-hoach                                (dữ liệu mẫu có sẵn → ./out/)\n  vanban render cam-ket-dang-vien --stt 7 --data du-lieu.xlsx\n  vanban batch thong-bao-xep-loai --data du-lieu.xlsx   (mỗi chi bộ một thông báo)\n  vanban batch cam-ket --per dang-vien --data du-lieu.xlsx\n  vanban check du-lieu.xlsx\n  vanban init ho-so"
)]
pub struct Cli {
    /// Lệnh cần chạy.
    #[command(subcommand)]
    pub command: Command,
    /// In trợ giúp.
    #[arg(
        short = 'h',
        long = "help",
        action = ArgAction::Help,
        global = true,
        display_order = 1000
    )]
    help: Option<bool>,
    /// In phiên bản.
    #[arg(short = 'V', long = "version", action = ArgAction::Version)]
    version: Option<bool>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Dựng một văn bản (DOCX, PDF) từ bảng tính.
    #[command(
        help_template = HELP_TEMPLATE,
        next_help_heading = "Tùy chọn",
        override_usage = "vanban render LOẠI [--stt N] [--data TỆP] [--out THƯ_MỤC] [--format docx,pdf,ir] [--templates THƯ_MỤC] [--profile TÊN|TỆP.toml] [--chu-ky TỆP.png] [--con-dau TỆP.png] [--pdf-a]",
        after_help = "Ví dụ:\n  vanban render ke-hoach\n  vanban render quyet-dinh-xep-loai --data du-lieu.xlsx --format pdf\n  vanban render cam-ket-dang-vien --stt 7"
    )]
    Render(RenderArgs),
    /// Liệt kê các loại văn bản (mẫu có sẵn và mẫu trong --templates).
    #[command(
        help_template = HELP_TEMPLATE,
        next_help_heading = "Tùy chọn",
        override_usage = "vanban kinds [--templates THƯ_MỤC] [--json]",
        after_help = "Ví dụ:\n  vanban kinds\n  vanban kinds --templates mau-cua-toi --json"
    )]
    Kinds(KindsArgs),
    /// Kiểm tra một bảng tính: đọc được gì, lỗi, cảnh báo.
    #[command(
        help_template = HELP_TEMPLATE,
        next_help_heading = "Tùy chọn",
        override_usage = "vanban check TỆP [--json] [--profile TÊN|TỆP.toml]",
        after_help = "Ví dụ:\n  vanban check du-lieu.xlsx\n  vanban check du-lieu.xlsx --json"
    )]
    Check(CheckArgs),
    /// Tạo thư mục làm việc: bảng tính mẫu để điền và các mẫu văn bản để sửa.
    #[command(
        help_template = HELP_TEMPLATE,
        next_help_heading = "Tùy chọn",
        override_usage = "vanban init THƯ_MỤC [--force]",
        after_help = "Ví dụ:\n  vanban init ho-so      (rồi sửa ho-so/du-lieu.xlsx và ho-so/templates/)"
    )]
    Init(InitArgs),
    /// Dựng hàng loạt: một văn bản cho mỗi chi bộ hoặc mỗi đảng viên mà loại văn bản chọn.
    #[command(
        help_template = HELP_TEMPLATE,
        next_help_heading = "Tùy chọn",
        override_usage = "vanban batch LOẠI [--data TỆP] [--out THƯ_MỤC] [--format docx,pdf] [--jobs N] [--merge-pdf] [--zip] [--fail-fast] [--shard I/N] [--templates THƯ_MỤC] [--profile TÊN|TỆP.toml] [--chu-ky TỆP.png] [--con-dau TỆP.png] [--pdf-a]\n       vanban batch cam-ket --per chi-bo|dang-vien …",
        after_help = "Ví dụ:\n  vanban batch cam-ket-dang-vien --data du-lieu.xlsx --merge-pdf\n  vanban batch cam-ket --per chi-bo --data du-lieu.xlsx\n  vanban batch thong-bao-xep-loai --data du-lieu.xlsx --shard 2/4"
    )]
    Batch(BatchArgs),
    /// Mở trang web trên máy này: thả bảng tính, xem văn bản, tải DOCX, PDF, sửa mẫu.
    #[command(
        help_template = HELP_TEMPLATE,
        next_help_heading = "Tùy chọn",
        override_usage = "vanban serve [--port 8686] [--host 127.0.0.1] [--no-open] [--max-upload-mb 20] [--jobs N] [--max-rows N] [--templates THƯ_MỤC] [--profile TÊN|TỆP.toml]",
        after_help = "Ví dụ:\n  vanban serve                     (mở http://127.0.0.1:8686/ trong trình duyệt)\n  vanban serve --port 9000 --no-open\n  vanban serve --templates ho-so/templates\n\nDừng bằng Ctrl-C."
    )]
    Serve(ServeArgs),
}

/// What builds the pipeline's [`Engine`](vanban::pipeline::Engine): shared by `render`, `batch` and
/// `serve`.
#[derive(Debug, Args)]
pub struct EngineArgs {
    /// Thư mục mẫu văn bản: mỗi tệp <loại>.md thay mẫu có sẵn cùng tên hoặc thêm một loại mới.
    #[arg(long, value_name = "THƯ_MỤC")]
    pub templates: Option<PathBuf>,
    /// Hồ sơ trình bày: dang (mặc định, Hướng dẫn 05-HD/VPTW), dang-36 (Hướng dẫn 36-HD/VPTW cũ),
    /// nha-nuoc (Nghị định 30/2020), hoặc đường dẫn tới tệp .toml.
    #[arg(
        long,
        value_name = "TÊN|TỆP.toml",
        default_value = "dang",
        hide_default_value = true
    )]
    pub profile: String,
    /// Số hàng có dữ liệu tối đa mỗi trang tính (mặc định 200000); bảng tính lớn hơn bị từ chối.
    #[arg(
        long,
        value_name = "N",
        default_value_t = ReadLimits::DEFAULT_MAX_ROWS,
        hide_default_value = true
    )]
    pub max_rows: usize,
}

impl EngineArgs {
    /// Loads the templates and the profile, with the read limits.
    pub fn load(&self) -> vanban::error::Result<vanban::pipeline::Engine> {
        Ok(
            vanban::pipeline::Engine::load(self.templates.as_deref(), &self.profile)?
                .with_limits(self.limits()),
        )
    }

    /// The read limits (`--max-rows`).
    pub fn limits(&self) -> ReadLimits {
        ReadLimits::with_max_rows(self.max_rows)
    }
}

/// Options shared by `render` and `batch`.
#[derive(Debug, Args)]
pub struct SourceArgs {
    /// Bảng tính dữ liệu (.xlsx, .xls, .ods); bỏ trống thì dùng dữ liệu mẫu có sẵn.
    #[arg(long, value_name = "TỆP")]
    pub data: Option<PathBuf>,
    /// Thư mục ghi kết quả, tự tạo nếu chưa có (mặc định: out).
    #[arg(
        long,
        value_name = "THƯ_MỤC",
        default_value = "out",
        hide_default_value = true
    )]
    pub out: PathBuf,
    /// Templates, profile and read limits.
    #[command(flatten)]
    pub engine: EngineArgs,
    /// Ảnh chữ ký của người ký (PNG nền trong suốt), đặt giữa chức vụ và họ tên (văn bản điện tử).
    #[arg(long, value_name = "TỆP.png")]
    pub chu_ky: Option<PathBuf>,
    /// Ảnh con dấu (PNG nền trong suốt), đúng kích thước thật, trùm lên khoảng 1/3 chữ ký về bên trái.
    #[arg(long, value_name = "TỆP.png")]
    pub con_dau: Option<PathBuf>,
    /// Ghi PDF theo chuẩn lưu trữ PDF/A-2b (nhúng mọi phông chữ).
    #[arg(long)]
    pub pdf_a: bool,
}

/// `vanban render`.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// Loại văn bản, tên tệp mẫu không có .md (xem `vanban kinds`): ke-hoach, so-ket, tong-ket,
    /// quyet-dinh-xep-loai, to-trinh-khen-thuong, thong-bao-xep-loai, cam-ket-chi-bo, cam-ket-dang-vien …
    #[arg(value_name = "LOẠI", help_heading = "Tham số")]
    pub kind: String,
    /// Số thứ tự (STT) của chi bộ hoặc đảng viên, cho loại văn bản làm theo từng hàng (per).
    #[arg(long, value_name = "N")]
    pub stt: Option<i64>,
    /// Định dạng, cách nhau bằng dấu phẩy: docx, pdf, ir (ir in mô hình văn bản dạng JSON ra màn hình;
    /// mặc định: docx,pdf).
    #[arg(
        long,
        value_name = "DS",
        default_value = "docx,pdf",
        hide_default_value = true
    )]
    pub format: String,
    /// Nguồn dữ liệu, thư mục ghi, mẫu, hồ sơ.
    #[command(flatten)]
    pub source: SourceArgs,
}

/// `vanban check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Bảng tính cần kiểm tra.
    #[arg(value_name = "TỆP", help_heading = "Tham số")]
    pub file: PathBuf,
    /// In kết quả dạng JSON (một đối tượng) thay cho báo cáo.
    #[arg(long)]
    pub json: bool,
    /// Hồ sơ trình bày (quy tắc tỷ lệ xuất sắc, khung điểm): dang (mặc định), nha-nuoc hoặc tệp .toml.
    #[arg(
        long,
        value_name = "TÊN|TỆP.toml",
        default_value = "dang",
        hide_default_value = true
    )]
    pub profile: String,
    /// Số hàng có dữ liệu tối đa mỗi trang tính (mặc định 200000); bảng tính lớn hơn bị từ chối.
    #[arg(
        long,
        value_name = "N",
        default_value_t = ReadLimits::DEFAULT_MAX_ROWS,
        hide_default_value = true
    )]
    pub max_rows: usize,
}

/// `vanban kinds`.
#[derive(Debug, Args)]
pub struct KindsArgs {
    /// Thư mục mẫu văn bản thêm vào hoặc thay mẫu có sẵn.
    #[arg(long, value_name = "THƯ_MỤC")]
    pub templates: Option<PathBuf>,
    /// In một mảng JSON thay cho bảng.
    #[arg(long)]
    pub json: bool,
}

/// `vanban init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Thư mục cần tạo.
    #[arg(value_name = "THƯ_MỤC", help_heading = "Tham số")]
    pub dir: PathBuf,
    /// Ghi đè các tệp đã có.
    #[arg(long)]
    pub force: bool,
}

/// One form per chi bộ or per đảng viên (`batch cam-ket --per …`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PerArg {
    /// Mỗi chi bộ một bản.
    ChiBo,
    /// Mỗi đảng viên một bản.
    DangVien,
}

impl From<PerArg> for Per {
    fn from(p: PerArg) -> Self {
        match p {
            PerArg::ChiBo => Per::ChiBo,
            PerArg::DangVien => Per::DangVien,
        }
    }
}

/// `vanban batch`.
#[derive(Debug, Args)]
pub struct BatchArgs {
    /// Loại văn bản có per (xem `vanban kinds`), ví dụ cam-ket-dang-vien, thong-bao-xep-loai; hoặc
    /// cam-ket cùng --per.
    #[arg(value_name = "LOẠI", help_heading = "Tham số")]
    pub kind: String,
    /// Với cam-ket: mỗi chi bộ (chi-bo) hay mỗi đảng viên (dang-vien) một bản.
    #[arg(
        long,
        value_enum,
        value_name = "chi-bo|dang-vien",
        hide_possible_values = true
    )]
    pub per: Option<PerArg>,
    /// Chỉ dựng phần thứ I trong N phần bằng nhau của các hàng (để chia việc cho N máy), ví dụ 2/8.
    #[arg(long, value_name = "I/N")]
    pub shard: Option<String>,
    /// Định dạng, cách nhau bằng dấu phẩy: docx, pdf (mặc định: docx,pdf).
    #[arg(
        long,
        value_name = "DS",
        default_value = "docx,pdf",
        hide_default_value = true
    )]
    pub format: String,
    /// Số luồng làm việc song song (mặc định: số lõi).
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Ghi thêm tat-ca.pdf gồm mọi bản, mỗi bản từ trang mới, để in.
    #[arg(long)]
    pub merge_pdf: bool,
    /// Ghi thêm tat-ca.zip gồm mọi tệp đã ghi.
    #[arg(long)]
    pub zip: bool,
    /// Dừng ở hàng dữ liệu lỗi đầu tiên.
    #[arg(long)]
    pub fail_fast: bool,
    /// Nguồn dữ liệu, thư mục ghi, mẫu, hồ sơ.
    #[command(flatten)]
    pub source: SourceArgs,
}

/// `vanban serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Cổng (mặc định: 8686).
    #[arg(
        long,
        value_name = "CỔNG",
        default_value_t = 8686,
        hide_default_value = true
    )]
    pub port: u16,
    /// Địa chỉ nghe (mặc định: 127.0.0.1, chỉ máy này); địa chỉ khác cho mọi máy trong mạng dùng.
    #[arg(
        long,
        value_name = "ĐỊA_CHỈ",
        default_value = "127.0.0.1",
        hide_default_value = true
    )]
    pub host: String,
    /// Không tự mở trình duyệt.
    #[arg(long)]
    pub no_open: bool,
    /// Cỡ tệp tải lên lớn nhất, tính bằng MB (mặc định: 20).
    #[arg(
        long,
        value_name = "MB",
        default_value_t = 20,
        hide_default_value = true
    )]
    pub max_upload_mb: u64,
    /// Số văn bản dựng cùng lúc (mặc định: số lõi).
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Templates, profile (the page's default) and read limits.
    #[command(flatten)]
    pub engine: EngineArgs,
}

/// Vietnamese text for a clap parse error.
fn clap_message(e: &clap::Error) -> String {
    let arg = e.get(ContextKind::InvalidArg).map(|v| v.to_string());
    let value = e.get(ContextKind::InvalidValue).map(|v| v.to_string());
    let valid = e.get(ContextKind::ValidValue).map(|v| v.to_string());
    let arg_s = arg.clone().unwrap_or_default();
    match e.kind() {
        ErrorKind::InvalidValue => {
            let mut m = format!(
                "giá trị \"{}\" không hợp lệ cho {arg_s}",
                value.unwrap_or_default()
            );
            if let Some(v) = valid {
                m.push_str(&format!("\n  gợi ý: các giá trị được nhận: {v}"));
            }
            m
        }
        ErrorKind::UnknownArgument => {
            format!("tùy chọn không có: {arg_s}\n  gợi ý: xem `vanban --help`")
        }
        ErrorKind::MissingRequiredArgument => format!(
            "thiếu tham số bắt buộc: {}\n  gợi ý: xem `vanban <LỆNH> --help`",
            arg.unwrap_or_else(|| e
                .to_string()
                .lines()
                .nth(1)
                .unwrap_or_default()
                .trim()
                .to_owned())
        ),
        ErrorKind::InvalidSubcommand => format!(
            "lệnh không có: {}\n  gợi ý: các lệnh: render, batch, kinds, check, init, serve",
            e.get(ContextKind::InvalidSubcommand)
                .map(|v| v.to_string())
                .unwrap_or_default()
        ),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "thiếu lệnh\n  gợi ý: các lệnh: render, batch, kinds, check, init, serve; xem `vanban --help`"
                .into()
        }
        ErrorKind::ValueValidation => format!(
            "giá trị không hợp lệ cho {arg_s}: {}",
            value.unwrap_or_default()
        ),
        ErrorKind::ArgumentConflict => format!("các tùy chọn không dùng cùng nhau: {arg_s}"),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("số giá trị không đúng cho {arg_s}")
        }
        _ => format!(
            "dòng lệnh không hợp lệ\n  gợi ý: xem `vanban --help`\n  ({})",
            e.kind()
        ),
    }
}

/// Prints a line on stdout; a closed pipe (`vanban … | head`) ends the run quietly instead of panicking.
#[macro_export]
#[doc(hidden)]
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let mut out = std::io::stdout().lock();
        if let Err(e) = writeln!(out, $($arg)*) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
        }
    }};
}

/// Prints an error the way every command does: "lỗi: …" on stderr, returning its exit code.
pub fn report(e: &Error) -> ExitCode {
    eprintln!("lỗi: {e}");
    ExitCode::from(e.exit_code())
}

/// Parses the command line and runs the command; returns the process exit code (0, 1 or 2).
pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            return match e.kind() {
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                    let _ = e.print();
                    ExitCode::SUCCESS
                }
                _ => {
                    eprintln!("lỗi: {}", clap_message(&e));
                    ExitCode::from(2)
                }
            };
        }
    };
    let result = match cli.command {
        Command::Render(a) => render::run(&a),
        Command::Kinds(a) => return kinds::run(&a),
        Command::Check(a) => return check::run(&a),
        Command::Init(a) => init::run(&a),
        Command::Batch(a) => return batch::run(&a),
        Command::Serve(a) => serve::run(&a),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => report(&e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("vanban").chain(args.iter().copied()))
    }

    #[test]
    fn render_flags() {
        let c = parse(&[
            "render",
            "ke-hoach",
            "--format",
            "ir",
            "--out",
            "x",
            "--profile",
            "nha-nuoc",
        ])
        .unwrap();
        let Command::Render(r) = c.command else {
            panic!()
        };
        assert_eq!(r.kind, "ke-hoach");
        assert_eq!(r.format, "ir");
        assert_eq!(r.source.out, PathBuf::from("x"));
        assert_eq!(r.source.engine.profile, "nha-nuoc");
        let c = parse(&["render", "cam-ket-dang-vien", "--stt", "7"]).unwrap();
        let Command::Render(r) = c.command else {
            panic!()
        };
        assert_eq!(r.stt, Some(7));
        assert_eq!(r.source.out, PathBuf::from("out"));
        assert_eq!(r.format, "docx,pdf");
        assert!(r.source.chu_ky.is_none() && r.source.con_dau.is_none() && !r.source.pdf_a);
        let c = parse(&[
            "render",
            "ke-hoach",
            "--chu-ky",
            "ky.png",
            "--con-dau",
            "dau.png",
            "--pdf-a",
        ])
        .unwrap();
        let Command::Render(r) = c.command else {
            panic!()
        };
        assert_eq!(r.source.chu_ky, Some(PathBuf::from("ky.png")));
        assert_eq!(r.source.con_dau, Some(PathBuf::from("dau.png")));
        assert!(r.source.pdf_a);
    }

    #[test]
    fn batch_flags() {
        let c = parse(&[
            "batch",
            "cam-ket",
            "--per",
            "dang-vien",
            "--jobs",
            "2",
            "--merge-pdf",
            "--zip",
            "--fail-fast",
            "--con-dau",
            "dau.png",
            "--pdf-a",
        ])
        .unwrap();
        let Command::Batch(b) = c.command else {
            panic!()
        };
        assert_eq!(b.per, Some(PerArg::DangVien));
        assert_eq!(b.jobs, Some(2));
        assert!(b.merge_pdf && b.zip && b.fail_fast && b.source.pdf_a);
        assert_eq!(b.source.con_dau, Some(PathBuf::from("dau.png")));
        let c = parse(&["batch", "thong-bao-xep-loai", "--shard", "2/4"]).unwrap();
        let Command::Batch(b) = c.command else {
            panic!()
        };
        assert_eq!(b.shard.as_deref(), Some("2/4"));
        assert_eq!(b.per, None);
    }

    #[test]
    fn bad_per_message_is_vietnamese() {
        let e = parse(&["batch", "cam-ket", "--per", "to"]).unwrap_err();
        let m = clap_message(&e);
        assert!(m.contains("không hợp lệ"), "{m}");
        assert!(m.contains("dang-vien"), "{m}");
    }

    #[test]
    fn help_is_vietnamese() {
        let mut cmd = <Cli as clap::CommandFactory>::command();
        let help = cmd.render_help().to_string();
        assert!(help.contains("Cách dùng"), "{help}");
        assert!(help.contains("Lệnh"), "{help}");
        assert!(!help.contains("Usage"), "{help}");
        for sub in ["render", "check", "init", "batch", "kinds", "serve"] {
            let sub = cmd.find_subcommand_mut(sub).unwrap();
            for help in [
                sub.render_help().to_string(),
                sub.render_long_help().to_string(),
            ] {
                for english in [
                    "Usage",
                    "OPTIONS",
                    "Options",
                    "Arguments",
                    "Possible values",
                    "possible values",
                    "default:",
                ] {
                    assert!(!help.contains(english), "{english} in\n{help}");
                }
            }
        }
    }
}
