//! Page images for the web preview: the document is laid out exactly as for the PDF, then one page is
//! rasterised with `typst-render` and encoded as PNG. Nothing is written to disk.

use super::{Job, Session, compile, render_error, with_session};
use crate::error::Result;
use crate::render::layout::Layout;
use typst::utils::Scalar;
use typst_layout::PagedDocument;
use typst_render::RenderOptions;

/// A laid-out document whose pages can be rasterised one by one (cheap to keep: a few pages of frames
/// that share the engine's fonts).
pub struct Laid {
    paged: PagedDocument,
}

impl Laid {
    /// How many pages the document has.
    pub fn page_count(&self) -> usize {
        self.paged.pages().len()
    }

    /// Page `page` (from 1) as a PNG at `pixel_per_pt` pixels per point; `None` for a page that does not
    /// exist.
    pub fn page_png(&self, page: usize, pixel_per_pt: f64) -> Option<Result<Vec<u8>>> {
        let p = self.paged.pages().get(page.checked_sub(1)?)?;
        let options = RenderOptions {
            pixel_per_pt: Scalar::new(pixel_per_pt),
            render_bleed: false,
        };
        let pixmap = typst_render::render(p, &options);
        Some(
            pixmap
                .encode_png()
                .map_err(|e| render_error(format!("không mã hóa được ảnh trang: {e}"))),
        )
    }
}

impl Session {
    /// Lays a document out (as [`Session::write`] does, without the PDF export).
    pub fn lay_out(&mut self, layout: &Layout) -> Result<Laid> {
        let job = Job::of(layout, &self.shared)?;
        self.run(move |world| {
            let (paged, _warnings) = compile(world, job)?;
            Ok(Laid { paged })
        })
    }
}

/// Lays a document out with the process-wide engine (and this thread's session), for page images.
pub fn lay_out(layout: &Layout) -> Result<Laid> {
    with_session(|s| s.lay_out(layout))
}
