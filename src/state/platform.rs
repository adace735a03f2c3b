//! What the views need from the browser beyond the page they draw: reading the files a user
//! picked or dropped, offering files as downloads (a PNG drawn from the map's SVG among them),
//! asking the browser to keep this site's storage, the offline worker, and how wide a text is
//! in the page's font. The adapters supply
//! each capability as a function; the entry (`stakemap::start`) hands them to the app, which
//! provides the [`Platform`] to every view. Views reach these through the methods here, which turn what the
//! browser answers into notices and store calls, so no view imports an adapter or the file
//! format.

use super::notices::Tone;
use super::sharing::RegisterEngine;
use super::store::Store;
use crate::format::{ImportError, LockedFile, IMAGE_HEIGHT, IMAGE_WIDTH};
use crate::model::saved_words;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

/// What the browser answers later (a promise).
pub type Later<T> = Pin<Box<dyn Future<Output = T>>>;

/// One file picked or dropped: its name, and its bytes once read (or why they could not be).
pub type FileRead = (String, Later<Result<Vec<u8>, ImportError>>);

/// An image to offer as a PNG: the SVG document drawn onto a canvas `scale` times its size.
pub struct Png {
    /// The PNG's file name.
    pub name: String,
    /// The SVG document.
    pub svg: String,
    /// The image's width.
    pub width: u32,
    /// The image's height.
    pub height: u32,
    /// How many times larger to draw it.
    pub scale: u32,
}

/// Why a password-protected file did not open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unlock {
    /// The passphrase does not open it (or the file was changed after it was locked: the two
    /// cannot be told apart, by design).
    WrongPassphrase,
    /// The browser could not do the work, with its reason in words.
    Unavailable(String),
}

/// A locked file's content once opened (later), or why not.
pub type Unlocked = Later<Result<Vec<u8>, Unlock>>;

/// The browser's facilities, one function each, supplied by the adapters. `Copy`.
#[derive(Clone, Copy)]
pub struct Platform {
    /// The files in a list the page received (picked or dropped), each with a reader that
    /// refuses a file too large to import before reading it.
    pub list_files: fn(web_sys::FileList) -> Vec<FileRead>,
    /// Offers text as a download: file name, contents, media type. Says why in words when the
    /// browser refuses.
    pub download: fn(&str, &str, &str) -> Result<(), String>,
    /// Draws an SVG document onto a canvas and offers it as a PNG. Says why in words when the
    /// browser cannot.
    pub download_png: fn(Png) -> Later<Result<(), String>>,
    /// Asks the browser to keep this site's storage: whether it will, or `None` when it cannot
    /// be asked.
    pub request_persistence: fn() -> Later<Option<bool>>,
    /// Registers the offline worker; the function given runs once a new version has been
    /// downloaded and waits for the next launch.
    pub register_worker: fn(Rc<dyn Fn()>),
    /// The version of the files this page runs, as the offline worker says (`None` without one).
    pub running_version: fn() -> Later<Option<String>>,
    /// Locks a map file's text with a passphrase (WebCrypto): the locked file's text, or why
    /// the browser could not.
    pub lock: fn(String, String) -> Later<Result<String, String>>,
    /// Opens a locked file with a passphrase: the map file's bytes inside it.
    pub unlock: fn(LockedFile, String) -> Unlocked,
    /// The register session that reads spreadsheets and brings them in, off the page (the
    /// sheets worker, loaded on first use).
    pub registers: RegisterEngine,
    /// How wide a text is at a font size, in pixels, in the page's own font (the map places
    /// names with it).
    pub text_width: fn(&str, f64) -> f64,
}

/// The platform provided by the nearest [`Platform::provide`].
pub fn use_platform() -> Platform {
    // `App` provides it before rendering any view.
    use_context::<Platform>().unwrap_or_else(|| {
        panic!("Platform::provide must run before views that use the browser's files are rendered")
    })
}

/// The PNG's scale: at least twice the image, and at least twice the map as shown on screen
/// (`on_screen_width` CSS pixels wide), at most four times.
pub fn png_scale(on_screen_width: f64) -> u32 {
    ((2.0 * on_screen_width / f64::from(IMAGE_WIDTH)).ceil() as u32).clamp(2, 4)
}

impl Platform {
    /// Makes the platform available to every view below.
    pub fn provide(self) {
        provide_context(self);
    }

    /// Reads each file in `files` and hands its name and bytes to `take`; a file that cannot be
    /// read is reported.
    pub fn read_files(
        self,
        store: Store,
        files: web_sys::FileList,
        take: impl Fn(&str, &[u8]) + Copy + 'static,
    ) {
        for (name, read) in (self.list_files)(files) {
            spawn_local(async move {
                match read.await {
                    Ok(bytes) => take(&name, &bytes),
                    Err(e) => store.reject_file(&name, &e),
                }
            });
        }
    }

    /// Offers a file (name and text) as a download and says it was saved; a browser that
    /// refuses gets a notice.
    pub fn offer(self, store: Store, file: Option<(String, String)>, mime: &str) {
        self.offer_holding(store, file, mime, None);
    }

    /// [`offer`](Self::offer) for a file whose content can be counted: what it `holds` ("9
    /// people") is said with its name.
    pub fn offer_holding(
        self,
        store: Store,
        file: Option<(String, String)>,
        mime: &str,
        holds: Option<String>,
    ) {
        if let Some((name, text)) = file {
            match (self.download)(&name, &text, mime) {
                Ok(()) => store
                    .notices()
                    .confirm(saved_words(&name, holds.as_deref(), false)),
                Err(why) => store
                    .notices()
                    .notify(Tone::Error, format!("“{name}” could not be saved: {why}.")),
            }
        }
    }

    /// Offers the open map as a map file.
    pub fn offer_export(self, store: Store) {
        let holds = store.people_words();
        self.offer_holding(store, store.export_current(), "application/json", holds);
    }

    /// Offers an SVG image of the map (name and SVG) drawn as a PNG, at [`png_scale`] for a map
    /// shown `on_screen_width` CSS pixels wide, and says it was saved with what it `holds`; a
    /// browser that cannot draw it gets a notice.
    pub fn offer_png(
        self,
        store: Store,
        file: Option<(String, String)>,
        on_screen_width: f64,
        holds: Option<String>,
    ) {
        let Some((name, svg)) = file else { return };
        let name = name.trim_end_matches(".svg").to_owned() + ".png";
        let drawn = (self.download_png)(Png {
            name: name.clone(),
            svg,
            width: IMAGE_WIDTH,
            height: IMAGE_HEIGHT,
            scale: png_scale(on_screen_width),
        });
        spawn_local(async move {
            match drawn.await {
                Ok(()) => store
                    .notices()
                    .confirm(saved_words(&name, holds.as_deref(), false)),
                Err(why) => store
                    .notices()
                    .notify(Tone::Error, format!("The image could not be made: {why}.")),
            }
        });
    }

    /// Asks the browser to keep this site's storage, and tells the store its answer.
    pub fn ask_to_keep_storage(self, store: Store) {
        let asked = (self.request_persistence)();
        spawn_local(async move {
            if let Some(granted) = asked.await {
                store.set_persistent(granted);
            }
        });
    }

    /// Registers the offline worker, and says when a new version is waiting or has just
    /// arrived.
    pub fn announce_new_versions(self, store: Store) {
        const SEEN: &str = "version-seen";
        (self.register_worker)(Rc::new(move || {
            store.notices().notify(
                Tone::Info,
                "A new version of Stakemap has been downloaded. It takes effect the next time you \
                 open Stakemap (close every Stakemap tab, then open it again).",
            );
        }));
        let running = (self.running_version)();
        spawn_local(async move {
            let Some(running) = running.await else {
                return;
            };
            let seen = store.setting(SEEN);
            if seen.as_deref() != Some(running.as_str()) {
                store.set_setting(SEEN, Some(&running));
                if seen.is_some() {
                    store.notices().notify(
                        Tone::Info,
                        "Stakemap has been updated since your last visit. Your maps are as you \
                         left them.",
                    );
                }
            }
        });
    }
}
