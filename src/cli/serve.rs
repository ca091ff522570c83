//! `vanban serve`: starts the local web page (see `vanban::serve`) and opens the browser.

use super::ServeArgs;
use vanban::error::{Error, Result};
use vanban::serve::{self, Options};

/// Runs `vanban serve` until Ctrl-C.
pub fn run(args: &ServeArgs) -> Result<()> {
    let host: std::net::IpAddr = args.host.parse().map_err(|_| {
        Error::usage(
            format!("--host \"{}\" không phải địa chỉ IP", args.host),
            "ví dụ --host 127.0.0.1 (chỉ máy này) hoặc --host 0.0.0.0 (mọi máy trong mạng)",
        )
    })?;
    if args.max_upload_mb == 0 {
        return Err(Error::usage(
            "--max-upload-mb phải lớn hơn 0",
            "ví dụ --max-upload-mb 20",
        ));
    }
    let workers = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()));
    let options = Options {
        host,
        port: args.port,
        templates: args.engine.templates.clone(),
        profile: args.engine.profile.clone(),
        max_upload: usize::try_from(args.max_upload_mb)
            .unwrap_or(usize::MAX >> 20)
            .saturating_mul(1 << 20),
        workers,
        limits: args.engine.limits(),
        so_dang_ky: args.so_dang_ky.clone(),
        allow_hosts: args.allow_host.clone(),
    };
    let open = !args.no_open;
    serve::run(&options, |addr| {
        let url = serve::url(addr);
        crate::outln!("Mở trình duyệt: {url}");
        if !host.is_loopback() {
            eprintln!(
                "cảnh báo: máy chủ nghe trên {host}: mọi người trong mạng đều dùng được trang này và đọc được dữ liệu tải lên"
            );
        }
        crate::outln!("Nhấn Ctrl-C để dừng.");
        if open && has_desktop() && webbrowser::open(&url).is_err() {
            eprintln!("cảnh báo: không mở được trình duyệt; hãy tự mở {url}");
        }
    })?;
    crate::outln!("Đã dừng.");
    Ok(())
}

/// True when a browser can be shown: a graphical session on Linux and BSD, always elsewhere.
fn has_desktop() -> bool {
    if cfg!(any(target_os = "windows", target_os = "macos")) {
        return true;
    }
    ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|s| !s.is_empty()))
}
