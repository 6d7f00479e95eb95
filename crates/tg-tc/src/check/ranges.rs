//! Range inference, as Tensor Comprehensions does it: an index's range comes
//! from its `where` clause, from the shape of the tensor it indexes on the
//! left when that is known (a declared output, or the earlier definition `+=`
//! adds into), or else from the reads it appears in: in rounds, each read
//! dimension `e` with one index `v` of unknown range (the others known)
//! bounds `v` so that `0 <= e < size` for every value of the others; the
//! candidates of a round intersect (the largest range that keeps every read
//! in bounds). Then every unguarded read is checked against the final
//! ranges. Reads with `else v` (zero padding) may read out of range and
//! bound nothing.

use super::Checker;
use crate::ast::{self, Expr, Name, Span};
use crate::error::{Error, Result};

/// What is known of an index's range while it is inferred, and why.
#[derive(Clone, Debug)]
pub(super) struct Known {
    pub lo: i64,
    pub hi: i64,
    pub why: Span,
    pub how: String,
}

impl Checker<'_> {
    /// The range of each of `names` (the statement's indices, the left's
    /// first), or the error that says which cannot be inferred and why.
    pub(super) fn infer_ranges(
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

    pub(super) fn constant_affine(&self, a: &ast::Affine) -> Result<i64> {
        let mut value = a.constant;
        for (c, n) in &a.terms {
            let Some(&size) = self.sizes.get(&n.text) else {
                return Err(Error::new(format!("'{}' is not a size", n.text), n.span.clone(), "a range is made of sizes and numbers"));
            };
            value += c * size;
        }
        Ok(value)
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

/// Both bounds; the reason kept is the candidate that narrowed it most (the
/// one a conflict points at).
fn intersect(a: Known, b: Known) -> Known {
    let (lo, hi) = (a.lo.max(b.lo), a.hi.min(b.hi));
    let narrower = if (b.hi - b.lo) < (a.hi - a.lo) { b } else { a };
    Known { lo, hi, ..narrower }
}

fn div_floor(a: i64, b: i64) -> i64 {
    let q = a / b;
    if (a % b != 0) && ((a < 0) != (b < 0)) { q - 1 } else { q }
}

fn div_ceil(a: i64, b: i64) -> i64 {
    -div_floor(-a, b)
}

