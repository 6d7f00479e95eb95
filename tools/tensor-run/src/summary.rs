//! `--print`: each result's type and a short summary of its values.
//!
//! ```text
//! result #0: tensor<2x2xf32> (4 elements)
//!   min -2 max 4 mean 1.5
//!   first [1, -2, 3, 4]
//! ```
//!
//! Values print in their own type's shortest round-trip form (with an
//! exponent below 1e-4 and from 1e16 on); the mean is
//! computed in f64 and printed with 6 significant digits; NaNs are left out
//! of min/max/mean and counted.

use std::fmt::{Display, Write as _};
use tg_interpreter::Tensor;

/// How many leading values `--print` shows.
pub const FIRST: usize = 8;

/// The summary of result `index`.
pub fn summarize(index: usize, tensor: &Tensor) -> String {
    let lines = match tensor {
        Tensor::F32(a) => stats(a.iter().copied(), |v| v.is_nan(), |v| v as f64, |v| float(v, v as f64)),
        Tensor::F64(a) => stats(a.iter().copied(), |v| v.is_nan(), |v| v, |v| float(v, v)),
        Tensor::I32(a) => stats(a.iter().copied(), |_| false, |v| v as f64, |v| v.to_string()),
        Tensor::I64(a) => stats(a.iter().copied(), |_| false, |v| v as f64, |v| v.to_string()),
    };
    let count: usize = tensor.shape().iter().product();
    let plural = if count == 1 { "" } else { "s" };
    format!("result #{index}: {} ({count} element{plural})\n{lines}", tensor.type_string())
}

/// Shortest round-trip form; in exponent form below 1e-4 and from 1e16 on.
fn float<T: Display + std::fmt::LowerExp>(value: T, magnitude: f64) -> String {
    let magnitude = magnitude.abs();
    if magnitude != 0.0 && magnitude.is_finite() && !(1e-4..1e16).contains(&magnitude) {
        format!("{value:e}")
    } else {
        value.to_string()
    }
}

fn stats<T: Copy + PartialOrd>(
    values: impl Iterator<Item = T>,
    is_nan: impl Fn(T) -> bool,
    to_f64: impl Fn(T) -> f64,
    show: impl Fn(T) -> String,
) -> String {
    let (mut min, mut max, mut sum, mut counted, mut nans) = (None::<T>, None::<T>, 0.0f64, 0usize, 0usize);
    let mut first = Vec::new();
    for v in values {
        if first.len() < FIRST {
            first.push(show(v));
        }
        if is_nan(v) {
            nans += 1;
            continue;
        }
        min = Some(match min {
            Some(m) if m <= v => m,
            _ => v,
        });
        max = Some(match max {
            Some(m) if m >= v => m,
            _ => v,
        });
        sum += to_f64(v);
        counted += 1;
    }
    let mut out = String::new();
    match (min, max) {
        (Some(min), Some(max)) => {
            let mean = sum / counted as f64;
            let _ = write!(out, "  min {} max {} mean {}", show(min), show(max), significant(mean, 6));
        }
        _ => out.push_str("  min - max - mean -"),
    }
    if nans > 0 {
        let _ = write!(out, " ({nans} NaN)");
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "  first [{}]", first.join(", "));
    out
}

/// `value` rounded to `digits` significant digits, without trailing zeros.
fn significant(value: f64, digits: usize) -> String {
    if value == 0.0 || !value.is_finite() {
        return format!("{value}");
    }
    let magnitude = value.abs().log10().floor() as i32;
    if !(-4..16).contains(&magnitude) {
        let text = format!("{value:.prec$e}", prec = digits - 1);
        let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
        let mantissa = if mantissa.contains('.') { mantissa.trim_end_matches('0').trim_end_matches('.') } else { mantissa };
        return format!("{mantissa}e{exponent}");
    }
    let decimals = (digits as i32 - 1 - magnitude).max(0) as usize;
    let text = format!("{value:.decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}
