//! Typed pass options: each Rust pass (and `tg-compile`) declares its
//! options once, as a struct ([`pass_options!`]), and gets from that one
//! declaration the catalog entries (`--list-passes`, `--help`, checking of
//! `{key=value}` with suggestions for a misspelt key), parsing into the
//! struct, and printing back as pipeline options. A pass reads its fields;
//! no key is spelt twice, so none can be misspelt.

use crate::framework::options::OptionValues;
use crate::pipeline::PassOption;

/// A type a pass option can have: its name in the catalog (as MLIR's
/// TableGen spells it) and how its text reads and prints.
pub trait OptionType: Sized {
    const MLIR: &'static str;
    fn parse(text: &str) -> Option<Self>;
    fn print(&self) -> String;
}

impl OptionType for bool {
    const MLIR: &'static str = "bool";
    fn parse(text: &str) -> Option<Self> {
        match text {
            "true" | "1" => Some(true),
            "false" | "0" => Some(false),
            _ => None,
        }
    }
    fn print(&self) -> String {
        self.to_string()
    }
}

impl OptionType for u64 {
    const MLIR: &'static str = "unsigned";
    fn parse(text: &str) -> Option<Self> {
        text.parse().ok()
    }
    fn print(&self) -> String {
        self.to_string()
    }
}

impl OptionType for String {
    const MLIR: &'static str = "string";
    fn parse(text: &str) -> Option<Self> {
        Some(text.to_string())
    }
    fn print(&self) -> String {
        self.clone()
    }
}

/// The value of option `key` in `values` (checked against the declared
/// options, so it parses), else `default`.
pub fn read<T: OptionType>(values: &OptionValues, key: &str, default: &str) -> T {
    values
        .given(key)
        .and_then(T::parse)
        .or_else(|| T::parse(default))
        .unwrap_or_else(|| panic!("option '{key}': the declared default '{default}' does not parse"))
}

/// A pipeline option `key=value`, as if written in a pipeline.
pub fn option(key: &str, value: String) -> PassOption {
    PassOption { key: key.to_string(), key_span: 0..0, value: Some(value), value_span: None }
}

/// Declares a pass's options as a struct:
///
/// ```ignore
/// pass_options! {
///     /// What `tg-simplify` takes.
///     pub struct SimplifyOptions {
///         /// Fold transpose(transpose(x)) and identity transposes
///         fold_transposes: bool = "true" as "fold-transposes",
///         /// How many lanes; 0: the host's
///         vector_width: u64 = "0" as "vector-width" in 0..=64,
///     }
/// }
/// ```
///
/// Each field has its doc (the option's description), type, default (as
/// option text), key and, for integers, inclusive bounds checked before any
/// pass is created. The struct gets `INFO` (the catalog entries),
/// `from_values` (validated values into fields), `Default`, and
/// `pass_options` (every field as a `key=value` pipeline option).
#[macro_export]
macro_rules! pass_options {
    (
        $(#[doc = $struct_doc:literal])*
        pub struct $name:ident {
            $(
                #[doc = $doc:literal]
                $field:ident: $ty:ty = $default:literal as $key:literal $(in $low:literal ..= $high:expr)?,
            )*
        }
    ) => {
        $(#[doc = $struct_doc])*
        #[derive(Clone, Debug, PartialEq)]
        pub struct $name {
            $(#[doc = $doc] pub $field: $ty,)*
        }

        impl $name {
            /// The options as the catalog lists and checks them.
            pub const INFO: &'static [$crate::pipeline::catalog::OptionInfo] = &[$(
                $crate::pipeline::catalog::OptionInfo {
                    name: $key,
                    description: $doc.trim_ascii(),
                    ty: <$ty as $crate::framework::pass_options::OptionType>::MLIR,
                    default: $default,
                    is_list: false,
                    range: $crate::pass_options!(@range $($low, $high)?),
                },
            )*];

            /// The fields from `values` (checked against [`Self::INFO`]),
            /// defaults for the options not given.
            pub fn from_values(values: &$crate::framework::options::OptionValues) -> Self {
                Self { $($field: $crate::framework::pass_options::read(values, $key, $default),)* }
            }

            /// Every option as `key=value`, in declaration order.
            pub fn pass_options(&self) -> Vec<$crate::pipeline::PassOption> {
                vec![$($crate::framework::pass_options::option($key, $crate::framework::pass_options::OptionType::print(&self.$field)),)*]
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::from_values(&$crate::framework::options::OptionValues::default())
            }
        }
    };
    (@range) => { None };
    (@range $low:literal, $high:expr) => { Some(($low, $high)) };
}

#[cfg(test)]
mod tests {
    use crate::framework::registry::rust_pipelines;
    use crate::pipelines::tg_compile::CompileOptions;
    use crate::framework::options::OptionValues;
    use crate::pipeline::{parse, Element};
    use crate::framework::registry::rust_passes;
    use crate::schedule::ScheduleOptions;

    /// Every declared default parses as its field's type (`read` panics otherwise).
    #[test]
    fn every_default_parses() {
        for info in rust_passes().iter().map(|p| &p.info).chain(rust_pipelines().iter().map(|p| &p.info)) {
            let values = OptionValues::check(info, &[]).expect("no options given is valid");
            for option in info.options {
                assert!(!option.description.is_empty() && !option.description.starts_with(' '), "{}", option.name);
                assert!(values.given(option.name).is_none());
            }
        }
        let defaults = CompileOptions::default();
        assert_eq!((defaults.opt_level, defaults.threads, defaults.kc, defaults.fuse), (2, 1, 1024, true));
    }

    /// Printed options parse back, through the pipeline syntax and the
    /// option checks, into the same struct.
    #[test]
    fn printed_options_parse_back() {
        let options = ScheduleOptions { threads: 3, kc: 64, file: "s.mlir".into(), ..ScheduleOptions::default() };
        let element = Element::Pass { name: "tg-schedule".into(), span: 0..0, options: options.pass_options(), options_span: None };
        let text = element.to_string();
        assert_eq!(text, "tg-schedule{vector-width=0 threads=3 kc=64 file=s.mlir emit=false embedded-only=false}");
        let Element::Pass { options: parsed, .. } = &parse(&text).expect("parses").elements[0] else { panic!("a pass") };
        let info = &crate::framework::registry::find_rust("tg-schedule").expect("registered").info;
        let values = OptionValues::check_own(info, parsed).expect("valid");
        assert_eq!(ScheduleOptions::from_values(&values), options);
    }

    /// `tg-compile` expands at every level and thread count (each upstream
    /// stage it writes parses: `Stages::upstream` panics otherwise).
    #[test]
    fn tg_compile_expands_everywhere() {
        let info = &rust_pipelines()[0].info;
        for level in 0..=3 {
            for threads in [1, 2] {
                for out_params in [false, true] {
                    let given = parse(&format!("tg-compile{{opt-level={level} threads={threads} out-params={out_params}}}"))
                        .expect("parses");
                    let Element::Pass { options, .. } = &given.elements[0] else { panic!("a pass") };
                    let values = OptionValues::check_own(info, options).expect("valid");
                    let stages = (rust_pipelines()[0].expand)(&values).expect("expands");
                    let text: Vec<String> = stages.iter().map(ToString::to_string).collect();
                    assert_eq!(text.first().map(String::as_str), Some("tg-runtime-checks"));
                    assert_eq!(text.last().map(String::as_str), Some("reconcile-unrealized-casts"));
                    assert_eq!(text.iter().any(|s| s.starts_with("tg-schedule")), level == 3);
                    assert_eq!(text.iter().any(|s| s.contains("openmp")), level == 3 && threads > 1);
                }
            }
        }
    }
}
