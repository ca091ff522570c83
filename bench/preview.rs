//! Where a web preview's time goes, without the web server: what `POST /api/preview` does for a
//! template edit (an engine with the edited text, the document made from the sample workbook and laid
//! out, page 1 rasterised and encoded as PNG), repeated, each time with one word of the template
//! changed, and timed stage by stage (median of the runs, milliseconds).
//!
//! ```text
//! cargo run --release --example preview -- [KIND] [RUNS]      (default ke-hoach 50)
//! ```
//!
//! With `VANBAN_TIMINGS=1` it also prints the pipeline's stages (workbook, template, IR, layout,
//! Typst) per run.
//!
//! The edited word is the first word of the body (after the front matter) that is longer than four
//! letters: each run replaces it with itself plus a number, as a user typing in the editor would.

use std::time::{Duration, Instant};

use vanban::pipeline::{DocumentRequest, Input, Library, ReadLimits, preview, report_timings};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let kind = args.first().map_or("ke-hoach", String::as_str);
    let runs: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(50);
    let stt = (kind == "cam-ket-dang-vien").then_some(7);

    let library = Library::load(None).expect("templates");
    let base = library
        .engine("dang", ReadLimits::default())
        .expect("engine");
    let text = library.text(kind).expect("kind").to_owned();
    // The first plain line of the body (no template code on it), and its first long word.
    let body_at = text.rfind("+++").map_or(0, |i| i + 3);
    let (word, word_at) = text[body_at..]
        .lines()
        .filter(|l| !l.contains(['{', '}', '#', '|']))
        .find_map(|l| {
            let w = l
                .split(|c: char| !c.is_alphabetic())
                .find(|w| w.chars().count() > 4)?;
            let at = body_at + text[body_at..].find(l)? + l.find(w)?;
            Some((w.to_owned(), at))
        })
        .expect("a word to edit");

    let started = Instant::now();
    let mut stages: [Vec<Duration>; 5] = Default::default();
    let mut size = 0;
    for i in 0..runs + 1 {
        let mut edited = text.clone();
        edited.replace_range(word_at..word_at + word.len(), &format!("{word}{i}"));
        let t0 = Instant::now();
        let engine = library
            .engine_with_edit(&base, kind, &edited)
            .expect("edited engine");
        let t1 = Instant::now();
        let laid = preview(&engine, &DocumentRequest::new(kind, stt, Input::Sample)).expect("laid");
        let t2 = Instant::now();
        let (png, [raster, encode]) = laid.page_png_timed(1, 1.5).expect("page 1").expect("png");
        assert!(png.starts_with(b"\x89PNG"));
        size = png.len();
        if i == 0 {
            continue; // the first run loads fonts and fills caches
        }
        for (s, d) in
            stages
                .iter_mut()
                .zip([t1 - t0, t2 - t1, raster, encode, t2 - t0 + raster + encode])
        {
            s.push(d);
        }
    }
    let median = |v: &mut Vec<Duration>| {
        v.sort();
        v[v.len() / 2].as_secs_f64() * 1000.0
    };
    println!(
        "{kind}, page 1 ({} KB), one word edited per run ({word:?}), {runs} runs, median ms:",
        size / 1024
    );
    for (label, v) in [
        "templates parsed (engine with the edit)",
        "document made and laid out (workbook, template, IR, layout, Typst)",
        "page rasterised (typst-render)",
        "PNG encoded",
        "total",
    ]
    .iter()
    .zip(stages.iter_mut())
    {
        println!("  {:<68} {:>7.2}", label, median(v));
    }
    // With VANBAN_TIMINGS=1: the pipeline's own stages, per run (the first run included).
    println!();
    report_timings(runs + 1, started.elapsed());
}
