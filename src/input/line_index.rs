//! Where each line of a file starts: built once per file, then byte offsets become 1-based
//! lines and columns (and back) without rescanning the text.
//!
//! Diagnostics ([`crate::diag::Files`]), the evaluator's line numbers, CEL error positions and
//! `report --from`'s JSON errors all go through this one index. Columns count characters, not
//! bytes, as an editor shows them.

use std::ops::Range;

/// The byte offsets at which the lines of one text start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineIndex {
    /// `starts[i]` is the offset of line `i + 1`; the first is always 0.
    starts: Vec<usize>,
    /// The length of the text in bytes.
    len: usize,
}

impl LineIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> LineIndex {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex {
            starts,
            len: text.len(),
        }
    }

    /// The number of lines (a text ending in a newline has an empty last line).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The 1-based line of a byte offset (an offset past the end is on the last line).
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset).max(1)
    }

    /// The bytes of a 1-based line, its newline included; `None` past the last line.
    pub fn line_range(&self, line: usize) -> Option<Range<usize>> {
        let start = *self.starts.get(line.checked_sub(1)?)?;
        let end = self.starts.get(line).copied().unwrap_or(self.len);
        Some(start..end)
    }

    /// The 1-based line and column (in characters) of a byte offset in `text`, the text this
    /// index was built from. An offset past the end, or inside a character, is moved back.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let start = self.starts.get(line - 1).copied().unwrap_or(0).min(offset);
        let col = text.get(start..offset).map_or(0, |s| s.chars().count()) + 1;
        (line, col)
    }

    /// The byte offset of a 1-based line and column (in characters) in `text`, the text this
    /// index was built from. A column past the end of its line gives the line's end (after its
    /// newline); a line past the last gives `None`. Line and column 0 count as 1.
    pub fn offset(&self, text: &str, line: usize, col: usize) -> Option<usize> {
        let range = self.line_range(line.max(1))?;
        let l = text.get(range.clone())?;
        let within = l
            .char_indices()
            .nth(col.saturating_sub(1))
            .map_or(l.len(), |(i, _)| i);
        Some(range.start + within)
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "ab\ncé\n\nlast";

    #[test]
    fn lines_of_offsets() {
        let idx = LineIndex::new(TEXT);
        assert_eq!(idx.line_count(), 4);
        assert_eq!(idx.line_of(0), 1);
        assert_eq!(idx.line_of(2), 1); // the newline belongs to its line
        assert_eq!(idx.line_of(3), 2);
        assert_eq!(idx.line_of(7), 3);
        assert_eq!(idx.line_of(9), 4);
        assert_eq!(idx.line_of(999), 4);
    }

    #[test]
    fn columns_count_characters() {
        let idx = LineIndex::new(TEXT);
        assert_eq!(idx.line_col(TEXT, 0), (1, 1));
        // "é" is two bytes: the newline after it is column 3, not 4.
        assert_eq!(idx.line_col(TEXT, 6), (2, 3));
        // Inside "é": moved back to its start.
        assert_eq!(idx.line_col(TEXT, 5), (2, 2));
        assert_eq!(idx.line_col(TEXT, 999), (4, 5));
        assert_eq!(LineIndex::new("").line_col("", 0), (1, 1));
    }

    #[test]
    fn offsets_of_lines_and_columns_round_trip() {
        let idx = LineIndex::new(TEXT);
        for offset in (0..=TEXT.len()).filter(|&o| TEXT.is_char_boundary(o)) {
            let (line, col) = idx.line_col(TEXT, offset);
            assert_eq!(idx.offset(TEXT, line, col), Some(offset), "{offset}");
        }
        assert_eq!(idx.offset(TEXT, 1, 99), Some(3));
        assert_eq!(idx.offset(TEXT, 0, 0), Some(0));
        assert_eq!(idx.offset(TEXT, 5, 1), None);
    }
}
