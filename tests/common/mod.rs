//! Shared helpers for the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::OnceLock;

use vanban::inspect::{Layout, TextRun};
use vanban::{Document, Engine};

/// One engine for every test of a binary, as an application would hold it.
pub fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(Engine::new)
}

/// A path under this test binary's scratch directory `group`, created if needed.
pub fn scratch_path(group: &str, name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(group);
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

pub fn example_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
}

pub fn example(name: &str) -> Document {
    Document::from_path(example_path(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

pub fn layout(doc: &Document) -> Layout {
    engine().inspect(doc).expect("the document typesets")
}

/// The line containing `needle`, or a panic listing what page 1 holds.
pub fn line(layout: &Layout, needle: &str) -> TextRun {
    layout.find_line(needle).unwrap_or_else(|| {
        panic!(
            "no line contains {needle:?}; page 1:\n{}",
            layout.page_text(0)
        )
    })
}

pub fn assert_close(actual: f64, expected: f64, tolerance: f64, what: &str) {
    assert!(
        (actual - expected).abs() <= tolerance,
        "{what}: {actual:.2} is not within {tolerance} of {expected:.2}"
    );
}

/// A small valid plan; `extra` is appended at the top level.
pub fn minimal_plan(subject: &str, paragraph: &str) -> String {
    format!(
        r#"kind: ke-hoach
issuer: {{ parent: UBND tỉnh Yên Bái, name: Sở Lao động - Thương binh và Xã hội, code: SLĐTBXH }}
number: 5
place: Yên Bái
date: 2024-01-05
subject: {subject}
goals:
  targets:
    - {{ id: viec-lam, name: Giải quyết việc làm cho, value: 20000, unit: người }}
tasks:
  tre-em:
    - {paragraph}
signature: {{ authority: KT. GIÁM ĐỐC, title: Phó Giám đốc, name: Nguyễn Văn A }}
recipients: [ UBND tỉnh (b/c) ]
archive: VT, TE
"#
    )
}

/// YAML double-quoted scalar for any string.
pub fn yaml_quote(s: &str) -> String {
    serde_json::to_string(s).expect("a string serialises")
}

/// The files of `dir` (relative to the crate) ending in `.ext`, sorted.
pub fn files_with_extension(dir: &str, ext: &str) -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    files.sort();
    files
}

/// The text of a PDF file as a reader's copy-and-paste gets it (pdftotext).
pub fn pdf_text_of(path: &std::path::Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(out.status.success(), "pdftotext {}", path.display());
    String::from_utf8(out.stdout).unwrap()
}
