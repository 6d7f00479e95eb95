//! A guard in front of MLIR's parser: result numbers of SSA uses.
//!
//! For a forward reference `%x#N`, MLIR's parser makes a placeholder for
//! every result up to `N` before it knows the op: `%x#2147483648` exhausts
//! memory and aborts the process (mlir-opt too; the fuzzer found it). No op
//! has anywhere near a million results, so a larger number is refused here,
//! at its location, before MLIR sees the text.

/// The largest result number accepted in `%x#N`.
pub const MAX_RESULT_NUMBER: u64 = 1 << 20;

/// The 1-based line and column of the first `%x#N` with `N` above
/// [`MAX_RESULT_NUMBER`] in MLIR text, and `N` as written. Strings and
/// `//` comments are skipped.
pub fn first_too_large(text: &[u8]) -> Option<(usize, usize, String)> {
    let (mut line, mut line_start) = (1, 0);
    let mut i = 0;
    while i < text.len() {
        match text[i] {
            b'\n' => {
                line += 1;
                line_start = i + 1;
            }
            b'"' => {
                // A string literal, with backslash escapes (a newline ends it
                // for MLIR's lexer, which then reports the error itself).
                i += 1;
                while i < text.len() && text[i] != b'"' && text[i] != b'\n' {
                    i += if text[i] == b'\\' { 2 } else { 1 };
                }
                if i < text.len() && text[i] == b'\n' {
                    continue;
                }
            }
            b'/' if text.get(i + 1) == Some(&b'/') => {
                while i < text.len() && text[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'%' => {
                let start = i;
                i += 1;
                while i < text.len() && (text[i].is_ascii_alphanumeric() || b"_$.-".contains(&text[i])) {
                    i += 1;
                }
                if text.get(i) == Some(&b'#') {
                    let digits_start = i + 1;
                    let mut end = digits_start;
                    while end < text.len() && text[end].is_ascii_digit() {
                        end += 1;
                    }
                    let digits = &text[digits_start..end];
                    let too_large = digits.len() > 19
                        || std::str::from_utf8(digits).ok().and_then(|d| d.parse::<u64>().ok()).is_some_and(|n| n > MAX_RESULT_NUMBER);
                    if too_large {
                        let number = String::from_utf8_lossy(digits).into_owned();
                        return Some((line, start - line_start + 1, number));
                    }
                    i = end;
                }
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    None
}
