//! Reading a tool's input: a file or stdin (`-`), MLIR text or bytecode.

use std::io::Read;

/// An input, as read.
pub enum Source {
    Text(String),
    /// MLIR bytecode, checked by [`crate::bytecode::check`] (MLIR's reader
    /// may crash or loop on a corrupt file; this one parsed, in a child).
    Bytecode(Vec<u8>),
}

/// Reads `input` (a path, or `-` for stdin); returns the name diagnostics
/// use for it (`<stdin>` for stdin) and its contents. Text must be UTF-8.
pub fn read(input: &str) -> Result<(String, Source), String> {
    let (name, bytes) = if input == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).map_err(|e| format!("cannot read standard input: {e}"))?;
        ("<stdin>".to_string(), bytes)
    } else {
        let bytes = std::fs::read(input).map_err(|e| format!("cannot read '{input}': {e}"))?;
        (input.to_string(), bytes)
    };
    if bytes.starts_with(crate::bytecode::MAGIC) {
        crate::bytecode::check(&bytes, &name)?;
        return Ok((name, Source::Bytecode(bytes)));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "'{name}' is neither UTF-8 text nor MLIR bytecode (invalid UTF-8 at byte offset {})",
            e.utf8_error().valid_up_to()
        )
    })?;
    Ok((name, Source::Text(text)))
}

impl Source {
    /// The bytes MLIR's parser reads.
    pub fn bytes(&self) -> &[u8] {
        match self {
            Source::Text(text) => text.as_bytes(),
            Source::Bytecode(bytes) => bytes,
        }
    }

    /// The text to show in diagnostics and to read `expected-*` comments
    /// from: empty for bytecode, which has no lines.
    pub fn text(&self) -> &str {
        match self {
            Source::Text(text) => text,
            Source::Bytecode(_) => "",
        }
    }
}
