//! The whole pipeline on arbitrary input: parse → validate → view → compose →
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
    // A leading `{` reads as JSON, as `vanban render x.json` would.
    let doc = if text.trim_start().starts_with('{') {
        vanban::Document::from_json_str(text)
    } else {
        vanban::Document::from_yaml_str(text)
    };
    let Ok(doc) = doc else {
        return;
    };
    if let Err(e) = engine().render_pdf(&doc) {
        panic!("a document that passed validation failed to render: {e}");
    }
});
