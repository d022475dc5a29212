//! `vanban render`: one document to PDF, Typst source or a PNG of page 1.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use crate::electronic_args::ElectronicArgs;
use crate::engine_args::EngineArgs;
use crate::input::{Input, report_unreadable};

/// What `render` writes.
pub enum Format {
    Pdf { pdf_a: bool },
    Typst,
    Png(f32),
}

/// The electronic options of `render`.
pub struct Electronic {
    pub args: ElectronicArgs,
    pub appendix_file: bool,
    pub signature_map: Option<std::path::PathBuf>,
}

impl Electronic {
    fn wanted(&self) -> bool {
        self.args.wanted() || self.appendix_file || self.signature_map.is_some()
    }
}

pub fn run(
    input: &Path,
    output: &Path,
    format: Format,
    deny_warnings: bool,
    electronic: Electronic,
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
    let doc = match input.document(deny_warnings, Some(engine.font_coverage())) {
        Ok(doc) => doc,
        Err(e) => {
            input.report(&e);
            return ExitCode::FAILURE;
        }
    };
    input.warn(doc.warnings());
    if let Format::Pdf { pdf_a } = format
        && (electronic.wanted() || doc.is_electronic())
    {
        return issue(&engine, &doc, &input, output, pdf_a, &electronic);
    }
    if electronic.wanted() {
        eprintln!("error: --electronic, --sign, --appendix-file and --signature-map make PDFs");
        return ExitCode::from(2);
    }
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

/// Renders an electronic document: its PDF, its appendix files, its
/// signature map; signed when asked. Every file is made before any is
/// written, so a failure writes nothing.
fn issue(
    engine: &vanban::Engine,
    doc: &vanban::Document,
    input: &Input,
    output: &Path,
    pdf_a: bool,
    electronic: &Electronic,
) -> ExitCode {
    // The certificate first: a wrong password or an expired certificate
    // costs no rendering.
    let options = match electronic
        .args
        .issue_options(vanban::PdfOptions { pdf_a }, electronic.appendix_file)
    {
        Ok(o) => o,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::FAILURE;
        }
    };
    let issued = match engine.issue_electronic(doc, &options) {
        Ok(i) => i,
        Err(e) => {
            input.report(&e);
            return ExitCode::FAILURE;
        }
    };
    if !issued.appendices.is_empty() && output == Path::new("-") {
        eprintln!("error: --appendix-file writes files beside the output: give -o FILE.pdf");
        return ExitCode::from(2);
    }
    let appendix_path = |i: usize| {
        let stem = output
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "van-ban".into());
        output.with_file_name(format!("{stem}-phu-luc-{i}.pdf"))
    };
    let name = |p: &Path| {
        p.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "-".into())
    };
    let map = issued.signature_map(&name(output), |i| name(&appendix_path(i)));
    let mut files: Vec<(std::path::PathBuf, &[u8])> = issued
        .appendices
        .iter()
        .enumerate()
        .map(|(i, a)| (appendix_path(i + 1), a.pdf.as_slice()))
        .collect();
    let json = map.to_json();
    if let Some(path) = &electronic.signature_map {
        files.push((path.clone(), json.as_bytes()));
    }
    for (path, bytes) in files {
        if let Err(e) = vanban::batch::write_atomic(&path, bytes) {
            eprintln!("error: {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    }
    match write_output(output, &issued.document.pdf) {
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
