//! The command line's arguments (clap derive; help in Vietnamese). The help template and the heading of
//! options are given to every subcommand at once by [`super::command`].

use super::HELP_TEMPLATE;
use clap::{ArgAction, Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use vanban::pipeline::{Per, ReadLimits};

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
        override_usage = "vanban render LOẠI [--stt N] [--data TỆP] [--out THƯ_MỤC] [--format docx,pdf,ir] [--templates THƯ_MỤC] [--profile TÊN|TỆP.toml] [--chu-ky TỆP.png] [--con-dau TỆP.png] [--pdf-a]",
        after_help = "Ví dụ:\n  vanban render ke-hoach\n  vanban render quyet-dinh-xep-loai --data du-lieu.xlsx --format pdf\n  vanban render cam-ket-dang-vien --stt 7"
    )]
    Render(RenderArgs),
    /// Liệt kê các loại văn bản (mẫu có sẵn và mẫu trong --templates).
    #[command(
        override_usage = "vanban kinds [--templates THƯ_MỤC] [--json]",
        after_help = "Ví dụ:\n  vanban kinds\n  vanban kinds --templates mau-cua-toi --json"
    )]
    Kinds(KindsArgs),
    /// Kiểm tra một bảng tính: đọc được gì, lỗi, cảnh báo.
    #[command(
        override_usage = "vanban check TỆP [--json] [--profile TÊN|TỆP.toml]",
        after_help = "Ví dụ:\n  vanban check du-lieu.xlsx\n  vanban check du-lieu.xlsx --json"
    )]
    Check(CheckArgs),
    /// Tạo thư mục làm việc: bảng tính mẫu để điền và các mẫu văn bản để sửa.
    #[command(
        override_usage = "vanban init THƯ_MỤC [--word] [--force]",
        after_help = "Ví dụ:\n  vanban init ho-so          (rồi sửa ho-so/du-lieu.xlsx và ho-so/templates/)\n  vanban init ho-so --word   (các mẫu là tệp Word .docx)"
    )]
    Init(InitArgs),
    /// Dựng hàng loạt: một văn bản cho mỗi chi bộ hoặc mỗi đảng viên mà loại văn bản chọn.
    #[command(
        override_usage = "vanban batch LOẠI [--data TỆP] [--out THƯ_MỤC] [--format docx,pdf] [--jobs N] [--merge-pdf] [--zip] [--fail-fast] [--shard I/N] [--templates THƯ_MỤC] [--profile TÊN|TỆP.toml] [--chu-ky TỆP.png] [--con-dau TỆP.png] [--pdf-a]\n       vanban batch cam-ket --per chi-bo|dang-vien …",
        after_help = "Ví dụ:\n  vanban batch cam-ket-dang-vien --data du-lieu.xlsx --merge-pdf\n  vanban batch cam-ket --per chi-bo --data du-lieu.xlsx\n  vanban batch thong-bao-xep-loai --data du-lieu.xlsx --shard 2/4"
    )]
    Batch(BatchArgs),
    /// Mở trang web trên máy này: thả bảng tính, xem văn bản, tải DOCX, PDF, sửa mẫu.
    #[command(
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
    /// Loads the templates and the profile for one kind argument (a name, or a path to a `.md` or
    /// `.docx` kind file), with the read limits; returns the engine and the kind's name.
    pub fn load_for_kind(
        &self,
        kind: &str,
    ) -> vanban::error::Result<(vanban::pipeline::Engine, String)> {
        let (engine, name) = vanban::pipeline::Engine::load_for_kind(
            self.templates.as_deref(),
            &self.profile,
            kind,
        )?;
        Ok((engine.with_limits(self.limits()), name))
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
    /// Ghi các loại văn bản thành mẫu Word (templates/*.docx) để sửa trong Word, thay cho mẫu Markdown.
    #[arg(long)]
    pub word: bool,
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
