//! Many documents of one kind, in parallel: rayon workers, each with its own Typst session (kept by
//! `render::pdf` per thread). What happens to the bytes — files on disk, a zip in memory — is the
//! caller's: each finished document is handed to a sink.

use super::{Engine, Job, job_document};
use crate::error::{Error, Result};
use crate::render::{self, Format};
use crate::template::Kind;
use rayon::prelude::*;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// Shard `index` of `count` (index from 1): the rows whose position in their sheet falls in the
/// index-th of `count` contiguous, near-equal slices. Shards are deterministic, disjoint and together
/// complete, so N machines can split one workbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// Which shard, from 1.
    pub index: usize,
    /// How many shards.
    pub count: usize,
}

impl Shard {
    /// True when position `pos` (from 0) of `total` rows belongs to this shard.
    pub fn contains(self, pos: usize, total: usize) -> bool {
        let (start, end) = self.bounds(total);
        (start..end).contains(&pos)
    }

    /// The positions `[start, end)` of this shard among `total` rows.
    pub fn bounds(self, total: usize) -> (usize, usize) {
        let at = |i: usize| ((i as u128 * total as u128) / self.count as u128) as usize;
        (at(self.index - 1), at(self.index))
    }
}

/// Parses `--shard I/N` (1 ≤ I ≤ N); anything else is a usage error.
pub fn parse_shard(s: &str) -> Result<Shard> {
    let bad = || {
        Error::usage(
            format!("--shard \"{s}\" không hợp lệ"),
            "viết --shard I/N với 1 ≤ I ≤ N, ví dụ --shard 3/8 (phần thứ 3 trong 8 phần)",
        )
    };
    let (i, n) = s.split_once('/').ok_or_else(bad)?;
    let index: usize = i.trim().parse().map_err(|_| bad())?;
    let count: usize = n.trim().parse().map_err(|_| bad())?;
    if index == 0 || count == 0 || index > count {
        return Err(bad());
    }
    Ok(Shard { index, count })
}

/// How a batch runs.
#[derive(Debug, Clone)]
pub struct Options {
    /// The formats each document is rendered to.
    pub formats: Vec<Format>,
    /// Worker threads.
    pub jobs: usize,
    /// Stop at the first failure (documents already handed to the sink stay).
    pub fail_fast: bool,
    /// Signature and seal images placed on every document (`--chu-ky`, `--con-dau`).
    pub images: Option<crate::ir::SigningImages>,
    /// Output options (`--pdf-a`).
    pub render: render::RenderOptions,
}

/// What a batch did.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Documents whose every file the sink accepted.
    pub documents: usize,
    /// Files the sink wrote.
    pub files: usize,
    /// Failures: the job's row in its sheet and the error.
    pub failures: Vec<(usize, Error)>,
}

/// Renders every job in `formats` on `options.jobs` workers and hands each document's files to `sink`
/// (which returns how many files it wrote); `progress` is called once per job done.
///
/// An [`Error::Output`] (the sink could not write: read-only folder, full disk) stops the whole batch
/// at once, whatever `fail_fast` says, and is returned as the error; files the sink wrote before stay.
pub fn run<S, P>(
    engine: &Engine,
    kind: &Kind,
    jobs: &[Job],
    options: &Options,
    sink: S,
    progress: P,
) -> Result<Outcome>
where
    S: Fn(&Job, Vec<(Format, Vec<u8>)>) -> Result<usize> + Sync,
    P: Fn() + Sync,
{
    if options.jobs == 0 {
        return Err(Error::usage("--jobs phải lớn hơn 0", "ví dụ --jobs 2"));
    }
    if options.formats.contains(&Format::Pdf) {
        // Fail before any work if the PDF engine cannot be built.
        render::pdf::PdfEngine::global()?;
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs)
        .build()
        .map_err(|e| {
            Error::usage(
                format!("không tạo được {} luồng: {e}", options.jobs),
                "giảm --jobs",
            )
        })?;
    let files = AtomicUsize::new(0);
    let documents = AtomicUsize::new(0);
    let failures: Mutex<Vec<(usize, Error)>> = Mutex::new(Vec::new());
    let stop = AtomicBool::new(false);
    let write_failed = AtomicBool::new(false);
    let write_error: Mutex<Option<Error>> = Mutex::new(None);
    pool.install(|| {
        jobs.par_iter().for_each(|job| {
            if write_failed.load(Ordering::Relaxed)
                || (options.fail_fast && stop.load(Ordering::Relaxed))
            {
                return;
            }
            let result = job_document(engine, kind, job).and_then(|mut doc| {
                doc.images.clone_from(&options.images);
                let mut out = Vec::with_capacity(options.formats.len());
                for f in &options.formats {
                    // PDF stages are timed inside render::pdf (Typst runs on its session thread).
                    let _timing = (*f == render::Format::Docx)
                        .then(|| crate::timing::span(crate::timing::Stage::Docx));
                    out.push((
                        *f,
                        render::render_with(&doc, &engine.profile, *f, options.render)?,
                    ));
                }
                sink(job, out)
            });
            match result {
                Ok(n) => {
                    files.fetch_add(n, Ordering::Relaxed);
                    documents.fetch_add(1, Ordering::Relaxed);
                }
                Err(e @ Error::Output { .. }) => {
                    write_failed.store(true, Ordering::Relaxed);
                    if let Ok(mut first) = write_error.lock() {
                        first.get_or_insert(e);
                    }
                }
                Err(e) => {
                    stop.store(true, Ordering::Relaxed);
                    if let Ok(mut f) = failures.lock() {
                        f.push((job.row.row, e));
                    }
                }
            }
            progress();
        });
    });
    if let Some(e) = write_error.into_inner().ok().flatten() {
        return Err(e);
    }
    let mut failures = failures.into_inner().unwrap_or_default();
    failures.sort_by_key(|(row, _)| *row);
    Ok(Outcome {
        documents: documents.into_inner(),
        files: files.into_inner(),
        failures,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_are_disjoint_and_complete() {
        for total in [0, 1, 7, 10, 1000, 1001] {
            for count in 1..=9 {
                let mut owners = vec![0; total];
                for index in 1..=count {
                    let s = Shard { index, count };
                    for (pos, owner) in owners.iter_mut().enumerate() {
                        if s.contains(pos, total) {
                            *owner += 1;
                        }
                    }
                }
                assert!(
                    owners.iter().all(|&o| o == 1),
                    "total {total}, count {count}"
                );
            }
        }
    }

    #[test]
    fn parses_shards() {
        assert_eq!(parse_shard("3/8").unwrap(), Shard { index: 3, count: 8 });
        for bad in ["0/8", "9/8", "1/0", "a/b", "3", "-1/2", ""] {
            let e = parse_shard(bad).unwrap_err();
            assert_eq!(e.exit_code(), 2, "{bad}");
        }
    }
}
