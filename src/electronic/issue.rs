//! Issuing a document electronically: the electronic layout, the fields,
//! the appendices filed as PDFs of their own, and signing.

use std::sync::Arc;

use super::fields::{APPENDIX_FIELD, SIGNER_FIELD, add_signature_fields};
use super::identity::{SigningIdentity, SigningTime};
use super::map::{MapFile, SignatureMap};
use super::{ElectronicPdf, sign, slots};
use crate::engine::{Mode, Part};
use crate::{Document, Engine, LaidOut, PdfOptions, Result};

/// A certificate and the time it signs at: what `--sign` gives.
#[derive(Debug, Clone)]
pub struct Signing {
    /// The organisation's (or the signer's) certificate and key.
    pub identity: Arc<SigningIdentity>,
    /// The signing time, written into every signature.
    pub time: SigningTime,
}

impl Signing {
    /// Signs at `time`, failing at once (before anything is rendered) when
    /// the certificate is not valid then.
    pub fn new(identity: SigningIdentity, time: SigningTime) -> Result<Self> {
        identity.check_valid_at(&time)?;
        Ok(Self {
            identity: Arc::new(identity),
            time,
        })
    }
}

/// How a document is issued electronically.
#[derive(Debug, Clone, Default)]
pub struct IssueOptions {
    /// PDF/A and the like.
    pub pdf: PdfOptions,
    /// Each appendix as a PDF of its own (Phụ lục I, II.8.b), with the top
    /// right corner of its first page kept free for the organisation's
    /// signature and its "(Kèm theo …)" line blank.
    pub appendix_files: bool,
    /// Sign the signer's field of the document, and the organisation's
    /// field of every appendix file.
    pub signing: Option<Signing>,
}

/// An electronic document: the document's PDF and, in appendix-file mode,
/// one PDF per appendix.
#[derive(Debug, Clone)]
pub struct Issued {
    /// The document (without its appendices in appendix-file mode).
    pub document: ElectronicPdf,
    /// The appendices filed on their own, in order.
    pub appendices: Vec<ElectronicPdf>,
}

impl Issued {
    /// The signature map: every slot of every file, `document` naming the
    /// document's file and `appendix(i)` the file of appendix `i` (from 1).
    pub fn signature_map(
        &self,
        document: &str,
        appendix: impl Fn(usize) -> String,
    ) -> SignatureMap {
        let mut files = vec![MapFile::new(document.to_string(), &self.document)];
        files.extend(
            self.appendices
                .iter()
                .enumerate()
                .map(|(i, a)| MapFile::new(appendix(i + 1), a)),
        );
        SignatureMap::new(files)
    }
}

impl Engine {
    /// Issues a document electronically (whatever its `electronic` key
    /// says): the electronic layout, the fields, the appendix files if
    /// asked, each PDF signed if asked. Nothing is returned unless every
    /// file could be made.
    pub fn issue_electronic(&self, doc: &Document, options: &IssueOptions) -> Result<Issued> {
        let appendices = if options.appendix_files {
            doc.model().appendices.len()
        } else {
            0
        };
        let main_part = if appendices > 0 {
            Part::WithoutAppendices
        } else {
            Part::Whole
        };
        let layout = self.layout_as(doc, electronic(main_part))?;
        let document = self.finish(doc, &layout, options, "", SIGNER_FIELD)?;
        let appendices = (0..appendices)
            .map(|i| {
                let layout = self.layout_as(doc, electronic(Part::Appendix(i)))?;
                self.finish(
                    doc,
                    &layout,
                    options,
                    &format!("/phu-luc-{}", i + 1),
                    APPENDIX_FIELD,
                )
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Issued {
            document,
            appendices,
        })
    }

    /// The electronic layout of a whole document (for a batch, which lays
    /// out on many threads and exports on one).
    pub fn render_layout_electronic(&self, doc: &Document) -> Result<LaidOut> {
        self.layout_as(doc, electronic(Part::Whole))
    }

    /// Exports an electronic layout: fields added, signed if asked.
    pub fn finish_electronic(
        &self,
        doc: &Document,
        layout: &LaidOut,
        options: &IssueOptions,
    ) -> Result<ElectronicPdf> {
        self.finish(doc, layout, options, "", SIGNER_FIELD)
    }

    fn finish(
        &self,
        doc: &Document,
        layout: &LaidOut,
        options: &IssueOptions,
        part: &str,
        field: &str,
    ) -> Result<ElectronicPdf> {
        let slots = slots::slots(layout.typst());
        let pdf = self.export_as(doc, layout, options.pdf, part)?;
        let mut pdf = add_signature_fields(&pdf, &slots)?;
        if let Some(signing) = &options.signing {
            pdf = sign::sign_pdf(&pdf, field, &signing.identity, signing.time)?;
        }
        Ok(ElectronicPdf {
            pdf,
            slots,
            pages: layout.page_count(),
        })
    }
}

fn electronic(part: Part) -> Mode {
    Mode {
        electronic: true,
        part,
    }
}
