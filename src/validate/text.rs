//! Body content: every block of every section, and the shape of tables.

use crate::error::Diagnostic;
use crate::input::{join_index, join_key};
use crate::model::{Block, Cell, Document, Tasks};

/// A table's shape: columns, widths, rows of the right length, numbers in numeric columns.
pub(super) fn check_block(block: &Block, path: &str, out: &mut Vec<Diagnostic>) {
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
            if col.numeric
                && let Cell::Text(t) = cell
                && !t.trim().is_empty()
            {
                out.push(
                    Diagnostic::error(
                        join_index(&row_path, j),
                        format!(
                            "`{t}` is not a number, but column `{}` is numeric",
                            col.title
                        ),
                    )
                    .with_hint("write the number without separators (1200, 3.5)"),
                );
            }
        }
    }
}

/// Calls `f` on every block of the document with its YAML path, nested ones included.
pub(super) fn walk_blocks(doc: &Document, f: &mut dyn FnMut(&Block, &str)) {
    fn list(blocks: &[Block], path: &str, f: &mut dyn FnMut(&Block, &str)) {
        for (i, b) in blocks.iter().enumerate() {
            let p = join_index(path, i);
            f(b, &p);
            if let Block::Item { body, .. } | Block::Point { body, .. } = b {
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
}
