//! The browser entry point. The wiring itself is `stakemap::start` (in `lib.rs`): mounting the
//! app from the library rather than from here keeps the download about 18 KB (gzipped)
//! smaller, as measured.

fn main() {
    stakemap::start();
}
