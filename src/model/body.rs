//! Body content: paragraphs, numbered items, a) points, "-" and "+" bullets, tables.
//!
//! In YAML a block is either a plain string (a paragraph) or a mapping:
//! ```yaml
//! - Một đoạn văn.                       # paragraph
//! - title: Đối với công tác trẻ em      # numbered item: 1. / 1.1. / a) by depth
//!   body: [ … ]
//! - point: Lĩnh vực trẻ em:             # an a) point wherever it stands
//!   body: [ … ]
//! - bullets:                            # "-" items; nested ones get "+"
//!     - Tuyên truyền …
//!     - text: Rà soát …
//!       bullets: [ … ]
//! - table: { columns: [STT, Văn bản], rows: [[…]] }
//! - note: (Số liệu tính đến ngày 15/6/2017)   # an italic paragraph
//! - title: Sở Giáo dục và Đào tạo        # a run-in heading: bold "2. Sở Giáo dục và Đào tạo"
//!   text: chủ trì, phối hợp với …         # … and its sentence on the same line
//! - list: [ Kế hoạch số 12/KH-UBND …, … ] # a plain numbered list 1. 2. 3. (upright)
//! - star: Về công tác tuyên truyền        # "* Về công tác tuyên truyền" (optional body)
//! - text: Tổng kinh phí 3.564 triệu đồng, trong đó   # "…, trong đó: a; b; c."
//!   of-which: [ a, b, c ]
//! ```
//! Numbers, letters and markers are never typed: the library computes them.

use std::fmt;

use schemars::JsonSchema;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use super::Table;

/// One block of body content.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Block {
    /// A paragraph of running text.
    Paragraph(String),
    /// An item numbered by its depth (1., 1.1., a)), with a bold title and content.
    Item {
        /// The title (bold).
        title: String,
        /// What follows the title.
        body: Vec<Block>,
    },
    /// An a), b) point, whatever its depth.
    Point {
        /// The text after the letter.
        point: String,
        /// What follows.
        body: Vec<Block>,
    },
    /// A list of "-" bullets.
    Bullets {
        /// The bullets.
        bullets: Vec<Bullet>,
    },
    /// A table.
    Table {
        /// The table.
        table: Table,
    },
    /// A run-in heading: the numbered bold title, then its sentence on the
    /// same line (`2. Sở Giáo dục và Đào tạo chủ trì, …`).
    RunIn {
        /// The title (bold, numbered by its depth like an item).
        title: String,
        /// The sentence that follows the title on the same line.
        text: String,
        /// What follows.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        body: Vec<Block>,
    },
    /// An italic paragraph: `(Số liệu tính đến ngày 15/6/2017)`.
    Note {
        /// Its text.
        note: String,
    },
    /// A plain numbered list `1.`, `2.` … (upright, not headings).
    List {
        /// The entries.
        list: Vec<String>,
    },
    /// A `*` lead-in: `* Về công tác tuyên truyền`, then its content.
    Star {
        /// The text after the star.
        star: String,
        /// What follows.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        body: Vec<Block>,
    },
    /// A "trong đó" sentence: `text, trong đó: a; b; c.`
    OfWhich {
        /// The sentence before "trong đó".
        text: String,
        /// The parts, joined with `;` and ended with `.`.
        #[serde(rename = "of-which")]
        of_which: Vec<String>,
    },
}

/// One "-" bullet, possibly with "+" sub-bullets.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Bullet {
    /// A bullet with text only.
    Text(String),
    /// A bullet with sub-bullets.
    Nested {
        /// The bullet's text.
        text: String,
        /// Its sub-bullets.
        bullets: Vec<Bullet>,
    },
}

impl Bullet {
    /// The bullet's own text.
    pub fn text(&self) -> &str {
        match self {
            Bullet::Text(t) | Bullet::Nested { text: t, .. } => t,
        }
    }

    /// Its sub-bullets.
    pub fn children(&self) -> &[Bullet] {
        match self {
            Bullet::Text(_) => &[],
            Bullet::Nested { bullets, .. } => bullets,
        }
    }
}

const BLOCK_KEYS: &[&str] = &[
    "title", "text", "point", "body", "bullets", "table", "note", "list", "star", "of-which",
];
const BULLET_KEYS: &[&str] = &["text", "bullets"];

impl<'de> Deserialize<'de> for Block {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Block;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "a paragraph (text) or a mapping with `title`, `point`, `bullets` or `table`",
                )
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Block, E> {
                Ok(Block::Paragraph(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Block, A::Error> {
                let mut title: Option<String> = None;
                let mut text: Option<String> = None;
                let mut point: Option<String> = None;
                let mut body: Option<Vec<Block>> = None;
                let mut bullets: Option<Vec<Bullet>> = None;
                let mut table: Option<Table> = None;
                let mut note: Option<String> = None;
                let mut list: Option<Vec<String>> = None;
                let mut star: Option<String> = None;
                let mut of_which: Option<Vec<String>> = None;
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "title" => set_once(&mut title, map.next_value()?, "title")?,
                        "text" => set_once(&mut text, map.next_value()?, "text")?,
                        "point" => set_once(&mut point, map.next_value()?, "point")?,
                        "body" => set_once(&mut body, map.next_value()?, "body")?,
                        "bullets" => set_once(&mut bullets, map.next_value()?, "bullets")?,
                        "table" => set_once(&mut table, map.next_value()?, "table")?,
                        "note" => set_once(&mut note, map.next_value()?, "note")?,
                        "list" => set_once(&mut list, map.next_value()?, "list")?,
                        "star" => set_once(&mut star, map.next_value()?, "star")?,
                        "of-which" => set_once(&mut of_which, map.next_value()?, "of-which")?,
                        other => return Err(de::Error::unknown_field(other, BLOCK_KEYS)),
                    }
                }
                // Which kind of block: exactly one leading key.
                let leads = [
                    title.is_some(),
                    point.is_some(),
                    bullets.is_some(),
                    table.is_some(),
                    note.is_some(),
                    list.is_some(),
                    star.is_some(),
                    of_which.is_some(),
                ]
                .iter()
                .filter(|x| **x)
                .count();
                if leads > 1 {
                    return Err(de::Error::custom(
                        "a block has exactly one of `title`, `point`, `bullets`, `table`, `note`, `list`, `star` or `of-which`",
                    ));
                }
                let no_body = |what: &str| -> Result<(), A::Error> {
                    if body.is_some() {
                        return Err(de::Error::custom(format!(
                            "`body` goes only with `title`, `point` or `star`, not with `{what}`"
                        )));
                    }
                    Ok(())
                };
                let no_text = |what: &str| -> Result<(), A::Error> {
                    if text.is_some() {
                        return Err(de::Error::custom(format!(
                            "`text` goes only with `title` (a run-in heading) or `of-which`, not with `{what}`"
                        )));
                    }
                    Ok(())
                };
                if let Some(title) = title {
                    let body = body.unwrap_or_default();
                    return Ok(match text {
                        Some(text) => Block::RunIn { title, text, body },
                        None => Block::Item { title, body },
                    });
                }
                if let Some(point) = point {
                    no_text("point")?;
                    return Ok(Block::Point {
                        point,
                        body: body.unwrap_or_default(),
                    });
                }
                if let Some(star) = star {
                    no_text("star")?;
                    return Ok(Block::Star {
                        star,
                        body: body.unwrap_or_default(),
                    });
                }
                if let Some(bullets) = bullets {
                    no_body("bullets")?;
                    no_text("bullets")?;
                    return Ok(Block::Bullets { bullets });
                }
                if let Some(table) = table {
                    no_body("table")?;
                    no_text("table")?;
                    return Ok(Block::Table { table });
                }
                if let Some(note) = note {
                    no_body("note")?;
                    no_text("note")?;
                    return Ok(Block::Note { note });
                }
                if let Some(list) = list {
                    no_body("list")?;
                    no_text("list")?;
                    return Ok(Block::List { list });
                }
                if let Some(of_which) = of_which {
                    no_body("of-which")?;
                    let text = text.ok_or_else(|| {
                        de::Error::custom(
                            "`of-which` needs `text`: the sentence before \"trong đó\"",
                        )
                    })?;
                    return Ok(Block::OfWhich { text, of_which });
                }
                if text.is_some() {
                    return Err(de::Error::custom(
                        "`text` goes with `title` (a run-in heading) or `of-which` (a \"trong đó\" sentence); write a paragraph as plain text",
                    ));
                }
                Err(de::Error::custom(
                    "a block needs one of `title`, `point`, `bullets`, `table`, `note`, `list`, `star` or `of-which` (or write a paragraph as plain text)",
                ))
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for Bullet {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Bullet;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a bullet's text, or a mapping with `text` and `bullets`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Bullet, E> {
                Ok(Bullet::Text(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Bullet, A::Error> {
                let mut text: Option<String> = None;
                let mut bullets: Option<Vec<Bullet>> = None;
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "text" => set_once(&mut text, map.next_value()?, "text")?,
                        "bullets" => set_once(&mut bullets, map.next_value()?, "bullets")?,
                        other => return Err(de::Error::unknown_field(other, BULLET_KEYS)),
                    }
                }
                let text = text.ok_or_else(|| de::Error::missing_field("text"))?;
                Ok(match bullets {
                    Some(bullets) => Bullet::Nested { text, bullets },
                    None => Bullet::Text(text),
                })
            }
        }
        d.deserialize_any(V)
    }
}

fn set_once<T, E: de::Error>(slot: &mut Option<T>, value: T, key: &'static str) -> Result<(), E> {
    if slot.is_some() {
        return Err(de::Error::duplicate_field(key));
    }
    *slot = Some(value);
    Ok(())
}

// JSON Schemas for the hand-written deserialisers above: each says exactly
// what its `Deserialize` accepts, so editors and `vanban check` agree with serde.

impl JsonSchema for Block {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Block".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let body = generator.subschema_for::<Vec<Block>>();
        let bullets = generator.subschema_for::<Vec<Bullet>>();
        let table = generator.subschema_for::<Table>();
        schemars::json_schema!({
            "description": "A block of body content: a paragraph (text), an item (`title`, with `text` a run-in heading), a point (`point`), bullets (`bullets`), a table (`table`), an italic note (`note`), a numbered list (`list`), a `*` lead-in (`star`) or a \"trong đó\" sentence (`text` + `of-which`).",
            "anyOf": [
                { "type": "string", "description": "A paragraph of running text." },
                {
                    "type": "object",
                    "description": "An item numbered by its depth (1., 1.1., a)), with a bold title.",
                    "properties": { "title": { "type": "string" }, "body": body },
                    "required": ["title"],
                    "additionalProperties": false
                },
                {
                    "type": "object",
                    "description": "An a), b) point.",
                    "properties": { "point": { "type": "string" }, "body": body },
                    "required": ["point"],
                    "additionalProperties": false
                },
                {
                    "type": "object",
                    "description": "A list of \"-\" bullets.",
                    "properties": { "bullets": bullets },
                    "required": ["bullets"],
                    "additionalProperties": false
                },
                {
                    "type": "object",
                    "description": "A table.",
                    "properties": { "table": table },
                    "required": ["table"],
                    "additionalProperties": false
                },
                {
                    "type": "object",
                    "description": "A run-in heading: the bold numbered title, then `text` on the same line.",
                    "properties": { "title": { "type": "string" }, "text": { "type": "string" }, "body": body },
                    "required": ["title", "text"],
                    "additionalProperties": false
                },
                {
                    "type": "object",
                    "description": "An italic paragraph.",
                    "properties": { "note": { "type": "string" } },
                    "required": ["note"],
                    "additionalProperties": false
                },
                {
                    "type": "object",
                    "description": "A plain numbered list 1. 2. 3. (upright).",
                    "properties": { "list": { "type": "array", "items": { "type": "string" } } },
                    "required": ["list"],
                    "additionalProperties": false
                },
                {
                    "type": "object",
                    "description": "A \"*\" lead-in paragraph, with optional content.",
                    "properties": { "star": { "type": "string" }, "body": body },
                    "required": ["star"],
                    "additionalProperties": false
                },
                {
                    "type": "object",
                    "description": "A \"trong đó\" sentence: `text, trong đó: a; b; c.`",
                    "properties": { "text": { "type": "string" }, "of-which": { "type": "array", "items": { "type": "string" } } },
                    "required": ["of-which"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

impl JsonSchema for Bullet {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Bullet".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let bullets = generator.subschema_for::<Vec<Bullet>>();
        schemars::json_schema!({
            "description": "A \"-\" bullet: its text, or a mapping with `text` and \"+\" sub-`bullets`.",
            "anyOf": [
                { "type": "string" },
                {
                    "type": "object",
                    "properties": { "text": { "type": "string" }, "bullets": bullets },
                    "required": ["text"],
                    "additionalProperties": false
                }
            ]
        })
    }
}
