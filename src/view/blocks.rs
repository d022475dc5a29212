//! Flattens nested body blocks into [`ViewBlock`]s, computing every number,
//! letter and marker from the nesting.

use crate::model::{Block, Bullet, Cell, Column, Table};
use crate::vi;

use super::{HeaderCell, TableView, ViewBlock};

/// Numbers of the enclosing items: `[2, 1]` is inside `2.1.`.
type Trail = Vec<usize>;

/// Flattens `blocks` that sit directly in a section or an appendix.
pub(crate) fn flatten(blocks: &[Block]) -> Vec<ViewBlock> {
    let mut out = Vec::new();
    flatten_into(blocks, &Vec::new(), &mut out);
    out
}

/// Flattens blocks whose enclosing item numbers are `trail`.
pub(crate) fn flatten_into(blocks: &[Block], trail: &Trail, out: &mut Vec<ViewBlock>) {
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
pub(crate) const STT_WIDTH: &str = "11mm";

/// A relative width as a Typst fraction.
pub(crate) fn fr(w: f64) -> String {
    format!("{}fr", if w.is_finite() && w > 0.0 { w } else { 1.0 })
}

fn table_block(table: &Table) -> ViewBlock {
    let mut widths: Vec<String> = if table.widths.len() == table.columns.len() {
        table.widths.iter().map(|w| fr(*w)).collect()
    } else {
        vec![fr(1.0); table.columns.len()]
    };
    let offset = usize::from(table.numbered);
    let mut rows: Vec<Vec<String>> = table
        .rows
        .iter()
        .map(|row| {
            row.iter()
                .zip(&table.columns)
                .map(|(cell, col)| format_cell(cell, col))
                .collect()
        })
        .collect();
    let mut strong_rows = Vec::new();
    if let Some(label) = &table.totals {
        let mut totals: Vec<String> = table
            .columns
            .iter()
            .enumerate()
            .map(|(i, col)| {
                if !col.total {
                    return String::new();
                }
                let sum: rust_decimal::Decimal = table
                    .rows
                    .iter()
                    .filter_map(|r| match r.get(i) {
                        Some(Cell::Number(n)) => Some(n.0),
                        _ => None,
                    })
                    .sum();
                format_cell(&Cell::Number(sum.into()), col)
            })
            .collect();
        if let Some(first) = totals.first_mut()
            && first.is_empty()
        {
            *first = label.trim().to_string();
        }
        strong_rows.push(rows.len());
        rows.push(totals);
    }
    let mut centred = Vec::new();
    let mut header = header_rows(&table.columns);
    if table.numbered {
        widths.insert(0, STT_WIDTH.to_string());
        centred.push(0);
        let n = table.rows.len();
        for (i, row) in rows.iter_mut().enumerate() {
            row.insert(
                0,
                if i < n {
                    (i + 1).to_string()
                } else {
                    String::new()
                },
            );
        }
        let rowspan = header.len();
        header[0].insert(0, HeaderCell::new("STT", 1, rowspan));
    }
    let numeric = table
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| c.numeric)
        .map(|(i, _)| i + offset)
        .collect();
    ViewBlock::Table(
        TableView {
            widths,
            levels: vec![0; rows.len()],
            rows,
            groups: Vec::new(),
            header,
            name_column: offset,
            numeric,
            centred,
            strong_rows,
        }
        .group_cells(),
    )
}

fn format_cell(cell: &Cell, col: &Column) -> String {
    match cell {
        Cell::Text(t) => t.trim().to_string(),
        Cell::Number(n) => match col.decimals {
            Some(d) => vi::format_decimal(*n, d),
            None => vi::format_number(*n, 3),
        },
    }
}

/// One header row, or two when columns are grouped: a group's title spans its
/// columns in the first row; ungrouped columns span both rows.
fn header_rows(columns: &[Column]) -> Vec<Vec<HeaderCell>> {
    let grouped = columns.iter().any(|c| c.group.is_some());
    if !grouped {
        return vec![
            columns
                .iter()
                .map(|c| HeaderCell::new(&c.title, 1, 1))
                .collect(),
        ];
    }
    let mut first = Vec::new();
    let mut second = Vec::new();
    let mut i = 0;
    while i < columns.len() {
        match &columns[i].group {
            None => {
                first.push(HeaderCell::new(&columns[i].title, 1, 2));
                i += 1;
            }
            Some(group) => {
                let span = columns[i..]
                    .iter()
                    .take_while(|c| c.group.as_ref() == Some(group))
                    .count();
                first.push(HeaderCell::new(group, span, 1));
                for c in &columns[i..i + span] {
                    second.push(HeaderCell::new(&c.title, 1, 1));
                }
                i += span;
            }
        }
    }
    vec![first, second]
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
            labels(&flatten(&blocks)),
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
            labels(&flatten(&points)),
            ["a)", "b)", "c)", "d)", "đ)", "e)"]
        );
        let bullets = vec![Block::Bullets {
            bullets: vec![Bullet::Nested {
                text: "x".into(),
                bullets: vec![Bullet::Text("y".into())],
            }],
        }];
        assert_eq!(labels(&flatten(&bullets)), ["-", "+"]);
    }
}
