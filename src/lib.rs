//! # vanban
//!
//! Vietnamese official administrative documents — plans (Kế hoạch), reports
//! (Báo cáo), official letters (Công văn) — from structured YAML, typeset as
//! PDF exactly as Nghị định 30/2020/NĐ-CP prescribes.
//!
//! ```
//! let engine = vanban::Engine::new(); // fonts and templates loaded once; Send + Sync
//! let doc = vanban::Document::from_yaml_str(r#"
//! kind: ke-hoach
//! issuer: { parent: UBND tỉnh Yên Bái, name: Sở Lao động - Thương binh và Xã hội, code: SLĐTBXH }
//! number: 5
//! place: Yên Bái
//! date: 2024-03-05
//! subject: Triển khai công tác trẻ em năm 2024
//! goals:
//!   targets:
//!     - { name: Giải quyết việc làm cho, value: 20000, unit: người }
//! tasks:
//!   tre-em: [ Tổ chức Tháng hành động vì trẻ em. ]
//! signature: { authority: KT. GIÁM ĐỐC, title: Phó Giám đốc, name: Nguyễn Văn A }
//! recipients: [ UBND tỉnh (b/c) ]
//! archive: VT, TE
//! "#)?;
//! let typst = engine.render_typst(&doc)?;
//! assert!(typst.contains(r#"#"Số: 05/KH-SLĐTBXH";"#));
//! let pdf: Vec<u8> = engine.render_pdf(&doc)?;
//! assert!(pdf.starts_with(b"%PDF"));
//! # Ok::<(), vanban::Error>(())
//! ```
//!
//! The pipeline runs one way: YAML → [`model`] → [`validate`] → [`view`]
//! (computed figures and numbering) → [`compose`] (minijinja → Typst source)
//! → [`typeset`] (Typst → PDF).

#![warn(missing_docs)]

pub mod batch;
pub mod compose;
pub mod error;
pub mod hygiene;
pub mod inspect;
pub mod limits;
pub mod model;
pub mod parse;
pub mod schema;
pub mod source_map;
pub mod typeset;
pub mod validate;
pub mod vi;
pub mod view;

use std::path::Path;

pub use error::{Diagnostic, Diagnostics, Error, Result, Severity};

use compose::Composer;
use typeset::{PdfExport, Typesetter};

/// A parsed and validated document, ready to render.
#[derive(Debug, Clone)]
pub struct Document {
    model: model::Document,
    /// The plan file a report refers to (`plan-file`), loaded and validated.
    plan: Option<Box<model::Document>>,
    warnings: Vec<Diagnostic>,
}

impl Document {
    /// Parses and validates YAML text. Every problem found is returned at once.
    /// A report's `plan-file` is read relative to the current directory.
    pub fn from_yaml_str(text: &str) -> Result<Self> {
        Self::from_yaml_str_in(text, Path::new("."))
    }

    /// Like [`Document::from_yaml_str`], reading a `plan-file` relative to `base_dir`.
    pub fn from_yaml_str_in(text: &str, base_dir: &Path) -> Result<Self> {
        Self::from_text(text, base_dir, parse::parse_yaml)
    }

    /// Parses and validates JSON text (the same fields as YAML).
    pub fn from_json_str(text: &str) -> Result<Self> {
        Self::from_json_str_in(text, Path::new("."))
    }

    /// Like [`Document::from_json_str`], reading a `plan-file` relative to `base_dir`.
    pub fn from_json_str_in(text: &str, base_dir: &Path) -> Result<Self> {
        Self::from_text(text, base_dir, parse::parse_json)
    }

    /// NFC, invisible characters out (with warnings), parse, validate.
    fn from_text(
        text: &str,
        base_dir: &Path,
        parse: fn(&str) -> Result<parse::Parsed>,
    ) -> Result<Self> {
        parse::check_size(text)?;
        let text = nfc_cow(text);
        let (text, removed) = hygiene::clean(&text);
        match parse(&text) {
            Ok(parsed) => {
                let warnings = hygiene::warnings(&removed, &parsed.source_map);
                Self::checked(parsed, base_dir, warnings)
            }
            Err(Error::Invalid(mut diagnostics)) => {
                let map = source_map::SourceMap::build(&text);
                diagnostics.0.extend(hygiene::warnings(&removed, &map));
                sort_by_position(&mut diagnostics.0);
                Err(Error::Invalid(diagnostics))
            }
            Err(e) => Err(e),
        }
    }

    /// Reads a `.yaml`, `.yml` or `.json` file.
    pub fn from_path(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.display().to_string(),
            source,
        })?;
        let base = path.parent().unwrap_or(Path::new("."));
        if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        {
            Self::from_json_str_in(&text, base)
        } else {
            Self::from_yaml_str_in(&text, base)
        }
    }

    /// Validates a document built in Rust.
    pub fn from_model(model: model::Document) -> Result<Self> {
        Self::checked(
            parse::Parsed {
                document: model,
                source_map: source_map::SourceMap::default(),
            },
            Path::new("."),
            Vec::new(),
        )
    }

    fn checked(
        parsed: parse::Parsed,
        base_dir: &Path,
        mut diagnostics: Vec<Diagnostic>,
    ) -> Result<Self> {
        let plan = match &parsed.document.plan_file {
            None => None,
            Some(file) => match Document::from_path(base_dir.join(file)) {
                Ok(plan) if plan.model.kind == model::Kind::KeHoach => Some(Box::new(plan.model)),
                Ok(plan) => {
                    return Err(invalid_at(
                        &parsed,
                        Diagnostic::error(
                            "plan-file",
                            format!("`{file}` is a {}, not a ke-hoach", plan.model.kind.key()),
                        )
                        .with_hint(
                            "point `plan-file` at the plan whose targets the results measure",
                        ),
                    ));
                }
                Err(e) => {
                    return Err(invalid_at(
                        &parsed,
                        Diagnostic::error(
                            "plan-file",
                            format!("the plan file `{file}` cannot be used: {e}"),
                        )
                        .with_hint("the path is relative to this document's file"),
                    ));
                }
            },
        };
        diagnostics.extend(validate::validate(&parsed.document, plan.as_deref()));
        for d in &mut diagnostics {
            if d.line.is_none()
                && let Some((line, column)) = parsed.source_map.locate(&d.path)
            {
                d.line = Some(line);
                d.column = Some(column);
            }
        }
        sort_by_position(&mut diagnostics);
        if diagnostics.iter().any(Diagnostic::is_error) {
            return Err(Error::Invalid(Diagnostics(diagnostics)));
        }
        Ok(Self {
            model: parsed.document,
            plan,
            warnings: diagnostics,
        })
    }

    /// The document's data.
    pub fn model(&self) -> &model::Document {
        &self.model
    }

    /// Warnings found while validating (the document can still be rendered).
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    /// A stable key for the document (kind, issuer, number, date): the PDF's
    /// identifier derives from it, never from the clock.
    pub fn stable_key(&self) -> String {
        let m = &self.model;
        format!(
            "{}/{}/{}/{}/{}",
            m.kind.key(),
            m.letter
                .as_ref()
                .and_then(|l| l.unit.as_deref())
                .unwrap_or(""),
            m.issuer.code,
            m.number
                .map(|n| n.to_string())
                .unwrap_or_else(|| "draft".into()),
            m.date
        )
    }
}

/// Source order; problems without a position last.
fn sort_by_position(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by_key(|d| (d.line.unwrap_or(usize::MAX), d.column.unwrap_or(0)));
}

fn invalid_at(parsed: &parse::Parsed, mut d: Diagnostic) -> Error {
    if let Some((line, column)) = parsed.source_map.locate(&d.path) {
        d = d.at(line, column);
    }
    Error::Invalid(Diagnostics(vec![d]))
}

/// Text pasted from Word or macOS often arrives decomposed: normalise every
/// string to NFC (the whole input at once), without copying text already in NFC.
fn nfc_cow(text: &str) -> std::borrow::Cow<'_, str> {
    use unicode_normalization::{IsNormalized, is_nfc_quick};
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(vi::nfc(text))
    }
}

/// Options for [`Engine::render_pdf_with`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PdfOptions {
    /// Archival PDF/A-2u: fonts embedded, Unicode text, XMP metadata, no transparency tricks.
    pub pdf_a: bool,
}

/// Fonts and templates loaded once; renders any number of documents, from
/// any number of threads.
pub struct Engine {
    composer: Composer,
    typesetter: Typesetter,
}

impl Default for Engine {
    fn default() -> Self {
        Self::new()
    }
}

impl Engine {
    /// An engine with the built-in templates and the embedded fonts.
    pub fn new() -> Self {
        Self {
            composer: Composer::new(),
            typesetter: Typesetter::new(Vec::new()),
        }
    }

    /// The computed view of a document: every number and label the templates place.
    pub fn view(&self, doc: &Document) -> view::View {
        view::build(&doc.model, doc.plan.as_deref())
    }

    /// The Typst source of a document (for debugging templates).
    pub fn render_typst(&self, doc: &Document) -> Result<String> {
        self.composer.compose(&self.view(doc))
    }

    /// The laid-out pages, before PDF export.
    pub fn render_layout(&self, doc: &Document) -> Result<typst_layout::PagedDocument> {
        let source = self.render_typst(doc)?;
        let d = doc.model.date;
        self.typesetter
            .compile(source, (d.year(), d.month(), d.day()))
    }

    /// Where everything was placed (text runs and rules, in mm).
    pub fn inspect(&self, doc: &Document) -> Result<inspect::Layout> {
        Ok(inspect::Layout::of(&self.render_layout(doc)?))
    }

    /// A complete PDF. The same input gives the same bytes, on any machine and thread.
    pub fn render_pdf(&self, doc: &Document) -> Result<Vec<u8>> {
        self.render_pdf_with(doc, PdfOptions::default())
    }

    /// A complete PDF with options (archival PDF/A).
    pub fn render_pdf_with(&self, doc: &Document, options: PdfOptions) -> Result<Vec<u8>> {
        self.render_pdf_pages(doc, options).map(|(bytes, _)| bytes)
    }

    /// A complete PDF and its number of pages.
    pub fn render_pdf_pages(
        &self,
        doc: &Document,
        options: PdfOptions,
    ) -> Result<(Vec<u8>, usize)> {
        let layout = self.render_layout(doc)?;
        let bytes = self.export_pdf(doc, &layout, options)?;
        Ok((bytes, layout.pages().len()))
    }

    /// Exports pages laid out by [`Engine::render_layout`] as a PDF.
    pub fn export_pdf(
        &self,
        doc: &Document,
        layout: &typst_layout::PagedDocument,
        options: PdfOptions,
    ) -> Result<Vec<u8>> {
        let d = doc.model.date;
        typeset::export_pdf(
            layout,
            &PdfExport {
                ident: doc.stable_key(),
                date: (d.year(), d.month(), d.day()),
                pdf_a: options.pdf_a,
            },
        )
    }

    /// Page 1 as a PNG (a thumbnail for web tools), at `dpi` dots per inch.
    pub fn render_png(&self, doc: &Document, dpi: f32) -> Result<Vec<u8>> {
        typeset::export_png(&self.render_layout(doc)?, 0, dpi)
    }

    /// Reads, validates and renders a YAML or JSON file to PDF bytes.
    pub fn render_path(&self, path: impl AsRef<Path>) -> Result<Vec<u8>> {
        self.render_pdf(&Document::from_path(path)?)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn engine_is_shareable_across_threads() {
        fn is<T: Send + Sync>() {}
        is::<super::Engine>();
        is::<super::Document>();
    }
}
