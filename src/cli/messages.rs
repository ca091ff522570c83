//! Clap's parse errors in Vietnamese, with a hint.

use clap::error::{ContextKind, ErrorKind};

/// Vietnamese text for a clap parse error.
pub(super) fn clap_message(e: &clap::Error) -> String {
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
        ErrorKind::InvalidSubcommand => {
            let under_register = e
                .get(ContextKind::Usage)
                .is_some_and(|u| u.to_string().contains("vanban register"));
            format!(
                "lệnh không có: {}\n  gợi ý: {}",
                e.get(ContextKind::InvalidSubcommand)
                    .map(|v| v.to_string())
                    .unwrap_or_default(),
                if under_register {
                    "việc của vanban register: export, cancel, verify, start, add"
                } else {
                    "các lệnh: render, batch, kinds, check, init, serve, register"
                }
            )
        }
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "thiếu lệnh\n  gợi ý: các lệnh: render, batch, kinds, check, init, serve, register; xem `vanban --help`"
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
