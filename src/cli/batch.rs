//! `vanban batch cam-ket`: placeholder until the batch issue lands.

use super::BatchArgs;
use std::process::ExitCode;

/// Runs `vanban batch`.
pub fn run(_args: &BatchArgs) -> ExitCode {
    super::report(&crate::error::Error::usage(
        "lệnh batch chưa có trong bản này",
        "dùng vanban render cam-ket-dang-vien --stt N",
    ))
}
