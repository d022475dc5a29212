//! A document read, resolved and validated: what the engine renders.

use std::path::Path;

use crate::error::{Diagnostic, Diagnostics, Error, Result, sort_by_position};
use crate::input::{self, Format, Parsed};
use crate::loader::{FsLoader, Loader, NoFiles};
use crate::model;
use crate::png::{self, Png};
use crate::resolve::{self, Resolved};
use crate::typeset::FontCoverage;

/// How a document is read: where the files it names come from, and
/// whether a warning stops it.
#[derive(Clone, Copy)]
pub struct ReadOptions<'a> {
    /// Reads the files the document names (a report's `plan-file`).
    pub loader: &'a dyn Loader,
    /// Warnings become errors: the document is refused if it has any.
    pub deny_warnings: bool,
    /// The fonts the document will be drawn with, to warn of characters
    /// none of them has; `None` for the embedded fonts.
    pub fonts: Option<&'a FontCoverage>,
}

impl Default for ReadOptions<'static> {
    /// No file may be read, and warnings are only reported.
    fn default() -> Self {
        static NO_FILES: NoFiles = NoFiles::new();
        Self {
            loader: &NO_FILES,
            deny_warnings: false,
            fonts: None,
        }
    }
}

impl<'a> ReadOptions<'a> {
    /// Files are read through `loader`.
    pub fn with_loader(loader: &'a dyn Loader) -> Self {
        Self {
            loader,
            deny_warnings: false,
            fonts: None,
        }
    }

    /// Characters are checked against `fonts` (an engine's
    /// [`Engine::font_coverage`](crate::Engine::font_coverage)).
    pub fn fonts(self, fonts: &'a FontCoverage) -> Self {
        Self {
            fonts: Some(fonts),
            ..self
        }
    }

    /// Warnings become errors when `deny` is true.
    pub fn deny_warnings(self, deny: bool) -> Self {
        Self {
            deny_warnings: deny,
            ..self
        }
    }
}

/// A parsed, resolved and validated document, ready to render.
#[derive(Debug, Clone)]
pub struct Document {
    resolved: Resolved,
    warnings: Vec<Diagnostic>,
    images: Images,
}

/// The signer's image (box 7c) and the seal (box 8), checked.
#[derive(Debug, Clone, Default)]
pub(crate) struct Images {
    /// The signer's signature.
    pub signer: Option<std::sync::Arc<Png>>,
    /// The seal and its diameter in mm.
    pub seal: Option<(std::sync::Arc<Png>, f64)>,
}

/// The seal diameters accepted, in mm (the decree's seals are 30–42 mm).
const SEAL_DIAMETERS: std::ops::RangeInclusive<f64> = 20.0..=60.0;

impl Document {
    /// Parses and validates YAML text. Every problem found is returned at
    /// once. The text may not name files (a `plan-file`): read those
    /// documents with [`Document::from_path`] or [`Document::read`] and a
    /// [`Loader`].
    pub fn from_yaml_str(text: &str) -> Result<Self> {
        Self::read(text, Format::Yaml, &ReadOptions::default())
    }

    /// Parses and validates JSON text (the same fields as YAML).
    pub fn from_json_str(text: &str) -> Result<Self> {
        Self::read(text, Format::Json, &ReadOptions::default())
    }

    /// Reads a `.yaml`, `.yml` or `.json` file; the files it names are
    /// read relative to its directory.
    pub fn from_path(path: impl AsRef<Path>) -> Result<Self> {
        Self::read_path(path.as_ref(), false)
    }

    /// Like [`Document::from_path`]; `deny_warnings` refuses a document
    /// with warnings.
    pub fn read_path(path: &Path, deny_warnings: bool) -> Result<Self> {
        let text = crate::loader::read_text_file(path)?;
        let loader = FsLoader::beside(path);
        let options = ReadOptions::with_loader(&loader).deny_warnings(deny_warnings);
        let shown = path.display().to_string();
        let mut chain = vec![loader.identity_of(path)];
        let format = Format::detect(Some(&shown), &text);
        Self::read_every_problem(&text, format, &options, &mut chain)
    }

    /// Parses and validates `text` in `format`; the files it names are read
    /// through `options.loader`.
    pub fn read(text: &str, format: Format, options: &ReadOptions<'_>) -> Result<Self> {
        Self::read_every_problem(text, format, options, &mut Vec::new())
    }

    /// Reads and builds a document; when the text does not parse, what
    /// still parses is built too, so that one run reports its problems
    /// (a figure's parts that do not add up, a date out of order) beside
    /// the text's.
    fn read_every_problem(
        text: &str,
        format: Format,
        options: &ReadOptions<'_>,
        chain: &mut Vec<String>,
    ) -> Result<Self> {
        let (mut problems, (parsed, salvage)) = match input::read_salvaging(text, format) {
            Ok(parsed) => return Self::build(parsed, options, chain),
            Err(input::Failure {
                error: Error::Invalid(problems),
                salvaged: Some(salvaged),
            }) => (problems, salvaged),
            Err(failure) => return Err(failure.error),
        };
        let later = match Self::build(parsed, options, chain) {
            Ok(document) => document.warnings,
            Err(Error::Invalid(later)) => later.0,
            Err(_) => Vec::new(),
        };
        let later = salvage.later_problems(&problems.0, later);
        problems.0.extend(later);
        sort_by_position(&mut problems.0);
        Err(Error::Invalid(problems))
    }

    /// Validates a document built in Rust, exactly as YAML would be.
    pub fn from_model(model: model::Document) -> Result<Self> {
        Self::read_model(model, &ReadOptions::default())
    }

    /// Like [`Document::from_model`], with the files it names read through
    /// `options.loader`.
    pub fn read_model(model: model::Document, options: &ReadOptions<'_>) -> Result<Self> {
        Self::build(input::from_model(model), options, &mut Vec::new())
    }

    /// The plan file (if any), resolve, validate, locate, apply the warning
    /// policy. `chain` holds the files being read, to refuse a loop.
    fn build(parsed: Parsed, options: &ReadOptions<'_>, chain: &mut Vec<String>) -> Result<Self> {
        let Parsed {
            document,
            source_map,
            warnings,
        } = parsed;
        let locate = |mut d: Diagnostic| {
            if d.line.is_none()
                && let Some((line, column)) = source_map.locate(&d.path)
            {
                d = d.at(line, column);
            }
            d
        };
        let plan = match &document.plan_file {
            None => None,
            Some(file) => Some(
                plan_file(file, options, chain)
                    .map_err(|d| Error::Invalid(Diagnostics(vec![locate(*d)])))?,
            ),
        };
        let (images, image_errors) = images(&document.signature, options.loader);
        let mut resolved = resolve::resolve(document, plan);
        let mut diagnostics = warnings;
        diagnostics.extend(image_errors);
        diagnostics.extend(input::number_warnings(&source_map));
        for (d, offset) in std::mem::take(&mut resolved.problems) {
            let d = match offset.and_then(|o| source_map.locate_in(&d.path, o)) {
                Some((line, column)) if d.line.is_none() => d.at(line, column),
                _ => d,
            };
            diagnostics.push(d);
        }
        diagnostics.extend(crate::validate::validate(&resolved));
        let fonts: &FontCoverage = match options.fonts {
            Some(fonts) => fonts,
            None => FontCoverage::embedded(),
        };
        diagnostics.extend(undrawn_characters(&resolved.doc, fonts));
        let mut diagnostics: Vec<Diagnostic> = diagnostics.into_iter().map(locate).collect();
        if options.deny_warnings {
            deny(&mut diagnostics);
        }
        sort_by_position(&mut diagnostics);
        if diagnostics.iter().any(Diagnostic::is_error) {
            return Err(Error::Invalid(Diagnostics(diagnostics)));
        }
        Ok(Self {
            resolved,
            warnings: diagnostics,
            images,
        })
    }

    /// Gives the signer's image (box 7c) as PNG bytes, in place of (or
    /// without) a `signature.image` file: for a service that holds the
    /// images itself. The PNG must have an alpha channel.
    pub fn set_signature_image(&mut self, png: Vec<u8>) -> Result<()> {
        let png = png::check(png).map_err(|e| image_error("signature.image", e))?;
        self.images.signer = Some(std::sync::Arc::new(png));
        Ok(())
    }

    /// Gives the seal (box 8) as PNG bytes and its diameter in mm, in place
    /// of (or without) a `signature.seal` file.
    pub fn set_seal(&mut self, png: Vec<u8>, diameter_mm: f64) -> Result<()> {
        if !SEAL_DIAMETERS.contains(&diameter_mm) {
            return Err(image_error(
                "signature.seal.diameter",
                bad_diameter(diameter_mm),
            ));
        }
        let png = png::check(png).map_err(|e| image_error("signature.seal", e))?;
        self.images.seal = Some((std::sync::Arc::new(png), diameter_mm));
        Ok(())
    }

    /// Whether the document asks to be issued electronically
    /// (`electronic: true`).
    pub fn is_electronic(&self) -> bool {
        self.model().electronic
    }

    /// The signer's image and the seal.
    pub(crate) fn images(&self) -> &Images {
        &self.images
    }

    /// The document's data.
    pub fn model(&self) -> &model::Document {
        &self.resolved.doc
    }

    /// Warnings found while validating (the document can still be rendered).
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    /// What the resolve stage made of the document.
    pub(crate) fn resolved(&self) -> &Resolved {
        &self.resolved
    }

    /// A stable key for the document (kind, issuer, number, date): the PDF's
    /// identifier derives from it, never from the clock.
    pub fn stable_key(&self) -> String {
        let m = self.model();
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

/// An image given through the library that cannot be used.
fn image_error(path: &str, message: String) -> Error {
    Error::Invalid(Diagnostics(vec![
        Diagnostic::error(path, message).with_hint(IMAGE_HINT.to_string()),
    ]))
}

const IMAGE_HINT: &str = "give a PNG with a transparent background (an alpha channel), \
     at most 2 MiB and 4096 pixels a side";

fn bad_diameter(diameter: f64) -> String {
    format!(
        "a seal {diameter} mm across: give its real diameter, {}–{} mm",
        SEAL_DIAMETERS.start(),
        SEAL_DIAMETERS.end()
    )
}

/// Reads and checks the images the signature names, through the loader;
/// each problem is a diagnostic at its key.
fn images(signature: &model::Signature, loader: &dyn Loader) -> (Images, Vec<Diagnostic>) {
    let mut errors = Vec::new();
    let mut read = |path: &str, file: &str| {
        let bytes = loader.read(file, png::MAX_PNG_BYTES);
        // A reader that gives no files has said what to do instead.
        let hint = match &bytes {
            Err(crate::LoadError::Denied { .. }) => IMAGE_HINT.to_string(),
            _ => format!("{IMAGE_HINT}; the path is relative to this document's file"),
        };
        let checked = bytes
            .map_err(|e| format!("the image cannot be used: {e}"))
            .and_then(|b| png::check(b).map_err(|e| format!("`{file}`: {e}")));
        match checked {
            Ok(png) => Some(std::sync::Arc::new(png)),
            Err(message) => {
                errors.push(Diagnostic::error(path, message).with_hint(hint));
                None
            }
        }
    };
    let signer = signature
        .image
        .as_deref()
        .and_then(|file| read("signature.image", file));
    let seal = signature
        .seal
        .as_ref()
        .and_then(|seal| read("signature.seal.file", &seal.file).map(|png| (png, seal.diameter)));
    if let Some(seal) = &signature.seal
        && !SEAL_DIAMETERS.contains(&seal.diameter)
    {
        errors.push(Diagnostic::error(
            "signature.seal.diameter",
            bad_diameter(seal.diameter),
        ));
    }
    (Images { signer, seal }, errors)
}

/// A warning for each text with characters no font draws (CJK, emoji,
/// Arabic in Liberation Serif): they would print blank.
fn undrawn_characters(document: &model::Document, fonts: &FontCoverage) -> Vec<Diagnostic> {
    // One pass over the serialised text first: almost every document has
    // nothing missing, and skips the walk that names the paths.
    let text = serde_json::to_string(document).unwrap_or_default();
    if text.chars().all(|c| fonts.draws(c)) {
        return Vec::new();
    }
    let mut out = Vec::new();
    model::texts::for_each_text(document, &mut |path, text| {
        let mut missing: Vec<char> = Vec::new();
        for c in text.chars().filter(|c| !fonts.draws(*c)) {
            if !missing.contains(&c) && missing.len() < 8 {
                missing.push(c);
            }
        }
        if missing.is_empty() {
            return;
        }
        let shown: Vec<String> = missing
            .iter()
            .map(|c| format!("`{c}` (U+{:04X})", *c as u32))
            .collect();
        out.push(
            Diagnostic::warning(
                path,
                format!("no font has {}: it would print blank", shown.join(", ")),
            )
            .with_hint(
                "write it another way, or add a font that has it (`--font-dir`, `EngineBuilder::font_dir`)",
            ),
        );
    });
    out
}

/// The warning policy, in one place: under `deny_warnings` every warning is
/// an error, and says why.
fn deny(diagnostics: &mut [Diagnostic]) {
    for d in diagnostics.iter_mut().filter(|d| !d.is_error()) {
        d.severity = crate::Severity::Error;
        let why = "a warning, made an error by --deny-warnings";
        d.hint = Some(match d.hint.take() {
            Some(h) => format!("{h} ({why})"),
            None => why.to_string(),
        });
    }
}

/// Reads, parses and resolves a report's plan file, refusing a loop of plan
/// files; any problem is one diagnostic at `plan-file`.
fn plan_file(
    file: &str,
    options: &ReadOptions<'_>,
    chain: &mut Vec<String>,
) -> std::result::Result<Resolved, Box<Diagnostic>> {
    let cannot = |message: String, hint: &str| {
        Box::new(Diagnostic::error("plan-file", message).with_hint(hint.to_string()))
    };
    let identity = options.loader.identity(file);
    if chain.contains(&identity) {
        let mut names: Vec<&str> = chain.iter().map(String::as_str).collect();
        names.push(&identity);
        return Err(cannot(
            format!(
                "the plan file `{file}` leads back to a file already being read: {}",
                names.join(" → ")
            ),
            "a report names the plan it measures; a plan names no plan file",
        ));
    }
    let hint = "the path is relative to this document's file";
    let bytes = options
        .loader
        .read(file, input::MAX_INPUT_BYTES)
        .map_err(|e| {
            // A reader that gives no files has said what to do instead.
            let hint = match e {
                crate::LoadError::Denied { .. } => "a report names the plan it measures",
                _ => hint,
            };
            cannot(format!("the plan file cannot be used: {e}"), hint)
        })?;
    let text = crate::loader::text_of(bytes).map_err(|d| {
        cannot(
            format!("the plan file `{file}` cannot be used: {}", d.message),
            hint,
        )
    })?;
    if !input::declares_kind(&text, model::Kind::KeHoach.key()) {
        return Err(cannot(
            format!("`{file}` is not a vanban plan: it has no `kind: ke-hoach`"),
            "point `plan-file` at the plan (YAML or JSON) whose targets the results measure",
        ));
    }
    let nested = options.loader.nested(file);
    let inner = ReadOptions {
        loader: &*nested,
        deny_warnings: false,
        fonts: options.fonts,
    };
    chain.push(identity);
    let plan = input::read(&text, Format::detect(Some(file), &text))
        .and_then(|parsed| Document::build(parsed, &inner, chain));
    chain.pop();
    let plan =
        plan.map_err(|e| cannot(format!("the plan file `{file}` cannot be used: {e}"), hint))?;
    if plan.model().kind != model::Kind::KeHoach {
        return Err(cannot(
            format!("`{file}` is a {}, not a ke-hoach", plan.model().kind.key()),
            "point `plan-file` at the plan whose targets the results measure",
        ));
    }
    Ok(plan.resolved)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_without_a_loader_cannot_name_a_plan_file() {
        let yaml = "kind: bao-cao\nissuer: { name: Sở, code: S }\nplace: Yên Bái\ndate: 2024-07-05\n\
            subject: BC\nperiod: { kind: 6-thang-dau-nam, year: 2024 }\nplan-file: /etc/passwd\n\
            results: { indicators: [ { name: A, unit: người, actual: 1 } ] }\n\
            signature: { title: Giám đốc, name: A }\narchive: VT\n";
        let e = Document::from_yaml_str(yaml).unwrap_err();
        let d = &e.diagnostics().unwrap().as_slice()[0];
        assert_eq!(d.path, "plan-file");
        assert_eq!(d.line, Some(7));
        assert!(d.message.contains("may not read files"), "{}", d.message);
    }

    #[test]
    fn denied_warnings_become_errors_that_say_why() {
        let mut d = vec![Diagnostic::warning("x", "careful").with_hint("look")];
        deny(&mut d);
        assert!(d[0].is_error());
        assert_eq!(
            d[0].hint.as_deref(),
            Some("look (a warning, made an error by --deny-warnings)")
        );
    }
}
