//! `tensor-run FILE.tc --reference`: the language's own evaluator
//! (`tg_tc::eval`) on tensor-run's tensors.

use ndarray::ArrayD;
use std::time::Duration;
use tg_interpreter::Tensor;
use tg_tc::ast::Element;
use tg_tc::eval::{self, Array, Data};

/// Evaluates `f` on `inputs`, and again `bench` times for the timings.
pub fn evaluate(
    f: &tg_tc::check::Function,
    inputs: &[Tensor],
    bench: Option<u64>,
) -> Result<(Vec<Tensor>, Option<Vec<Duration>>), String> {
    let arrays: Vec<Array> = inputs.iter().map(to_array).collect();
    let run = || eval::evaluate(f, &arrays).map_err(|e| format!("the evaluator cannot evaluate '{}': {e}", f.name));
    let results = run()?;
    let times = bench.map(|iters| crate::run::timed(iters, run)).transpose()?;
    let results = results.iter().map(from_array).collect::<Result<_, _>>()?;
    Ok((results, times))
}

pub fn to_array(t: &Tensor) -> Array {
    let shape = |s: &[usize]| s.iter().map(|&d| d as i64).collect::<Vec<_>>();
    match t {
        Tensor::F32(a) => Array { element: Element::F32, shape: shape(a.shape()), data: Data::Float(a.iter().map(|&x| x as f64).collect()) },
        Tensor::F64(a) => Array { element: Element::F64, shape: shape(a.shape()), data: Data::Float(a.iter().copied().collect()) },
        Tensor::I32(a) => Array { element: Element::I32, shape: shape(a.shape()), data: Data::Int(a.iter().map(|&x| x as i64).collect()) },
        Tensor::I64(a) => Array { element: Element::I64, shape: shape(a.shape()), data: Data::Int(a.iter().copied().collect()) },
    }
}

pub fn from_array(a: &Array) -> Result<Tensor, String> {
    let shape: Vec<usize> = a.shape.iter().map(|&d| d as usize).collect();
    let error = |e: ndarray::ShapeError| e.to_string();
    Ok(match (&a.data, a.element) {
        (Data::Float(v), Element::F32) => Tensor::F32(ArrayD::from_shape_vec(shape, v.iter().map(|&x| x as f32).collect()).map_err(error)?),
        (Data::Float(v), Element::F64) => Tensor::F64(ArrayD::from_shape_vec(shape, v.clone()).map_err(error)?),
        (Data::Int(v), Element::I32) => Tensor::I32(ArrayD::from_shape_vec(shape, v.iter().map(|&x| x as i32).collect()).map_err(error)?),
        (Data::Int(v), Element::I64) => Tensor::I64(ArrayD::from_shape_vec(shape, v.clone()).map_err(error)?),
        (_, e) => return Err(format!("tensor-run cannot hold {} results", e.name())),
    })
}
