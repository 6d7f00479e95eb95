//! Builds the `tg` dialect (ODS + thin C++) with MLIR's own CMake, from the
//! repository's top-level CMakeLists.txt, and links its static libraries.

use std::path::PathBuf;

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
}
