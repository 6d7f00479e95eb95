//! Random valid `.tc` functions: statements of every kind the language has
//! (pure maps, broadcasts, transposes, reductions of each kind, `+=`,
//! windows with `where`, padded reads, contractions) over tensors of small
//! fixed shapes, with expressions that stay finite. Each is compiled at
//! opt-levels 0 and 3 and checked against the language's evaluator.

use super::generate::Random;
use std::fmt::Write as _;

/// A tensor so far: its name and shape.
struct Defined {
    name: String,
    shape: Vec<i64>,
}

pub struct TcFunction {
    pub text: String,
}

/// A function of up to `statements` statements.
pub fn function(rng: &mut Random, statements: usize) -> TcFunction {
    let (n, m) = (rng.range(1, 6), rng.range(1, 7));
    let mut tensors = vec![
        Defined { name: "a".into(), shape: vec![n, m] },
        Defined { name: "b".into(), shape: vec![n, m] },
        Defined { name: "v".into(), shape: vec![m] },
    ];
    let mut body = String::new();
    let count = 1 + rng.below(statements);
    for s in 0..count {
        let name = format!("t{s}");
        let (line, shape) = statement(rng, &tensors, &name);
        let _ = writeln!(body, "  {line}");
        tensors.push(Defined { name, shape });
    }
    let last = &tensors[tensors.len() - 1];
    let text = format!(
        "def g(a: f32[{n}, {m}], b: f32[{n}, {m}], v: f32[{m}], s: f32) -> ({}) {{\n{body}}}\n",
        last.name
    );
    TcFunction { text }
}

/// Index names for a shape's dimensions.
fn indices(rank: usize) -> Vec<&'static str> {
    ["i", "j", "k"][..rank].to_vec()
}

/// A value over `idx` reading tensors of shape `shape` (or its last dim).
fn value(rng: &mut Random, tensors: &[Defined], shape: &[i64], idx: &[&str], depth: usize) -> String {
    let same: Vec<&Defined> = tensors.iter().filter(|t| t.shape == shape).collect();
    let leaf = |rng: &mut Random| -> String {
        match rng.below(5) {
            0 => format!("{:.2}", rng.range(-20, 20) as f64 / 10.0),
            1 => "s".to_string(),
            2 if shape.len() == 2 && shape[1] == tensors[2].shape[0] => format!("v[{}]", idx[1]),
            _ if !same.is_empty() => format!("{}[{}]", rng.pick(&same).name, idx.join(", ")),
            _ => "1.5".to_string(),
        }
    };
    if depth == 0 || rng.chance(30) {
        return leaf(rng);
    }
    let x = value(rng, tensors, shape, idx, depth - 1);
    let y = value(rng, tensors, shape, idx, depth - 1);
    match rng.below(11) {
        0 => format!("({x} + {y})"),
        1 => format!("({x} - {y})"),
        2 => format!("({x} * {y})"),
        3 => format!("max({x}, {y})"),
        4 => format!("min({x}, {y})"),
        5 => format!("tanh({x})"),
        6 => format!("sigmoid({x})"),
        7 => format!("abs({x})"),
        8 => format!("where({x} > {y}, {x}, {y})"),
        9 => format!("sqrt(abs({x}) + 1)"),
        _ => format!("-{x}"),
    }
}

/// A value that reads `source` at every index (which bounds them all).
fn bounded(rng: &mut Random, tensors: &[Defined], source: &Defined, idx: &[&str], depth: usize) -> String {
    let read = format!("{}[{}]", source.name, idx.join(", "));
    let other = value(rng, tensors, &source.shape, idx, depth);
    match rng.below(4) {
        0 => format!("{read} + {other}"),
        1 => format!("{read} * {other}"),
        2 => format!("max({read}, {other})"),
        _ => format!("{other} - {read}"),
    }
}

fn statement(rng: &mut Random, tensors: &[Defined], name: &str) -> (String, Vec<i64>) {
    let source = rng.pick(tensors);
    let shape = source.shape.clone();
    let idx = indices(shape.len());
    match rng.below(8) {
        // A pure map.
        0 | 1 => (format!("{name}[{}] = {}", idx.join(", "), bounded(rng, tensors, source, &idx, 3)), shape),
        // A reduction over the last dimension, of each kind.
        2 if shape.len() == 2 => {
            let op = rng.pick(&["+=!", "*=!", "max=!", "min=!"]);
            let read = format!("{}[i, j]", source.name);
            let term = if *op == "*=!" { format!("sigmoid({read}) + 0.5") } else { read };
            (format!("{name}[i] {op} {term}"), vec![shape[0]])
        }
        // A transpose.
        3 if shape.len() == 2 => (format!("{name}[j, i] = {}[i, j]", source.name), vec![shape[1], shape[0]]),
        // A window along the last dimension, given by `where`.
        4 => {
            let last = *shape.last().expect("rank >= 1");
            let width = rng.range(1, last.min(3));
            let (lhs, read, out) = if shape.len() == 2 {
                ("i, j".to_string(), format!("{}[i, j + r]", source.name), vec![shape[0], last - width + 1])
            } else {
                ("i".to_string(), format!("{}[i + r]", source.name), vec![last - width + 1])
            };
            (format!("{name}[{lhs}] +=! {read} where r in 0:{width}"), out)
        }
        // A padded read: the neighbours, 0 outside.
        5 => {
            let (lhs, reads) = if shape.len() == 2 {
                ("i, j", format!("{0}[i, j - 1] else 0 + {0}[i, j] + {0}[i, j + 1] else 0", source.name))
            } else {
                ("i", format!("{0}[i - 1] else 0 + {0}[i] + {0}[i + 1] else 0", source.name))
            };
            (format!("{name}[{lhs}] = {reads}"), shape)
        }
        // A contraction with the transpose of a same-shaped tensor.
        6 if shape.len() == 2 => {
            let other = tensors.iter().filter(|t| t.shape == shape).last().expect("the source itself");
            (format!("{name}[i, k] +=! {}[i, j] * {}[k, j]", source.name, other.name), vec![shape[0], shape[0]])
        }
        // A broadcast: a vector over the rows.
        _ if shape.len() == 1 => (format!("{name}[i, j] = {}[j] * s where i in 0:3", source.name), vec![3, shape[0]]),
        _ => (format!("{name}[{}] = {}", idx.join(", "), bounded(rng, tensors, source, &idx, 2)), shape),
    }
}
