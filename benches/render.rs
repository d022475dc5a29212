//! Warm, in-process rendering of the Yên Bái plan, stage by stage.
//! `cargo bench --bench render`

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use vanban::{Document, Engine, PdfOptions};

#[path = "support/synthetic.rs"]
mod synthetic;

fn plan() -> Document {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/ke-hoach-yen-bai-2024.yaml"
    );
    Document::from_path(path).expect("the example is valid")
}

fn render(c: &mut Criterion) {
    let engine = Engine::new();
    let doc = plan();
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/ke-hoach-yen-bai-2024.yaml"
    ))
    .unwrap();
    // Warm the caches once, as a long-lived application would be.
    engine.render_pdf(&doc).unwrap();

    let mut g = c.benchmark_group("yen-bai-plan");
    g.bench_function("full: parse + validate + render_pdf", |b| {
        b.iter(|| {
            engine
                .render_pdf(&Document::from_yaml_str(black_box(&text)).unwrap())
                .unwrap()
        })
    });
    g.bench_function("render_pdf", |b| {
        b.iter(|| engine.render_pdf(black_box(&doc)).unwrap())
    });
    // A different document every time (its number changes), so that Typst
    // cannot replay a memoised layout of the whole document: the realistic
    // case of rendering many documents with one warm engine.
    let mut n = 0u32;
    g.bench_function("render_pdf, new content each time", |b| {
        b.iter(|| {
            n = n % 9000 + 1;
            let text = text.replacen("number: 25", &format!("number: {n}"), 1);
            engine
                .render_pdf(&Document::from_yaml_str(&text).unwrap())
                .unwrap()
        })
    });
    g.bench_function("stage: parse + validate", |b| {
        b.iter(|| Document::from_yaml_str(black_box(&text)).unwrap())
    });
    g.bench_function("stage: view + template (Typst source)", |b| {
        b.iter(|| engine.render_typst(black_box(&doc)).unwrap())
    });
    g.bench_function("stage: Typst evaluation + layout", |b| {
        b.iter(|| engine.render_layout(black_box(&doc)).unwrap())
    });
    let laid_out = engine.render_layout(&doc).unwrap();
    g.bench_function("stage: PDF export", |b| {
        b.iter(|| {
            engine
                .export_pdf(&doc, black_box(&laid_out), PdfOptions::default())
                .unwrap()
        })
    });
    g.finish();
}

/// One district report of a batch (the synthetic three-page form), warm.
fn district(c: &mut Criterion) {
    let engine = Engine::new();
    let batch = synthetic::synthetic(64);
    let districts = batch.districts();
    let docs: Vec<&Document> = districts
        .iter()
        .filter_map(|d| d.document.as_ref().ok())
        .collect();
    engine.render_pdf(docs[0]).unwrap();
    let mut g = c.benchmark_group("district-report");
    let mut i = 0;
    g.bench_function("render_pdf, a different district each time", |b| {
        b.iter(|| {
            i = (i + 1) % docs.len();
            engine.render_pdf(black_box(docs[i])).unwrap()
        })
    });
    g.finish();
}

/// Electronic documents: the electronic render, the fields alone, and
/// signing (with a throwaway certificate made by `openssl`, when it is there).
fn electronic(c: &mut Criterion) {
    use vanban::electronic::{self, SigningIdentity, SigningTime};
    let engine = Engine::new();
    let doc = plan();
    let e = engine
        .render_electronic(&doc, PdfOptions::default())
        .unwrap();
    let paper = engine.render_pdf(&doc).unwrap();
    let mut g = c.benchmark_group("electronic");
    g.bench_function("render_electronic (layout, export, fields)", |b| {
        b.iter(|| {
            engine
                .render_electronic(black_box(&doc), PdfOptions::default())
                .unwrap()
        })
    });
    g.bench_function("add_signature_fields", |b| {
        b.iter(|| electronic::add_signature_fields(black_box(&paper), &e.slots).unwrap())
    });
    let dir = std::env::temp_dir().join(format!("vanban-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (key, cert, p12) = (dir.join("k.pem"), dir.join("c.pem"), dir.join("c.p12"));
    let made = std::process::Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-nodes",
            "-days",
            "30",
            "-newkey",
            "rsa:2048",
            "-subj",
            "/CN=bench",
        ])
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .output()
        .is_ok_and(|o| o.status.success())
        && std::process::Command::new("openssl")
            .args(["pkcs12", "-export", "-passout", "pass:bench"])
            .arg("-inkey")
            .arg(&key)
            .arg("-in")
            .arg(&cert)
            .arg("-out")
            .arg(&p12)
            .output()
            .is_ok_and(|o| o.status.success());
    if made {
        let identity =
            SigningIdentity::from_pkcs12(&std::fs::read(&p12).unwrap(), "bench").unwrap();
        let time = SigningTime::now();
        g.bench_function("sign_pdf (RSA 2048, PAdES B-B)", |b| {
            b.iter(|| {
                electronic::sign_pdf(black_box(&e.pdf), electronic::SIGNER_FIELD, &identity, time)
                    .unwrap()
            })
        });
    }
    std::fs::remove_dir_all(&dir).ok();
    g.finish();
}

criterion_group!(benches, render, district, electronic);
criterion_main!(benches);
