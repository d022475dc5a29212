//! Resident memory while rendering synthetic district reports, to check that
//! memory stays flat over long batches:
//! `cargo run --release --example rss_probe -- 2000`.

#[path = "../benches/support/synthetic.rs"]
mod synthetic;

fn rss_mb() -> f64 {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    s.lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        .unwrap_or(0.0)
        / 1024.0
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1000);
    let batch = synthetic::synthetic(n);
    let districts = batch.districts();
    let docs: Vec<&vanban::Document> = districts
        .iter()
        .filter_map(|d| d.document.as_ref().ok())
        .collect();
    let engine = vanban::Engine::new();
    println!("{n} documents loaded: RSS {:.0} MB", rss_mb());
    let mut done = 0;
    vanban::batch::render_many(
        &engine,
        &docs,
        vanban::PdfOptions::default(),
        |_, result| {
            result.expect("a synthetic report renders");
            done += 1;
            if done % (n / 8).max(1) == 0 {
                println!("{done:5} rendered: RSS {:.0} MB", rss_mb());
            }
        },
    );
}
