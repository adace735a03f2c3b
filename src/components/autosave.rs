//! Saving as the user types, for every form that edits something already stored (a
//! stakeholder's details, an action, a snapshot's name, the map's name), and the status line
//! they show.
//!
//! It is one module, not a copy per form, because the rules must not drift apart: nothing
//! typed may be lost, whether the user pauses, clicks elsewhere, opens another person or map,
//! or reloads, and edits made elsewhere must reach every input the user is not typing in.
//!
//! - [`Autosave`] times the saves and makes the ones on the way out; [`AutosaveForm`] saves
//!   when focus leaves a field.
//! - [`FormText`] is what a form's text must say about its inputs for the rest to work on it:
//!   [`Leftovers`] keeps what an editing form could not save yet (text that breaks a rule,
//!   typing cut short by a reload) until it can, [`follow_stored`] brings in changes made
//!   elsewhere, and [`settle`] ends a save.
//! - [`SaveStatus`] says where the typing stands; [`NameInput`] is the single name field that
//!   renames as it is typed.
//!
//! Adding something new saves nothing until the user confirms, so those forms keep their
//! drafts themselves and use only the status line.

use crate::state::Store;
use leptos::prelude::*;
use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;
use std::time::Duration;

/// How long typing must pause before it is saved: long enough not to save every key, short
/// enough that a quick click elsewhere rarely finds anything waiting (and that is saved on
/// the way out anyway).
pub(super) const PAUSE: Duration = Duration::from_millis(400);

/// Saves whatever its form has waiting, once: when typing pauses, when asked (a field's
/// `change`), when the form is removed (another person, another tab) and when the page is
/// hidden (reload, closing the tab). `Copy`, so every handler can hold it.
///
/// The save itself is the form's; it must capture which record it writes when the form is
/// built (or, for a form that outlives its record, when typing starts), never look it up at
/// save time, and it must use `try_` reads: it can run while the form is being disposed.
///
/// The store writes to storage under a lock that the browser grants a moment later, which
/// a page being unloaded does not wait for. So a form can also give a `keep`, run when the
/// page is hidden with typing still waiting, that writes that typing where it is read back
/// at once (a draft setting) before the save is sent; the form puts it back next time.
#[derive(Clone, Copy)]
pub(super) struct Autosave {
    timer: StoredValue<Option<TimeoutHandle>>,
    waiting: StoredValue<bool>,
    leaving: StoredValue<bool>,
    save: StoredValue<Arc<dyn Fn(bool) + Send + Sync>>,
    keep: StoredValue<Option<Arc<dyn Fn() + Send + Sync>>>,
}

impl Autosave {
    /// Creates the saver in the current owner and arranges the saves on the way out. The
    /// save is told whether the page is being hidden (then it must not tidy away what
    /// `keep` has just written).
    pub(super) fn new(save: impl Fn(bool) + Send + Sync + 'static) -> Self {
        Self::build(Arc::new(save), None)
    }

    /// Like [`Autosave::new`], with `keep` run first when the page is hidden mid-typing.
    pub(super) fn keeping(
        save: impl Fn(bool) + Send + Sync + 'static,
        keep: impl Fn() + Send + Sync + 'static,
    ) -> Self {
        Self::build(Arc::new(save), Some(Arc::new(keep)))
    }

    fn build(
        save: Arc<dyn Fn(bool) + Send + Sync>,
        keep: Option<Arc<dyn Fn() + Send + Sync>>,
    ) -> Self {
        let this = Self {
            timer: StoredValue::new(None),
            waiting: StoredValue::new(false),
            leaving: StoredValue::new(false),
            save: StoredValue::new(save),
            keep: StoredValue::new(keep),
        };
        // Cleanups run before the owner's signals are disposed, so the save can still read
        // the form.
        on_cleanup(move || this.flush());
        let hidden = window_event_listener_untyped("pagehide", move |_| this.leave_page());
        on_cleanup(move || hidden.remove());
        this
    }

    fn leave_page(self) {
        self.leaving.try_set_value(true);
        if self.is_waiting() {
            if let Some(Some(keep)) = self.keep.try_get_value() {
                keep();
            }
        }
        self.flush();
        self.leaving.try_set_value(false);
    }

    /// Something was typed: save it once typing pauses.
    pub(super) fn typed(self) {
        self.waiting.try_set_value(true);
        self.stop_timer();
        if let Ok(handle) = set_timeout_with_handle(move || self.flush(), PAUSE) {
            self.timer.try_set_value(Some(handle));
        }
    }

    /// An input changed: save once typing pauses (`typing`) or now (a choice).
    pub(super) fn edited(self, typing: bool) {
        if typing {
            self.typed();
        } else {
            self.changed();
        }
    }

    /// Something was chosen or a field was left: save now.
    pub(super) fn changed(self) {
        self.waiting.try_set_value(true);
        self.flush();
    }

    /// Saves what is waiting, if anything.
    pub(super) fn flush(self) {
        self.stop_timer();
        let waiting = self
            .waiting
            .try_update_value(std::mem::take)
            .unwrap_or(false);
        if waiting {
            if let Some(save) = self.save.try_get_value() {
                save(self.leaving.try_get_value().unwrap_or(false));
            }
        }
    }

    /// True while something typed has not been saved yet.
    pub(super) fn is_waiting(self) -> bool {
        self.waiting.try_get_value().unwrap_or(false)
    }

    fn stop_timer(self) {
        if let Some(Some(handle)) = self.timer.try_update_value(Option::take) {
            handle.clear();
        }
    }
}

/// Where a form's typing stands, for the status line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum SaveState {
    /// Nothing typed yet in an editing form.
    Ready,
    /// Typed, waiting for the pause.
    Saving,
    /// Everything typed is saved.
    Saved,
    /// This many fields break a rule and were not saved; every other field was.
    Invalid(usize),
    /// The store refused the edit (it says why in the banner).
    Refused,
    /// A form for something new: what is typed is kept as a draft.
    DraftKept,
    /// A form for something new with nothing typed.
    Empty,
}

impl SaveState {
    /// Where a form starts: ready when editing; for something new, whether a draft came back.
    pub(super) fn initial(adding: bool, had_draft: bool) -> Self {
        match (adding, had_draft) {
            (false, _) => SaveState::Ready,
            (true, true) => SaveState::DraftKept,
            (true, false) => SaveState::Empty,
        }
    }

    /// After a save: saved, or how many fields are marked as not saved.
    pub(super) fn checked(invalid: usize) -> Self {
        match invalid {
            0 => SaveState::Saved,
            n => SaveState::Invalid(n),
        }
    }

    /// What an editing form could not save last time came back: it saves after the pause,
    /// unless this many fields still break a rule.
    pub(super) fn resumed(invalid: usize) -> Self {
        match invalid {
            0 => SaveState::Saving,
            n => SaveState::Invalid(n),
        }
    }

    /// After saving a single field: saved, or its one field marked.
    pub(super) fn of<T, E>(result: &Result<T, E>) -> Self {
        Self::checked(usize::from(result.is_err()))
    }
}

/// The end of one save of an editing form: `checked` is what the form's rules made of the
/// typing (with inputs that break a rule set back to what is stored), `stored` what storage
/// holds. Sends the fields through `send` when they differ; when what is stored breaks the
/// rules itself, adds those problems to `problems` (one per input, `input` names it), since
/// nothing saves until they are fixed too. Returns (saved, refused by the store).
pub(super) fn settle<F: PartialEq, P, K: PartialEq>(
    checked: Result<F, Vec<P>>,
    stored: &F,
    problems: &mut Vec<P>,
    input: impl Fn(&P) -> K,
    send: impl FnOnce(F) -> bool,
) -> (bool, bool) {
    match checked {
        Ok(fields) if fields == *stored => (true, false),
        Ok(fields) => {
            let ok = send(fields);
            (ok, !ok)
        }
        Err(more) => {
            for p in more {
                if !problems.iter().any(|q| input(q) == input(&p)) {
                    problems.push(p);
                }
            }
            (false, false)
        }
    }
}

/// A form's text, input by input, as saving as you type needs it.
pub(super) trait FormText: Clone + PartialEq + Send + Sync + 'static {
    /// One input of the form.
    type Input: Copy + Eq + std::hash::Hash + Send + Sync + 'static;
    /// Every input.
    const INPUTS: &'static [Self::Input];
    /// The input's name in kept [`Leftovers`].
    fn name(input: Self::Input) -> &'static str;
    /// The input's value as kept in [`Leftovers`].
    fn kept_text(&self, input: Self::Input) -> String;
    /// Puts back a value written by [`FormText::kept_text`].
    fn restore(&mut self, input: Self::Input, kept: &str);
    /// True when `input` holds the same here and in `other`.
    fn same(&self, input: Self::Input, other: &Self) -> bool;
    /// Copies `input` from `from`.
    fn take(&mut self, input: Self::Input, from: &Self);
}

/// Lets changes made elsewhere (a drag on the map, undo, another tab) to the record an editing
/// form shows reach every input the user is not in the middle of typing. `record` reads the
/// record as stored (none once it is gone) and `as_text` turns it into form text; `base` is the
/// form text last known to be stored (a save sets it before the store reports back, so its
/// echo is not taken for a change from elsewhere) and `dirty` the inputs holding typing not
/// saved yet. When the stored text differs from `base`, each input that changed and is not
/// dirty is copied into the form's `typed`; then `after` runs.
pub(super) fn follow_stored<R, T: FormText>(
    record: impl Fn() -> Option<R> + Send + Sync + 'static,
    as_text: impl Fn(&R) -> T + 'static,
    base: StoredValue<T>,
    dirty: StoredValue<HashSet<T::Input>>,
    typed: RwSignal<T>,
    after: impl Fn() + 'static,
) where
    R: Clone + PartialEq + Send + Sync + 'static,
{
    let record = Memo::new(move |_| record());
    Effect::new(move |_| {
        let Some(now) = record.get() else {
            return;
        };
        let fresh = as_text(&now);
        let Some(old) = base.try_get_value() else {
            return;
        };
        if fresh == old {
            return;
        }
        let busy = dirty.try_get_value().unwrap_or_default();
        typed.try_update(|t| {
            for &input in T::INPUTS {
                if !busy.contains(&input) && !old.same(input, &fresh) {
                    t.take(input, &fresh);
                }
            }
        });
        base.try_set_value(fresh);
        after();
    });
}

/// What an editing form could not save yet for one record, kept in a setting (JSON: input
/// name to text) so that leaving the record, or reloading, does not drop it: the text of
/// inputs that break a rule until they are fixed, and typing still waiting when the page was
/// hidden. The form reads it back when it opens, marks it and saves it if it can.
#[derive(Clone)]
pub(super) struct Leftovers {
    store: Store,
    /// The setting's name; none for a form that adds something new.
    name: Option<String>,
    /// True when something was left when the form opened.
    pub(super) found: bool,
    /// True while something is kept under that name.
    kept: StoredValue<bool>,
}

impl Leftovers {
    /// Reads what was left under `name` and puts it back into the form's `typed`, marking
    /// those inputs `dirty` (not saved yet).
    pub(super) fn read<T: FormText>(
        store: Store,
        name: Option<String>,
        typed: RwSignal<T>,
        dirty: StoredValue<HashSet<T::Input>>,
    ) -> Self {
        let left: BTreeMap<String, String> = name
            .as_deref()
            .and_then(|name| store.setting(name))
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_default();
        for (key, text) in &left {
            if let Some(&input) = T::INPUTS.iter().find(|&&i| T::name(i) == key) {
                typed.update_untracked(|t| t.restore(input, text));
                dirty.update_value(|d| {
                    d.insert(input);
                });
            }
        }
        let found = !left.is_empty();
        let kept = StoredValue::new(found);
        Self {
            store,
            name,
            found,
            kept,
        }
    }

    /// The form's saver, with `save` for the typing: when the page is hidden mid-typing, the
    /// save may not reach storage before it goes, so the `dirty` inputs of `typed` are also
    /// kept where the next visit reads them back at once. What was left when the form opened
    /// is saved once the form is on screen (what still breaks a rule stays marked).
    pub(super) fn autosave<T: FormText>(
        &self,
        save: impl Fn(bool) + Send + Sync + 'static,
        typed: RwSignal<T>,
        dirty: StoredValue<HashSet<T::Input>>,
    ) -> Autosave {
        let this = self.clone();
        let keep = move || {
            let Some(t) = typed.try_get_untracked() else {
                return;
            };
            let busy = dirty.try_get_value().unwrap_or_default();
            this.keep(&t, T::INPUTS.iter().copied().filter(|i| busy.contains(i)));
        };
        let autosave = Autosave::keeping(save, keep);
        if self.found {
            request_animation_frame(move || autosave.changed());
        }
        autosave
    }

    /// After a save: keeps the text of the `invalid` inputs (those that break a rule), or
    /// forgets what was kept once there are none. Not while the page is being hidden
    /// (`leaving`): the keep of [`Leftovers::autosave`] has just written everything waiting.
    pub(super) fn after_save<T: FormText>(
        &self,
        leaving: bool,
        typed: &T,
        invalid: impl Iterator<Item = T::Input>,
    ) {
        let (Some(name), false) = (&self.name, leaving) else {
            return;
        };
        let invalid = texts(typed, invalid);
        if !invalid.is_empty() {
            self.write(name, &invalid);
        } else if self.kept.try_get_value().unwrap_or(false) {
            self.store.set_setting(name, None);
            self.kept.try_set_value(false);
        }
    }

    fn keep<T: FormText>(&self, typed: &T, waiting: impl Iterator<Item = T::Input>) {
        let waiting = texts(typed, waiting);
        if let (Some(name), false) = (&self.name, waiting.is_empty()) {
            self.write(name, &waiting);
        }
    }

    fn write(&self, name: &str, inputs: &BTreeMap<&str, String>) {
        if let Ok(json) = serde_json::to_string(inputs) {
            self.store.set_setting(name, Some(&json));
            self.kept.try_set_value(true);
        }
    }
}

/// The kept text of some inputs of `typed`, by input name.
fn texts<T: FormText>(
    typed: &T,
    inputs: impl Iterator<Item = T::Input>,
) -> BTreeMap<&'static str, String> {
    inputs.map(|i| (T::name(i), typed.kept_text(i))).collect()
}

/// The status line: "Saving…", "Saved", "Not saved: …", "Draft kept". Read out politely.
/// `compact` (a single field, like the map's name) says nothing until something is typed,
/// and lets "Saved" fade after a moment (it stays for screen readers).
#[component]
pub(super) fn SaveStatus(
    #[prop(into)] state: Signal<SaveState>,
    #[prop(optional)] compact: bool,
) -> impl IntoView {
    let store = crate::state::use_store();
    let text = move || {
        let storage_problem = store.save_problem().is_some();
        match state.get() {
            SaveState::Ready if compact => String::new(),
            SaveState::Ready => "Changes save as you type.".to_owned(),
            SaveState::Saving => "Saving…".to_owned(),
            SaveState::Saved if storage_problem => {
                "Not saved in this browser yet: see the message at the top.".to_owned()
            }
            SaveState::Saved => "Saved".to_owned(),
            SaveState::Invalid(_) if compact => "Not saved".to_owned(),
            SaveState::Invalid(1) => {
                "Not saved: fix the marked field. Your other changes are saved.".to_owned()
            }
            SaveState::Invalid(n) => {
                format!("Not saved: fix the {n} marked fields. Your other changes are saved.")
            }
            SaveState::Refused => "Not saved: see the message at the top.".to_owned(),
            SaveState::DraftKept => "Draft kept".to_owned(),
            SaveState::Empty => String::new(),
        }
    };
    let class = move || {
        let tone = match state.get() {
            SaveState::Saved if store.save_problem().is_some() => "problem",
            SaveState::Invalid(_) | SaveState::Refused => "problem",
            SaveState::Saved => "saved",
            SaveState::DraftKept => "draft",
            _ => "quiet",
        };
        if compact {
            format!("save-state compact {tone}")
        } else {
            format!("save-state {tone}")
        }
    };
    view! {
        <p class=class role="status" aria-live="polite" aria-atomic="true">{text}</p>
    }
}

/// A form whose typing saves as it goes: what is waiting is saved as soon as focus leaves one
/// of its fields, as well as when typing pauses. The browser's own checks are off: the form
/// shows the core's messages beside each field.
#[component]
pub(super) fn AutosaveForm(
    class: &'static str,
    label: &'static str,
    autosave: Autosave,
    on_submit: impl Fn(leptos::ev::SubmitEvent) + 'static,
    children: Children,
) -> impl IntoView {
    view! {
        <form
            class=class
            on:submit=on_submit
            on:focusout=move |_| autosave.flush()
            novalidate
            aria-label=label
        >
            {children()}
        </form>
    }
}

/// A single name field that renames as it is typed (a snapshot's, the map's): `text` is what it
/// shows, `error` the message for a name that is not acceptable (described by `error_id`).
#[component]
pub(super) fn NameInput(
    id: &'static str,
    error_id: &'static str,
    text: RwSignal<String>,
    error: RwSignal<Option<String>>,
    state: RwSignal<SaveState>,
    autosave: Autosave,
) -> impl IntoView {
    view! {
        <input
            id=id
            type="text"
            maxlength="120"
            prop:value=move || text.get()
            aria-invalid=move || error.get().is_some().to_string()
            aria-describedby=error_id
            on:input=move |ev| {
                text.set(event_target_value(&ev));
                state.set(SaveState::Saving);
                autosave.typed();
            }
            on:change=move |_| autosave.changed()
        />
    }
}
