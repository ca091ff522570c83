//! A minimal zip writer for the package: entries deflate-compressed (small one-off parts and pictures
//! stored), fixed timestamps (1980-01-01), no
//! extra fields, so the same parts always give the same bytes.
//!
//! Starting a deflate stream is dear next to compressing a small part: zlib-rs allocates its state and
//! clears a 128 KB hash table for every new stream, and clears the table again on every reset. For a
//! package of a dozen small parts that set-up cost more than the compression itself. So each thread keeps
//! one [`flate2::Compress`] for all its packages, and the entries that repeat from one package to the
//! next (styles, settings, theme, relationships, …: [`ZipOut::add_repeated`]) are compressed once per
//! thread and their bytes reused.

use flate2::{Compress, Compression, Crc, FlushCompress, Status};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// 1980-01-01 00:00 in MS-DOS date format (the earliest a zip can say).
const DOS_DATE: u16 = (1 << 5) | 1;
const DOS_TIME: u16 = 0;
const VERSION: u16 = 20;
const DEFLATE: u16 = 8;
const STORED: u16 = 0;
/// Entries smaller than this are stored, not deflated, unless they repeat from package to package
/// ([`ZipOut::add_repeated`] deflates them once per thread): restarting the compressor clears
/// zlib-rs's hash tables, far more work than compressing a part of a few hundred bytes.
const STORE_BELOW: usize = 2048;
/// Repeated entries kept per thread; the cache is emptied when full (a batch uses about ten).
const CACHE_ENTRIES: usize = 64;

/// An entry compressed earlier on this thread.
struct Cached {
    level: u32,
    crc: u32,
    compressed: Vec<u8>,
}

thread_local! {
    /// This thread's compressor and the level it was made for; taken by a [`ZipOut`] while it lives.
    static COMPRESSOR: RefCell<Option<(u32, Compress)>> = const { RefCell::new(None) };
    /// Repeated entries, by their uncompressed bytes.
    static REPEATED: RefCell<HashMap<Box<[u8]>, Rc<Cached>>> = RefCell::new(HashMap::new());
}

/// An entry whose local header is written and whose bytes are being written.
struct OpenEntry {
    /// Where its local header starts in the archive.
    header: usize,
    /// The same, as the central directory records it.
    offset: u32,
    crc: u32,
    /// Its uncompressed size.
    size: u32,
    name_len: u16,
    method: u16,
}

/// The CRC-32 of an entry's bytes.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = Crc::new();
    crc.update(data);
    crc.sum()
}

/// The error of an entry (or an archive) too large for a plain zip.
fn too_big(name: &str) -> ZipError {
    ZipError(format!("{name}: quá lớn cho tệp zip thường"))
}

/// An error while compressing or a package too large for a plain (non-zip64) archive.
#[derive(Debug)]
pub(super) struct ZipError(pub String);

/// A zip archive being written to memory.
pub(super) struct ZipOut {
    out: Vec<u8>,
    central: Vec<u8>,
    entries: u16,
    level: u32,
    /// This thread's compressor, taken on first use and given back on drop.
    compress: Option<Compress>,
}

impl Drop for ZipOut {
    fn drop(&mut self) {
        if let Some(c) = self.compress.take() {
            let level = self.level;
            // Fails only while the thread is being torn down; the compressor is then just dropped.
            let _ = COMPRESSOR.try_with(|slot| *slot.borrow_mut() = Some((level, c)));
        }
    }
}

impl ZipOut {
    /// A new archive; `capacity` is a guess of the final size, `level` the deflate level (0–9).
    pub fn new(capacity: usize, level: u32) -> Self {
        Self {
            out: Vec::with_capacity(capacity),
            central: Vec::with_capacity(1024),
            entries: 0,
            level,
            compress: None,
        }
    }

    /// Adds one entry: deflated, or stored when it is small.
    pub fn add(&mut self, name: &str, data: &[u8]) -> Result<(), ZipError> {
        if data.len() < STORE_BELOW {
            return self.add_stored(name, data);
        }
        self.add_deflated(name, data)
    }

    /// Adds one entry, deflated.
    fn add_deflated(&mut self, name: &str, data: &[u8]) -> Result<(), ZipError> {
        let _timing = crate::timing::span(crate::timing::Stage::DocxCompress);
        let entry = self.open(name, crc32(data), data.len(), DEFLATE)?;
        let level = self.level;
        let compress = self.compress.get_or_insert_with(|| {
            COMPRESSOR
                .with(|slot| slot.borrow_mut().take())
                .filter(|(l, _)| *l == level)
                .map(|(_, c)| c)
                .unwrap_or_else(|| Compress::new(Compression::new(level), false))
        });
        compress.reset();
        loop {
            self.out.reserve(data.len() / 2 + 64);
            let consumed = usize::try_from(compress.total_in()).map_err(|_| too_big(name))?;
            let status = compress
                .compress_vec(&data[consumed..], &mut self.out, FlushCompress::Finish)
                .map_err(|e| ZipError(format!("{name}: {e}")))?;
            if status == Status::StreamEnd {
                break;
            }
        }
        self.close(name, entry)
    }

    /// Adds one entry as it is (a picture, already compressed; a part too small to gain from deflate).
    pub fn add_stored(&mut self, name: &str, data: &[u8]) -> Result<(), ZipError> {
        let entry = self.open(name, crc32(data), data.len(), STORED)?;
        self.out.extend_from_slice(data);
        self.close(name, entry)
    }

    /// Adds an entry whose bytes usually repeat from one package to the next on this thread (a part that
    /// depends only on the profile, say): deflated once, then copied — whatever its size, since a copy
    /// costs no compressor restart. The same bytes as deflating it anew ([`ZipOut::add`] for an entry
    /// of [`STORE_BELOW`] bytes or more).
    pub fn add_repeated(&mut self, name: &str, data: &[u8]) -> Result<(), ZipError> {
        let level = self.level;
        let hit = REPEATED.with(|c| c.borrow().get(data).filter(|e| e.level == level).cloned());
        let cached = match hit {
            Some(cached) => cached,
            None => {
                // Compress it as a one-entry archive and keep the entry's deflate stream.
                let start = self.out.len();
                self.add_deflated(name, data)?;
                let header_len = 30 + name.len();
                let compressed = self.out[start + header_len..].to_vec();
                let crc = u32::from_le_bytes([
                    self.out[start + 14],
                    self.out[start + 15],
                    self.out[start + 16],
                    self.out[start + 17],
                ]);
                REPEATED.with(|c| {
                    let mut c = c.borrow_mut();
                    if c.len() >= CACHE_ENTRIES {
                        c.clear();
                    }
                    c.insert(
                        data.into(),
                        Rc::new(Cached {
                            level,
                            crc,
                            compressed,
                        }),
                    );
                });
                return Ok(());
            }
        };
        let entry = self.open(name, cached.crc, data.len(), DEFLATE)?;
        self.out.extend_from_slice(&cached.compressed);
        self.close(name, entry)
    }

    /// Starts an entry: its local header, with a compressed size of 0 until [`ZipOut::close`] knows
    /// it. The entry's bytes follow.
    fn open(
        &mut self,
        name: &str,
        crc: u32,
        size: usize,
        method: u16,
    ) -> Result<OpenEntry, ZipError> {
        let header = self.out.len();
        let offset = u32::try_from(header).map_err(|_| too_big(name))?;
        let size = u32::try_from(size).map_err(|_| too_big(name))?;
        let name_len = u16::try_from(name.len()).map_err(|_| too_big(name))?;
        let o = &mut self.out;
        o.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        o.extend_from_slice(&VERSION.to_le_bytes()); // version needed to extract
        o.extend_from_slice(&0u16.to_le_bytes()); // flags
        o.extend_from_slice(&method.to_le_bytes());
        o.extend_from_slice(&DOS_TIME.to_le_bytes());
        o.extend_from_slice(&DOS_DATE.to_le_bytes());
        o.extend_from_slice(&crc.to_le_bytes());
        o.extend_from_slice(&0u32.to_le_bytes()); // compressed size, set by `close`
        o.extend_from_slice(&size.to_le_bytes());
        o.extend_from_slice(&name_len.to_le_bytes());
        o.extend_from_slice(&0u16.to_le_bytes()); // extra field length
        o.extend_from_slice(name.as_bytes());
        Ok(OpenEntry {
            header,
            offset,
            crc,
            size,
            name_len,
            method,
        })
    }

    /// Ends an entry whose bytes have been written since [`ZipOut::open`]: its compressed size in the
    /// local header, and its record in the central directory.
    fn close(&mut self, name: &str, e: OpenEntry) -> Result<(), ZipError> {
        let data_start = e.header + 30 + name.len();
        let compressed = u32::try_from(self.out.len() - data_start).map_err(|_| too_big(name))?;
        self.out[e.header + 18..e.header + 22].copy_from_slice(&compressed.to_le_bytes());
        self.central_entry(name, &e, compressed)
    }

    /// Records an entry in the central directory.
    fn central_entry(&mut self, name: &str, e: &OpenEntry, compressed: u32) -> Result<(), ZipError> {
        let c = &mut self.central;
        c.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        c.extend_from_slice(&VERSION.to_le_bytes()); // version made by (MS-DOS)
        c.extend_from_slice(&VERSION.to_le_bytes());
        c.extend_from_slice(&0u16.to_le_bytes()); // flags
        c.extend_from_slice(&e.method.to_le_bytes());
        c.extend_from_slice(&DOS_TIME.to_le_bytes());
        c.extend_from_slice(&DOS_DATE.to_le_bytes());
        c.extend_from_slice(&e.crc.to_le_bytes());
        c.extend_from_slice(&compressed.to_le_bytes());
        c.extend_from_slice(&e.size.to_le_bytes());
        c.extend_from_slice(&e.name_len.to_le_bytes());
        c.extend_from_slice(&[0; 12]); // extra, comment, disk, internal attr, external attr (4)
        c.extend_from_slice(&e.offset.to_le_bytes());
        c.extend_from_slice(name.as_bytes());
        self.entries = self
            .entries
            .checked_add(1)
            .ok_or_else(|| too_big(name))?;
        Ok(())
    }

    /// Writes the central directory and returns the archive.
    pub fn finish(mut self) -> Result<Vec<u8>, ZipError> {
        let central = std::mem::take(&mut self.central);
        let too_big = || ZipError("gói DOCX quá lớn cho tệp zip thường".into());
        let cd_offset = u32::try_from(self.out.len()).map_err(|_| too_big())?;
        let cd_size = u32::try_from(central.len()).map_err(|_| too_big())?;
        self.out.extend_from_slice(&central);
        let o = &mut self.out;
        o.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        o.extend_from_slice(&[0; 4]); // this disk, disk with the central directory
        o.extend_from_slice(&self.entries.to_le_bytes());
        o.extend_from_slice(&self.entries.to_le_bytes());
        o.extend_from_slice(&cd_size.to_le_bytes());
        o.extend_from_slice(&cd_offset.to_le_bytes());
        o.extend_from_slice(&0u16.to_le_bytes()); // comment length
        Ok(std::mem::take(&mut self.out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Read};

    /// Every entry of an archive as the zip crate reads it: name, compression method, bytes.
    fn entries(bytes: Vec<u8>) -> Vec<(String, zip::CompressionMethod, Vec<u8>)> {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        (0..archive.len())
            .map(|i| {
                let mut f = archive.by_index(i).unwrap();
                let mut v = Vec::new();
                f.read_to_end(&mut v).unwrap();
                (f.name().unwrap().to_string(), f.compression(), v)
            })
            .collect()
    }

    #[test]
    fn the_zip_crate_reads_it_back() {
        let big: Vec<u8> = (0..200_000u32)
            .flat_map(|i| (i % 251).to_le_bytes())
            .collect();
        let mut z = ZipOut::new(1024, 6);
        z.add("[Content_Types].xml", b"<Types/>").unwrap();
        z.add("word/empty.xml", b"").unwrap();
        z.add("word/big.bin", &big).unwrap();
        // Small entries are stored, large ones deflated.
        use zip::CompressionMethod::{Deflated, Stored};
        assert_eq!(
            entries(z.finish().unwrap()),
            vec![
                ("[Content_Types].xml".into(), Stored, b"<Types/>".to_vec()),
                ("word/empty.xml".into(), Stored, Vec::new()),
                ("word/big.bin".into(), Deflated, big),
            ]
        );
    }

    #[test]
    fn repeated_entries_deflate_and_pictures_are_stored_and_read_back() {
        let mut z = ZipOut::new(1024, 1);
        z.add_repeated("a.xml", b"<x/>").unwrap();
        z.add_repeated("b.xml", b"<x/>").unwrap();
        z.add_stored("word/media/anh-1.png", &[0x89, b'P', b'N', b'G']).unwrap();
        // Repeated parts stay deflated (compressed once per thread); a picture is stored.
        use zip::CompressionMethod::{Deflated, Stored};
        assert_eq!(
            entries(z.finish().unwrap()),
            vec![
                ("a.xml".into(), Deflated, b"<x/>".to_vec()),
                ("b.xml".into(), Deflated, b"<x/>".to_vec()),
                ("word/media/anh-1.png".into(), Stored, vec![0x89, b'P', b'N', b'G']),
            ]
        );
    }

    #[test]
    fn a_repeated_entry_gives_the_same_bytes_as_a_fresh_one() {
        let styles: Vec<u8> = b"<w:styles>".repeat(300);
        let fresh = {
            let mut z = ZipOut::new(1024, 1);
            z.add("a.xml", b"first").unwrap();
            z.add("word/styles.xml", &styles).unwrap();
            z.finish().unwrap()
        };
        // The first call fills the cache, the second copies from it.
        for _ in 0..2 {
            let mut z = ZipOut::new(1024, 1);
            z.add("a.xml", b"first").unwrap();
            z.add_repeated("word/styles.xml", &styles).unwrap();
            assert_eq!(z.finish().unwrap(), fresh);
        }
        assert_eq!(entries(fresh)[1].2, styles);
    }
}
