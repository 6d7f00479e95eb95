//! `--split-input-file`: cutting one buffer into independent chunks at a
//! marker line (default `// -----`), remembering where each chunk starts so
//! diagnostics keep the line numbers of the whole file.

/// The marker mlir-opt uses by default, for input and output.
pub const DEFAULT_MARKER: &str = "// -----";

/// One chunk of a split buffer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunk<'a> {
    pub text: &'a str,
    /// Lines before the chunk in the whole buffer (0 for the first chunk).
    pub line_offset: usize,
}

impl Chunk<'_> {
    /// The chunk's text preceded by `line_offset` empty lines, so that a
    /// parser reports positions as lines of the whole file.
    pub fn text_at_original_lines(&self) -> String {
        let mut padded = "\n".repeat(self.line_offset);
        padded.push_str(self.text);
        padded
    }
}

/// Splits `source` at lines whose trimmed text is exactly `marker`.
/// The marker lines belong to no chunk.
pub fn split<'a>(source: &'a str, marker: &str) -> Vec<Chunk<'a>> {
    let mut chunks = Vec::new();
    let (mut start, mut start_line, mut line) = (0, 0, 0);
    let mut offset = 0;
    for raw in source.split_inclusive('\n') {
        if raw.trim() == marker {
            chunks.push(Chunk { text: &source[start..offset], line_offset: start_line });
            start = offset + raw.len();
            start_line = line + 1;
        }
        offset += raw.len();
        line += 1;
    }
    chunks.push(Chunk { text: &source[start..], line_offset: start_line });
    chunks
}

/// Joins the outputs of the chunks as mlir-opt does (`llvm::interleave`
/// with `MARKER\n` between them): each output already ends in its own
/// newlines, and nothing follows the last one.
pub fn merge(outputs: &[String], marker: &str) -> String {
    outputs.join(&format!("{marker}\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_keeps_line_offsets() {
        let source = "a\nb\n// -----\nc\n  // -----  \nd";
        let chunks = split(source, DEFAULT_MARKER);
        assert_eq!(
            chunks,
            vec![
                Chunk { text: "a\nb\n", line_offset: 0 },
                Chunk { text: "c\n", line_offset: 3 },
                Chunk { text: "d", line_offset: 5 },
            ]
        );
        assert_eq!(chunks[1].text_at_original_lines(), "\n\n\nc\n");
    }

    #[test]
    fn no_marker_is_one_chunk() {
        assert_eq!(split("x\n", DEFAULT_MARKER), vec![Chunk { text: "x\n", line_offset: 0 }]);
    }

    #[test]
    fn merges_like_mlir_opt() {
        // A printed op is followed by an empty line; a failed chunk prints nothing.
        let outputs = ["A\n\n".to_string(), "B\n\n".to_string(), String::new()];
        assert_eq!(merge(&outputs, DEFAULT_MARKER), "A\n\n// -----\nB\n\n// -----\n");
        assert_eq!(merge(&outputs[..1], DEFAULT_MARKER), "A\n\n");
    }
}
