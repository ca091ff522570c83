//! `vanban render`: one document, written as DOCX and/or PDF (or printed as IR).

use super::output::{ensure_dir, output_path, write_atomic};
use super::{Kind, RenderArgs, SourceArgs};
use crate::error::{Diagnostic, Error, Result};
use crate::ir::Document;
use crate::model::{self, Dataset, Needs, TongHop, VnCollator};
use crate::profile::Profile;
use crate::render::{self, Format};
use crate::sample;
use crate::template::{Templates, context};
use crate::workbook::{ReadLimits, Workbook};

/// Everything a command needs before it renders: profile, templates, data, aggregates.
pub struct Inputs {
    /// The layout profile.
    pub profile: Profile,
    /// The parsed templates.
    pub templates: Templates,
    /// The checked data.
    pub dataset: Dataset,
    /// Warnings found in the data.
    pub warnings: Vec<Diagnostic>,
    /// The aggregates.
    pub tong_hop: TongHop,
}

/// Loads the profile, the templates and the workbook (the embedded sample when `--data` is absent).
/// Data errors reject the whole command.
pub fn load_inputs(source: &SourceArgs, needs: Needs) -> Result<Inputs> {
    let (profile, templates, loaded) = load_unchecked(source, needs)?;
    let (dataset, warnings) = loaded.into_result()?;
    let tong_hop = dataset.tong_hop(&VnCollator::new());
    Ok(Inputs {
        profile,
        templates,
        dataset,
        warnings,
        tong_hop,
    })
}

/// Like [`load_inputs`] but returns the data with its findings unjudged (the batch skips bad rows).
pub fn load_unchecked(
    source: &SourceArgs,
    needs: Needs,
) -> Result<(Profile, Templates, model::Loaded)> {
    let profile = Profile::load(&source.profile)?;
    let templates = Templates::new(source.templates.as_deref())?;
    let workbook = match &source.data {
        Some(path) => Workbook::open(path, &ReadLimits::with_max_rows(source.max_rows))?,
        None => Workbook::from_bytes(
            sample::SAMPLE_XLSX.to_vec(),
            sample::SAMPLE_NAME,
            &ReadLimits::with_max_rows(source.max_rows),
        )?,
    };
    let loaded = model::load(&workbook, needs, &profile.rules);
    Ok((profile, templates, loaded))
}

/// Prints warnings on stderr.
pub fn print_warnings(file: &str, warnings: &[Diagnostic]) {
    for w in warnings {
        eprintln!("cảnh báo: {file}: {}", w.to_string().replace('\n', "\n  "));
    }
}

/// Builds the document of `kind` (with `--stt` for the forms).
pub fn build_document(inputs: &Inputs, kind: Kind, stt: Option<i64>) -> Result<Document> {
    let base = context::base(&inputs.dataset, &inputs.tong_hop);
    let ds = &inputs.dataset;
    let ctx = match kind {
        Kind::CamKetChiBo => {
            let stt = need_stt(stt, "cam-ket-chi-bo")?;
            let cb = ds
                .chi_bo
                .iter()
                .find(|c| c.stt == stt)
                .ok_or_else(|| no_stt(stt, "chi bộ", ds.chi_bo.iter().map(|c| c.stt)))?;
            context::for_chi_bo(&base, cb)
        }
        Kind::CamKetDangVien => {
            let stt = need_stt(stt, "cam-ket-dang-vien")?;
            let dv = ds
                .dang_vien
                .iter()
                .find(|d| d.stt == stt)
                .ok_or_else(|| no_stt(stt, "đảng viên", ds.dang_vien.iter().map(|d| d.stt)))?;
            context::for_dang_vien(&base, dv, ds.chi_bo_named(&dv.chi_bo))
        }
        _ => {
            if stt.is_some() {
                return Err(Error::usage(
                    "--stt chỉ dùng cho bản cam kết",
                    "bỏ --stt, hoặc dùng render cam-ket-chi-bo / cam-ket-dang-vien",
                ));
            }
            base
        }
    };
    inputs
        .templates
        .render(kind.template(), &ctx, inputs.profile.the_thuc)
}

fn need_stt(stt: Option<i64>, kind: &str) -> Result<i64> {
    stt.ok_or_else(|| {
        Error::usage(
            format!("render {kind} cần --stt"),
            format!("ví dụ: vanban render {kind} --stt 1; muốn dựng tất cả thì dùng vanban batch cam-ket"),
        )
    })
}

fn no_stt(stt: i64, what: &str, all: impl Iterator<Item = i64>) -> Error {
    let all: Vec<i64> = all.collect();
    let range = match (all.iter().min(), all.iter().max()) {
        (Some(a), Some(b)) => format!("STT có trong dữ liệu: từ {a} đến {b}"),
        _ => format!("dữ liệu không có {what} nào"),
    };
    Error::usage(format!("không có {what} có STT {stt}"), range)
}

/// Runs `vanban render`.
pub fn run(args: &RenderArgs) -> Result<()> {
    let formats = Format::parse_list(&args.format)?;
    if formats.contains(&Format::Ir) && formats.len() > 1 {
        return Err(Error::usage(
            "--format ir in mô hình văn bản ra màn hình, không đi cùng định dạng khác",
            "dùng --format ir riêng, hoặc --format docx,pdf",
        ));
    }
    let needs = Needs {
        dang_vien: matches!(
            args.kind,
            Kind::SoKet | Kind::TongKet | Kind::CamKetDangVien
        ),
    };
    let inputs = load_inputs(&args.source, needs)?;
    print_warnings(&inputs.dataset.file, &inputs.warnings);
    let doc = build_document(&inputs, args.kind, args.stt)?;
    if formats == [Format::Ir] {
        let json = serde_json::to_string_pretty(&doc).map_err(|e| Error::Render {
            format: "ir",
            message: e.to_string(),
        })?;
        crate::outln!("{json}");
        return Ok(());
    }
    // Render everything first: nothing is written if any format fails.
    let mut files = Vec::with_capacity(formats.len());
    for f in &formats {
        files.push((
            output_path(&args.source.out, &doc.file_stem, f.extension()),
            render::render(&doc, &inputs.profile, *f)?,
        ));
    }
    ensure_dir(&args.source.out)?;
    for (path, bytes) in &files {
        write_atomic(path, bytes)?;
    }
    for (path, _) in &files {
        crate::outln!("{}", path.display());
    }
    Ok(())
}
