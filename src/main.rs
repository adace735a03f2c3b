//! The browser entry point: mounts the app on the page.

fn main() {
    stakemap::components::mount();
}
