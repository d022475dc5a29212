//! Embedding vanban: a program builds a document in Rust (no YAML), renders
//! it to PDF, and shows the same document as JSON (what software in another
//! language would send to `vanban render - -o -`).
//!
//! `cargo run --release --example embed -- out.pdf`

use vanban::model::{Block, Decision, Issuer, Kind, Signature};

/// A decision of a district office, built field by field.
pub fn document() -> vanban::model::Document {
    let issuer = Issuer {
        parent: Some("UBND huyện Văn Chấn".into()),
        name: "Phòng Lao động - Thương binh và Xã hội".into(),
        code: "LĐTBXH".into(),
        short_name: None,
    };
    let signature = Signature {
        authority: None,
        title: "Trưởng phòng".into(),
        name: "Hà Văn Minh".into(),
        image: None,
        seal: None,
    };
    let date = vanban::model::Date::from_ymd(2024, 5, 20).expect("a valid date");
    let mut doc = vanban::model::Document::new(
        Kind::QuyetDinh,
        issuer,
        "Văn Chấn",
        date,
        "Về việc thành lập Tổ công tác rà soát hộ nghèo, hộ cận nghèo năm 2024",
        signature,
        "VT, LĐTBXH",
    );
    doc.number = Some(7);
    doc.legal_bases = vec![
        "Căn cứ Nghị định số 07/2021/NĐ-CP ngày 27/01/2021 của Chính phủ quy định chuẩn nghèo đa chiều giai đoạn 2021 - 2025".into(),
    ];
    doc.decision = Some(Decision {
        authority: "Trưởng phòng Lao động - Thương binh và Xã hội huyện Văn Chấn".into(),
        proposed_by: Some("Bộ phận Bảo trợ xã hội".into()),
        articles: vec![
            vanban::model::Article {
                text: "Thành lập Tổ công tác rà soát hộ nghèo, hộ cận nghèo năm 2024, gồm:".into(),
                body: vec![Block::Bullets {
                    bullets: vec![
                        vanban::model::Bullet::Text("Tổ trưởng: Phó Trưởng phòng.".into()),
                        vanban::model::Bullet::Text(
                            "Các thành viên: công chức Bộ phận Bảo trợ xã hội.".into(),
                        ),
                    ],
                }],
            },
            vanban::model::Article {
                text: "Quyết định này có hiệu lực kể từ ngày ký.".into(),
                body: Vec::new(),
            },
        ],
        attachment: None,
    });
    doc.recipients = vec!["Như Điều 1".into(), "UBND huyện (b/c)".into()];
    doc
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "embed.pdf".to_string());
    let engine = vanban::Engine::new();
    // Validated exactly as YAML would be: every problem at once, with its path.
    let doc = vanban::Document::from_model(document())?;
    std::fs::write(&out, engine.render_pdf(&doc)?)?;
    // The same document as JSON: `vanban render doc.json -o doc.pdf` gives the same PDF.
    println!("{}", serde_json::to_string_pretty(doc.model())?);
    eprintln!("wrote {out}");
    Ok(())
}
