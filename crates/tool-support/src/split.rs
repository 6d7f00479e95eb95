//! `--split-input-file`: cutting one buffer into independent chunks at a
//! marker (default `// -----`) exactly where mlir-opt cuts it, remembering
//! where each chunk starts so diagnostics keep the positions of the whole file.

/// The marker mlir-opt uses by default, for input and output.
pub const DEFAULT_MARKER: &str = "// -----";

/// How many of the marker's last characters mlir-opt checks apart, to warn
/// about near misses (`// ----`).
const CHECK_LEN: usize = 2;

/// One chunk of a split buffer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunk<'a> {
    pub text: &'a str,
    /// Lines before the chunk in the whole buffer (0 for the first chunk).
    pub line_offset: usize,
    /// Bytes before the chunk on its first line: a chunk starts just after
    /// a marker, usually with the rest of the marker's line.
    pub col_offset: usize,
}

impl Chunk<'_> {
    /// The chunk's text preceded by `line_offset` empty lines and
    /// `col_offset` spaces, so that a parser reports positions in the whole file.
    pub fn text_at_original_lines(&self) -> String {
        let mut padded = "\n".repeat(self.line_offset);
        padded.push_str(&" ".repeat(self.col_offset));
        padded.push_str(self.text);
        padded
    }

    /// The 1-based line and column the chunk starts at.
    pub fn start(&self) -> (usize, usize) {
        (self.line_offset + 1, self.col_offset + 1)
    }
}

/// The chunks of a buffer, and the 1-based positions of near misses of the
/// marker (mlir-opt warns about each).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    pub chunks: Vec<Chunk<'a>>,
    pub near_misses: Vec<(usize, usize)>,
}

/// Splits `source` as mlir-opt's `splitAndProcessBuffer` does: at every
/// occurrence of `marker` without its last two characters, anywhere on a
/// line; an occurrence counts only where those two follow and something
/// other than `0` comes after them (MLIR's test; `// ------` counts), else
/// it is a near miss and stays in its chunk. An empty piece takes the next
/// one whole, so a buffer starting with the marker keeps its `--`, and an
/// empty buffer has no chunks.
pub fn split<'a>(source: &'a str, marker: &str) -> Split<'a> {
    let (prefix, check) = match marker.len().checked_sub(CHECK_LEN) {
        Some(cut) if cut > 0 && marker.is_char_boundary(cut) => marker.split_at(cut),
        _ => (marker, ""),
    };
    let mut ranges = Vec::new();
    let mut misses = Vec::new();
    let mut prev = 0..0;
    let mut offset = 0;
    for piece in source.split(prefix) {
        let here = offset..offset + piece.len();
        offset = here.end + prefix.len();
        if prev.is_empty() {
            prev = here;
        } else if piece.starts_with(check) && piece.len() > check.len() && piece.as_bytes()[check.len()] != b'0' {
            ranges.push(prev);
            prev = here.start + check.len()..here.end;
        } else {
            misses.push(here.start);
            prev = prev.start..here.end;
        }
    }
    if !prev.is_empty() {
        ranges.push(prev);
    }
    let chunks = ranges
        .into_iter()
        .map(|range| {
            let (line_offset, col_offset) = position(source, range.start);
            Chunk { text: &source[range], line_offset, col_offset }
        })
        .collect();
    let near_misses = misses
        .into_iter()
        .map(|at| {
            let (line, col) = position(source, at);
            (line + 1, col + 1)
        })
        .collect();
    Split { chunks, near_misses }
}

/// Lines before byte `at`, and bytes before it on its line.
fn position(source: &str, at: usize) -> (usize, usize) {
    let before = &source[..at];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (before.matches('\n').count(), at - line_start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(split: &Split<'a>) -> Vec<&'a str> {
        split.chunks.iter().map(|c| c.text).collect()
    }

    #[test]
    fn splits_and_keeps_positions() {
        let source = "a\nb\n// -----\nc\n  // -----  \nd";
        let split = split(source, DEFAULT_MARKER);
        assert_eq!(
            split.chunks,
            vec![
                Chunk { text: "a\nb\n", line_offset: 0, col_offset: 0 },
                Chunk { text: "\nc\n  ", line_offset: 2, col_offset: 8 },
                Chunk { text: "  \nd", line_offset: 4, col_offset: 10 },
            ]
        );
        assert_eq!(split.chunks[1].text_at_original_lines(), "\n\n        \nc\n  ");
        assert_eq!(split.chunks[1].start(), (3, 9));
        assert!(split.near_misses.is_empty());
    }

    #[test]
    fn no_marker_is_one_chunk() {
        assert_eq!(texts(&split("x\n", DEFAULT_MARKER)), ["x\n"]);
    }

    #[test]
    fn near_misses_stay_in_their_chunk() {
        // `// ----` and a marker followed by `0` or by the end do not split.
        let split = split("a\n// ----\nb\n// -----0\nc\n// -----", DEFAULT_MARKER);
        assert_eq!(texts(&split), ["a\n// ----\nb\n// -----0\nc\n// -----"]);
        assert_eq!(split.near_misses, vec![(2, 7), (4, 7), (6, 7)]);
    }

    #[test]
    fn mlir_opt_quirks() {
        // A marker inside a line splits it; six dashes split, leaving one.
        assert_eq!(texts(&split("a // -----\nb\n// ------\nc", DEFAULT_MARKER)), ["a ", "\nb\n", "-\nc"]);
        // A buffer starting with the marker keeps the marker's last two characters.
        assert_eq!(texts(&split("// -----\na", DEFAULT_MARKER)), ["--\na"]);
        assert!(split("", DEFAULT_MARKER).chunks.is_empty());
    }
}
