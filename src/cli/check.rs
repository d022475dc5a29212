//! `vanban check`: every problem of every input, for people or for tools.

use std::path::PathBuf;
use std::process::ExitCode;

use vanban::{CheckReport, CheckedFile};

use crate::input::Input;

/// How `check` prints what it finds.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// rustc-style, on standard error.
    Human,
    /// The JSON report, on standard output.
    Json,
}

pub fn run(inputs: &[PathBuf], format: CheckFormat, deny_warnings: bool) -> ExitCode {
    let mut report = CheckReport::default();
    for path in &documents_in(inputs) {
        let (name, text, checked) = match Input::read(path) {
            Ok(input) => {
                let result = input.document(deny_warnings, None);
                let warnings = result.as_ref().map(|d| d.warnings()).unwrap_or_default();
                let checked = CheckedFile::new(&input.name, &result, warnings);
                (input.name, input.text, checked)
            }
            Err(e) => {
                let name = path.display().to_string();
                let checked = CheckedFile::new(&name, &Err::<(), _>(e), &[]);
                (name, String::new(), checked)
            }
        };
        if format == CheckFormat::Human {
            for d in &checked.diagnostics {
                eprintln!("{}", vanban::render_diagnostic(d, &name, &text));
            }
            if checked.ok {
                println!("{name}: ok");
            }
        }
        report.files.push(checked);
    }
    if format == CheckFormat::Json {
        println!("{}", report.to_json());
    }
    if report.ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The inputs, with a directory standing for the documents in it (`.yaml`,
/// `.yml`, `.json`, sorted; not its subdirectories). A directory with none
/// stays itself, and is refused as one.
fn documents_in(inputs: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for path in inputs {
        let mut found: Vec<PathBuf> = match std::fs::read_dir(path) {
            Ok(entries) => entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.is_file()
                        && p.extension()
                            .is_some_and(|e| e == "yaml" || e == "yml" || e == "json")
                })
                .collect(),
            Err(_) => Vec::new(),
        };
        if found.is_empty() {
            out.push(path.clone());
        } else {
            found.sort();
            out.append(&mut found);
        }
    }
    out
}
