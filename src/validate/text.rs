//! Body content: every block of every section, and the shape of tables.

use crate::error::Diagnostic;
use crate::input::{join_index, join_key};
use crate::model::{Block, Cell, Document, SectionEntry, Tasks};

/// A typed closing mark `./.`: the library adds it where the body ends.
fn check_close_mark(text: &str, path: String, out: &mut Vec<Diagnostic>) {
    if text.trim_end().ends_with("./.") {
        out.push(
            Diagnostic::warning(
                path,
                "`./.` is typed here; the library adds it where the body ends",
            )
            .with_hint("remove the `./.`: it is dropped, and printed once after the last words"),
        );
    }
}

/// A typed `./.` in the texts that are not blocks: a letter's tasks, a
/// decision's articles, a plan's closing sentence.
pub(super) fn check_close_marks(doc: &Document, out: &mut Vec<Diagnostic>) {
    if let Some(l) = &doc.letter {
        for (i, t) in l.tasks.iter().enumerate() {
            check_close_mark(t, join_index("letter.tasks", i), out);
        }
    }
    if let Some(d) = &doc.decision {
        for (i, a) in d.articles.iter().enumerate() {
            check_close_mark(&a.text, join_index("decision.articles", i), out);
        }
    }
    if let Some(c) = doc.implementation.as_ref().and_then(|i| i.closing.as_ref()) {
        check_close_mark(c, "implementation.closing".to_string(), out);
    }
}

/// The texts of a block: a typed `./.`, empty lists.
fn check_texts(block: &Block, path: &str, out: &mut Vec<Diagnostic>) {
    match block {
        Block::Paragraph(t) => check_close_mark(t, path.to_string(), out),
        Block::Note { note } => check_close_mark(note, join_key(path, "note"), out),
        Block::RunIn { text, .. } => check_close_mark(text, join_key(path, "text"), out),
        Block::Star { star, .. } => check_close_mark(star, join_key(path, "star"), out),
        Block::List { list } | Block::OfWhich { of_which: list, .. } => {
            let key = if matches!(block, Block::List { .. }) {
                "list"
            } else {
                "of-which"
            };
            if list.is_empty() {
                out.push(
                    Diagnostic::error(join_key(path, key), format!("`{key}` is empty"))
                        .with_hint("write its entries, or remove the block"),
                );
            }
            for (i, t) in list.iter().enumerate() {
                check_close_mark(t, join_index(&join_key(path, key), i), out);
            }
        }
        Block::Bullets { bullets } => {
            fn walk(b: &[crate::model::Bullet], path: &str, out: &mut Vec<Diagnostic>) {
                for (i, b) in b.iter().enumerate() {
                    let p = join_index(path, i);
                    if b.children().is_empty() {
                        check_close_mark(b.text(), p, out);
                    } else {
                        check_close_mark(b.text(), join_key(&p, "text"), out);
                        walk(b.children(), &join_key(&p, "bullets"), out);
                    }
                }
            }
            walk(bullets, &join_key(path, "bullets"), out);
        }
        _ => {}
    }
}

/// A block's texts, and a table's shape: columns, widths, rows of the right
/// length, numbers in numeric columns.
pub(super) fn check_block(block: &Block, path: &str, out: &mut Vec<Diagnostic>) {
    check_texts(block, path, out);
    let Block::Table { table } = block else {
        return;
    };
    let table_path = join_key(path, "table");
    let n = table.columns.len();
    if n == 0 {
        out.push(Diagnostic::error(
            join_key(&table_path, "columns"),
            "a table needs at least one column",
        ));
    }
    if !table.widths.is_empty() && table.widths.len() != n {
        out.push(
            Diagnostic::error(
                join_key(&table_path, "widths"),
                format!("{} widths for {n} columns", table.widths.len()),
            )
            .with_hint("give one width per column (the STT column of a numbered table is added by the library)"),
        );
    }
    for (i, row) in table.rows.iter().enumerate() {
        let row_path = join_index(&join_key(&table_path, "rows"), i);
        // A figure's row left unresolved was reported where it was resolved.
        if row.figure.is_some() {
            continue;
        }
        let row = &row.cells;
        if row.len() != n {
            out.push(
                Diagnostic::error(
                    row_path.clone(),
                    format!(
                        "this row has {} cells; the table has {n} columns",
                        row.len()
                    ),
                )
                .with_hint("give every row one cell per column (write \"\" for an empty cell)"),
            );
        }
        for (j, (cell, col)) in row.iter().zip(&table.columns).enumerate() {
            // A column that shows figures holds computed text ("51,09", "+4,7%").
            if col.numeric
                && col.show.is_none()
                && let Cell::Text(t) = cell
                && !t.trim().is_empty()
                && cell.as_number().is_none()
                && !is_range(t)
            {
                out.push(
                    Diagnostic::error(
                        join_index(&row_path, j),
                        format!(
                            "`{t}` is not a number, but column `{}` is numeric",
                            col.title
                        ),
                    )
                    .with_hint(
                        "write a number: 1200, 3.5, or the Vietnamese way in quotes (\"12.375,3\")",
                    ),
                );
            }
        }
    }
}

/// A range of two numbers, as tables print targets: "1-1,5", "2 – 3".
fn is_range(t: &str) -> bool {
    let mut ends = t.splitn(2, ['-', '–']);
    match (ends.next(), ends.next()) {
        (Some(a), Some(b)) => {
            crate::vi::parse_number(a).is_some() && crate::vi::parse_number(b).is_some()
        }
        _ => false,
    }
}

/// Calls `f` on every block of the document with its YAML path, nested ones included.
pub(super) fn walk_blocks(doc: &Document, f: &mut dyn FnMut(&Block, &str)) {
    fn list(blocks: &[Block], path: &str, f: &mut dyn FnMut(&Block, &str)) {
        for (i, b) in blocks.iter().enumerate() {
            let p = join_index(path, i);
            f(b, &p);
            if let Block::Item { body, .. }
            | Block::Point { body, .. }
            | Block::RunIn { body, .. }
            | Block::Star { body, .. } = b
            {
                list(body, &join_key(&p, "body"), f);
            }
        }
    }
    fn fields(t: &Tasks, path: &str, f: &mut dyn FnMut(&Block, &str)) {
        list(&t.intro, &join_key(path, "intro"), f);
        for (key, blocks) in t.fields() {
            list(blocks, &join_key(path, key.key()), f);
        }
        for (i, s) in t.other.iter().enumerate() {
            list(
                &s.body,
                &join_key(&join_index(&join_key(path, "other"), i), "body"),
                f,
            );
        }
    }
    list(&doc.preamble, "preamble", f);
    if let Some(g) = &doc.goals {
        list(&g.general, "goals.general", f);
        list(&g.requirements, "goals.requirements", f);
        list(&g.body, "goals.body", f);
    }
    if let Some(t) = &doc.tasks {
        fields(t, "tasks", f);
    }
    if let Some(imp) = &doc.implementation {
        list(&imp.intro, "implementation.intro", f);
        for (i, u) in imp.units.iter().enumerate() {
            list(
                &u.tasks,
                &join_key(&join_index("implementation.units", i), "tasks"),
                f,
            );
        }
    }
    list(&doc.funding, "funding", f);
    list(&doc.direction, "direction", f);
    if let Some(r) = &doc.results {
        list(&r.intro, "results.intro", f);
        if let Some(t) = &r.fields {
            fields(t, "results.fields", f);
        }
    }
    if let Some(a) = &doc.assessment {
        list(&a.achievements, "assessment.achievements", f);
        list(&a.limitations, "assessment.limitations", f);
        list(&a.causes, "assessment.causes", f);
    }
    if let Some(t) = &doc.next_tasks {
        fields(t, "next-tasks", f);
    }
    list(&doc.proposals, "proposals", f);
    if let Some(l) = &doc.letter {
        list(&l.opening, "letter.opening", f);
        list(&l.closing, "letter.closing", f);
    }
    if let Some(d) = &doc.decision {
        for (i, a) in d.articles.iter().enumerate() {
            list(
                &a.body,
                &join_key(&join_index("decision.articles", i), "body"),
                f,
            );
        }
    }
    for (key, outline) in [("submission", &doc.submission), ("notice", &doc.notice)] {
        if let Some(o) = outline {
            list(&o.body, &join_key(key, "body"), f);
            for (i, s) in o.sections.iter().enumerate() {
                list(
                    &s.body,
                    &join_key(&join_index(&join_key(key, "sections"), i), "body"),
                    f,
                );
            }
            list(&o.closing, &join_key(key, "closing"), f);
        }
    }
    for (i, a) in doc.appendices.iter().enumerate() {
        list(&a.body, &join_key(&join_index("appendices", i), "body"), f);
    }
    for (i, s) in doc.sections.iter().flatten().enumerate() {
        if let SectionEntry::Own(own) = s {
            list(&own.body, &join_key(&join_index("sections", i), "body"), f);
        }
    }
    list(&doc.closing, "closing", f);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_rows_must_fit_the_columns_and_numeric_cells_be_numbers() {
        let block: Block = serde_yaml::from_str(
            "table: { columns: [ A, { title: B, numeric: true } ], rows: [ [ x ], [ y, z ] ] }",
        )
        .unwrap();
        let mut out = Vec::new();
        check_block(&block, "body[0]", &mut out);
        let paths: Vec<&str> = out.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(paths, ["body[0].table.rows[0]", "body[0].table.rows[1][1]"]);
    }

    #[test]
    fn a_typed_close_mark_is_a_warning_wherever_it_is() {
        let doc: Document = serde_yaml::from_str(
            "kind: cong-van\nissuer: { name: Sở, code: S }\nplace: P\ndate: 2024-03-05\n\
             subject: S\nsignature: { title: Giám đốc, name: A }\narchive: VT\n\
             letter: { tasks: [ a, b./. ], closing: [ { bullets: [ c./. ] } ] }\n",
        )
        .unwrap();
        let mut out = Vec::new();
        walk_blocks(&doc, &mut |b, p| check_block(b, p, &mut out));
        check_close_marks(&doc, &mut out);
        let paths: Vec<&str> = out.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(paths, ["letter.closing[0].bullets[0]", "letter.tasks[1]"]);
        assert!(out.iter().all(|d| !d.is_error()));
    }
}
