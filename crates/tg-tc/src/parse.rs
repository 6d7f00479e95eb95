//! Text to syntax tree: the pest grammar (`grammar.pest`), then one function
//! per rule. Syntax errors carry pest's position and what it expected.

use crate::ast::*;
use crate::error::{Error, Result};
use pest::iterators::Pair;
use pest::pratt_parser::{Assoc, Op, PrattParser};
use pest::Parser as _;
use std::sync::OnceLock;

#[derive(pest_derive::Parser)]
#[grammar = "grammar.pest"]
struct Grammar;

/// Parses a whole `.tc` file.
pub fn parse(source: &str) -> Result<Vec<Function>> {
    let mut pairs = Grammar::parse(Rule::file, source).map_err(syntax_error)?;
    let file = pairs.next().expect("the file rule matched");
    file.into_inner().filter(|p| p.as_rule() == Rule::function).map(function).collect()
}

fn syntax_error(error: pest::error::Error<Rule>) -> Error {
    let at = match error.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((s, _)) => s,
    };
    let expected = match &error.variant {
        pest::error::ErrorVariant::ParsingError { positives, .. } => {
            let mut names: Vec<&str> = positives.iter().filter_map(|r| describe(*r)).collect();
            names.sort();
            names.dedup();
            names
        }
        pest::error::ErrorVariant::CustomError { .. } => Vec::new(),
    };
    let label = if expected.is_empty() { "here".to_string() } else { format!("expected {}", expected.join(", ")) };
    Error::new("syntax error", at..at + 1, label)
}

/// How a rule pest expected reads in an error.
fn describe(rule: Rule) -> Option<&'static str> {
    Some(match rule {
        Rule::function => "a function (`def`)",
        Rule::ident => "a name",
        Rule::integer => "an integer",
        Rule::number | Rule::signed_number => "a number",
        Rule::element => "an element type (f16, f32, f64, i32, i64)",
        Rule::assign => "an assignment (=, +=!, *=!, max=!, min=!, +=)",
        Rule::statement => "a statement",
        Rule::expr => "an expression",
        Rule::affine | Rule::affine_term => "an index expression",
        Rule::add | Rule::sub | Rule::mul | Rule::div => "an operator",
        Rule::lt | Rule::le | Rule::gt | Rule::ge | Rule::eq | Rule::ne => "an operator",
        Rule::schedule => "`schedule`",
        Rule::directive => "a schedule directive",
        Rule::ranges => "`where`",
        Rule::padding => "`else`",
        Rule::EOI => "the end of the file",
        _ => return None,
    })
}

fn span(pair: &Pair<Rule>) -> Span {
    pair.as_span().start()..pair.as_span().end()
}

fn name(pair: Pair<Rule>) -> Name {
    Name { text: pair.as_str().to_string(), span: span(&pair) }
}

fn function(pair: Pair<Rule>) -> Result<Function> {
    let whole = span(&pair);
    let mut inner = pair.into_inner();
    let fname = name(inner.next().expect("a function has a name"));
    let params = inner.next().expect("a function has params").into_inner().map(param).collect::<Result<_>>()?;
    let outputs = inner.next().expect("a function has outputs").into_inner().map(output).collect::<Result<_>>()?;
    let mut statements = Vec::new();
    let mut schedule = Vec::new();
    for p in inner {
        match p.as_rule() {
            Rule::statement => statements.push(statement(p)?),
            Rule::schedule => schedule = p.into_inner().map(directive).collect::<Result<_>>()?,
            _ => {}
        }
    }
    Ok(Function { name: fname, params, outputs, statements, schedule, span: whole })
}

fn param(pair: Pair<Rule>) -> Result<Param> {
    let mut inner = pair.into_inner();
    let pname = name(inner.next().expect("a param has a name"));
    let ty = tensor_type(inner.next().expect("a param has a type"))?;
    Ok(Param { name: pname, ty })
}

fn output(pair: Pair<Rule>) -> Result<Output> {
    let mut inner = pair.into_inner();
    let oname = name(inner.next().expect("an output has a name"));
    let ty = inner.next().map(tensor_type).transpose()?;
    Ok(Output { name: oname, ty })
}

fn tensor_type(pair: Pair<Rule>) -> Result<TensorType> {
    let whole = span(&pair);
    let mut inner = pair.into_inner();
    let element = Element::parse(inner.next().expect("a type has an element").as_str()).expect("the grammar's elements");
    let dims = inner
        .map(|d| {
            let d = d.into_inner().next().expect("a dim");
            match d.as_rule() {
                Rule::integer => integer(&d).map(|v| Dim::Fixed(v, span(&d))),
                _ => Ok(Dim::Size(name(d))),
            }
        })
        .collect::<Result<_>>()?;
    Ok(TensorType { element, dims, span: whole })
}

fn integer(pair: &Pair<Rule>) -> Result<i64> {
    pair.as_str().parse().map_err(|_| Error::new("integer too large", span(pair), "does not fit in 64 bits"))
}

fn statement(pair: Pair<Rule>) -> Result<Statement> {
    let whole = span(&pair);
    let mut inner = pair.into_inner();
    let tensor = name(inner.next().expect("a statement defines a tensor"));
    let indices = inner.next().expect("a statement has indices").into_inner().map(name).collect();
    let assign = Assign::parse(inner.next().expect("a statement assigns").as_str());
    let value = expr(inner.next().expect("a statement has a value"))?;
    let mut ranges = Vec::new();
    if let Some(r) = inner.next() {
        for range in r.into_inner() {
            let mut parts = range.into_inner();
            let index = name(parts.next().expect("a range names an index"));
            let lo = affine(parts.next().expect("a range has a start"))?;
            let hi = affine(parts.next().expect("a range has an end"))?;
            ranges.push(RangeDecl { index, lo, hi });
        }
    }
    Ok(Statement { tensor, indices, assign, value, ranges, span: whole })
}

fn pratt() -> &'static PrattParser<Rule> {
    static PRATT: OnceLock<PrattParser<Rule>> = OnceLock::new();
    PRATT.get_or_init(|| {
        PrattParser::new()
            .op(Op::infix(Rule::lt, Assoc::Left)
                | Op::infix(Rule::le, Assoc::Left)
                | Op::infix(Rule::gt, Assoc::Left)
                | Op::infix(Rule::ge, Assoc::Left)
                | Op::infix(Rule::eq, Assoc::Left)
                | Op::infix(Rule::ne, Assoc::Left))
            .op(Op::infix(Rule::add, Assoc::Left) | Op::infix(Rule::sub, Assoc::Left))
            .op(Op::infix(Rule::mul, Assoc::Left) | Op::infix(Rule::div, Assoc::Left))
            .op(Op::prefix(Rule::neg))
    })
}

fn expr(pair: Pair<Rule>) -> Result<Expr> {
    pratt()
        .map_primary(primary)
        .map_prefix(|op, operand| {
            let operand = operand?;
            let s = op.as_span().start()..operand.span().end;
            Ok(Expr::Neg(Box::new(operand), s))
        })
        .map_infix(|lhs, op, rhs| {
            let (lhs, rhs) = (lhs?, rhs?);
            let binary = match op.as_rule() {
                Rule::add => BinaryOp::Add,
                Rule::sub => BinaryOp::Sub,
                Rule::mul => BinaryOp::Mul,
                Rule::div => BinaryOp::Div,
                Rule::lt => BinaryOp::Lt,
                Rule::le => BinaryOp::Le,
                Rule::gt => BinaryOp::Gt,
                Rule::ge => BinaryOp::Ge,
                Rule::eq => BinaryOp::Eq,
                _ => BinaryOp::Ne,
            };
            let s = lhs.span().start..rhs.span().end;
            Ok(Expr::Binary(binary, Box::new(lhs), Box::new(rhs), s))
        })
        .parse(pair.into_inner())
}

fn primary(pair: Pair<Rule>) -> Result<Expr> {
    let s = span(&pair);
    match pair.as_rule() {
        Rule::number => number(&pair).map(|v| Expr::Number(v, s)),
        Rule::ident => Ok(Expr::Name(name(pair))),
        Rule::expr => expr(pair),
        Rule::call => {
            let mut inner = pair.into_inner();
            let callee = name(inner.next().expect("a call names a function"));
            let args = inner.map(expr).collect::<Result<_>>()?;
            Ok(Expr::Call(callee, args, s))
        }
        Rule::access => {
            let mut inner = pair.into_inner();
            let tensor = name(inner.next().expect("an access names a tensor"));
            let mut indices = Vec::new();
            let mut padding = None;
            for p in inner {
                match p.as_rule() {
                    Rule::affine => indices.push(affine(p)?),
                    _ => {
                        let value = p.into_inner().next().expect("a padding value");
                        let text = value.as_str();
                        let v: f64 = text.parse().map_err(|_| Error::new("not a number", span(&value), "here"))?;
                        padding = Some(v);
                    }
                }
            }
            Ok(Expr::Access(Access { tensor, indices, padding, span: s }))
        }
        rule => unreachable!("the grammar has no primary {rule:?}"),
    }
}

fn number(pair: &Pair<Rule>) -> Result<f64> {
    pair.as_str().parse().map_err(|_| Error::new("not a number", span(pair), "here"))
}

/// A linear combination while an index expression is parsed.
#[derive(Clone)]
struct Linear {
    terms: Vec<(i64, Name)>,
    constant: i64,
}

impl Linear {
    fn scale(mut self, factor: i64, at: Span) -> Result<Linear> {
        let overflow = || Error::new("index expression overflows", at.clone(), "too large");
        for (c, _) in &mut self.terms {
            *c = c.checked_mul(factor).ok_or_else(overflow)?;
        }
        self.constant = self.constant.checked_mul(factor).ok_or_else(overflow)?;
        Ok(self)
    }

    fn add(mut self, other: Linear, at: Span) -> Result<Linear> {
        self.constant =
            self.constant.checked_add(other.constant).ok_or_else(|| Error::new("index expression overflows", at, "too large"))?;
        for (c, n) in other.terms {
            match self.terms.iter_mut().find(|(_, m)| m.text == n.text) {
                Some((d, _)) => *d += c,
                None => self.terms.push((c, n)),
            }
        }
        self.terms.retain(|(c, _)| *c != 0);
        Ok(self)
    }
}

fn affine(pair: Pair<Rule>) -> Result<Affine> {
    let s = span(&pair);
    let linear = affine_sum(pair)?;
    Ok(Affine { terms: linear.terms, constant: linear.constant, span: s })
}

fn affine_sum(pair: Pair<Rule>) -> Result<Linear> {
    let mut total = Linear { terms: Vec::new(), constant: 0 };
    let mut sign = 1;
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::affine_op => sign = if p.as_str() == "-" { -1 } else { 1 },
            _ => {
                let at = span(&p);
                let term = affine_term(p)?.scale(sign, at.clone())?;
                total = total.add(term, at)?;
            }
        }
    }
    Ok(total)
}

fn affine_term(pair: Pair<Rule>) -> Result<Linear> {
    let whole = span(&pair);
    let mut product = Linear { terms: Vec::new(), constant: 1 };
    let mut negate = false;
    for p in pair.into_inner() {
        let at = span(&p);
        let factor = match p.as_rule() {
            Rule::affine_neg => {
                negate = true;
                continue;
            }
            Rule::integer => Linear { terms: Vec::new(), constant: integer(&p)? },
            Rule::ident => Linear { terms: vec![(1, name(p))], constant: 0 },
            _ => affine_sum(p)?,
        };
        product = if product.terms.is_empty() {
            factor.scale(product.constant, at)?
        } else if factor.terms.is_empty() {
            product.scale(factor.constant, at)?
        } else {
            return Err(Error::new("an index expression must be affine", whole, "a product of two variables")
                .help("indices combine by +, - and multiplication by constants, as in `2*y + kh - 1`"));
        };
    }
    if negate {
        product = product.scale(-1, whole)?;
    }
    Ok(product)
}

fn directive(pair: Pair<Rule>) -> Result<Directive> {
    let whole = span(&pair);
    let mut inner = pair.into_inner();
    let primitive = name(inner.next().expect("a directive has a primitive"));
    let target = name(inner.next().expect("a directive has a target"));
    let mut args = Vec::new();
    let mut at = None;
    let mut rest: Vec<Pair<Rule>> = inner.collect();
    if rest.len() >= 2 && rest[rest.len() - 1].as_rule() == Rule::ident && rest[rest.len() - 2].as_rule() == Rule::ident {
        let index = name(rest.pop().expect("two names"));
        let statement = name(rest.pop().expect("two names"));
        at = Some((statement, index));
    }
    for arg in rest {
        let mut parts = arg.into_inner();
        let index = name(parts.next().expect("an argument names an index"));
        let value = parts.next().map(|v| integer(&v).map(|n| (n, span(&v)))).transpose()?;
        args.push((index, value));
    }
    Ok(Directive { primitive, target, args, at, span: whole })
}
