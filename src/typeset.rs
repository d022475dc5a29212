//! Typst source → laid-out document → PDF bytes, in-process.
//!
//! One [`Typesetter`] holds the fonts (parsed once, from bytes embedded in the
//! binary) and the ND30 Typst library; it is `Send + Sync` and serves every
//! document and thread. Each compile gets a small [`World`] whose main file is
//! the composed source and whose "today" is the document's date, so nothing
//! depends on the clock.

use typst::diag::{FileResult, Severity as TypstSeverity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, World, WorldExt};
use typst_as_lib::{TypstEngine, TypstTemplateCollection};
use typst_layout::PagedDocument;

use crate::error::{Error, Result};
use crate::{nd30, stack};

/// Liberation Serif, metric-compatible with Times New Roman, SIL OFL 1.1
/// (`fonts/LICENSE`).
pub const EMBEDDED_FONTS: [&[u8]; 4] = [
    include_bytes!("../fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../fonts/LiberationSerif-BoldItalic.ttf"),
];

/// How many compilations a memoised result survives without being used.
/// The ND30 library and the fonts' shaping results are reused from one
/// document to the next. Measured (`vanban bench 2000`, 2 threads): age 0
/// renders 60 reports/s, age 4 about 100; memory stays flat either way.
const CACHE_MAX_AGE: usize = 4;

/// The Typst engine, shared by every document and thread.
pub(crate) struct Typesetter {
    engine: TypstEngine<TypstTemplateCollection>,
    /// Every font family available, sorted.
    families: Vec<String>,
    coverage: FontCoverage,
}

/// The characters a set of fonts can draw: Typst falls back from one font
/// to the next, and prints a character none of them has as blank.
#[derive(Debug)]
pub struct FontCoverage {
    fonts: Vec<typst::text::FontInfo>,
}

impl FontCoverage {
    fn of(fonts: &[Bytes]) -> Self {
        Self {
            fonts: fonts
                .iter()
                .flat_map(|b| Font::iter(b.clone()))
                .map(|f| f.info().clone())
                .collect(),
        }
    }

    /// The embedded fonts' (Liberation Serif's).
    pub fn embedded() -> &'static FontCoverage {
        static EMBEDDED: std::sync::OnceLock<FontCoverage> = std::sync::OnceLock::new();
        EMBEDDED.get_or_init(|| {
            let fonts: Vec<Bytes> = EMBEDDED_FONTS.iter().map(|f| Bytes::new(*f)).collect();
            Self::of(&fonts)
        })
    }

    /// Whether some font draws `c` (white space and control characters are
    /// never drawn, and never missing).
    pub fn draws(&self, c: char) -> bool {
        c.is_ascii()
            || c.is_whitespace()
            || c.is_control()
            || self.fonts.iter().any(|f| f.coverage.contains(c as u32))
    }
}

impl Typesetter {
    /// A typesetter with the embedded fonts plus `extra_fonts` (font files
    /// as bytes), and `library` as the Typst library that composed documents
    /// import as `nd30.typ` (which imports the decree's numbers).
    pub(crate) fn new(extra_fonts: Vec<Vec<u8>>, library: String) -> Self {
        let mut fonts: Vec<Bytes> = EMBEDDED_FONTS.iter().map(|f| Bytes::new(*f)).collect();
        fonts.extend(extra_fonts.into_iter().map(Bytes::new));
        let coverage = FontCoverage::of(&fonts);
        let mut families: Vec<String> = coverage.fonts.iter().map(|f| f.family.clone()).collect();
        families.sort();
        families.dedup();
        let engine = TypstEngine::builder()
            .fonts(fonts)
            .with_static_source_file_resolver([
                ("/nd30.typ", library),
                (nd30::VALUES_PATH, nd30::typst_values()),
            ])
            // Eviction is ours: after each document, see `compile`.
            .comemo_evict_max_age(None)
            .build();
        Self {
            engine,
            families,
            coverage,
        }
    }

    /// The characters the fonts draw.
    pub(crate) fn coverage(&self) -> &FontCoverage {
        &self.coverage
    }

    /// Every font family available (embedded and added), sorted.
    pub(crate) fn families(&self) -> &[String] {
        &self.families
    }

    /// An error unless `family` is available (compared as Typst does, ignoring case).
    pub(crate) fn require_family(&self, family: &str) -> Result<()> {
        if self
            .families
            .iter()
            .any(|f| f.to_lowercase() == family.trim().to_lowercase())
        {
            Ok(())
        } else {
            Err(Error::Font(format!(
                "the font family `{family}` is not available; available: {}",
                self.families.join(", ")
            )))
        }
    }

    /// Lays out a composed Typst source. `today` is the document's date.
    /// Runs on the library's render threads, whatever the caller's stack.
    /// `files` are the images the source names (`/vanban-signer.png`).
    pub(crate) fn compile(
        &self,
        source: String,
        today: (i32, u32, u32),
        files: &[(&'static str, Bytes)],
    ) -> Result<PagedDocument> {
        stack::on_render_stack(|| self.compile_here(source, today, files))
    }

    fn compile_here(
        &self,
        source: String,
        today: (i32, u32, u32),
        files: &[(&'static str, Bytes)],
    ) -> Result<PagedDocument> {
        let inner = self
            .engine
            .world_builder("/nd30.typ")
            .build()
            .map_err(|e| Error::Typeset(e.to_string()))?;
        let main = Source::new(main_id(), source);
        let world = DocumentWorld {
            library: inner.library(),
            book: inner.book(),
            inner: &inner,
            main: main.clone(),
            today: Datetime::from_ymd(today.0, today.1 as u8, today.2 as u8),
            files: files
                .iter()
                .map(|(name, bytes)| (file_id(name), bytes.clone()))
                .collect(),
        };
        let warned = typst::compile::<PagedDocument>(&world);
        // A family that is asked for and missing would fall back silently to
        // another font and change the layout: that is an error here.
        let missing: Vec<String> = warned
            .warnings
            .iter()
            .filter(|w| w.message.starts_with("unknown font family"))
            .map(|w| w.message.to_string())
            .collect();
        let result = if missing.is_empty() {
            warned
                .output
                .map_err(|errors| Error::Typeset(describe(&errors, &world)))
        } else {
            Err(Error::Font(format!(
                "{}; available: {}",
                missing.join("; "),
                self.families.join(", ")
            )))
        };
        comemo::evict(CACHE_MAX_AGE);
        result
    }
}

/// The id of the composed document's source (interned once).
fn main_id() -> FileId {
    static ID: std::sync::OnceLock<FileId> = std::sync::OnceLock::new();
    *ID.get_or_init(intern_main_id)
}

fn intern_main_id() -> FileId {
    RootedPath::new(
        VirtualRoot::Project,
        VirtualPath::new("/main.typ").expect("a valid path"),
    )
    .intern()
}

/// The id of a file the composed document's images are read from.
fn file_id(name: &str) -> FileId {
    RootedPath::new(
        VirtualRoot::Project,
        VirtualPath::new(name).expect("a valid path"),
    )
    .intern()
}

/// A world whose main file is one composed document.
struct DocumentWorld<'a> {
    /// The document's images, by id.
    files: Vec<(FileId, Bytes)>,
    library: &'a LazyHash<Library>,
    book: &'a LazyHash<FontBook>,
    inner: &'a typst_as_lib::TypstWorld<'a>,
    main: Source,
    today: Option<Datetime>,
}

impl World for DocumentWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            self.inner.source(id)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        match self.files.iter().find(|(f, _)| *f == id) {
            Some((_, bytes)) => Ok(bytes.clone()),
            None => self.inner.file(id),
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.inner.font(index)
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        self.today
    }
}

/// Typst's errors in words, with the line of the composed source they point at.
fn describe(errors: &[SourceDiagnostic], world: &DocumentWorld<'_>) -> String {
    errors
        .iter()
        .filter(|d| d.severity == TypstSeverity::Error)
        .map(|d| {
            let line = world
                .range(d.span)
                .and_then(|r| world.main.lines().byte_to_line(r.start))
                .map(|l| format!(" (composed source line {})", l + 1))
                .unwrap_or_default();
            let hints: String = d.hints.iter().map(|h| format!("; hint: {}", h.v)).collect();
            format!("{}{}{}", d.message, line, hints)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Options for PDF export.
#[derive(Debug, Clone, Default)]
pub(crate) struct PdfExport {
    /// A stable identifier of the document (its number and issuer), for the PDF's /ID.
    pub ident: String,
    /// The document's date, used as the PDF creation date.
    pub date: (i32, u32, u32),
    /// Archival PDF/A-2u (PDF/A-2b with Unicode text, which Typst guarantees).
    pub pdf_a: bool,
}

/// Exports a laid-out document as PDF bytes, reproducibly, on the calling
/// thread (with a large enough stack).
pub(crate) fn export_pdf(document: &PagedDocument, export: &PdfExport) -> Result<Vec<u8>> {
    stack::with_large_stack(|| export_pdf_here(document, export))
}

fn export_pdf_here(document: &PagedDocument, export: &PdfExport) -> Result<Vec<u8>> {
    let (y, m, d) = export.date;
    let timestamp = Datetime::from_ymd(y, m as u8, d as u8).map(typst_pdf::Timestamp::new_utc);
    let standards = if export.pdf_a {
        typst_pdf::PdfStandards::new(&[typst_pdf::PdfStandard::A_2u])
            .map_err(|e| Error::Typeset(format!("{e:?}")))?
    } else {
        typst_pdf::PdfStandards::default()
    };
    let options = typst_pdf::PdfOptions {
        ident: Smart::Custom(export.ident.clone()),
        creator: Smart::Custom(Some(format!("vanban {}", env!("CARGO_PKG_VERSION")))),
        timestamp,
        standards,
        tagged: true,
        ..Default::default()
    };
    typst_pdf::pdf(document, &options).map_err(|errors| {
        Error::Typeset(
            errors
                .iter()
                .map(|e| e.message.to_string())
                .collect::<Vec<_>>()
                .join("\n"),
        )
    })
}

/// Renders page `index` (0-based) as a PNG at `dpi` dots per inch.
pub(crate) fn export_png(document: &PagedDocument, index: usize, dpi: f32) -> Result<Vec<u8>> {
    stack::with_large_stack(|| export_png_here(document, index, dpi))
}

fn export_png_here(document: &PagedDocument, index: usize, dpi: f32) -> Result<Vec<u8>> {
    let page = document
        .pages()
        .get(index)
        .ok_or_else(|| Error::Typeset(format!("the document has no page {}", index + 1)))?;
    let options = typst_render::RenderOptions {
        pixel_per_pt: typst::utils::Scalar::new(f64::from(dpi) / 72.0),
        render_bleed: false,
    };
    let pixmap = typst_render::render(page, &options);
    pixmap
        .encode_png()
        .map_err(|e| Error::Typeset(format!("PNG encoding failed: {e}")))
}
