//! A check run on an .xls file before calamine parses it.
//!
//! calamine 0.38 trusts the structure of an .xls file: a cycle in the compound file's sector chains makes it
//! loop forever, and a corrupt cell record (column 65,000) or DIMENSIONS record makes it allocate the
//! whole bounding box of a sheet at once — tens of gigabytes — which aborts the process (an allocation
//! failure is not a panic and cannot be caught). This module walks the same structures the way calamine
//! will and refuses the file when calamine would loop or allocate beyond what a real .xls can hold
//! (65,536 rows × 256 columns). Anything calamine rejects by itself (a bad header, a sector beyond the end
//! of the file, a short record) is left to calamine.

/// Sector chains end here.
const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
/// DIFAT sector ids at or above this are not sectors.
const RESERVED_SECTORS: u32 = 0xFFFF_FFFA;
/// FAT sector ids at or above this are not sectors.
const DIFSECT: u32 = 0xFFFF_FFFC;
/// The largest grid a BIFF8 sheet can have.
const MAX_GRID: u64 = 65_536 * 256;
/// The most cells calamine may reserve for a whole .xls (the bounding boxes of every sheet's values
/// and formulas, which it allocates in full, 24–32 bytes a cell): about 250 MB. A real evaluation
/// workbook needs a few hundred thousand; one sheet of 65,536 rows × 30 columns needs 2 million.
pub const MAX_DENSE_CELLS: u64 = 8_000_000;

/// Why a file is refused.
#[derive(Debug, PartialEq)]
pub enum Refusal {
    /// The structure is corrupt (calamine would loop or allocate beyond any real .xls).
    Corrupt(String),
    /// A valid-looking file whose sheets' bounding boxes need more cells than [`MAX_DENSE_CELLS`].
    TooLarge {
        /// Cells the sheets' bounding boxes need.
        cells: u64,
    },
}

impl From<&str> for Refusal {
    fn from(why: &str) -> Self {
        Refusal::Corrupt(why.to_owned())
    }
}

/// Ok when calamine can be given these bytes (including when they are not an .xls at all).
pub fn check(bytes: &[u8]) -> Result<(), Refusal> {
    if !bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return Ok(());
    }
    match Cfb::walk(bytes)? {
        Some(stream) => check_biff(&stream),
        None => Ok(()),
    }
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?))
}

fn u32s(b: &[u8]) -> impl Iterator<Item = u32> + '_ {
    b.chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
}

/// What a sector chain walk found.
enum Chain {
    /// The bytes calamine will read.
    Bytes(Vec<u8>),
    /// calamine stops with an error (or a caught panic) on this chain.
    CalamineFails,
}

struct Cfb<'a> {
    /// The sectors after the header, as calamine numbers them.
    body: &'a [u8],
    sector: usize,
    maxid: u32,
    fats: Vec<u32>,
}

impl<'a> Cfb<'a> {
    /// The sector's bytes as calamine reads them (short at the end of the file), or None when calamine
    /// refuses the id.
    fn sector(&self, id: u32) -> Option<&'a [u8]> {
        if id > self.maxid {
            return None;
        }
        let start = (id as usize).checked_mul(self.sector)?;
        let end = start.saturating_add(self.sector).min(self.body.len());
        Some(self.body.get(start..end).unwrap_or_default())
    }

    /// Follows a chain through `fats` like calamine's `get_chain`, up to `len` bytes. A chain that
    /// comes back to a sector before reaching `len` would make calamine loop: refused.
    fn chain(
        &self,
        start: u32,
        fats: &[u32],
        len: usize,
        sector_of: &dyn Fn(u32) -> Option<&'a [u8]>,
    ) -> Result<Chain, Refusal> {
        let mut out = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut id = start;
        while id != ENDOFCHAIN {
            let Some(sector) = sector_of(id) else {
                return Ok(Chain::CalamineFails);
            };
            if !seen.insert(id) {
                return Err("chuỗi sector lặp vòng".into());
            }
            let take = sector.len().min(len - out.len());
            out.extend_from_slice(&sector[..take]);
            if out.len() >= len {
                break;
            }
            match fats.get(id as usize) {
                Some(next) => id = *next,
                None => return Ok(Chain::CalamineFails),
            }
        }
        Ok(Chain::Bytes(out))
    }

    /// Walks the compound file to the Workbook stream. None when calamine will refuse the file by itself.
    fn walk(bytes: &'a [u8]) -> Result<Option<Vec<u8>>, Refusal> {
        let Some(header) = bytes.get(..512) else {
            return Ok(None);
        };
        let sector = match u16_at(header, 30) {
            Some(9) => 512,
            Some(12) => 4096,
            _ => return Ok(None),
        };
        if u16_at(header, 32) != Some(6) || bytes.len() < sector {
            return Ok(None);
        }
        let version = u16_at(header, 26).unwrap_or(0);
        let field = |at| u32_at(header, at).unwrap_or(0);
        let (dir_start, mini_fat_start, mini_fat_len, difat_start) =
            (field(48), field(60), field(64) as usize, field(68));
        let mut cfb = Cfb {
            body: &bytes[sector..],
            sector,
            maxid: u32::try_from(bytes.len() / sector).unwrap_or(u32::MAX),
            fats: Vec::new(),
        };

        let mut difat: Vec<u32> = u32s(&header[76..512]).collect();
        let mut id = difat_start;
        let mut steps = 0usize;
        while id < RESERVED_SECTORS {
            steps += 1;
            if steps > cfb.maxid as usize + 1 {
                return Ok(None);
            }
            let Some(s) = cfb.sector(id) else {
                return Ok(None);
            };
            difat.extend(u32s(s));
            match difat.pop() {
                Some(next) => id = next,
                None => return Ok(None),
            }
        }
        let mut fats = Vec::new();
        for id in difat.into_iter().filter(|id| *id < DIFSECT) {
            let Some(s) = cfb.sector(id) else {
                return Ok(None);
            };
            fats.extend(u32s(s));
        }
        cfb.fats = fats;

        let by_sector = |id| cfb.sector(id);
        let dirs = match cfb.chain(dir_start, &cfb.fats, usize::MAX, &by_sector)? {
            Chain::Bytes(b) => b,
            Chain::CalamineFails => return Ok(None),
        };
        // (name, start, len) of each 128-byte entry.
        let entries: Vec<(String, u32, u64)> = dirs
            .chunks_exact(128)
            .map(|e| {
                let units: Vec<u16> = e[..64]
                    .chunks_exact(2)
                    .map(|c| u16::from_le_bytes([c[0], c[1]]))
                    .take_while(|u| *u != 0)
                    .collect();
                let len = if sector == 512 {
                    u64::from(u32_at(e, 120).unwrap_or(0))
                } else {
                    u64_at(e, 120).unwrap_or(0)
                };
                (
                    String::from_utf16_lossy(&units),
                    u32_at(e, 116).unwrap_or(0),
                    len,
                )
            })
            .collect();
        let Some(root) = entries.first() else {
            return Ok(None);
        };
        if version != 3 && root.1 == ENDOFCHAIN {
            return Ok(None);
        }
        let as_len = |l: u64| usize::try_from(l).unwrap_or(usize::MAX);
        let (mini_fats, ministream) = if mini_fat_len > 0 {
            let ministream = match cfb.chain(root.1, &cfb.fats, as_len(root.2), &by_sector)? {
                Chain::Bytes(b) => b,
                Chain::CalamineFails => return Ok(None),
            };
            let minifat_len = mini_fat_len.saturating_mul(sector);
            let minifat = match cfb.chain(mini_fat_start, &cfb.fats, minifat_len, &by_sector)? {
                Chain::Bytes(b) => b,
                Chain::CalamineFails => return Ok(None),
            };
            (u32s(&minifat).collect::<Vec<u32>>(), ministream)
        } else {
            (Vec::new(), Vec::new())
        };

        let find = |name: &str| entries.iter().find(|(n, ..)| n.eq_ignore_ascii_case(name));
        let Some((_, start, len)) = find("Workbook").or_else(|| find("Book")) else {
            return Ok(None);
        };
        let len = as_len(*len);
        let stream = if len < 4096 {
            let mini_max = cfb.maxid.saturating_mul(8);
            let by_mini = |id: u32| -> Option<&[u8]> {
                if id > mini_max {
                    return None;
                }
                let start = (id as usize).checked_mul(64)?;
                Some(
                    ministream
                        .get(start..(start + 64).min(ministream.len()))
                        .unwrap_or_default(),
                )
            };
            cfb.chain(*start, &mini_fats, len, &by_mini)?
        } else {
            cfb.chain(*start, &cfb.fats, len, &by_sector)?
        };
        Ok(match stream {
            Chain::Bytes(b) => Some(b),
            Chain::CalamineFails => None,
        })
    }
}

/// One BIFF record: type and data (CONTINUE records come as their own records; calamine ignores them
/// for cells).
fn records(stream: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    let mut rest = stream;
    std::iter::from_fn(move || {
        let typ = u16_at(rest, 0)?;
        let len = u16_at(rest, 2)? as usize;
        let data = rest.get(4..4 + len)?;
        rest = &rest[4 + len..];
        Some((typ, data))
    })
}

/// The bounding box of a sheet's cells, as calamine's `Range::from_sparse` will allocate it.
#[derive(Default)]
struct Bounds {
    rows: Option<(u32, u32)>,
    cols: Option<(u32, u32)>,
}

impl Bounds {
    fn add(&mut self, row: u32, col: u32) {
        let grow = |b: &mut Option<(u32, u32)>, v: u32| {
            *b = Some(b.map_or((v, v), |(lo, hi)| (lo.min(v), hi.max(v))));
        };
        grow(&mut self.rows, row);
        grow(&mut self.cols, col);
    }

    fn cells(&self) -> u64 {
        match (self.rows, self.cols) {
            (Some((r0, r1)), Some((c0, c1))) => {
                u64::from(r1 - r0 + 1).saturating_mul(u64::from(c1 - c0 + 1))
            }
            _ => 0,
        }
    }
}

/// Walks the globals for the sheets' offsets, then each sheet's cell records the way calamine does.
fn check_biff(stream: &[u8]) -> Result<(), Refusal> {
    let mut sheets = Vec::new();
    for (typ, data) in records(stream) {
        match typ {
            0x002F if u16_at(data, 0).unwrap_or(0) != 0 => return Ok(()),
            0x0085 => match u32_at(data, 0) {
                Some(pos) => sheets.push(pos as usize),
                None => return Ok(()),
            },
            0x000A => break,
            _ => {}
        }
    }
    let mut dense = 0u64;
    for pos in sheets {
        let Some(sheet) = stream.get(pos..) else {
            continue;
        };
        let mut cells = Bounds::default();
        let mut formulas = Bounds::default();
        let mut seen_bof = false;
        let mut depth = 0usize;
        for (typ, data) in records(sheet) {
            if depth > 0 {
                match typ {
                    0x0809 => depth += 1,
                    0x000A => depth -= 1,
                    _ => {}
                }
                continue;
            }
            let row = u32::from(u16_at(data, 0).unwrap_or(0));
            let col = u32::from(u16_at(data, 2).unwrap_or(0));
            match typ {
                0x0809 if seen_bof => depth += 1,
                0x0809 => seen_bof = true,
                0x0200 if dimensions(data) > MAX_GRID => {
                    return Err("bản ghi DIMENSIONS không hợp lệ".into());
                }
                0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD if data.len() >= 4 => {
                    cells.add(row, col);
                }
                0x00BD if data.len() >= 6 => {
                    let last = u32::from(u16_at(data, data.len() - 2).unwrap_or(0));
                    if last >= col && data.len() == 6 + 6 * (last - col + 1) as usize {
                        cells.add(row, col);
                        cells.add(row, last);
                    }
                }
                0x0006 if data.len() >= 20 => {
                    cells.add(row, col);
                    formulas.add(row, col);
                }
                0x000A => break,
                _ => {}
            }
        }
        if cells.cells() > MAX_GRID || formulas.cells() > MAX_GRID {
            return Err("vị trí ô nằm ngoài giới hạn của tệp .xls".into());
        }
        dense = dense.saturating_add(cells.cells() + formulas.cells());
    }
    if dense > MAX_DENSE_CELLS {
        return Err(Refusal::TooLarge { cells: dense });
    }
    Ok(())
}

/// The number of cells calamine reserves for a DIMENSIONS record (its arithmetic, wrapping as in a
/// release build).
fn dimensions(r: &[u8]) -> u64 {
    let read16 = |at| u32::from(u16_at(r, at).unwrap_or(0));
    let (rf, rl, mut cf, cl) = match r.len() {
        10 => (read16(0), read16(2), read16(4), read16(6)),
        14 | 16 => (
            u32_at(r, 0).unwrap_or(0),
            u32_at(r, 4).unwrap_or(0),
            read16(8),
            read16(10),
        ),
        _ => return 0,
    };
    if 0xFF < cf || cl < cf {
        cf = 0;
    }
    let (start, end) = if 1 <= rl && 1 <= cl {
        ((rf, cf), (rl - 1, cl - 1))
    } else {
        ((rf, cf), (rf, cf))
    };
    let rows = u64::from(end.0.wrapping_sub(start.0).wrapping_add(1));
    let cols = u64::from(end.1.wrapping_sub(start.1).wrapping_add(1));
    rows.saturating_mul(cols)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_an_xls_passes() {
        assert!(check(b"PK\x03\x04 zip").is_ok());
        assert!(check(b"").is_ok());
    }

    #[test]
    fn dimensions_like_calamine() {
        // rwMic 0, rwMac 10, colMic 0, colMac 5: 10 × 5.
        let mut r = Vec::new();
        r.extend(0u32.to_le_bytes());
        r.extend(10u32.to_le_bytes());
        r.extend(0u16.to_le_bytes());
        r.extend(5u16.to_le_bytes());
        r.extend(0u16.to_le_bytes());
        assert_eq!(dimensions(&r), 50);
        // rwMic beyond rwMac wraps to billions of rows.
        r[0..4].copy_from_slice(&100u32.to_le_bytes());
        assert!(dimensions(&r) > MAX_GRID);
    }

    #[test]
    fn far_cells_are_refused() {
        let mut b = Bounds::default();
        b.add(0, 0);
        b.add(65_535, 255);
        assert_eq!(b.cells(), MAX_GRID);
        b.add(0, 60_000);
        assert!(b.cells() > MAX_GRID);
    }
}
