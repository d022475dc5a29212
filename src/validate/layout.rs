//! Page layout within the ranges of Nghị định 30 (defined in [`crate::nd30`]).

use crate::error::Diagnostic;
use crate::model::Layout;
use crate::nd30;

/// The layout within the decree's ranges; a font family, if named, not empty.
pub(super) fn check_layout(layout: &Layout, out: &mut Vec<Diagnostic>) {
    if layout.font.as_deref().is_some_and(|f| f.trim().is_empty()) {
        out.push(
            Diagnostic::error("layout.font", "the font family is empty").with_hint(
                "name a family (`Times New Roman`, with --font-dir), or leave `font` out for Liberation Serif",
            ),
        );
    }
    let m = &layout.margins;
    let ranges = [
        ("layout.margins.top", m.top, nd30::MARGIN_TOP),
        ("layout.margins.bottom", m.bottom, nd30::MARGIN_BOTTOM),
        ("layout.margins.left", m.left, nd30::MARGIN_LEFT),
        ("layout.margins.right", m.right, nd30::MARGIN_RIGHT),
        ("layout.font-size", layout.font_size, nd30::FONT_SIZE),
        (
            "layout.line-spacing",
            layout.line_spacing,
            nd30::LINE_SPACING,
        ),
        ("layout.indent", layout.indent, nd30::INDENT),
    ];
    for (path, value, range) in ranges {
        let nd30::Range {
            min: lo,
            max: hi,
            unit,
            ..
        } = range;
        if !(lo..=hi).contains(&value) {
            out.push(
                Diagnostic::error(
                    path,
                    format!("{value} {unit} is outside Nghị định 30's range"),
                )
                .with_hint(format!("use a value from {lo} to {hi} {unit}")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_forms_layout_passes_and_each_range_is_enforced() {
        let mut out = Vec::new();
        check_layout(&Layout::default(), &mut out);
        assert!(out.is_empty(), "{out:?}");
        let mut l = Layout::default();
        l.margins.left = 25.0;
        l.font_size = 12.0;
        check_layout(&l, &mut out);
        let paths: Vec<&str> = out.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(paths, ["layout.margins.left", "layout.font-size"]);
        assert_eq!(out[0].hint.as_deref(), Some("use a value from 30 to 35 mm"));
    }
}
