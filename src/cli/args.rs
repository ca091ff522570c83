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
        override_usage = "vanban render LOẠI [--stt N] [--data TỆP] [--out THƯ_MỤC] [--format docx,pdf,ir] [--templates THƯ_MỤC] [--profile TÊN|TỆP.toml] [--chu-ky TỆP.png] [--con-dau TỆP.png] [--pdf-a] [--ban N] [--cap-so] [--so-dang-ky TỆP]",
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
        override_usage = "vanban check TỆP [--json] [--profile TÊN|TỆP.toml] [--so-dang-ky TỆP]",
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
        override_usage = "vanban batch LOẠI [--data TỆP] [--out THƯ_MỤC] [--format docx,pdf] [--jobs N] [--merge-pdf] [--zip] [--fail-fast] [--shard I/N] [--templates THƯ_MỤC] [--profile TÊN|TỆP.toml] [--chu-ky TỆP.png] [--con-dau TỆP.png] [--pdf-a] [--ban N] [--cap-so] [--so-dang-ky TỆP]\n       vanban batch cam-ket --per chi-bo|dang-vien …",
        after_help = "Ví dụ:\n  vanban batch cam-ket-dang-vien --data du-lieu.xlsx --merge-pdf\n  vanban batch phieu-danh-gia --merge-pdf              (mỗi chi bộ đủ phiếu cho người biểu quyết)\n  vanban batch cam-ket --per chi-bo --data du-lieu.xlsx\n  vanban batch thong-bao-xep-loai --data du-lieu.xlsx --shard 2/4"
    )]
    Batch(BatchArgs),
    /// Mở trang web trên máy này: thả bảng tính, xem văn bản, tải DOCX, PDF, sửa mẫu.
    #[command(
        override_usage = "vanban serve [--port 8686] [--host 127.0.0.1] [--allow-host TÊN] [--no-open] [--max-upload-mb 20] [--jobs N] [--max-rows N] [--so-dang-ky TỆP] [--templates THƯ_MỤC] [--profile TÊN|TỆP.toml]",
        after_help = "Ví dụ:\n  vanban serve                     (mở http://127.0.0.1:8686/ trong trình duyệt)\n  vanban serve --port 9000 --no-open\n  vanban serve --templates ho-so/templates\n\nDừng bằng Ctrl-C."
    )]
    Serve(ServeArgs),
    /// Sổ đăng ký văn bản đi: xem, xuất, hủy số, kiểm tra tệp, đặt số bắt đầu, lấy số cho văn bản soạn ngoài.
    #[command(
        override_usage = "vanban register [--nam NĂM | --nhiem-ky NHIỆM_KỲ] [--json] [--so-dang-ky TỆP]\n       vanban register export --out THƯ_MỤC [--nam NĂM | --nhiem-ky NHIỆM_KỲ] [--profile TÊN|TỆP.toml]\n       vanban register cancel SỐ_KÝ_HIỆU --ly-do LÝ_DO\n       vanban register verify [--json]\n       vanban register start LOẠI SỐ\n       vanban register add --loai MÃ --trich-yeu … --nguoi-ky … [--ngay NGÀY]",
        after_help = "Ví dụ:\n  vanban register                                   (mọi số đã cấp)\n  vanban register --nam 2026 --json\n  vanban register export --out so-sach\n  vanban register cancel \"05-TB/ĐU\" --ly-do \"ban hành nhầm\"\n  vanban register verify\n  vanban register start KH 57                       (đã cấp đến 56 trong nhiệm kỳ này)\n  vanban register add --loai CV --trich-yeu \"về việc chuẩn bị đại hội\" --nguoi-ky \"Trần Việt Cường\"",
        args_conflicts_with_subcommands = false,
        subcommand_value_name = "VIỆC",
        subcommand_help_heading = "Việc"
    )]
    Register(RegisterArgs),
}

/// Which rows of the register (`--nam`, `--nhiem-ky`).
#[derive(Debug, Args, Default, Clone)]
pub struct FilterArgs {
    /// Chỉ các văn bản có ngày trong năm này.
    #[arg(long, value_name = "NĂM", conflicts_with = "nhiem_ky")]
    pub nam: Option<i32>,
    /// Chỉ các số của nhiệm kỳ này (ví dụ 2025-2030).
    #[arg(long, value_name = "NHIỆM_KỲ")]
    pub nhiem_ky: Option<String>,
}

/// `vanban register`.
#[derive(Debug, Args)]
pub struct RegisterArgs {
    /// Việc cần làm với sổ; bỏ trống thì liệt kê các số đã cấp.
    #[command(subcommand)]
    pub action: Option<RegisterAction>,
    /// Which rows.
    #[command(flatten)]
    pub filter: FilterArgs,
    /// In một mảng JSON (mỗi số một đối tượng, cũ trước mới sau) thay cho bảng.
    #[arg(long, global = true)]
    pub json: bool,
    /// Tệp sổ đăng ký văn bản đi (mặc định: so-dang-ky.sqlite ở thư mục hiện tại).
    #[arg(
        long,
        value_name = "TỆP",
        default_value = DEFAULT_REGISTER,
        hide_default_value = true,
        global = true
    )]
    pub so_dang_ky: PathBuf,
}

/// Where a number's issuing body comes from when there is no document (`register start`, `add`).
#[derive(Debug, Args)]
pub struct BodyArgs {
    /// Bảng tính có trang Thông tin (cơ quan, ký hiệu cơ quan, nhiệm kỳ); bỏ trống thì dùng dữ liệu mẫu.
    #[arg(long, value_name = "TỆP")]
    pub data: Option<PathBuf>,
    /// Ký hiệu cơ quan ban hành (thay cho Thông tin), ví dụ ĐU.
    #[arg(long, value_name = "KÝ_HIỆU")]
    pub ky_hieu: Option<String>,
    /// Nhiệm kỳ (thay cho Thông tin), ví dụ 2025-2030.
    #[arg(long, value_name = "NHIỆM_KỲ")]
    pub nhiem_ky: Option<String>,
    /// Hồ sơ trình bày: dang (mặc định), dang-36, nha-nuoc hoặc tệp .toml.
    #[arg(
        long,
        value_name = "TÊN|TỆP.toml",
        default_value = "dang",
        hide_default_value = true
    )]
    pub profile: String,
}

/// What to do with the register.
#[derive(Debug, Subcommand)]
pub enum RegisterAction {
    /// Xuất sổ: so-dang-ky-van-ban-di.xlsx và so-dang-ky-van-ban-di.pdf (bản in, khổ ngang).
    #[command(
        override_usage = "vanban register export --out THƯ_MỤC [--nam NĂM | --nhiem-ky NHIỆM_KỲ] [--profile TÊN|TỆP.toml]"
    )]
    Export(ExportArgs),
    /// Hủy một số (ghi lý do; số đã hủy không bao giờ cấp lại).
    #[command(
        override_usage = "vanban register cancel SỐ_KÝ_HIỆU --ly-do LÝ_DO [--nam NĂM | --nhiem-ky NHIỆM_KỲ]"
    )]
    Cancel(CancelArgs),
    /// Tính lại mã băm các tệp đã cấp số, báo tệp thiếu, tệp bị sửa, số cấp dở dang.
    #[command(override_usage = "vanban register verify [--json]")]
    Verify,
    /// Đặt số tiếp theo của một loại văn bản (đơn vị đã cấp đến số trước đó trong kỳ này).
    #[command(
        override_usage = "vanban register start LOẠI SỐ [--data TỆP] [--ky-hieu KÝ_HIỆU] [--nhiem-ky NHIỆM_KỲ] [--nam NĂM] [--profile TÊN|TỆP.toml]"
    )]
    Start(StartArgs),
    /// Lấy số cho một văn bản soạn ngoài vanban (trong Word) và in số ra màn hình.
    #[command(
        override_usage = "vanban register add --loai MÃ --trich-yeu … --nguoi-ky … [--ngay NGÀY] [--ten-loai …] [--noi-nhan …] [--luu …] [--so-ban N] [--ghi-chu …] [--mat | --dai-hoi] [--data TỆP] [--ky-hieu KÝ_HIỆU] [--nhiem-ky NHIỆM_KỲ] [--profile TÊN|TỆP.toml]"
    )]
    Add(AddArgs),
}

/// `vanban register export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Thư mục ghi hai tệp (mặc định: thư mục hiện tại).
    #[arg(
        long,
        value_name = "THƯ_MỤC",
        default_value = ".",
        hide_default_value = true
    )]
    pub out: PathBuf,
    /// Which rows.
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Hồ sơ trình bày của bản in: dang (mặc định), dang-36, nha-nuoc hoặc tệp .toml.
    #[arg(
        long,
        value_name = "TÊN|TỆP.toml",
        default_value = "dang",
        hide_default_value = true
    )]
    pub profile: String,
}

/// `vanban register cancel`.
#[derive(Debug, Args)]
pub struct CancelArgs {
    /// Số, ký hiệu cần hủy, ví dụ "05-TB/ĐU".
    #[arg(value_name = "SỐ_KÝ_HIỆU", help_heading = "Tham số")]
    pub so: String,
    /// Lý do hủy (bắt buộc).
    #[arg(long, value_name = "LÝ_DO", required = true)]
    pub ly_do: String,
    /// Which period, when the number repeats.
    #[command(flatten)]
    pub filter: FilterArgs,
}

/// `vanban register start`.
#[derive(Debug, Args)]
pub struct StartArgs {
    /// Mã loại văn bản, ví dụ KH.
    #[arg(value_name = "LOẠI", help_heading = "Tham số")]
    pub loai: String,
    /// Số tiếp theo sẽ cấp, ví dụ 57.
    #[arg(value_name = "SỐ", help_heading = "Tham số")]
    pub so: i64,
    /// Năm (hồ sơ đánh số theo năm; mặc định: năm nay).
    #[arg(long, value_name = "NĂM")]
    pub nam: Option<i32>,
    /// The issuing body.
    #[command(flatten)]
    pub body: BodyArgs,
}

/// `vanban register add`.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// Mã loại văn bản, ví dụ CV, KH, TB.
    #[arg(long, value_name = "MÃ", required = true)]
    pub loai: String,
    /// Trích yếu nội dung.
    #[arg(long, value_name = "TRÍCH_YẾU", required = true)]
    pub trich_yeu: String,
    /// Người ký.
    #[arg(long, value_name = "HỌ_TÊN", required = true)]
    pub nguoi_ky: String,
    /// Ngày văn bản (ngày/tháng/năm; mặc định: hôm nay).
    #[arg(long, value_name = "NGÀY")]
    pub ngay: Option<String>,
    /// Tên loại (mặc định theo mã, ví dụ CV → Công văn).
    #[arg(long, value_name = "TÊN_LOẠI")]
    pub ten_loai: Option<String>,
    /// Nơi nhận.
    #[arg(
        long,
        value_name = "NƠI_NHẬN",
        default_value = "",
        hide_default_value = true
    )]
    pub noi_nhan: String,
    /// Đơn vị, người nhận bản lưu.
    #[arg(
        long,
        value_name = "BẢN_LƯU",
        default_value = "",
        hide_default_value = true
    )]
    pub luu: String,
    /// Số lượng bản.
    #[arg(long, value_name = "N")]
    pub so_ban: Option<i64>,
    /// Ghi chú.
    #[arg(
        long,
        value_name = "GHI_CHÚ",
        default_value = "",
        hide_default_value = true
    )]
    pub ghi_chu: String,
    /// Văn bản mật (đánh số theo quy định của hồ sơ: đảng chung loạt với loại, nhà nước loạt riêng).
    #[arg(long, conflicts_with = "dai_hoi")]
    pub mat: bool,
    /// Văn bản của đại hội (đảng: một loạt số chung, ký hiệu ĐH).
    #[arg(long)]
    pub dai_hoi: bool,
    /// The issuing body.
    #[command(flatten)]
    pub body: BodyArgs,
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
    /// Số bản trong tệp PDF (ví dụ phiếu đánh giá: mỗi người biểu quyết một bản), thay cho số bản mẫu
    /// quy định (so_ban); tệp DOCX luôn một bản.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub ban: Option<u32>,
    /// Lấy số tiếp theo từ sổ đăng ký văn bản đi và in vào văn bản (hàng loạt: một dãy số liên tiếp
    /// theo thứ tự hàng).
    #[arg(long)]
    pub cap_so: bool,
    /// Tệp sổ đăng ký văn bản đi (SQLite; mặc định: so-dang-ky.sqlite ở thư mục hiện tại).
    #[arg(
        long,
        value_name = "TỆP",
        default_value = DEFAULT_REGISTER,
        hide_default_value = true
    )]
    pub so_dang_ky: PathBuf,
}

/// The register's default file name (the pipeline's).
pub const DEFAULT_REGISTER: &str = vanban::pipeline::register::DEFAULT_FILE;

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
    /// Sổ đăng ký văn bản đi để đối chiếu số đã ghi trong bảng tính (mặc định: so-dang-ky.sqlite nếu có).
    #[arg(
        long,
        value_name = "TỆP",
        default_value = DEFAULT_REGISTER,
        hide_default_value = true
    )]
    pub so_dang_ky: PathBuf,
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
    /// Tệp sổ đăng ký văn bản đi mà trang cấp số vào (mặc định: so-dang-ky.sqlite ở thư mục hiện tại).
    #[arg(
        long,
        value_name = "TỆP",
        default_value = DEFAULT_REGISTER,
        hide_default_value = true
    )]
    pub so_dang_ky: PathBuf,
    /// Thêm một tên máy được dùng để mở trang (ví dụ tên của máy dùng chung trong mạng nội bộ); lặp lại
    /// cho nhiều tên.
    #[arg(long, value_name = "TÊN")]
    pub allow_host: Vec<String>,
    /// Templates, profile (the page's default) and read limits.
    #[command(flatten)]
    pub engine: EngineArgs,
}
