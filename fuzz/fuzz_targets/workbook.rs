//! Workbook bytes (xlsx, xls, ods: the format is detected from the bytes) through reading and the model's
//! checks. Any input must give data or an error, never a panic, an abort or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vanban::model::{self, Needs, Rules};
use vanban::workbook::{ReadLimits, Workbook};

fuzz_target!(|data: &[u8]| {
    let limits = ReadLimits::default();
    if let Ok(wb) = Workbook::from_bytes(data.to_vec(), "fuzz.xlsx", &limits) {
        let loaded = model::load(&wb, Needs { dang_vien: true }, &Rules::default());
        let _ = loaded.dataset.tong_hop(&model::VnCollator::new());
    }
});
