//! An input named on the command line: a file, or `-` for standard input.

use std::path::Path;

use vanban::{Format, FsLoader, NoFiles, ReadOptions};

/// One input's name (as shown in messages) and text.
pub struct Input {
    /// `<stdin>` or the path as given.
    pub name: String,
    /// The text (bounded, UTF-8).
    pub text: String,
    /// Where the files it names are read from: beside it, or nowhere for stdin.
    loader: Box<dyn vanban::Loader>,
}

impl Input {
    /// Reads a file or standard input, within the library's limits.
    pub fn read(path: &Path) -> Result<Self, vanban::Error> {
        if path == Path::new("-") {
            Ok(Input {
                name: "<stdin>".into(),
                text: vanban::read_text(std::io::stdin().lock())?,
                loader: Box::new(NoFiles::because(
                    "a document on standard input has no directory to read files from; \
                     give it as a file",
                )),
            })
        } else {
            Ok(Input {
                name: path.display().to_string(),
                text: vanban::read_text_file(path)?,
                loader: Box::new(FsLoader::beside(path)),
            })
        }
    }

    /// The document, read and validated (warnings denied if asked), its
    /// characters checked against `fonts` (the embedded fonts when `None`).
    pub fn document(
        &self,
        deny_warnings: bool,
        fonts: Option<&vanban::FontCoverage>,
    ) -> vanban::Result<vanban::Document> {
        let format = Format::detect(
            (self.name != "<stdin>").then_some(self.name.as_str()),
            &self.text,
        );
        let mut options = ReadOptions::with_loader(&*self.loader).deny_warnings(deny_warnings);
        options.fonts = fonts;
        vanban::Document::read(&self.text, format, &options)
    }

    /// Prints every diagnostic of `err` (or the error itself) on standard error.
    pub fn report(&self, err: &vanban::Error) {
        for d in err.to_diagnostics() {
            eprintln!("{}", vanban::render_diagnostic(&d, &self.name, &self.text));
        }
    }

    /// Prints warnings on standard error.
    pub fn warn(&self, warnings: &[vanban::Diagnostic]) {
        for w in warnings {
            eprintln!("{}", vanban::render_diagnostic(w, &self.name, &self.text));
        }
    }
}

/// Prints why an input could not be read at all.
pub fn report_unreadable(path: &Path, err: &vanban::Error) {
    let name = path.display().to_string();
    for d in err.to_diagnostics() {
        eprintln!("{}", vanban::render_diagnostic(&d, &name, ""));
    }
}
