//! Electronic documents (văn bản điện tử, Nghị định 30, Điều 5 and Phụ lục I):
//! the slots a signing tool fills, unsigned signature fields over them, and
//! PAdES signing.
//!
//! An electronic document carries the signer's digital signature over box 7c
//! and the organisation's over the seal (box 8). Vietnam's signing tools
//! stamp them into a PDF that leaves them room; vanban marks the slots in
//! the layout (`nd30.typ`), reads where they landed ([`Slot`]), adds
//! unsigned signature fields there ([`add_signature_fields`]) and, for
//! automated issue, signs the signer's field itself ([`sign_pdf`]).
//!
//! ```no_run
//! use vanban::electronic::{self, SigningIdentity, SigningTime};
//! let engine = vanban::Engine::new();
//! let doc = vanban::Document::from_path("examples/ke-hoach-yen-bai-2024.yaml")?;
//! let unsigned = engine.render_electronic(&doc, vanban::PdfOptions { pdf_a: true })?;
//! let p12 = std::fs::read("so-ldtbxh.p12").unwrap();
//! let identity = SigningIdentity::from_pkcs12(&p12, &std::env::var("P12_PASSWORD").unwrap())?;
//! let time = SigningTime::from_rfc3339("2024-03-05T09:30:00+07:00")?;
//! let signed = electronic::sign_pdf(&unsigned.pdf, electronic::SIGNER_FIELD, &identity, time)?;
//! # let _ = signed;
//! # Ok::<(), vanban::Error>(())
//! ```
//!
//! Every step appends an incremental update to the PDF typst wrote, so
//! typst's bytes, and its PDF/A structure, stay as they are; the same input,
//! certificate and signing time give the same bytes.

mod cades;
mod fields;
mod identity;
mod issue;
mod map;
mod pdf;
mod sign;
mod slots;

pub use crate::error::SigningError;
pub use fields::{APPENDIX_FIELD, SEAL_FIELD, SIGNER_FIELD, add_signature_fields};
pub use identity::{SigningIdentity, SigningTime};
pub use issue::{IssueOptions, Issued, Signing};
pub use map::{MapFile, MapSlot, SignatureMap};
pub use sign::sign_pdf;
pub use slots::{Slot, SlotKind};

use crate::{Document, Engine, PdfOptions, Result};

/// An electronic document's PDF and where its slots lie.
#[derive(Debug, Clone)]
pub struct ElectronicPdf {
    /// The PDF, with an unsigned signature field over box 7c ([`SIGNER_FIELD`])
    /// and one over the seal ([`SEAL_FIELD`]).
    pub pdf: Vec<u8>,
    /// Every slot (number, date, signer, seal), for a signature map.
    pub slots: Vec<Slot>,
    /// The number of pages.
    pub pages: usize,
}

impl Engine {
    /// Where the slots of a document lie on its pages (PDF points).
    pub fn slots(&self, doc: &Document) -> Result<Vec<Slot>> {
        Ok(slots::slots(self.render_layout(doc)?.typst()))
    }

    /// The document in the electronic layout (the number and the day and
    /// month left blank for the signing tool), with unsigned signature
    /// fields over the signer's box and the seal, added as an incremental
    /// update, and the slots. [`Engine::issue_electronic`] also files the
    /// appendices on their own and signs.
    pub fn render_electronic(&self, doc: &Document, options: PdfOptions) -> Result<ElectronicPdf> {
        let layout = self.render_layout_electronic(doc)?;
        self.finish_electronic(
            doc,
            &layout,
            &IssueOptions {
                pdf: options,
                ..IssueOptions::default()
            },
        )
    }
}
