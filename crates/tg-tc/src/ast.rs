//! The syntax tree of a `.tc` file, as written (spans are byte ranges into
//! the source, for diagnostics).

use std::ops::Range;

pub type Span = Range<usize>;

/// A name and where it is written.
#[derive(Clone, Debug, PartialEq)]
pub struct Name {
    pub text: String,
    pub span: Span,
}

/// An element type of the language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Element {
    F16,
    F32,
    F64,
    I32,
    I64,
}

impl Element {
    pub fn parse(text: &str) -> Option<Element> {
        Some(match text {
            "f16" => Element::F16,
            "f32" => Element::F32,
            "f64" => Element::F64,
            "i32" => Element::I32,
            "i64" => Element::I64,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Element::F16 => "f16",
            Element::F32 => "f32",
            Element::F64 => "f64",
            Element::I32 => "i32",
            Element::I64 => "i64",
        }
    }

    pub fn is_float(self) -> bool {
        matches!(self, Element::F16 | Element::F32 | Element::F64)
    }
}

/// One dimension of a declared type: a size variable or a number.
#[derive(Clone, Debug, PartialEq)]
pub enum Dim {
    Size(Name),
    Fixed(i64, Span),
}

/// `f32[N, C, 3]`, or a scalar `f32`.
#[derive(Clone, Debug, PartialEq)]
pub struct TensorType {
    pub element: Element,
    pub dims: Vec<Dim>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    pub name: Name,
    pub ty: TensorType,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Output {
    pub name: Name,
    pub ty: Option<TensorType>,
}

/// How a statement combines its value into the tensor it defines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Assign {
    /// `=`: the value itself (no reduction indices allowed).
    Pure,
    /// `+=!`, `*=!`, `max=!`, `min=!`: initialised with the identity, then
    /// reduced over the indices not on the left.
    Reduce(Reduction),
    /// `+=`: added into the tensor's earlier definition.
    Accumulate,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reduction {
    Add,
    Mul,
    Max,
    Min,
}

impl Assign {
    pub fn parse(text: &str) -> Assign {
        match text {
            "+=!" => Assign::Reduce(Reduction::Add),
            "*=!" => Assign::Reduce(Reduction::Mul),
            "max=!" => Assign::Reduce(Reduction::Max),
            "min=!" => Assign::Reduce(Reduction::Min),
            "+=" => Assign::Accumulate,
            _ => Assign::Pure,
        }
    }

    /// The reduction that combines values into the result, if any.
    pub fn reduction(self) -> Option<Reduction> {
        match self {
            Assign::Pure => None,
            Assign::Reduce(r) => Some(r),
            Assign::Accumulate => Some(Reduction::Add),
        }
    }
}

/// An affine index expression: `sum(coefficient * variable) + constant`,
/// where a variable is an index or a size (sizes are constants once bound).
#[derive(Clone, Debug, PartialEq)]
pub struct Affine {
    pub terms: Vec<(i64, Name)>,
    pub constant: i64,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    Add,
    Sub,
    Mul,
    Div,
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
}

impl BinaryOp {
    pub fn is_comparison(self) -> bool {
        matches!(self, BinaryOp::Lt | BinaryOp::Le | BinaryOp::Gt | BinaryOp::Ge | BinaryOp::Eq | BinaryOp::Ne)
    }

    pub fn symbol(self) -> &'static str {
        match self {
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Mul => "*",
            BinaryOp::Div => "/",
            BinaryOp::Lt => "<",
            BinaryOp::Le => "<=",
            BinaryOp::Gt => ">",
            BinaryOp::Ge => ">=",
            BinaryOp::Eq => "==",
            BinaryOp::Ne => "!=",
        }
    }
}

/// A read of a tensor: `x[n, c, y + kh, x + kw]`, or with zero padding
/// `x[n, c, y + kh - 1, x + kw - 1] else 0` (out-of-range reads give the value).
#[derive(Clone, Debug, PartialEq)]
pub struct Access {
    pub tensor: Name,
    pub indices: Vec<Affine>,
    pub padding: Option<f64>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    Number(f64, Span),
    /// A scalar parameter (or, misspelt, anything else: the checker says).
    Name(Name),
    Access(Access),
    Neg(Box<Expr>, Span),
    Binary(BinaryOp, Box<Expr>, Box<Expr>, Span),
    Call(Name, Vec<Expr>, Span),
}

impl Expr {
    pub fn span(&self) -> Span {
        match self {
            Expr::Number(_, s) | Expr::Neg(_, s) | Expr::Binary(_, _, _, s) | Expr::Call(_, _, s) => s.clone(),
            Expr::Name(n) => n.span.clone(),
            Expr::Access(a) => a.span.clone(),
        }
    }
}

/// `where kh in 0:KH`: an index's range given explicitly, `lo` inclusive,
/// `hi` exclusive.
#[derive(Clone, Debug, PartialEq)]
pub struct RangeDecl {
    pub index: Name,
    pub lo: Affine,
    pub hi: Affine,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Statement {
    pub tensor: Name,
    pub indices: Vec<Name>,
    pub assign: Assign,
    pub value: Expr,
    pub ranges: Vec<RangeDecl>,
    pub span: Span,
}

/// One line of a schedule: `tile C (m: 32, n: 32)`, `compute_at tr at out.y`.
#[derive(Clone, Debug, PartialEq)]
pub struct Directive {
    pub primitive: Name,
    pub target: Name,
    pub args: Vec<(Name, Option<(i64, Span)>)>,
    pub at: Option<(Name, Name)>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Function {
    pub name: Name,
    pub params: Vec<Param>,
    pub outputs: Vec<Output>,
    pub statements: Vec<Statement>,
    pub schedule: Vec<Directive>,
    pub span: Span,
}
