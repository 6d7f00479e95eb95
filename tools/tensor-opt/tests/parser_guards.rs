//! The guards tg_dialect puts in front of MLIR's parser (the crate has no
//! test binary of its own: each one links MLIR).

use tg_dialect::result_numbers::first_too_large;

#[test]
fn finds_huge_result_numbers_outside_strings_and_comments() {
    assert_eq!(first_too_large(b"return %r#2147483648 : f32"), Some((1, 8, "2147483648".into())));
    assert_eq!(first_too_large(b"a\n  %x = foo %r#99999999999999999999999"), Some((2, 12, "99999999999999999999999".into())));
    assert_eq!(first_too_large(b"%r#1048576 %s#12"), None);
    assert_eq!(first_too_large(b"\"%r#2147483648\" // %r#2147483648\n"), None);
    assert_eq!(first_too_large(b"\"a\\\"%r#2147483648\""), None);
    assert_eq!(first_too_large(b"%r#1048577"), Some((1, 1, "1048577".into())));
}
