//! A function's `schedule { ... }` block as a transform-dialect script.
//!
//! Each directive names a statement (by the tensor it defines) and its
//! indices, and becomes transform ops on that statement's `linalg.generic`
//! (found by its `tc.statement` attribute at first, then by the mark put on
//! its body's yield, which tiling, fusion and folding carry along), in the
//! order written:
//!
//! | directive | transform ops |
//! |---|---|
//! | `reorder S (k, m)` | `structured.interchange`: the named loops take the places they hold, in the order given |
//! | `tile S (m: 32, n: 32)` | `structured.tile_using_for` (one `scf.for` per named index) |
//! | `parallel S (m)`, `(m: 8)` | `structured.tile_using_forall` (chunks of 1, or of 8), OpenMP with threads; a reduction's init fused into it |
//! | `unroll S (k)`, `(k: 4)` | `loop.unroll` of the loop `tile` made for `k` (fully, or by 4) |
//! | `compute_at P at S.i` | `structured.fuse_into_containing_op` into each loop of `S`'s nest down to the one over `i`: `P` (and its init) computed there, as Halide's `compute_at` |
//! | `pack S (m: 8, n: 16, k: 1)` | `structured.pack`: `S`'s operands in tiles of those sizes |
//! | `vectorize S` | after every other directive: unit loops folded away, then `structured.vectorize` (masked where a tile does not divide its loop) |
//!
//! then the vector lowerings `tg-schedule` ends with. Every transform op
//! carries the location of its directive, so the interpreter's error for an
//! illegal step (`compute_at` into a loop that does not consume the
//! producer) points at the `.tc` line. Every op is semantics-preserving: a
//! schedule never changes results.

use crate::ast::{Directive, Name};
use crate::check::Function;
use crate::error::{line_col, Error, Result};
use std::collections::HashMap;
use std::fmt::Write as _;

const ANY: &str = "!transform.any_op";

/// Per statement: its loops in their current order, and what was made of it.
struct State {
    handle: String,
    /// (index name, extent, is a reduction) in the loop order.
    loops: Vec<(String, i64, bool)>,
    /// The current tile size of each loop (its extent when untiled).
    tile: Vec<i64>,
    /// The loop handle a `tile` made for an index.
    loop_handles: HashMap<String, (String, i64)>,
    tiled: bool,
    has_init: bool,
    /// The outermost loop a `tile` or `parallel` made (the statement's nest).
    outer: Option<String>,
    /// Every loop `tile` and `parallel` made, outermost first.
    nest: Vec<String>,
    /// Computed inside another statement's loop (`compute_at`): its shapes
    /// are its consumer's tiles.
    fused: bool,
    /// Whether its init's fill was moved into its loops (and is vectorized with it).
    init_inside: bool,
    /// Where it was vectorized (its op is gone then).
    vectorized: Option<crate::ast::Span>,
}

/// The script for `directives`, or the first directive that names an
/// unknown statement or index or breaks a rule.
pub fn script(f: &Function, directives: &[Directive], file: &str, source: &str) -> Result<String> {
    let mut states: HashMap<String, State> = HashMap::new();
    let mut body = String::new();
    let mut vectorizations = String::new();
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
            // The statement's op is marked through its body's yield, which
            // every rewrite moves or clones along (tiling, fusion, unit-dim
            // folding, packing make new ops, without its attributes).
            let (op, yield_op, mark) = (fresh("s"), fresh("yield"), fresh("mark"));
            let _ = writeln!(
                body,
                "    {op} = transform.structured.match ops{{[\"linalg.generic\"]}} attributes {{tc.statement = \"{target}\"}} in %module : ({ANY}) -> {ANY} {loc}\n    \
                 {yield_op} = transform.structured.match ops{{[\"linalg.yield\"]}} in {op} : ({ANY}) -> {ANY} {loc}\n    \
                 {mark} = transform.param.constant \"{target}\" -> !transform.any_param {loc}\n    \
                 transform.annotate {yield_op} \"tc.body\" = {mark} : {ANY}, !transform.any_param {loc}"
            );
            let loops: Vec<(String, i64, bool)> = statement.loops.iter().map(|l| (l.name.clone(), l.extent, l.reduction)).collect();
            let tile = loops.iter().map(|l| l.1).collect();
            let has_init = matches!(statement.assign, crate::ast::Assign::Reduce(_));
            if has_init {
                // Its init too is this schedule's (tg-schedule's own leaves it).
                let (fill, fill_yield, fill_mark) = (fresh("init"), fresh("yield"), fresh("mark"));
                let _ = writeln!(
                    body,
                    "    {fill} = transform.structured.match ops{{[\"linalg.fill\"]}} attributes {{tc.statement = \"{target}.init\"}} in %module : ({ANY}) -> {ANY} {loc}\n    \
                     {fill_yield} = transform.structured.match ops{{[\"linalg.yield\"]}} in {fill} : ({ANY}) -> {ANY} {loc}\n    \
                     {fill_mark} = transform.param.constant \"{target}.init\" -> !transform.any_param {loc}\n    \
                     transform.annotate {fill_yield} \"tc.body\" = {fill_mark} : {ANY}, !transform.any_param {loc}"
                );
            }
            let state = State {
                handle: String::new(),
                loops,
                tile,
                loop_handles: HashMap::new(),
                tiled: false,
                has_init,
                outer: None,
                nest: Vec::new(),
                fused: false,
                init_inside: false,
                vectorized: None,
            };
            states.insert(target.clone(), state);
        }
        let state = states.get_mut(&target).expect("inserted");
        if let Some(at) = &state.vectorized {
            return Err(Error::new(format!("'{target}' is vectorized already"), d.span.clone(), "after vectorize")
                .note(at.clone(), "vectorized here")
                .help("vectorize is a statement's last step"));
        }
        let (again, op) = (fresh("yield"), fresh("s"));
        let _ = writeln!(
            body,
            "    {again} = transform.structured.match ops{{[\"linalg.yield\"]}} attributes {{tc.body = \"{target}\"}} in %module : ({ANY}) -> {ANY} {loc}\n    \
             {op} = transform.get_parent_op {again} {{op_name = \"linalg.generic\"}} : ({ANY}) -> {ANY} {loc}"
        );
        state.handle = op;
        let primitive = d.primitive.text.as_str();
        match primitive {
            "reorder" => {
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
                    if state.outer.is_none() {
                        state.outer = loops.first().cloned();
                    }
                    state.nest.extend(loops.iter().cloned());
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
                    // A reduction's init (the fill of its identity) moves into
                    // the forall, through its shared output: each tile starts
                    // its accumulators there instead of reading a filled tensor.
                    let mut forall = forall;
                    if state.has_init && !state.init_inside {
                        forall = fuse_init(&mut body, &mut fresh, &target, &forall, &loc);
                        state.init_inside = true;
                    }
                    for (position, _) in &named {
                        state.loop_handles.insert(state.loops[*position].0.clone(), (forall.clone(), 0));
                    }
                    state.nest.push(forall.clone());
                    if state.outer.is_none() {
                        state.outer = Some(forall.clone());
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
                no_args(d)?;
                // Vectorization comes after every tile and fusion (it ends a
                // statement), emitted at the end. The tile's unit loops are
                // folded away first: a convolution's window loops tiled to 1
                // leave maps (y + kh with kh = 0) linalg can vectorize, and
                // the folding may touch the other ops of the same loops.
                let (scope, again, parent) = (fresh("scope"), fresh("yield"), fresh("s"));
                let (scope, scope_op) = match &state.outer {
                    Some(outer) => (outer.clone(), String::new()),
                    None => {
                        let op = format!("{scope} = transform.get_parent_op {} {{op_name = \"func.func\"}} : ({ANY}) -> {ANY} {loc}\n    ", state.handle);
                        (scope, op)
                    }
                };
                // Static tiles vectorize at their shapes; a tile that does not
                // divide its loop is dynamic and gets masked vectors of its size.
                let divides = state.loops.iter().zip(&state.tile).all(|(l, t)| l.1 % t == 0);
                let sizes: Vec<i64> = state.tile.iter().copied().filter(|&t| t > 1).collect();
                let sizes = if divides || state.fused {
                    String::new()
                } else {
                    format!(" vector_sizes [{}]", join(sizes.iter()))
                };
                let _ = writeln!(
                    vectorizations,
                    "    {scope_op}\
                     transform.apply_patterns to {scope} {{\n      transform.apply_patterns.linalg.fold_unit_extent_dims_via_slices\n    }} : {ANY} {loc}\n    \
                     {again} = transform.structured.match ops{{[\"linalg.yield\"]}} attributes {{tc.body = \"{target}\"}} in {scope} : ({ANY}) -> {ANY} {loc}\n    \
                     {parent} = transform.get_parent_op {again} {{op_name = \"linalg.generic\"}} : ({ANY}) -> {ANY} {loc}\n    \
                     transform.structured.vectorize {parent}{sizes} : {ANY} {loc}"
                );
                if state.init_inside {
                    let fill = fresh("init");
                    let _ = writeln!(
                        vectorizations,
                        "    {fill} = transform.structured.match ops{{[\"linalg.fill\"]}} attributes {{tc.statement = \"{target}.init\"}} in {scope} : ({ANY}) -> {ANY} {loc}\n    \
                         transform.structured.vectorize {fill} : {ANY} {loc}"
                    );
                }
                state.vectorized = Some(d.span.clone());
            }
            "unroll" => {
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
                    state.nest.retain(|h| *h != handle);
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
                // Computed inside the loop over `index`: fused into each loop
                // of the consumer's nest from the outermost down to that one
                // (each level's slice is the next one's producer), its init with it.
                let depth = state.nest.iter().position(|h| *h == loop_handle).expect("the loops of a nest");
                let levels: Vec<String> = state.nest[..=depth].to_vec();
                let producer = states.get(&target).expect("inserted");
                let (mut producer_handle, has_init) = (producer.handle.clone(), producer.has_init);
                let mut replaced: Vec<(String, String)> = Vec::new();
                for level in levels {
                    let (fused, mut current) = (fresh("s"), fresh("loop"));
                    let _ = writeln!(
                        body,
                        "    {fused}, {current} = transform.structured.fuse_into_containing_op {producer_handle} into {level} : ({ANY}, {ANY}) -> ({ANY}, {ANY}) {loc}"
                    );
                    if has_init {
                        current = fuse_init(&mut body, &mut fresh, &target, &current, &loc);
                    }
                    producer_handle = fused;
                    replaced.push((level, current));
                }
                let current_loop = replaced.last().expect("one level at least").1.clone();
                let state = states.get_mut(&consumer.text).expect("checked");
                for (old, new) in &replaced {
                    for (_, (handle, _)) in state.loop_handles.iter_mut() {
                        if handle == old {
                            *handle = new.clone();
                        }
                    }
                    for handle in state.nest.iter_mut() {
                        if handle == old {
                            *handle = new.clone();
                        }
                    }
                    if state.outer.as_ref() == Some(old) {
                        state.outer = Some(new.clone());
                    }
                }
                let producer = states.get_mut(&target).expect("inserted");
                producer.handle = producer_handle;
                producer.tiled = true;
                producer.fused = true;
                if producer.outer.is_none() {
                    producer.outer = Some(current_loop);
                }
            }
            "pack" => {
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
    body.push_str(&vectorizations);
    Ok(format!(
        "module attributes {{transform.with_named_sequence}} {{\n  transform.named_sequence @__transform_main(%module: {ANY} {{transform.readonly}}) {{\n{body}{}    transform.yield\n  }}\n}}\n",
        tg_passes::schedule::finishing_patterns()
    ))
}

/// Fuses the init (the identity's fill) of reduction `target` into `container`;
/// the handle of the loop that replaces it.
fn fuse_init(body: &mut String, fresh: &mut impl FnMut(&str) -> String, target: &str, container: &str, loc: &str) -> String {
    let (init, fused, new_loop) = (fresh("init"), fresh("s"), fresh("loop"));
    let _ = writeln!(
        body,
        "    {init} = transform.structured.match ops{{[\"linalg.fill\"]}} attributes {{tc.statement = \"{target}.init\"}} in %module : ({ANY}) -> {ANY} {loc}\n    \
         {fused}, {new_loop} = transform.structured.fuse_into_containing_op {init} into {container} : ({ANY}, {ANY}) -> ({ANY}, {ANY}) {loc}"
    );
    new_loop
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
