//! Resident memory while rendering synthetic district reports one after another:
//! `cargo run --release --example rss_probe -- 2000`.

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
    let batch = vanban::batch::synthetic(n);
    let districts = batch.districts();
    let engine = vanban::Engine::new();
    let layout_only = std::env::var_os("LAYOUT_ONLY").is_some();
    let work = || {
        for (i, d) in districts.iter().enumerate() {
            let doc = d.document.as_ref().expect("valid");
            if layout_only {
                engine.render_layout(doc).unwrap();
            } else {
                engine.render_pdf(doc).unwrap();
            }
            if (i + 1) % (n / 8).max(1) == 0 {
                println!("{:5} documents: RSS {:.0} MB", i + 1, rss_mb());
            }
        }
    };
    if std::env::var_os("IN_PAR").is_some() {
        use rayon::prelude::*;
        vanban::batch::thread_pool().install(|| {
            let lock = std::sync::Mutex::new(());
            districts.par_iter().for_each(|d| {
                let doc = d.document.as_ref().expect("valid");
                if std::env::var_os("LOCK_EXPORT").is_some() {
                    let layout = engine.render_layout(doc).unwrap();
                    let _g = lock.lock().unwrap();
                    vanban::typeset::export_pdf(&layout, &vanban::typeset::PdfExport::default())
                        .unwrap();
                } else if std::env::var_os("LOCK_ALL").is_some() {
                    let _g = lock.lock().unwrap();
                    engine.render_pdf(doc).unwrap();
                } else {
                    engine.render_pdf(doc).unwrap();
                }
            })
        });
        println!("par: RSS {:.0} MB", rss_mb());
        let hwm = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        println!(
            "{}",
            hwm.lines().find(|l| l.starts_with("VmHWM")).unwrap_or("")
        );
    } else if std::env::var_os("IN_POOL").is_some() {
        vanban::batch::thread_pool().install(work);
    } else if std::env::var_os("IN_THREAD").is_some() {
        std::thread::scope(|s| {
            std::thread::Builder::new()
                .stack_size(32 << 20)
                .spawn_scoped(s, work)
                .unwrap();
        });
    } else {
        work();
    }
}
