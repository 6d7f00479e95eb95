//! The one safe way to get a `&Context` from a `ContextRef`.
//!
//! melior's `ContextRef::to_ref` returns a `&'c Context` that points *into the
//! `ContextRef` value itself* (a `Context` is just the raw handle, and `to_ref`
//! reinterprets `&ContextRef` as `&Context`), while claiming the lifetime of the
//! context. Called on a temporary (`op.context().to_ref()`), it dangles at the end
//! of the statement; debug builds happened to keep the stack slot intact, release
//! builds did not, and every `tg` program crashed. Pass code calls [`with_context`]
//! instead, which keeps the `ContextRef` alive for as long as the borrow can be used.

use melior::{Context, ContextRef};

/// Runs `f` with the `Context` that `context` refers to.
///
/// `f` is generic over the borrow's lifetime, so nothing borrowing the `&Context`
/// (a `Type`, an `Attribute`, a `Location` made from it) can escape in its result:
/// writing that is a compile error, not a dangling pointer.
#[allow(clippy::disallowed_methods)]
pub fn with_context<R>(context: ContextRef<'_>, f: impl FnOnce(&Context) -> R) -> R {
    // SAFETY: `to_ref` yields a pointer to `context`, a local of this frame that
    // lives until `f` returns; `Context` holds exactly the raw handle `ContextRef`
    // holds, so the reinterpretation is sound, and the handle's context outlives
    // the `ContextRef` by its lifetime parameter. `f` cannot keep the reference.
    f(unsafe { context.to_ref() })
}

/// An upstream dialect a pass creates ops of, which must be loaded first.
#[derive(Clone, Copy, Debug)]
pub enum Upstream {
    Affine,
    Math,
    MemRef,
    Scf,
    Transform,
    Ub,
    Vector,
}

impl Upstream {
    /// The dialect's handle (registration and loading hooks).
    pub fn handle(self) -> melior::dialect::DialectHandle {
        // SAFETY: each function returns a pointer to a static table of hooks.
        unsafe {
            melior::dialect::DialectHandle::from_raw(match self {
                Upstream::Affine => mlir_sys::mlirGetDialectHandle__affine__(),
                Upstream::Math => mlir_sys::mlirGetDialectHandle__math__(),
                Upstream::MemRef => mlir_sys::mlirGetDialectHandle__memref__(),
                Upstream::Scf => mlir_sys::mlirGetDialectHandle__scf__(),
                Upstream::Transform => mlir_sys::mlirGetDialectHandle__transform__(),
                Upstream::Ub => mlir_sys::mlirGetDialectHandle__ub__(),
                Upstream::Vector => mlir_sys::mlirGetDialectHandle__vector__(),
            })
        }
    }
}

/// Whether `context` can load the dialect named `namespace` (it is
/// registered); loads it if so.
pub fn can_load_dialect(context: &Context, namespace: &str) -> bool {
    // SAFETY: the context is live; a null dialect means "not registered".
    let dialect =
        unsafe { mlir_sys::mlirContextGetOrLoadDialect(context.to_raw(), melior::StringRef::new(namespace).to_raw()) };
    !dialect.ptr.is_null()
}
