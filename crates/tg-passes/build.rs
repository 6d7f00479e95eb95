//! Generates `$OUT_DIR/upstream_passes.rs`: a static table of every pass that
//! upstream MLIR defines in TableGen, so `tensor-opt` can list, document and
//! spell-check pass names without linking or querying MLIR at runtime.
//!
//! Every `.td` file under `$MLIR_SYS_220_PREFIX/include/mlir` that defines
//! passes is dumped with `llvm-tblgen --dump-json` (MLIR 22's `mlir-tblgen` has
//! no JSON backend; the record dump is generic TableGen, so either tool gives
//! the same records). Records that are instances of `PassBase` become passes;
//! their `options` lists point at `Option` / `ListOption` records.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const DEFAULT_PREFIX: &str = "/usr/lib/llvm-22";

struct OptionRow {
    name: String,
    description: String,
    ty: String,
    default: String,
    is_list: bool,
}

struct PassRow {
    summary: String,
    description: String,
    anchor: String,
    options: Vec<OptionRow>,
    source: PathBuf,
}

fn main() {
    // The catalog only depends on the installed MLIR, which does not change
    // under a build; rerunning on every source edit would re-run tblgen ~35
    // times for nothing.
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=MLIR_SYS_220_PREFIX");

    let prefix = PathBuf::from(
        std::env::var("MLIR_SYS_220_PREFIX").unwrap_or_else(|_| DEFAULT_PREFIX.to_owned()),
    );
    let include = prefix.join("include");
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo always sets OUT_DIR"));

    let mut passes: BTreeMap<String, PassRow> = BTreeMap::new();
    match find_tblgen(&prefix) {
        None => println!(
            "cargo:warning=no llvm-tblgen/mlir-tblgen with --dump-json under {}; \
             the upstream pass catalog will be empty",
            prefix.display()
        ),
        Some(tblgen) => {
            let mut files = Vec::new();
            collect_pass_td_files(&include.join("mlir"), &mut files);
            files.sort();
            if files.is_empty() {
                println!(
                    "cargo:warning=no pass definitions found under {}; \
                     the upstream pass catalog will be empty",
                    include.join("mlir").display()
                );
            }
            for file in &files {
                match dump_records(&tblgen, &include, file) {
                    Ok(records) => collect_passes(&records, file, &mut passes),
                    Err(err) => println!("cargo:warning=skipping {}: {err}", file.display()),
                }
            }
        }
    }

    let code = render(&passes);
    let out = out_dir.join("upstream_passes.rs");
    std::fs::write(&out, code).unwrap_or_else(|e| panic!("writing {}: {e}", out.display()));
}

/// Returns the first TableGen binary that accepts `--dump-json`. `mlir-tblgen`
/// is tried second only in case a future release grows the flag.
fn find_tblgen(prefix: &Path) -> Option<PathBuf> {
    ["llvm-tblgen", "mlir-tblgen"]
        .iter()
        .map(|tool| prefix.join("bin").join(tool))
        .find(|tool| {
            Command::new(tool)
                .arg("--help")
                .output()
                .map(|out| String::from_utf8_lossy(&out.stdout).contains("--dump-json"))
                .unwrap_or(false)
        })
}

/// Recursively collects `.td` files that may define passes: every `*Passes.td`,
/// plus any other file that derives from `Pass<`/`InterfacePass<`/`PassBase<`
/// (cheap textual pre-filter; tblgen has the final word).
fn collect_pass_td_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_pass_td_files(&path, out);
            continue;
        }
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if !name.ends_with(".td") || name == "PassBase.td" {
            continue;
        }
        let defines_passes = name.ends_with("Passes.td")
            || std::fs::read_to_string(&path).is_ok_and(|text| {
                text.contains(": Pass<")
                    || text.contains(": InterfacePass<")
                    || text.contains(": PassBase<")
            });
        if defines_passes {
            out.push(path);
        }
    }
}

fn dump_records(tblgen: &Path, include: &Path, file: &Path) -> Result<Value, String> {
    let out = Command::new(tblgen)
        .arg("--dump-json")
        .arg("-I")
        .arg(include)
        .arg(file)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", tblgen.display()))?;
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let first = stderr.lines().next().unwrap_or("").trim();
        return Err(format!(
            "{} failed ({}): {first}",
            tblgen.display(),
            out.status
        ));
    }
    serde_json::from_slice(&out.stdout).map_err(|e| format!("bad JSON from tblgen: {e}"))
}

fn str_field<'a>(record: &'a Value, field: &str) -> &'a str {
    record.get(field).and_then(Value::as_str).unwrap_or("")
}

fn collect_passes(records: &Value, file: &Path, passes: &mut BTreeMap<String, PassRow>) {
    let Some(names) = records
        .get("!instanceof")
        .and_then(|i| i.get("PassBase"))
        .and_then(Value::as_array)
    else {
        return;
    };
    for record_name in names.iter().filter_map(Value::as_str) {
        let Some(record) = records.get(record_name) else {
            continue;
        };
        let name = str_field(record, "argument");
        if name.is_empty() {
            continue;
        }
        let options = record
            .get("options")
            .and_then(Value::as_array)
            .map(|list| {
                list.iter()
                    .filter_map(|o| o.get("def").and_then(Value::as_str))
                    .filter_map(|def| records.get(def))
                    .map(option_row)
                    .collect()
            })
            .unwrap_or_default();
        let row = PassRow {
            summary: str_field(record, "summary").trim().to_owned(),
            description: dedent(str_field(record, "description")),
            anchor: anchor_of(str_field(record, "baseClass")),
            options,
            source: file.to_owned(),
        };
        // Pass arguments are globally unique in a real registry; the same pass
        // can only show up twice if one Passes.td includes another.
        if let Some(prev) = passes.get(name) {
            if prev.source != row.source {
                println!(
                    "cargo:warning=pass '{name}' defined in both {} and {}; keeping the first",
                    prev.source.display(),
                    row.source.display()
                );
            }
            continue;
        }
        passes.insert(name.to_owned(), row);
    }
}

fn option_row(record: &Value) -> OptionRow {
    let is_list = record
        .get("!superclasses")
        .and_then(Value::as_array)
        .is_some_and(|s| s.iter().any(|c| c.as_str() == Some("ListOption")));
    OptionRow {
        name: str_field(record, "argument").to_owned(),
        description: str_field(record, "description").trim().to_owned(),
        ty: str_field(record, "type").to_owned(),
        default: str_field(record, "defaultValue").trim().to_owned(),
        is_list,
    }
}

/// `::mlir::OperationPass<::mlir::func::FuncOp>` → `func::FuncOp`;
/// `::mlir::OperationPass<>` → `""` (runs on any op);
/// `::mlir::InterfacePass<FunctionOpInterface>` → `FunctionOpInterface`.
/// The `mlir::` qualification is dropped because upstream spells the same
/// class three different ways.
fn anchor_of(base_class: &str) -> String {
    let inner = base_class
        .find('<')
        .zip(base_class.rfind('>'))
        .map(|(l, r)| &base_class[l + 1..r])
        .unwrap_or("");
    let inner = inner.trim().trim_start_matches("::");
    inner.strip_prefix("mlir::").unwrap_or(inner).to_owned()
}

/// TableGen descriptions keep the `.td` file's indentation; strip the common
/// indent and surrounding blank lines so the text reads well in `--help`.
fn dedent(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let body: Vec<&str> = lines
        .iter()
        .map(|l| {
            if l.trim().is_empty() {
                ""
            } else {
                &l[indent..]
            }
        })
        .map(str::trim_end)
        .collect();
    body.join("\n").trim_matches('\n').to_owned()
}

fn render(passes: &BTreeMap<String, PassRow>) -> String {
    // `{:?}` on a `str` yields a valid Rust string literal with escapes.
    // `writeln!` into a `String` cannot fail, hence the ignored results.
    let mut code = String::from(
        "// @generated by crates/tg-passes/build.rs from the installed MLIR TableGen files.\n\
         static UPSTREAM_PASSES: &[PassInfo] = &[\n",
    );
    for (name, pass) in passes {
        let _ = writeln!(code, "    PassInfo {{");
        let _ = writeln!(code, "        name: {name:?},");
        let _ = writeln!(code, "        summary: {:?},", pass.summary);
        let _ = writeln!(code, "        description: {:?},", pass.description);
        let _ = writeln!(code, "        anchor: {:?},", pass.anchor);
        if pass.options.is_empty() {
            let _ = writeln!(code, "        options: &[],");
            let _ = writeln!(code, "    }},");
            continue;
        }
        let _ = writeln!(code, "        options: &[");
        for o in &pass.options {
            let _ = writeln!(
                code,
                "            OptionInfo {{ name: {:?}, description: {:?}, ty: {:?}, default: {:?}, is_list: {}, range: None }},",
                o.name, o.description, o.ty, o.default, o.is_list
            );
        }
        let _ = writeln!(code, "        ],");
        let _ = writeln!(code, "    }},");
    }
    code.push_str("];\n");
    code
}
