//! Typed values of a pass's `{key=value ...}` options, checked against the
//! pass's declared options before any pass is created.

use crate::pipeline::catalog::{suggest, OptionInfo, PassInfo};
use crate::pipeline::{PassOption, PipelineError};
use std::collections::BTreeMap;

/// The most threads a schedule splits work into: beyond this OpenMP's
/// runtime aborts, and no machine tensor-opt targets has more cores.
pub const MAX_THREADS: i64 = 1024;

/// Validated option values of one pass instance; missing keys take defaults.
#[derive(Debug, Clone, Default)]
pub struct OptionValues {
    values: BTreeMap<&'static str, String>,
    declared: &'static [OptionInfo],
}

impl OptionValues {
    /// Checks `given` against `info`'s options: unknown keys (with the
    /// nearest declared key as help) and values of the wrong type are errors.
    pub fn check(info: &PassInfo, given: &[PassOption]) -> Result<Self, PipelineError> {
        let mut values = BTreeMap::new();
        for option in given {
            let Some(declared) = info.option(&option.key) else {
                let names = info.options.iter().map(|o| o.name);
                let help = match suggest(&option.key, names) {
                    Some(near) => format!("did you mean '{near}'?"),
                    None if info.options.is_empty() => format!("'{}' takes no options", info.name),
                    None => format!(
                        "'{}' takes: {}",
                        info.name,
                        info.options
                            .iter()
                            .map(|o| o.name)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                return Err(PipelineError {
                    message: format!("'{}' has no option '{}'", info.name, option.key),
                    span: option.key_span.clone(),
                    help: Some(help),
                });
            };
            let value = option.value.clone().unwrap_or_else(|| "true".to_string());
            let span = option.value_span.clone().unwrap_or(option.key_span.clone());
            if let Err(expected) = check_value(declared, &value) {
                return Err(PipelineError {
                    message: format!(
                        "option '{}' of '{}' expects {expected}, got '{value}'",
                        declared.name, info.name
                    ),
                    span,
                    help: None,
                });
            }
            values.insert(declared.name, value);
        }
        Ok(OptionValues {
            values,
            declared: info.options,
        })
    }

    /// [`check`](Self::check) for tensor-opt's own passes and pipelines, which
    /// also refuse an option given twice (upstream passes, as in mlir-opt,
    /// take the last).
    pub fn check_own(info: &PassInfo, given: &[PassOption]) -> Result<Self, PipelineError> {
        for (i, option) in given.iter().enumerate() {
            if let Some(first) = given[..i].iter().find(|o| o.key == option.key) {
                return Err(PipelineError {
                    message: format!("option '{}' of '{}' is given twice", option.key, info.name),
                    span: option.key_span.clone(),
                    help: Some(format!(
                        "keep one of '{}' and '{}'",
                        first,
                        option
                    )),
                });
            }
        }
        Self::check(info, given)
    }

    /// The text of option `name` as given (not its default).
    pub fn given(&self, name: &str) -> Option<&str> {
        self.values.get(name).map(String::as_str)
    }

    /// Every declared option as `key=value` (given, else default), in
    /// declaration order: how `--dump-pass-pipeline` shows a Rust pass.
    pub fn effective(&self) -> Vec<String> {
        self.declared.iter().map(|o| format!("{}={}", o.name, self.text(o.name).unwrap_or_default())).collect()
    }

    /// An option's text: given, else its declared default.
    fn text(&self, name: &str) -> Option<&str> {
        self.values.get(name).map(String::as_str).or_else(|| {
            self.declared
                .iter()
                .find(|o| o.name == name)
                .map(|o| o.default)
        })
    }

    /// A boolean option's value (given, else declared default, else false).
    pub fn bool(&self, name: &str) -> bool {
        matches!(self.text(name), Some("true" | "1"))
    }

    /// A string option's value (given, else declared default, else empty).
    pub fn string(&self, name: &str) -> String {
        self.text(name).unwrap_or_default().to_string()
    }

    /// An integer option's value (given, else declared default, else 0).
    pub fn int(&self, name: &str) -> i64 {
        self.text(name).and_then(|t| t.parse().ok()).unwrap_or(0)
    }
}

/// `Err(what was expected)` if `value` does not parse as the option's type
/// or lies outside its declared range. Only the scalar types MLIR's option
/// parser itself checks are checked; enums and strings are left to MLIR.
fn check_value(option: &OptionInfo, value: &str) -> Result<(), String> {
    if option.is_list {
        return Ok(());
    }
    if let Some((low, high)) = option.range {
        return match value.parse::<i64>() {
            Ok(v) if (low..=high).contains(&v) => Ok(()),
            _ => Err(format!("an integer from {low} to {high}")),
        };
    }
    check_type(option, value).map_err(str::to_string)
}

fn check_type(option: &OptionInfo, value: &str) -> Result<(), &'static str> {
    match option.ty {
        "bool" if !matches!(value, "true" | "false" | "1" | "0") => Err("true or false"),
        "unsigned" | "uint64_t" | "uint32_t" | "size_t" if value.parse::<u64>().is_err() => {
            Err("a non-negative integer")
        }
        "int" | "int64_t" | "int32_t" if value.parse::<i64>().is_err() => Err("an integer"),
        "double" | "float" if value.parse::<f64>().is_err() => Err("a number"),
        _ => Ok(()),
    }
}
