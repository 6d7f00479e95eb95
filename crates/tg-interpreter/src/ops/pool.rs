//! Pooling over NCHW: `tg.max_pool2d` and `tg.avg_pool2d`.
//!
//! Windows are placed as for `tg.conv2d` (see [`Window2D`]): output
//! `(y, x)` reads padded rows `y*sh + ky*dh` for `ky < KH` and columns
//! `x*sw + kx*dw` for `kx < KW`.

use super::linalg::Window2D;
use crate::element::Element;
use crate::error::OpError;
use ndarray::{Array4, ArrayD, ArrayView4, Ix4};

fn as_nchw<T>(input: &ArrayD<T>) -> Result<ArrayView4<'_, T>, OpError> {
    input
        .view()
        .into_dimensionality::<Ix4>()
        .map_err(|_| OpError::Shape(format!("pooling input must have rank 4 (NCHW), got {:?}", input.shape())))
}

/// Calls `visit(value)` for every element of the window of output position
/// `(y, x)`, `None` for a padded position, in row-major window order.
fn for_window<T: Copy>(
    x: &ArrayView4<T>,
    (b, c, y, xo): (usize, usize, usize, usize),
    kernel: [usize; 2],
    window: &Window2D,
    mut visit: impl FnMut(Option<T>) -> Result<(), OpError>,
) -> Result<(), OpError> {
    let (_, _, h, w) = x.dim();
    for ky in 0..kernel[0] {
        for kx in 0..kernel[1] {
            let value = match (window.input_coordinate(0, y, ky, h), window.input_coordinate(1, xo, kx, w)) {
                (Some(iy), Some(ix)) => Some(x[[b, c, iy, ix]]),
                _ => None,
            };
            visit(value)?;
        }
    }
    Ok(())
}

fn pool<T: Element>(
    input: &ArrayD<T>,
    kernel: [usize; 2],
    window: &Window2D,
    mut reduce: impl FnMut(&ArrayView4<T>, (usize, usize, usize, usize)) -> Result<T, OpError>,
) -> Result<ArrayD<T>, OpError> {
    let x = as_nchw(input)?;
    let (n, c, h, w) = x.dim();
    let (oh, ow) = (window.output_size(0, h, kernel[0])?, window.output_size(1, w, kernel[1])?);
    let mut out = Array4::from_elem((n, c, oh, ow), T::ZERO);
    for b in 0..n {
        for ch in 0..c {
            for y in 0..oh {
                for xo in 0..ow {
                    out[[b, ch, y, xo]] = reduce(&x, (b, ch, y, xo))?;
                }
            }
        }
    }
    Ok(out.into_dyn())
}

/// `tg.max_pool2d`: the maximum of each window. Padded positions count as
/// the lowest value (-inf, or `MIN` for integers), so they never win; float
/// NaN propagates.
pub fn max_pool2d<T: Element>(input: &ArrayD<T>, kernel: [usize; 2], window: &Window2D) -> Result<ArrayD<T>, OpError> {
    pool(input, kernel, window, |x, position| {
        let mut max = T::LOWEST;
        for_window(x, position, kernel, window, |value| {
            max = max.max(value.unwrap_or(T::LOWEST));
            Ok(())
        })?;
        Ok(max)
    })
}

/// `tg.avg_pool2d`: the sum of the real elements of each window divided by
/// the kernel area (`count_include_pad`: padding counts as zeros) or by the
/// number of real elements. Integer averages truncate toward zero.
pub fn avg_pool2d<T: Element>(
    input: &ArrayD<T>,
    kernel: [usize; 2],
    window: &Window2D,
    count_include_pad: bool,
) -> Result<ArrayD<T>, OpError> {
    pool(input, kernel, window, |x, position| {
        let mut sum = T::ZERO;
        let mut real = 0usize;
        for_window(x, position, kernel, window, |value| {
            if let Some(value) = value {
                sum = sum.add(value);
                real += 1;
            }
            Ok(())
        })?;
        let divisor = if count_include_pad { kernel[0] * kernel[1] } else { real };
        sum.div(T::from_count(divisor))
    })
}
