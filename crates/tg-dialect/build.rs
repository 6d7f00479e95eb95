//! Builds the `tg` dialect (ODS + thin C++) with MLIR's own CMake, from the
//! repository's top-level CMakeLists.txt, and links its static libraries;
//! and generates the Rust `TgOp` enum from the same ODS (`tg_ops.rs`).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let root = root.canonicalize().expect("the repository root exists");
    for dir in ["CMakeLists.txt", "include", "lib"] {
        println!("cargo:rerun-if-changed={}", root.join(dir).display());
    }
    let prefix = std::env::var("MLIR_SYS_220_PREFIX").unwrap_or_else(|_| "/usr/lib/llvm-22".into());
    println!("cargo:rerun-if-env-changed=MLIR_SYS_220_PREFIX");

    let out = cmake::Config::new(&root)
        .generator("Ninja")
        // The dialect is tiny; optimise it whatever cargo's profile, as LLVM itself is.
        .profile("Release")
        .define("MLIR_DIR", format!("{prefix}/lib/cmake/mlir"))
        .build_target("TGCAPI")
        .build();

    println!("cargo:rustc-link-search=native={}", out.join("build/lib").display());
    println!("cargo:rustc-link-lib=static=TGCAPI");
    println!("cargo:rustc-link-lib=static=MLIRTG");
    println!("cargo:include={}", root.join("include").display());
    // For melior's `dialect!` over TGOps.td (src/ods.rs).
    println!("cargo:rustc-env=TG_INCLUDE_DIR={}", root.join("include").display());

    let generated = op_enum(&root, Path::new(&prefix)).unwrap_or_else(|e| panic!("generating TgOp from TGOps.td: {e}"));
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out_dir.join("tg_ops.rs"), generated).expect("OUT_DIR is writable");
}

/// The `TgOp` enum, one variant per `TG_Op` definition in TGOps.td, read
/// from `llvm-tblgen --dump-json`: its op name, summary and op class.
fn op_enum(root: &Path, prefix: &Path) -> Result<String, String> {
    let tblgen = prefix.join("bin/llvm-tblgen");
    let output = std::process::Command::new(&tblgen)
        .arg("--dump-json")
        .arg("-I")
        .arg(root.join("include"))
        .arg("-I")
        .arg(prefix.join("include"))
        .arg(root.join("include/tg/TGOps.td"))
        .output()
        .map_err(|e| format!("cannot run {}: {e} (scripts/bootstrap.sh installs it)", tblgen.display()))?;
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).into_owned());
    }
    let records: serde_json::Value = serde_json::from_slice(&output.stdout).map_err(|e| e.to_string())?;
    let mut ops = Vec::new();
    for def in records["!instanceof"]["TG_Op"].as_array().ok_or("no TG_Op definitions")? {
        let def = def.as_str().ok_or("a definition name is not a string")?;
        let record = &records[def];
        let mnemonic = record["opName"].as_str().ok_or(format!("{def} has no mnemonic"))?;
        let class = record["opClass"]["def"]
            .as_str()
            .ok_or(format!("{def} declares no op class: add `let opClass = TG_...;` (TGDialect.td lists them)"))?;
        let summary = record["summary"].as_str().unwrap_or_default();
        let variant = def.trim_start_matches("TG_").trim_end_matches("Op").to_string();
        ops.push((variant, mnemonic.to_string(), class.trim_start_matches("TG_").to_string(), summary.to_string()));
    }
    ops.sort();
    let mut rs = String::from("/// Every tg op, one variant per `TG_Op` definition in include/tg/TGOps.td.\n");
    rs += "#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]\npub enum TgOp {\n";
    for (variant, mnemonic, _, summary) in &ops {
        writeln!(rs, "    /// `tg.{mnemonic}`: {summary}.\n    {variant},").unwrap();
    }
    rs += "}\n\nimpl TgOp {\n    /// Every tg op, in variant order.\n    pub const ALL: &'static [TgOp] = &[";
    for (variant, ..) in &ops {
        write!(rs, "TgOp::{variant}, ").unwrap();
    }
    rs += "];\n\n    /// The full op name, e.g. `tg.add`.\n    pub const fn name(self) -> &'static str {\n        match self {\n";
    for (variant, mnemonic, ..) in &ops {
        writeln!(rs, "            TgOp::{variant} => \"tg.{mnemonic}\",").unwrap();
    }
    rs += "        }\n    }\n\n    /// The op class its ODS definition declares.\n    pub const fn class(self) -> OpClass {\n        match self {\n";
    for (variant, _, class, _) in &ops {
        writeln!(rs, "            TgOp::{variant} => OpClass::{class},").unwrap();
    }
    rs += "        }\n    }\n\n    /// The op named `name` (`tg.add`), if it is a tg op.\n    pub fn from_name(name: &str) -> Option<TgOp> {\n        match name {\n";
    for (variant, mnemonic, ..) in &ops {
        writeln!(rs, "            \"tg.{mnemonic}\" => Some(TgOp::{variant}),").unwrap();
    }
    rs += "            _ => None,\n        }\n    }\n}\n";
    Ok(rs)
}
