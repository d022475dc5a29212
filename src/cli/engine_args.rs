//! The options every rendering command shares: an office's templates and fonts.

use std::path::PathBuf;
use std::process::ExitCode;

/// An office's own templates and fonts.
#[derive(clap::Args)]
pub struct EngineArgs {
    /// A directory of templates: a file named like a built-in one
    /// (`bao-cao.typ.j2`, `nd30.typ` …) replaces it.
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
    /// Add the fonts of a directory (.ttf, .otf, .ttc); may be repeated.
    #[arg(long = "font-dir", value_name = "DIR")]
    font_dirs: Vec<PathBuf>,
    /// The font family of the document (e.g. "Times New Roman", with --font-dir);
    /// overrides `layout.font`. A family that is not available is an error.
    #[arg(long, value_name = "FAMILY")]
    font: Option<String>,
}

impl EngineArgs {
    /// The engine, or the exit code after saying why it cannot be built
    /// (a template directory or font that is not there: a usage error).
    pub fn build_or_report(self) -> Result<vanban::Engine, ExitCode> {
        let mut builder = vanban::Engine::builder();
        if let Some(dir) = self.templates {
            builder = builder.templates(dir);
        }
        for dir in self.font_dirs {
            builder = builder.font_dir(dir);
        }
        if let Some(font) = self.font {
            builder = builder.font(font);
        }
        let engine = builder.build().map_err(|e| {
            eprintln!("error: {e}");
            ExitCode::from(2)
        })?;
        for w in engine.warnings() {
            eprintln!("warning: {w}");
        }
        Ok(engine)
    }
}
