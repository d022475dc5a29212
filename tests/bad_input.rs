//! Bad input: a clear message naming the YAML path and line, a non-zero
//! exit code, and no PDF file.

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::minimal_plan;
use vanban::Document;

fn vanban() -> Command {
    Command::new(env!("CARGO_BIN_EXE_vanban"))
}

fn scratch(name: &str) -> PathBuf {
    common::scratch_path("bad_input", name)
}

/// Renders `yaml` with the CLI; asserts failure, no output file, and returns stderr.
fn render_fails(name: &str, yaml: &str) -> String {
    let input = scratch(&format!("{name}.yaml"));
    let output = scratch(&format!("{name}.pdf"));
    std::fs::write(&input, yaml).unwrap();
    let _ = std::fs::remove_file(&output);
    let run = vanban()
        .arg("render")
        .arg(&input)
        .arg("-o")
        .arg(&output)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
    assert!(!run.status.success(), "{name}: rendering succeeded");
    assert_eq!(
        run.status.code(),
        Some(1),
        "{name}: exit code; stderr:\n{stderr}"
    );
    assert!(!output.exists(), "{name}: a PDF was written");
    let dir = output.parent().unwrap();
    for entry in std::fs::read_dir(dir).unwrap() {
        let file = entry.unwrap().file_name().to_string_lossy().into_owned();
        // Only this run's temporary name: other tests write beside it at the same time.
        assert!(
            !(file.starts_with(&format!(".{name}.pdf.")) && file.ends_with(".tmp")),
            "{name}: a temporary file was left: {file}"
        );
    }
    stderr
}

fn plan() -> String {
    minimal_plan(
        "Triển khai công tác trẻ em năm 2024",
        "Tổ chức Tháng hành động vì trẻ em.",
    )
}

#[test]
fn the_minimal_plan_renders() {
    let output = scratch("ok.pdf");
    let input = scratch("ok.yaml");
    std::fs::write(&input, plan()).unwrap();
    let run = vanban()
        .arg("render")
        .arg(&input)
        .arg("-o")
        .arg(&output)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(std::fs::read(&output).unwrap().starts_with(b"%PDF"));
}

#[test]
fn yaml_syntax_error() {
    let yaml = plan().replace("place: Yên Bái", "place: Yên Bái: Việt Nam");
    let err = render_fails("syntax", &yaml);
    assert!(
        err.contains("error: the text `Yên Bái: Việt Nam` holds `: `, which YAML reads as a key and its value"),
        "{err}"
    );
    assert!(
        err.contains(r#"hint: quote the whole text: place: "Yên Bái: Việt Nam""#),
        "{err}"
    );
    assert!(
        err.contains("syntax.yaml:4:"),
        "names the file and line: {err}"
    );
}

/// A file that does not parse is still checked as far as it parses: the
/// later stages' problems come with the text's, but not those about what
/// had to be left out (a reference to the mistyped target).
#[test]
fn problems_of_every_stage_come_in_one_run() {
    let err = Document::from_path("tests/bad/phases-wrong-type-and-dates.yaml").unwrap_err();
    let said: Vec<String> = err
        .diagnostics()
        .unwrap()
        .as_slice()
        .iter()
        .map(|d| format!("{} {}", d.path, d.message))
        .collect();
    assert_eq!(
        said,
        [
            "goals.targets[0].value wrong type: expected a number, found the text `hai mươi nghìn`",
            "implementation.reporting[0].deadline the deadline 2024-01-10 is before the date of the plan (2024-03-05)",
        ],
        "{said:#?}"
    );

    // JSON too: an unknown key, and a split that misses its total.
    let json = r#"{"kind": "ke-hoach", "dated": "2024-03-05",
      "issuer": {"parent": "UBND tỉnh Yên Bái", "name": "Sở Lao động - Thương binh và Xã hội", "code": "SLĐTBXH"},
      "number": 5, "place": "Yên Bái", "date": "2024-03-05", "subject": "Triển khai công tác trẻ em",
      "goals": {"targets": [{"id": "viec-lam", "name": "Giải quyết việc làm cho", "value": 20000, "unit": "người",
        "split": [{"name": "nam", "value": 9000}, {"name": "nữ", "value": 10000}]}]},
      "tasks": {"tre-em": ["Tổ chức Tháng hành động vì trẻ em."]},
      "signature": {"authority": "KT. GIÁM ĐỐC", "title": "Phó Giám đốc", "name": "Nguyễn Văn A"},
      "recipients": ["UBND tỉnh (b/c)"], "archive": "VT, TE"}"#;
    let err = Document::from_json_str(json).unwrap_err();
    let paths: Vec<&str> = err
        .diagnostics()
        .unwrap()
        .as_slice()
        .iter()
        .map(|d| d.path.as_str())
        .collect();
    assert_eq!(paths, ["dated", "goals.targets[0].split"], "{err}");
}

#[test]
fn wrong_type() {
    let yaml = plan().replace("value: 20000", "value: hai mươi nghìn");
    let err = render_fails("wrong-type", &yaml);
    assert!(
        err.contains("error: wrong type: expected a number, found the text `hai mươi nghìn`"),
        "{err}"
    );
    assert!(
        err.contains("goals.targets[0].value"),
        "names the path: {err}"
    );
    assert!(err.contains("wrong-type.yaml:9:"), "names the line: {err}");
}

#[test]
fn unknown_key_suggests_the_closest() {
    let yaml = plan().replace("subject:", "subjcet:");
    let err = render_fails("unknown-key", &yaml);
    assert!(err.contains("unknown key `subjcet`"), "{err}");
    assert!(err.contains("did you mean `subject`?"), "{err}");
    assert!(err.contains("unknown-key.yaml:6:"), "names the line: {err}");
    // rustc-style source line and caret.
    assert!(err.contains("6 | subjcet:"), "{err}");
    assert!(err.contains("  | ^"), "{err}");
}

#[test]
fn missing_required_field() {
    let yaml = plan().replace("archive: VT, TE\n", "");
    let err = render_fails("missing", &yaml);
    assert!(
        err.contains("the required key `archive` is missing"),
        "{err}"
    );
}

#[test]
fn impossible_date() {
    let yaml = plan().replace("date: 2024-01-05", "date: 2024-02-30");
    let err = render_fails("date", &yaml);
    assert!(
        err.contains("`2024-02-30` is not a date: month 2 of 2024 has 29 days"),
        "{err}"
    );
    assert!(err.contains("(date)"), "names the path: {err}");
    assert!(err.contains("date.yaml:5:"), "names the line: {err}");
}

#[test]
fn breakdown_that_does_not_add_up() {
    let yaml = plan().replace(
        "    - { id: viec-lam, name: Giải quyết việc làm cho, value: 20000, unit: người }",
        "    - id: nha-o\n      name: Hỗ trợ làm nhà\n      value: 1883\n      unit: nhà\n      split:\n        - { name: làm mới, value: 1292 }\n        - { name: sửa chữa, value: 590 }",
    );
    let err = render_fails("sum", &yaml);
    assert!(
        err.contains(
            "the split parts of `Hỗ trợ làm nhà` do not add up: 1.292 + 590 = 1.882, not 1.883"
        ),
        "{err}"
    );
    assert!(
        err.contains("goals.targets[0].split"),
        "names the path: {err}"
    );
    assert!(err.contains("sum.yaml:14:"), "names the line: {err}");
}

#[test]
fn breakdowns_are_checked_at_every_level() {
    let nested = |inner: u32, complete: &str| {
        plan().replace(
            "    - { id: viec-lam, name: Giải quyết việc làm cho, value: 20000, unit: người }",
            &format!(
                "    - name: Hỗ trợ làm nhà\n      value: 1883\n      unit: nhà\n      {complete}\n      of-which:\n        - name: người có công\n          value: 459\n          split: [ {{ name: làm mới, value: 246 }}, {{ name: sửa chữa, value: {inner} }} ]\n        - {{ name: hộ nghèo, value: 1424 }}"
            ),
        )
    };
    assert!(Document::from_yaml_str(&nested(213, "complete: true")).is_ok());
    let err = Document::from_yaml_str(&nested(212, "complete: true"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("goals.targets[0].of-which[0].split"), "{err}");
    assert!(err.contains("246 + 212 = 458, not 459"), "{err}");
    // An incomplete of-which may be less than the total, never more.
    let less = plan().replace(
        "value: 20000, unit: người }",
        "value: 20000, unit: người, of-which: [ { name: nông thôn, value: 4000 } ] }",
    );
    assert!(Document::from_yaml_str(&less).is_ok());
    let more = plan().replace(
        "value: 20000, unit: người }",
        "value: 20000, unit: người, of-which: [ { name: nông thôn, value: 24000 } ] }",
    );
    let err = Document::from_yaml_str(&more).unwrap_err().to_string();
    assert!(
        err.contains("exceed the total: 24.000 = 24.000, more than 20.000"),
        "{err}"
    );
    // A complete of-which that falls short is an error too.
    let short = plan().replace(
        "value: 20000, unit: người }",
        "value: 20000, unit: người, complete: true, of-which: [ { name: nam, value: 9000 }, { name: nữ, value: 10000 } ] }",
    );
    let err = Document::from_yaml_str(&short).unwrap_err().to_string();
    assert!(err.contains("9.000 + 10.000 = 19.000, not 20.000"), "{err}");
}

#[test]
fn several_problems_are_reported_together() {
    let yaml = plan()
        .replace("number: 5", "number: 1200000")
        .replace("authority: KT. GIÁM ĐỐC", "authority: THAY MẶT GIÁM ĐỐC");
    let err = Document::from_yaml_str(&yaml).unwrap_err();
    let diags = err.diagnostics().expect("diagnostics");
    assert_eq!(diags.as_slice().len(), 2, "{err}");
    assert_eq!(diags.as_slice()[0].path, "number");
    assert_eq!(diags.as_slice()[0].line, Some(3));
    assert_eq!(diags.as_slice()[1].path, "signature.authority");
}

#[test]
fn stdin_to_stdout() {
    use std::io::Write;
    let mut child = vanban()
        .args(["render", "-", "-o", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(plan().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert!(out.stdout.starts_with(b"%PDF"));
}

fn corpus(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/bad")
        .join(name)
}

#[test]
fn check_speaks_json_for_tools() {
    let good = common::example_path("ke-hoach-yen-bai-2024.yaml");
    let out = vanban()
        .args(["check", "--format", "json"])
        .arg(corpus("many-problems.yaml"))
        .arg(&good)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "one file has errors");
    assert!(out.stderr.is_empty(), "JSON mode writes only JSON");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let files = json["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    assert_eq!(files[0]["ok"], false);
    let diags = files[0]["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 4, "{diags:#?}");
    let number = diags.iter().find(|d| d["path"] == "number").unwrap();
    assert_eq!(number["severity"], "error");
    assert_eq!(number["line"], 8);
    assert_eq!(number["column"], 9);
    assert_eq!(
        number["message"],
        "wrong type: expected a whole number, found the text `năm`"
    );
    assert!(number["hint"].as_str().unwrap().contains("20000"));
    assert_eq!(files[1]["ok"], true);
    assert!(
        files[1]["file"]
            .as_str()
            .unwrap()
            .ends_with("ke-hoach-yen-bai-2024.yaml")
    );
}

#[test]
fn warnings_let_rendering_go_on_unless_denied() {
    // Valid, with one warning: a deputy signs without KT.
    let input = corpus("deputy-without-kt.yaml");
    let check = vanban().arg("check").arg(&input).output().unwrap();
    assert!(check.status.success());
    let err = String::from_utf8_lossy(&check.stderr);
    assert!(
        err.contains("warning: a Phó Giám đốc signs without `KT.`"),
        "{err}"
    );
    let denied = vanban()
        .args(["check", "--deny-warnings"])
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(denied.status.code(), Some(1));

    let output = scratch("warned.pdf");
    let _ = std::fs::remove_file(&output);
    let render = |deny: bool| {
        let mut cmd = vanban();
        cmd.arg("render").arg(&input).arg("-o").arg(&output);
        if deny {
            cmd.arg("--deny-warnings");
        }
        cmd.output().unwrap()
    };
    let run = render(true);
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stderr).contains("--deny-warnings"));
    assert!(
        !output.exists(),
        "a PDF was written despite --deny-warnings"
    );
    let run = render(false);
    assert!(run.status.success());
    assert!(String::from_utf8_lossy(&run.stderr).contains("warning: "));
    assert!(std::fs::read(&output).unwrap().starts_with(b"%PDF"));
}

#[test]
fn json_input_reports_every_problem_with_its_line() {
    let json = r#"{
  "kind": "ke-hoach",
  "issuer": { "parent": "UBND tỉnh Yên Bái", "name": "Sở LĐTBXH", "code": "SLĐTBXH" },
  "number": "năm",
  "place": "Yên Bái",
  "date": "2024-03-05",
  "subjcet": "Triển khai",
  "signature": { "authority": "KT. GIÁM ĐỐC", "title": "Phó Giám đốc", "name": "Nguyễn Văn A" },
  "archive": "VT"
}"#;
    let err = Document::from_json_str(json).unwrap_err();
    let diags = err.diagnostics().unwrap().as_slice();
    let at = |path: &str| {
        diags
            .iter()
            .find(|d| d.path == path)
            .unwrap_or_else(|| panic!("no diagnostic at {path}: {err}"))
    };
    assert_eq!(at("number").line, Some(4));
    assert!(at("number").message.contains("expected a whole number"));
    assert_eq!(at("subjcet").line, Some(7));
    assert_eq!(at("subjcet").message, "unknown key `subjcet`");
}

#[test]
fn a_structural_error_never_hides_the_others() {
    // Errors at the start, the middle and the end of one file.
    let yaml = plan()
        .replace("number: 5", "number: -1")
        .replace(
            "name: Giải quyết việc làm cho,",
            "name: Giải quyết việc làm cho, valu: 3,",
        )
        .replace("archive: VT, TE", "archive: [VT, TE]");
    let err = Document::from_yaml_str(&yaml).unwrap_err();
    let paths: Vec<&str> = err
        .diagnostics()
        .unwrap()
        .as_slice()
        .iter()
        .map(|d| d.path.as_str())
        .collect();
    assert_eq!(
        paths,
        ["number", "goals.targets[0].valu", "archive"],
        "{err}"
    );
}

#[test]
fn escaped_invisible_characters_in_json_are_reported_and_never_printed() {
    let yaml = plan();
    let value: serde_yaml::Value = serde_yaml::from_str(&yaml).unwrap();
    let json = serde_json::to_string_pretty(&value)
        .unwrap()
        .replace("Tổ chức Tháng", "Tổ chức\\u200b Tháng");
    let doc = Document::from_json_str(&json).unwrap();
    let w = &doc.warnings()[0];
    assert_eq!(w.path, "tasks.tre-em[0]");
    assert!(w.message.contains("U+200B ZERO WIDTH SPACE"), "{w}");
    assert!(w.line.is_some(), "located in the JSON text: {w}");
    let typst = common::engine().render_typst(&doc).unwrap();
    assert!(typst.contains("Tổ chức Tháng") && !typst.contains('\u{200B}'));
}

#[test]
fn a_model_built_in_rust_gets_the_same_hygiene_warnings() {
    let mut model = Document::from_yaml_str(&plan()).unwrap().model().clone();
    model.subject = "Triển khai\u{200B} công tác trẻ em".into();
    let doc = Document::from_model(model).unwrap();
    let w = &doc.warnings()[0];
    assert_eq!(w.path, "subject");
    assert!(w.message.contains("U+200B"), "{w}");
    let typst = common::engine().render_typst(&doc).unwrap();
    assert!(typst.contains("Triển khai công tác trẻ em"));
}
