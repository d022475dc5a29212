//! The bad-input corpus: every file under `tests/bad/` is a document with
//! one thing (or several) wrong, and names what `vanban` must say about it
//! in `# expect:` lines. Each expectation must appear in one diagnostic,
//! written as `error 6:1 subjcet: unknown key `subjcet` (hint: …)`, that
//! is severity, line:column, YAML path, message and hint. Lines are those of the file,
//! comments included.
//!
//! `VANBAN_CORPUS_DUMP=1 cargo test --release --test bad_corpus -- --nocapture`
//! prints what every file produces.

mod common;

use std::path::PathBuf;

use vanban::{Diagnostic, Document, Severity};

fn corpus() -> Vec<PathBuf> {
    common::files_with_extension("tests/bad", "yaml")
}

fn line_of(d: &Diagnostic) -> String {
    let severity = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let at = match (d.line, d.column) {
        (Some(l), Some(c)) => format!("{l}:{c}"),
        _ => "-".to_string(),
    };
    let hint = d
        .hint
        .as_deref()
        .map(|h| format!(" (hint: {h})"))
        .unwrap_or_default();
    format!("{severity} {at} {}: {}{hint}", d.path, d.message)
}

/// What the library says about a file: every error, or the warnings of a
/// document that is valid.
fn diagnostics(file: &PathBuf) -> (bool, Vec<String>) {
    match Document::from_path(file) {
        Ok(doc) => (true, doc.warnings().iter().map(line_of).collect()),
        Err(e) => match e.diagnostics() {
            Some(d) => (false, d.as_slice().iter().map(line_of).collect()),
            None => (false, vec![format!("error - : {e}")]),
        },
    }
}

#[test]
fn every_bad_input_says_what_it_must() {
    let files = corpus();
    assert!(files.len() >= 40, "only {} corpus files", files.len());
    let dump = std::env::var_os("VANBAN_CORPUS_DUMP").is_some();
    let mut failures = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let expected: Vec<&str> = text
            .lines()
            .filter_map(|l| l.strip_prefix("# expect: "))
            .collect();
        let (valid, said) = diagnostics(file);
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        if dump {
            println!("== {name}\n{}", said.join("\n"));
        }
        if expected.is_empty() {
            failures.push(format!("{name}: no `# expect:` line"));
        }
        for e in &expected {
            if !said.iter().any(|s| s.contains(e)) {
                failures.push(format!(
                    "{name}: expected {e:?}, got:\n  {}",
                    said.join("\n  ")
                ));
            }
        }
        // A file that expects only warnings must still be a valid document;
        // one that expects an error must not be.
        let expects_error = expected.iter().any(|e| e.starts_with("error"));
        if expects_error == valid {
            failures.push(format!(
                "{name}: valid = {valid}, but the expectations say otherwise"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_cli_shows_the_same_problems_with_the_source_line() {
    // One file through the CLI: rustc-style, with the line and a caret.
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/bad/many-problems.yaml");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
        .arg("check")
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    // Four: `subjcet` is unknown, so `subject` is missing too.
    assert_eq!(err.matches("error: ").count(), 4, "{err}");
    assert!(err.contains("many-problems.yaml:8:9 (number)"), "{err}");
    assert!(err.contains("8 | number: năm"), "{err}");
    assert!(err.contains("  |         ^"), "{err}");
}
