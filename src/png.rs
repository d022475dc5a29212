//! The signer's image and the seal of an electronic document: PNG files
//! with a transparent background (Nghị định 30, Phụ lục I), checked before
//! they reach the layout.

use std::io::Cursor;

/// The largest image file accepted: a scanned signature or seal at 600 dpi
/// is a few hundred kilobytes.
pub(crate) const MAX_PNG_BYTES: usize = 2 * 1024 * 1024;
/// The largest width or height, in pixels (a 42 mm seal at 1200 dpi is
/// under 2 000 pixels).
pub(crate) const MAX_PNG_SIDE: u32 = 4096;

/// A checked PNG: its bytes and its size in pixels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Png {
    /// The file's bytes, as given.
    pub bytes: Vec<u8>,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

impl Png {
    /// Width over height.
    pub fn aspect(&self) -> f64 {
        f64::from(self.width) / f64::from(self.height)
    }
}

/// Checks that `bytes` are a PNG that decodes, has an alpha channel (or a
/// transparent colour) and is within the limits; the error says what is
/// wrong, for a diagnostic at the document's line.
pub(crate) fn check(bytes: Vec<u8>) -> Result<Png, String> {
    if bytes.len() > MAX_PNG_BYTES {
        return Err(format!(
            "the image is {} bytes, more than the {} allowed",
            bytes.len(),
            MAX_PNG_BYTES
        ));
    }
    if !bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Err("the file is not a PNG image".into());
    }
    let decoder = png::Decoder::new_with_limits(
        Cursor::new(&bytes),
        png::Limits {
            bytes: 4 * (MAX_PNG_SIDE as usize) * (MAX_PNG_SIDE as usize),
        },
    );
    let mut reader = decoder
        .read_info()
        .map_err(|e| format!("the PNG cannot be read: {e}"))?;
    let info = reader.info();
    let (width, height) = (info.width, info.height);
    if width == 0 || height == 0 || width > MAX_PNG_SIDE || height > MAX_PNG_SIDE {
        return Err(format!(
            "the image is {width}×{height} pixels; at most {MAX_PNG_SIDE}×{MAX_PNG_SIDE} are allowed"
        ));
    }
    let alpha = matches!(
        info.color_type,
        png::ColorType::GrayscaleAlpha | png::ColorType::Rgba
    ) || info.trns.is_some();
    if !alpha {
        return Err(
            "the PNG has no alpha channel: its background would cover the text under it".into(),
        );
    }
    // Decoding the pixels finds a truncated or corrupt file here, not in the layout.
    let size = reader
        .output_buffer_size()
        .ok_or_else(|| "the PNG is too large to decode".to_string())?;
    let mut buffer = vec![0; size];
    reader
        .next_frame(&mut buffer)
        .map_err(|e| format!("the PNG cannot be decoded: {e}"))?;
    Ok(Png {
        bytes,
        width,
        height,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(width: u32, height: u32, color: png::ColorType) -> Vec<u8> {
        let channels = match color {
            png::ColorType::Rgba => 4,
            png::ColorType::Rgb => 3,
            png::ColorType::GrayscaleAlpha => 2,
            _ => 1,
        };
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, width, height);
        encoder.set_color(color);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().unwrap();
        writer
            .write_image_data(&vec![0; (width * height) as usize * channels])
            .unwrap();
        writer.finish().unwrap();
        out
    }

    #[test]
    fn a_transparent_png_passes() {
        let png = check(encode(30, 10, png::ColorType::Rgba)).unwrap();
        assert_eq!((png.width, png.height), (30, 10));
        assert!((png.aspect() - 3.0).abs() < 1e-12);
    }

    #[test]
    fn what_is_refused_says_why() {
        let no_alpha = check(encode(4, 4, png::ColorType::Rgb)).unwrap_err();
        assert!(no_alpha.contains("no alpha channel"), "{no_alpha}");
        let jpeg = check(b"\xff\xd8\xff\xe0 JFIF".to_vec()).unwrap_err();
        assert!(jpeg.contains("not a PNG"), "{jpeg}");
        let mut cut = encode(8, 8, png::ColorType::Rgba);
        cut.truncate(cut.len() - 20);
        assert!(check(cut).unwrap_err().contains("PNG"));
        let big = check(vec![0; MAX_PNG_BYTES + 1]).unwrap_err();
        assert!(big.contains("more than"), "{big}");
        let wide = check(encode(MAX_PNG_SIDE + 1, 1, png::ColorType::GrayscaleAlpha)).unwrap_err();
        assert!(wide.contains("pixels"), "{wide}");
    }
}
