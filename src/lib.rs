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
//!
//! # Kinds
//! `ke-hoach` (Kế hoạch), `bao-cao` (Báo cáo), `cong-van` (Công văn),
//! `quyet-dinh` (Quyết định, with articles and an attached plan), `to-trinh`
//! (Tờ trình) and `thong-bao` (Thông báo): see [`model::Kind`].
//!
//! # A document built in Rust
//! Software that holds its data in its own structures builds a
//! [`model::Document`] and validates it exactly as YAML would be
//! (`examples/embed.rs` is a complete program):
//!
//! ```
//! use vanban::model::{self, Kind, Issuer, Signature, Outline, Block};
//! let mut doc = model::Document::new(
//!     Kind::ThongBao,
//!     Issuer { parent: None, name: "Sở Lao động - Thương binh và Xã hội".into(), code: "SLĐTBXH".into() },
//!     "Yên Bái",
//!     model::Date::from_ymd(2024, 4, 3).unwrap(),
//!     "Lịch tiếp công dân tháng 4 năm 2024",
//!     Signature { authority: Some("TL. Giám đốc".into()), title: "Chánh Văn phòng".into(), name: "Trần Văn Bình".into() },
//!     "VT, VP",
//! );
//! doc.number = Some(12);
//! doc.notice = Some(Outline {
//!     body: vec![Block::Paragraph("Giám đốc Sở tiếp công dân vào ngày 15/4/2024.".into())],
//!     ..Outline::default()
//! });
//! let doc = vanban::Document::from_model(doc)?;
//! let engine = vanban::Engine::new();
//! let typst = engine.render_typst(&doc)?;
//! assert!(typst.contains(r#"#"Số: 12/TB-SLĐTBXH";"#));
//! assert!(typst.contains("ngày 15/4/2024./."));
//! # Ok::<(), vanban::Error>(())
//! ```
//!
//! # JSON, the same as YAML
//! Every input type implements serde; JSON has the same fields as YAML, so
//! software in any language can send a document (or pipe it to
//! `vanban render - -o -`):
//!
//! ```
//! let json = r#"{
//!   "kind": "cong-van",
//!   "issuer": { "name": "Sở Lao động - Thương binh và Xã hội", "code": "SLĐTBXH" },
//!   "number": 464, "place": "Điện Biên", "date": "2022-03-03",
//!   "subject": "triển khai công tác trẻ em năm 2022",
//!   "addressees": [ "Ủy ban nhân dân các huyện, thị xã, thành phố" ],
//!   "letter": { "unit": "TE&BĐG", "tasks": [ "rà soát, cập nhật dữ liệu trẻ em" ] },
//!   "signature": { "authority": "KT. Giám đốc", "title": "Phó Giám đốc", "name": "Lò Thị Hương" },
//!   "archive": "VT, TE&BĐG"
//! }"#;
//! let doc = vanban::Document::from_json_str(json)?;
//! let view = vanban::Engine::new().view(&doc);
//! assert_eq!(view.header.number_line, "Số: 464/SLĐTBXH-TE&BĐG");
//! assert_eq!(view.header.subject, "V/v triển khai công tác trẻ em năm 2022");
//! // Back to JSON, and in again: the same document.
//! let again = vanban::Document::from_json_str(&serde_json::to_string(doc.model()).unwrap())?;
//! assert_eq!(again.model(), doc.model());
//! # Ok::<(), vanban::Error>(())
//! ```
//!
//! # An office's own templates and fonts
//! [`Engine::builder`] takes a template directory (files replace the
//! built-in ones by name; [`export_templates`] writes those out) and font
//! directories; see [`EngineBuilder`] and `docs/templates.md`, which lists
//! every variable of the template context and every function of `nd30.typ`.
//!
//! # Errors
//! One enum, [`Error`]: invalid input carries every [`Diagnostic`] with its
//! YAML path, line and column; a template error names the template file,
//! line and column and the part of the view being rendered; a font family
//! that is asked for and missing is [`Error::Font`], never a fallback.

#![warn(missing_docs)]

pub mod batch;
pub mod compose;
pub mod electronic;
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

pub use compose::export_templates;
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
                let mut warnings = hygiene::warnings(&removed, &parsed.source_map);
                // An escape (`"\u200b"`) needs a backslash: most texts have none,
                // and skip the walk over the model.
                if text.contains('\\') {
                    warnings.extend(hygiene::escaped(&parsed.document, &parsed.source_map));
                }
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
        let warnings = hygiene::escaped(&model, &source_map::SourceMap::default());
        Self::checked(
            parse::Parsed {
                document: model,
                source_map: source_map::SourceMap::default(),
            },
            Path::new("."),
            warnings,
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
    /// The font family every document uses, overriding `layout.font`.
    font: Option<String>,
}

/// Builds an [`Engine`] with an office's own templates and fonts.
///
/// ```
/// let dir = std::env::temp_dir().join(format!("vanban-doc-{}", std::process::id()));
/// vanban::compose::export_templates(&dir)?;          // start from the built-in templates
/// let engine = vanban::Engine::builder()
///     .templates(&dir)                                // files here replace the built-in ones
///     .font_dir("fonts")                              // every .ttf/.otf/.ttc file in it
///     .font("Liberation Serif")                       // must exist, or build() fails
///     .build()?;
/// # std::fs::remove_dir_all(&dir).ok();
/// # let _ = engine;
/// # Ok::<(), vanban::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct EngineBuilder {
    templates: Option<std::path::PathBuf>,
    font_dirs: Vec<std::path::PathBuf>,
    fonts: Vec<Vec<u8>>,
    font: Option<String>,
}

impl EngineBuilder {
    /// A directory of templates: a file named like a built-in template
    /// (`bao-cao.typ.j2`, `base.typ.j2`, `nd30.typ` …) replaces it; other
    /// `*.j2` files are added (partials a replaced template includes).
    /// `vanban templates export DIR` writes the built-in ones to start from.
    pub fn templates(mut self, dir: impl Into<std::path::PathBuf>) -> Self {
        self.templates = Some(dir.into());
        self
    }

    /// Adds every font file (`.ttf`, `.otf`, `.ttc`, `.otc`) of a directory
    /// and its subdirectories.
    pub fn font_dir(mut self, dir: impl Into<std::path::PathBuf>) -> Self {
        self.font_dirs.push(dir.into());
        self
    }

    /// Adds a font file's bytes.
    pub fn font_bytes(mut self, bytes: Vec<u8>) -> Self {
        self.fonts.push(bytes);
        self
    }

    /// The font family of every document, overriding the documents'
    /// `layout.font` (Liberation Serif when neither is given).
    pub fn font(mut self, family: impl Into<String>) -> Self {
        self.font = Some(family.into());
        self
    }

    /// Loads the templates and fonts. Fails on a template that does not
    /// parse, an unreadable directory, or a font family that is not available.
    pub fn build(self) -> Result<Engine> {
        let composer = match &self.templates {
            Some(dir) => Composer::with_dir(dir)?,
            None => Composer::new(),
        };
        let mut fonts = self.fonts;
        for dir in &self.font_dirs {
            read_fonts(dir, &mut fonts)?;
        }
        let typesetter = Typesetter::with_library(fonts, composer.nd30_source().to_string());
        if let Some(family) = &self.font {
            typesetter.require_family(family)?;
        }
        Ok(Engine {
            composer,
            typesetter,
            font: self.font.map(|f| f.trim().to_string()),
        })
    }
}

/// Reads every font file under `dir`, in a stable order.
fn read_fonts(dir: &Path, out: &mut Vec<Vec<u8>>) -> Result<()> {
    let io = |path: &Path, source| Error::Io {
        path: path.display().to_string(),
        source,
    };
    let mut entries: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            read_fonts(&path, out)?;
        } else if path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
            ["ttf", "otf", "ttc", "otc"]
                .iter()
                .any(|x| e.eq_ignore_ascii_case(x))
        }) {
            out.push(std::fs::read(&path).map_err(|e| io(&path, e))?);
        }
    }
    Ok(())
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
            font: None,
        }
    }

    /// An engine with an office's own templates and fonts: see [`EngineBuilder`].
    pub fn builder() -> EngineBuilder {
        EngineBuilder::default()
    }

    /// Every font family the engine has (embedded and added), sorted.
    pub fn font_families(&self) -> &[String] {
        self.typesetter.families()
    }

    /// The computed view of a document: every number and label the templates place.
    pub fn view(&self, doc: &Document) -> view::View {
        let mut view = view::build(&doc.model, doc.plan.as_deref());
        if let Some(font) = &self.font {
            view.layout.font = Some(font.clone());
        }
        view
    }

    /// The Typst source of a document (for debugging templates). Fails when
    /// the document asks for a font family the engine does not have.
    pub fn render_typst(&self, doc: &Document) -> Result<String> {
        let view = self.view(doc);
        if let Some(family) = &view.layout.font {
            self.typesetter.require_family(family)?;
        }
        self.composer.compose(&view)
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
