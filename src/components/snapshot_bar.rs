//! Snapshots on the map view: take one, compare the map with one, replay positions over time,
//! and the offer to take a baseline once a map has stakeholders.
//!
//! Renaming a snapshot saves as the user types (once typing pauses, on leaving the field, and
//! when the field goes away), so choosing another snapshot or view mid-word loses nothing. A
//! name that is not acceptable stays in the field with its message, and is not saved.

use super::autosave::{Autosave, NameInput, SaveState, SaveStatus};
use crate::model::{clean_map_name, MapId, Op, SnapshotId, Timestamp};
use crate::state::{use_comparison, use_notices, use_store, Pending, Store, Tone};
use leptos::prelude::*;

/// Focuses an element by id once it has been drawn.
fn focus_soon(id: &'static str) {
    super::focus::focus_soon(format!("[id=\"{id}\"]"));
}

/// What taking a snapshot named `name` of the open map says.
fn taken_words(name: &str, store: Store) -> String {
    let people = store.with_current_untracked(|m| m.len()).unwrap_or(0);
    crate::model::snapshot_taken_words(name, people)
}

/// Renames the snapshot `id` of `map` (the map open when the field appeared); the reason when
/// the name is not acceptable.
fn rename_in(store: Store, map: MapId, id: SnapshotId, typed: &str) -> Result<(), String> {
    let name = clean_map_name(typed).map_err(|e| e.to_string())?;
    let unchanged = store
        .workspace()
        .try_with_untracked(|w| {
            w.map(map)
                .and_then(|m| m.snapshot(id))
                .map(|s| s.name == name)
        })
        .flatten();
    match unchanged {
        // Deleted meanwhile, or already so named.
        None | Some(true) => Ok(()),
        Some(false) if untrack(|| store.current_id()) == Some(map) => {
            store.rename_snapshot(id, typed).map_err(|e| e.to_string())
        }
        Some(false) => {
            store.dispatch(Op::RenameSnapshot { map, id, name });
            Ok(())
        }
    }
}

/// The field that renames one snapshot, saving as it goes; `on_done` closes it.
#[component]
fn SnapshotRename(id: SnapshotId, #[prop(into)] on_done: Callback<()>) -> impl IntoView {
    let store = use_store();
    let map = untrack(|| store.current_id());
    let text = RwSignal::new(
        store
            .with_current_untracked(|m| m.snapshot(id).map(|s| s.name.clone()))
            .flatten()
            .unwrap_or_default(),
    );
    let error = RwSignal::new(None::<String>);
    let state = RwSignal::new(SaveState::Ready);
    let autosave = Autosave::new(move |_leaving| {
        let (Some(map), Some(typed)) = (map, text.try_get_untracked()) else {
            return;
        };
        let result = rename_in(store, map, id, &typed);
        state.try_set(SaveState::of(&result));
        error.try_set(result.err());
    });
    focus_soon("snapshot-rename");

    view! {
        <form
            class="inline-form"
            aria-label="Rename snapshot"
            on:focusout=move |_| autosave.flush()
            on:submit=move |ev| {
                ev.prevent_default();
                autosave.changed();
                if error.with_untracked(Option::is_none) {
                    on_done.run(());
                    focus_soon("snapshot-rename-start");
                }
            }
        >
            <label for="snapshot-rename">"New name"</label>
            <NameInput
                id="snapshot-rename"
                error_id="snapshot-rename-error"
                text=text
                error=error
                state=state
                autosave=autosave
            />
            <button type="submit">"Done"</button>
            <SaveStatus state=state compact=true />
            <span class="field-error" id="snapshot-rename-error">{move || error.get()}</span>
        </form>
    }
}

/// "Take a baseline now?", shown once a map has stakeholders but no snapshot.
#[component]
pub fn BaselineOffer() -> impl IntoView {
    let store = use_store();
    let comparison = use_comparison();
    let notices = use_notices();
    view! {
        <Show when=move || comparison.offer_baseline()>
            <div class="baseline-offer" role="region" aria-label="Baseline">
                <p title="A baseline is where everyone stands today: later, compare the map with it to show who moved and how far.">
                    "No baseline yet: take one to show later who moved."
                </p>
                <div class="row">
                    <button
                        type="button"
                        class="primary"
                        on:click=move |_| match store.take_snapshot("Baseline") {
                            Ok(_) => {
                                notices.confirm(taken_words("Baseline", store));
                                focus_soon("compare-with");
                            }
                            Err(why) => notices.notify(Tone::Error, why.to_string()),
                        }
                    >
                        "Take baseline"
                    </button>
                    <button type="button" on:click=move |_| comparison.decline_baseline()>"Not now"</button>
                </div>
            </div>
        </Show>
    }
}

/// Taking, choosing and replaying snapshots.
#[component]
pub fn SnapshotBar() -> impl IntoView {
    let store = use_store();
    let comparison = use_comparison();
    let notices = use_notices();
    let offset = store.utc_offset_minutes();
    let snapshots = Memo::new(move |_| store.snapshot_list());
    let naming = RwSignal::new(None::<String>);
    let name_error = RwSignal::new(None::<String>);
    let renaming = RwSignal::new(false);
    let summary = Memo::new(move |_| {
        let id = comparison.compare_with()?;
        store
            .with_current(|m| {
                m.snapshot(id).map(|s| {
                    let c = m.compare(s);
                    format!(
                        "Compared with “{}” ({}): {} moved, {} added, {} removed, {} unchanged.",
                        s.name,
                        s.taken_at.local_date(offset).human(),
                        c.moved.len(),
                        c.added.len(),
                        c.removed.len(),
                        c.unchanged.len()
                    )
                })
            })
            .flatten()
    });
    // The replay runs from the oldest snapshot (or the first recorded position) to now.
    let replay_range = Memo::new(move |_| {
        store
            .with_current(|m| {
                let start = m
                    .snapshots()
                    .first()
                    .map(|s| s.taken_at)
                    .or_else(|| m.history().iter().map(|p| p.at).min())?;
                Some((
                    start.unix_millis(),
                    m.updated_at.unix_millis().max(start.unix_millis() + 1),
                ))
            })
            .flatten()
    });

    let save = move || {
        let name = naming.get_untracked().unwrap_or_default();
        match store.take_snapshot(&name) {
            Ok(_) => {
                naming.set(None);
                name_error.set(None);
                notices.confirm(taken_words(name.trim(), store));
                // The new snapshot is in this list now; the form that had focus is gone.
                focus_soon("compare-with");
            }
            Err(why) => name_error.set(Some(why.to_string())),
        }
    };
    let start_naming = move |_| {
        let default = if snapshots.with(Vec::is_empty) {
            "Baseline".to_owned()
        } else {
            format!("Snapshot {}", store.today().human())
        };
        naming.set(Some(default));
    };

    view! {
        <div class="snapshot-bar">
            {move || match naming.get() {
                None => view! {
                    <button
                        type="button"
                        class:hidden=move || comparison.offer_baseline()
                        on:click=start_naming
                    >
                        "Take snapshot"
                    </button>
                }
                .into_any(),
                Some(_) => view! {
                    <form
                        class="inline-form"
                        aria-label="New snapshot"
                        on:submit=move |ev| {
                            ev.prevent_default();
                            save();
                        }
                    >
                        <label for="snapshot-name">"Snapshot name"</label>
                        <input
                            id="snapshot-name"
                            type="text"
                            maxlength="120"
                            prop:value=move || naming.get().unwrap_or_default()
                            aria-invalid=move || name_error.get().is_some().to_string()
                            aria-describedby="snapshot-name-error"
                            on:input=move |ev| naming.set(Some(event_target_value(&ev)))
                        />
                        <button type="submit" class="primary">"Save snapshot"</button>
                        <button type="button" on:click=move |_| { naming.set(None); name_error.set(None); }>"Cancel"</button>
                        <span class="field-error" id="snapshot-name-error">{move || name_error.get()}</span>
                    </form>
                }
                .into_any(),
            }}
            // Comparing and replaying need a snapshot: until there is one, the row holds only the
            // baseline offer (or Take snapshot), so the map keeps its room.
            <span class="compare-tools" class:hidden=move || snapshots.with(Vec::is_empty)>
            <label for="compare-with">"Compare with"</label>
            <select
                id="compare-with"
                disabled=move || snapshots.with(Vec::is_empty)
                on:change=move |ev| {
                    comparison.set_compare_with(SnapshotId::parse(&event_target_value(&ev)));
                    renaming.set(false);
                }
            >
                <option value="" selected=move || comparison.compare_with().is_none()>
                    {move || if snapshots.with(Vec::is_empty) { "No snapshots yet" } else { "Nothing (now only)" }}
                </option>
                <For each=move || snapshots.get() key=|s| s.clone() let:snap>
                    <option value=snap.0.to_string() selected=move || comparison.compare_with() == Some(snap.0)>
                        {format!("{} ({})", snap.1, snap.2.local_date(offset).human())}
                    </option>
                </For>
            </select>
            {move || comparison.compare_with().map(|id| view! {
                {move || if renaming.get() {
                    view! { <SnapshotRename id=id on_done=move |_| renaming.set(false) /> }.into_any()
                } else {
                    view! {
                        <button
                            type="button"
                            id="snapshot-rename-start"
                            on:click=move |_| renaming.set(true)
                        >
                            "Rename snapshot"
                        </button>
                    }
                    .into_any()
                }}
                <button type="button" class="danger" on:click=move |_| store.request(Pending::DeleteSnapshot(id))>
                    "Delete snapshot"
                </button>
            })}
            <span class="check">
                <input
                    type="checkbox"
                    id="replay-toggle"
                    disabled=move || replay_range.get().is_none()
                    prop:checked=move || comparison.replay_at().is_some()
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        let start = replay_range.get_untracked().map(|r| Timestamp::from_unix_millis(r.0));
                        comparison.set_replay_at(if on { start } else { None });
                    }
                />
                <label for="replay-toggle">"Replay over time"</label>
            </span>
            {move || {
                let (lo, hi) = replay_range.get()?;
                let at = comparison.replay_at()?;
                Some(view! {
                    <span class="replay-control">
                        <input
                            type="range"
                            aria-label="Replay date"
                            min=lo.to_string()
                            max=hi.to_string()
                            step=((hi - lo) / 200).max(1).to_string()
                            prop:value=at.unix_millis().to_string()
                            aria-valuetext=at.local_date(offset).human()
                            on:input=move |ev| {
                                if let Ok(ms) = event_target_value(&ev).parse::<i64>() {
                                    comparison.set_replay_at(Some(Timestamp::from_unix_millis(ms)));
                                }
                            }
                        />
                        <output class="replay-date" aria-live="polite">
                            {format!("The map on {}", at.local_date(offset).human())}
                        </output>
                    </span>
                })
            }}
            </span>
            <p class="compare-summary" role="status">{move || summary.get()}</p>
        </div>
    }
}
