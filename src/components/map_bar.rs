//! Choosing, naming, copying and deleting maps.

use crate::model::MapId;
use crate::state::{use_store, Pending};
use leptos::prelude::*;

/// The map switcher and map actions in the header.
#[component]
pub fn MapBar() -> impl IntoView {
    let store = use_store();
    let maps = Memo::new(move |_| {
        store.workspace().with(|w| {
            w.maps()
                .iter()
                .map(|m| (m.id, m.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let current_name = Memo::new(move |_| store.with_current(|m| m.name.clone()));
    let name_error = RwSignal::new(None::<String>);

    let rename = move |value: String| {
        if let Some(id) = store.current_id() {
            match store.rename_map(id, &value) {
                Ok(()) => name_error.set(None),
                Err(why) => name_error.set(Some(why)),
            }
        }
    };

    view! {
        <div class="map-bar">
            <label class="visually-hidden" for="map-select">"Open map"</label>
            <select
                id="map-select"
                on:change=move |ev| {
                    if let Some(id) = MapId::parse(&event_target_value(&ev)) {
                        store.switch_map(id);
                    }
                }
            >
                <For each=move || maps.get() key=|m| m.clone() let:m>
                    <option value=m.0.to_string() selected=move || store.current_id() == Some(m.0)>
                        {m.1.clone()}
                    </option>
                </For>
            </select>
            <Show when=move || current_name.get().is_some()>
                <span class="map-name-field">
                    <label class="visually-hidden" for="map-name">"Map name"</label>
                    <input
                        id="map-name"
                        type="text"
                        maxlength="120"
                        prop:value=move || current_name.get().unwrap_or_default()
                        aria-invalid=move || name_error.get().is_some().to_string()
                        aria-describedby="map-name-error"
                        on:change=move |ev| rename(event_target_value(&ev))
                    />
                    <span id="map-name-error" class="field-error" role="alert">
                        {move || name_error.get()}
                    </span>
                </span>
            </Show>
            <Show when=move || store.with_current(|m| m.redacted).unwrap_or(false)>
                <span
                    class="badge redacted"
                    title="Names are initials or codes; notes, concerns, roles and outcomes were removed before this copy was shared."
                >
                    "Redacted copy"
                </span>
            </Show>
            <button type="button" on:click=move |_| store.new_map()>"New map"</button>
            <button
                type="button"
                disabled=move || store.current_id().is_none()
                on:click=move |_| {
                    if let Some(id) = store.current_id() {
                        store.duplicate_map(id);
                    }
                }
            >
                "Duplicate map"
            </button>
            <button
                type="button"
                disabled=move || store.current_id().is_none()
                on:click=move |_| {
                    if let Some(id) = store.current_id() {
                        store.request(Pending::DeleteMap(id));
                    }
                }
            >
                "Delete map"
            </button>
        </div>
    }
}
