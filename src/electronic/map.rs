//! The signature map (`--signature-map FILE.json`): every slot of every
//! file, for signing tools that place stamps by coordinates.

use serde::Serialize;

use super::{ElectronicPdf, Slot, SlotKind, fields};

/// Every file of an electronic document and its slots.
///
/// ```json
/// { "version": 1, "units": "pt", "origin": "bottom-left",
///   "files": [ { "file": "ke-hoach.pdf", "pages": 6, "slots": [
///     { "kind": "number", "page": 1, "rect": [93.2, 701.5, 190.1, 717.6] },
///     { "kind": "signer", "page": 6, "rect": [...], "field": "vanban-signer" } ] } ] }
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SignatureMap {
    /// The map's format (1).
    pub version: u32,
    /// `pt`: PDF points, 1/72 inch.
    pub units: &'static str,
    /// `bottom-left`: rectangles are `[left, bottom, right, top]` from the
    /// page's bottom-left corner, as a PDF `/Rect`.
    pub origin: &'static str,
    /// The document's file first, then each appendix file.
    pub files: Vec<MapFile>,
}

impl SignatureMap {
    pub(super) fn new(files: Vec<MapFile>) -> Self {
        Self {
            version: 1,
            units: "pt",
            origin: "bottom-left",
            files,
        }
    }

    /// The map as JSON, pretty-printed.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a signature map serialises")
    }
}

/// One PDF of an electronic document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MapFile {
    /// Its file name.
    pub file: String,
    /// Its number of pages.
    pub pages: usize,
    /// Its slots, in document order.
    pub slots: Vec<MapSlot>,
}

impl MapFile {
    pub(super) fn new(file: String, pdf: &ElectronicPdf) -> Self {
        Self {
            file,
            pages: pdf.pages,
            slots: pdf.slots.iter().map(MapSlot::from).collect(),
        }
    }
}

/// A slot and, for one that is signed, the name of its signature field.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MapSlot {
    /// `number`, `date`, `signer`, `seal` or `appendix-corner`.
    pub kind: SlotKind,
    /// The page, from 1.
    pub page: usize,
    /// `[left, bottom, right, top]` in points.
    pub rect: [f64; 4],
    /// The signature field over the slot (`vanban-signer`), if it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<&'static str>,
}

impl From<&Slot> for MapSlot {
    fn from(slot: &Slot) -> Self {
        Self {
            kind: slot.kind,
            page: slot.page,
            rect: slot.rect,
            field: fields::field_for(slot.kind).map(|(name, _)| name),
        }
    }
}
