//! The `vanban` command line: it parses arguments and prints; the work is
//! the library's.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod batch;
mod bench;
#[cfg(feature = "service")]
mod bench_serve;
mod check;
mod electronic_args;
mod engine_args;
mod input;
mod render;
#[cfg(feature = "service")]
mod serve;
#[path = "../../benches/support/synthetic.rs"]
mod synthetic;

use electronic_args::ElectronicArgs;
use engine_args::EngineArgs;

/// Vietnamese official documents (Nghị định 30/2020/NĐ-CP) from YAML, as PDF.
#[derive(Parser)]
#[command(name = "vanban", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Render one document to PDF (or its Typst source, or a PNG of page 1).
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
        /// Electronic: write each appendix as a PDF of its own beside the
        /// output (`OUTPUT-phu-luc-1.pdf` …), its top-right corner kept free
        /// for the organisation's signature. Implies --electronic.
        #[arg(long)]
        appendix_file: bool,
        /// Electronic: write the signature map (every slot's page and
        /// rectangle in PDF points) to this JSON file. Implies --electronic.
        #[arg(long, value_name = "FILE.json")]
        signature_map: Option<PathBuf>,
        #[command(flatten)]
        electronic: ElectronicArgs,
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
        electronic: ElectronicArgs,
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
    /// Serve HTTP: POST /render, /check and /batch, GET /schema, /healthz,
    /// /metrics, and the editing page at /.
    #[cfg(feature = "service")]
    Serve(serve::ServeArgs),
    /// Measure the service on loopback (and the CLI spawned per document).
    #[cfg(feature = "service")]
    BenchServe(bench_serve::BenchServeArgs),
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
        #[arg(long, value_enum, default_value_t = check::CheckFormat::Human)]
        format: check::CheckFormat,
        /// Treat warnings as errors.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Print the JSON Schema of the input, for editors (yaml-language-server) and tools.
    Schema,
}

#[derive(Subcommand)]
enum TemplatesCommand {
    /// Write the built-in templates (and nd30.typ) into DIR, to start an office's own from.
    Export {
        /// The directory to write into (created if needed).
        dir: PathBuf,
    },
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
            appendix_file,
            signature_map,
            electronic,
        } => {
            let format = if typst {
                render::Format::Typst
            } else if png {
                render::Format::Png(dpi)
            } else {
                render::Format::Pdf { pdf_a }
            };
            let electronic = render::Electronic {
                args: electronic,
                appendix_file,
                signature_map,
            };
            render::run(&input, &output, format, deny_warnings, electronic, engine)
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
        } => check::run(&inputs, format, deny_warnings),
        Command::Schema => {
            print!("{}", vanban::json_schema_text());
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
            electronic,
        } => batch::run(
            &input,
            &output,
            shard,
            summary_from_shards,
            vanban::PdfOptions { pdf_a },
            deny_warnings,
            electronic,
            engine,
        ),
        Command::Bench {
            count,
            compare_typst_cli,
        } => bench::run(count, compare_typst_cli),
        #[cfg(feature = "service")]
        Command::Serve(args) => serve::run(args),
        #[cfg(feature = "service")]
        Command::BenchServe(args) => bench_serve::run(args),
    }
}
