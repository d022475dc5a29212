//! Where the slots of an electronic document lie once the pages are laid out.
//!
//! `nd30.typ` marks each slot (the number, the date, box 7c for the signer's
//! image, box 8 for the seal) with a `metadata` labelled `<vanban-slot>`,
//! laid out at the slot's top-left corner (or `dx` to its left, for a marker
//! inline on a centred line) and carrying its kind and size.
//! This module queries those markers from the laid-out document and converts
//! them to PDF user space: points, origin at the bottom left of the page.

use std::num::NonZeroUsize;

use serde::{Deserialize, Serialize};
use typst::foundations::{Label, Selector, Value};
use typst::introspection::{Introspector, MetadataElem};
use typst::layout::Abs;
use typst::utils::{Numeric, PicoStr};
use typst_layout::PagedDocument;

/// The label of every slot marker in `nd30.typ`.
pub(crate) const MARKER_LABEL: &str = "vanban-slot";

/// What a slot is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SlotKind {
    /// The number line (box 3): the document-management system stamps the number at issue.
    Number,
    /// The place and date line (box 4): the day and month are stamped at issue.
    Date,
    /// Box 7c: the signer's image and digital signature, between the title and the name.
    Signer,
    /// Box 8: the organisation's seal and digital signature, over the left third of box 7c.
    Seal,
    /// The top-right corner of an appendix filed separately, where the organisation signs.
    AppendixCorner,
}

impl SlotKind {
    /// The name `nd30.typ` gives the kind (`kind: "signer"`), as in the signature map.
    pub fn key(self) -> &'static str {
        match self {
            SlotKind::Number => "number",
            SlotKind::Date => "date",
            SlotKind::Signer => "signer",
            SlotKind::Seal => "seal",
            SlotKind::AppendixCorner => "appendix-corner",
        }
    }

    fn from_key(key: &str) -> Option<Self> {
        [
            SlotKind::Number,
            SlotKind::Date,
            SlotKind::Signer,
            SlotKind::Seal,
            SlotKind::AppendixCorner,
        ]
        .into_iter()
        .find(|k| k.key() == key)
    }
}

/// A slot on a page, in PDF points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Slot {
    /// What the slot is for.
    pub kind: SlotKind,
    /// The page, from 1.
    pub page: usize,
    /// `[left, bottom, right, top]` in points from the page's bottom-left
    /// corner, as a PDF `/Rect` (to 0.01 pt).
    pub rect: [f64; 4],
}

impl Slot {
    /// Width in points.
    pub fn width(&self) -> f64 {
        self.rect[2] - self.rect[0]
    }

    /// Height in points.
    pub fn height(&self) -> f64 {
        self.rect[3] - self.rect[1]
    }
}

/// Every slot marked in a laid-out document, in document order.
///
/// A marker whose value is not what `nd30.typ` writes (an office's own
/// template may misspell a kind) is skipped: a slot is an aid for signing
/// tools, never a reason to refuse a document.
pub(crate) fn slots(document: &PagedDocument) -> Vec<Slot> {
    let Some(label) = Label::new(PicoStr::intern(MARKER_LABEL)) else {
        return Vec::new();
    };
    let introspector = document.introspector();
    introspector
        .query(&Selector::Label(label))
        .iter()
        .filter_map(|content| {
            let metadata = content.to_packed::<MetadataElem>()?;
            let (kind, dx, width, height) = marker_value(&metadata.value)?;
            let position = introspector.position(content.location()?)?;
            let page = document.pages().get(position.page.get() - 1)?;
            Some(to_pdf(
                kind,
                position.page,
                page.frame.height(),
                (position.point.x + dx, position.point.y),
                (width, height),
            ))
        })
        .collect()
}

/// `(kind: "signer", width: 60mm, height: 64pt)`, with an optional `dx`,
/// → its parts.
fn marker_value(value: &Value) -> Option<(SlotKind, Abs, Abs, Abs)> {
    let Value::Dict(dict) = value else {
        return None;
    };
    let kind = match dict.get("kind").ok()? {
        Value::Str(s) => SlotKind::from_key(s.as_str())?,
        _ => return None,
    };
    let length = |key: &str| match dict.get(key).ok()? {
        Value::Length(l) if l.em.is_zero() => Some(l.abs),
        _ => None,
    };
    let dx = if dict.contains("dx") {
        length("dx")?
    } else {
        Abs::zero()
    };
    Some((kind, dx, length("width")?, length("height")?))
}

/// Typst's top-left origin, y downwards → PDF's bottom-left origin, y upwards.
fn to_pdf(
    kind: SlotKind,
    page: NonZeroUsize,
    page_height: Abs,
    (x, y): (Abs, Abs),
    (width, height): (Abs, Abs),
) -> Slot {
    let round = |v: f64| (v * 100.0).round() / 100.0;
    let (h, x, y, w, d) = (
        page_height.to_pt(),
        x.to_pt(),
        y.to_pt(),
        width.to_pt(),
        height.to_pt(),
    );
    Slot {
        kind,
        page: page.get(),
        rect: [round(x), round(h - y - d), round(x + w), round(h - y)],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slot_is_flipped_into_pdf_space() {
        let slot = to_pdf(
            SlotKind::Seal,
            NonZeroUsize::new(2).unwrap(),
            Abs::pt(841.89),
            (Abs::pt(100.0), Abs::pt(41.89)),
            (Abs::mm(36.0), Abs::mm(36.0)),
        );
        assert_eq!(slot.page, 2);
        assert_eq!(slot.rect, [100.0, 697.95, 202.05, 800.0]);
        assert!((slot.width() - 102.05).abs() < 1e-9);
    }

    #[test]
    fn kinds_have_the_names_of_the_signature_map() {
        for kind in [
            SlotKind::Number,
            SlotKind::Date,
            SlotKind::Signer,
            SlotKind::Seal,
            SlotKind::AppendixCorner,
        ] {
            assert_eq!(SlotKind::from_key(kind.key()), Some(kind));
            assert_eq!(
                serde_json::to_string(&kind).unwrap(),
                format!("\"{}\"", kind.key())
            );
        }
    }
}
