//! Adding or editing one stakeholder, with inline validation from the core.
//!
//! Nothing typed here may be lost, because people type notes and then click elsewhere on the
//! map without thinking of a button at the bottom of a long form. So:
//!
//! - **Editing** saves as the user goes, through the store's one door: when a field changes
//!   (blur, a ticked box) and when typing pauses, and whatever is still waiting when the form
//!   goes away (another person selected, another tab, the page hidden). A value that breaks a
//!   rule stays in its field with its message and is not saved; the other fields still are.
//!   The form follows changes made elsewhere (a drag on the map, undo) in every field the user
//!   is not in the middle of typing.
//! - **Adding** cannot save a stakeholder before "Add to map", so what is typed is kept as a
//!   draft setting for the open map and comes back when the form is opened again, even after a
//!   reload. "Add to map" and "Cancel" clear it.
//!
//! The timer and status line the other forms share live in [`autosave`].

use crate::model::{
    Field, FieldError, MapId, Op, Quadrant, RootCause, Stakeholder, StakeholderDraft,
    StakeholderFields, StakeholderId,
};
use crate::state::{use_store, Pending, Store};
use autosave::{Autosave, SaveState, SaveStatus};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};

/// What the panel's forms share: saving once typing pauses, and saying what was saved.
///
/// It lives here (beside the biggest form) because components are one file each; the action,
/// contact, snapshot and map forms use it through `super::stakeholder_form::autosave`.
pub(super) mod autosave {
    use leptos::prelude::*;
    use std::sync::Arc;
    use std::time::Duration;

    /// How long typing must pause before it is saved: long enough not to save every key, short
    /// enough that a quick click elsewhere rarely finds anything waiting (and that is saved on
    /// the way out anyway).
    pub const PAUSE: Duration = Duration::from_millis(400);

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
    pub struct Autosave {
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
        pub fn new(save: impl Fn(bool) + Send + Sync + 'static) -> Self {
            Self::build(Arc::new(save), None)
        }

        /// Like [`Autosave::new`], with `keep` run first when the page is hidden mid-typing.
        pub fn keeping(
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
        pub fn typed(self) {
            self.waiting.try_set_value(true);
            self.stop_timer();
            if let Ok(handle) = set_timeout_with_handle(move || self.flush(), PAUSE) {
                self.timer.try_set_value(Some(handle));
            }
        }

        /// Something was chosen or a field was left: save now.
        pub fn changed(self) {
            self.waiting.try_set_value(true);
            self.flush();
        }

        /// Saves what is waiting, if anything.
        pub fn flush(self) {
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
        pub fn is_waiting(self) -> bool {
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
    pub enum SaveState {
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

    /// The status line: "Saving…", "Saved", "Not saved: …", "Draft kept". Read out politely.
    /// `compact` (a single field, like the map's name) says nothing until something is typed,
    /// and lets "Saved" fade after a moment (it stays for screen readers).
    #[component]
    pub fn SaveStatus(
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
}

fn field_id(field: Field) -> &'static str {
    match field {
        Field::Name => "sh-name",
        Field::Role => "sh-role",
        Field::Organisation => "sh-org",
        Field::Influence => "sh-influence",
        Field::Skepticism => "sh-skepticism",
        Field::CaresAbout => "sh-cares",
        Field::Notes => "sh-notes",
        Field::Tags => "sh-tags",
        Field::Cadence => "sh-cadence",
        Field::Target => "sh-target-influence",
    }
}

fn focus_field(field: Field) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(field_id(field)))
    {
        use wasm_bindgen::JsCast;
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}

/// Opens the empty "add stakeholder" form with the cursor in its name field (the button, the
/// panel's prompt and the N shortcut all do this).
pub(super) fn open_add_form(store: crate::state::Store) {
    store.start_adding();
    // The form renders on the next frame.
    request_animation_frame(|| focus_field(Field::Name));
}

/// One input of the form: what the user types into, tracked separately so that a save or a
/// change from elsewhere touches only the inputs the user is not in the middle of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Slot {
    Name,
    Role,
    Organisation,
    Influence,
    Skepticism,
    Causes,
    CaresAbout,
    Notes,
    Tags,
    Cadence,
    TargetInfluence,
    TargetSkepticism,
}

impl Slot {
    const ALL: [Slot; 12] = [
        Slot::Name,
        Slot::Role,
        Slot::Organisation,
        Slot::Influence,
        Slot::Skepticism,
        Slot::Causes,
        Slot::CaresAbout,
        Slot::Notes,
        Slot::Tags,
        Slot::Cadence,
        Slot::TargetInfluence,
        Slot::TargetSkepticism,
    ];

    /// The input's name in a kept draft.
    fn key(self) -> &'static str {
        match self {
            Slot::Name => "name",
            Slot::Role => "role",
            Slot::Organisation => "organisation",
            Slot::Influence => "influence",
            Slot::Skepticism => "skepticism",
            Slot::Causes => "root_causes",
            Slot::CaresAbout => "cares_about",
            Slot::Notes => "notes",
            Slot::Tags => "tags",
            Slot::Cadence => "cadence",
            Slot::TargetInfluence => "target_influence",
            Slot::TargetSkepticism => "target_skepticism",
        }
    }

    fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.key() == key)
    }

    /// The field whose message covers this input (both target numbers share one).
    fn field(self) -> Option<Field> {
        Some(match self {
            Slot::Name => Field::Name,
            Slot::Role => Field::Role,
            Slot::Organisation => Field::Organisation,
            Slot::Influence => Field::Influence,
            Slot::Skepticism => Field::Skepticism,
            Slot::Causes => return None,
            Slot::CaresAbout => Field::CaresAbout,
            Slot::Notes => Field::Notes,
            Slot::Tags => Field::Tags,
            Slot::Cadence => Field::Cadence,
            Slot::TargetInfluence | Slot::TargetSkepticism => Field::Target,
        })
    }

    fn text(self, d: &StakeholderDraft) -> Option<&String> {
        Some(match self {
            Slot::Name => &d.name,
            Slot::Role => &d.role,
            Slot::Organisation => &d.organisation,
            Slot::Influence => &d.influence,
            Slot::Skepticism => &d.skepticism,
            Slot::Causes => return None,
            Slot::CaresAbout => &d.cares_about,
            Slot::Notes => &d.notes,
            Slot::Tags => &d.tags,
            Slot::Cadence => &d.cadence,
            Slot::TargetInfluence => &d.target_influence,
            Slot::TargetSkepticism => &d.target_skepticism,
        })
    }

    fn text_mut(self, d: &mut StakeholderDraft) -> Option<&mut String> {
        Some(match self {
            Slot::Name => &mut d.name,
            Slot::Role => &mut d.role,
            Slot::Organisation => &mut d.organisation,
            Slot::Influence => &mut d.influence,
            Slot::Skepticism => &mut d.skepticism,
            Slot::Causes => return None,
            Slot::CaresAbout => &mut d.cares_about,
            Slot::Notes => &mut d.notes,
            Slot::Tags => &mut d.tags,
            Slot::Cadence => &mut d.cadence,
            Slot::TargetInfluence => &mut d.target_influence,
            Slot::TargetSkepticism => &mut d.target_skepticism,
        })
    }

    /// Copies this input's value from `from` into `to`.
    fn copy(self, from: &StakeholderDraft, to: &mut StakeholderDraft) {
        if self == Slot::Causes {
            to.root_causes.clone_from(&from.root_causes);
        } else if let (Some(source), Some(target)) = (self.text(from), self.text_mut(to)) {
            target.clone_from(source);
        }
    }

    /// The input's value as kept in a draft setting (ticked causes as their keys).
    fn kept_text(self, d: &StakeholderDraft) -> String {
        match self.text(d) {
            Some(text) => text.clone(),
            None => d
                .root_causes
                .iter()
                .map(|c| c.key())
                .collect::<Vec<_>>()
                .join(","),
        }
    }

    /// Puts back a value written by [`Slot::kept_text`].
    fn restore(self, d: &mut StakeholderDraft, kept: &str) {
        match self.text_mut(d) {
            Some(text) => kept.clone_into(text),
            None => {
                d.root_causes = kept.split(',').filter_map(RootCause::from_key).collect();
            }
        }
    }

    /// True when this input holds the same in `a` and `b`.
    fn same(self, a: &StakeholderDraft, b: &StakeholderDraft) -> bool {
        if self == Slot::Causes {
            a.root_causes == b.root_causes
        } else {
            self.text(a) == self.text(b)
        }
    }

    /// True when one of `problems` belongs to this input.
    fn has_problem(self, problems: &[FieldError]) -> bool {
        self.field()
            .is_some_and(|f| problems.iter().any(|p| p.field == f))
    }
}

/// The add form's draft as kept in settings (JSON). Every field is optional when read, so a
/// draft written by another version still opens.
#[derive(Serialize, Deserialize, Default)]
#[serde(default)]
struct KeptDraft {
    name: String,
    role: String,
    organisation: String,
    influence: String,
    skepticism: String,
    root_causes: Vec<String>,
    cares_about: String,
    notes: String,
    tags: String,
    cadence: String,
    target_influence: String,
    target_skepticism: String,
}

impl KeptDraft {
    fn from_draft(d: &StakeholderDraft) -> Self {
        Self {
            name: d.name.clone(),
            role: d.role.clone(),
            organisation: d.organisation.clone(),
            influence: d.influence.clone(),
            skepticism: d.skepticism.clone(),
            root_causes: d.root_causes.iter().map(|c| c.key().to_owned()).collect(),
            cares_about: d.cares_about.clone(),
            notes: d.notes.clone(),
            tags: d.tags.clone(),
            cadence: d.cadence.clone(),
            target_influence: d.target_influence.clone(),
            target_skepticism: d.target_skepticism.clone(),
        }
    }

    fn into_draft(self) -> StakeholderDraft {
        StakeholderDraft {
            name: self.name,
            role: self.role,
            organisation: self.organisation,
            influence: self.influence,
            skepticism: self.skepticism,
            root_causes: self
                .root_causes
                .iter()
                .filter_map(|k| RootCause::from_key(k))
                .collect(),
            cares_about: self.cares_about,
            notes: self.notes,
            tags: self.tags,
            cadence: self.cadence,
            target_influence: self.target_influence,
            target_skepticism: self.target_skepticism,
        }
    }
}

/// The settings name of the add form's draft for one map.
fn add_draft_key(map: MapId) -> String {
    format!("draft:stakeholder:{map}")
}

fn read_add_draft(store: Store, map: Option<MapId>) -> Option<StakeholderDraft> {
    let text = store.setting(&add_draft_key(map?))?;
    serde_json::from_str::<KeptDraft>(&text)
        .ok()
        .map(KeptDraft::into_draft)
}

/// Keeps (or, when the form is back to blank, forgets) the add form's draft; true when a draft
/// is kept.
fn keep_add_draft(store: Store, map: Option<MapId>, draft: &StakeholderDraft) -> bool {
    let Some(map) = map else {
        return false;
    };
    if *draft == StakeholderDraft::blank() {
        store.set_setting(&add_draft_key(map), None);
        return false;
    }
    match serde_json::to_string(&KeptDraft::from_draft(draft)) {
        Ok(json) => store.set_setting(&add_draft_key(map), Some(&json)),
        Err(_) => false,
    }
}

/// The settings name of what an editing form could not save yet for one stakeholder: the text
/// of inputs that break a rule, kept until they are fixed so that leaving the person does not
/// drop them, and typing still waiting when the page was hidden.
fn unsaved_key(map: MapId, id: StakeholderId) -> String {
    format!("draft:details:{map}:{id}")
}

/// "Saved", or how many fields are marked as not saved.
fn invalid_state(problems: &[FieldError]) -> SaveState {
    let marked: HashSet<Field> = problems.iter().map(|p| p.field).collect();
    if marked.is_empty() {
        SaveState::Saved
    } else {
        SaveState::Invalid(marked.len())
    }
}

/// Sends an edit to the stakeholder `id` of `map`, the map the form was opened on, even when
/// another map has been opened since (a save on the way out).
fn edit_in(store: Store, map: MapId, id: StakeholderId, fields: StakeholderFields) -> bool {
    if untrack(|| store.current_id()) == Some(map) {
        store.edit_stakeholder(id, fields)
    } else {
        store.dispatch(Op::EditStakeholder { map, id, fields })
    }
}

/// The stakeholder `id` of `map` as stored now, if it still exists.
fn stored(store: Store, map: MapId, id: StakeholderId) -> Option<Stakeholder> {
    store
        .workspace()
        .try_with_untracked(|w| w.map(map).and_then(|m| m.get(id)).cloned())
        .flatten()
}

/// The form; `editing` is `None` when adding.
#[component]
pub fn StakeholderForm(editing: Option<Stakeholder>) -> impl IntoView {
    let store = use_store();
    let map = untrack(|| store.current_id());
    let id = editing.as_ref().map(|s| s.id);
    let adding = editing.is_none();
    let restored = if adding {
        read_add_draft(store, map)
    } else {
        None
    };
    let had_draft = restored.is_some();
    let draft = RwSignal::new(
        editing
            .as_ref()
            .map(StakeholderDraft::from_stakeholder)
            .or(restored)
            .unwrap_or_else(StakeholderDraft::blank),
    );
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let state = RwSignal::new(match (adding, had_draft) {
        (false, _) => SaveState::Ready,
        (true, true) => SaveState::DraftKept,
        (true, false) => SaveState::Empty,
    });
    // What storage holds, as form text, and which inputs hold typing not saved yet.
    let base = StoredValue::new(draft.get_untracked());
    let dirty = StoredValue::new(HashSet::<Slot>::new());
    // Editing: typing this form could not save last time (a value that broke a rule, or typing
    // cut short by a reload) comes back, marked, and is saved now if it can be.
    let leftover_name = map.zip(id).map(|(m, i)| unsaved_key(m, i));
    let leftovers: BTreeMap<String, String> = leftover_name
        .as_deref()
        .and_then(|name| store.setting(name))
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default();
    let kept_leftovers = StoredValue::new(!leftovers.is_empty());
    let keep_name = leftover_name.clone();
    for (key, text) in &leftovers {
        if let Some(slot) = Slot::from_key(key) {
            draft.update_untracked(|d| slot.restore(d, text));
            dirty.update_value(|d| {
                d.insert(slot);
            });
        }
    }
    if !leftovers.is_empty() {
        let problems = draft.with_untracked(|d| d.validate().err().unwrap_or_default());
        state.set(if problems.is_empty() {
            SaveState::Saving
        } else {
            invalid_state(&problems)
        });
        errors.set(problems);
    }

    // Editing: the save that runs when typing pauses. It writes to the stakeholder this form
    // was opened for, captured here, whatever is selected by the time it runs.
    let save = move |leaving: bool| {
        let (Some(map), Some(id)) = (map, id) else {
            return;
        };
        let Some(typed) = draft.try_get_untracked() else {
            return;
        };
        // Deleted meanwhile (or its map): nothing to save into.
        let Some(now) = stored(store, map, id) else {
            return;
        };
        let mut problems = typed.validate().err().unwrap_or_default();
        // Inputs that break a rule keep their text on screen but save what was there before.
        let stored_text = StakeholderDraft::from_stakeholder(&now);
        let mut merged = typed.clone();
        for slot in Slot::ALL {
            if slot.has_problem(&problems) {
                slot.copy(&stored_text, &mut merged);
            }
        }
        let (saved, refused) = match merged.validate() {
            Ok(fields) if fields == now.fields => (true, false),
            Ok(fields) => {
                let mut after = now.clone();
                after.fields = fields.clone();
                // Known before the store reports back, so the echo of this save is not taken
                // for a change made elsewhere.
                base.try_set_value(StakeholderDraft::from_stakeholder(&after));
                let ok = edit_in(store, map, id, fields);
                if !ok {
                    base.try_set_value(stored_text);
                }
                (ok, !ok)
            }
            // What is stored breaks the form's rules itself (it came from an older file):
            // nothing can be saved until those fields are fixed too, so they are marked.
            Err(more) => {
                for p in more {
                    if !problems.iter().any(|q| q.field == p.field) {
                        problems.push(p);
                    }
                }
                (false, false)
            }
        };
        if saved {
            dirty.try_update_value(|d| d.retain(|slot| slot.has_problem(&problems)));
        }
        // What could not be saved is kept until it is fixed, so leaving does not drop it. (Not
        // while the page is being hidden: `keep` has just written everything still waiting.)
        if let (Some(name), false) = (&leftover_name, leaving) {
            let invalid: BTreeMap<&str, String> = Slot::ALL
                .into_iter()
                .filter(|slot| slot.has_problem(&problems))
                .map(|slot| (slot.key(), slot.kept_text(&typed)))
                .collect();
            if !invalid.is_empty() {
                if let Ok(json) = serde_json::to_string(&invalid) {
                    store.set_setting(name, Some(&json));
                    kept_leftovers.try_set_value(true);
                }
            } else if kept_leftovers.try_get_value().unwrap_or(false) {
                store.set_setting(name, None);
                kept_leftovers.try_set_value(false);
            }
        }
        state.try_set(if refused {
            SaveState::Refused
        } else {
            invalid_state(&problems)
        });
        errors.try_set(problems);
    };
    // The page is being hidden mid-typing: the save may not reach storage before it goes, so
    // what is waiting is also kept where the next visit reads it back at once.
    let keep = move || {
        let (Some(name), Some(typed)) = (&keep_name, draft.try_get_untracked()) else {
            return;
        };
        let busy = dirty.try_get_value().unwrap_or_default();
        let waiting: BTreeMap<&str, String> = Slot::ALL
            .into_iter()
            .filter(|slot| busy.contains(slot))
            .map(|slot| (slot.key(), slot.kept_text(&typed)))
            .collect();
        if waiting.is_empty() {
            return;
        }
        if let Ok(json) = serde_json::to_string(&waiting) {
            store.set_setting(name, Some(&json));
            kept_leftovers.try_set_value(true);
        }
    };
    let autosave = Autosave::keeping(save, keep);
    if !leftovers.is_empty() {
        // Once the form is on screen; what still breaks a rule stays marked.
        request_animation_frame(move || autosave.changed());
    }

    if let (Some(map), Some(id)) = (map, id) {
        // Changes from elsewhere (a drag on the map, undo, another tab) reach every input the
        // user is not in the middle of typing.
        let record = Memo::new(move |_| {
            store
                .workspace()
                .with(|w| w.map(map).and_then(|m| m.get(id)).cloned())
        });
        Effect::new(move |_| {
            let Some(now) = record.get() else {
                return;
            };
            let fresh = StakeholderDraft::from_stakeholder(&now);
            let Some(old) = base.try_get_value() else {
                return;
            };
            if fresh == old {
                return;
            }
            let busy = dirty.try_get_value().unwrap_or_default();
            draft.try_update(|d| {
                for slot in Slot::ALL {
                    if !busy.contains(&slot) && !slot.same(&old, &fresh) {
                        slot.copy(&fresh, d);
                    }
                }
            });
            base.try_set_value(fresh);
            if errors.with_untracked(|e| !e.is_empty()) {
                errors.set(draft.with_untracked(|d| d.validate().err().unwrap_or_default()));
            }
        });
    }

    let error_for = move |field: Field| {
        errors.with(|e| {
            e.iter()
                .find(|e| e.field == field)
                .map(|e| e.message.clone())
        })
    };

    // Every input goes through here.
    let update = move |slot: Slot, f: &dyn Fn(&mut StakeholderDraft), typing: bool| {
        draft.update(|d| f(d));
        // A message already shown follows the typing, so it goes as soon as the value is fixed.
        if errors.with_untracked(|e| !e.is_empty()) {
            errors.set(draft.with_untracked(|d| d.validate().err().unwrap_or_default()));
        }
        if adding {
            let kept = draft.with_untracked(|d| keep_add_draft(store, map, d));
            state.set(if kept {
                SaveState::DraftKept
            } else {
                SaveState::Empty
            });
            return;
        }
        dirty.update_value(|d| {
            d.insert(slot);
        });
        state.set(SaveState::Saving);
        if typing {
            autosave.typed();
        } else {
            autosave.changed();
        }
    };
    let text_changed = move |slot: Slot, value: String| {
        update(
            slot,
            &move |d| {
                if let Some(t) = slot.text_mut(d) {
                    t.clone_from(&value);
                }
            },
            true,
        );
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !adding {
            // Enter in a field: save now.
            autosave.changed();
            return;
        }
        match draft.with_untracked(StakeholderDraft::validate) {
            Err(list) => {
                if let Some(first) = list.first() {
                    focus_field(first.field);
                }
                errors.set(list);
            }
            Ok(fields) => {
                errors.set(Vec::new());
                if store.add_stakeholder(fields).is_some() {
                    if let Some(map) = map {
                        store.set_setting(&add_draft_key(map), None);
                    }
                }
            }
        }
    };

    let quadrant = move || {
        draft.with(|d| {
            match (
                d.influence.trim().parse::<u8>(),
                d.skepticism.trim().parse::<u8>(),
            ) {
                (Ok(i), Ok(s)) if i <= 100 && s <= 100 => Some(
                    crate::model::Position {
                        influence: i,
                        skepticism: s,
                    }
                    .quadrant(),
                ),
                _ => None,
            }
        })
    };

    let value_of =
        move |slot: Slot| move || draft.with(|d| slot.text(d).cloned().unwrap_or_default());

    let text_input = move |slot: Slot, label: &'static str, required: bool| {
        let field = slot.field().unwrap_or(Field::Name);
        let err_id = format!("{}-error", field_id(field));
        view! {
            <div class="field">
                <label for=field_id(field)>
                    {label}
                    {required.then(|| view! { <span class="required">" (required)"</span> })}
                </label>
                <input
                    id=field_id(field)
                    type="text"
                    prop:value=value_of(slot)
                    aria-invalid=move || error_for(field).is_some().to_string()
                    aria-describedby=err_id.clone()
                    aria-required=required.to_string()
                    on:input=move |ev| text_changed(slot, event_target_value(&ev))
                    on:change=move |_| autosave.flush()
                />
                <p class="field-error" id=err_id>{move || error_for(field)}</p>
            </div>
        }
    };
    let number_input = move |slot: Slot, label: &'static str, hint: &'static str| {
        let field = slot.field().unwrap_or(Field::Influence);
        let err_id = format!("{}-error", field_id(field));
        view! {
            <div class="field field-number">
                <label for=field_id(field)>{label}" "<span class="hint">{hint}</span></label>
                <input
                    id=field_id(field)
                    type="number"
                    min="0"
                    max="100"
                    step="1"
                    inputmode="numeric"
                    prop:value=value_of(slot)
                    aria-invalid=move || error_for(field).is_some().to_string()
                    aria-describedby=err_id.clone()
                    on:input=move |ev| text_changed(slot, event_target_value(&ev))
                    on:change=move |_| autosave.flush()
                />
                <p class="field-error" id=err_id>{move || error_for(field)}</p>
            </div>
        }
    };
    let area_input = move |slot: Slot, label: &'static str| {
        let field = slot.field().unwrap_or(Field::Notes);
        let err_id = format!("{}-error", field_id(field));
        view! {
            <div class="field">
                <label for=field_id(field)>{label}</label>
                <textarea
                    id=field_id(field)
                    rows="3"
                    prop:value=value_of(slot)
                    aria-invalid=move || error_for(field).is_some().to_string()
                    aria-describedby=err_id.clone()
                    on:input=move |ev| text_changed(slot, event_target_value(&ev))
                    on:change=move |_| autosave.flush()
                ></textarea>
                <p class="field-error" id=err_id>{move || error_for(field)}</p>
            </div>
        }
    };

    let close = move |_| {
        if adding {
            // Cancelling the add form is the explicit way to throw its draft away.
            if let Some(map) = map {
                store.set_setting(&add_draft_key(map), None);
            }
            store.stop_adding();
        } else {
            autosave.flush();
            store.select(None);
        }
    };

    view! {
        <form
            class="stakeholder-form"
            on:submit=submit
            on:focusout=move |_| autosave.flush()
            novalidate
            aria-label=if adding { "New stakeholder" } else { "Stakeholder details" }
        >
            {adding.then(|| view! {
                <div class="form-head">
                    <h2 id="form-title">"New stakeholder"</h2>
                </div>
            })}
            <p class="quadrant-readout" aria-live="polite">
                "Quadrant: "
                {move || quadrant().map(|q: Quadrant| view! {
                    <span class=format!("chip q-{}", q.key())>{q.name()}</span>
                    " "
                    <span class="hint">{q.short_stance()}</span>
                })}
            </p>
            {text_input(Slot::Name, "Name", true)}
            {text_input(Slot::Role, "Role", false)}
            {text_input(Slot::Organisation, "Organisation or unit", false)}
            <div class="field-pair">
                {number_input(Slot::Influence, "Influence", "0–100")}
                {number_input(Slot::Skepticism, "Skepticism", "0 convinced – 100 opposed")}
            </div>
            <fieldset class="target-fields">
                <legend>"Target position (where the plan aims to move them)"</legend>
                <div class="field-pair">
                    {number_input(Slot::TargetInfluence, "Target influence", "")}
                    <div class="field field-number">
                        <label for="sh-target-skepticism">"Target skepticism"</label>
                        <input
                            id="sh-target-skepticism"
                            type="number"
                            min="0"
                            max="100"
                            step="1"
                            inputmode="numeric"
                            prop:value=value_of(Slot::TargetSkepticism)
                            aria-invalid=move || error_for(Field::Target).is_some().to_string()
                            aria-describedby="sh-target-influence-error"
                            on:input=move |ev| text_changed(Slot::TargetSkepticism, event_target_value(&ev))
                            on:change=move |_| autosave.flush()
                        />
                    </div>
                </div>
                <p class="hint">"Leave both empty for no target. Once set, drag the faint target on the map or move it with the arrow keys."</p>
            </fieldset>
            <fieldset class="causes">
                <legend>"Why skeptical (root causes)"</legend>
                {RootCause::ALL
                    .into_iter()
                    .map(|cause| {
                        let cid = format!("cause-{}", cause.key());
                        view! {
                            <div class="check">
                                <input
                                    type="checkbox"
                                    id=cid.clone()
                                    prop:checked=move || draft.with(|d| d.root_causes.contains(&cause))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        update(
                                            Slot::Causes,
                                            &|d| {
                                                d.root_causes.retain(|c| *c != cause);
                                                if on {
                                                    d.root_causes.push(cause);
                                                }
                                            },
                                            false,
                                        );
                                    }
                                />
                                <label for=cid title=cause.description()>{cause.label()}</label>
                            </div>
                        }
                    })
                    .collect_view()}
            </fieldset>
            {area_input(Slot::CaresAbout, "What they care about (priorities, measures they own)")}
            {area_input(Slot::Notes, "Notes")}
            {text_input(Slot::Tags, "Tags (separate with commas)", false)}
            <div class="field">
                <label for="sh-cadence">
                    "Contact every … days "
                    <span class="hint">
                        {move || {
                            quadrant()
                                .map(|q| format!(
                                    "(empty: {} for {})",
                                    crate::model::cadence_words(q.default_cadence_days()),
                                    q.name()
                                ))
                                .unwrap_or_default()
                        }}
                    </span>
                </label>
                <input
                    id="sh-cadence"
                    type="number"
                    min="1"
                    max="365"
                    inputmode="numeric"
                    prop:value=value_of(Slot::Cadence)
                    aria-invalid=move || error_for(Field::Cadence).is_some().to_string()
                    aria-describedby="sh-cadence-error"
                    on:input=move |ev| text_changed(Slot::Cadence, event_target_value(&ev))
                    on:change=move |_| autosave.flush()
                />
                <p class="field-error" id="sh-cadence-error">{move || error_for(Field::Cadence)}</p>
            </div>
            <div class="form-actions">
                <SaveStatus state=state />
                <div class="row">
                    {adding.then(|| view! {
                        <button type="submit" class="primary">"Add to map"</button>
                    })}
                    <button type="button" on:click=close>
                        {if adding { "Cancel" } else { "Close" }}
                    </button>
                    {id.map(|id| view! {
                        <button
                            type="button"
                            class="danger"
                            on:click=move |_| {
                                autosave.flush();
                                store.request(Pending::DeleteStakeholder(id));
                            }
                        >
                            "Delete stakeholder"
                        </button>
                    })}
                </div>
            </div>
        </form>
    }
}
