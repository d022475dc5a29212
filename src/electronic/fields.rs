//! Unsigned signature fields over the slots, added to typst's PDF.
//!
//! Typst has no form fields. The fields are appended as an incremental update
//! (ISO 32000-1, 7.5.6): typst's bytes stay as they are, PDF/A structure and
//! all, and the update holds only the new objects (a widget and its empty
//! appearance per field), the pages that list them and the catalog that gains
//! an `/AcroForm`. The same input gives the same bytes.

use lopdf::{Dictionary, IncrementalDocument, Object, ObjectId, Stream, dictionary};

use super::pdf;
use super::{Slot, SlotKind};
use crate::Result;

/// The signer's field (box 7c), the one [`super::sign_pdf`] signs by default.
pub const SIGNER_FIELD: &str = "vanban-signer";
/// The organisation's field (box 8, the seal).
pub const SEAL_FIELD: &str = "vanban-seal";
/// The organisation's field in the top-right corner of an appendix filed
/// as its own PDF.
pub const APPENDIX_FIELD: &str = "vanban-appendix";

/// `/SigFlags 3`: the document has signatures (1) and must be updated by
/// appending only (2), so that signing tools save incrementally.
const SIG_FLAGS: i64 = 3;
/// Annotation flag Print (4): PDF/A wants every annotation printable and
/// none hidden.
const PRINT: i64 = 4;

/// The field a slot gets, with its description for screen readers and
/// signing tools (`/TU`), or none for slots that are stamped, not signed.
pub(super) fn field_for(kind: SlotKind) -> Option<(&'static str, &'static str)> {
    match kind {
        SlotKind::Signer => Some((SIGNER_FIELD, "Chữ ký số của người có thẩm quyền")),
        SlotKind::Seal => Some((SEAL_FIELD, "Chữ ký số của cơ quan, tổ chức")),
        SlotKind::AppendixCorner => Some((APPENDIX_FIELD, "Chữ ký số của cơ quan, tổ chức")),
        SlotKind::Number | SlotKind::Date => None,
    }
}

/// Adds an unsigned signature field over every signer and seal slot of
/// `slots` to `pdf` (a PDF typst wrote), as an incremental update.
///
/// A PDF without such slots comes back unchanged. Field names are
/// [`SIGNER_FIELD`] and [`SEAL_FIELD`].
pub fn add_signature_fields(pdf: &[u8], slots: &[Slot]) -> Result<Vec<u8>> {
    let wanted: Vec<(&Slot, &str, &str)> = slots
        .iter()
        .filter_map(|s| field_for(s.kind).map(|(name, tu)| (s, name, tu)))
        .collect();
    if wanted.is_empty() {
        return Ok(pdf.to_vec());
    }
    let mut doc = pdf::load(pdf)?;
    let pages = doc.get_prev_documents().get_pages();
    let mut used: Vec<String> = pdf::signature_fields(doc.get_prev_documents())
        .into_iter()
        .map(|(name, _, _)| name)
        .collect();
    let mut fields = Vec::new();
    for (slot, base, description) in wanted {
        let page = *pages.get(&(slot.page as u32)).ok_or_else(|| {
            pdf::invalid(format!(
                "a {} slot lies on page {}, which the PDF does not have",
                slot.kind.key(),
                slot.page
            ))
        })?;
        let name = unique_name(base, &used);
        used.push(name.clone());
        let field = add_widget(&mut doc, slot, page, &name, description);
        add_annotation(&mut doc, page, field)?;
        fields.push(field);
    }
    add_to_acroform(&mut doc, &fields)?;
    pdf::save(&mut doc)
}

/// `base`, or `base-2`, `base-3` … when a field of that name exists (a
/// field's name is unique in a document, and has no period: a period
/// separates the parts of a hierarchical name).
fn unique_name(base: &str, used: &[String]) -> String {
    (1..)
        .map(|n| {
            if n == 1 {
                base.to_string()
            } else {
                format!("{base}-{n}")
            }
        })
        .find(|name| !used.iter().any(|u| u == name))
        .expect("an unused name")
}

/// A signature field merged with its widget, and the widget's empty
/// appearance (PDF/A wants one on every annotation).
fn add_widget(
    doc: &mut IncrementalDocument,
    slot: &Slot,
    page: ObjectId,
    name: &str,
    description: &str,
) -> ObjectId {
    let [x0, y0, x1, y1] = slot.rect;
    let (w, h) = (x1 - x0, y1 - y0);
    let appearance = Stream::new(
        dictionary! {
            "Type" => "XObject",
            "Subtype" => "Form",
            "BBox" => vec![0.into(), 0.into(), Object::Real(w as f32), Object::Real(h as f32)],
            "Resources" => Dictionary::new(),
        },
        Vec::new(),
    );
    let appearance = doc.new_document.add_object(appearance);
    doc.new_document.add_object(dictionary! {
        "Type" => "Annot",
        "Subtype" => "Widget",
        "FT" => "Sig",
        "T" => Object::string_literal(name),
        "TU" => lopdf::text_string(description),
        "F" => PRINT,
        "Rect" => slot.rect.iter().map(|&v| Object::Real(v as f32)).collect::<Vec<_>>(),
        "P" => page,
        "AP" => dictionary! { "N" => appearance },
    })
}

/// Lists `annotation` in the page's `/Annots`, direct or indirect.
fn add_annotation(
    doc: &mut IncrementalDocument,
    page: ObjectId,
    annotation: ObjectId,
) -> Result<()> {
    doc.opt_clone_object_to_new_document(page)
        .map_err(pdf::err)?;
    let annots = doc
        .new_document
        .get_dictionary(page)
        .map_err(pdf::err)?
        .get(b"Annots")
        .ok()
        .cloned();
    match annots {
        Some(Object::Reference(id)) => {
            doc.opt_clone_object_to_new_document(id).map_err(pdf::err)?;
            pdf::array_mut(doc.new_document.get_object_mut(id).map_err(pdf::err)?)?
                .push(annotation.into());
        }
        Some(Object::Array(mut list)) => {
            list.push(annotation.into());
            pdf::dict_mut(&mut doc.new_document, page)?.set("Annots", list);
        }
        Some(_) => return Err(pdf::invalid("a page's /Annots is not an array")),
        None => pdf::dict_mut(&mut doc.new_document, page)?.set("Annots", vec![annotation.into()]),
    }
    Ok(())
}

/// Adds `fields` to the catalog's `/AcroForm` (made when there is none) and
/// sets its `/SigFlags`.
fn add_to_acroform(doc: &mut IncrementalDocument, fields: &[ObjectId]) -> Result<()> {
    let catalog = pdf::catalog_id(doc.get_prev_documents())?;
    doc.opt_clone_object_to_new_document(catalog)
        .map_err(pdf::err)?;
    let refs: Vec<Object> = fields.iter().map(|&f| f.into()).collect();
    let form = pdf::dict_mut(&mut doc.new_document, catalog)?
        .get(b"AcroForm")
        .ok()
        .cloned();
    let mut form = match form {
        None => {
            let form = dictionary! { "Fields" => refs, "SigFlags" => SIG_FLAGS };
            pdf::dict_mut(&mut doc.new_document, catalog)?.set("AcroForm", form);
            return Ok(());
        }
        Some(Object::Dictionary(form)) => form,
        Some(Object::Reference(id)) => {
            doc.opt_clone_object_to_new_document(id).map_err(pdf::err)?;
            let form = pdf::dict_mut(&mut doc.new_document, id)?;
            extend_form(form, refs)?;
            return Ok(());
        }
        Some(_) => return Err(pdf::invalid("the catalog's /AcroForm is not a dictionary")),
    };
    extend_form(&mut form, refs)?;
    pdf::dict_mut(&mut doc.new_document, catalog)?.set("AcroForm", form);
    Ok(())
}

/// Appends to a form's direct `/Fields` and sets its signature flags. A form
/// whose `/Fields` is indirect is not typst's: refused rather than guessed at.
fn extend_form(form: &mut Dictionary, refs: Vec<Object>) -> Result<()> {
    match form.get_mut(b"Fields") {
        Ok(Object::Array(list)) => list.extend(refs),
        Ok(_) => {
            return Err(pdf::invalid(
                "the PDF's form lists its fields indirectly; add the fields before other tools edit it",
            ));
        }
        Err(_) => form.set("Fields", refs),
    }
    form.set("SigFlags", SIG_FLAGS);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_stay_unique_and_flat() {
        let used = vec![SIGNER_FIELD.to_string(), format!("{SIGNER_FIELD}-2")];
        assert_eq!(unique_name(SIGNER_FIELD, &used), "vanban-signer-3");
        assert_eq!(unique_name(SEAL_FIELD, &used), SEAL_FIELD);
        assert!(!SIGNER_FIELD.contains('.') && !SEAL_FIELD.contains('.'));
    }

    #[test]
    fn only_the_signer_and_the_seal_get_fields() {
        assert!(field_for(SlotKind::Number).is_none());
        assert!(field_for(SlotKind::Date).is_none());
        assert_eq!(field_for(SlotKind::Seal).unwrap().0, SEAL_FIELD);
    }
}
