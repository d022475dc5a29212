//! Limits on the size and shape of an input, each far above any real
//! document and each with a clear error: a hostile or broken input is
//! refused before it can make typesetting hang or exhaust memory.

use super::source_map::Shape;
use crate::error::Diagnostic;

/// The deepest nesting of mappings and lists. A plan's deepest content
/// (an a) point in a 1.1. item in a field's tasks, with bullets) is about 14.
pub const MAX_DEPTH: usize = 32;

/// The most entries in one list: items, bullets, table rows, recipients.
pub const MAX_LIST: usize = 2_000;

/// The most values in one input (every text, number, mapping and list).
pub const MAX_NODES: usize = 50_000;

/// The longest text value, in characters: some eight pages of one paragraph.
pub const MAX_TEXT: usize = 20_000;

/// Every limit the input's shape exceeds.
pub fn check(shape: &Shape) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if shape.depth > MAX_DEPTH {
        out.push(
            Diagnostic::error(
                "",
                format!(
                    "the input nests {} levels deep; the limit is {MAX_DEPTH}",
                    shape.depth
                ),
            )
            .with_hint("flatten the content: items nest at most a few levels in a real document"),
        );
    }
    let (len, path) = &shape.longest_list;
    if *len > MAX_LIST {
        out.push(
            Diagnostic::error(
                path.clone(),
                format!("this list has {len} entries; the limit is {MAX_LIST}"),
            )
            .with_hint("split it, or put the data in separate documents"),
        );
    }
    if shape.nodes > MAX_NODES {
        out.push(
            Diagnostic::error(
                "",
                format!(
                    "the input has {} values; the limit is {MAX_NODES}",
                    shape.nodes
                ),
            )
            .with_hint("split the document, or move large tables into separate documents"),
        );
    }
    let (chars, path) = &shape.longest_text;
    if *chars > MAX_TEXT {
        out.push(
            Diagnostic::error(
                path.clone(),
                format!("this text is {chars} characters long; the limit is {MAX_TEXT}"),
            )
            .with_hint("split it into paragraphs: a list of texts, one per paragraph"),
        );
    }
    out
}

/// The nesting at which [`prescan_depth`] stops reading: twice
/// [`MAX_DEPTH`], far below where the YAML parsers slow down (their cost
/// grows with the square of the depth) or exhaust their stack.
pub const PRESCAN_DEPTH: usize = 2 * MAX_DEPTH;

/// A linear scan of the raw text, before any parser sees it: the line and
/// column where the nesting of block indentation, `- ` / `? ` indicators
/// and flow brackets first passes [`PRESCAN_DEPTH`], if it does. It counts
/// generously (a level per indentation step), so it never misses a deep
/// input; inputs between the limit and the scan's threshold are measured
/// exactly by the source map.
pub fn prescan_depth(text: &str) -> Option<(usize, usize)> {
    let mut indents: Vec<usize> = Vec::new();
    let mut flow = 0usize;
    // Inside a quoted scalar that runs over lines: its quote character.
    let mut quote: Option<char> = None;
    // Inside a block scalar (`|`, `>`): the indentation of its parent line.
    let mut block_scalar: Option<usize> = None;
    for (n, line) in text.lines().enumerate() {
        let chars: Vec<char> = line.chars().collect();
        let indent = chars.iter().take_while(|c| **c == ' ').count();
        let blank = chars[indent..].iter().all(|c| c.is_whitespace());
        if let Some(parent) = block_scalar {
            if blank || indent > parent {
                continue;
            }
            block_scalar = None;
        }
        let mut i = indent;
        if quote.is_none() && flow == 0 {
            if blank || chars.get(indent) == Some(&'#') {
                continue;
            }
            while indents.last().is_some_and(|&top| top >= indent) {
                indents.pop();
            }
            indents.push(indent);
            // `- - - x` and `? ? x`: a level per indicator.
            while matches!(chars.get(i), Some('-' | '?'))
                && chars.get(i + 1).is_none_or(|c| *c == ' ' || *c == '\t')
            {
                i += 1;
                while matches!(chars.get(i), Some(' ' | '\t')) {
                    i += 1;
                }
                indents.push(i);
                if indents.len() > PRESCAN_DEPTH {
                    return Some((n + 1, i + 1));
                }
            }
        }
        let mut prev = ' ';
        while i < chars.len() {
            let c = chars[i];
            match quote {
                Some('"') if c == '\\' => i += 1,
                Some(q) if c == q => {
                    if q == '\'' && chars.get(i + 1) == Some(&'\'') {
                        i += 1;
                    } else {
                        quote = None;
                    }
                }
                Some(_) => {}
                None => {
                    let at_start = matches!(prev, ' ' | '\t' | '[' | '{' | ',' | ':');
                    match c {
                        '#' if prev == ' ' || prev == '\t' || i == 0 => break,
                        '"' | '\'' if at_start => quote = Some(c),
                        '[' | '{' if at_start || flow > 0 => {
                            flow += 1;
                            if indents.len() + flow > PRESCAN_DEPTH {
                                return Some((n + 1, i + 1));
                            }
                        }
                        ']' | '}' if flow > 0 => flow -= 1,
                        '|' | '>' if at_start && flow == 0 => {
                            block_scalar = Some(indent);
                            break;
                        }
                        _ => {}
                    }
                }
            }
            prev = c;
            i += 1;
        }
        if indents.len() + flow > PRESCAN_DEPTH {
            return Some((n + 1, 1));
        }
    }
    None
}

/// The error for an input [`prescan_depth`] stopped reading.
pub fn too_deep(line: usize, column: usize) -> Diagnostic {
    Diagnostic::error(
        "",
        format!(
            "the input nests more than {MAX_DEPTH} levels deep here (reading stopped at {PRESCAN_DEPTH}); the limit is {MAX_DEPTH}"
        ),
    )
    .at(line, column)
    .with_hint("flatten the content: items nest at most a few levels in a real document")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prescan_passes_real_shapes_and_stops_deep_ones() {
        let plan =
            "a:\n  b:\n    - c: 1\n      d: [1, {e: 2}]\n    - \"x: [[[[\"\n  t: |\n    [[[[[[\n";
        assert_eq!(prescan_depth(plan), None);
        let flow = format!("a: {}{}", "[".repeat(300), "]".repeat(300));
        assert_eq!(prescan_depth(&flow), Some((1, 4 + PRESCAN_DEPTH - 1)));
        let dashes = format!("a:\n  {}x\n", "- ".repeat(1000));
        assert!(prescan_depth(&dashes).is_some_and(|(line, _)| line == 2));
        let braces = format!("a: {}1{}", "{a: ".repeat(100), "}".repeat(100));
        assert!(prescan_depth(&braces).is_some());
        let quoted = format!("a: \"{}\"\nb: '{}'", "[".repeat(300), "{".repeat(300));
        assert_eq!(prescan_depth(&quoted), None);
    }
}
