//! Binding a function's size variables: from its inputs' shapes (one per
//! parameter, when they are known) and from `-D N=8`; a size bound twice to
//! different values is an error pointing at both.

use crate::ast::{self, Dim, Span};
use crate::error::{Error, Result};
use std::collections::HashMap;

/// Binds the sizes of `function`: from `shapes` (one per parameter, in
/// order, a scalar's empty, when the inputs are known) and `defines` (`-D N=8`).
pub fn bind(
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

