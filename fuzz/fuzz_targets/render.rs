//! The whole pipeline on arbitrary input: parse → resolve → validate → view → compose →
//! typeset → PDF. Any outcome but a panic, a hang or a crash is fine; an input
//! that passes validation must render.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

fn engine() -> &'static vanban::Engine {
    static ENGINE: OnceLock<vanban::Engine> = OnceLock::new();
    ENGINE.get_or_init(vanban::Engine::new)
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // JSON or YAML, decided as the command line and the service decide it.
    let format = vanban::Format::detect(None, text);
    let doc = vanban::Document::read(text, format, &vanban::ReadOptions::default());
    let Ok(doc) = doc else {
        return;
    };
    if let Err(e) = engine().render_pdf(&doc) {
        panic!("a document that passed validation failed to render: {e}");
    }
});
