//! `vanban bench N`: throughput of district reports, and a comparison with
//! the typst CLI compiling the same sources one process per document.

use std::path::Path;
use std::process::{Command, ExitCode};
use std::time::Instant;

use rayon::prelude::*;

/// Peak resident memory of this process in MB (Linux `VmHWM`).
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

pub fn run(count: usize, compare: bool) -> ExitCode {
    let batch = crate::synthetic::synthetic(count);
    let districts = batch.districts();
    let docs: Vec<&vanban::Document> = districts
        .iter()
        .filter_map(|d| d.document.as_ref().ok())
        .collect();
    if docs.len() != count {
        eprintln!("error: the synthetic batch has invalid districts");
        return ExitCode::FAILURE;
    }
    let engine = vanban::Engine::new();
    // Warm-up: fonts and the ND30 library, as in any long-lived process.
    let _ = engine.render_pdf(docs[0]);
    let started = Instant::now();
    let mut pages = 0;
    let mut failed = 0;
    vanban::batch::render_many(
        &engine,
        &docs,
        vanban::PdfOptions::default(),
        |_, result| match result {
            Ok((_, p)) => pages += p,
            Err(_) => failed += 1,
        },
    );
    let secs = started.elapsed().as_secs_f64();
    if failed > 0 {
        eprintln!("error: {failed} synthetic reports failed to render");
        return ExitCode::FAILURE;
    }
    let rate = count as f64 / secs;
    println!(
        "vanban: {count} district reports ({pages} pages) in {secs:.2} s: {rate:.0} reports/s on {} threads; peak RSS {:.0} MB",
        rayon::current_num_threads(),
        peak_rss_mb().unwrap_or(f64::NAN)
    );
    if compare {
        match compare_with_typst_cli(&engine, &docs[..docs.len().min(100)]) {
            Ok(cli_rate) => println!(
                "typst CLI (one process per document, {} in parallel): {cli_rate:.1} reports/s; vanban is {:.0}× faster",
                rayon::current_num_threads(),
                rate / cli_rate
            ),
            Err(e) => {
                eprintln!("error: typst CLI comparison: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}

/// Writes the composed sources, the ND30 library and the fonts to a temporary
/// directory and compiles each with `typst compile`, as many at once as vanban uses threads.
fn compare_with_typst_cli(
    engine: &vanban::Engine,
    docs: &[&vanban::Document],
) -> Result<f64, String> {
    let dir = std::env::temp_dir().join(format!("vanban-bench-{}", std::process::id()));
    let fonts = dir.join("fonts");
    std::fs::create_dir_all(&fonts).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("nd30.typ"), vanban::ND30_TYP).map_err(|e| e.to_string())?;
    for (i, font) in vanban::EMBEDDED_FONTS.iter().enumerate() {
        std::fs::write(fonts.join(format!("font{i}.ttf")), font).map_err(|e| e.to_string())?;
    }
    let files: Vec<_> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let path = dir.join(format!("doc{i}.typ"));
            std::fs::write(&path, engine.render_typst(d).map_err(|e| e.to_string())?)
                .map_err(|e| e.to_string())?;
            Ok(path)
        })
        .collect::<Result<_, String>>()?;
    let compile = |path: &Path| -> Result<(), String> {
        let out = Command::new("typst")
            .args(["compile", "--ignore-system-fonts", "--font-path"])
            .arg(&fonts)
            .arg(path)
            .arg(path.with_extension("pdf"))
            .output()
            .map_err(|e| format!("cannot run `typst` (cargo install typst-cli): {e}"))?;
        if out.status.success() {
            Ok(())
        } else {
            Err(String::from_utf8_lossy(&out.stderr).into_owned())
        }
    };
    let started = Instant::now();
    files
        .par_iter()
        .map(|f| compile(f))
        .collect::<Result<Vec<()>, String>>()?;
    let secs = started.elapsed().as_secs_f64();
    let _ = std::fs::remove_dir_all(&dir);
    Ok(docs.len() as f64 / secs)
}
