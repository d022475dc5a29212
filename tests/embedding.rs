//! Software that embeds vanban: a document built in Rust (examples/embed.rs),
//! JSON input that gives the same PDF as YAML, and the CLI in a pipeline.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::{engine, example, example_path, scratch_path};
use vanban::{Document, Format, FsLoader, ReadOptions};

#[path = "../examples/embed.rs"]
#[allow(dead_code)]
mod embed;

fn vanban() -> Command {
    Command::new(env!("CARGO_BIN_EXE_vanban"))
}

#[test]
fn a_document_built_in_rust_renders() {
    let doc = Document::from_model(embed::document()).unwrap();
    let l = engine().inspect(&doc).unwrap();
    let text = l.page_text(0).replace('\n', " ");
    for phrase in [
        "Số: 07/QĐ-LĐTBXH",
        "QUYẾT ĐỊNH",
        "TRƯỞNG PHÒNG LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI HUYỆN VĂN CHẤN",
        "Theo đề nghị của Bộ phận Bảo trợ xã hội.",
        "Điều 1. Thành lập Tổ công tác",
        "- Tổ trưởng: Phó Trưởng phòng.",
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.",
        "- Như Điều 1;",
    ] {
        assert!(text.contains(phrase), "missing {phrase:?} in {text}");
    }
    // A model is validated like YAML: every problem at once, by path.
    let mut bad = embed::document();
    bad.number = Some(0);
    bad.decision.as_mut().unwrap().articles.clear();
    let err = Document::from_model(bad).unwrap_err();
    let paths: Vec<&str> = err
        .diagnostics()
        .unwrap()
        .as_slice()
        .iter()
        .map(|d| d.path.as_str())
        .collect();
    assert!(
        paths.contains(&"number") && paths.contains(&"decision.articles"),
        "{paths:?}"
    );
}

#[test]
fn json_gives_the_same_pdf_as_yaml_for_every_example() {
    let mut names: Vec<String> = std::fs::read_dir(example_path(""))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    names.sort();
    for name in names {
        let yaml = example(&name);
        // Every input type serialises and deserialises (serde), both ways.
        let json = serde_json::to_string(yaml.model()).unwrap();
        let examples = FsLoader::new(example_path(""));
        let back =
            Document::read(&json, Format::Json, &ReadOptions::with_loader(&examples)).unwrap();
        assert_eq!(back.model(), yaml.model(), "{name}");
        assert!(
            engine().render_pdf(&back).unwrap() == engine().render_pdf(&yaml).unwrap(),
            "{name}: JSON and YAML differ"
        );
    }
}

#[test]
fn the_cli_renders_json_files_and_pipes() {
    let name = "to-trinh-tre-em-yen-bai-2024.yaml";
    let yaml_pdf = engine().render_pdf(&example(name)).unwrap();
    let json = serde_json::to_string_pretty(example(name).model()).unwrap();
    let input = scratch_path("embedding", "to-trinh.json");
    std::fs::write(&input, &json).unwrap();
    let out = scratch_path("embedding", "to-trinh-from-json.pdf");
    let run = vanban()
        .arg("render")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(run.status.success(), "{run:?}");
    assert!(std::fs::read(&out).unwrap() == yaml_pdf, "a .json file");

    // JSON on standard input, the PDF on standard output: a pipeline.
    let mut child = vanban()
        .args(["render", "-", "-o", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(json.as_bytes())
        .unwrap();
    let piped = child.wait_with_output().unwrap();
    assert!(piped.status.success(), "{piped:?}");
    assert!(piped.stdout == yaml_pdf, "JSON through stdin and stdout");

    // The Typst source on standard output, for a template author.
    let typst = vanban()
        .arg("render")
        .arg(example_path(name))
        .args(["-o", "-", "--typst"])
        .output()
        .unwrap();
    assert!(typst.status.success());
    assert!(String::from_utf8_lossy(&typst.stdout).contains("#import \"nd30.typ\": *"));

    // Invalid JSON on stdin: diagnostics on stderr, nothing on stdout, exit 1.
    let mut child = vanban()
        .args(["render", "-", "-o", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(json.replace("\"to-trinh\"", "\"to-trinhh\"").as_bytes())
        .unwrap();
    let bad = child.wait_with_output().unwrap();
    assert_eq!(bad.status.code(), Some(1));
    assert!(bad.stdout.is_empty());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("<stdin>:"));
}
