//! `vanban batch`: one report per district and the province summary.

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use crate::electronic_args::ElectronicArgs;
use crate::engine_args::EngineArgs;

// The command's options, one by one as clap gives them.
#[allow(clippy::too_many_arguments)]
pub fn run(
    input: &Path,
    output: &Path,
    shard: Option<vanban::batch::Shard>,
    summary_from_shards: bool,
    options: vanban::PdfOptions,
    deny_warnings: bool,
    electronic: ElectronicArgs,
    engine: EngineArgs,
) -> ExitCode {
    // The certificate first: a wrong password or an expired certificate
    // renders and writes nothing.
    let issue = if electronic.wanted() {
        match electronic.issue_options(options, false) {
            Ok(o) => Some(o),
            Err(message) => {
                eprintln!("error: {message}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        None
    };
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
    batch.electronic = issue;
    let bar = progress_bar();
    let mut progress = |done: usize, total: usize| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    };
    let manifest = if summary_from_shards {
        vanban::batch::run_summary_from_shards(&batch, &engine, output, options)
    } else {
        vanban::batch::run(&batch, &engine, output, shard, options, &mut progress)
    };
    bar.finish_and_clear();
    match manifest {
        Ok(m) => {
            for e in &m.outputs {
                for w in &e.warnings {
                    eprintln!("{}: {w}", e.district.as_deref().unwrap_or(&e.path));
                }
                if !e.missing.is_empty() {
                    eprintln!(
                        "warning: {} is incomplete: it lacks {}",
                        e.path,
                        e.missing.join(", ")
                    );
                }
            }
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

/// A progress bar on a terminal; nothing when standard error is a file or a pipe.
fn progress_bar() -> indicatif::ProgressBar {
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(0);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {per_sec} {msg}")
    {
        bar.set_style(style);
    }
    bar
}
