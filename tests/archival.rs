//! Archival PDFs: reproducible bytes, PDF/A, metadata, text that reads back,
//! structure qpdf accepts, a PNG preview.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{engine, example, example_path};
use vanban::PdfOptions;

const EXAMPLES: [&str; 8] = [
    "ke-hoach-yen-bai-2024.yaml",
    "ke-hoach-quang-ninh-2024.yaml",
    "cong-van-dien-bien-2022.yaml",
    "bao-cao-tre-em-2022.yaml",
    "bao-cao-6-thang-2017.yaml",
    "quyet-dinh-tre-em-yen-bai-2024.yaml",
    "to-trinh-tre-em-yen-bai-2024.yaml",
    "thong-bao-giao-ban-yen-bai-2024.yaml",
];

fn scratch(name: &str) -> PathBuf {
    common::scratch_path("archival", name)
}

/// Runs a PDF tool that `.ci/run` installs (poppler-utils, qpdf):
/// `program ARGS FILE TRAILING`.
fn tool(program: &str, args: &[&str], file: &Path, trailing: &[&str]) -> (bool, String) {
    let out = Command::new(program)
        .args(args)
        .arg(file)
        .args(trailing)
        .output()
        .unwrap_or_else(|e| {
            panic!("{program} is needed (apt-get install poppler-utils qpdf): {e}")
        });
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    (out.status.success(), text)
}

/// Writes an example's PDF under a name of the calling test's own (`test`):
/// tests run at once and must not read a file another test is writing.
fn write_pdf(test: &str, name: &str, pdf_a: bool) -> PathBuf {
    let bytes = engine()
        .render_pdf_with(&example(name), PdfOptions { pdf_a })
        .unwrap();
    let path = scratch(&format!(
        "{test}-{name}{}.pdf",
        if pdf_a { ".a" } else { "" }
    ));
    vanban::batch::write_atomic(&path, &bytes).unwrap();
    path
}

#[test]
fn the_same_input_gives_the_same_bytes_in_any_thread() {
    let sequential: Vec<Vec<u8>> = EXAMPLES
        .iter()
        .map(|n| engine().render_pdf(&example(n)).unwrap())
        .collect();
    let again: Vec<Vec<u8>> = EXAMPLES
        .iter()
        .map(|n| engine().render_pdf(&example(n)).unwrap())
        .collect();
    assert_eq!(sequential, again, "a second render differs");
    // Two threads rendering at once, in opposite orders, with the shared engine.
    std::thread::scope(|s| {
        let forward = s.spawn(|| {
            EXAMPLES
                .iter()
                .map(|n| engine().render_pdf(&example(n)).unwrap())
                .collect::<Vec<_>>()
        });
        let backward = s.spawn(|| {
            let mut v: Vec<_> = EXAMPLES
                .iter()
                .rev()
                .map(|n| engine().render_pdf(&example(n)).unwrap())
                .collect();
            v.reverse();
            v
        });
        assert_eq!(forward.join().unwrap(), sequential, "thread 1 differs");
        assert_eq!(backward.join().unwrap(), sequential, "thread 2 differs");
    });
    // A fresh engine (another process would have one) gives the same bytes too.
    let fresh = vanban::Engine::new();
    assert_eq!(
        fresh.render_pdf(&example(EXAMPLES[0])).unwrap(),
        sequential[0]
    );
    // Nothing from the clock: the dates in the PDF are the document's date.
    let text = String::from_utf8_lossy(&sequential[0]);
    assert!(
        text.contains("D:20240305"),
        "the creation date is the plan's date"
    );
}

#[test]
fn the_cli_writes_identical_files_twice() {
    let run = |out: &Path| {
        let status = Command::new(env!("CARGO_BIN_EXE_vanban"))
            .arg("render")
            .arg(example_path(EXAMPLES[2]))
            .arg("-o")
            .arg(out)
            .status()
            .unwrap();
        assert!(status.success());
        std::fs::read(out).unwrap()
    };
    assert_eq!(run(&scratch("cli-1.pdf")), run(&scratch("cli-2.pdf")));
}

#[test]
fn qpdf_accepts_every_example_in_both_modes() {
    for name in EXAMPLES {
        for pdf_a in [false, true] {
            let (ok, out) = tool("qpdf", &["--check"], &write_pdf("qpdf", name, pdf_a), &[]);
            assert!(
                ok && out.contains("No syntax or stream encoding errors"),
                "{name} (PDF/A {pdf_a}): {out}"
            );
        }
    }
}

#[test]
fn pdf_a_carries_its_identification_and_the_document_information() {
    let path = write_pdf("info", "bao-cao-6-thang-2017.yaml", true);
    let bytes = std::fs::read(&path).unwrap();
    let raw = String::from_utf8_lossy(&bytes);
    assert!(raw.contains("<pdfaid:part>2</pdfaid:part>"), "PDF/A part 2");
    assert!(
        raw.contains("<pdfaid:conformance>U</pdfaid:conformance>"),
        "conformance U"
    );
    let (ok, info) = tool("pdfinfo", &[], &path, &[]);
    assert!(ok, "{info}");
    for expected in [
        "Title:           Báo cáo: Kết quả thực hiện nhiệm vụ 6 tháng đầu năm",
        "Subject:         Kết quả thực hiện nhiệm vụ 6 tháng đầu năm",
        "Author:          Sở Lao động - Thương binh và Xã hội",
        "Keywords:        Báo cáo, SLĐTBXH, 6 tháng đầu năm 2017",
        "CreationDate:    Tue Jun 20 00:00:00 2017 UTC",
        "Tagged:          yes",
        "Page size:       595.276 x 841.89 pts (A4)",
    ] {
        assert!(info.contains(expected), "missing {expected:?} in:\n{info}");
    }
    // The document language is Vietnamese (the catalog's /Lang).
    let (_, qdf) = tool(
        "qpdf",
        &["--qdf", "--object-streams=disable"],
        &path,
        &["-"],
    );
    assert!(qdf.contains("/Lang (vi)"), "no /Lang (vi) in the catalog");
}

#[test]
fn text_reads_back_in_nfc_and_in_reading_order() {
    use unicode_normalization::UnicodeNormalization;
    for name in EXAMPLES {
        let path = write_pdf("text", name, false);
        let (ok, text) = tool("pdftotext", &["-enc", "UTF-8"], &path, &["-"]);
        assert!(ok, "{name}: {text}");
        let text = text.replace(
            "Syntax Error: Suspects object is wrong type (boolean)\n",
            "",
        );
        let nfc: String = text.nfc().collect();
        assert_eq!(text, nfc, "{name}: the extracted text is not NFC");
        // Every mark survives: the header's words come back whole.
        for word in [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Nơi nhận:",
        ] {
            assert!(text.contains(word), "{name}: {word:?} missing");
        }
        // The header boxes are not interleaved line by line: the issuer's
        // lines stay together, the national name is whole on its line.
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let parent = lines
            .iter()
            .position(|l| l.starts_with("UBND TỈNH"))
            .expect("parent");
        assert!(
            lines[parent + 1].starts_with("SỞ "),
            "{name}: the issuer follows its parent: {:?}",
            &lines[..6]
        );
        // Body order: sections appear in their order, the signature after the
        // body (a plan a decision issues follows the signature with its own).
        let text = match text.find("(Ban hành kèm theo") {
            Some(attached) => text[..attached].to_string(),
            None => text,
        };
        let pos = |needle: &str| text.find(needle);
        let mut last = 0;
        for section in ["I. ", "II. ", "III. "] {
            if let Some(p) = text[last..].find(&format!("\n{section}")).map(|p| p + last) {
                assert!(p >= last, "{name}: {section} out of order");
                last = p;
            }
        }
        let signature = pos("Nơi nhận:").unwrap();
        assert!(
            signature > last,
            "{name}: the signature comes after the body"
        );
    }
}

#[test]
fn page_one_previews_as_png() {
    let png = engine().render_png(&example(EXAMPLES[0]), 96.0).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    // IHDR: width and height of A4 at 96 dpi.
    let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
    assert_eq!((width, height), (794, 1123));
}
