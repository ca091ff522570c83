//! Page images for the web preview: the document is laid out exactly as for the PDF, then one page is
//! rasterised with `typst-render` and encoded as PNG. Nothing is written to disk.

use super::{Job, Session, compile, render_error, with_session};
use crate::error::Result;
use crate::render::layout::Layout;
use std::time::{Duration, Instant};
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
        Some(self.page_png_timed(page, pixel_per_pt)?.map(|(png, _)| png))
    }

    /// [`Laid::page_png`], with the time spent rasterising and encoding (for `bench/preview.rs`).
    pub fn page_png_timed(
        &self,
        page: usize,
        pixel_per_pt: f64,
    ) -> Option<Result<(Vec<u8>, [Duration; 2])>> {
        let p = self.paged.pages().get(page.checked_sub(1)?)?;
        let options = RenderOptions {
            pixel_per_pt: Scalar::new(pixel_per_pt),
            render_bleed: false,
        };
        let start = Instant::now();
        let pixmap = typst_render::render(p, &options);
        let rasterised = Instant::now();
        let png = encode_png(pixmap.data(), pixmap.width(), pixmap.height())
            .map_err(|e| render_error(format!("không mã hóa được ảnh trang: {e}")));
        Some(png.map(|png| (png, [rasterised - start, rasterised.elapsed()])))
    }
}

/// A page image (premultiplied RGBA, as typst-render makes it) as PNG, made for speed: a page of
/// black text on white is grey only, so it is written as 8-bit grey (a quarter of the RGBA bytes),
/// a page with coloured pictures as RGB, one with transparency as RGBA; compressed with the png
/// crate's fast setting (fdeflate). tiny-skia's `encode_png` (RGBA, zlib level 6, adaptive filters)
/// took 25–30 ms of a 35 ms preview of page 1 of the kế hoạch, this about 2 ms, for a file about
/// twice as large (which the browser reads over loopback or a LAN in no time).
fn encode_png(rgba: &[u8], width: u32, height: u32) -> std::result::Result<Vec<u8>, String> {
    let pixels = rgba.chunks_exact(4);
    let opaque = pixels.clone().all(|p| p[3] == 255);
    let grey = opaque && pixels.clone().all(|p| p[0] == p[1] && p[1] == p[2]);
    let (color, data): (png::ColorType, Vec<u8>) = if grey {
        (png::ColorType::Grayscale, pixels.map(|p| p[0]).collect())
    } else if opaque {
        (
            png::ColorType::Rgb,
            pixels.flat_map(|p| [p[0], p[1], p[2]]).collect(),
        )
    } else {
        // Straight alpha, as PNG wants it.
        let unmultiply = |c: u8, a: u8| -> u8 {
            if a == 0 {
                0
            } else {
                ((u32::from(c) * 255 + u32::from(a) / 2) / u32::from(a)).min(255) as u8
            }
        };
        (
            png::ColorType::Rgba,
            pixels
                .flat_map(|p| {
                    [
                        unmultiply(p[0], p[3]),
                        unmultiply(p[1], p[3]),
                        unmultiply(p[2], p[3]),
                        p[3],
                    ]
                })
                .collect(),
        )
    };
    let mut out = Vec::with_capacity(data.len() / 8);
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(color);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    encoder
        .write_header()
        .and_then(|mut w| w.write_image_data(&data))
        .map_err(|e| e.to_string())?;
    Ok(out)
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

#[cfg(test)]
mod tests {
    use super::encode_png;

    /// Decodes a PNG to straight RGBA.
    fn decode(png: &[u8]) -> (png::ColorType, Vec<u8>) {
        let mut reader = png::Decoder::new(std::io::Cursor::new(png))
            .read_info()
            .expect("png header");
        let mut buf = vec![0; reader.output_buffer_size().expect("size")];
        let info = reader.next_frame(&mut buf).expect("png data");
        buf.truncate(info.buffer_size());
        let rgba = match info.color_type {
            png::ColorType::Grayscale => buf.iter().flat_map(|&g| [g, g, g, 255]).collect(),
            png::ColorType::Rgb => buf
                .chunks_exact(3)
                .flat_map(|p| [p[0], p[1], p[2], 255])
                .collect(),
            _ => buf,
        };
        (info.color_type, rgba)
    }

    #[test]
    fn page_images_keep_their_pixels_in_the_smallest_colour_type() {
        // Grey text on white.
        let grey = [255, 255, 255, 255, 0, 0, 0, 255, 128, 128, 128, 255, 7, 7, 7, 255];
        let (color, back) = decode(&encode_png(&grey, 2, 2).expect("encode"));
        assert_eq!((color, back.as_slice()), (png::ColorType::Grayscale, &grey[..]));
        // A red seal over white.
        let rgb = [255, 255, 255, 255, 200, 0, 0, 255, 0, 0, 200, 255, 7, 7, 7, 255];
        let (color, back) = decode(&encode_png(&rgb, 2, 2).expect("encode"));
        assert_eq!((color, back.as_slice()), (png::ColorType::Rgb, &rgb[..]));
        // Premultiplied half-transparent red, and a transparent pixel.
        let rgba = [100, 0, 0, 128, 0, 0, 0, 0, 255, 255, 255, 255, 0, 0, 0, 255];
        let (color, back) = decode(&encode_png(&rgba, 2, 2).expect("encode"));
        assert_eq!(color, png::ColorType::Rgba);
        assert_eq!(&back[..8], &[199, 0, 0, 128, 0, 0, 0, 0]);
        assert_eq!(&back[8..], &rgba[8..]);
    }
}
