//! The fuzzer that stays (stable Rust, no cargo-fuzz): mutation fuzzing of
//! every user-facing input through the real binaries (`mutate`), and random
//! valid `tg` programs compiled at opt-levels 0 and 3, on 1 and 2 threads,
//! against the reference interpreter (`generate`, `differential`).
//!
//! `smoke` is a bounded, seeded run in the test suite. `campaign` (ignored;
//! `scripts/fuzz.sh --minutes N` runs it) runs until its time is up, in
//! child processes so that a crash is caught, and saves every failing input,
//! minimized, under `tests/fuzz/regressions/`, which `regressions` replays.

mod differential;
pub mod generate;
mod mutate;
mod tc_generate;

use differential::{Case, Verdict};
use generate::Random;
use mutate::{Ending, Kind, Target};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn regressions_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz/regressions")
}

/// Functions `first..first + count` of the stream of seed `seed`, each
/// generated from its own seed so that any one can be made again alone.
fn cases(seed: u64, first: usize, count: usize) -> Vec<(generate::Function, u64)> {
    (first..first + count)
        .map(|i| {
            let function_seed = seed.wrapping_mul(1_000_003).wrapping_add(i as u64);
            (generate::function(&mut Random::new(function_seed), &format!("f{i}"), 8), function_seed)
        })
        .collect()
}

fn as_case(function: &generate::Function) -> Case {
    Case { text: function.text(), entry: function.name.clone() }
}

/// Checks generated functions in-process; the verdict of each.
fn check_generated(functions: &[(generate::Function, u64)], seed: u64) -> Vec<Verdict> {
    let batch: Vec<Case> = functions.iter().map(|(f, _)| as_case(f)).collect();
    differential::check(&batch, seed)
}

/// Totals of a run, for the report.
#[derive(Default, Debug)]
struct Tally {
    counts: BTreeMap<String, usize>,
    failures: Vec<String>,
}

impl Tally {
    fn add(&mut self, key: impl Into<String>) {
        *self.counts.entry(key.into()).or_default() += 1;
    }

    fn report(&self) -> String {
        let counts: Vec<String> = self.counts.iter().map(|(k, v)| format!("  {k}: {v}")).collect();
        format!("{}\nfailures: {}\n{}", counts.join("\n"), self.failures.len(), self.failures.join("\n"))
    }
}

/// The seeds the mutants start from.
struct Corpus {
    text: Vec<Vec<u8>>,
    bytecode: Vec<Vec<u8>>,
    pipelines: Vec<Vec<u8>>,
    npy: Vec<Vec<u8>>,
    onnx: Vec<Vec<u8>>,
    tc: Vec<Vec<u8>>,
}

impl Corpus {
    fn of(&self, kind: Kind) -> &[Vec<u8>] {
        match kind {
            Kind::Text => &self.text,
            Kind::Bytecode => &self.bytecode,
            Kind::Pipeline => &self.pipelines,
            Kind::Npy => &self.npy,
            Kind::Onnx => &self.onnx,
            Kind::Tc => &self.tc,
        }
    }
}

/// Every split chunk of the project's own `.mlir` files (lit tests, examples,
/// workloads), bytecode of the examples, pipelines and `.npy` files.
fn corpus(target: &Target) -> Corpus {
    let mut text = Vec::new();
    let mut files = Vec::new();
    for dir in ["lit-tests", "examples", "benches/workloads"] {
        collect_mlir(&root().join(dir), &mut files);
    }
    files.sort();
    for file in &files {
        let Ok(content) = std::fs::read_to_string(file) else { continue };
        for chunk in content.split("// -----") {
            if chunk.len() < 8_000 && chunk.contains("func.func") {
                text.push(chunk.as_bytes().to_vec());
            }
        }
    }
    let mut bytecode = Vec::new();
    for example in ["examples/mlp.tg.mlir", "examples/convmatmul.tg.mlir", "examples/cnn.tg.mlir"] {
        let out = target.dir.join("seed.mlirbc");
        let args = [root().join(example).display().to_string(), "--emit-bytecode".into(), "-o".into(), out.display().to_string()];
        if mutate::run(&target.tensor_opt, &args, Duration::from_secs(60)) == Ending::Exit(0) {
            bytecode.push(std::fs::read(&out).expect("bytecode written"));
        }
    }
    let pipelines = [
        "builtin.module(tg-compile)",
        "builtin.module(tg-compile{opt-level=3 threads=2 vector-width=8 kc=64})",
        "builtin.module(func.func(tg-simplify{fold-reshapes=false},canonicalize),cse)",
        "builtin.module(func.func(tg-fuse{max-group-size=4}),tg-compile{opt-level=0})",
        "builtin.module(tg-runtime-checks,func.func(tg-to-linalg),one-shot-bufferize)",
        "builtin.module(func.func(tg-to-linalg{conv-channels-last}),tg-schedule{threads=2})",
        "builtin.module(canonicalize{max-iterations=3 region-simplify=disabled},symbol-dce)",
    ]
    .iter()
    .map(|p| p.as_bytes().to_vec())
    .collect();
    let npy_out = target.dir.join("seed.npy");
    let args = [target.program.display().to_string(), "--random-inputs".into(), "1".into(), "-o".into(), npy_out.display().to_string()];
    assert_eq!(mutate::run(&target.tensor_run, &args, Duration::from_secs(60)), Ending::Exit(0), "tensor-run makes the .npy seed");
    let npy = vec![std::fs::read(&npy_out).expect(".npy written")];
    // ONNX models: the lit tests' MLP, and the small models of ONNX's node
    // tests when their cache exists (tests/onnx_node.rs makes it).
    let mut onnx = vec![std::fs::read(root().join("lit-tests/tensor-translate/Inputs/mlp.onnx")).expect("mlp.onnx")];
    for case in ["test_conv_with_strides_padding", "test_gemm_all_attributes", "test_maxpool_2d_pads", "test_batchnorm_example",
        "test_softmax_axis_1", "test_reshape_negative_dim", "test_lrn", "test_averagepool_2d_ceil"] {
        if let Ok(model) = std::fs::read(root().join("target/onnx-node-tests").join(case).join("model.onnx")) {
            onnx.push(model);
        }
    }
    // .tc files: the examples and the lit tests' functions.
    let mut tc = Vec::new();
    for dir in ["examples/tc", "lit-tests/tc"] {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(root().join(dir)).expect("a .tc directory").flatten().map(|e| e.path()).collect();
        entries.sort();
        tc.extend(entries.iter().filter(|p| p.extension().is_some_and(|e| e == "tc")).map(|p| std::fs::read(p).expect("readable")));
    }
    Corpus { text, bytecode, pipelines, npy, onnx, tc }
}

fn collect_mlir(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_mlir(&path, out);
        } else if path.extension().is_some_and(|e| e == "mlir") {
            out.push(path);
        }
    }
}

fn target(dir: &Path) -> Target {
    let program = dir.join("relu.mlir");
    std::fs::write(
        &program,
        "func.func @main(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {\n  %0 = tg.relu %x : tensor<2x3xf32>\n  return %0 : tensor<2x3xf32>\n}\n",
    )
    .expect("temp dir is writable");
    Target {
        tensor_opt: PathBuf::from(env!("CARGO_BIN_EXE_tensor-opt")),
        tensor_run: crate::tensor_run::build_tensor_run(),
        tensor_translate: crate::tensor_run::build_tool("tensor-translate"),
        program,
        dir: dir.to_path_buf(),
    }
}

/// Fuzzes `count` mutants from `seed`; text mutants go in batches of 25
/// through one `--split-input-file` run (a batch that ends badly is re-run
/// one mutant at a time), one in five alone with an output file.
fn fuzz_mutants(target: &Target, corpus: &Corpus, seed: u64, count: usize, tally: &mut Tally, save: bool) {
    let mut rng = Random::new(seed);
    let mut done = 0;
    while done < count {
        let kind = *rng.pick(&[Kind::Text, Kind::Text, Kind::Text, Kind::Text, Kind::Bytecode, Kind::Pipeline, Kind::Npy, Kind::Onnx, Kind::Tc]);
        let source = corpus.of(kind);
        if source.is_empty() {
            continue;
        }
        if kind == Kind::Text && rng.chance(80) {
            let mutants: Vec<Vec<u8>> = (0..25.min(count - done))
                .map(|_| {
                    let seed = rng_pick(&mut rng, source);
                    mutate::mutate(&mut rng, seed, &corpus.text)
                })
                .collect();
            let mut batch = Vec::new();
            for m in &mutants {
                batch.extend_from_slice(m);
                batch.extend_from_slice(b"\n// -----\n");
            }
            let path = target.dir.join("batch.mlir");
            let _ = std::fs::write(&path, &batch);
            let variant = rng.below(3);
            let mut args = vec![path.display().to_string(), "--split-input-file".to_string()];
            match variant {
                1 => args.push("--tg-compile".into()),
                2 => args.push("--pass-pipeline=builtin.module(tg-compile{opt-level=3})".into()),
                _ => {}
            }
            let ending = mutate::run(&target.tensor_opt, &args, Duration::from_secs(120));
            done += mutants.len();
            for _ in &mutants {
                tally.add(format!("{} (batched) exit {}", kind.name(), ending_name(&ending)));
            }
            if !ending.acceptable() {
                // Find the mutants that end badly alone.
                let variant = [0, 1, 2][variant];
                for m in &mutants {
                    check_one(target, kind, m, variant, &mut rng, tally, save);
                }
            }
            continue;
        }
        let seed = rng_pick(&mut rng, source);
        let mutant = mutate::mutate(&mut rng, seed, source);
        let variant = rng.below(15);
        check_one(target, kind, &mutant, variant, &mut rng, tally, save);
        done += 1;
    }
}

fn rng_pick<'a>(rng: &mut Random, items: &'a [Vec<u8>]) -> &'a [u8] {
    &items[rng.below(items.len())]
}

fn ending_name(ending: &Ending) -> String {
    match ending {
        Ending::Exit(code) => code.to_string(),
        Ending::Signal(signal) => format!("signal {signal}"),
        Ending::Hang => "hang".into(),
    }
}

/// Runs one mutant alone; on a broken promise, records it (minimized and
/// saved with `save`).
fn check_one(target: &Target, kind: Kind, mutant: &[u8], variant: usize, rng: &mut Random, tally: &mut Tally, save: bool) {
    let tag = format!("m{}", rng.next_u64() % 1_000_000);
    let outcome = mutate::try_mutant(target, kind, mutant, variant, &tag);
    tally.add(format!("{} exit {}", kind.name(), ending_name(&outcome.ending)));
    if outcome.ok() {
        return;
    }
    let what = if outcome.ending.acceptable() { "changed its output file".to_string() } else { ending_name(&outcome.ending) };
    let bad = |bytes: &[u8]| {
        let again = mutate::try_mutant(target, kind, bytes, variant, &format!("{tag}-min"));
        !again.ok()
    };
    // A hang costs the whole time limit per try: saved as found.
    let minimized = if save && outcome.ending != Ending::Hang { mutate::minimize(mutant, bad) } else { mutant.to_vec() };
    let name = format!("mut-{}-v{variant}-{:016x}.{}", kind.name(), fnv(&minimized), mutate::extension(kind));
    if save {
        let _ = std::fs::create_dir_all(regressions_dir());
        let _ = std::fs::write(regressions_dir().join(&name), &minimized);
    }
    tally.failures.push(format!("{name}: {what}\n{}", String::from_utf8_lossy(&minimized)));
}

/// FNV-1a: a stable name for a saved case.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf29ce484222325u64, |h, &b| (h ^ b as u64).wrapping_mul(0x100000001b3))
}

/// Records the verdicts of generated functions; failures minimized (to the
/// smallest value cone that still fails) and saved with `save`.
fn tally_verdicts(functions: &[(generate::Function, u64)], verdicts: &[Verdict], seed: u64, tally: &mut Tally, save: bool) {
    for (i, ((function, _), verdict)) in functions.iter().zip(verdicts).enumerate() {
        match verdict {
            Verdict::Agree => tally.add("programs: agree (3 compilations each)"),
            Verdict::Undefined => tally.add("programs: undefined (float-to-int cast out of range)"),
            Verdict::Rejected(message) => {
                tally.add("programs: rejected by the verifier (generator bug)");
                tally.failures.push(format!("generator made an invalid program:\n{}\n{message}", function.text()));
            }
            Verdict::Fail(message) => {
                tally.add("programs: FAIL");
                let case_seed = seed + i as u64;
                let smallest = if save { minimize_program(function, case_seed) } else { function.clone() };
                let mut text = smallest.text();
                text = text.replacen(&format!("@{}(", smallest.name), "@f(", 1);
                let name = format!("diff-s{case_seed}-{:016x}.mlir", fnv(text.as_bytes()));
                if save {
                    let _ = std::fs::create_dir_all(regressions_dir());
                    let _ = std::fs::write(regressions_dir().join(&name), &text);
                }
                tally.failures.push(format!("{name}: {message}\n{text}"));
            }
        }
    }
}

/// The smallest cone of `function` (one returned value and what it reads)
/// that still fails.
fn minimize_program(function: &generate::Function, seed: u64) -> generate::Function {
    let mut cones: Vec<generate::Function> = function.values().iter().map(|(v, t)| function.cone(v, t)).collect();
    cones.sort_by_key(|c| c.lines.len());
    for cone in cones {
        let verdict = differential::check(&[as_case(&cone)], seed);
        if matches!(verdict[0], Verdict::Fail(_)) {
            return cone;
        }
    }
    function.clone()
}

/// The bounded, seeded run of the test suite: 400 mutants across the input
/// kinds and 60 generated programs, each compiled three ways.
#[test]
fn smoke() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = target(dir.path());
    let corpus = corpus(&target);
    let mut tally = Tally::default();
    fuzz_mutants(&target, &corpus, 7, 400, &mut tally, false);
    for batch in 0..2 {
        let functions = cases(11, batch * 30, 30);
        let verdicts = check_generated(&functions, 11 + batch as u64 * 30);
        tally_verdicts(&functions, &verdicts, 11 + batch as u64 * 30, &mut tally, false);
    }
    check_tc_programs(dir.path(), 13, 40, &mut tally);
    println!("{}", tally.report());
    assert!(tally.failures.is_empty(), "the fuzzer found failures:\n{}", tally.report());
    let tc_agreed = tally.counts.get("tc programs: agree (3 compilations each)").copied().unwrap_or(0);
    assert_eq!(tc_agreed, 40, "generated .tc programs were not all checked:\n{}", tally.report());
    let agreed = tally.counts.get("programs: agree (3 compilations each)").copied().unwrap_or(0);
    assert!(agreed >= 50, "only {agreed} of 60 generated programs were checked:\n{}", tally.report());
}

/// Generated `.tc` functions (`tc_generate`), each compiled at opt-level 0
/// and 3 (one and two threads) and compared with the language's evaluator.
fn check_tc_programs(dir: &Path, seed: u64, count: usize, tally: &mut Tally) {
    let mut rng = Random::new(seed);
    let path = dir.join("generated.tc");
    for _ in 0..count {
        let function = tc_generate::function(&mut rng, 5);
        std::fs::write(&path, &function.text).expect("temp dir is writable");
        let run = |pipeline: Option<&str>, out: &Path| {
            let options = tensor_run::cli::Options {
                input: path.display().to_string(),
                entry: None,
                defines: Vec::new(),
                inputs: Vec::new(),
                outputs: vec![out.to_path_buf()],
                random_inputs: Some(seed),
                print: false,
                bench: None,
                json: false,
                threads: None,
                pipeline: pipeline.map(|p| format!("builtin.module({p})")),
                reference: pipeline.is_none(),
                input_shapes: Vec::new(),
                constant_inputs: Vec::new(),
            };
            tensor_run::run::execute(&options, &mut Vec::new()).map_err(|f| f.text)
        };
        let want = dir.join("want.npy");
        if let Err(error) = run(None, &want) {
            tally.failures.push(format!("the evaluator fails on a generated function:\n{}\n{error}", function.text));
            continue;
        }
        let mut agreed = true;
        for pipeline in ["tg-compile{opt-level=0}", "tg-compile{opt-level=3 out-params}", "tg-compile{opt-level=3 threads=2}"] {
            let got = dir.join("got.npy");
            let verdict = run(Some(pipeline), &got).and_then(|()| compare_npy(&got, &want));
            if let Err(error) = verdict {
                tally.failures.push(format!("{pipeline} on a generated .tc function:\n{}\n{error}", function.text));
                agreed = false;
            }
        }
        tally.add(if agreed { "tc programs: agree (3 compilations each)" } else { "tc programs: disagree" });
    }
}

/// Equal shapes and values within 1e-4 (relative to the magnitude, at least 1).
fn compare_npy(got: &Path, want: &Path) -> Result<(), String> {
    use ndarray_npy::ReadNpyExt;
    let read = |p: &Path| {
        let file = std::fs::File::open(p).map_err(|e| e.to_string())?;
        ndarray::ArrayD::<f32>::read_npy(file).map_err(|e| e.to_string())
    };
    let (got, want) = (read(got)?, read(want)?);
    if got.shape() != want.shape() {
        return Err(format!("shape {:?}, the evaluator's {:?}", got.shape(), want.shape()));
    }
    for (i, (a, b)) in got.iter().zip(want.iter()).enumerate() {
        let (a, b) = (f64::from(*a), f64::from(*b));
        let same = (a.is_nan() && b.is_nan()) || (a - b).abs() <= 1e-4 * b.abs().max(1.0);
        if !same {
            return Err(format!("element {i} is {a}, the evaluator's {b}"));
        }
    }
    Ok(())
}

/// Every saved failure, replayed: generated programs must agree with the
/// interpreter, mutants must end with exit 0, 1 or 2 and keep the output.
#[test]
fn regressions() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = target(dir.path());
    let Ok(entries) = std::fs::read_dir(regressions_dir()) else { return };
    let mut failures = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_string();
        let bytes = std::fs::read(&path).expect("readable");
        if let Some(rest) = name.strip_prefix("diff-s") {
            let seed: u64 = rest.split('-').next().and_then(|s| s.parse().ok()).expect("diff-s<SEED>-...");
            let case = Case { text: String::from_utf8_lossy(&bytes).into_owned(), entry: "f".into() };
            let verdict = differential::check(&[case], seed).remove(0);
            if !matches!(verdict, Verdict::Agree | Verdict::Undefined) {
                failures.push(format!("{name}: {verdict:?}"));
            }
        } else if let Some(rest) = name.strip_prefix("mut-") {
            let kind = Kind::ALL.into_iter().find(|k| rest.starts_with(k.name())).expect("mut-<kind>-...");
            let variant: usize = rest[kind.name().len() + 2..].split('-').next().and_then(|v| v.parse().ok()).expect("-v<N>-");
            let outcome = mutate::try_mutant(&target, kind, &bytes, variant, "replay");
            if !outcome.ok() {
                failures.push(format!("{name}: {:?}, output kept: {}", outcome.ending, outcome.output_kept));
            }
        }
    }
    assert!(failures.is_empty(), "saved fuzz failures fail again:\n{}", failures.join("\n"));
}

/// One batch of generated functions, in this (child) process: what
/// `campaign` runs so that a crash takes down only the child. Prints one
/// `verdict <index> <kind>` line per function.
#[test]
#[ignore = "run by campaign in a child process"]
fn worker() {
    let var = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<u64>().ok());
    let (Some(seed), Some(first), Some(count)) = (var("FUZZ_SEED"), var("FUZZ_FIRST"), var("FUZZ_COUNT")) else {
        return;
    };
    let functions = cases(seed, first as usize, count as usize);
    let verdicts = check_generated(&functions, seed + first);
    for (i, verdict) in verdicts.iter().enumerate() {
        let kind = match verdict {
            Verdict::Agree => "agree",
            Verdict::Undefined => "undefined",
            Verdict::Rejected(_) => "rejected",
            Verdict::Fail(_) => "fail",
        };
        println!("verdict {} {kind}", first as usize + i);
    }
}

/// Runs `worker` for functions `first..first + count` in a child process;
/// `None` if the child died (a crash or a hang).
fn run_worker(seed: u64, first: usize, count: usize) -> Option<Vec<String>> {
    let exe = std::env::current_exe().expect("the test binary");
    let mut command = std::process::Command::new(exe);
    command
        .args(["fuzz::worker", "--exact", "--ignored", "--nocapture", "--test-threads=1", "-q"])
        .env("FUZZ_SEED", seed.to_string())
        .env("FUZZ_FIRST", first.to_string())
        .env("FUZZ_COUNT", count.to_string())
        .stderr(std::process::Stdio::null());
    let output = command.output().ok()?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let verdicts: Vec<String> =
        stdout.lines().filter_map(|l| l.strip_prefix("verdict ")).map(|l| l.split(' ').nth(1).unwrap_or("").to_string()).collect();
    (output.status.success() && verdicts.len() == count).then_some(verdicts)
}

/// A long campaign: `FUZZ_MINUTES` (default 10) from `FUZZ_SEED` (default:
/// the clock), stopping early once `FUZZ_MUTANTS` mutants and
/// `FUZZ_PROGRAMS` generated programs are done (if given). Mutants run on
/// one thread, programs in two child processes at a time. Saves every
/// failure, minimized, under tests/fuzz/regressions/; prints the counts;
/// fails if anything failed.
#[test]
#[ignore = "long: scripts/fuzz.sh --minutes N"]
fn campaign() {
    let var = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<u64>().ok());
    let minutes = var("FUZZ_MINUTES").unwrap_or(10);
    let seed = var("FUZZ_SEED")
        .unwrap_or_else(|| std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(1, |d| d.as_secs()));
    let (max_mutants, max_programs) = (var("FUZZ_MUTANTS").unwrap_or(u64::MAX), var("FUZZ_PROGRAMS").unwrap_or(u64::MAX));
    let deadline = Instant::now() + Duration::from_secs(minutes * 60);
    println!("fuzz campaign: seed {seed}, {minutes} minutes");
    let mutants = std::thread::spawn(move || {
        let dir = tempfile::tempdir().expect("temp dir");
        let target = target(dir.path());
        let corpus = corpus(&target);
        let mut tally = Tally::default();
        let (mut round, mut done) = (0, 0);
        while Instant::now() < deadline && done < max_mutants {
            fuzz_mutants(&target, &corpus, seed.wrapping_add(round), 500, &mut tally, true);
            round += 1;
            done += 500;
            if done % 10_000 == 0 {
                println!("mutants: {done}, {} failures so far", tally.failures.len());
            }
        }
        (tally, done)
    });
    // Batches of 40 programs, handed out to two workers.
    let batch = 40;
    let next = std::sync::atomic::AtomicUsize::new(0);
    let tallies: Vec<Tally> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..2)
            .map(|_| {
                scope.spawn(|| {
                    let mut tally = Tally::default();
                    loop {
                        let first = next.fetch_add(batch, std::sync::atomic::Ordering::SeqCst);
                        if Instant::now() >= deadline || first as u64 >= max_programs {
                            break tally;
                        }
                        program_batch(seed, first, batch, &mut tally);
                        println!("programs {}..{}: {} failures so far", first, first + batch, tally.failures.len());
                    }
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().expect("a program worker")).collect()
    });
    let mut programs = Tally::default();
    for tally in tallies {
        for (key, count) in tally.counts {
            *programs.counts.entry(key).or_default() += count;
        }
        programs.failures.extend(tally.failures);
    }
    let generated: usize = programs.counts.values().sum();
    let (mutant_tally, mutant_count) = mutants.join().expect("the mutation thread");
    println!(
        "== mutants ({mutant_count})\n{}\n== generated programs (seed {seed}, {generated} generated)\n{}",
        mutant_tally.report(),
        programs.report()
    );
    assert!(mutant_tally.failures.is_empty() && programs.failures.is_empty(), "the campaign found failures (saved in tests/fuzz/regressions)");
}

/// Programs `first..first + count` in a child; failures checked again here
/// to minimize and save them, and a crashing batch split to find its crashers.
fn program_batch(seed: u64, first: usize, count: usize, tally: &mut Tally) {
    let Some(verdicts) = run_worker(seed, first, count) else {
        for i in first..first + count {
            if run_worker(seed, i, 1).is_some() {
                tally.add("programs: agree or undefined (re-run alone)");
                continue;
            }
            tally.add("programs: CRASH");
            let (function, _) = cases(seed, i, 1).remove(0);
            let text = function.text().replacen(&format!("@{}(", function.name), "@f(", 1);
            let name = format!("diff-s{}-{:016x}.mlir", seed + i as u64, fnv(text.as_bytes()));
            let _ = std::fs::create_dir_all(regressions_dir());
            let _ = std::fs::write(regressions_dir().join(&name), &text);
            tally.failures.push(format!("{name}: the compiled program crashed\n{text}"));
        }
        return;
    };
    for (i, verdict) in verdicts.iter().enumerate() {
        match verdict.as_str() {
            "agree" => tally.add("programs: agree (3 compilations each)"),
            "undefined" => tally.add("programs: undefined (float-to-int cast out of range)"),
            _ => {
                let one = cases(seed, first + i, 1);
                let verdicts = check_generated(&one, seed + (first + i) as u64);
                tally_verdicts(&one, &verdicts, seed + (first + i) as u64, tally, true);
            }
        }
    }
}
