//! A generator of random *valid* `tg` programs, as Csmith is for C: a random
//! dataflow graph of ops over random shapes, element types and attributes,
//! each op's result type computed here by the op's shape rule (so a
//! generated program that the verifier rejects is a generator bug, counted
//! apart, not a tool failure).
//!
//! Programs avoid what is undefined, so that compiled code and the
//! interpreter must agree: an integer divisor or `pow` base is `x * x + 1`
//! (never 0: -1 is no square modulo 2^k) unless the case is one of the few
//! meant to divide by zero, where both must report an error; float-to-integer
//! casts read only function arguments (in [-1, 1)).

use rand_chacha::ChaCha8Rng;
use rand_core::{Rng, SeedableRng};

/// The random source: a seeded ChaCha8 stream (stable across builds).
pub struct Random(ChaCha8Rng);

impl Random {
    pub fn new(seed: u64) -> Self {
        Random(ChaCha8Rng::seed_from_u64(seed))
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.0.next_u64() % n as u64) as usize
    }

    /// Uniform in `low..=high`.
    pub fn range(&mut self, low: i64, high: i64) -> i64 {
        low + self.below((high - low + 1) as usize) as i64
    }

    /// True with probability `percent`%.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
    }
}

/// A value of the program being built.
#[derive(Clone, Debug)]
struct Val {
    name: String,
    shape: Vec<i64>,
    dtype: &'static str,
}

impl Val {
    fn ty(&self) -> String {
        tensor_type(&self.shape, self.dtype)
    }

    fn is_float(&self) -> bool {
        self.dtype.starts_with('f')
    }

    fn count(&self) -> i64 {
        self.shape.iter().product()
    }
}

fn tensor_type(shape: &[i64], dtype: &str) -> String {
    let dims: String = shape.iter().map(|d| format!("{d}x")).collect();
    format!("tensor<{dims}{dtype}>")
}

fn list(values: &[i64]) -> String {
    format!("[{}]", values.iter().map(i64::to_string).collect::<Vec<_>>().join(", "))
}

/// One op of a generated function: its text, its result and what it reads.
#[derive(Clone, Debug)]
pub struct Line {
    pub text: String,
    pub result: String,
    pub ty: String,
    pub reads: Vec<String>,
}

/// A generated function, kept as parts so a failing case can be minimized.
#[derive(Clone, Debug)]
pub struct Function {
    pub name: String,
    /// `%name: type` of each argument.
    pub args: Vec<(String, String)>,
    pub lines: Vec<Line>,
    /// The returned values and their types.
    pub results: Vec<(String, String)>,
}

impl Function {
    pub fn text(&self) -> String {
        let args: Vec<String> = self.args.iter().map(|(n, t)| format!("{n}: {t}")).collect();
        let types: Vec<&str> = self.results.iter().map(|(_, t)| t.as_str()).collect();
        let names: Vec<&str> = self.results.iter().map(|(n, _)| n.as_str()).collect();
        let mut text = format!("func.func @{}({}) -> ({}) {{\n", self.name, args.join(", "), types.join(", "));
        for line in &self.lines {
            text.push_str(&format!("  {}\n", line.text));
        }
        text.push_str(&format!("  return {} : {}\n}}\n", names.join(", "), types.join(", ")));
        text
    }

    /// The same function returning only `value` (of `ty`), with only the ops
    /// it depends on: the minimizer's step.
    pub fn cone(&self, value: &str, ty: &str) -> Function {
        let mut needed = std::collections::HashSet::from([value.to_string()]);
        let mut kept = Vec::new();
        for line in self.lines.iter().rev() {
            if needed.contains(&line.result) {
                needed.extend(line.reads.iter().cloned());
                kept.push(line.clone());
            }
        }
        kept.reverse();
        let args = self.args.iter().filter(|(n, _)| needed.contains(n)).cloned().collect();
        Function { name: self.name.clone(), args, lines: kept, results: vec![(value.to_string(), ty.to_string())] }
    }

    /// Every value a smaller case could return: each op's result with its type.
    pub fn values(&self) -> Vec<(String, String)> {
        self.lines.iter().map(|l| (l.result.clone(), l.ty.clone())).collect()
    }
}

/// Builds one function.
struct Builder<'r> {
    rng: &'r mut Random,
    args: Vec<Val>,
    lines: Vec<Line>,
    values: Vec<Val>,
    /// Whether an integer division may divide by zero (both sides must fail).
    allow_faults: bool,
}

const FLOATS: &[&str] = &["f32", "f32", "f32", "f64"];
const INTS: &[&str] = &["i32", "i32", "i64"];

impl<'r> Builder<'r> {
    fn arg(&mut self, shape: Vec<i64>, dtype: &'static str) -> Val {
        let v = Val { name: format!("%a{}", self.args.len()), shape, dtype };
        self.args.push(v.clone());
        v
    }

    /// Appends `text` (an op whose result is `shape` x `dtype`).
    fn emit(&mut self, text: String, reads: &[&Val], shape: Vec<i64>, dtype: &'static str) -> Val {
        let v = Val { name: format!("%v{}", self.lines.len()), shape, dtype };
        self.lines.push(Line {
            text: format!("{} = {text}", v.name),
            result: v.name.clone(),
            ty: v.ty(),
            reads: reads.iter().map(|r| r.name.clone()).collect(),
        });
        self.values.push(v.clone());
        v
    }

    fn random_shape(&mut self, rank: usize) -> Vec<i64> {
        (0..rank).map(|_| if self.rng.chance(3) { 0 } else { self.rng.range(1, 6) }).collect()
    }

    /// A shape numpy-broadcastable with `shape`: a suffix of it with some
    /// dims set to 1.
    fn broadcastable(&mut self, shape: &[i64]) -> Vec<i64> {
        let drop = self.rng.below(shape.len() + 1);
        shape[drop..].iter().map(|&d| if self.rng.chance(25) { 1 } else { d }).collect()
    }

    /// A value to read: usually a recent one.
    fn some_value(&mut self) -> Val {
        let n = self.values.len();
        let i = if self.rng.chance(60) { n - 1 } else { self.rng.below(n) };
        self.values[i].clone()
    }

    /// `x * x + 1` of `v`: a nonzero integer tensor.
    fn nonzero(&mut self, v: &Val) -> Val {
        let ty = v.ty();
        let square = self.emit(format!("tg.mul {0}, {0} : {ty}, {ty}", v.name), &[v], v.shape.clone(), v.dtype);
        let one = self.emit(format!("tg.constant dense<1> : {ty}"), &[], v.shape.clone(), v.dtype);
        self.emit(format!("tg.add {}, {} : {ty}, {ty}", square.name, one.name), &[&square, &one], v.shape.clone(), v.dtype)
    }

    fn step(&mut self) {
        let v = self.some_value();
        let rank = v.shape.len();
        match self.rng.below(17) {
            0..=2 => self.unary(&v),
            3..=5 => self.binary(&v),
            6 if rank >= 2 => self.matmul(&v),
            7 if rank >= 2 => {
                let mut perm: Vec<i64> = (0..rank as i64).collect();
                for i in (1..rank).rev() {
                    perm.swap(i, self.rng.below(i + 1));
                }
                let shape = perm.iter().map(|&p| v.shape[p as usize]).collect();
                self.emit(format!("tg.transpose {} perm {} : {}", v.name, list(&perm), v.ty()), &[&v], shape, v.dtype);
            }
            8 => self.reshape(&v),
            9 => self.broadcast(&v),
            10 if rank >= 1 => self.slice(&v),
            11 if rank >= 1 => {
                let low: Vec<i64> = (0..rank).map(|_| self.rng.range(0, 2)).collect();
                let high: Vec<i64> = (0..rank).map(|_| self.rng.range(0, 2)).collect();
                let shape = (0..rank).map(|i| v.shape[i] + low[i] + high[i]).collect();
                let value = if self.rng.chance(50) { String::new() } else { format!(" value {}.0", self.rng.range(-2, 2)) };
                let text = format!("tg.pad {} low {} high {}{value} : {}", v.name, list(&low), list(&high), v.ty());
                self.emit(text, &[&v], shape, v.dtype);
            }
            12 if rank >= 1 => {
                let axis = self.rng.below(rank);
                let mut shape = v.shape.clone();
                shape[axis] = self.rng.range(1, 4);
                let other = self.arg(shape.clone(), v.dtype);
                shape[axis] += v.shape[axis];
                let text = format!("tg.concat {}, {} axis {axis} : {}, {}", v.name, other.name, v.ty(), other.ty());
                self.emit(text, &[&v, &other], shape, v.dtype);
            }
            13 if rank >= 1 => self.reduce(&v),
            14 if rank >= 1 && v.is_float() => {
                let axis = self.rng.below(rank);
                self.emit(format!("tg.softmax {} axis {axis} : {}", v.name, v.ty()), &[&v], v.shape.clone(), v.dtype);
            }
            15 => self.cast(&v),
            16 if rank == 4 => {
                if self.rng.chance(50) {
                    self.conv(&v)
                } else {
                    self.pool(&v)
                }
            }
            _ => self.unary(&v),
        }
    }

    fn unary(&mut self, v: &Val) {
        let ops: &[&str] = if v.is_float() {
            &["neg", "abs", "relu", "exp", "tanh", "sigmoid", "log", "sqrt", "rsqrt", "erf", "clip"]
        } else {
            &["neg", "abs", "relu", "clip"]
        };
        let op = *self.rng.pick(ops);
        let bounds = if op == "clip" {
            let low = self.rng.range(-4, 2);
            let high = low + self.rng.range(0, 4);
            let half = if v.is_float() && self.rng.chance(50) { ".5" } else { ".0" };
            format!(" min {low}{half} max {high}{half}")
        } else {
            String::new()
        };
        self.emit(format!("tg.{op} {}{bounds} : {}", v.name, v.ty()), &[v], v.shape.clone(), v.dtype);
    }

    fn binary(&mut self, v: &Val) {
        let op = *self.rng.pick(&["add", "sub", "mul", "max", "min", "div", "pow"]);
        // The other operand: a value already there of a compatible shape, a
        // new argument, or a splat constant.
        let shape = self.broadcastable(&v.shape);
        let candidates: Vec<Val> =
            self.values.iter().filter(|w| w.dtype == v.dtype && w.shape == shape).cloned().collect();
        let mut other = if !candidates.is_empty() && self.rng.chance(40) {
            self.rng.pick(&candidates).clone()
        } else if self.rng.chance(20) {
            let literal = if v.is_float() { format!("{}.5", self.rng.range(-3, 3)) } else { self.rng.range(-3, 3).to_string() };
            self.emit(format!("tg.constant dense<{literal}> : {}", tensor_type(&shape, v.dtype)), &[], shape, v.dtype)
        } else {
            self.arg(shape, v.dtype)
        };
        let mut lhs = v.clone();
        if self.rng.chance(50) {
            std::mem::swap(&mut lhs, &mut other);
        }
        if !v.is_float() && (op == "div" || op == "pow") && !(self.allow_faults && op == "div") {
            // Integer div by x*x+1; integer pow of base x*x+1.
            if op == "div" {
                other = self.nonzero(&other);
            } else {
                lhs = self.nonzero(&lhs);
            }
        }
        let out = broadcast(&lhs.shape, &other.shape);
        let text = format!("tg.{op} {}, {} : {}, {}", lhs.name, other.name, lhs.ty(), other.ty());
        self.emit(text, &[&lhs, &other], out, v.dtype);
    }

    fn matmul(&mut self, v: &Val) {
        let rank = v.shape.len();
        let k = v.shape[rank - 1];
        let mut rhs = v.shape[..rank - 2].to_vec();
        // Batch dims may broadcast, as numpy's matmul.
        if !rhs.is_empty() && self.rng.chance(20) {
            rhs.remove(0);
        }
        rhs.push(k);
        rhs.push(self.rng.range(1, 6));
        let other = self.arg(rhs.clone(), v.dtype);
        let batch = broadcast(&v.shape[..rank - 2], &rhs[..rhs.len() - 2]);
        let mut shape = batch;
        shape.push(v.shape[rank - 2]);
        shape.push(rhs[rhs.len() - 1]);
        let text = format!("tg.matmul {}, {} : {}, {}", v.name, other.name, v.ty(), other.ty());
        self.emit(text, &[v, &other], shape, v.dtype);
    }

    fn reshape(&mut self, v: &Val) {
        let count = v.count();
        let mut shape = Vec::new();
        let mut rest = count;
        let rank = self.rng.range(0, 3);
        for _ in 0..rank {
            let divisors: Vec<i64> = (1..=rest.clamp(1, 12)).filter(|d| rest % d == 0).collect();
            let d = *self.rng.pick(&divisors);
            shape.push(d);
            rest /= d.max(1);
        }
        if count == 0 {
            shape.push(0);
        } else if rest != 1 || shape.is_empty() {
            shape.push(rest);
        }
        if count == 0 && shape.iter().product::<i64>() != 0 {
            return;
        }
        let text = format!("tg.reshape {} : {} to {}", v.name, v.ty(), tensor_type(&shape, v.dtype));
        self.emit(text, &[v], shape, v.dtype);
    }

    fn broadcast(&mut self, v: &Val) {
        let mut shape: Vec<i64> = v.shape.iter().map(|&d| if d == 1 { self.rng.range(1, 4) } else { d }).collect();
        if shape.len() < 4 && self.rng.chance(60) {
            shape.insert(0, self.rng.range(1, 3));
        }
        let text = format!("tg.broadcast_to {} : {} to {}", v.name, v.ty(), tensor_type(&shape, v.dtype));
        self.emit(text, &[v], shape, v.dtype);
    }

    fn slice(&mut self, v: &Val) {
        if v.shape.contains(&0) {
            // A slice takes at least one element of each dimension.
            return self.unary(v);
        }
        let (mut offsets, mut sizes, mut strides) = (Vec::new(), Vec::new(), Vec::new());
        for &d in &v.shape {
            let stride = self.rng.range(1, 2);
            let offset = self.rng.range(0, d - 1);
            let most = (d - offset - 1) / stride + 1;
            offsets.push(offset);
            sizes.push(self.rng.range(1, most));
            strides.push(stride);
        }
        let strided = strides.iter().any(|&s| s != 1);
        let strides_text = if strided { format!(" strides {}", list(&strides)) } else { String::new() };
        let text = format!("tg.slice {} offsets {} sizes {}{strides_text} : {}", v.name, list(&offsets), list(&sizes), v.ty());
        self.emit(text, &[v], sizes, v.dtype);
    }

    fn reduce(&mut self, v: &Val) {
        let op = *self.rng.pick(&["reduce_sum", "reduce_max", "reduce_mean"]);
        let rank = v.shape.len();
        let mut axes: Vec<i64> = (0..rank as i64).filter(|_| self.rng.chance(50)).collect();
        if axes.is_empty() {
            axes.push(self.rng.below(rank) as i64);
        }
        if axes.iter().any(|&a| v.shape[a as usize] == 0) && op != "reduce_sum" {
            // The max or mean of nothing is not defined; only sums reduce empty axes.
            return self.unary(v);
        }
        let keep = self.rng.chance(50);
        let shape: Vec<i64> = (0..rank)
            .filter_map(|i| match (axes.contains(&(i as i64)), keep) {
                (true, true) => Some(1),
                (true, false) => None,
                (false, _) => Some(v.shape[i]),
            })
            .collect();
        let keep_text = if keep { " keepdims" } else { "" };
        let text = format!("tg.{op} {} axes {}{keep_text} : {}", v.name, list(&axes), v.ty());
        self.emit(text, &[v], shape, v.dtype);
    }

    fn cast(&mut self, v: &Val) {
        let from_arg = v.name.starts_with("%a");
        let to = if v.is_float() && !from_arg {
            *self.rng.pick(FLOATS)
        } else {
            *self.rng.pick(&["f32", "f64", "i32", "i64"])
        };
        if to == v.dtype {
            return self.unary(v);
        }
        let text = format!("tg.cast {} : {} to {}", v.name, v.ty(), tensor_type(&v.shape, to));
        self.emit(text, &[v], v.shape.clone(), to);
    }

    fn conv(&mut self, v: &Val) {
        let [n, c, h, w] = [v.shape[0], v.shape[1], v.shape[2], v.shape[3]];
        let groups = if c > 0 && c % 2 == 0 && self.rng.chance(30) { 2 } else { 1 };
        let f = groups * self.rng.range(1, 3);
        let (stride, dilation) = (self.rng.range(1, 2), self.rng.range(1, 2));
        let pad = self.rng.range(0, 1);
        let kh = self.rng.range(1, 3);
        let kw = self.rng.range(1, 3);
        let out = |size: i64, k: i64| (size + 2 * pad - dilation * (k - 1) - 1).div_euclid(stride) + 1;
        let (oh, ow) = (out(h, kh), out(w, kw));
        if oh < 1 || ow < 1 {
            return self.unary(v);
        }
        let filter = self.arg(vec![f, c / groups, kh, kw], v.dtype);
        let mut attrs = String::new();
        if stride != 1 {
            attrs.push_str(&format!(" strides [{stride}, {stride}]"));
        }
        if dilation != 1 {
            attrs.push_str(&format!(" dilations [{dilation}, {dilation}]"));
        }
        if pad != 0 {
            attrs.push_str(&format!(" padding [{pad}, {pad}, {pad}, {pad}]"));
        }
        if groups != 1 {
            attrs.push_str(&format!(" groups {groups}"));
        }
        let text = format!("tg.conv2d {}, {}{attrs} : {}, {}", v.name, filter.name, v.ty(), filter.ty());
        self.emit(text, &[v, &filter], vec![n, f, oh, ow], v.dtype);
    }

    fn pool(&mut self, v: &Val) {
        let [n, c, h, w] = [v.shape[0], v.shape[1], v.shape[2], v.shape[3]];
        let op = *self.rng.pick(&["max_pool2d", "avg_pool2d"]);
        let k = self.rng.range(1, 3);
        let stride = self.rng.range(1, 2);
        let dilation = if k > 1 { self.rng.range(1, 2) } else { 1 };
        let pad = if k > 1 { self.rng.range(0, 1) } else { 0 };
        let out = |size: i64| (size + 2 * pad - dilation * (k - 1) - 1).div_euclid(stride) + 1;
        let (oh, ow) = (out(h), out(w));
        if oh < 1 || ow < 1 {
            return self.unary(v);
        }
        let mut attrs = String::new();
        if stride != 1 {
            attrs.push_str(&format!(" strides [{stride}, {stride}]"));
        }
        if dilation != 1 {
            attrs.push_str(&format!(" dilations [{dilation}, {dilation}]"));
        }
        if pad != 0 {
            attrs.push_str(&format!(" padding [{pad}, {pad}, {pad}, {pad}]"));
        }
        if op == "avg_pool2d" && self.rng.chance(50) {
            attrs.push_str(" count_include_pad");
        }
        let text = format!("tg.{op} {} kernel [{k}, {k}]{attrs} : {}", v.name, v.ty());
        self.emit(text, &[v], vec![n, c, oh, ow], v.dtype);
    }
}

/// numpy broadcasting of two shapes (the generator only makes compatible ones).
fn broadcast(a: &[i64], b: &[i64]) -> Vec<i64> {
    let rank = a.len().max(b.len());
    (0..rank)
        .map(|i| {
            let x = if i + a.len() >= rank { a[i + a.len() - rank] } else { 1 };
            let y = if i + b.len() >= rank { b[i + b.len() - rank] } else { 1 };
            if x == 1 { y } else { x }
        })
        .collect()
}

/// A random function named `name` with up to `max_ops` ops.
pub fn function(rng: &mut Random, name: &str, max_ops: usize) -> Function {
    let dtype = if rng.chance(70) { *rng.pick(FLOATS) } else { *rng.pick(INTS) };
    let allow_faults = !dtype.starts_with('f') && rng.chance(10);
    let mut b = Builder { rng, args: Vec::new(), lines: Vec::new(), values: Vec::new(), allow_faults };
    let shape = if b.rng.chance(25) {
        vec![b.rng.range(1, 2), b.rng.range(1, 4), b.rng.range(3, 8), b.rng.range(3, 8)]
    } else {
        let rank = b.rng.range(0, 4) as usize;
        b.random_shape(rank)
    };
    let first = b.arg(shape, dtype);
    b.values.push(first);
    let ops = 1 + b.rng.below(max_ops.max(1));
    for _ in 0..ops {
        b.step();
    }
    if b.lines.is_empty() {
        let v = b.values[0].clone();
        b.unary(&v);
    }
    let last = b.values.last().expect("at least one op").clone();
    let mut results = vec![(last.name.clone(), last.ty())];
    if b.values.len() > 2 && b.rng.chance(25) {
        let other = b.values[b.rng.below(b.values.len() - 1) + 1].clone();
        if other.name != last.name {
            results.push((other.name.clone(), other.ty()));
        }
    }
    Function {
        name: name.to_string(),
        args: b.args.iter().map(|a| (a.name.clone(), a.ty())).collect(),
        lines: b.lines,
        results,
    }
}
