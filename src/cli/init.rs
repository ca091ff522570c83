//! `vanban init DIR`: a workbook to fill in and the templates and profiles to customise.

use super::InitArgs;
use super::output::{ensure_dir, write_atomic};
use crate::error::{Error, Result};
use crate::profile::BUILTIN;
use crate::sample;
use crate::template;
use std::path::PathBuf;

/// Runs `vanban init`.
pub fn run(args: &InitArgs) -> Result<()> {
    let dir = &args.dir;
    let mut files: Vec<(PathBuf, Vec<u8>)> =
        vec![(dir.join("du-lieu.xlsx"), sample::init_data().to_xlsx()?)];
    for (name, src) in template::embedded() {
        files.push((dir.join("templates").join(name), src.as_bytes().to_vec()));
    }
    for (name, src) in BUILTIN {
        files.push((
            dir.join("templates")
                .join("profiles")
                .join(format!("{name}.toml")),
            src.as_bytes().to_vec(),
        ));
    }
    if !args.force {
        let existing: Vec<String> = files
            .iter()
            .filter(|(p, _)| p.exists())
            .map(|(p, _)| p.display().to_string())
            .collect();
        if !existing.is_empty() {
            return Err(Error::usage(
                format!("đã có tệp, không ghi đè: {}", existing.join(", ")),
                "chọn một thư mục khác, hoặc thêm --force để ghi đè",
            ));
        }
    }
    ensure_dir(&dir.join("templates").join("profiles"))?;
    for (path, bytes) in &files {
        write_atomic(path, bytes)?;
    }
    for (path, _) in &files {
        crate::outln!("{}", path.display());
    }
    Ok(())
}
