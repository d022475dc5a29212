//! The engine: templates and fonts loaded once, every document rendered
//! through the pipeline's later stages (view, compose, typeset).

use std::path::Path;

use crate::compose::Composer;
use crate::document::Document;
use crate::error::{Error, Result};
use crate::typeset::{self, PdfExport, Typesetter};
use crate::{inspect, view};

/// Options for [`Engine::render_pdf_with`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PdfOptions {
    /// Archival PDF/A-2u: fonts embedded, Unicode text, XMP metadata, no transparency tricks.
    pub pdf_a: bool,
}

/// The names the layout reads the signer's image and the seal from.
const SIGNER_IMAGE: &str = "/vanban-signer.png";
const SEAL_IMAGE: &str = "/vanban-seal.png";

/// How a document is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Mode {
    /// The electronic layout: number and day and month left blank.
    pub electronic: bool,
    /// The whole document, or a part of it.
    pub part: Part,
}

/// Which part of a document is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    /// Everything.
    Whole,
    /// Everything but the appendices (filed as PDFs of their own).
    WithoutAppendices,
    /// Appendix `i` alone, as its own PDF.
    Appendix(usize),
}

impl Mode {
    /// The whole document, laid out as it asks.
    pub(crate) fn of(doc: &Document) -> Self {
        Self {
            electronic: doc.is_electronic(),
            part: Part::Whole,
        }
    }
}

/// Fonts and templates loaded once; renders any number of documents, from
/// any number of threads.
pub struct Engine {
    composer: Composer,
    typesetter: Typesetter,
    /// The font family every document uses, overriding `layout.font`.
    font: Option<String>,
    /// What the builder noticed and let pass (a template file nothing uses).
    warnings: Vec<String>,
}

/// Builds an [`Engine`] with an office's own templates and fonts.
///
/// ```
/// let dir = std::env::temp_dir().join(format!("vanban-doc-{}", std::process::id()));
/// vanban::export_templates(&dir)?;                   // start from the built-in templates
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
        let typesetter = Typesetter::new(fonts, composer.nd30_source().to_string());
        if let Some(family) = &self.font {
            typesetter.require_family(family)?;
        }
        Ok(Engine {
            warnings: composer.unused_templates(),
            composer,
            typesetter,
            font: self.font.map(|f| f.trim().to_string()),
        })
    }
}

/// The largest font file read: large CJK collections are about 30 MB.
const MAX_FONT_BYTES: usize = 64 * 1024 * 1024;

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
            let shown = path.display().to_string();
            out.push(crate::loader::read_file(&path, &shown, MAX_FONT_BYTES)?);
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
        let composer = Composer::new();
        let typesetter = Typesetter::new(Vec::new(), composer.nd30_source().to_string());
        Self {
            composer,
            typesetter,
            font: None,
            warnings: Vec::new(),
        }
    }

    /// What building the engine noticed and let pass: a file of the
    /// templates directory that nothing uses (a misspelt name).
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// An engine with an office's own templates and fonts: see [`EngineBuilder`].
    pub fn builder() -> EngineBuilder {
        EngineBuilder::default()
    }

    /// Every font family the engine has (embedded and added), sorted.
    pub fn font_families(&self) -> &[String] {
        self.typesetter.families()
    }

    /// The characters the engine's fonts draw: give it to
    /// [`ReadOptions::fonts`] so that a document is checked against them.
    pub fn font_coverage(&self) -> &crate::FontCoverage {
        self.typesetter.coverage()
    }

    /// The computed view of a document: every number and label the templates place.
    pub fn view(&self, doc: &Document) -> view::View {
        self.view_as(doc, Mode::of(doc))
    }

    /// The view laid out in `mode`.
    pub(crate) fn view_as(&self, doc: &Document, mode: Mode) -> view::View {
        let mut view = view::build_as(doc.resolved(), mode.electronic);
        if let Some(font) = &self.font {
            view.layout.font = Some(font.clone());
        }
        let images = doc.images();
        view.signature.image = images.signer.as_ref().map(|png| view::ImageView {
            file: SIGNER_IMAGE,
            aspect: png.aspect(),
            width_mm: None,
        });
        view.signature.seal = images.seal.as_ref().map(|(png, diameter)| view::ImageView {
            file: SEAL_IMAGE,
            aspect: png.aspect(),
            width_mm: Some(*diameter),
        });
        match mode.part {
            Part::Whole => {}
            Part::WithoutAppendices => view.appendices.clear(),
            Part::Appendix(i) => {
                let mut appendix = view.appendices.swap_remove(i);
                appendix.attached_to.clear();
                appendix.attached_phrases.clear();
                view.meta.title = format!("{}: {}", appendix.label, appendix.title);
                view.appendices = vec![appendix];
                view.appendix_file = true;
            }
        }
        view
    }

    /// The Typst source of a document (for debugging templates). Fails when
    /// the document asks for a font family the engine does not have.
    pub fn render_typst(&self, doc: &Document) -> Result<String> {
        self.typst_as(doc, Mode::of(doc))
    }

    fn typst_as(&self, doc: &Document, mode: Mode) -> Result<String> {
        let view = self.view_as(doc, mode);
        if let Some(family) = &view.layout.font {
            self.typesetter.require_family(family)?;
        }
        self.composer.compose(&view)
    }

    /// The laid-out pages, before PDF export: electronic when the document
    /// says so (`electronic: true`).
    pub fn render_layout(&self, doc: &Document) -> Result<LaidOut> {
        self.layout_as(doc, Mode::of(doc))
    }

    /// The pages laid out in `mode`.
    pub(crate) fn layout_as(&self, doc: &Document, mode: Mode) -> Result<LaidOut> {
        let source = self.typst_as(doc, mode)?;
        let d = doc.model().date;
        let images = doc.images();
        let mut files = Vec::new();
        if let Some(png) = &images.signer {
            files.push((
                SIGNER_IMAGE,
                typst::foundations::Bytes::new(png.bytes.clone()),
            ));
        }
        if let Some((png, _)) = &images.seal {
            files.push((
                SEAL_IMAGE,
                typst::foundations::Bytes::new(png.bytes.clone()),
            ));
        }
        let pages = self
            .typesetter
            .compile(source, (d.year(), d.month(), d.day()), &files)?;
        Ok(LaidOut { pages })
    }

    /// Where everything was placed (text runs and rules, in mm).
    pub fn inspect(&self, doc: &Document) -> Result<inspect::Layout> {
        Ok(self.render_layout(doc)?.inspect())
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
        Ok((bytes, layout.page_count()))
    }

    /// Exports pages laid out by [`Engine::render_layout`] as a PDF.
    pub fn export_pdf(
        &self,
        doc: &Document,
        layout: &LaidOut,
        options: PdfOptions,
    ) -> Result<Vec<u8>> {
        self.export_as(doc, layout, options, "")
    }

    /// Exports pages as a PDF whose identifier is the document's key and
    /// `part` (an appendix filed on its own has an identifier of its own).
    pub(crate) fn export_as(
        &self,
        doc: &Document,
        layout: &LaidOut,
        options: PdfOptions,
        part: &str,
    ) -> Result<Vec<u8>> {
        let d = doc.model().date;
        typeset::export_pdf(
            &layout.pages,
            &PdfExport {
                ident: format!("{}{part}", doc.stable_key()),
                date: (d.year(), d.month(), d.day()),
                pdf_a: options.pdf_a,
            },
        )
    }

    /// Page 1 as a PNG (a thumbnail for web tools), at `dpi` dots per inch.
    pub fn render_png(&self, doc: &Document, dpi: f32) -> Result<Vec<u8>> {
        typeset::export_png(&self.render_layout(doc)?.pages, 0, dpi)
    }

    /// Reads, validates and renders a YAML or JSON file to PDF bytes.
    pub fn render_path(&self, path: impl AsRef<Path>) -> Result<Vec<u8>> {
        self.render_pdf(&Document::from_path(path)?)
    }
}

/// A document laid out in pages, before PDF export (so that layout and
/// export can run on different threads, as a batch does).
pub struct LaidOut {
    pages: typst_layout::PagedDocument,
}

impl LaidOut {
    /// The number of pages.
    pub fn page_count(&self) -> usize {
        self.pages.pages().len()
    }

    /// Page `index` (from 0) as a PNG at `dpi` dots per inch.
    pub fn png(&self, index: usize, dpi: f32) -> Result<Vec<u8>> {
        typeset::export_png(&self.pages, index, dpi)
    }

    /// Where everything was placed (text runs and rules, in mm).
    pub fn inspect(&self) -> inspect::Layout {
        inspect::Layout::of(&self.pages)
    }

    /// Typst's own pages, for the stages after export (electronic slots).
    pub(crate) fn typst(&self) -> &typst_layout::PagedDocument {
        &self.pages
    }
}

impl std::fmt::Debug for LaidOut {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LaidOut")
            .field("pages", &self.page_count())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn engine_and_documents_are_shareable_across_threads() {
        fn is<T: Send + Sync>() {}
        is::<super::Engine>();
        is::<super::LaidOut>();
        is::<crate::Document>();
    }
}
