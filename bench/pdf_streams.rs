//! What compression costs inside the PDF export, which Typst's PDF writer does not expose: inflates every
//! deflated stream of the PDFs given (or of every `*.pdf` in a folder) and deflates it again at level 6
//! (the writer's fixed level) and at a faster level, printing per document the time and bytes of each,
//! split into font programs and the rest (content streams, CMaps). Used by bench/batch.sh.
//!
//! Usage: cargo run --release --example pdf-streams -- DIR_OR_FILES... [--limit N]

#![allow(clippy::unwrap_used)]

use flate2::Compression;
use flate2::read::ZlibDecoder;
use flate2::write::ZlibEncoder;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::time::Instant;

#[derive(Default)]
struct Tally {
    streams: usize,
    raw: usize,
    level6: usize,
    fast: usize,
    secs6: f64,
    secs_fast: f64,
}

fn deflate(data: &[u8], level: u32) -> (usize, f64) {
    let t = Instant::now();
    let mut e = ZlibEncoder::new(Vec::new(), Compression::new(level));
    e.write_all(data).unwrap();
    let n = e.finish().unwrap().len();
    (n, t.elapsed().as_secs_f64())
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut limit = usize::MAX;
    if let Some(i) = args.iter().position(|a| a == "--limit") {
        limit = args
            .get(i + 1)
            .and_then(|n| n.parse().ok())
            .unwrap_or(limit);
        args.drain(i..(i + 2).min(args.len()));
    }
    let fast_level: u32 = std::env::var("FAST_LEVEL")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let mut files: Vec<PathBuf> = Vec::new();
    for a in &args {
        let p = PathBuf::from(a);
        if p.is_dir() {
            let mut v: Vec<PathBuf> = std::fs::read_dir(&p)
                .unwrap()
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.extension().is_some_and(|x| x == "pdf")
                        && p.file_name().is_some_and(|n| n != "tat-ca.pdf")
                })
                .collect();
            v.sort();
            files.extend(v);
        } else {
            files.push(p);
        }
    }
    files.truncate(limit);
    assert!(!files.is_empty(), "no PDF given");
    let (mut fonts, mut other) = (Tally::default(), Tally::default());
    for f in &files {
        let doc = lopdf::Document::load(f).unwrap();
        let font_files: Vec<lopdf::ObjectId> = doc
            .objects
            .values()
            .filter_map(|o| o.as_dict().ok())
            .filter_map(|d| {
                d.get(b"FontFile2")
                    .or_else(|_| d.get(b"FontFile3"))
                    .and_then(lopdf::Object::as_reference)
                    .ok()
            })
            .collect();
        for (id, obj) in &doc.objects {
            let Ok(s) = obj.as_stream() else { continue };
            let flate = s
                .dict
                .get(b"Filter")
                .and_then(lopdf::Object::as_name)
                .is_ok_and(|n| n == b"FlateDecode");
            if !flate {
                continue;
            }
            let mut raw = Vec::new();
            if ZlibDecoder::new(&s.content[..])
                .read_to_end(&mut raw)
                .is_err()
            {
                continue;
            }
            let t = if font_files.contains(id) {
                &mut fonts
            } else {
                &mut other
            };
            let (n6, s6) = deflate(&raw, 6);
            let (nf, sf) = deflate(&raw, fast_level);
            t.streams += 1;
            t.raw += raw.len();
            t.level6 += n6;
            t.fast += nf;
            t.secs6 += s6;
            t.secs_fast += sf;
        }
    }
    let docs = files.len() as f64;
    println!(
        "PDF streams re-deflated ({} documents; zlib level 6 as written, level {fast_level} for comparison), per document:",
        files.len()
    );
    println!(
        "{:<8} {:>8} {:>10} {:>10} {:>10} {:>10} {:>10}",
        "streams", "count", "raw KB", "L6 KB", "L6 ms", "fast KB", "fast ms"
    );
    for (name, t) in [("fonts", &fonts), ("other", &other)] {
        println!(
            "{:<8} {:>8.1} {:>10.1} {:>10.1} {:>10.3} {:>10.1} {:>10.3}",
            name,
            t.streams as f64 / docs,
            t.raw as f64 / docs / 1024.0,
            t.level6 as f64 / docs / 1024.0,
            t.secs6 * 1e3 / docs,
            t.fast as f64 / docs / 1024.0,
            t.secs_fast * 1e3 / docs
        );
    }
}
