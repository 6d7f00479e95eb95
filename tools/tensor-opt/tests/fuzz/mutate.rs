//! Mutation fuzzing of what users hand the tools: `.mlir` text, MLIR
//! bytecode, pass pipelines, `.npy` files and ONNX models. Each mutant is run through the
//! real binaries; the properties checked are the project's promises:
//! exit code 0, 1 or 2 (never 70, a signal, or a hang), and a failed run
//! leaves an existing output file as it was.

use super::generate::Random;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The kinds of input mutated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Text,
    Bytecode,
    Pipeline,
    Npy,
    Onnx,
    Tc,
}

impl Kind {
    pub const ALL: [Kind; 6] = [Kind::Text, Kind::Bytecode, Kind::Pipeline, Kind::Npy, Kind::Onnx, Kind::Tc];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Text => "mlir-text",
            Kind::Bytecode => "mlir-bytecode",
            Kind::Pipeline => "pass-pipeline",
            Kind::Npy => "npy",
            Kind::Onnx => "onnx",
            Kind::Tc => "tc",
        }
    }
}

/// Tokens worth inserting: the syntax the parsers branch on, and numbers at
/// the edges of integer types.
const DICTIONARY: &[&str] = &[
    "tensor<", ">", "x", "[", "]", "{", "}", "(", ")", "%", "@", "^bb0", ":", ",", "=", "\"", "//", "// -----",
    "tg.matmul", "tg.conv2d", "tg.reduce_mean", "tg.avg_pool2d", "tg.div", "tg.pow", "tg.fused", "tg.yield",
    "tg.constant dense<0>", "tg.slice", "tg.reshape", "tg.transpose", "perm", "axes", "kernel", "strides",
    "padding", "groups", "keepdims", "func.func", "return", "builtin.module", "dense_resource<x>",
    "i0", "i1", "i8", "i128", "f16", "bf16", "f64", "index", "?", "0", "-1", "1", "2147483647", "-2147483648",
    "9223372036854775807", "18446744073709551616", "99999999999", "1e308", "nan", "inf", "0x7FC00000",
    "tg-compile", "tg-schedule", "tg-fuse", "opt-level=3", "threads=2", "vector-width=", "kc=", "func.func(",
    "canonicalize", "cse", "one-shot-bufferize", "{", "}", "=", " ", "\0", "\u{ff}", "descr", "fortran_order",
    "shape", "'<f4'", "'<i8'", "'|b1'", "(0,", "(1, 2)", "True", "False",
    // The tensor language.
    "def ", "->", "+=!", "*=!", "max=!", "min=!", "+=", " where ", " in ", "0:3", " else 0", "schedule {", "tile ",
    "reorder ", "vectorize ", "parallel ", "unroll ", "compute_at ", " at ", "pack ", "(i: 4)", "[i, j]", "[i + k]",
    "2*i", "f16", "i32", "f32(", "exp(", "where(", "max(", "sigmoid(", "--", "#",
];

/// Applies 1 to 4 random edits to `input` (`corpus` gives lines to splice in).
pub fn mutate(rng: &mut Random, input: &[u8], corpus: &[Vec<u8>]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = if out.is_empty() { 0 } else { rng.below(out.len() + 1) };
        match rng.below(8) {
            // Cut the rest: truncated files (an ONNX model cut at a field
            // boundary still decodes).
            7 => out.truncate(at),
            0 if !out.is_empty() => {
                let i = rng.below(out.len());
                out[i] ^= 1 << rng.below(8);
            }
            1 | 2 => {
                let token = rng.pick(DICTIONARY).as_bytes().to_vec();
                out.splice(at..at, token);
            }
            3 if !out.is_empty() => {
                let end = (at + 1 + rng.below(16)).min(out.len());
                out.drain(at.min(end)..end);
            }
            4 if !out.is_empty() => {
                let start = rng.below(out.len());
                let end = (start + 1 + rng.below(64)).min(out.len());
                let copy = out[start..end].to_vec();
                out.splice(at..at, copy);
            }
            5 => replace_number(rng, &mut out),
            _ => {
                let donor = rng.pick(corpus);
                let lines: Vec<&[u8]> = donor.split(|&b| b == b'\n').collect();
                let line = rng.pick(&lines).to_vec();
                out.splice(at..at, line);
            }
        }
    }
    out
}

/// Replaces one run of digits by an edge value.
fn replace_number(rng: &mut Random, out: &mut Vec<u8>) {
    let starts: Vec<usize> =
        (0..out.len()).filter(|&i| out[i].is_ascii_digit() && (i == 0 || !out[i - 1].is_ascii_digit())).collect();
    if starts.is_empty() {
        return;
    }
    let start = *rng.pick(&starts);
    let end = (start..out.len()).find(|&i| !out[i].is_ascii_digit()).unwrap_or(out.len());
    let value = *rng.pick(&["0", "1", "2", "3", "7", "16", "255", "256", "65536", "2147483648", "99999999999999999999"]);
    out.splice(start..end, value.bytes());
}

/// How one run ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ending {
    Exit(i32),
    Signal(i32),
    Hang,
}

impl Ending {
    /// What the project promises: exit 0, 1 or 2.
    pub fn acceptable(&self) -> bool {
        matches!(self, Ending::Exit(0..=2))
    }
}

/// Runs `program args` with a time limit (stdin closed, output discarded).
pub fn run(program: &Path, args: &[String], limit: Duration) -> Ending {
    let child = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .env("NO_COLOR", "1")
        .spawn();
    let Ok(mut child) = child else { return Ending::Exit(-1) };
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => {
                use std::os::unix::process::ExitStatusExt;
                return match (status.code(), status.signal()) {
                    (Some(code), _) => Ending::Exit(code),
                    (None, Some(signal)) => Ending::Signal(signal),
                    _ => Ending::Exit(-1),
                };
            }
            Ok(None) if start.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                return Ending::Hang;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(2)),
            Err(_) => return Ending::Exit(-1),
        }
    }
}

/// The tools and fixed files the mutants run against.
pub struct Target {
    pub tensor_opt: PathBuf,
    pub tensor_run: PathBuf,
    pub tensor_translate: PathBuf,
    /// A valid program (for mutated pipelines) and its one argument's `.npy`
    /// shape: `tensor<2x3xf32>`.
    pub program: PathBuf,
    pub dir: PathBuf,
}

/// The sentinel an output file holds before a run that must not touch it on failure.
const SENTINEL: &[u8] = b"an output file from before the run\n";

/// One mutant's run: the command, and whether its output file survived.
pub struct Outcome {
    pub ending: Ending,
    pub output_kept: bool,
}

impl Outcome {
    pub fn ok(&self) -> bool {
        self.ending.acceptable() && self.output_kept
    }
}

/// The command line for a mutant of `kind` written to `input` (`variant`
/// picks among the ways to use it), with `output` as its `-o` file.
pub fn command(target: &Target, kind: Kind, input: &Path, output: &Path, variant: usize) -> (PathBuf, Vec<String>) {
    let s = |p: &Path| p.display().to_string();
    let o = ["-o".to_string(), s(output)];
    match kind {
        Kind::Text | Kind::Bytecode => {
            let mut args = vec![s(input)];
            match variant % 5 {
                0 => {}
                1 => args.push("--tg-compile".into()),
                2 => args.push("--pass-pipeline=builtin.module(tg-compile{opt-level=3 threads=2})".into()),
                3 if kind == Kind::Text => args.extend(["--split-input-file".into(), "--verify-diagnostics".into()]),
                _ => {
                    let run = vec![s(input), "--random-inputs".into(), "1".into(), "-o".into(), s(output)];
                    return (target.tensor_run.clone(), run);
                }
            }
            args.extend(o);
            (target.tensor_opt.clone(), args)
        }
        Kind::Pipeline => {
            // A command line cannot carry a NUL byte.
            let pipeline = std::fs::read_to_string(input).unwrap_or_default().replace('\0', "");
            let mut args = vec![s(&target.program), format!("--pass-pipeline={pipeline}")];
            args.extend(o);
            if variant % 3 == 0 {
                return (target.tensor_run.clone(), vec![s(&target.program), format!("--pipeline={pipeline}"), "-o".into(), s(output)]);
            }
            (target.tensor_opt.clone(), args)
        }
        Kind::Npy => (target.tensor_run.clone(), vec![s(&target.program), "--input".into(), s(input), "-o".into(), s(output)]),
        // A model: imported alone, or imported, compiled and run (its
        // symbolic input `x`, if it has one, fixed from the command line).
        Kind::Onnx if variant % 3 == 0 => {
            let run = vec![s(input), "--input-shape".into(), "x=3x4".into(), "--random-inputs".into(), "1".into(), "-o".into(), s(output)];
            (target.tensor_run.clone(), run)
        }
        Kind::Onnx => (target.tensor_translate.clone(), vec!["--import-onnx".into(), s(input), "-o".into(), s(output)]),
        // A .tc file: imported, or compiled and run, with every size the
        // examples name bound.
        Kind::Tc => {
            let mut args = vec![s(input)];
            for size in ["N=2", "C=3", "H=9", "W=8", "F=4", "KH=3", "KW=3", "OH=4", "OW=4", "M=5", "K=6", "B=2", "S=4", "E=3", "D=4", "I=3", "J=2", "L=2"] {
                args.extend(["-D".into(), size.into()]);
            }
            args.extend(["-o".into(), s(output)]);
            if variant % 3 == 0 {
                args.extend(["--random-inputs".into(), "1".into()]);
                return (target.tensor_run.clone(), args);
            }
            args.insert(0, "--import-tc".into());
            (target.tensor_translate.clone(), args)
        }
    }
}

/// Runs one mutant: writes it, pre-fills the output with the sentinel, runs,
/// and checks the output is the sentinel still if the run failed.
pub fn try_mutant(target: &Target, kind: Kind, bytes: &[u8], variant: usize, tag: &str) -> Outcome {
    let input = target.dir.join(format!("{tag}.{}", extension(kind)));
    let output = target.dir.join(format!("{tag}.out"));
    let _ = std::fs::write(&input, bytes);
    let _ = std::fs::write(&output, SENTINEL);
    let (program, args) = command(target, kind, &input, &output, variant);
    let ending = run(&program, &args, Duration::from_secs(60));
    let failed = ending != Ending::Exit(0);
    let output_kept = !failed || std::fs::read(&output).is_ok_and(|b| b == SENTINEL);
    Outcome { ending, output_kept }
}

pub fn extension(kind: Kind) -> &'static str {
    match kind {
        Kind::Text => "mlir",
        Kind::Bytecode => "mlirbc",
        Kind::Pipeline => "pipeline",
        Kind::Npy => "npy",
        Kind::Onnx => "onnx",
        Kind::Tc => "tc",
    }
}

/// Shrinks a failing mutant: drops chunks (halves, quarters, ... down to
/// single bytes) while `still_fails`, as delta debugging does; at most 400
/// tries and two minutes.
pub fn minimize(bytes: &[u8], mut still_fails: impl FnMut(&[u8]) -> bool) -> Vec<u8> {
    let mut best = bytes.to_vec();
    let mut chunk = best.len().div_ceil(2).max(1);
    let mut tries = 0;
    let deadline = Instant::now() + Duration::from_secs(120);
    while chunk >= 1 && tries < 400 && Instant::now() < deadline {
        let mut start = 0;
        let mut changed = false;
        while start < best.len() && tries < 400 && Instant::now() < deadline {
            let end = (start + chunk).min(best.len());
            let mut candidate = best[..start].to_vec();
            candidate.extend_from_slice(&best[end..]);
            tries += 1;
            if still_fails(&candidate) {
                best = candidate;
                changed = true;
            } else {
                start = end;
            }
        }
        if !changed {
            if chunk == 1 {
                break;
            }
            chunk = chunk.div_ceil(2);
        }
    }
    best
}
