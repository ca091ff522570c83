//! Signature and seal images of an electronic document (`--chu-ky`, `--con-dau`): reading and checking
//! the PNG files before anything is rendered.
//!
//! 05-HD §I.7.2 / §I.8.2.3 and NĐ 30 Phụ lục I ask for transparent PNGs; the seal prints at its real size,
//! which a PNG states in its `pHYs` chunk (pixels per metre). A file that is missing, is not a PNG, does
//! not decode, is larger than the profile's `images.max_file_kb` or has absurd dimensions is a usage
//! error (exit 2) naming the file.

use crate::error::{Error, Result};
use crate::ir::{Picture, SigningImages};
use crate::profile::ImageStyle;
use std::io::Cursor;
use std::path::Path;

/// The PNG file signature.
const PNG_SIGNATURE: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];

/// Reads the images given on the command line; `None` when neither is given (a paper document).
pub fn load_signing_images(
    chu_ky: Option<&Path>,
    con_dau: Option<&Path>,
    limits: &ImageStyle,
) -> Result<Option<SigningImages>> {
    if chu_ky.is_none() && con_dau.is_none() {
        return Ok(None);
    }
    let load = |p: Option<&Path>, flag: &str| p.map(|p| load_png(p, flag, limits)).transpose();
    Ok(Some(SigningImages {
        chu_ky: load(chu_ky, "--chu-ky")?,
        con_dau: load(con_dau, "--con-dau")?,
    }))
}

/// Reads one PNG file and checks it against the profile's limits.
pub fn load_png(path: &Path, flag: &str, limits: &ImageStyle) -> Result<Picture> {
    let bad = |message: String, hint: &str| Error::Unreadable {
        path: path.to_path_buf(),
        message,
        hint: Some(hint.to_owned()),
    };
    let meta = std::fs::metadata(path).map_err(|e| {
        bad(
            format!("không đọc được ảnh {flag}: {e}"),
            "kiểm tra đường dẫn tệp ảnh PNG",
        )
    })?;
    let max_bytes = u64::from(limits.max_file_kb) * 1024;
    if meta.len() > max_bytes {
        return Err(bad(
            format!(
                "ảnh {flag} quá lớn: {} KB, tối đa {} KB",
                meta.len().div_ceil(1024),
                limits.max_file_kb
            ),
            "lưu lại ảnh với độ phân giải vừa đủ (ví dụ 300 dpi), hoặc nâng images.max_file_kb trong hồ sơ trình bày",
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| {
        bad(
            format!("không đọc được ảnh {flag}: {e}"),
            "kiểm tra quyền đọc tệp ảnh",
        )
    })?;
    if !bytes.starts_with(PNG_SIGNATURE) {
        return Err(bad(
            format!("ảnh {flag} không phải tệp PNG"),
            "văn bản điện tử dùng ảnh PNG nền trong suốt; chuyển ảnh sang PNG",
        ));
    }
    let picture = inspect_png(bytes, path, limits).map_err(|m| {
        bad(
            format!("ảnh {flag}: {m}"),
            "dùng ảnh PNG nền trong suốt, kích thước hợp lý",
        )
    })?;
    Ok(picture)
}

/// Decodes a PNG fully (so that a broken file is caught here, not inside a renderer) and checks its
/// dimensions; the error is a Vietnamese sentence.
fn inspect_png(
    bytes: Vec<u8>,
    path: &Path,
    limits: &ImageStyle,
) -> std::result::Result<Picture, String> {
    let mut decoder = png::Decoder::new(Cursor::new(&bytes));
    // Enough for the largest accepted image at 16 bits per RGBA channel.
    let side = usize::try_from(limits.max_side_px).unwrap_or(usize::MAX);
    decoder.set_limits(png::Limits {
        bytes: side.saturating_mul(side).saturating_mul(8).max(1 << 20),
    });
    let mut reader = decoder
        .read_info()
        .map_err(|e| format!("tệp PNG hỏng ({e})"))?;
    let info = reader.info();
    let (w, h) = (info.width, info.height);
    let px_per_metre = info
        .pixel_dims
        .filter(|d| d.unit == png::Unit::Meter && d.xppu > 0 && d.yppu > 0)
        .map(|d| (d.xppu, d.yppu));
    let (short, long) = (w.min(h), w.max(h));
    if short < limits.min_side_px || long > limits.max_side_px {
        return Err(format!(
            "kích thước {w} × {h} điểm ảnh không hợp lý (mỗi cạnh từ {} đến {} điểm ảnh)",
            limits.min_side_px, limits.max_side_px
        ));
    }
    if long as f32 > short as f32 * limits.max_aspect {
        return Err(format!(
            "tỷ lệ {w} × {h} điểm ảnh không hợp lý (cạnh dài tối đa gấp {} lần cạnh ngắn)",
            limits.max_aspect
        ));
    }
    if let Some((x, y)) = px_per_metre {
        // A stated resolution that makes the image smaller than 5 mm or larger than an A4 page is a
        // wrong pHYs, not a real size.
        let mm = |px: u32, ppm: u32| px as f32 / ppm as f32 * 1000.0;
        let (wm, hm) = (mm(w, x), mm(h, y));
        if wm.min(hm) < 5.0 || wm.max(hm) > 210.0 {
            return Err(format!(
                "độ phân giải ghi trong tệp cho kích thước thật {wm:.0} × {hm:.0} mm, không hợp lý"
            ));
        }
    }
    let mut buf = vec![0; reader.output_buffer_size().unwrap_or(0)];
    reader
        .next_frame(&mut buf)
        .map_err(|e| format!("tệp PNG hỏng ({e})"))?;
    Ok(Picture {
        file: path.display().to_string(),
        width_px: w,
        height_px: h,
        px_per_metre,
        format: crate::ir::PictureFormat::Png,
        extent_um: None,
        bytes: bytes.into(),
    })
}

/// A w × h transparent RGBA PNG, with a pHYs chunk when `ppm` (pixels per metre) is given.
#[cfg(test)]
pub(crate) fn png_bytes(w: u32, h: u32, ppm: Option<u32>) -> Vec<u8> {
    let mut out = Vec::new();
    {
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
        writer
            .write_image_data(&vec![0u8; (w * h * 4) as usize])
            .unwrap();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::Profile;

    fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }

    #[test]
    fn reads_size_and_resolution() {
        let dir = tempfile::tempdir().unwrap();
        let limits = Profile::dang().images;
        // 425 px at 11811 px/m (300 dpi) = 36 mm.
        let p = write(dir.path(), "dau.png", &png_bytes(425, 425, Some(11811)));
        let pic = load_png(&p, "--con-dau", &limits).unwrap();
        assert_eq!((pic.width_px, pic.height_px), (425, 425));
        assert_eq!(pic.px_per_metre, Some((11811, 11811)));
        let p = write(dir.path(), "ky.png", &png_bytes(400, 200, None));
        assert_eq!(
            load_png(&p, "--chu-ky", &limits).unwrap().px_per_metre,
            None
        );
    }

    #[test]
    fn bad_files_are_usage_errors_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let limits = Profile::dang().images;
        let cases = [
            ("khong-co.png", None),
            ("anh.jpg", Some(b"\xFF\xD8\xFF\xE0 not a png".to_vec())),
            (
                "hong.png",
                Some(PNG_SIGNATURE.iter().chain(b"junk").copied().collect()),
            ),
            ("nho.png", Some(png_bytes(4, 4, None))),
            ("dai.png", Some(png_bytes(900, 20, None))),
            ("to.png", Some(png_bytes(5000, 100 * 20, None))),
            ("sai-dpi.png", Some(png_bytes(400, 400, Some(1_000_000)))),
        ];
        for (name, bytes) in cases {
            let p = match bytes {
                Some(b) => write(dir.path(), name, &b),
                None => dir.path().join(name),
            };
            let e = load_png(&p, "--con-dau", &limits).unwrap_err();
            assert_eq!(e.exit_code(), 2, "{name}: {e}");
            assert!(e.to_string().contains(name), "{name}: {e}");
        }
        let mut small = limits.clone();
        small.max_file_kb = 0;
        let p = write(dir.path(), "lon.png", &png_bytes(600, 600, Some(11811)));
        let e = load_png(&p, "--chu-ky", &small).unwrap_err();
        assert!(e.to_string().contains("quá lớn"), "{e}");
    }
}
