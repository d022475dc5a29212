//! `vanban serve` as a department tool meets it: the binary started on a
//! free port, spoken to over HTTP, its answers read as PDFs, ZIPs and JSON.
#![cfg(feature = "service")]

mod common;
mod service;

use std::io::Read;

use sha2::Digest;
use std::process::Command;

use service::{Answer, Server, multipart};

fn example_text(name: &str) -> String {
    std::fs::read_to_string(common::example_path(name)).unwrap()
}

/// The PDF's text, as pdftotext gives it, squeezed to single spaces.
fn pdf_text(pdf: &[u8], name: &str) -> String {
    let path = common::scratch_path("serve", &format!("{name}.pdf"));
    std::fs::write(&path, pdf).unwrap();
    common::pdf_text_of(&path)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_yaml_document_comes_back_as_the_same_pdf_the_cli_makes() {
    let server = Server::start(&[]);
    let yaml = example_text("ke-hoach-yen-bai-2024.yaml");
    let answer = server.post("/render", "application/yaml", yaml.as_bytes());
    assert_eq!(answer.status, 200, "{}", answer.text());
    assert_eq!(answer.header("content-type"), Some("application/pdf"));
    assert!(answer.body.starts_with(b"%PDF-"));
    let cli = common::scratch_path("serve", "cli-ke-hoach.pdf");
    let status = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .arg("render")
        .arg(common::example_path("ke-hoach-yen-bai-2024.yaml"))
        .arg("-o")
        .arg(&cli)
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(
        answer.body,
        std::fs::read(&cli).unwrap(),
        "the service and the CLI make the same bytes"
    );
    let text = pdf_text(&answer.body, "ke-hoach");
    assert!(text.contains("KẾ HOẠCH"), "{text}");
    let pages: usize = answer.header("x-vanban-pages").unwrap().parse().unwrap();
    assert!(pages >= 2, "{pages}");
}

#[test]
fn json_png_and_typst_are_made_and_other_formats_refused() {
    let server = Server::start(&[]);
    let yaml = example_text("thong-bao-giao-ban-yen-bai-2024.yaml");
    let json = vanban::Document::from_yaml_str(&yaml).unwrap();
    let json = serde_json::to_string(json.model()).unwrap();
    let pdf = server.post("/render", "application/json", json.as_bytes());
    assert_eq!(pdf.status, 200, "{}", pdf.text());
    assert!(pdf_text(&pdf.body, "thong-bao-json").contains("THÔNG BÁO"));

    let png = server.post(
        "/render?format=png&dpi=50",
        "application/yaml",
        yaml.as_bytes(),
    );
    assert_eq!(png.status, 200, "{}", png.text());
    assert_eq!(png.header("content-type"), Some("image/png"));
    assert!(png.body.starts_with(b"\x89PNG\r\n\x1a\n"));
    // 50 dpi: an A4 page is 210 mm = 413 pixels wide (PNG width at bytes 16..20).
    let width = u32::from_be_bytes(png.body[16..20].try_into().unwrap());
    assert_eq!(width, 413);

    let no_page = server.post("/render?format=png&page=99", "", yaml.as_bytes());
    assert_eq!(no_page.status, 400, "{}", no_page.text());
    assert!(
        no_page.text().contains("page=99 does not exist"),
        "{}",
        no_page.text()
    );

    let typst = server.post("/render?format=typst", "", yaml.as_bytes());
    assert_eq!(typst.status, 200);
    assert_eq!(
        typst.header("x-vanban-pages"),
        None,
        "Typst source has no pages yet"
    );
    assert!(typst.text().contains("THÔNG BÁO"), "{}", typst.text());

    let docx = server.post("/render?format=docx", "application/yaml", yaml.as_bytes());
    assert_eq!(docx.status, 415);
    assert!(docx.json()["hint"].as_str().unwrap().contains("format=png"));
    let image = server.post("/render", "image/png", yaml.as_bytes());
    assert_eq!(image.status, 415);
    let unknown = server.post("/render?colour=red", "application/yaml", yaml.as_bytes());
    assert_eq!(unknown.status, 400);
    assert!(unknown.text().contains("colour"), "{}", unknown.text());
}

#[test]
fn every_page_comes_in_json_with_the_warnings() {
    let server = Server::start(&[]);
    // A zero-width space pasted into the subject: removed, with a warning.
    let yaml = example_text("thong-bao-giao-ban-yen-bai-2024.yaml").replacen(
        "subject: Kết luận",
        "subject: Kết\u{200B} luận",
        1,
    );
    let line = yaml
        .lines()
        .position(|l| l.starts_with("subject:"))
        .unwrap()
        + 1;
    let answer = server.post("/render?format=png&json=true&dpi=20", "", yaml.as_bytes());
    assert_eq!(answer.status, 200, "{}", answer.text());
    let json = answer.json();
    let pages = json["pages"].as_u64().unwrap() as usize;
    assert_eq!(json["data"].as_array().unwrap().len(), pages);
    assert_eq!(json["content_type"], "image/png");
    assert_eq!(
        answer.header("x-vanban-pages"),
        Some(pages.to_string().as_str())
    );
    let warning = &json["diagnostics"][0];
    assert_eq!(warning["severity"], "warning", "{json}");
    assert_eq!(warning["path"], "subject");
    assert_eq!(warning["line"], line);

    // The PDF carries it in its headers, percent-encoded.
    let pdf = server.post("/render", "", yaml.as_bytes());
    assert_eq!(pdf.header("x-vanban-warnings"), Some("1"));
    let header = pdf.header("x-vanban-warning").unwrap();
    let decoded = percent_encoding::percent_decode_str(header)
        .decode_utf8()
        .unwrap();
    assert!(
        decoded.starts_with(&format!("{line}:"))
            && decoded.contains("(subject) removed an invisible character"),
        "{decoded}"
    );
    // Denied, it is an error.
    let denied = server.post("/render?deny-warnings=true", "", yaml.as_bytes());
    assert_eq!(denied.status, 422, "{}", denied.text());
}

#[test]
fn an_invalid_document_is_422_with_the_diagnostics_of_vanban_check() {
    let server = Server::start(&[]);
    let bad = example_text("ke-hoach-yen-bai-2024.yaml").replacen("number: ", "number: -", 1);
    let path = common::scratch_path("serve", "bad-number.yaml");
    std::fs::write(&path, &bad).unwrap();
    let answer = server.post("/render", "application/yaml", bad.as_bytes());
    assert_eq!(answer.status, 422, "{}", answer.text());
    let json = answer.json();
    let cli = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["check", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    let cli: serde_json::Value = serde_json::from_slice(&cli.stdout).unwrap();
    assert_eq!(json["files"][0]["ok"], false);
    assert_eq!(
        json["files"][0]["diagnostics"], cli["files"][0]["diagnostics"],
        "the same diagnostics as `vanban check --format json`"
    );
    let first = &json["files"][0]["diagnostics"][0];
    assert_eq!(first["path"], "number");
    assert!(first["line"].as_u64().unwrap() > 1);
    assert!(first["column"].as_u64().is_some());

    // /check answers 200 either way.
    let checked = server.post("/check", "application/yaml", bad.as_bytes());
    assert_eq!(checked.status, 200);
    assert_eq!(checked.json()["files"][0]["ok"], false);
    let good = example_text("ke-hoach-yen-bai-2024.yaml");
    // As `curl --data-binary @file` sends it, with the form type by default.
    let checked = server.post(
        "/check",
        "application/x-www-form-urlencoded",
        good.as_bytes(),
    );
    assert_eq!(checked.status, 200);
    assert_eq!(checked.json()["files"][0]["ok"], true);
    // Not UTF-8: a diagnostic, not a crash.
    let latin1 = server.post(
        "/render",
        "application/yaml",
        b"kind: ke-hoach\nsubject: K\xe9\n",
    );
    assert_eq!(latin1.status, 422, "{}", latin1.text());
}

/// A report that takes its plan targets from `plan.yaml`.
const REPORT_ON_PLAN: &str = r#"kind: bao-cao
issuer: { parent: UBND tỉnh Yên Bái, name: Sở Lao động - Thương binh và Xã hội, code: SLĐTBXH }
number: 7
place: Yên Bái
date: 2024-06-20
subject: Kết quả 6 tháng đầu năm 2024
period: { kind: 6-thang-dau-nam, year: 2024 }
plan-file: plan.yaml
results:
  indicators:
    - { target: viec-lam, text: đã giải quyết việc làm cho, actual: 10500, previous: 10000 }
signature: { authority: KT. GIÁM ĐỐC, title: Phó Giám đốc, name: Nguyễn Văn A }
recipients: [ UBND tỉnh (b/c) ]
archive: VT, VP
"#;

#[test]
fn a_request_reads_no_file_of_the_service_only_its_own_parts() {
    let server = Server::start(&[]);
    let stealing = REPORT_ON_PLAN.replace("plan-file: plan.yaml", "plan-file: /etc/passwd");
    let answer = server.post("/render", "application/yaml", stealing.as_bytes());
    assert_eq!(answer.status, 422, "{}", answer.text());
    let text = answer.text();
    assert!(text.contains("reads no files"), "{text}");
    assert!(text.contains("multipart part"), "{text}");
    assert!(!text.contains("root:"), "nothing of the file leaks: {text}");

    // The plan travels in the request, beside the document.
    let plan = common::minimal_plan("Kế hoạch năm 2024", "Nhiệm vụ.");
    let (content_type, body) = multipart(&[
        ("document", "bao-cao.yaml", REPORT_ON_PLAN.as_bytes()),
        ("plan", "plan.yaml", plan.as_bytes()),
    ]);
    let answer = server.post("/render", &content_type, &body);
    assert_eq!(answer.status, 200, "{}", answer.text());
    let text = pdf_text(&answer.body, "report-on-plan");
    assert!(
        text.contains("10.500 người (đạt 52,50% kế hoạch năm 2024)"),
        "the figures come from the plan part: {text}"
    );
    // Without it, the diagnostic names the part to send.
    let (content_type, body) =
        multipart(&[("document", "bao-cao.yaml", REPORT_ON_PLAN.as_bytes())]);
    let answer = server.post("/render", &content_type, &body);
    assert_eq!(answer.status, 422);
    assert!(answer.text().contains("`plan.yaml`"), "{}", answer.text());
}

#[test]
fn a_body_over_the_limit_is_413() {
    let server = Server::start(&["--max-body", "1KiB"]);
    let yaml = example_text("ke-hoach-yen-bai-2024.yaml");
    assert!(yaml.len() > 1024);
    let answer = server.post("/render", "application/yaml", yaml.as_bytes());
    assert_eq!(answer.status, 413, "{}", answer.text());
    assert!(
        answer.json()["hint"]
            .as_str()
            .unwrap()
            .contains("--max-body")
    );
    // The service goes on.
    assert_eq!(server.get("/healthz").status, 200);
}

#[test]
fn schema_health_and_metrics() {
    let server = Server::start(&[]);
    let schema = server.get("/schema");
    assert_eq!(schema.status, 200);
    assert_eq!(schema.text(), vanban::json_schema_text());
    assert_eq!(server.get("/healthz").text(), "ok\n");
    let yaml = example_text("thong-bao-giao-ban-yen-bai-2024.yaml");
    for _ in 0..3 {
        assert_eq!(server.post("/render", "", yaml.as_bytes()).status, 200);
    }
    assert_eq!(server.post("/render", "", b"kind: nothing\n").status, 422);
    assert_eq!(server.get("/no/such/page").status, 404);
    let metrics = server.get("/metrics").text();
    // Two GETs and three renders answered 200 before this one.
    assert!(
        metrics.contains("vanban_requests_total{status=\"200\"} 5\n"),
        "{metrics}"
    );
    assert!(
        metrics.contains("vanban_requests_total{status=\"422\"} 1\n"),
        "{metrics}"
    );
    assert!(
        metrics.contains("vanban_requests_total{status=\"404\"} 1\n"),
        "{metrics}"
    );
    assert!(
        metrics.contains("vanban_render_seconds_count 4\n"),
        "{metrics}"
    );
    assert!(metrics.contains("vanban_inflight 0\n"), "{metrics}");
}

/// The entries of a ZIP, by name.
fn unzip(bytes: &[u8]) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes).unwrap();
            (file.name().unwrap().to_string(), bytes)
        })
        .collect()
}

/// The Yên Bái batch with its figures CSV, as a multipart body: its
/// `Content-Type` and bytes.
fn yen_bai_batch() -> (String, Vec<u8>) {
    let dir = common::example_path("batch-yen-bai");
    let batch = std::fs::read(dir.join("batch.yaml")).unwrap();
    let csv = std::fs::read(dir.join("figures.csv")).unwrap();
    multipart(&[
        ("batch", "batch.yaml", &batch),
        ("figures", "figures.csv", &csv),
    ])
}

#[test]
fn a_batch_with_its_csv_comes_back_as_a_zip_of_the_district_pdfs() {
    let server = Server::start(&[]);
    let (content_type, body) = yen_bai_batch();
    let answer = server.post("/batch", &content_type, &body);
    assert_eq!(answer.status, 200, "{}", answer.text());
    assert_eq!(answer.header("content-type"), Some("application/zip"));
    let files = unzip(&answer.body);
    let manifest: vanban::batch::Manifest =
        serde_json::from_slice(&files["manifest.json"]).unwrap();
    assert!(manifest.failed.is_empty(), "{:?}", manifest.failed);
    assert_eq!(manifest.outputs.len(), 10, "nine districts and the summary");
    for entry in &manifest.outputs {
        let pdf = &files[&entry.path];
        assert!(pdf.starts_with(b"%PDF-"), "{}", entry.path);
        let digest: String = sha2::Sha256::digest(pdf)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(digest, entry.sha256, "{}", entry.path);
    }
    let summary = pdf_text(&files["tong-hop.pdf"], "batch-tong-hop");
    assert!(summary.contains("20.000"), "the province target: {summary}");
    assert_eq!(files.len(), 11, "{:?}", files.keys());
}

#[test]
fn a_batch_without_its_csv_is_told_to_send_it() {
    let server = Server::start(&[]);
    let batch = std::fs::read(common::example_path("batch-yen-bai").join("batch.yaml")).unwrap();
    let answer = server.post("/batch", "application/yaml", &batch);
    assert_eq!(answer.status, 422, "{}", answer.text());
    assert!(answer.text().contains("figures.csv"), "{}", answer.text());
    assert!(answer.text().contains("multipart"), "{}", answer.text());
}

#[test]
fn beyond_the_queue_the_answer_is_503_with_retry_after() {
    let server = Server::start(&["--max-inflight", "1", "--max-queue", "0"]);
    let yaml = example_text("ke-hoach-yen-bai-2024.yaml");
    let answers: Vec<Answer> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..8)
            .map(|_| s.spawn(|| server.post("/render", "application/yaml", yaml.as_bytes())))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let ok = answers.iter().filter(|a| a.status == 200).count();
    let busy: Vec<&Answer> = answers.iter().filter(|a| a.status == 503).collect();
    assert_eq!(ok + busy.len(), 8, "only 200 and 503");
    assert!(
        ok >= 1 && !busy.is_empty(),
        "{ok} rendered, {} refused",
        busy.len()
    );
    assert_eq!(busy[0].header("retry-after"), Some("1"));
    assert_eq!(server.get("/healthz").status, 200);
}

#[test]
fn a_request_over_the_time_limit_is_503() {
    let server = Server::start(&["--time-limit", "0.001"]);
    let yaml = example_text("ke-hoach-yen-bai-2024.yaml");
    let answer = server.post("/render", "application/yaml", yaml.as_bytes());
    assert_eq!(answer.status, 503, "{}", answer.text());
    assert!(answer.text().contains("limit"), "{}", answer.text());
}

#[test]
fn sigterm_finishes_the_request_in_flight_and_exits_0() {
    let mut server = Server::start(&[]);
    let (content_type, body) = yen_bai_batch();
    let answer = std::thread::scope(|s| {
        let pending = s.spawn(|| server.post("/batch", &content_type, &body));
        // The signal comes while the batch (ten documents) is rendering.
        while !server
            .get("/metrics")
            .text()
            .contains("vanban_inflight 1\n")
        {
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        server.signal("TERM");
        pending.join().unwrap()
    });
    assert_eq!(answer.status, 200);
    assert_eq!(unzip(&answer.body).len(), 11, "the whole ZIP arrived");
    let status = server.wait();
    assert_eq!(status.code(), Some(0), "{status:?}");
    let log = server.log_text();
    assert!(log.contains("stopping"), "{log}");
    // One structured line per request.
    let line = log
        .lines()
        .find(|l| l.contains("path=/batch"))
        .unwrap_or_else(|| panic!("{log}"));
    for field in ["method=POST", "status=200", "bytes=stream", "ms="] {
        assert!(line.contains(field), "{line}");
    }
}

/// Sends raw bytes on a fresh connection; what came back, or nothing when
/// the service closed the connection.
fn raw(server: &Server, request: &[u8], wait: std::time::Duration) -> String {
    use std::io::Write;
    let address = server.base.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    stream.set_read_timeout(Some(wait)).unwrap();
    stream.write_all(request).unwrap();
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer).into_owned()
}

#[test]
fn a_slow_or_silent_client_is_cut_off_and_a_declared_huge_body_refused_at_once() {
    let server = Server::start(&["--max-body", "1KiB"]);
    let started = std::time::Instant::now();
    let huge = raw(
        &server,
        b"POST /render HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999\r\n\r\nkind:",
        std::time::Duration::from_secs(30),
    );
    assert!(huge.starts_with("HTTP/1.1 413"), "{huge}");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "refused before the body"
    );
    // Headers that never end, and a connection that says nothing: closed
    // after the header deadline (10 s), not held.
    let (partial, silent) = std::thread::scope(|s| {
        let partial = s.spawn(|| {
            raw(
                &server,
                b"POST /render HTTP/1.1\r\nHost: x\r\n",
                std::time::Duration::from_secs(30),
            )
        });
        let silent = s.spawn(|| raw(&server, b"", std::time::Duration::from_secs(30)));
        (partial.join().unwrap(), silent.join().unwrap())
    });
    let waited = started.elapsed();
    assert!(
        !partial.contains("200") && !silent.contains("200"),
        "{partial} {silent}"
    );
    assert!(
        waited < std::time::Duration::from_secs(25),
        "closed after {waited:?}"
    );
    assert_eq!(server.get("/healthz").status, 200);
}

#[test]
fn clients_as_they_are_written_are_understood() {
    let server = Server::start(&[]);
    let yaml = example_text("thong-bao-giao-ban-yen-bai-2024.yaml");
    // Python sends `True`, PHP `1`; formats in capitals; YAML labelled JSON.
    let answer = server.post(
        "/render?format=PDF&pdf-a=1&deny-warnings=False",
        "application/json",
        yaml.as_bytes(),
    );
    assert_eq!(answer.status, 200, "{}", answer.text());
    assert!(
        String::from_utf8_lossy(&answer.body).contains("pdfaid:part"),
        "PDF/A"
    );
    let answer = server.post("/render?json=maybe", "", yaml.as_bytes());
    assert_eq!(answer.status, 400);
    assert!(
        answer.text().contains("`maybe` is not yes or no"),
        "{}",
        answer.text()
    );
    // Not UTF-8 by its own declaration.
    let answer = server.post(
        "/render",
        "text/yaml; charset=windows-1258",
        yaml.as_bytes(),
    );
    assert_eq!(answer.status, 415, "{}", answer.text());
    assert!(answer.text().contains("UTF-8"));
    // A wrong method is answered in JSON like every error.
    let answer = server.get("/render");
    assert_eq!(answer.status, 405);
    assert!(
        answer.json()["hint"]
            .as_str()
            .unwrap()
            .contains("POST /render")
    );
    // A file named with its folder is found by its own name, as browsers send it.
    let report = REPORT_ON_PLAN.replace("plan-file: plan.yaml", "plan-file: plans/plan.yaml");
    let plan = common::minimal_plan("Kế hoạch năm 2024", "Nhiệm vụ.");
    let (content_type, body) = multipart(&[
        ("document", "bao-cao.yaml", report.as_bytes()),
        ("plan", "plan.yaml", plan.as_bytes()),
    ]);
    let answer = server.post("/render", &content_type, &body);
    assert_eq!(answer.status, 200, "{}", answer.text());
}

#[test]
fn the_same_batch_gives_the_same_zip_in_batch_order() {
    let server = Server::start(&[]);
    let (content_type, body) = yen_bai_batch();
    let first = server.post("/batch", &content_type, &body);
    let second = server.post("/batch", &content_type, &body);
    assert_eq!(first.status, 200);
    assert!(first.body == second.body, "two runs, two different ZIPs");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&first.body)).unwrap();
    let names: Vec<String> = (0..archive.len())
        .map(|i| archive.by_index(i).unwrap().name().unwrap().to_string())
        .collect();
    assert_eq!(names[0], "thanh-pho-yen-bai.pdf", "{names:?}");
    assert_eq!(&names[names.len() - 2..], ["tong-hop.pdf", "manifest.json"]);
}
