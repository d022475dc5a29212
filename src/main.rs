//! The `vanban` command line.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod bench;

/// Vietnamese official documents (Nghị định 30/2020/NĐ-CP) from YAML, as PDF.
#[derive(Parser)]
#[command(name = "vanban", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Render one document to PDF (or its Typst source).
    Render {
        /// The YAML or JSON file; `-` reads standard input.
        input: PathBuf,
        /// The PDF to write; `-` writes standard output.
        #[arg(short, long)]
        output: PathBuf,
        /// Write the composed Typst source instead of a PDF.
        #[arg(long, conflicts_with = "png")]
        typst: bool,
        /// Write page 1 as a PNG preview instead of a PDF.
        #[arg(long)]
        png: bool,
        /// Resolution of the PNG preview, in dots per inch.
        #[arg(long, default_value_t = 96.0, requires = "png")]
        dpi: f32,
        /// Archival PDF/A-2u.
        #[arg(long = "pdf-a")]
        pdf_a: bool,
        /// Treat warnings as errors: render nothing if there is any.
        #[arg(long)]
        deny_warnings: bool,
        #[command(flatten)]
        engine: EngineArgs,
    },
    /// Render one report per district and the province summary.
    Batch {
        /// A batch file, or a directory with `batch.yaml` and `districts/*.yaml`.
        input: PathBuf,
        /// The output directory.
        #[arg(short, long)]
        output: PathBuf,
        /// Render only the K-th of N parts (e.g. `3/8`), for schedulers that spread a batch over machines.
        #[arg(long, value_name = "K/N", conflicts_with = "summary_from_shards")]
        shard: Option<vanban::batch::Shard>,
        /// Build the province summary from the shard manifests already in the output directory.
        #[arg(long)]
        summary_from_shards: bool,
        /// Archival PDF/A-2u.
        #[arg(long = "pdf-a")]
        pdf_a: bool,
        /// Treat warnings as errors: a district with a warning fails.
        #[arg(long)]
        deny_warnings: bool,
        #[command(flatten)]
        engine: EngineArgs,
    },
    /// Measure throughput: render N synthetic three-page district reports.
    Bench {
        /// How many reports.
        #[arg(default_value_t = 700)]
        count: usize,
        /// Also compile the same Typst sources with the `typst` CLI, one process per document.
        #[arg(long)]
        compare_typst_cli: bool,
    },
    /// Work with the templates: `vanban templates export DIR`.
    Templates {
        #[command(subcommand)]
        command: TemplatesCommand,
    },
    /// Check documents and report every problem, without rendering.
    Check {
        /// YAML or JSON files; `-` reads standard input.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// `human` (rustc-style, on standard error) or `json` (on standard output, for tools).
        #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
        format: CheckFormat,
        /// Treat warnings as errors.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Print the JSON Schema of the input, for editors (yaml-language-server) and tools.
    Schema,
}

/// How `check` prints what it finds.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum CheckFormat {
    Human,
    Json,
}

#[derive(Subcommand)]
enum TemplatesCommand {
    /// Write the built-in templates (and nd30.typ) into DIR, to start an office's own from.
    Export {
        /// The directory to write into (created if needed).
        dir: PathBuf,
    },
}

/// An office's own templates and fonts.
#[derive(clap::Args)]
struct EngineArgs {
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
    fn build_or_report(self) -> Result<vanban::Engine, ExitCode> {
        self.build().map_err(|e| {
            eprintln!("error: {e}");
            ExitCode::from(2)
        })
    }

    fn build(self) -> Result<vanban::Engine, vanban::Error> {
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
        builder.build()
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Render {
            input,
            output,
            typst,
            png,
            dpi,
            pdf_a,
            engine,
            deny_warnings,
        } => {
            let format = if typst {
                Format::Typst
            } else if png {
                Format::Png(dpi)
            } else {
                Format::Pdf { pdf_a }
            };
            render(&input, &output, format, deny_warnings, engine)
        }
        Command::Templates {
            command: TemplatesCommand::Export { dir },
        } => match vanban::export_templates(&dir) {
            Ok(files) => {
                for f in files {
                    eprintln!("wrote {}", f.display());
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
        Command::Check {
            inputs,
            format,
            deny_warnings,
        } => check(&inputs, format, deny_warnings),
        Command::Schema => {
            print!("{}", vanban::schema::schema_text());
            ExitCode::SUCCESS
        }
        Command::Batch {
            input,
            output,
            shard,
            summary_from_shards,
            pdf_a,
            engine,
            deny_warnings,
        } => batch(
            &input,
            &output,
            shard,
            summary_from_shards,
            vanban::PdfOptions { pdf_a },
            deny_warnings,
            engine,
        ),
        Command::Bench {
            count,
            compare_typst_cli,
        } => bench::run(count, compare_typst_cli),
    }
}

fn read_input(input: &Path) -> Result<(String, String), String> {
    if input == Path::new("-") {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| format!("<stdin>: {e}"))?;
        Ok(("<stdin>".to_string(), text))
    } else {
        let text =
            std::fs::read_to_string(input).map_err(|e| format!("{}: {e}", input.display()))?;
        Ok((input.display().to_string(), text))
    }
}

/// Parses a document; a report's `plan-file` is relative to the input's directory.
fn parse(name: &str, text: &str) -> Result<vanban::Document, vanban::Error> {
    let json = name.to_ascii_lowercase().ends_with(".json") || text.trim_start().starts_with('{');
    let base = Path::new(name)
        .parent()
        .filter(|p| !p.as_os_str().is_empty() && name != "<stdin>")
        .unwrap_or(Path::new("."));
    if json {
        vanban::Document::from_json_str_in(text, base)
    } else {
        vanban::Document::from_yaml_str_in(text, base)
    }
}

fn report(name: &str, text: &str, err: &vanban::Error) {
    match err.diagnostics() {
        Some(diags) => {
            for d in diags.as_slice() {
                eprintln!("{}", render_diagnostic(name, text, d));
            }
        }
        None => eprintln!("error: {name}: {err}"),
    }
}

/// rustc-style: `error: message`, ` --> file:line:col (path)`, the source line and a caret.
fn render_diagnostic(name: &str, text: &str, d: &vanban::Diagnostic) -> String {
    let level = match d.severity {
        vanban::Severity::Error => "error",
        vanban::Severity::Warning => "warning",
    };
    let mut s = format!("{level}: {}\n", d.message);
    let at = match (d.line, d.column) {
        (Some(l), Some(c)) => format!("{name}:{l}:{c}"),
        (Some(l), None) => format!("{name}:{l}"),
        _ => name.to_string(),
    };
    if d.path.is_empty() {
        s.push_str(&format!("  --> {at}\n"));
    } else {
        s.push_str(&format!("  --> {at} ({})\n", d.path));
    }
    if let Some(line_no) = d.line
        && let Some(src) = text.lines().nth(line_no.saturating_sub(1))
    {
        let gutter = line_no.to_string();
        let pad = " ".repeat(gutter.len());
        let col = d.column.unwrap_or(1).max(1);
        let caret_pad: String = src
            .chars()
            .take(col - 1)
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        s.push_str(&format!(
            "{pad} |\n{gutter} | {src}\n{pad} | {caret_pad}^\n"
        ));
    }
    if let Some(hint) = &d.hint {
        s.push_str(&format!("  = hint: {hint}\n"));
    }
    s
}

/// What `render` writes.
enum Format {
    Pdf { pdf_a: bool },
    Typst,
    Png(f32),
}

fn render(
    input: &Path,
    output: &Path,
    format: Format,
    deny_warnings: bool,
    engine: EngineArgs,
) -> ExitCode {
    let engine = match engine.build_or_report() {
        Ok(e) => e,
        Err(code) => return code,
    };
    let (name, text) = match read_input(input) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let doc = match parse(&name, &text) {
        Ok(doc) => doc,
        Err(e) => {
            report(&name, &text, &e);
            return ExitCode::FAILURE;
        }
    };
    for w in doc.warnings() {
        eprintln!("{}", render_diagnostic(&name, &text, w));
    }
    if deny_warnings && !doc.warnings().is_empty() {
        eprintln!(
            "error: {} warning(s) and --deny-warnings: nothing rendered",
            doc.warnings().len()
        );
        return ExitCode::FAILURE;
    }
    let bytes = match format {
        Format::Typst => engine.render_typst(&doc).map(String::into_bytes),
        Format::Png(dpi) if dpi.is_finite() && (10.0..=1200.0).contains(&dpi) => {
            engine.render_png(&doc, dpi)
        }
        Format::Png(dpi) => {
            eprintln!("error: --dpi {dpi} is out of range: use 10 to 1200");
            return ExitCode::from(2);
        }
        Format::Pdf { pdf_a } => engine.render_pdf_with(&doc, vanban::PdfOptions { pdf_a }),
    };
    let bytes = match bytes {
        Ok(b) => b,
        Err(e) => {
            report(&name, &text, &e);
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

fn batch(
    input: &Path,
    output: &Path,
    shard: Option<vanban::batch::Shard>,
    summary_from_shards: bool,
    options: vanban::PdfOptions,
    deny_warnings: bool,
    engine: EngineArgs,
) -> ExitCode {
    let engine = match engine.build_or_report() {
        Ok(e) => e,
        Err(code) => return code,
    };
    let (mut batch, _) = match vanban::batch::load(input) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    batch.deny_warnings = deny_warnings;
    let manifest = if summary_from_shards {
        vanban::batch::run_summary_from_shards(&batch, &engine, output, options)
    } else {
        vanban::batch::run(&batch, &engine, output, shard, options)
    };
    match manifest {
        Ok(m) => {
            for f in &m.failed {
                eprintln!("error: {}:", f.district);
                for e in &f.errors {
                    eprintln!("  {e}");
                }
            }
            eprintln!(
                "{} file(s) written to {}, {} district(s) failed",
                m.outputs.len(),
                output.display(),
                m.failed.len()
            );
            if m.failed.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// One file's outcome in `check --format json`.
#[derive(serde::Serialize)]
struct CheckedFile {
    file: String,
    /// True when the file would render (no errors; no warnings under `--deny-warnings`).
    ok: bool,
    diagnostics: Vec<vanban::Diagnostic>,
}

fn check(inputs: &[PathBuf], format: CheckFormat, deny_warnings: bool) -> ExitCode {
    let mut files = Vec::new();
    for input in inputs {
        let (name, text) = match read_input(input) {
            Ok(x) => x,
            Err(e) => {
                files.push(CheckedFile {
                    file: input.display().to_string(),
                    ok: false,
                    diagnostics: vec![vanban::Diagnostic::error("", e)],
                });
                continue;
            }
        };
        let (mut diagnostics, other) = match parse(&name, &text) {
            Ok(doc) => (doc.warnings().to_vec(), None),
            Err(e) => match e.diagnostics() {
                Some(d) => (d.as_slice().to_vec(), None),
                None => (Vec::new(), Some(e.to_string())),
            },
        };
        if let Some(message) = other {
            diagnostics.push(vanban::Diagnostic::error("", message));
        }
        if deny_warnings {
            for d in &mut diagnostics {
                d.severity = vanban::Severity::Error;
            }
        }
        let ok = !diagnostics.iter().any(vanban::Diagnostic::is_error);
        if format == CheckFormat::Human {
            for d in &diagnostics {
                eprintln!("{}", render_diagnostic(&name, &text, d));
            }
            if ok {
                println!("{name}: ok");
            }
        }
        files.push(CheckedFile {
            file: name,
            ok,
            diagnostics,
        });
    }
    if format == CheckFormat::Json {
        let json = serde_json::json!({ "files": files });
        println!(
            "{}",
            serde_json::to_string_pretty(&json).expect("diagnostics serialise to JSON")
        );
    }
    if files.iter().all(|f| f.ok) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
