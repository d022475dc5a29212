//! Prints the lines vanban laid out (page, x, baseline y, width, size, style, text), in mm.
//! `cargo run --release --example dump_layout -- examples/ke-hoach-yen-bai-2024.yaml`

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: dump_layout FILE.yaml")?;
    let engine = vanban::Engine::new();
    let doc = vanban::Document::from_path(&path)?;
    let layout = engine.inspect(&doc)?;
    for l in layout.lines() {
        println!(
            "p{} x={:6.2} y={:6.2} w={:6.2} r={:6.2} {:4.1}pt{}{} {}",
            l.page + 1,
            l.x,
            l.y,
            l.width,
            l.right(),
            l.size,
            if l.bold { " b" } else { "" },
            if l.italic { " i" } else { "" },
            l.text
        );
    }
    for r in &layout.rules {
        println!(
            "rule p{} x={:.2} y={:.2} len={:.2}",
            r.page + 1,
            r.x,
            r.y,
            r.length
        );
    }
    Ok(())
}
