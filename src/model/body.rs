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
//! ```
//! Numbers, letters and markers are never typed: the library computes them.

use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

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

/// A simple table: a header row and rows of cells.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Table {
    /// Column headings.
    pub columns: Vec<String>,
    /// Relative column widths (e.g. `[1, 6, 3]`); equal when left out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub widths: Vec<f64>,
    /// The rows; each has as many cells as there are columns.
    #[serde(default)]
    pub rows: Vec<Vec<String>>,
    /// Number the rows in a first "STT" column.
    #[serde(default)]
    pub numbered: bool,
}

const BLOCK_KEYS: &[&str] = &["title", "point", "body", "bullets", "table"];
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
                let mut point: Option<String> = None;
                let mut body: Option<Vec<Block>> = None;
                let mut bullets: Option<Vec<Bullet>> = None;
                let mut table: Option<Table> = None;
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "title" => set_once(&mut title, map.next_value()?, "title")?,
                        "point" => set_once(&mut point, map.next_value()?, "point")?,
                        "body" => set_once(&mut body, map.next_value()?, "body")?,
                        "bullets" => set_once(&mut bullets, map.next_value()?, "bullets")?,
                        "table" => set_once(&mut table, map.next_value()?, "table")?,
                        other => return Err(de::Error::unknown_field(other, BLOCK_KEYS)),
                    }
                }
                match (title, point, bullets, table) {
                    (Some(title), None, None, None) => Ok(Block::Item {
                        title,
                        body: body.unwrap_or_default(),
                    }),
                    (None, Some(point), None, None) => Ok(Block::Point {
                        point,
                        body: body.unwrap_or_default(),
                    }),
                    (None, None, Some(bullets), None) if body.is_none() => {
                        Ok(Block::Bullets { bullets })
                    }
                    (None, None, None, Some(table)) if body.is_none() => Ok(Block::Table { table }),
                    (None, None, None, None) => Err(de::Error::custom(
                        "a block needs one of `title`, `point`, `bullets` or `table` (or write a paragraph as plain text)",
                    )),
                    _ => Err(de::Error::custom(
                        "a block has exactly one of `title`, `point`, `bullets` or `table`; `body` goes only with `title` or `point`",
                    )),
                }
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
