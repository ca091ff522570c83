//! Reading a workbook for a kind: the data checked (strictly for one document, skipping bad rows for
//! a batch), and the rows a per-row kind makes documents from, each with its template context.

use super::{Engine, Input};
use crate::error::{Diagnostic, Error, Result, SheetId};
use crate::model::{self, Dataset, Needs, TongHop, VnCollator, XepLoai};
use crate::template::{ContextValue, Kind, Per, context};
use serde::Serialize;

/// One workbook, read and checked for one kind.
pub struct Data {
    /// The records.
    pub dataset: Dataset,
    /// The aggregates.
    pub tong_hop: TongHop,
    /// Warnings (quota, score bands …), for stderr or the page.
    pub warnings: Vec<Diagnostic>,
    /// Errors on single rows of the kind's `per` sheet; those rows are skipped by a batch. Empty when
    /// the data was loaded strictly.
    pub row_errors: Vec<Diagnostic>,
    pub(crate) base: ContextValue,
}

/// How data errors are judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strictness {
    /// Any error rejects the data (one document).
    Strict,
    /// Errors on single rows of the kind's `per` sheet are kept aside and those rows skipped (a batch);
    /// any other error rejects the data.
    SkipBadRows,
}

/// Reads and checks a workbook for a kind.
pub(crate) fn load_data(
    engine: &Engine,
    input: &Input,
    kind: &Kind,
    strictness: Strictness,
) -> Result<Data> {
    let workbook = input.open(&engine.limits)?;
    let needs = Needs {
        dang_vien: engine.templates.needs_dang_vien(kind),
    };
    let loaded = model::load(&workbook, needs, &engine.profile.rules);
    let (errors, warnings): (Vec<Diagnostic>, Vec<Diagnostic>) = loaded
        .diagnostics
        .into_iter()
        .partition(Diagnostic::is_error);
    let (row_errors, fatal): (Vec<Diagnostic>, Vec<Diagnostic>) = match (strictness, kind.per) {
        (Strictness::SkipBadRows, Some(per)) => {
            errors.into_iter().partition(|d| is_row_error_of(d, per))
        }
        _ => (Vec::new(), errors),
    };
    if !fatal.is_empty() {
        return Err(Error::Data {
            file: loaded.dataset.file.clone(),
            diagnostics: fatal,
        });
    }
    let dataset = loaded.dataset;
    let tong_hop = dataset.tong_hop(&VnCollator::new());
    let base = context::base(&dataset, &tong_hop);
    Ok(Data {
        dataset,
        tong_hop,
        warnings,
        row_errors,
        base,
    })
}

/// True when a diagnostic is about one row of the sheet a `per` kind batches over (by the sheet's
/// canonical identity, whatever name the workbook gives it).
fn is_row_error_of(d: &Diagnostic, per: Per) -> bool {
    let sheet = match per {
        Per::ChiBo => SheetId::ChiBo,
        Per::DangVien => SheetId::DangVien,
    };
    d.row.is_some() && d.sheet_id == Some(sheet)
}

/// One row a per-row kind can make a document from.
#[derive(Debug, Clone, Serialize)]
pub struct RowInfo {
    /// The row's STT.
    pub stt: i64,
    /// The chi bộ's or đảng viên's name.
    pub ten: String,
    /// Its xếp loại, if rated.
    pub xep_loai: Option<XepLoai>,
    /// The 1-based row in its sheet.
    #[serde(skip)]
    pub row: usize,
}

/// A row with the context its document is rendered with.
pub(crate) struct RowCtx {
    pub(crate) info: RowInfo,
    pub(crate) ctx: ContextValue,
}

/// Every row of the kind's `per` sheet in sheet order, bad rows left out, with its context.
pub(crate) fn row_contexts(data: &Data, per: Per) -> Vec<RowCtx> {
    let bad: std::collections::BTreeSet<usize> =
        data.row_errors.iter().filter_map(|d| d.row).collect();
    let ds = &data.dataset;
    match per {
        Per::ChiBo => ds
            .chi_bo
            .iter()
            .filter(|c| !bad.contains(&c.row))
            .map(|c| RowCtx {
                info: RowInfo {
                    stt: c.stt,
                    ten: c.ten.clone(),
                    xep_loai: c.xep_loai,
                    row: c.row,
                },
                ctx: context::for_chi_bo(&data.base, c, &ds.members_of(&c.ten)),
            })
            .collect(),
        Per::DangVien => ds
            .dang_vien
            .iter()
            .enumerate()
            .filter(|(_, d)| !bad.contains(&d.row))
            .map(|(i, d)| RowCtx {
                info: RowInfo {
                    stt: d.stt,
                    ten: d.ho_ten.clone(),
                    xep_loai: d.xep_loai,
                    row: d.row,
                },
                ctx: context::for_dang_vien(&data.base, ds, i),
            })
            .collect(),
    }
}

/// The rows a per-row kind makes documents from, after its `chon` filter, in sheet order. A kind
/// without `per` has none.
pub(crate) fn rows(engine: &Engine, data: &Data, kind: &Kind) -> Result<Vec<RowInfo>> {
    let Some(per) = kind.per else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for r in row_contexts(data, per) {
        if engine.templates.chooses(kind, &r.ctx)? {
            out.push(r.info);
        }
    }
    Ok(out)
}

/// The rows a per-row kind makes documents from, for a workbook read as a batch reads it (bad rows left
/// out); `[]` for a kind without `per`.
pub fn row_infos(engine: &Engine, kind: &str, input: &Input) -> Result<Vec<RowInfo>> {
    let kind = engine.kind(kind)?;
    if kind.per.is_none() {
        return Ok(Vec::new());
    }
    let data = load_data(engine, input, kind, Strictness::SkipBadRows)?;
    rows(engine, &data, kind)
}
