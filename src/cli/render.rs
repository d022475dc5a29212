//! `vanban render`: one document to PDF, Typst source or a PNG of page 1.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use crate::engine_args::EngineArgs;
use crate::input::{Input, report_unreadable};

/// What `render` writes.
pub enum Format {
    Pdf { pdf_a: bool },
    Typst,
    Png(f32),
}

pub fn run(
    input: &Path,
    output: &Path,
    format: Format,
    deny_warnings: bool,
    engine: EngineArgs,
) -> ExitCode {
    if let Err(message) = vanban::batch::check_output_path(input, output) {
        eprintln!("error: {message}");
        return ExitCode::from(2);
    }
    let format = match (format, output.extension().and_then(|e| e.to_str())) {
        // No flag: the output's extension decides; a PNG or Typst name is not silently a PDF.
        (Format::Pdf { pdf_a: false }, Some(e)) if e.eq_ignore_ascii_case("png") => {
            Format::Png(96.0)
        }
        (Format::Pdf { pdf_a: false }, Some(e)) if e.eq_ignore_ascii_case("typ") => Format::Typst,
        (format, _) => format,
    };
    if let Format::Png(dpi) = format
        && !(dpi.is_finite() && (10.0..=1200.0).contains(&dpi))
    {
        eprintln!("error: --dpi {dpi} is out of range: use 10 to 1200");
        return ExitCode::from(2);
    }
    let engine = match engine.build_or_report() {
        Ok(e) => e,
        Err(code) => return code,
    };
    let input = match Input::read(input) {
        Ok(i) => i,
        Err(e) => {
            report_unreadable(input, &e);
            return ExitCode::FAILURE;
        }
    };
    let doc = match input.document(deny_warnings) {
        Ok(doc) => doc,
        Err(e) => {
            input.report(&e);
            return ExitCode::FAILURE;
        }
    };
    input.warn(doc.warnings());
    let bytes = match format {
        Format::Typst => engine.render_typst(&doc).map(String::into_bytes),
        Format::Png(dpi) => engine.render_png(&doc, dpi),
        Format::Pdf { pdf_a } => engine.render_pdf_with(&doc, vanban::PdfOptions { pdf_a }),
    };
    let bytes = match bytes {
        Ok(b) => b,
        Err(e) => {
            input.report(&e);
            return ExitCode::FAILURE;
        }
    };
    match write_output(output, &bytes) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {}: {e}", output.display());
            ExitCode::FAILURE
        }
    }
}

/// Writes standard output, or a file atomically (no half-written PDF ever
/// exists under the target's name).
fn write_output(output: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if output == Path::new("-") {
        let mut out = std::io::stdout().lock();
        out.write_all(bytes)?;
        return out.flush();
    }
    vanban::batch::write_atomic(output, bytes)
}
