//! PNG images made in code, for the signature and seal flags (`--chu-ky`, `--con-dau`).

/// A w × h RGBA PNG: transparent, with every seventh pixel red (so a placed image is visible on a
/// page), and a pHYs chunk when `ppm` (pixels per metre) is given.
pub fn png(w: u32, h: u32, ppm: Option<u32>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, w, h);
    enc.set_color(png::ColorType::Rgba);
    enc.set_depth(png::BitDepth::Eight);
    if let Some(p) = ppm {
        enc.set_pixel_dims(Some(png::PixelDimensions {
            xppu: p,
            yppu: p,
            unit: png::Unit::Meter,
        }));
    }
    let mut writer = enc.write_header().unwrap();
    let mut data = vec![0u8; (w * h * 4) as usize];
    for px in data.chunks_mut(4).step_by(7) {
        px.copy_from_slice(&[200, 0, 0, 255]);
    }
    writer.write_image_data(&data).unwrap();
    writer.finish().unwrap();
    out
}
