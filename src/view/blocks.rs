//! Flattens nested body blocks into [`ViewBlock`]s, computing every number,
//! letter and marker from the nesting.

use crate::model::{Block, Bullet, Cell, Column, Row, Show, Table};
use crate::vi;

use super::numbering::Ctx;
use super::{HeaderCell, TableView, ViewBlock};

/// Numbers of the enclosing items: `[2, 1]` is inside `2.1.`.
type Trail = Vec<usize>;

/// Flattens `blocks` that sit directly in a section or an appendix.
pub(crate) fn flatten(blocks: &[Block], ctx: &Ctx) -> Vec<ViewBlock> {
    let mut out = Vec::new();
    flatten_into(blocks, &Vec::new(), ctx, &mut out);
    out
}

/// `text` trimmed, without a closing mark `./.` the writer typed: the
/// library adds it where the body ends.
pub(crate) fn without_close_mark(text: &str) -> String {
    let t = text.trim();
    t.strip_suffix("./.").unwrap_or(t).trim_end().to_string()
}

/// Flattens blocks whose enclosing item numbers are `trail`.
pub(crate) fn flatten_into(blocks: &[Block], trail: &Trail, ctx: &Ctx, out: &mut Vec<ViewBlock>) {
    let mut item = 0;
    let mut point = 0;
    for block in blocks {
        match block {
            Block::Paragraph(text) => out.push(ViewBlock::Paragraph {
                label: None,
                text: without_close_mark(text),
            }),
            Block::Item { title, body } => {
                item += 1;
                let mut inner = trail.clone();
                inner.push(item);
                out.push(item_heading(&inner, title, ctx));
                flatten_into(body, &inner, ctx, out);
            }
            Block::RunIn { title, text, body } => {
                item += 1;
                let mut inner = trail.clone();
                inner.push(item);
                let style = ctx.style(inner.len());
                out.push(ViewBlock::RunIn {
                    label: ctx.label(inner.len(), &inner),
                    title: title.trim().to_string(),
                    text: without_close_mark(text),
                    bold: style.bold,
                    italic: style.italic,
                });
                flatten_into(body, &inner, ctx, out);
            }
            Block::Point { point: title, body } => {
                point += 1;
                out.push(ViewBlock::Heading {
                    label: format!("{})", vi::letter(point)),
                    title: title.trim().to_string(),
                    bold: false,
                    italic: false,
                    depth: trail.len() + 1,
                });
                // Items inside a point sit one level deeper than the point's own level.
                let mut inner = trail.clone();
                inner.push(point);
                flatten_into(body, &inner, ctx, out);
            }
            Block::Star { star, body } => {
                out.push(ViewBlock::Heading {
                    label: "*".to_string(),
                    title: without_close_mark(star),
                    bold: false,
                    italic: false,
                    depth: trail.len() + 1,
                });
                flatten_into(body, trail, ctx, out);
            }
            Block::Note { note } => out.push(ViewBlock::Note {
                text: without_close_mark(note),
            }),
            Block::List { list } => {
                for (i, entry) in list.iter().enumerate() {
                    out.push(ViewBlock::Paragraph {
                        label: Some(format!("{}.", i + 1)),
                        text: without_close_mark(entry),
                    });
                }
            }
            Block::OfWhich { text, of_which } => out.push(ViewBlock::Paragraph {
                label: None,
                text: of_which_sentence(text, of_which),
            }),
            Block::Bullets { bullets } => bullets_into(bullets, 0, out),
            Block::Table { table } => out.push(table_block(table)),
        }
    }
}

/// "Tổng kinh phí 3.564,680 triệu đồng, trong đó: a; b; c."
pub(crate) fn of_which_sentence(text: &str, parts: &[String]) -> String {
    let lead = without_close_mark(text);
    let lead = lead.trim_end_matches([',', ':', ';', '.']).trim_end();
    let ends_with_of_which = lead.to_lowercase().ends_with("trong đó");
    let joined: Vec<String> = parts
        .iter()
        .map(|p| super::clean_item(&without_close_mark(p)))
        .filter(|p| !p.is_empty())
        .collect();
    let sep = if ends_with_of_which {
        ": "
    } else {
        ", trong đó: "
    };
    format!("{lead}{sep}{}.", joined.join("; "))
}

/// Width of the computed STT column.
pub(crate) const STT_WIDTH: &str = "11mm";

/// A relative width as a Typst fraction.
pub(crate) fn fr(w: f64) -> String {
    format!("{}fr", if w.is_finite() && w > 0.0 { w } else { 1.0 })
}

pub(crate) fn table_block(table: &Table) -> ViewBlock {
    let mut widths: Vec<String> = if table.widths.len() == table.columns.len() {
        table.widths.iter().map(|w| fr(*w)).collect()
    } else {
        vec![fr(1.0); table.columns.len()]
    };
    let offset = usize::from(table.numbered);
    // A figure's row the resolve stage could not compute was reported there.
    let written: Vec<&Row> = table.rows.iter().filter(|r| r.figure.is_none()).collect();
    let mut rows: Vec<Vec<String>> = written
        .iter()
        .map(|row| {
            row.cells
                .iter()
                .zip(&table.columns)
                .map(|(cell, col)| format_cell(cell, col))
                .collect()
        })
        .collect();
    let mut levels: Vec<usize> = written.iter().map(|r| r.level).collect();
    let mut strong_rows: Vec<usize> = (0..written.len()).filter(|&i| written[i].strong).collect();
    if let Some(label) = &table.totals {
        // Parts are inside their main row's figure: only main rows are summed.
        let main = || written.iter().filter(|r| r.level == 0 && !r.strong);
        let mut totals: Vec<String> = table
            .columns
            .iter()
            .enumerate()
            .map(|(i, col)| {
                if !col.total {
                    return String::new();
                }
                let sum: rust_decimal::Decimal = main()
                    .filter_map(|r| r.cells.get(i).and_then(Cell::as_number))
                    .map(|n| n.0)
                    .sum();
                format_cell(&Cell::Number(sum.into()), col)
            })
            .collect();
        let name_column = table
            .columns
            .iter()
            .position(|c| c.show == Some(Show::Name))
            .unwrap_or(0);
        if let Some(name) = totals.get_mut(name_column)
            && name.is_empty()
        {
            *name = label.trim().to_string();
        }
        strong_rows.push(rows.len());
        levels.push(0);
        rows.push(totals);
    }
    let mut centred: Vec<usize> = table
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| c.show == Some(Show::Unit))
        .map(|(i, _)| i + offset)
        .collect();
    let mut header = header_rows(&table.columns);
    if table.numbered {
        widths.insert(0, STT_WIDTH.to_string());
        centred.insert(0, 0);
        let mut number = 0;
        for (i, row) in rows.iter_mut().enumerate() {
            let counted = levels[i] == 0 && !strong_rows.contains(&i);
            row.insert(
                0,
                if counted {
                    number += 1;
                    number.to_string()
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
    let name_column = offset
        + table
            .columns
            .iter()
            .position(|c| c.show == Some(Show::Name))
            .unwrap_or(0);
    ViewBlock::Table(
        TableView {
            widths,
            levels,
            rows,
            groups: Vec::new(),
            header,
            name_column,
            numeric,
            centred,
            strong_rows,
        }
        .group_cells(),
    )
}

fn format_cell(cell: &Cell, col: &Column) -> String {
    // A written column's quoted number ("12.375,3") is formatted like a number;
    // a computed cell ("+4,7%", "51,09") is already printed.
    let number = match cell {
        Cell::Text(_) if !col.numeric || col.show.is_some() => None,
        _ => cell.as_number(),
    };
    match number {
        None => match cell {
            Cell::Text(t) => t.trim().to_string(),
            Cell::Number(n) => vi::format_written(n.0, 3),
        },
        Some(n) => match col.decimals {
            Some(d) => vi::format_decimal(n, d),
            None => vi::format_written(n.0, 3),
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

/// An item's heading at the depth of `trail`, numbered and styled by the
/// document's scheme of that level: `1.`, `1.1.` bold, `1.1.1.` bold
/// italic, `a)` upright, then `-` and `+`.
fn item_heading(trail: &[usize], title: &str, ctx: &Ctx) -> ViewBlock {
    let depth = trail.len();
    let style = ctx.style(depth);
    ViewBlock::Heading {
        label: ctx.label(depth, trail),
        title: title.trim().to_string(),
        bold: style.bold,
        italic: style.italic,
        depth,
    }
}

fn bullets_into(bullets: &[Bullet], level: usize, out: &mut Vec<ViewBlock>) {
    let marker = if level == 0 { "-" } else { "+" };
    for b in bullets {
        out.push(ViewBlock::Paragraph {
            label: Some(marker.to_string()),
            text: without_close_mark(b.text()),
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
            labels(&flatten(&blocks, &Ctx::plain())),
            ["1.", "2.", "2.1.", "2.1.1.", "2.1.2.", "2.2."]
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
            labels(&flatten(&points, &Ctx::plain())),
            ["a)", "b)", "c)", "d)", "đ)", "e)"]
        );
        let bullets = vec![Block::Bullets {
            bullets: vec![Bullet::Nested {
                text: "x".into(),
                bullets: vec![Bullet::Text("y".into())],
            }],
        }];
        assert_eq!(labels(&flatten(&bullets, &Ctx::plain())), ["-", "+"]);
    }

    #[test]
    fn new_blocks_flatten_to_their_lines() {
        let blocks: Vec<Block> = serde_yaml::from_str(
            "- A.\n\
             - { title: Sở Giáo dục, text: chủ trì./. }\n\
             - { star: Về tuyên truyền, body: [ { list: [ x;, y ] } ] }\n\
             - { text: 'Tổng 3 nhà, trong đó', of-which: [ làm mới 2 nhà, sửa 1 nhà; ] }\n\
             - { text: Tổng 3 nhà, of-which: [ a, b ] }\n\
             - { note: (ghi chú) }\n\
             - { title: Hai }\n",
        )
        .unwrap();
        let v = flatten(&blocks, &Ctx::plain());
        assert_eq!(labels(&v), ["", "", "*", "1.", "2.", "", "", "", "2."]);
        match &v[1] {
            ViewBlock::RunIn {
                label,
                title,
                text,
                bold,
                ..
            } => {
                assert_eq!((label.as_str(), title.as_str()), ("1.", "Sở Giáo dục"));
                assert_eq!(text, "chủ trì");
                assert!(bold);
            }
            other => panic!("{other:?}"),
        }
        let texts: Vec<&str> = v
            .iter()
            .filter_map(|b| match b {
                ViewBlock::Paragraph { text, .. } | ViewBlock::Note { text } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(
            texts,
            [
                "A.",
                "x;",
                "y",
                "Tổng 3 nhà, trong đó: làm mới 2 nhà; sửa 1 nhà.",
                "Tổng 3 nhà, trong đó: a; b.",
                "(ghi chú)"
            ]
        );
    }

    #[test]
    fn a_block_has_one_form() {
        for (yaml, message) in [
            ("{ of-which: [ a ] }", "`of-which` needs `text`"),
            ("{ text: a }", "`text` goes with `title`"),
            ("{ note: a, list: [ b ] }", "exactly one of"),
            ("{ note: a, body: [ b ] }", "`body` goes only with"),
        ] {
            let err = serde_yaml::from_str::<Block>(yaml).unwrap_err().to_string();
            assert!(err.contains(message), "{yaml}: {err}");
        }
    }
}
