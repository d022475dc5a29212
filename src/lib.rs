//! # vanban
//!
//! Vietnamese official administrative documents — plans (Kế hoạch), reports
//! (Báo cáo), official letters (Công văn) — from structured YAML, typeset as
//! PDF exactly as Nghị định 30/2020/NĐ-CP prescribes.
//!
//! ```
//! let engine = vanban::Engine::new(); // fonts and templates loaded once; Send + Sync
//! let doc = vanban::Document::from_yaml_str(r#"
//! kind: ke-hoach
//! issuer: { parent: UBND tỉnh Yên Bái, name: Sở Lao động - Thương binh và Xã hội, code: SLĐTBXH }
//! number: 5
//! place: Yên Bái
//! date: 2024-03-05
//! subject: Triển khai công tác trẻ em năm 2024
//! goals:
//!   targets:
//!     - { name: Giải quyết việc làm cho, value: 20000, unit: người }
//! tasks:
//!   tre-em: [ Tổ chức Tháng hành động vì trẻ em. ]
//! signature: { authority: KT. GIÁM ĐỐC, title: Phó Giám đốc, name: Nguyễn Văn A }
//! recipients: [ UBND tỉnh (b/c) ]
//! archive: VT, TE
//! "#)?;
//! let typst = engine.render_typst(&doc)?;
//! assert!(typst.contains(r#"#"Số: 05/KH-SLĐTBXH";"#));
//! let pdf: Vec<u8> = engine.render_pdf(&doc)?;
//! assert!(pdf.starts_with(b"%PDF"));
//! # Ok::<(), vanban::Error>(())
//! ```
//!
//! # The pipeline
//! It runs one way, each stage a module that imports only earlier ones:
//! input (text → [`model`], every problem located) → resolve (results linked
//! to their targets, units inherited, attached documents built, every
//! figure computed once) → validate (every rule, all problems at once) →
//! [`view`] (numbering, sentences, the "Số:" line: everything a template
//! places) → compose (minijinja → Typst source, every value escaped) →
//! typeset (Typst → pages → PDF, on the library's own large-stack threads,
//! so any thread may call it). Files a document names are read only through
//! the [`Loader`] its reader is given.
//!
//! # Kinds
//! `ke-hoach` (Kế hoạch), `bao-cao` (Báo cáo), `cong-van` (Công văn),
//! `quyet-dinh` (Quyết định, with articles and an attached plan), `to-trinh`
//! (Tờ trình) and `thong-bao` (Thông báo): see [`model::Kind`].
//!
//! # A document built in Rust
//! Software that holds its data in its own structures builds a
//! [`model::Document`] and validates it exactly as YAML would be
//! (`examples/embed.rs` is a complete program):
//!
//! ```
//! use vanban::model::{self, Kind, Issuer, Signature, Outline, Block};
//! let mut doc = model::Document::new(
//!     Kind::ThongBao,
//!     Issuer { parent: None, name: "Sở Lao động - Thương binh và Xã hội".into(), code: "SLĐTBXH".into(), short_name: None },
//!     "Yên Bái",
//!     model::Date::from_ymd(2024, 4, 3).unwrap(),
//!     "Lịch tiếp công dân tháng 4 năm 2024",
//!     Signature { authority: Some("TL. Giám đốc".into()), title: "Chánh Văn phòng".into(), name: "Trần Văn Bình".into(), image: None, seal: None },
//!     "VT, VP",
//! );
//! doc.number = Some(12);
//! doc.notice = Some(Outline {
//!     body: vec![Block::Paragraph("Giám đốc Sở tiếp công dân vào ngày 15/4/2024.".into())],
//!     ..Outline::default()
//! });
//! let doc = vanban::Document::from_model(doc)?;
//! let engine = vanban::Engine::new();
//! let typst = engine.render_typst(&doc)?;
//! assert!(typst.contains(r#"#"Số: 12/TB-SLĐTBXH";"#));
//! assert!(typst.contains("ngày 15/4/2024./."));
//! # Ok::<(), vanban::Error>(())
//! ```
//!
//! # JSON, the same as YAML
//! Every input type implements serde; JSON has the same fields as YAML, so
//! software in any language can send a document (or pipe it to
//! `vanban render - -o -`):
//!
//! ```
//! let json = r#"{
//!   "kind": "cong-van",
//!   "issuer": { "name": "Sở Lao động - Thương binh và Xã hội", "code": "SLĐTBXH" },
//!   "number": 464, "place": "Điện Biên", "date": "2022-03-03",
//!   "subject": "triển khai công tác trẻ em năm 2022",
//!   "addressees": [ "Ủy ban nhân dân các huyện, thị xã, thành phố" ],
//!   "letter": { "unit": "TE&BĐG", "tasks": [ "rà soát, cập nhật dữ liệu trẻ em" ] },
//!   "signature": { "authority": "KT. Giám đốc", "title": "Phó Giám đốc", "name": "Lò Thị Hương" },
//!   "archive": "VT, TE&BĐG"
//! }"#;
//! let doc = vanban::Document::from_json_str(json)?;
//! let view = vanban::Engine::new().view(&doc);
//! assert_eq!(view.header.number_line, "Số: 464/SLĐTBXH-TE&BĐG");
//! assert_eq!(view.header.subject, "V/v triển khai công tác trẻ em năm 2022");
//! // Back to JSON, and in again: the same document.
//! let again = vanban::Document::from_json_str(&serde_json::to_string(doc.model()).unwrap())?;
//! assert_eq!(again.model(), doc.model());
//! # Ok::<(), vanban::Error>(())
//! ```
//!
//! # An office's own templates and fonts
//! [`Engine::builder`] takes a template directory (files replace the
//! built-in ones by name; [`export_templates`] writes those out) and font
//! directories; see [`EngineBuilder`] and `docs/templates.md`, which lists
//! every variable of the template context and every function of `nd30.typ`.
//!
//! # Files a document names
//! A report's `plan-file` is read through the [`Loader`] given in
//! [`ReadOptions`]: [`Document::from_path`] reads beside the file,
//! [`Document::from_yaml_str`] reads nothing (a document that names a file
//! gets a clear error at its line), and a service can pass [`NoFiles`] or a
//! loader of its own (a database, the parts of an upload).
//!
//! ```
//! use vanban::{Document, Format, Loader, LoadError, ReadOptions};
//! /// Plans kept in memory, by name.
//! struct Plans(std::collections::HashMap<String, String>);
//! impl Loader for Plans {
//!     fn read(&self, name: &str, _limit: usize) -> Result<Vec<u8>, LoadError> {
//!         self.0.get(name).map(|t| t.clone().into_bytes())
//!             .ok_or(LoadError::NotFound { name: name.into() })
//!     }
//!     fn nested(&self, _name: &str) -> Box<dyn Loader + '_> { Box::new(Plans(self.0.clone())) }
//! }
//! let plan = std::fs::read_to_string("examples/ke-hoach-yen-bai-2024.yaml").unwrap();
//! let plans = Plans([("ke-hoach.yaml".to_string(), plan)].into());
//! let report = r#"
//! kind: bao-cao
//! issuer: { name: Sở Lao động - Thương binh và Xã hội, code: SLĐTBXH }
//! place: Yên Bái
//! date: 2024-07-10
//! subject: Kết quả 6 tháng đầu năm 2024
//! period: { kind: 6-thang-dau-nam, year: 2024 }
//! plan-file: ke-hoach.yaml
//! results: { indicators: [ { target: viec-lam, actual: 9043 } ] }
//! signature: { authority: KT. Giám đốc, title: Phó Giám đốc, name: Nguyễn Văn A }
//! archive: VT
//! "#;
//! let doc = Document::read(report, Format::Yaml, &ReadOptions::with_loader(&plans))?;
//! let typst = vanban::Engine::new().render_typst(&doc)?;
//! // 9.043 / 20.000 = 45,215%: exact decimals, rounded half up.
//! assert!(typst.contains("9.043 người (đạt 45,22% kế hoạch năm 2024)"));
//! # Ok::<(), vanban::Error>(())
//! ```
//!
//! # Errors
//! One enum, [`Error`]: invalid input carries every [`Diagnostic`] with its
//! YAML path, line and column ([`render_diagnostic`] shows one as rustc
//! does, [`CheckReport`] as JSON); a template error names the template
//! file, line and column and the part of the view being rendered; a font
//! family that is asked for and missing is [`Error::Font`], never a fallback.

#![warn(missing_docs)]

// The pipeline's stages, in order: each imports only the ones before it.
mod compose;
mod input;
pub mod model;
mod resolve;
mod typeset;
mod validate;
pub mod view;

// What the stages share, and what drives them.
pub mod batch;
mod diagnostics;
mod document;
pub mod electronic;
mod engine;
mod error;
pub mod inspect;
mod loader;
mod nd30;
mod png;
#[cfg(feature = "service")]
pub mod serve;
mod stack;
mod suggest;
mod vi;

#[cfg(test)]
mod properties;

pub use compose::{BUILTIN_TEMPLATES, ND30_TYP, export_templates};
pub use diagnostics::{CheckReport, CheckedFile, render_diagnostic};
pub use document::{Document, ReadOptions};
pub use engine::{Engine, EngineBuilder, LaidOut, PdfOptions};
pub use error::{Diagnostic, Diagnostics, Error, Result, Severity};
pub use input::Format;
pub use loader::{FsLoader, LoadError, Loader, NoFiles, read_text, read_text_file};
pub use typeset::{EMBEDDED_FONTS, FontCoverage};

/// The largest input accepted, in bytes (4 MiB): far above any real
/// document, far below what could exhaust memory. Every read stops there.
pub const MAX_INPUT_BYTES: usize = input::MAX_INPUT_BYTES;

/// The JSON Schema of the input (generated from the model), for editors
/// and tools; `vanban schema` prints it.
pub fn json_schema() -> &'static serde_json::Value {
    input::schema::document_schema()
}

/// [`json_schema`] as pretty-printed text, as `vanban schema` prints it.
pub fn json_schema_text() -> String {
    input::schema::schema_text()
}
