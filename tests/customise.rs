//! An office's own templates and fonts: exported templates give the same
//! bytes, a template directory replaces built-in files (nd30.typ too),
//! template errors say where, and a font family is never silently replaced.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{engine, example, example_path, scratch_path};
use vanban::{Document, Engine, Error};

fn vanban() -> Command {
    Command::new(env!("CARGO_BIN_EXE_vanban"))
}

/// A fresh, empty scratch directory.
fn fresh_dir(name: &str) -> PathBuf {
    let dir = scratch_path("customise", name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Every example document (`examples/*.yaml`), by file name.
fn every_example() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(example_path(""))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    names.sort();
    assert!(names.len() >= 8, "{names:?}");
    names
}

fn with_templates(dir: &Path) -> Engine {
    Engine::builder().templates(dir).build().unwrap()
}

#[test]
fn exported_templates_render_every_example_byte_for_byte() {
    let dir = fresh_dir("exported");
    let written = vanban::export_templates(&dir).unwrap();
    let names: Vec<String> = written
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for (name, _) in vanban::BUILTIN_TEMPLATES {
        assert!(names.iter().any(|n| n == name), "{name} not exported");
    }
    assert!(names.iter().any(|n| n == "nd30.typ"));
    let custom = with_templates(&dir);
    for name in every_example() {
        let doc = example(&name);
        let builtin = engine().render_pdf(&doc).unwrap();
        let exported = custom.render_pdf(&doc).unwrap();
        assert!(builtin == exported, "{name}: the exported templates differ");
    }
}

#[test]
fn the_cli_exports_and_renders_through_a_template_directory() {
    let dir = fresh_dir("cli-export");
    let tpl = dir.join("templates");
    let run = vanban()
        .args(["templates", "export"])
        .arg(&tpl)
        .output()
        .unwrap();
    assert!(run.status.success(), "{run:?}");
    assert!(tpl.join("nd30.typ").is_file() && tpl.join("quyet-dinh.typ.j2").is_file());
    let input = example_path("quyet-dinh-tre-em-yen-bai-2024.yaml");
    let render = |extra: &[&str], out: &Path| {
        let run = vanban()
            .arg("render")
            .arg(&input)
            .arg("-o")
            .arg(out)
            .args(extra)
            .output()
            .unwrap();
        assert!(run.status.success(), "{run:?}");
        std::fs::read(out).unwrap()
    };
    let a = render(&[], &dir.join("builtin.pdf"));
    let b = render(
        &["--templates", tpl.to_str().unwrap()],
        &dir.join("exported.pdf"),
    );
    assert!(a == b, "the exported templates differ");
}

#[test]
fn a_template_directory_replaces_templates_and_nd30_by_name() {
    let dir = fresh_dir("replace");
    // Only nd30.typ: the motto's rule becomes three times as thick.
    let nd30 = vanban::ND30_TYP.replace("#let rule-stroke = 0.5pt", "#let rule-stroke = 1.5pt");
    std::fs::write(dir.join("nd30.typ"), nd30).unwrap();
    let doc = example("thong-bao-giao-ban-yen-bai-2024.yaml");
    let custom = with_templates(&dir);
    let a = engine().render_pdf(&doc).unwrap();
    let b = custom.render_pdf(&doc).unwrap();
    assert!(a != b, "nd30.typ from the directory is used");
    // The composed source is unchanged: only the library differs.
    assert_eq!(
        engine().render_typst(&doc).unwrap(),
        custom.render_typst(&doc).unwrap()
    );
}

#[test]
fn a_customised_report_adds_a_second_office_signature() {
    let dir = example_path("templates-joint");
    let custom = with_templates(&dir);
    let doc = example("bao-cao-tre-em-2022.yaml");
    let l = custom.inspect(&doc).unwrap();
    let second = common::line(&l, "HỘI LIÊN HIỆP PHỤ NỮ TỈNH");
    assert!(second.bold);
    let name = common::line(&l, "Nguyễn Thị Bình");
    let sign = &doc.model().signature;
    let own = common::line(&l, sign.name.trim());
    assert!((own.y - name.y).abs() < 0.3, "both names on one line");
    assert!(name.right() < own.x, "the second office signs on the left");
    assert!(common::line(&l, "Nơi nhận:").y > name.y, "recipients below");
    // The other kinds keep the built-in templates.
    let plan = example("ke-hoach-yen-bai-2024.yaml");
    assert!(custom.render_pdf(&plan).unwrap() == engine().render_pdf(&plan).unwrap());
}

#[test]
fn a_template_error_names_the_file_line_column_and_view_path() {
    let dir = fresh_dir("broken");
    vanban::export_templates(&dir).unwrap();
    let file = dir.join("_blocks.typ.j2");
    let source = std::fs::read_to_string(&file).unwrap();
    let broken = source.replacen("[{{ b.text }}])", "[{{ b.txet }}])", 1);
    assert_ne!(source, broken);
    std::fs::write(&file, &broken).unwrap();
    let (line_no, column) = broken
        .lines()
        .enumerate()
        .find_map(|(i, l)| l.find("b.txet").map(|c| (i + 1, c + 1)))
        .unwrap();
    let custom = with_templates(&dir);
    let err = custom
        .render_pdf(&example("thong-bao-giao-ban-yen-bai-2024.yaml"))
        .unwrap_err();
    assert!(matches!(err, Error::Template(_)), "{err}");
    let msg = err.to_string();
    let at = format!("{}:{line_no}:{column}", file.display());
    assert!(msg.contains(&at), "{msg} does not contain {at}");
    assert!(msg.contains("`b.txet`"), "{msg}");
    // The first paragraph of the body is the notice's opening.
    assert!(msg.contains("`body[0]`"), "{msg}");

    // In an appendix, the path says so; the CLI prints the same message.
    let run = vanban()
        .arg("render")
        .arg(example_path("ke-hoach-quang-ninh-2024.yaml"))
        .args(["-o", "-", "--templates"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(!run.status.success());
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains(&at), "{stderr}");
    assert!(
        stderr.contains("while rendering the view's `body["),
        "{stderr}"
    );

    // Outside the body, the expression alone says where.
    std::fs::write(&file, &source).unwrap();
    let base = dir.join("base.typ.j2");
    let original = std::fs::read_to_string(&base).unwrap();
    std::fs::write(
        &base,
        original.replace("{{ signature.name }}", "{{ signature.nam }}"),
    )
    .unwrap();
    let err = with_templates(&dir)
        .render_pdf(&example("thong-bao-giao-ban-yen-bai-2024.yaml"))
        .unwrap_err()
        .to_string();
    assert!(err.contains(&format!("{}:", base.display())), "{err}");
    assert!(
        err.contains("`signature.nam`") && !err.contains("while rendering"),
        "{err}"
    );
    std::fs::write(&base, original).unwrap();

    // A syntax error is found when the directory is loaded.
    std::fs::write(&file, source.replacen("{% endif %}", "{% endiff %}", 1)).unwrap();
    let err = Engine::builder().templates(&dir).build().err().unwrap();
    assert!(
        err.to_string().contains(&format!("{}:", file.display())),
        "{err}"
    );
}

#[test]
fn a_font_family_that_is_missing_is_an_error_never_a_fallback() {
    // Asked for by the document.
    let text = std::fs::read_to_string(example_path("thong-bao-giao-ban-yen-bai-2024.yaml"))
        .unwrap()
        + "layout: { font: Times New Roman }\n";
    let doc = Document::from_yaml_str(&text).unwrap();
    let err = engine().render_pdf(&doc).unwrap_err();
    assert!(matches!(err, Error::Font(_)), "{err}");
    let msg = err.to_string();
    assert!(
        msg.contains("`Times New Roman` is not available") && msg.contains("Liberation Serif"),
        "{msg}"
    );
    // Asked for by the engine (the CLI's --font).
    let err = Engine::builder()
        .font("Times New Roman")
        .build()
        .err()
        .unwrap();
    assert!(matches!(err, Error::Font(_)), "{err}");
    let run = vanban()
        .arg("render")
        .arg(example_path("thong-bao-giao-ban-yen-bai-2024.yaml"))
        .args(["-o", "-", "--font", "Times New Roman"])
        .output()
        .unwrap();
    assert!(!run.status.success() && run.stdout.is_empty());
    assert!(String::from_utf8_lossy(&run.stderr).contains("Times New Roman"));
    // Asked for by a template's own Typst: Typst's fallback becomes an error.
    let dir = fresh_dir("font-in-nd30");
    let nd30 = vanban::ND30_TYP.replace(
        "#let nd30-font = nd30-values.font",
        "#let nd30-font = \"Times New Roman\"",
    );
    std::fs::write(dir.join("nd30.typ"), nd30).unwrap();
    let err = with_templates(&dir)
        .render_pdf(&example("thong-bao-giao-ban-yen-bai-2024.yaml"))
        .unwrap_err();
    assert!(matches!(err, Error::Font(_)), "{err}");
    assert!(err.to_string().contains("times new roman"), "{err}");
}

#[test]
fn fonts_added_from_a_directory_set_the_family() {
    let dejavu = Path::new("/usr/share/fonts/truetype/dejavu");
    if !dejavu.join("DejaVuSerif.ttf").is_file() {
        eprintln!("skipped: no DejaVu Serif under {}", dejavu.display());
        return;
    }
    let custom = Engine::builder()
        .font_dir(dejavu)
        .font("DejaVu Serif")
        .build()
        .unwrap();
    assert!(custom.font_families().iter().any(|f| f == "DejaVu Serif"));
    let l = custom
        .inspect(&example("to-trinh-tre-em-yen-bai-2024.yaml"))
        .unwrap();
    assert!(l.pages.len() >= 2);
    for run in &l.texts {
        assert_eq!(run.family, "DejaVu Serif", "{:?}", run.text);
    }
    // The document's own `layout.font` works the same with the fonts added.
    let text = std::fs::read_to_string(example_path("thong-bao-giao-ban-yen-bai-2024.yaml"))
        .unwrap()
        + "layout: { font: DejaVu Serif }\n";
    let fonts_only = Engine::builder().font_dir(dejavu).build().unwrap();
    let l = fonts_only
        .inspect(&Document::from_yaml_str(&text).unwrap())
        .unwrap();
    assert!(l.texts.iter().all(|r| r.family == "DejaVu Serif"));
    // Without a family asked for, added fonts change nothing.
    let doc = example("thong-bao-giao-ban-yen-bai-2024.yaml");
    assert!(fonts_only.render_pdf(&doc).unwrap() == engine().render_pdf(&doc).unwrap());
}

#[test]
fn a_batch_renders_through_a_template_directory_and_refuses_a_missing_font() {
    let dir = fresh_dir("batch");
    let tpl = dir.join("templates");
    vanban::export_templates(&tpl).unwrap();
    let input = example_path("batch-yen-bai").join("batch.yaml");
    let run = |out: &Path, extra: &[&str]| {
        vanban()
            .arg("batch")
            .arg(&input)
            .arg("-o")
            .arg(out)
            .args(extra)
            .output()
            .unwrap()
    };
    let pdfs = |out: &Path| {
        let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(out)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
            .map(|p| {
                (
                    p.file_name().unwrap().to_string_lossy().into_owned(),
                    std::fs::read(&p).unwrap(),
                )
            })
            .collect();
        files.sort();
        files
    };
    let plain = dir.join("plain");
    let custom = dir.join("custom");
    assert!(run(&plain, &[]).status.success());
    let with = run(&custom, &["--templates", tpl.to_str().unwrap()]);
    assert!(with.status.success(), "{with:?}");
    let (a, b) = (pdfs(&plain), pdfs(&custom));
    assert!(a.len() >= 10, "{} PDFs", a.len());
    assert!(a == b, "the exported templates change a batch");
    // A missing family stops the batch before any district is rendered.
    let none = dir.join("none");
    let refused = run(&none, &["--font", "Times New Roman"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("Times New Roman"));
    assert!(!none.exists() || pdfs(&none).is_empty());
}

/// A template file that nothing uses (a misspelt name) is a warning of the
/// engine, not ignored in silence; a partial that a template includes is used.
#[test]
fn a_template_file_that_nothing_uses_is_a_warning() {
    let dir = fresh_dir("unused");
    let source = vanban::BUILTIN_TEMPLATES
        .iter()
        .find(|(n, _)| *n == "ke-hoach.typ.j2")
        .map(|(_, s)| *s)
        .unwrap();
    std::fs::write(dir.join("ke-hoch.typ.j2"), source).unwrap();
    std::fs::write(dir.join("_office.typ.j2"), "// the office's own partial\n").unwrap();
    std::fs::write(
        dir.join("bao-cao.typ.j2"),
        vanban::BUILTIN_TEMPLATES
            .iter()
            .find(|(n, _)| *n == "bao-cao.typ.j2")
            .map(|(_, s)| format!("{{% include \"_office.typ.j2\" %}}\n{s}"))
            .unwrap(),
    )
    .unwrap();
    let engine = with_templates(&dir);
    assert_eq!(engine.warnings().len(), 1, "{:?}", engine.warnings());
    let warning = &engine.warnings()[0];
    assert!(
        warning.ends_with(
            "ke-hoch.typ.j2: replaces no built-in template, and no template includes it: it is not used (did you mean `ke-hoach.typ.j2`?)"
        ),
        "{warning}"
    );
    assert!(Engine::new().warnings().is_empty());
}
