//! From syntax to a checked function for concrete sizes (bound by
//! `sizes.rs`): names resolved, element types checked, and every index's
//! range inferred (`check/ranges.rs`) or reported.

mod ranges;

use crate::ast::{self, Assign, BinaryOp, Dim, Element, Expr, Name, Span};
use crate::error::{Error, Result};
use std::collections::HashMap;

/// What the checked function's values are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Type {
    Scalar(Element),
    Bool,
}

impl Type {
    fn name(self) -> &'static str {
        match self {
            Type::Scalar(e) => e.name(),
            Type::Bool => "a comparison",
        }
    }
}

/// A tensor of the function: a parameter or a statement's result.
#[derive(Clone, Debug, PartialEq)]
pub struct Tensor {
    pub name: String,
    pub element: Element,
    pub shape: Vec<i64>,
}

/// One index expression of an access, over the statement's loops:
/// `sum(coefficients[d] * loop_d) + constant`, the loop variables already
/// shifted (loop `d` runs over `0..extent_d`, the index is `loop_d + lo_d`).
#[derive(Clone, Debug, PartialEq)]
pub struct IndexExpr {
    pub coefficients: Vec<i64>,
    pub constant: i64,
}

impl IndexExpr {
    pub fn at(&self, point: &[i64]) -> i64 {
        self.coefficients.iter().zip(point).map(|(c, p)| c * p).sum::<i64>() + self.constant
    }

    /// The smallest and largest value over the loops' extents.
    pub fn bounds(&self, extents: &[i64]) -> (i64, i64) {
        let (mut lo, mut hi) = (self.constant, self.constant);
        for (c, e) in self.coefficients.iter().zip(extents) {
            let last = c * (e - 1);
            lo += last.min(0);
            hi += last.max(0);
        }
        (lo, hi)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unary {
    Exp,
    Log,
    Tanh,
    Sqrt,
    Rsqrt,
    Abs,
    Sigmoid,
}

/// A checked value expression; every node knows its type.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Constant(f64, Element),
    /// A scalar parameter (its position among the function's parameters).
    Scalar(usize, Element),
    /// A loop's index (as i64): `loop + lo`.
    Index(usize, i64),
    Read { tensor: usize, indices: Vec<IndexExpr>, padding: Option<f64>, element: Element, span: Span },
    Neg(Box<Value>, Element),
    Binary(BinaryOp, Box<Value>, Box<Value>, Element),
    /// A comparison of two values of `element`.
    Compare(BinaryOp, Box<Value>, Box<Value>, Element),
    Select(Box<Value>, Box<Value>, Box<Value>, Element),
    Unary(Unary, Box<Value>, Element),
    Max(Box<Value>, Box<Value>, Element),
    Min(Box<Value>, Box<Value>, Element),
    Cast(Box<Value>, Element, Element),
}

impl Value {
    /// Calls `f` on this value and every value under it, parents first.
    pub fn walk(&self, f: &mut dyn FnMut(&Value)) {
        f(self);
        match self {
            Value::Neg(x, _) | Value::Unary(_, x, _) | Value::Cast(x, _, _) => x.walk(f),
            Value::Binary(_, l, r, _) | Value::Compare(_, l, r, _) | Value::Max(l, r, _) | Value::Min(l, r, _) => {
                l.walk(f);
                r.walk(f);
            }
            Value::Select(c, l, r, _) => {
                c.walk(f);
                l.walk(f);
                r.walk(f);
            }
            Value::Constant(..) | Value::Scalar(..) | Value::Index(..) | Value::Read { .. } => {}
        }
    }

    pub fn ty(&self) -> Type {
        match self {
            Value::Compare(..) => Type::Bool,
            Value::Constant(_, e)
            | Value::Scalar(_, e)
            | Value::Read { element: e, .. }
            | Value::Neg(_, e)
            | Value::Binary(_, _, _, e)
            | Value::Select(_, _, _, e)
            | Value::Unary(_, _, e)
            | Value::Max(_, _, e)
            | Value::Min(_, _, e)
            | Value::Cast(_, _, e) => Type::Scalar(*e),
            Value::Index(..) => Type::Scalar(Element::I64),
        }
    }
}

/// One loop of a statement.
#[derive(Clone, Debug, PartialEq)]
pub struct Loop {
    pub name: String,
    pub lo: i64,
    pub extent: i64,
    pub reduction: bool,
}

/// A checked statement: its loops are the indices on the left (parallel),
/// then the others in order of appearance (reductions).
#[derive(Clone, Debug, PartialEq)]
pub struct Statement {
    /// The tensor it defines.
    pub target: usize,
    /// For `+=`: the tensor it adds into.
    pub previous: Option<usize>,
    pub assign: Assign,
    pub loops: Vec<Loop>,
    pub value: Value,
    pub span: Span,
    /// Where the tensor it defines is named (`conv` in `conv[n, f] ...`).
    pub name_span: Span,
}

/// A checked function for concrete sizes.
#[derive(Clone, Debug, PartialEq)]
pub struct Function {
    pub name: String,
    /// The function's parameters, in order: tensors (an index into
    /// `tensors`) and scalars.
    pub params: Vec<Param>,
    pub tensors: Vec<Tensor>,
    pub statements: Vec<Statement>,
    /// The tensors returned, in order.
    pub outputs: Vec<usize>,
    pub sizes: Vec<(String, i64)>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Param {
    Tensor(usize),
    Scalar(String, Element),
}

/// Checks `function` with its sizes bound.
pub fn check(function: &ast::Function, sizes: &HashMap<String, i64>) -> Result<Function> {
    let mut checker = Checker { sizes, tensors: Vec::new(), by_name: HashMap::new(), scalars: HashMap::new() };
    let mut params = Vec::new();
    for (position, param) in function.params.iter().enumerate() {
        if checker.by_name.contains_key(&param.name.text) || checker.scalars.contains_key(&param.name.text) {
            return Err(Error::new(format!("parameter '{}' is declared twice", param.name.text), param.name.span.clone(), "again"));
        }
        if param.ty.dims.is_empty() {
            checker.scalars.insert(param.name.text.clone(), (position, param.ty.element));
            params.push(Param::Scalar(param.name.text.clone(), param.ty.element));
            continue;
        }
        let shape = param.ty.dims.iter().map(|d| checker.dim(d)).collect::<Result<Vec<_>>>()?;
        let id = checker.add_tensor(&param.name.text, param.ty.element, shape, param.name.span.clone());
        params.push(Param::Tensor(id));
    }
    let declared: HashMap<&str, &ast::Output> = function.outputs.iter().map(|o| (o.name.text.as_str(), o)).collect();
    let mut statements = Vec::new();
    for statement in &function.statements {
        statements.push(checker.statement(statement, declared.get(statement.tensor.text.as_str()).copied())?);
    }
    let mut outputs = Vec::new();
    for output in &function.outputs {
        let Some(&(id, _)) = checker.by_name.get(&output.name.text) else {
            return Err(Error::new(format!("output '{}' is never defined", output.name.text), output.name.span.clone(), "not defined")
                .help("define it with a statement, e.g. `out[i] = ...`"));
        };
        if params.iter().any(|p| *p == Param::Tensor(id)) {
            return Err(Error::new(format!("output '{}' is an input", output.name.text), output.name.span.clone(), "an input")
                .help("return a tensor a statement defines (copy it: `out[i] = x[i]`)"));
        }
        outputs.push(id);
    }
    let mut sizes: Vec<(String, i64)> = sizes.iter().map(|(k, v)| (k.clone(), *v)).collect();
    sizes.sort();
    Ok(Function { name: function.name.text.clone(), params, tensors: checker.tensors, statements, outputs, sizes })
}

struct Checker<'s> {
    sizes: &'s HashMap<String, i64>,
    tensors: Vec<Tensor>,
    /// The current definition of each tensor name, and where it was made.
    by_name: HashMap<String, (usize, Span)>,
    scalars: HashMap<String, (usize, Element)>,
}

impl<'s> Checker<'s> {
    fn dim(&self, dim: &Dim) -> Result<i64> {
        match dim {
            Dim::Fixed(n, _) => Ok(*n),
            Dim::Size(name) => self
                .sizes
                .get(&name.text)
                .copied()
                .ok_or_else(|| Error::new(format!("size {} is not bound", name.text), name.span.clone(), "unbound")),
        }
    }

    fn add_tensor(&mut self, name: &str, element: Element, shape: Vec<i64>, span: Span) -> usize {
        self.tensors.push(Tensor { name: name.to_string(), element, shape });
        let id = self.tensors.len() - 1;
        self.by_name.insert(name.to_string(), (id, span));
        id
    }

    fn statement(&mut self, s: &ast::Statement, declared: Option<&ast::Output>) -> Result<Statement> {
        let name = &s.tensor.text;
        if self.scalars.contains_key(name) {
            return Err(Error::new(format!("'{name}' is a scalar parameter"), s.tensor.span.clone(), "cannot be defined"));
        }
        // The left: distinct indices, not sizes.
        for (i, index) in s.indices.iter().enumerate() {
            if let Some(first) = s.indices[..i].iter().find(|j| j.text == index.text) {
                return Err(Error::new(
                    format!("index '{}' appears twice on the left", index.text),
                    index.span.clone(),
                    "again",
                )
                .note(first.span.clone(), "first here")
                .help("a statement defines each element once: use distinct indices (a diagonal is `d[i] = x[i, i]`)"));
            }
            self.not_a_size(index)?;
        }
        let previous = match (s.assign, self.by_name.get(name)) {
            (Assign::Accumulate, Some(&(id, _))) => {
                if self.tensors[id].shape.len() != s.indices.len() {
                    return Err(Error::new(
                        format!("'{name}' has rank {}, indexed with {}", self.tensors[id].shape.len(), s.indices.len()),
                        s.tensor.span.clone(),
                        "here",
                    ));
                }
                Some(id)
            }
            (Assign::Accumulate, None) => {
                return Err(Error::new(format!("'{name}' is not defined before"), s.tensor.span.clone(), "`+=` adds into a tensor")
                    .help("define it first, or reduce with `+=!` (which starts from 0)"));
            }
            (_, Some((_, first))) => {
                return Err(Error::new(format!("'{name}' is already defined"), s.tensor.span.clone(), "defined again")
                    .note(first.clone(), "first defined here")
                    .help("name the new tensor differently, or add into this one with `+=`"));
            }
            (_, None) => None,
        };
        // The indices: the left's, then the others in order of appearance.
        let mut names: Vec<Name> = s.indices.clone();
        collect_indices(&s.value, self, &mut names);
        for range in &s.ranges {
            if !names.iter().any(|n| n.text == range.index.text) && uses_name(&s.value, &range.index.text) {
                names.push(range.index.clone());
            }
            if !names.iter().any(|n| n.text == range.index.text) {
                return Err(Error::new(
                    format!("'{}' is not an index of this statement", range.index.text),
                    range.index.span.clone(),
                    "unknown index",
                ));
            }
        }
        let ranges = self.infer_ranges(s, &names, previous, declared)?;
        let lhs = s.indices.len();
        for (i, index) in s.indices.iter().enumerate() {
            let k = &ranges[i];
            if k.lo != 0 {
                return Err(Error::new(
                    format!("index '{}' of the result starts at {}, not 0", index.text, k.lo),
                    index.span.clone(),
                    format!("ranges over {}:{}", k.lo, k.hi),
                )
                .note(k.why.clone(), k.how.clone())
                .help("a result's indices start at 0: shift the reads (`x[i + 1]`) or pad them (`x[i - 1] else 0`)"));
            }
        }
        let loops: Vec<Loop> = names
            .iter()
            .zip(&ranges)
            .enumerate()
            .map(|(d, (n, k))| Loop { name: n.text.clone(), lo: k.lo, extent: k.hi - k.lo, reduction: d >= lhs })
            .collect();
        if s.assign == Assign::Pure {
            if let Some(extra) = names.get(lhs) {
                return Err(Error::new(
                    format!("index '{}' is not on the left of `=`", extra.text),
                    extra.span.clone(),
                    "reduced over, but `=` does not reduce",
                )
                .help(format!("reduce with `+=!` (sum), `max=!`, `min=!` or `*=!`, or put '{}' on the left", extra.text)));
            }
        }
        let value = self.value(&s.value, &names, &loops, None)?;
        let element = match value.ty() {
            Type::Scalar(e) => e,
            Type::Bool => {
                return Err(Error::new("a comparison is not a value", s.value.span(), "true or false")
                    .help("choose values with where(cond, a, b)"))
            }
        };
        let element = match previous.map(|p| self.tensors[p].element).or(declared.and_then(|d| d.ty.as_ref().map(|t| t.element))) {
            Some(wanted) if value_is_literal(&s.value) => wanted,
            Some(wanted) if wanted != element => {
                return Err(Error::new(
                    format!("'{name}' is {} but its value is {}", wanted.name(), element.name()),
                    s.value.span(),
                    element.name(),
                )
                .help(format!("cast it: {}(...)", wanted.name())));
            }
            _ => element,
        };
        let value = if value_is_literal(&s.value) { self.value(&s.value, &names, &loops, Some(element))? } else { value };
        let shape: Vec<i64> = loops[..lhs].iter().map(|l| l.extent).collect();
        let target = self.add_tensor(name, element, shape, s.tensor.span.clone());
        Ok(Statement { target, previous, assign: s.assign, loops, value, span: s.span.clone(), name_span: s.tensor.span.clone() })
    }

    fn not_a_size(&self, index: &Name) -> Result<()> {
        if self.sizes.contains_key(&index.text) {
            return Err(Error::new(format!("'{}' is a size, not an index", index.text), index.span.clone(), "a size")
                .help("name indices differently from sizes (lower case, say)"));
        }
        Ok(())
    }

    fn undefined(&self, name: &Name) -> Error {
        let mut error = Error::new(format!("'{}' is not defined", name.text), name.span.clone(), "undefined");
        if let Some(close) = self.by_name.keys().chain(self.scalars.keys()).find(|k| similar(k, &name.text)) {
            error = error.help(format!("did you mean '{close}'?"));
        }
        error
    }

    /// Checks `e`; `literal` is the type a bare number takes (from the
    /// other operand), `None` where the number's own kind decides.
    fn value(&self, e: &Expr, names: &[Name], loops: &[Loop], literal: Option<Element>) -> Result<Value> {
        let index_of = |text: &str| names.iter().position(|n| n.text == text);
        match e {
            Expr::Number(v, span) => {
                let element = literal.unwrap_or(Element::F32);
                if !element.is_float() && v.fract() != 0.0 {
                    return Err(Error::new(format!("{v} is not an integer"), span.clone(), format!("an {}", element.name())));
                }
                Ok(Value::Constant(*v, element))
            }
            Expr::Name(n) => {
                if let Some(&(position, element)) = self.scalars.get(&n.text) {
                    return Ok(Value::Scalar(position, element));
                }
                if let Some(d) = index_of(&n.text) {
                    return Ok(Value::Index(d, loops[d].lo));
                }
                if let Some(&size) = self.sizes.get(&n.text) {
                    return Ok(Value::Constant(size as f64, literal.unwrap_or(Element::I64)));
                }
                if self.by_name.contains_key(&n.text) {
                    return Err(Error::new(format!("'{}' is a tensor", n.text), n.span.clone(), "read it with indices")
                        .help(format!("{}[...]", n.text)));
                }
                Err(self.undefined(n))
            }
            Expr::Access(a) => {
                let (id, _) = self.by_name[&a.tensor.text];
                let indices = a
                    .indices
                    .iter()
                    .map(|index| {
                        let mut coefficients = vec![0; loops.len()];
                        let mut constant = index.constant;
                        for (c, n) in &index.terms {
                            if let Some(&size) = self.sizes.get(&n.text) {
                                constant += c * size;
                            } else {
                                let d = index_of(&n.text).expect("collected");
                                coefficients[d] += c;
                                constant += c * loops[d].lo;
                            }
                        }
                        IndexExpr { coefficients, constant }
                    })
                    .collect();
                Ok(Value::Read { tensor: id, indices, padding: a.padding, element: self.tensors[id].element, span: a.span.clone() })
            }
            Expr::Neg(x, _) => {
                let x = self.value(x, names, loops, literal)?;
                let element = self.scalar(&x, e.span())?;
                Ok(Value::Neg(Box::new(x), element))
            }
            Expr::Binary(op, l, r, span) => {
                let (l, r) = self.pair(l, r, names, loops, literal, span)?;
                let element = self.scalar(&l, span.clone())?;
                if op.is_comparison() {
                    Ok(Value::Compare(*op, Box::new(l), Box::new(r), element))
                } else {
                    Ok(Value::Binary(*op, Box::new(l), Box::new(r), element))
                }
            }
            Expr::Call(f, args, span) => self.call(f, args, span, names, loops, literal),
        }
    }

    /// Two operands of one type: a bare number takes the other's.
    fn pair(
        &self,
        l: &Expr,
        r: &Expr,
        names: &[Name],
        loops: &[Loop],
        literal: Option<Element>,
        span: &Span,
    ) -> Result<(Value, Value)> {
        let (l, r) = match (value_is_literal(l), value_is_literal(r)) {
            (true, false) => {
                let r = self.value(r, names, loops, literal)?;
                let t = self.scalar(&r, span.clone())?;
                (self.value(l, names, loops, Some(t))?, r)
            }
            (false, true) => {
                let l = self.value(l, names, loops, literal)?;
                let t = self.scalar(&l, span.clone())?;
                let r = self.value(r, names, loops, Some(t))?;
                (l, r)
            }
            _ => (self.value(l, names, loops, literal)?, self.value(r, names, loops, literal)?),
        };
        if l.ty() != r.ty() {
            return Err(Error::new(
                format!("the operands are {} and {}", l.ty().name(), r.ty().name()),
                span.clone(),
                "mixed types",
            )
            .help("cast one of them, as in f32(x)"));
        }
        Ok((l, r))
    }

    fn scalar(&self, v: &Value, span: Span) -> Result<Element> {
        match v.ty() {
            Type::Scalar(e) => Ok(e),
            Type::Bool => Err(Error::new("a comparison is not a number", span, "true or false")
                .help("choose values with where(cond, a, b)")),
        }
    }

    fn call(&self, f: &Name, args: &[Expr], span: &Span, names: &[Name], loops: &[Loop], literal: Option<Element>) -> Result<Value> {
        let arity = |n: usize| -> Result<()> {
            if args.len() != n {
                return Err(Error::new(format!("{}() takes {n} argument(s), {} given", f.text, args.len()), span.clone(), "here"));
            }
            Ok(())
        };
        let unary = match f.text.as_str() {
            "exp" => Some(Unary::Exp),
            "log" => Some(Unary::Log),
            "tanh" => Some(Unary::Tanh),
            "sqrt" => Some(Unary::Sqrt),
            "rsqrt" => Some(Unary::Rsqrt),
            "abs" => Some(Unary::Abs),
            "sigmoid" => Some(Unary::Sigmoid),
            _ => None,
        };
        if let Some(u) = unary {
            arity(1)?;
            let x = self.value(&args[0], names, loops, literal)?;
            let element = self.scalar(&x, args[0].span())?;
            if u != Unary::Abs && !element.is_float() {
                return Err(Error::new(format!("{}() takes a float, not {}", f.text, element.name()), args[0].span(), element.name())
                    .help("cast it: f32(...)"));
            }
            return Ok(Value::Unary(u, Box::new(x), element));
        }
        if let Some(to) = Element::parse(&f.text) {
            arity(1)?;
            let x = self.value(&args[0], names, loops, Some(to))?;
            let from = self.scalar(&x, args[0].span())?;
            return Ok(if from == to { x } else { Value::Cast(Box::new(x), from, to) });
        }
        match f.text.as_str() {
            "max" | "min" => {
                arity(2)?;
                let (l, r) = self.pair(&args[0], &args[1], names, loops, literal, span)?;
                let element = self.scalar(&l, span.clone())?;
                Ok(if f.text == "max" { Value::Max(Box::new(l), Box::new(r), element) } else { Value::Min(Box::new(l), Box::new(r), element) })
            }
            "where" => {
                arity(3)?;
                let cond = self.value(&args[0], names, loops, None)?;
                if cond.ty() != Type::Bool {
                    return Err(Error::new("where() chooses on a comparison", args[0].span(), "not a comparison")
                        .help("where(x > 0, a, b)"));
                }
                let (a, b) = self.pair(&args[1], &args[2], names, loops, literal, span)?;
                let element = self.scalar(&a, span.clone())?;
                Ok(Value::Select(Box::new(cond), Box::new(a), Box::new(b), element))
            }
            _ => Err(Error::new(format!("unknown function '{}'", f.text), f.span.clone(), "unknown")
                .help("the functions are exp log tanh sqrt rsqrt abs sigmoid max min where, and the casts f16 f32 f64 i32 i64")),
        }
    }
}

/// Whether `e` is made of numbers only (it then takes its type from its context).
fn value_is_literal(e: &Expr) -> bool {
    match e {
        Expr::Number(..) => true,
        Expr::Neg(x, _) => value_is_literal(x),
        Expr::Binary(op, l, r, _) => !op.is_comparison() && value_is_literal(l) && value_is_literal(r),
        _ => false,
    }
}

/// The index variables of `e`'s accesses not yet in `names`, in order of
/// appearance. (An index read only as a value, `f32(i)`, comes from its
/// `where` clause.)
fn collect_indices(e: &Expr, checker: &Checker, names: &mut Vec<Name>) {
    let add = |n: &Name, names: &mut Vec<Name>| {
        let taken = names.iter().any(|m| m.text == n.text);
        if !taken && !checker.sizes.contains_key(&n.text) {
            names.push(n.clone());
        }
    };
    match e {
        Expr::Number(..) => {}
        Expr::Name(_) => {}
        Expr::Access(a) => {
            for index in &a.indices {
                for (_, n) in &index.terms {
                    add(n, names);
                }
            }
        }
        Expr::Neg(x, _) => collect_indices(x, checker, names),
        Expr::Binary(_, l, r, _) => {
            collect_indices(l, checker, names);
            collect_indices(r, checker, names);
        }
        Expr::Call(_, args, _) => {
            for a in args {
                collect_indices(a, checker, names);
            }
        }
    }
}

/// Whether `e` reads `name` as a bare value.
fn uses_name(e: &Expr, name: &str) -> bool {
    match e {
        Expr::Name(n) => n.text == name,
        Expr::Neg(x, _) => uses_name(x, name),
        Expr::Binary(_, l, r, _) => uses_name(l, name) || uses_name(r, name),
        Expr::Call(_, args, _) => args.iter().any(|a| uses_name(a, name)),
        Expr::Number(..) | Expr::Access(_) => false,
    }
}

/// Names one edit apart (a typo).
fn similar(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > 1 || a == b {
        return false;
    }
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count();
    prefix + suffix + 1 >= a.len().max(b.len())
}
