//! Rebuild when an embedded template or profile changes (they are embedded with `include_dir!`, which
//! stable Rust cannot track by itself).

fn main() {
    println!("cargo:rerun-if-changed=templates");
    println!("cargo:rerun-if-changed=templates/profiles");
}
