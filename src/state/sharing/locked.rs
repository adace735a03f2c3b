//! Password-protected map files: locking the open map for export, and a locked file picked or
//! dropped waiting for its passphrase before it goes where it was headed (opened, merged, or
//! added to the workshop round). A wrong passphrase changes nothing and can be tried again.

use super::Sharing;
use crate::format::{self, LockedFile, Opened, Read};
use crate::model::saved_words;
use crate::state::notices::Tone;
use crate::state::{Platform, Unlock};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Where a file was headed when it turned out to be locked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Headed {
    /// Imported or dropped: opened (or merged, when it is a copy of a map here).
    Open,
    /// Merged into the open map.
    Merge,
    /// Added to the workshop round.
    Round,
}

/// A locked file waiting for its passphrase.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LockedReview {
    /// The file's name.
    pub file_name: String,
    /// The file, checked.
    pub file: LockedFile,
    /// Where it goes once opened.
    pub headed: Headed,
    /// Passphrases tried that did not open it.
    pub wrong_tries: u32,
    /// True while the browser works on a passphrase.
    pub busy: bool,
}

impl Sharing {
    /// Reads a picked or dropped file: a map file's content, or `None` when it was refused
    /// (with a notice) or is locked (then the passphrase is asked for, and the file goes
    /// where it was `headed` once opened).
    pub(super) fn read_or_ask(
        &self,
        file_name: &str,
        bytes: &[u8],
        headed: Headed,
    ) -> Option<Read> {
        match format::open_bytes(bytes, self.store.now()) {
            Ok(Opened::Map(read)) => Some(*read),
            Ok(Opened::Locked(file)) => {
                self.locked.set(Some(LockedReview {
                    file_name: file_name.to_owned(),
                    file,
                    headed,
                    wrong_tries: 0,
                    busy: false,
                }));
                None
            }
            Err(e) => {
                self.store.reject_file(file_name, &e);
                None
            }
        }
    }

    /// The locked file waiting for its passphrase (tracked).
    pub fn locked_review(&self) -> Option<LockedReview> {
        self.locked.get()
    }

    /// Drops the locked file; nothing changes.
    pub fn cancel_unlock(&self) {
        self.locked.set(None);
    }

    /// Tries `passphrase` on the locked file. When it opens, the map goes where the file was
    /// headed; a wrong one leaves everything as it was and counts a try.
    pub fn unlock(&self, platform: Platform, passphrase: String) {
        let Some(review) = self.locked.get_untracked() else {
            return;
        };
        if review.busy {
            return;
        }
        self.locked.update(|r| {
            if let Some(r) = r {
                r.busy = true;
            }
        });
        let this = *self;
        let opening = (platform.unlock)(review.file.clone(), passphrase);
        spawn_local(async move {
            let result = opening.await;
            // Cancelled (or another file picked) while the browser worked: nothing happens.
            if this
                .locked
                .with_untracked(|r| r.as_ref().map(|r| &r.file) != Some(&review.file))
            {
                return;
            }
            match result {
                Ok(plain) => {
                    this.locked.set(None);
                    let name = review.file_name.as_str();
                    match format::read_bytes(&plain, this.store.now()) {
                        Ok(read) => this.go(name, read, review.headed),
                        Err(e) => this.store.reject_file(name, &e),
                    }
                }
                Err(Unlock::WrongPassphrase) => this.locked.update(|r| {
                    if let Some(r) = r {
                        r.busy = false;
                        r.wrong_tries += 1;
                    }
                }),
                Err(Unlock::Unavailable(why)) => {
                    this.locked.set(None);
                    this.store.notices().notify(
                        Tone::Error,
                        format!(
                            "“{}” could not be opened: {why}. Nothing was changed.",
                            review.file_name
                        ),
                    );
                }
            }
        });
    }

    fn go(&self, file_name: &str, read: Read, headed: Headed) {
        match headed {
            Headed::Open => self.open_read(file_name, read),
            Headed::Merge => self.merge_read(file_name, read),
            Headed::Round => self.add_participant_read(file_name, read),
        }
    }

    /// The name a locked copy of the open map is offered under, unless the user types another.
    pub fn locked_file_name(&self) -> String {
        self.store
            .current_file_name()
            .map(|name| format::locked_file_name(&name))
            .unwrap_or_default()
    }

    /// Locks the open map with `passphrase` and offers the locked file as a download named
    /// after `file_name` (the default when empty): true once offered.
    pub async fn export_locked(
        &self,
        platform: Platform,
        passphrase: String,
        file_name: String,
    ) -> bool {
        let store = self.store;
        let Some((default, text)) = store.current_file() else {
            return false;
        };
        let name = if file_name.trim().is_empty() {
            default
        } else {
            file_name
        };
        let name = format::locked_file_name(&name);
        match (platform.lock)(text, passphrase).await {
            Ok(locked) => {
                if let Err(why) = (platform.download)(&name, &locked, "application/json") {
                    store
                        .notices()
                        .notify(Tone::Error, format!("“{name}” could not be saved: {why}."));
                    return false;
                }
                store.mark_exported();
                let holds = store.people_words();
                store
                    .notices()
                    .confirm(saved_words(&name, holds.as_deref(), true));
                true
            }
            Err(why) => {
                store.notices().notify(
                    Tone::Error,
                    format!("The map could not be locked: {why}. No file was saved."),
                );
                false
            }
        }
    }
}
