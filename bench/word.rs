//! Times reading a large Word template: a kind of about fifty pages (the kế hoạch's body repeated,
//! exported to `.docx` as `vanban init --word` does), then read (`word::read`), compiled into a kind's
//! text, and parsed with the other kinds into an engine. Prints the document's page count so the size
//! is checked, not assumed. Not run by CI; see `bench/word.sh`.
//!
//! ```text
//! cargo run --release --example bench-word -- [PAGES] [RUNS]
//! ```

use std::process::ExitCode;
use std::time::Instant;
use vanban::pipeline::{self, DocumentRequest, Input, Library, ReadLimits};
use vanban::template::{Origin, Source};
use vanban::word::{self, WordLimits};

fn ms(d: std::time::Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The kế hoạch with its body repeated `times` times.
fn long_kind(library: &Library, times: usize) -> String {
    let text = library.text("ke-hoach").expect("the embedded kế hoạch");
    let (front, body) = text
        .strip_prefix("+++")
        .and_then(|rest| rest.split_once("\n+++\n"))
        .expect("front matter");
    let mut out = format!("+++{front}\n+++\n");
    for _ in 0..times {
        out.push_str(body);
        out.push('\n');
    }
    out
}

fn main() -> ExitCode {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let pages_wanted = args.first().copied().unwrap_or(50);
    let runs = args.get(1).copied().unwrap_or(5);
    let library = Library::load(None).expect("embedded templates");

    // Grow the body until the document has the pages asked for.
    let mut times = 1;
    let (bytes, pages) = loop {
        let text = long_kind(&library, times);
        let bytes = match pipeline::word_template("lon", &text) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(1);
            }
        };
        let engine = library
            .with_word_file("lon.docx", bytes.clone())
            .engine("dang", ReadLimits::default())
            .expect("engine");
        let laid =
            match pipeline::preview(&engine, &DocumentRequest::new("lon", None, Input::Sample)) {
                Ok(l) => l,
                Err(e) => {
                    eprintln!("{e}");
                    return ExitCode::from(1);
                }
            };
        let pages = laid.page_count();
        if pages >= pages_wanted {
            break (bytes, pages);
        }
        times = (times * pages_wanted).div_ceil(pages.max(1)).max(times + 1);
    };
    println!(
        "template: the kế hoạch's body × {times}: {:.0} KB .docx, {pages} pages (Đảng profile, sample data)",
        bytes.len() as f64 / 1024.0
    );

    let mut best = [f64::MAX; 3];
    for run in 0..runs {
        let t0 = Instant::now();
        let doc = word::read(&bytes, &WordLimits::default()).expect("reads");
        let t1 = Instant::now();
        let source = Source::word("lon.docx", bytes.clone(), Origin::File("lon.docx".into()));
        let t2 = Instant::now();
        let engine = library
            .with_word_file("lon.docx", bytes.clone())
            .engine("dang", ReadLimits::default())
            .expect("engine");
        let t3 = Instant::now();
        assert!(engine.check_kind("lon").is_ok());
        let times = [ms(t1 - t0), ms(t2 - t1), ms(t3 - t2)];
        println!(
            "run {}: {} blocks, {} lines of kind text | read {:.1} ms | read + compile {:.1} ms | engine with every kind {:.1} ms",
            run + 1,
            doc.blocks.len(),
            source.text.lines().count(),
            times[0],
            times[1],
            times[2]
        );
        for (b, t) in best.iter_mut().zip(times) {
            *b = b.min(t);
        }
    }
    println!(
        "best of {runs}: read {:.1} ms | read + compile {:.1} ms | engine with every kind {:.1} ms",
        best[0], best[1], best[2]
    );
    ExitCode::SUCCESS
}
