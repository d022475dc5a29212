//! The few lopdf operations that the fields and the signature share.

use std::fmt::Display;

use lopdf::{Dictionary, Document, IncrementalDocument, Object, ObjectId};

use super::SigningError;
use crate::{Error, Result};

/// A lopdf failure, as the crate's error.
pub(super) fn err(e: impl Display) -> Error {
    SigningError::Pdf(e.to_string()).into()
}

/// A PDF whose structure is not what it should be.
pub(super) fn invalid(message: impl Into<String>) -> Error {
    SigningError::Pdf(message.into()).into()
}

/// Reads a PDF to append an update to. An encrypted PDF is refused: the
/// signing tools in use (and PDF/A) need it in the clear.
pub(super) fn load(pdf: &[u8]) -> Result<IncrementalDocument> {
    let doc = IncrementalDocument::load_from(pdf).map_err(err)?;
    if doc.get_prev_documents().is_encrypted() {
        return Err(invalid(
            "the PDF is encrypted; signing tools need an unencrypted PDF",
        ));
    }
    Ok(doc)
}

/// The previous bytes followed by the update.
pub(super) fn save(doc: &mut IncrementalDocument) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(doc.get_prev_documents_bytes().len() + 8192);
    doc.save_to(&mut out).map_err(err)?;
    Ok(out)
}

/// The catalog's object id (`/Root`).
pub(super) fn catalog_id(doc: &Document) -> Result<ObjectId> {
    doc.trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|_| invalid("the PDF's trailer has no /Root"))
}

/// A dictionary of the update, by id.
pub(super) fn dict_mut(doc: &mut Document, id: ObjectId) -> Result<&mut Dictionary> {
    doc.get_object_mut(id)
        .and_then(Object::as_dict_mut)
        .map_err(err)
}

/// An object that must be an array.
pub(super) fn array_mut(object: &mut Object) -> Result<&mut Vec<Object>> {
    object.as_array_mut().map_err(err)
}

/// Every signature field of the document's form: its fully qualified name
/// (`parent.child`), its object id and whether it holds a signature (`/V`).
pub(super) fn signature_fields(doc: &Document) -> Vec<(String, ObjectId, bool)> {
    let mut found = Vec::new();
    let fields = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"AcroForm").ok())
        .and_then(|f| doc.dereference(f).ok())
        .and_then(|(_, f)| f.as_dict().ok())
        .and_then(|f| f.get(b"Fields").ok())
        .and_then(|f| doc.dereference(f).ok())
        .and_then(|(_, f)| f.as_array().ok());
    if let Some(fields) = fields {
        collect(doc, fields, "", None, 0, &mut found);
    }
    found
}

fn collect(
    doc: &Document,
    list: &[Object],
    prefix: &str,
    inherited_type: Option<&[u8]>,
    depth: usize,
    found: &mut Vec<(String, ObjectId, bool)>,
) {
    // A form nests a few levels at most; a cycle must not hang us.
    if depth > 16 {
        return;
    }
    for item in list {
        let Ok(id) = item.as_reference() else {
            continue;
        };
        let Ok(field) = doc.get_dictionary(id) else {
            continue;
        };
        let partial = field
            .get(b"T")
            .ok()
            .and_then(|t| lopdf::decode_text_string(t).ok());
        let name = match (prefix, partial) {
            ("", Some(p)) => p,
            (_, Some(p)) => format!("{prefix}.{p}"),
            (_, None) => prefix.to_string(),
        };
        let field_type = field
            .get(b"FT")
            .ok()
            .and_then(|t| t.as_name().ok())
            .or(inherited_type);
        match field.get(b"Kids").ok().and_then(|k| k.as_array().ok()) {
            // Kids that are fields (they have a name) make this a parent;
            // kids that are only widgets belong to this field.
            Some(kids) if kids.iter().any(|k| is_named(doc, k)) => {
                collect(doc, kids, &name, field_type, depth + 1, found);
            }
            _ if field_type == Some(b"Sig".as_slice()) => {
                found.push((name, id, field.has(b"V")));
            }
            _ => {}
        }
    }
}

fn is_named(doc: &Document, kid: &Object) -> bool {
    kid.as_reference()
        .and_then(|id| doc.get_dictionary(id))
        .is_ok_and(|d| d.has(b"T"))
}
