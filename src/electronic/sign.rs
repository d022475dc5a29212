//! Signing a signature field: PAdES baseline B-B, as an incremental update.
//!
//! The update holds the signature dictionary (`/SubFilter
//! /ETSI.CAdES.detached`, the time in `/M`, a `/ByteRange` and a `/Contents`
//! placeholder sized for the CMS) and the field, now pointing at it. Once the
//! update is written, the byte range is filled in, the bytes outside
//! `/Contents` are hashed, and the CMS goes into the placeholder.

use lopdf::{Object, StringFormat, dictionary};
use sha2::{Digest, Sha256};

use super::identity::{SigningIdentity, SigningTime};
use super::{SigningError, cades, pdf};
use crate::Result;

/// A `/ByteRange` number before the real one is known: ten digits, as wide
/// as any offset in a PDF under 10 GB.
const PLACEHOLDER: i64 = 9_999_999_999;

/// Signs the unsigned signature field `field` of `pdf` with `identity` at
/// `time`, appending the signature as an incremental update: the bytes of
/// `pdf` are kept, and the same PDF, identity and time give the same bytes.
///
/// Fails, writing nothing, when the certificate is not valid at `time`, the
/// PDF has no unsigned field of that name, or the PDF cannot be read.
pub fn sign_pdf(
    pdf: &[u8],
    field: &str,
    identity: &SigningIdentity,
    time: SigningTime,
) -> Result<Vec<u8>> {
    identity.check_valid_at(&time)?;
    let mut doc = pdf::load(pdf)?;
    let fields = pdf::signature_fields(doc.get_prev_documents());
    let (_, field_id, signed) = fields
        .iter()
        .find(|(name, _, _)| name == field)
        .cloned()
        .ok_or_else(|| SigningError::NoField {
            name: field.to_string(),
            available: fields.iter().map(|(name, _, _)| name.clone()).collect(),
        })?;
    if signed {
        return Err(SigningError::AlreadySigned(field.to_string()).into());
    }

    let room = cades::max_len(identity);
    let byte_range = Object::Array(vec![
        0.into(),
        PLACEHOLDER.into(),
        PLACEHOLDER.into(),
        PLACEHOLDER.into(),
    ]);
    let contents = Object::String(vec![0; room], StringFormat::Hexadecimal);
    let signature = doc.new_document.add_object(dictionary! {
        "Type" => "Sig",
        "Filter" => "Adobe.PPKLite",
        "SubFilter" => "ETSI.CAdES.detached",
        "M" => Object::string_literal(time.pdf_date()),
        "ByteRange" => byte_range.clone(),
        "Contents" => contents.clone(),
    });
    doc.opt_clone_object_to_new_document(field_id)
        .map_err(pdf::err)?;
    pdf::dict_mut(&mut doc.new_document, field_id)?.set("V", signature);
    let mut out = pdf::save(&mut doc)?;

    // Only the update is searched: typst's bytes cannot hold our placeholders.
    let update = pdf.len();
    let range_at = find_once(&out, update, &serialize(&byte_range)?)
        .ok_or_else(|| pdf::invalid("the /ByteRange placeholder is not in the update"))?;
    let contents_bytes = serialize(&contents)?;
    let contents_at = find_once(&out, update, &contents_bytes)
        .ok_or_else(|| pdf::invalid("the /Contents placeholder is not in the update"))?;
    let contents_end = contents_at + contents_bytes.len();
    let ranges = [0, contents_at, contents_end, out.len() - contents_end];
    let range_text = fill_byte_range(&ranges, serialize(&byte_range)?.len())?;
    out[range_at..range_at + range_text.len()].copy_from_slice(&range_text);

    let mut hasher = Sha256::new();
    hasher.update(&out[..contents_at]);
    hasher.update(&out[contents_end..]);
    let cms = cades::signed_data(&hasher.finalize(), identity)?;
    if cms.len() > room {
        return Err(pdf::invalid(format!(
            "the signature ({} bytes) is larger than the room left for it ({room} bytes)",
            cms.len()
        )));
    }
    // Between `<` and `>`: the CMS in hex, then the placeholder's zeros.
    let hex: String = cms.iter().map(|b| format!("{b:02X}")).collect();
    out[contents_at + 1..contents_at + 1 + hex.len()].copy_from_slice(hex.as_bytes());
    Ok(out)
}

/// An object as lopdf writes it inside a dictionary.
fn serialize(object: &Object) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    lopdf::Writer::write_object(&mut bytes, object).map_err(pdf::err)?;
    Ok(bytes)
}

/// The offset of the only occurrence of `needle` in `haystack[from..]`.
fn find_once(haystack: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let mut hits = haystack[from..]
        .windows(needle.len())
        .enumerate()
        .filter(|(_, w)| *w == needle)
        .map(|(i, _)| from + i);
    let first = hits.next()?;
    hits.next().is_none().then_some(first)
}

/// `[0 a b c]`, padded with spaces before the `]` to `width` bytes, the
/// placeholder's width.
fn fill_byte_range(ranges: &[usize; 4], width: usize) -> Result<Vec<u8>> {
    let mut text = format!("[{} {} {} {}", ranges[0], ranges[1], ranges[2], ranges[3]).into_bytes();
    if text.len() + 1 > width {
        return Err(pdf::invalid("the PDF is too large for its /ByteRange"));
    }
    text.resize(width - 1, b' ');
    text.push(b']');
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_byte_range_keeps_the_placeholder_width() {
        let placeholder = serialize(&Object::Array(vec![
            0.into(),
            PLACEHOLDER.into(),
            PLACEHOLDER.into(),
            PLACEHOLDER.into(),
        ]))
        .unwrap();
        assert_eq!(placeholder, b"[0 9999999999 9999999999 9999999999]");
        let filled = fill_byte_range(&[0, 70_123, 86_509, 1_702], placeholder.len()).unwrap();
        assert_eq!(filled.len(), placeholder.len());
        assert!(filled.starts_with(b"[0 70123 86509 1702 "));
        assert!(filled.ends_with(b" ]"));
    }

    #[test]
    fn a_placeholder_found_twice_is_not_found() {
        assert_eq!(find_once(b"ab<00>cd", 0, b"<00>"), Some(2));
        assert_eq!(find_once(b"ab<00>cd<00>", 0, b"<00>"), None);
        assert_eq!(find_once(b"<00>ab<00>", 3, b"<00>"), Some(6));
    }
}
