//! A function's `schedule { ... }` block as a transform-dialect script.
//!
//! Each directive names a statement (by the tensor it defines) and its
//! indices, and becomes transform ops on that statement's `linalg.generic`
//! (matched by its `tc.statement` attribute), in the order written:
//!
//! | directive | transform ops |
//! |---|---|
//! | `reorder S (k, m)` | `structured.interchange`: the named loops take the places they hold, in the order given |
//! | `tile S (m: 32, n: 32)` | `structured.tile_using_for` (one `scf.for` per named index) |
//! | `parallel S (m)`, `(m: 8)` | `structured.tile_using_forall` (chunks of 1, or of 8), OpenMP with threads |
//! | `vectorize S` | `structured.vectorize` at the current tile sizes (masked when a tile does not divide) |
//! | `unroll S (k)`, `(k: 4)` | `loop.unroll` of the loop `tile` made for `k` (fully, or by 4) |
//! | `compute_at P at S.i` | `structured.fuse_into_containing_op`: `P` (and its init) computed inside `S`'s loop over `i`, as Halide's `compute_at` |
//! | `pack S (m: 8, n: 16, k: 1)` | `structured.pack`: `S`'s operands in tiles of those sizes |
//!
//! then the vector lowerings `tg-schedule` ends with. Every transform op
//! carries the location of its directive, so the interpreter's error for an
//! illegal step (`vectorize` of a convolution, `compute_at` of a tensor
//! that is not a producer) points at the `.tc` line. Every op is
//! semantics-preserving: a schedule never changes results.

use crate::ast::{Directive, Name};
use crate::check::Function;
use crate::error::{line_col, Error, Result};
use std::collections::HashMap;
use std::fmt::Write as _;

const ANY: &str = "!transform.any_op";

/// Per statement: its loops in their current order, and what was made of it.
struct State {
    handle: String,
    /// (index name, extent) in the loop order.
    loops: Vec<(String, i64, bool)>,
    /// The current tile size of each loop (its extent when untiled).
    tile: Vec<i64>,
    /// The loop handle a `tile` made for an index.
    loop_handles: HashMap<String, (String, i64)>,
    tiled: bool,
    has_init: bool,
}

/// The script for `directives`, or the first directive that names an
/// unknown statement or index or breaks a rule.
pub fn script(f: &Function, directives: &[Directive], file: &str, source: &str) -> Result<String> {
    let mut states: HashMap<String, State> = HashMap::new();
    let mut body = String::new();
    let mut counter = 0;
    let mut fresh = |prefix: &str| {
        counter += 1;
        format!("%{prefix}{counter}")
    };
    for d in directives {
        let loc = {
            let (line, col) = line_col(source, d.span.start);
            format!("loc(\"{}\":{line}:{col})", file.replace('\\', "\\\\").replace('"', "\\\""))
        };
        let statement = find_statement(f, &d.target)?;
        let target = d.target.text.clone();
        if !states.contains_key(&target) {
            let handle = fresh("s");
            let _ = writeln!(
                body,
                "    {handle} = transform.structured.match ops{{[\"linalg.generic\"]}} attributes {{tc.statement = \"{target}\"}} in %module : ({ANY}) -> {ANY} {loc}"
            );
            let loops: Vec<(String, i64, bool)> = statement.loops.iter().map(|l| (l.name.clone(), l.extent, l.reduction)).collect();
            let tile = loops.iter().map(|l| l.1).collect();
            let has_init = matches!(statement.assign, crate::ast::Assign::Reduce(_));
            states.insert(target.clone(), State { handle, loops, tile, loop_handles: HashMap::new(), tiled: false, has_init });
        }
        let primitive = d.primitive.text.as_str();
        match primitive {
            "reorder" => {
                let state = states.get_mut(&target).expect("inserted");
                if state.tiled {
                    return Err(Error::new("reorder a statement before tiling it", d.primitive.span.clone(), "after a tile")
                        .help("move this line above the statement's `tile`/`parallel`"));
                }
                let named = indices(d, state, false)?;
                let mut positions: Vec<usize> = named.iter().map(|(p, _)| *p).collect();
                positions.sort();
                let mut order: Vec<usize> = (0..state.loops.len()).collect();
                for (slot, (old, _)) in positions.iter().zip(&named) {
                    order[*slot] = *old;
                }
                let new = fresh("s");
                let _ = writeln!(
                    body,
                    "    {new} = transform.structured.interchange {} iterator_interchange = [{}] : ({ANY}) -> {ANY} {loc}",
                    state.handle,
                    join(order.iter())
                );
                state.loops = order.iter().map(|&i| state.loops[i].clone()).collect();
                state.tile = order.iter().map(|&i| state.tile[i]).collect();
                state.handle = new;
            }
            "tile" | "parallel" => {
                let state = states.get_mut(&target).expect("inserted");
                let named = indices(d, state, primitive == "tile")?;
                let mut sizes = vec![0i64; state.loops.len()];
                for (position, size) in &named {
                    let (name, extent, reduction) = &state.loops[*position];
                    if primitive == "parallel" && *reduction {
                        return Err(Error::new(
                            format!("'{name}' is a reduction index: its iterations cannot run in parallel"),
                            arg_span(d, name),
                            "a reduction",
                        ));
                    }
                    let size = size.unwrap_or(1);
                    if size > *extent {
                        return Err(Error::new(
                            format!("tile size {size} is larger than the extent {extent} of '{name}'"),
                            arg_span(d, name),
                            format!("at most {extent}"),
                        ));
                    }
                    sizes[*position] = size;
                }
                let new = fresh("s");
                if primitive == "tile" {
                    let count = sizes.iter().filter(|&&s| s != 0).count();
                    let loops: Vec<String> = (0..count).map(|_| fresh("loop")).collect();
                    let results = std::iter::once(new.clone()).chain(loops.iter().cloned()).collect::<Vec<_>>().join(", ");
                    let _ = writeln!(
                        body,
                        "    {results} = transform.structured.tile_using_for {} tile_sizes [{}] : ({ANY}) -> ({}) {loc}",
                        state.handle,
                        join(sizes.iter()),
                        vec![ANY; count + 1].join(", ")
                    );
                    let tiled_positions: Vec<usize> = (0..sizes.len()).filter(|&i| sizes[i] != 0).collect();
                    for (position, handle) in tiled_positions.iter().zip(loops) {
                        let (name, extent, _) = &state.loops[*position];
                        let trips = (extent + sizes[*position] - 1) / sizes[*position];
                        state.loop_handles.insert(name.clone(), (handle, trips));
                    }
                } else {
                    let forall = fresh("forall");
                    let _ = writeln!(
                        body,
                        "    {new}, {forall} = transform.structured.tile_using_forall {} tile_sizes [{}] : ({ANY}) -> ({ANY}, {ANY}) {loc}",
                        state.handle,
                        join(sizes.iter())
                    );
                    for (position, _) in &named {
                        state.loop_handles.insert(state.loops[*position].0.clone(), (forall.clone(), 0));
                    }
                }
                for (i, &s) in sizes.iter().enumerate() {
                    if s != 0 {
                        state.tile[i] = state.tile[i].min(s);
                    }
                }
                state.handle = new;
                state.tiled = true;
            }
            "vectorize" => {
                let state = states.get_mut(&target).expect("inserted");
                no_args(d)?;
                let _ = writeln!(
                    body,
                    "    transform.structured.vectorize {} vector_sizes [{}] : {ANY} {loc}",
                    state.handle,
                    join(state.tile.iter())
                );
            }
            "unroll" => {
                let state = states.get_mut(&target).expect("inserted");
                let named = indices(d, state, false)?;
                for (position, factor) in named {
                    let name = state.loops[position].0.clone();
                    let Some((handle, trips)) = state.loop_handles.remove(&name) else {
                        return Err(Error::new(
                            format!("'{name}' has no loop of its own to unroll"),
                            arg_span(d, &name),
                            "not tiled",
                        )
                        .help(format!("tile it first: `tile {target} ({name}: 4)`")));
                    };
                    if trips == 0 {
                        return Err(Error::new(format!("'{name}' is a parallel loop"), arg_span(d, &name), "cannot unroll"));
                    }
                    let factor = factor.unwrap_or(trips);
                    let _ = writeln!(body, "    transform.loop.unroll {handle} {{factor = {factor}}} : {ANY} {loc}");
                }
            }
            "compute_at" => {
                no_args(d)?;
                let Some((consumer, index)) = &d.at else {
                    return Err(Error::new("compute_at needs the loop to compute in", d.span.clone(), "where?")
                        .help(format!("compute_at {target} at CONSUMER.INDEX")));
                };
                find_statement(f, consumer)?;
                let Some(state) = states.get(&consumer.text) else {
                    return Err(Error::new(format!("'{}' is not tiled", consumer.text), consumer.span.clone(), "no loops yet")
                        .help(format!("tile {} first", consumer.text)));
                };
                let Some((loop_handle, _)) = state.loop_handles.get(&index.text).cloned() else {
                    let known = state.loops.iter().any(|l| l.0 == index.text);
                    let message = if known {
                        format!("'{}' has no loop over '{}'", consumer.text, index.text)
                    } else {
                        format!("'{}' has no index '{}'", consumer.text, index.text)
                    };
                    return Err(Error::new(message, index.span.clone(), if known { "not tiled" } else { "unknown index" }));
                };
                let producer = states.get(&target).expect("inserted");
                let (fused, new_loop) = (fresh("s"), fresh("loop"));
                let _ = writeln!(
                    body,
                    "    {fused}, {new_loop} = transform.structured.fuse_into_containing_op {} into {loop_handle} : ({ANY}, {ANY}) -> ({ANY}, {ANY}) {loc}",
                    producer.handle
                );
                let mut current_loop = new_loop;
                if producer.has_init {
                    let (init, init_fused, next_loop) = (fresh("init"), fresh("s"), fresh("loop"));
                    let _ = writeln!(
                        body,
                        "    {init} = transform.structured.match ops{{[\"linalg.fill\"]}} attributes {{tc.statement = \"{target}.init\"}} in %module : ({ANY}) -> {ANY} {loc}\n    \
                         {init_fused}, {next_loop} = transform.structured.fuse_into_containing_op {init} into {current_loop} : ({ANY}, {ANY}) -> ({ANY}, {ANY}) {loc}"
                    );
                    current_loop = next_loop;
                }
                let state = states.get_mut(&consumer.text).expect("checked");
                for (_, (handle, _)) in state.loop_handles.iter_mut() {
                    if *handle == loop_handle {
                        *handle = current_loop.clone();
                    }
                }
                let producer = states.get_mut(&target).expect("inserted");
                producer.handle = fused;
                producer.tiled = true;
            }
            "pack" => {
                let state = states.get_mut(&target).expect("inserted");
                let named = indices(d, state, true)?;
                let mut sizes = vec![0i64; state.loops.len()];
                for (position, size) in named {
                    sizes[position] = size.unwrap_or(1);
                }
                let new = fresh("s");
                let _ = writeln!(
                    body,
                    "    {new} = transform.structured.pack {} packed_sizes = [{}] : ({ANY}) -> ({ANY}) {loc}",
                    state.handle,
                    join(sizes.iter())
                );
                state.handle = new;
                state.tiled = true;
            }
            other => {
                return Err(Error::new(format!("unknown schedule primitive '{other}'"), d.primitive.span.clone(), "unknown")
                    .help("the primitives are tile, reorder, vectorize, parallel, unroll, compute_at, pack"));
            }
        }
    }
    Ok(format!(
        "module attributes {{transform.with_named_sequence}} {{\n  transform.named_sequence @__transform_main(%module: {ANY} {{transform.readonly}}) {{\n{body}{}    transform.yield\n  }}\n}}\n",
        tg_passes::schedule::finishing_patterns()
    ))
}

fn join<'a>(values: impl Iterator<Item = &'a (impl std::fmt::Display + 'a)>) -> String {
    values.map(|v| v.to_string()).collect::<Vec<_>>().join(", ")
}

fn find_statement<'f>(f: &'f Function, name: &Name) -> Result<&'f crate::check::Statement> {
    f.statements.iter().find(|s| f.tensors[s.target].name == name.text && s.previous.is_none()).ok_or_else(|| {
        let names: Vec<&str> = f.statements.iter().map(|s| f.tensors[s.target].name.as_str()).collect();
        Error::new(format!("no statement defines '{}'", name.text), name.span.clone(), "unknown statement")
            .help(format!("the statements are {}", names.join(", ")))
    })
}

/// The named indices of a directive: (position in the loop order, size).
fn indices(d: &Directive, state: &State, sizes_required: bool) -> Result<Vec<(usize, Option<i64>)>> {
    if d.args.is_empty() {
        return Err(Error::new(format!("{} names no index", d.primitive.text), d.span.clone(), "which indices?"));
    }
    let mut out: Vec<(usize, Option<i64>)> = Vec::new();
    for (name, size) in &d.args {
        let Some(position) = state.loops.iter().position(|l| l.0 == name.text) else {
            let all: Vec<&str> = state.loops.iter().map(|l| l.0.as_str()).collect();
            return Err(Error::new(format!("'{}' has no index '{}'", d.target.text, name.text), name.span.clone(), "unknown index")
                .help(format!("its indices are {}", all.join(", "))));
        };
        if out.iter().any(|(p, _)| *p == position) {
            return Err(Error::new(format!("'{}' is named twice", name.text), name.span.clone(), "again"));
        }
        if let Some((value, span)) = size {
            if *value <= 0 {
                return Err(Error::new(format!("a size must be positive, not {value}"), span.clone(), "here"));
            }
        } else if sizes_required {
            return Err(Error::new(format!("{} needs a size for '{}'", d.primitive.text, name.text), name.span.clone(), "no size")
                .help(format!("{}: 32", name.text)));
        }
        out.push((position, size.as_ref().map(|s| s.0)));
    }
    Ok(out)
}

fn no_args(d: &Directive) -> Result<()> {
    match d.args.first() {
        Some((name, _)) => Err(Error::new(format!("{} takes no indices", d.primitive.text), name.span.clone(), "unexpected")),
        None => Ok(()),
    }
}

fn arg_span(d: &Directive, name: &str) -> crate::ast::Span {
    d.args.iter().find(|(n, _)| n.text == name).map(|(n, _)| n.span.clone()).unwrap_or(d.span.clone())
}
