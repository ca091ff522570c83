//! Joins every `*.pdf` of a folder (sorted by name, `tat-ca.pdf` excluded) into one file with the streamed
//! writer `batch --merge-pdf` uses, to measure its time and peak memory apart from the batch:
//! `/usr/bin/time -v cargo run --release --example merge-pdf -- DIR OUT.pdf`.

use std::path::PathBuf;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(out)) = (args.next(), args.next()) else {
        return Err("usage: merge-pdf DIR OUT.pdf".into());
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|x| x == "pdf")
                && p.file_name().is_some_and(|n| n != "tat-ca.pdf")
        })
        .collect();
    files.sort();
    let start = Instant::now();
    let file = std::fs::File::create(&out)?;
    vanban::render::pdf_merge::merge_files_into(&files, std::io::BufWriter::new(file))?;
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{} PDFs joined in {secs:.2} s ({:.3} ms each), {} bytes",
        files.len(),
        secs * 1e3 / files.len() as f64,
        std::fs::metadata(&out)?.len()
    );
    Ok(())
}
