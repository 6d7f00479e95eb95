//! The host CPU's vector width, asked of the CPU itself (CPUID through
//! `is_x86_feature_detected!`), not of LLVM's host-name table, which calls
//! this machine's Sapphire Rapids a `rocketlake`.

/// f32 lanes of the widest vector register the host can use.
pub fn host_vector_width() -> i64 {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx512f") {
            return 16;
        }
        if std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma") {
            return 8;
        }
    }
    4
}
