//! The pipeline runs one way: no module imports a later stage, and no two
//! modules of a stage import each other. Read from the sources, so that a
//! change that runs back up fails here, with the line that does it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The crate's top-level modules, lowest first: a module may use only the
/// modules of lower layers (and its own submodules).
const LAYERS: &[&[&str]] = &[
    &["nd30", "vi", "suggest", "stack", "png"],
    &["error"],
    &["loader", "model"],
    &["input"],
    &["resolve"],
    &["validate"],
    &["view"],
    &["compose"],
    &["typeset", "inspect"],
    &["document", "diagnostics"],
    &["engine"],
    // Electronic documents, then batches (which may issue them electronically).
    &["electronic"],
    &["batch"],
    // The HTTP service drives all of them.
    &["serve"],
    // The crate root re-exports; the property tests test.
    &["lib", "properties"],
];

fn layer_of(module: &str) -> usize {
    LAYERS
        .iter()
        .position(|l| l.contains(&module))
        .unwrap_or_else(|| panic!("src/{module}: add it to LAYERS in tests/architecture.rs"))
}

/// Every `.rs` file under `dir`.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a file without its comments (doc links name other modules).
fn code(path: &Path) -> Vec<(usize, String)> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .enumerate()
        .map(|(i, l)| {
            let code = match l.find("//") {
                Some(at) => &l[..at],
                None => l,
            };
            (i + 1, code.to_string())
        })
        .collect()
}

/// The first names after `prefix` (`crate::` or `super::`): `crate::model::X`
/// gives `model`, `crate::{a, b::c}` gives `a` and `b`.
fn referenced(line: &str, prefix: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find(prefix) {
        rest = &rest[at + prefix.len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0;
            let mut item = String::new();
            let mut at_start = true;
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        if !item.is_empty() {
                            out.push(std::mem::take(&mut item));
                        }
                        at_start = true;
                    }
                    c if at_start && (c.is_alphanumeric() || c == '_') => item.push(c),
                    _ if at_start && !item.is_empty() => {
                        out.push(std::mem::take(&mut item));
                        at_start = false;
                    }
                    _ => {}
                }
            }
            if !item.is_empty() {
                out.push(item);
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.push(name);
            }
        }
    }
    out
}

fn top_module(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap();
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_string()
}

#[test]
fn no_module_imports_a_later_stage() {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    files.retain(|f| !f.starts_with(src.join("cli")));
    let mut wrong = Vec::new();
    for file in &files {
        let module = top_module(&src, file);
        let layer = layer_of(&module);
        for (n, line) in code(file) {
            for used in referenced(&line, "crate::") {
                if used == module || used.chars().next().is_some_and(char::is_uppercase) {
                    continue; // itself, or an item of the crate root (crate::Document)
                }
                if layer_of(&used) >= layer {
                    wrong.push(format!(
                        "{}:{n}: `{module}` uses `{used}`, which is not below it",
                        file.strip_prefix(&src).unwrap().display()
                    ));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "the pipeline runs back up:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn no_two_modules_of_a_stage_import_each_other() {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    // Sibling files of each directory, and whom each uses through `super::`.
    let mut uses: BTreeMap<PathBuf, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for file in &files {
        let dir = file.parent().unwrap().to_path_buf();
        let name = file.file_stem().unwrap().to_string_lossy().into_owned();
        if name == "mod" || dir == src {
            continue;
        }
        let entry = uses.entry(dir).or_default().entry(name).or_default();
        for (_, line) in code(file) {
            entry.extend(referenced(&line, "super::"));
        }
    }
    let mut mutual = Vec::new();
    for (dir, siblings) in &uses {
        for (a, used) in siblings {
            for b in used {
                if a < b && siblings.get(b).is_some_and(|u| u.contains(a)) {
                    mutual.push(format!(
                        "{}: {a} ⇄ {b}",
                        dir.strip_prefix(&src).unwrap().display()
                    ));
                }
            }
        }
    }
    assert!(
        mutual.is_empty(),
        "modules that import each other:\n{}",
        mutual.join("\n")
    );
}

#[test]
fn the_reader_of_imports_finds_what_it_must() {
    assert_eq!(
        referenced("use crate::model::{Block, Kind};", "crate::"),
        ["model"]
    );
    assert_eq!(
        referenced("use crate::{Document, vi::{self, x}, input};", "crate::"),
        ["Document", "vi", "input"]
    );
    assert_eq!(
        referenced("let x = super::plan::body(doc);", "super::"),
        ["plan"]
    );
}
