//! `vanban init DIR`: a workbook to fill in and the templates and profiles to customise.

use super::InitArgs;
use super::output::{ensure_dir, write_atomic};
use vanban::error::{Error, Result};
use vanban::pipeline;

/// Runs `vanban init`.
pub fn run(args: &InitArgs) -> Result<()> {
    let dir = &args.dir;
    let files = pipeline::init_files(dir, args.word)?;
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
    // The register numbers are taken from (`--cap-so`); an existing one is kept as it is.
    let register = dir.join(pipeline::register::DEFAULT_FILE);
    if pipeline::register::create(&register)? {
        crate::outln!("{}", register.display());
    }
    Ok(())
}
