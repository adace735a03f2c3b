//! The current map's name in the header: the one control that shows it and renames it.
//! (Opening another map, and copying or deleting this one, are in the maps and files menu,
//! `map_menu.rs`.)
//!
//! The name saves as it is typed (once typing pauses, on Enter or leaving the field, and before
//! the page goes), into the map that was open when typing started, so switching maps straight
//! after typing cannot rename the wrong one. A name that is not acceptable stays in the field
//! with its message until it is fixed; the map keeps its last good name meanwhile.

use super::autosave::{Autosave, NameInput, SaveState, SaveStatus};
use crate::model::{clean_map_name, MapId};
use crate::state::{use_store, Draft};
use leptos::prelude::*;

/// The settings name of a map name typed but perhaps not stored when the page was hidden.
fn kept_key(map: MapId) -> String {
    Draft::MapName(map).setting()
}

/// The map's name, shown and renamed in one field, with the redacted-copy badge.
#[component]
pub fn MapBar() -> impl IntoView {
    let store = use_store();
    let current_name = Memo::new(move |_| store.with_current(|m| m.name.clone()));
    let name_error = RwSignal::new(None::<String>);
    // The field's text, and the map it is being typed for.
    let text = RwSignal::new(untrack(|| current_name.get()).unwrap_or_default());
    let typed_for = StoredValue::new(untrack(|| store.current_id()));
    let state = RwSignal::new(SaveState::Ready);

    // True while a name typed as the page was hidden is kept in settings.
    let kept = StoredValue::new(false);

    let save = move |leaving: bool| {
        let (Some(Some(map)), Some(value)) = (typed_for.try_get_value(), text.try_get_untracked())
        else {
            return;
        };
        if !leaving && kept.try_get_value().unwrap_or(false) {
            store.set_setting(&kept_key(map), None);
            kept.try_set_value(false);
        }
        let result = match clean_map_name(&value) {
            Err(e) => Err(e.to_string()),
            Ok(name) => {
                let unchanged = store
                    .workspace()
                    .try_with_untracked(|w| w.map(map).map(|m| m.name == name))
                    .flatten();
                match unchanged {
                    // Deleted meanwhile: nothing to rename.
                    None => return,
                    Some(true) => Ok(()),
                    Some(false) => store.rename_map(map, &value).map_err(|e| e.to_string()),
                }
            }
        };
        state.try_set(SaveState::of(&result));
        name_error.try_set(result.err());
    };
    // The page is being hidden mid-typing: the rename may not reach storage before it goes,
    // so the typed name is also kept where the next visit reads it back at once.
    let keep = move || {
        if let (Some(Some(map)), Some(value)) =
            (typed_for.try_get_value(), text.try_get_untracked())
        {
            store.set_setting(&kept_key(map), Some(&value));
            kept.try_set_value(true);
        }
    };
    let autosave = Autosave::keeping(save, keep);
    // A name kept that way for `map` goes back into the field and is saved after the pause.
    let resume = move |map: Option<MapId>| {
        let Some(name) = map.and_then(|m| store.setting(&kept_key(m))) else {
            return false;
        };
        text.set(name);
        kept.set_value(true);
        state.set(SaveState::Saving);
        autosave.typed();
        true
    };
    resume(untrack(|| store.current_id()));

    // Another map opened, or this one renamed elsewhere (undo, another tab): show its name,
    // unless the user is in the middle of typing one for this map.
    Effect::new(move |_| {
        let id = store.current_id();
        let name = current_name.get().unwrap_or_default();
        let switched = typed_for.try_get_value().flatten() != id;
        if switched {
            // Whatever was typed for the previous map is saved into it first.
            autosave.flush();
            typed_for.try_set_value(id);
            name_error.set(None);
            state.set(SaveState::Ready);
            if resume(id) {
                return;
            }
        } else if autosave.is_waiting() || name_error.with_untracked(Option::is_some) {
            return;
        }
        let shown = text.get_untracked();
        if clean_map_name(&shown).ok().as_deref() != Some(name.as_str()) {
            text.set(name);
        }
    });

    view! {
        <div class="map-bar">
            <Show when=move || current_name.get().is_some()>
                <span class="map-name-field">
                    <label class="visually-hidden" for="map-name">"Map name"</label>
                    <NameInput
                        id="map-name"
                        error_id="map-name-error"
                        text=text
                        error=name_error
                        state=state
                        autosave=autosave
                    />
                    <span id="map-name-error" class="field-error" role="alert">
                        {move || name_error.get()}
                    </span>
                    <SaveStatus state=state compact=true />
                </span>
            </Show>
            <Show when=move || store.with_current(|m| m.redacted).unwrap_or(false)>
                <span
                    class="badge redacted"
                    title="Names are initials or codes; notes, concerns, roles and outcomes were removed before this copy was shared."
                >
                    "Redacted copy"
                    {move || store.positions_left_out().then_some(" · no positions")}
                </span>
            </Show>
        </div>
    }
}
