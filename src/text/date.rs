//! A calendar date, as the workbook reads it and the document prints it.

use serde::{Deserialize, Serialize};

/// A calendar date (validated when built).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date {
    /// Year, e.g. 2022.
    pub year: i32,
    /// Month 1–12.
    pub month: u32,
    /// Day 1–31.
    pub day: u32,
}

impl Date {
    /// A date, or `None` if the day does not exist (31/02).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Self> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        ((1..=days).contains(&day) && (1..=9999).contains(&year)).then_some(Self {
            year,
            month,
            day,
        })
    }

    /// Parses ISO `yyyy-mm-dd` (the form dates take inside templates).
    pub fn parse_iso(s: &str) -> Option<Self> {
        let mut parts = s.trim().splitn(3, '-');
        let y = parts.next()?.parse().ok()?;
        let m = parts.next()?.parse().ok()?;
        let d = parts.next()?.parse().ok()?;
        Self::new(y, m, d)
    }

    /// The day as a date line writes it: two digits below 10 ("05").
    pub fn day_padded(&self) -> String {
        format!("{:02}", self.day)
    }

    /// The month as a date line writes it: two digits for January and February ("01", "02", "7").
    pub fn month_padded(&self) -> String {
        if self.month <= 2 {
            format!("{:02}", self.month)
        } else {
            self.month.to_string()
        }
    }

    /// ISO `yyyy-mm-dd`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}
