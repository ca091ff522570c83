//! The Typst `World` of the PDF renderer: a shared, immutable engine (fonts, font book, standard library,
//! the parsed layout program) and small per-worker sessions that own the replaceable `/data.json`.
//!
//! Only these virtual files exist: `/main.typ` (the embedded layout program of a document), `/lib.typ`
//! (its helpers, which depend on the style only), `/data.json` (the document's layout), `/style.json`
//! (what the writers take of the profile, [`crate::render::layout::Style`]) and, for an electronic
//! document, `/chu-ky.png` and `/con-dau.png` (the signature and seal images), with file ids interned
//! once for the life of the process; and for a document with pictures of its own (a Word template's),
//! `/anh.json` (their sizes, [`crate::render::layout::LPicture`]) and `/anh-1.png`, `/anh-2.jpeg` …
//! (their bytes). No system font and no file on disk is ever read.

use std::sync::{Arc, LazyLock};

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedIntrospector;

/// The layout program, embedded at build time.
pub(super) const LAYOUT_TYP: &str = include_str!("layout.typ");
/// The layout program's helpers, embedded at build time.
pub(super) const LIB_TYP: &str = include_str!("lib.typ");

/// The virtual path of the layout program.
const MAIN_PATH: &str = "/main.typ";
/// The virtual path of the helpers.
const LIB_PATH: &str = "/lib.typ";
/// The virtual path of the document data.
const DATA_PATH: &str = "/data.json";
/// The virtual path of the writers' style (the profile's share that reaches the writers).
const STYLE_PATH: &str = "/style.json";
/// The virtual path of the signature image (the layout program names it after the image's role).
const CHU_KY_PATH: &str = "/chu-ky.png";
/// The virtual path of the seal image.
const CON_DAU_PATH: &str = "/con-dau.png";
/// The virtual path of the document's own pictures' sizes.
const PICTURES_PATH: &str = "/anh.json";
/// The name of the document's own picture N (from 1) is this, N, a dot and its format's extension.
const PICTURE_PREFIX: &str = "anh-";

/// The fixed file ids, interned once.
struct Ids {
    main: FileId,
    lib: FileId,
    data: FileId,
    style: FileId,
    chu_ky: FileId,
    con_dau: FileId,
    pictures: FileId,
}

static IDS: LazyLock<Result<Ids, String>> = LazyLock::new(|| {
    let id = |path: &str| {
        VirtualPath::new(path)
            .map(|p| FileId::new(RootedPath::new(VirtualRoot::Project, p)))
            .map_err(|e| format!("{path}: {e:?}"))
    };
    Ok(Ids {
        main: id(MAIN_PATH)?,
        lib: id(LIB_PATH)?,
        data: id(DATA_PATH)?,
        style: id(STYLE_PATH)?,
        chu_ky: id(CHU_KY_PATH)?,
        con_dau: id(CON_DAU_PATH)?,
        pictures: id(PICTURES_PATH)?,
    })
});

/// The immutable part of the engine, shared by every session.
pub(super) struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    main: Source,
    lib: Source,
    main_id: FileId,
    data_id: FileId,
    style_id: FileId,
    chu_ky_id: FileId,
    con_dau_id: FileId,
    pictures_id: FileId,
}

impl Shared {
    /// Loads the embedded fonts, builds the standard library and parses the layout program.
    pub(super) fn new() -> Result<Self, String> {
        let ids = IDS.as_ref().map_err(Clone::clone)?;
        let fonts: Vec<Font> = crate::fonts::ALL
            .iter()
            .flat_map(|bytes| Font::iter(Bytes::new(*bytes)))
            .collect();
        if fonts.len() != crate::fonts::ALL.len() {
            return Err(format!(
                "expected {} embedded font faces, parsed {}",
                crate::fonts::ALL.len(),
                fonts.len()
            ));
        }
        let book = FontBook::from_fonts(&fonts);
        Ok(Self {
            library: LazyHash::new(Library::builder().build()),
            book: LazyHash::new(book),
            fonts,
            main: Source::new(ids.main, LAYOUT_TYP.to_owned()),
            lib: Source::new(ids.lib, LIB_TYP.to_owned()),
            main_id: ids.main,
            data_id: ids.data,
            style_id: ids.style,
            chu_ky_id: ids.chu_ky,
            con_dau_id: ids.con_dau,
            pictures_id: ids.pictures,
        })
    }

    /// Whether the embedded fonts include this family (case-insensitive).
    pub(super) fn has_family(&self, family: &str) -> bool {
        self.book.contains_family(&family.to_lowercase())
    }

    /// The name and parsed source of a file of the layout program (for error line numbers), or
    /// `None` for a data file.
    pub(super) fn program(&self, id: FileId) -> Option<(&'static str, &Source)> {
        if id == self.main.id() {
            Some(("layout.typ", &self.main))
        } else if id == self.lib.id() {
            Some(("lib.typ", &self.lib))
        } else {
            None
        }
    }
}

/// One worker's world: the shared engine plus this worker's current document data.
pub(super) struct SessionWorld {
    pub(super) shared: Arc<Shared>,
    /// The bytes of `/data.json`, replaced for every document.
    pub(super) data: Bytes,
    /// The bytes of `/style.json`, replaced only when the profile changes.
    pub(super) style: Bytes,
    /// What `datetime.today()` returns: the document's own date, never the clock.
    pub(super) today: Option<Datetime>,
    /// The bytes of `/chu-ky.png` and `/con-dau.png`, when the document has them.
    pub(super) chu_ky: Option<Bytes>,
    /// See `chu_ky`.
    pub(super) con_dau: Option<Bytes>,
    /// The bytes of `/anh.json`, replaced only when they change.
    pub(super) pictures_json: Bytes,
    /// The document's own pictures, by index: the bytes they came from and the `Bytes` served (kept
    /// while the same picture prints again, so Typst hashes it once).
    pub(super) pictures: Vec<(Arc<[u8]>, Bytes)>,
    /// The introspector of the session's previous document: where the next document's layout starts
    /// (see `compile.rs`).
    pub(super) hint: Option<Arc<PagedIntrospector>>,
}

impl World for SessionWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.shared.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.shared.book
    }

    fn main(&self) -> FileId {
        self.shared.main_id
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if let Some((_, source)) = self.shared.program(id) {
            Ok(source.clone())
        } else if id == self.shared.data_id || id == self.shared.style_id {
            Err(FileError::NotSource)
        } else {
            Err(not_found(id))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.shared.data_id {
            Ok(self.data.clone())
        } else if id == self.shared.style_id {
            Ok(self.style.clone())
        } else if let Some((_, source)) = self.shared.program(id) {
            Ok(Bytes::from_string(source.text().to_owned()))
        } else if id == self.shared.chu_ky_id {
            self.chu_ky.clone().ok_or_else(|| not_found(id))
        } else if id == self.shared.con_dau_id {
            self.con_dau.clone().ok_or_else(|| not_found(id))
        } else if id == self.shared.pictures_id {
            Ok(self.pictures_json.clone())
        } else {
            picture_index(id)
                .and_then(|i| self.pictures.get(i))
                .map(|(_, b)| b.clone())
                .ok_or_else(|| not_found(id))
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.shared.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        self.today
    }
}

impl SessionWorld {
    /// Serves the document's own pictures, keeping the served bytes of each picture the previous
    /// document had too.
    pub(super) fn set_pictures(&mut self, pictures: Vec<Arc<[u8]>>) {
        let old = std::mem::take(&mut self.pictures);
        self.pictures = pictures
            .into_iter()
            .map(|p| {
                let served = old
                    .iter()
                    .find(|(q, _)| Arc::ptr_eq(q, &p))
                    .map(|(_, b)| b.clone())
                    .unwrap_or_else(|| Bytes::new(p.clone()));
                (p, served)
            })
            .collect();
    }
}

/// The index of the picture a file id names (`/anh-2.jpeg` → 1).
fn picture_index(id: FileId) -> Option<usize> {
    let path = id.get().vpath().get_without_slash();
    let rest = path.strip_prefix(PICTURE_PREFIX)?;
    let (n, _ext) = rest.split_once('.')?;
    n.parse::<usize>().ok()?.checked_sub(1)
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.get().vpath().get_without_slash().into())
}
