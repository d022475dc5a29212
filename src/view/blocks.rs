//! Flattens nested body blocks into [`ViewBlock`]s, computing every number,
//! letter and marker from the nesting.

use crate::model::{Block, Bullet, Table};
use crate::vi;

use super::ViewBlock;

/// Numbers of the enclosing items: `[2, 1]` is inside `2.1.`.
type Trail = Vec<usize>;

/// Flattens `blocks` that sit at `depth` numbered levels below a Roman section
/// (0 = directly in the section or in an appendix).
pub fn flatten(blocks: &[Block], depth: usize) -> Vec<ViewBlock> {
    let mut out = Vec::new();
    flatten_into(blocks, &Vec::with_capacity(depth), &mut out);
    out
}

/// Flattens blocks whose enclosing item numbers are `trail`.
pub fn flatten_into(blocks: &[Block], trail: &Trail, out: &mut Vec<ViewBlock>) {
    let mut item = 0;
    let mut point = 0;
    for block in blocks {
        match block {
            Block::Paragraph(text) => out.push(ViewBlock::Paragraph {
                label: None,
                text: text.trim().to_string(),
            }),
            Block::Item { title, body } => {
                item += 1;
                let mut inner = trail.clone();
                inner.push(item);
                out.push(item_heading(&inner, title));
                flatten_into(body, &inner, out);
            }
            Block::Point { point: title, body } => {
                point += 1;
                out.push(ViewBlock::Heading {
                    label: format!("{})", vi::letter(point)),
                    title: title.trim().to_string(),
                    bold: false,
                    depth: trail.len() + 1,
                });
                // Items inside a point sit one level deeper than the point's own level.
                let mut inner = trail.clone();
                inner.push(point);
                flatten_into(body, &inner, out);
            }
            Block::Bullets { bullets } => bullets_into(bullets, 0, out),
            Block::Table { table } => out.push(table_block(table)),
        }
    }
}

/// Width of the computed STT column.
const STT_WIDTH: &str = "13mm";

fn table_block(table: &Table) -> ViewBlock {
    let fr = |w: f64| format!("{}fr", if w.is_finite() && w > 0.0 { w } else { 1.0 });
    let mut widths: Vec<String> = if table.widths.len() == table.columns.len() {
        table.widths.iter().map(|w| fr(*w)).collect()
    } else {
        vec![fr(1.0); table.columns.len()]
    };
    let mut columns = table.columns.clone();
    let mut rows = table.rows.clone();
    let mut centred = Vec::new();
    if table.numbered {
        columns.insert(0, "STT".to_string());
        widths.insert(0, STT_WIDTH.to_string());
        centred.push(0);
        for (i, row) in rows.iter_mut().enumerate() {
            row.insert(0, (i + 1).to_string());
        }
    }
    ViewBlock::Table {
        columns,
        widths,
        centred,
        rows,
    }
}

/// `1.` and `1.1.` are bold numbered headings; a third level is an `a)` point;
/// deeper items fall back to a dash.
fn item_heading(trail: &[usize], title: &str) -> ViewBlock {
    let title = title.trim().to_string();
    match trail.len() {
        0 => unreachable!("an item always has a number"),
        1 | 2 => ViewBlock::Heading {
            label: trail.iter().map(|n| format!("{n}.")).collect(),
            title,
            bold: true,
            depth: trail.len(),
        },
        3 => ViewBlock::Heading {
            label: format!("{})", vi::letter(trail[2])),
            title,
            bold: false,
            depth: 3,
        },
        depth => ViewBlock::Heading {
            label: "-".to_string(),
            title,
            bold: false,
            depth,
        },
    }
}

fn bullets_into(bullets: &[Bullet], level: usize, out: &mut Vec<ViewBlock>) {
    let marker = if level == 0 { "-" } else { "+" };
    for b in bullets {
        out.push(ViewBlock::Paragraph {
            label: Some(marker.to_string()),
            text: b.text().trim().to_string(),
        });
        bullets_into(b.children(), level + 1, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(title: &str, body: Vec<Block>) -> Block {
        Block::Item {
            title: title.into(),
            body,
        }
    }

    fn labels(v: &[ViewBlock]) -> Vec<String> {
        v.iter()
            .map(|b| match b {
                ViewBlock::Heading { label, .. } => label.clone(),
                ViewBlock::Paragraph { label, .. } => label.clone().unwrap_or_default(),
                _ => String::new(),
            })
            .collect()
    }

    #[test]
    fn numbers_follow_nesting() {
        let blocks = vec![
            item("A", vec![]),
            item(
                "B",
                vec![
                    item("B1", vec![item("x", vec![]), item("y", vec![])]),
                    item("B2", vec![]),
                ],
            ),
        ];
        assert_eq!(
            labels(&flatten(&blocks, 0)),
            ["1.", "2.", "2.1.", "a)", "b)", "2.2."]
        );
    }

    #[test]
    fn points_use_vietnamese_letters_and_bullets_nest() {
        let points: Vec<Block> = (0..6)
            .map(|i| Block::Point {
                point: format!("p{i}"),
                body: vec![],
            })
            .collect();
        assert_eq!(
            labels(&flatten(&points, 0)),
            ["a)", "b)", "c)", "d)", "đ)", "e)"]
        );
        let bullets = vec![Block::Bullets {
            bullets: vec![Bullet::Nested {
                text: "x".into(),
                bullets: vec![Bullet::Text("y".into())],
            }],
        }];
        assert_eq!(labels(&flatten(&bullets, 0)), ["-", "+"]);
    }
}
