//! From syntax to a checked function for concrete sizes: size variables
//! bound, names resolved, element types checked, and every index's range
//! inferred (as Tensor Comprehensions does) or reported.
//!
//! Range inference: an index's range comes from its `where` clause, from
//! the shape of the tensor it indexes on the left when that is known (a
//! declared output, or the earlier definition `+=` adds into), or else from
//! the accesses it appears in: in rounds, each access dimension `e` with one
//! index `v` of unknown range (the others known) bounds `v` so that `0 <= e
//! < size` for every value of the others; the candidates of a round
//! intersect (the largest range that keeps every access in bounds). Then
//! every unguarded access is checked against the final ranges. Accesses
//! with `else v` (zero padding) may read out of range and constrain nothing.

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

/// Binds the sizes of `function`: from `shapes` (one per parameter, in
/// order, a scalar's empty, when the inputs are known) and `defines` (`-D N=8`).
pub fn bind_sizes(
    function: &ast::Function,
    shapes: Option<&[Vec<i64>]>,
    defines: &[(String, i64)],
) -> Result<HashMap<String, i64>> {
    let mut sizes: HashMap<String, i64> = HashMap::new();
    let mut origin: HashMap<String, Span> = HashMap::new();
    for (name, value) in defines {
        sizes.insert(name.clone(), *value);
    }
    if let Some(shapes) = shapes {
        if shapes.len() != function.params.len() {
            return Err(Error::new(
                format!("'{}' takes {} inputs, {} given", function.name.text, function.params.len(), shapes.len()),
                function.name.span.clone(),
                "this function",
            ));
        }
        for (param, shape) in function.params.iter().zip(shapes) {
            if shape.len() != param.ty.dims.len() {
                return Err(Error::new(
                    format!("input '{}' has rank {}, its type says {}", param.name.text, shape.len(), param.ty.dims.len()),
                    param.ty.span.clone(),
                    format!("declared with rank {}", param.ty.dims.len()),
                ));
            }
            for (dim, &size) in param.ty.dims.iter().zip(shape) {
                match dim {
                    Dim::Fixed(n, span) if *n != size => {
                        return Err(Error::new(
                            format!("input '{}' has size {size} where its type says {n}", param.name.text),
                            span.clone(),
                            format!("declared {n}"),
                        ));
                    }
                    Dim::Fixed(..) => {}
                    Dim::Size(name) => match sizes.get(&name.text) {
                        Some(&bound) if bound != size => {
                            let mut error = Error::new(
                                format!("size {} is {bound}, but input '{}' gives it {size}", name.text, param.name.text),
                                name.span.clone(),
                                format!("{size} here"),
                            );
                            if let Some(first) = origin.get(&name.text) {
                                error = error.note(first.clone(), format!("{bound} here"));
                            } else {
                                error = error.help(format!("-D {}={bound} was given on the command line", name.text));
                            }
                            return Err(error);
                        }
                        _ => {
                            sizes.insert(name.text.clone(), size);
                            origin.entry(name.text.clone()).or_insert_with(|| name.span.clone());
                        }
                    },
                }
            }
        }
    }
    // Every size must be bound now.
    for param in &function.params {
        for dim in &param.ty.dims {
            if let Dim::Size(name) = dim {
                if !sizes.contains_key(&name.text) {
                    return Err(Error::new(format!("size {} is not bound", name.text), name.span.clone(), "unbound")
                        .help(format!("give the inputs, or its value: -D {}=...", name.text)));
                }
            }
        }
    }
    Ok(sizes)
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

/// What is known of an index's range while it is inferred, and why.
#[derive(Clone, Debug)]
struct Known {
    lo: i64,
    hi: i64,
    why: Span,
    how: String,
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

    fn infer_ranges(
        &self,
        s: &ast::Statement,
        names: &[Name],
        previous: Option<usize>,
        declared: Option<&ast::Output>,
    ) -> Result<Vec<Known>> {
        let mut known: Vec<Option<Known>> = vec![None; names.len()];
        let position = |text: &str| names.iter().position(|n| n.text == text);
        // Explicit ranges first.
        for range in &s.ranges {
            let lo = self.constant_affine(&range.lo)?;
            let hi = self.constant_affine(&range.hi)?;
            let d = position(&range.index.text).expect("checked by the caller");
            let span = range.index.span.start..range.hi.span.end;
            known[d] = Some(Known { lo, hi, why: span, how: format!("where {} in {lo}:{hi}", range.index.text) });
        }
        // The left's shape, when it is known.
        let shape: Option<(Vec<i64>, Span, String)> = if let Some(p) = previous {
            Some((self.tensors[p].shape.clone(), self.by_name[&s.tensor.text].1.clone(), "defined here".into()))
        } else if let Some(ty) = declared.and_then(|d| d.ty.as_ref()) {
            if ty.dims.len() != s.indices.len() {
                return Err(Error::new(
                    format!("'{}' is declared with rank {}, indexed with {}", s.tensor.text, ty.dims.len(), s.indices.len()),
                    s.tensor.span.clone(),
                    "here",
                )
                .note(ty.span.clone(), "declared here"));
            }
            let dims = ty.dims.iter().map(|d| self.dim(d)).collect::<Result<Vec<_>>>()?;
            Some((dims, ty.span.clone(), "declared here".into()))
        } else {
            None
        };
        if let Some((shape, span, _)) = &shape {
            for (i, size) in shape.iter().enumerate() {
                if let Some(k) = &known[i] {
                    if (k.lo, k.hi) != (0, *size) {
                        return Err(Error::new(
                            format!("the range of '{}' conflicts with the shape of '{}'", names[i].text, s.tensor.text),
                            k.why.clone(),
                            k.how.clone(),
                        )
                        .note(span.clone(), format!("dimension {i} has size {size}")));
                    }
                }
                known[i] = Some(Known { lo: 0, hi: *size, why: span.clone(), how: format!("dimension {i} of '{}' has size {size}", s.tensor.text) });
            }
        }
        // The accesses, with the tensors they read.
        let mut accesses = Vec::new();
        collect_accesses(&s.value, &mut accesses);
        let mut reads = Vec::new();
        for access in &accesses {
            let Some(&(id, _)) = self.by_name.get(&access.tensor.text) else {
                return Err(self.undefined(&access.tensor));
            };
            let shape = &self.tensors[id].shape;
            if shape.len() != access.indices.len() {
                return Err(Error::new(
                    format!("'{}' has rank {}, indexed with {}", access.tensor.text, shape.len(), access.indices.len()),
                    access.span.clone(),
                    format!("{} indices", access.indices.len()),
                )
                .note(self.by_name[&access.tensor.text].1.clone(), format!("'{}' has shape {:?}", access.tensor.text, shape)));
            }
            for (dim, index) in access.indices.iter().enumerate() {
                reads.push((access, dim, index, shape[dim]));
            }
        }
        loop {
            let mut round: Vec<Option<Known>> = vec![None; names.len()];
            for (access, dim, index, size) in &reads {
                if access.padding.is_some() {
                    continue;
                }
                let mut unknown = None;
                let mut count = 0;
                let (mut rmin, mut rmax) = (0i64, 0i64);
                let mut constant = index.constant;
                for (c, n) in &index.terms {
                    if let Some(&size) = self.sizes.get(&n.text) {
                        constant += c * size;
                        continue;
                    }
                    let d = position(&n.text).expect("collected");
                    match &known[d] {
                        Some(k) => {
                            let (a, b) = (c * k.lo, c * (k.hi - 1));
                            rmin += a.min(b);
                            rmax += a.max(b);
                        }
                        None => {
                            count += 1;
                            unknown = Some((d, *c));
                        }
                    }
                }
                let (Some((d, a)), 1) = (unknown, count) else { continue };
                // 0 <= a*v + r + constant <= size - 1 for every r in [rmin, rmax].
                let (low, high) = (-rmin - constant, size - 1 - rmax - constant);
                let (lo, hi_inclusive) = if a > 0 {
                    (div_ceil(low, a), div_floor(high, a))
                } else {
                    (div_ceil(high, a), div_floor(low, a))
                };
                let how = format!("'{}' has size {size} in dimension {dim}", access.tensor.text);
                let candidate = Known { lo, hi: hi_inclusive + 1, why: index.span.clone(), how };
                round[d] = Some(match round[d].take() {
                    None => candidate,
                    Some(k) => intersect(k, candidate),
                });
            }
            let mut progress = false;
            for (d, candidate) in round.into_iter().enumerate() {
                if let Some(k) = candidate {
                    if known[d].is_none() {
                        known[d] = Some(k);
                        progress = true;
                    }
                }
            }
            if !progress {
                break;
            }
        }
        let mut result = Vec::new();
        for (d, k) in known.into_iter().enumerate() {
            let Some(k) = k else {
                return Err(Error::new(
                    format!("cannot infer the range of index '{}'", names[d].text),
                    names[d].span.clone(),
                    "no access bounds it",
                )
                .help(format!("give it: `where {} in 0:N`", names[d].text)));
            };
            if k.lo >= k.hi {
                return Err(Error::new(format!("the range of index '{}' is empty ({}:{})", names[d].text, k.lo, k.hi), names[d].span.clone(), "no value fits")
                    .note(k.why.clone(), k.how.clone()));
            }
            result.push(k);
        }
        // Every unguarded read in bounds over the final ranges.
        for (access, dim, index, size) in &reads {
            if access.padding.is_some() {
                continue;
            }
            let (mut lo, mut hi) = (index.constant, index.constant);
            for (c, n) in &index.terms {
                if let Some(&s) = self.sizes.get(&n.text) {
                    lo += c * s;
                    hi += c * s;
                    continue;
                }
                let k = &result[position(&n.text).expect("collected")];
                let (a, b) = (c * k.lo, c * (k.hi - 1));
                lo += a.min(b);
                hi += a.max(b);
            }
            if lo < 0 || hi > size - 1 {
                let reach = if lo < 0 { lo } else { hi };
                let mut error = Error::new(
                    format!("'{}' is read out of range: index {dim} reaches {reach}, its size is {size}", access.tensor.text),
                    index.span.clone(),
                    format!("reaches {reach}"),
                )
                .help("pad the read (`... else 0`) or narrow the range with `where`");
                for (_, n) in &index.terms {
                    if let Some(d) = position(&n.text) {
                        let k = &result[d];
                        error = error.note(k.why.clone(), format!("'{}' ranges over {}:{} ({})", n.text, k.lo, k.hi, k.how));
                    }
                }
                return Err(error);
            }
        }
        Ok(result)
    }

    fn constant_affine(&self, a: &ast::Affine) -> Result<i64> {
        let mut value = a.constant;
        for (c, n) in &a.terms {
            let Some(&size) = self.sizes.get(&n.text) else {
                return Err(Error::new(format!("'{}' is not a size", n.text), n.span.clone(), "a range is made of sizes and numbers"));
            };
            value += c * size;
        }
        Ok(value)
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

fn collect_accesses<'e>(e: &'e Expr, out: &mut Vec<&'e ast::Access>) {
    match e {
        Expr::Access(a) => out.push(a),
        Expr::Neg(x, _) => collect_accesses(x, out),
        Expr::Binary(_, l, r, _) => {
            collect_accesses(l, out);
            collect_accesses(r, out);
        }
        Expr::Call(_, args, _) => args.iter().for_each(|a| collect_accesses(a, out)),
        Expr::Number(..) | Expr::Name(_) => {}
    }
}

fn intersect(a: Known, b: Known) -> Known {
    // The tighter bound's reason is kept: it is the one that decided.
    let (lo, why_lo) = if b.lo > a.lo { (b.lo, &b) } else { (a.lo, &a) };
    let (hi, why_hi) = if b.hi < a.hi { (b.hi, &b) } else { (a.hi, &a) };
    let decider = if why_hi.hi != why_lo.hi || why_lo.lo == lo { why_hi } else { why_lo };
    Known { lo, hi, why: decider.why.clone(), how: decider.how.clone() }
}

fn div_floor(a: i64, b: i64) -> i64 {
    let q = a / b;
    if (a % b != 0) && ((a < 0) != (b < 0)) { q - 1 } else { q }
}

fn div_ceil(a: i64, b: i64) -> i64 {
    -div_floor(-a, b)
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
