//! A small cache of laid-out documents for the preview: asking for page 2 after page 1, or for the same
//! document again, rasterises without laying the document out again. Keys hash everything a document
//! depends on (workbook bytes, kind, STT, profile, edited template, uploaded Word kind); at most `capacity` documents are
//! kept, the least recently used leaves first, and each keeps the PNGs of the pages already shown.

use crate::error::Result;
use crate::pipeline::Laid;
use std::collections::{HashMap, VecDeque};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, Mutex};

/// Pixels per typographic point of the page images: an A4 page is 893 × 1263 pixels, sharp on a
/// laptop screen and quick to encode.
const PIXEL_PER_PT: f64 = 1.5;

/// One laid-out document and its page images made so far.
pub(super) struct Entry {
    laid: Laid,
    pngs: Mutex<HashMap<usize, Arc<Vec<u8>>>>,
}

impl Entry {
    /// Wraps a laid-out document.
    pub fn new(laid: Laid) -> Self {
        Entry {
            laid,
            pngs: Mutex::new(HashMap::new()),
        }
    }

    /// The document's page count.
    pub fn page_count(&self) -> usize {
        self.laid.page_count()
    }

    /// The PNG of page `page` (from 1) if already made.
    pub fn cached_png(&self, page: usize) -> Option<Arc<Vec<u8>>> {
        self.pngs.lock().ok()?.get(&page).cloned()
    }

    /// The PNG of page `page`, made now if needed; `None` for a page the document does not have.
    pub fn png(&self, page: usize) -> Option<Result<Arc<Vec<u8>>>> {
        if let Some(p) = self.cached_png(page) {
            return Some(Ok(p));
        }
        let made = self.laid.page_png(page, PIXEL_PER_PT)?;
        Some(made.map(|bytes| {
            let bytes = Arc::new(bytes);
            if let Ok(mut pngs) = self.pngs.lock() {
                pngs.insert(page, Arc::clone(&bytes));
            }
            bytes
        }))
    }
}

/// The cache: most recently used first; plus one lock per document being laid out, so that requests
/// for the same document arriving together lay it out once.
pub(super) struct Cache {
    capacity: usize,
    entries: Mutex<VecDeque<(u64, Arc<Entry>)>>,
    in_flight: Mutex<HashMap<u64, Arc<tokio::sync::Mutex<()>>>>,
}

impl Cache {
    /// An empty cache of `capacity` documents.
    pub fn new(capacity: usize) -> Self {
        Cache {
            capacity,
            entries: Mutex::new(VecDeque::new()),
            in_flight: Mutex::new(HashMap::new()),
        }
    }

    /// The lock of the document under `key`: hold it while laying the document out, then look in the
    /// cache again after taking it. Locks nobody holds are dropped once there are many.
    pub fn flight(&self, key: u64) -> Arc<tokio::sync::Mutex<()>> {
        let Ok(mut map) = self.in_flight.lock() else {
            return Arc::new(tokio::sync::Mutex::new(()));
        };
        if map.len() > 4 * self.capacity {
            map.retain(|_, lock| Arc::strong_count(lock) > 1);
        }
        Arc::clone(map.entry(key).or_default())
    }

    /// The document under `key`, made the most recently used.
    pub fn get(&self, key: u64) -> Option<Arc<Entry>> {
        let mut entries = self.entries.lock().ok()?;
        let pos = entries.iter().position(|(k, _)| *k == key)?;
        let item = entries.remove(pos)?;
        let entry = Arc::clone(&item.1);
        entries.push_front(item);
        Some(entry)
    }

    /// Keeps a document under `key`, dropping the least recently used beyond the capacity.
    pub fn insert(&self, key: u64, entry: Arc<Entry>) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.retain(|(k, _)| *k != key);
            entries.push_front((key, entry));
            entries.truncate(self.capacity);
        }
    }
}

/// The cache key of a preview: everything the document depends on.
pub(super) fn key(
    file: Option<&[u8]>,
    kind: &str,
    stt: Option<i64>,
    profile: &str,
    template: Option<&str>,
    word: Option<&[u8]>,
) -> u64 {
    let mut h = DefaultHasher::new();
    file.hash(&mut h);
    kind.hash(&mut h);
    stt.hash(&mut h);
    profile.hash(&mut h);
    template.hash(&mut h);
    word.hash(&mut h);
    h.finish()
}
