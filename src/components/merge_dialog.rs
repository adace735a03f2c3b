//! The merge preview: what a colleague's file would change, field by field, before anything
//! changes. The newer value of each field is preselected; the user can pick the other.

use super::modal::Modal;
use crate::model::{ChangedStakeholder, MergeField, OneSided, StakeholderId};
use crate::state::{use_sharing, Sharing};
use leptos::prelude::*;

fn counts_line(review: &crate::state::MergeReview) -> String {
    let p = &review.preview;
    let mut parts = Vec::new();
    for (n, one, many) in [
        (p.new_actions, "new action", "new actions"),
        (p.updated_actions, "updated action", "updated actions"),
        (p.new_touchpoints, "new contact", "new contacts"),
        (p.new_snapshots, "new snapshot", "new snapshots"),
        (p.new_history, "new history point", "new history points"),
    ] {
        match n {
            0 => {}
            1 => parts.push(format!("1 {one}")),
            n => parts.push(format!("{n} {many}")),
        }
    }
    if parts.is_empty() {
        "No new actions, contacts or snapshots.".to_owned()
    } else {
        format!(
            "Also coming in, matched by id so nothing is doubled: {}. Where an action differs, \
             the one changed last is kept.",
            parts.join(", ")
        )
    }
}

/// One person new in their file, with a box to leave them out.
fn added_row(sharing: Sharing, person: OneSided) -> impl IntoView {
    let id = person.id;
    view! {
        <li>
            <label>
                <input
                    type="checkbox"
                    prop:checked=move || {
                        sharing
                            .merge_review()
                            .is_some_and(|r| !r.choices.skip_added.contains(&id))
                    }
                    on:change=move |ev| {
                        let add = event_target_checked(&ev);
                        sharing.choose(|c| {
                            if add { c.skip_added.remove(&id); } else { c.skip_added.insert(id); }
                        });
                    }
                />
                {format!("Add {}", person.name)}
            </label>
        </li>
    }
}

/// One person missing from their file, with a box to remove them.
fn missing_row(sharing: Sharing, person: OneSided) -> impl IntoView {
    let id = person.id;
    view! {
        <li>
            <label>
                <input
                    type="checkbox"
                    prop:checked=move || {
                        sharing
                            .merge_review()
                            .is_some_and(|r| r.choices.remove_missing.contains(&id))
                    }
                    on:change=move |ev| {
                        let remove = event_target_checked(&ev);
                        sharing.choose(|c| {
                            if remove { c.remove_missing.insert(id); } else { c.remove_missing.remove(&id); }
                        });
                    }
                />
                {format!("Remove {} (kept unless ticked)", person.name)}
            </label>
        </li>
    }
}

fn field_choice(
    sharing: Sharing,
    id: StakeholderId,
    field: MergeField,
    theirs: bool,
    value: String,
    newer: bool,
) -> impl IntoView {
    let group = format!("merge-{}-{:?}", id.0.simple(), field);
    let whose = if theirs { "Theirs" } else { "Mine" };
    view! {
        <label class="merge-choice">
            <input
                type="radio"
                name=group
                prop:checked=move || {
                    sharing
                        .merge_review()
                        .is_some_and(|r| r.choices.take_theirs.contains(&(id, field)) == theirs)
                }
                on:change=move |_| {
                    sharing.choose(|c| {
                        if theirs { c.take_theirs.insert((id, field)); } else { c.take_theirs.remove(&(id, field)); }
                    })
                }
            />
            <span class="whose">{whose}{newer.then_some(" (newer)")}": "</span>
            <span class="value">{value}</span>
        </label>
    }
}

fn changed_block(sharing: Sharing, person: ChangedStakeholder) -> impl IntoView {
    let id = person.id;
    view! {
        <fieldset class="merge-person">
            <legend>{person.name.clone()}</legend>
            {person
                .fields
                .into_iter()
                .map(|diff| {
                    view! {
                        <div class="merge-field" role="radiogroup" aria-label=format!("{}: {}", person.name, diff.field.label())>
                            <span class="field-name">{diff.field.label()}</span>
                            {field_choice(sharing, id, diff.field, false, diff.mine, !diff.theirs_newer)}
                            {field_choice(sharing, id, diff.field, true, diff.theirs, diff.theirs_newer)}
                        </div>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

/// Opens while a merge is under review.
#[component]
pub fn MergeDialog() -> impl IntoView {
    let sharing = use_sharing();
    let open = Signal::derive(move || sharing.merge_review().is_some());
    // Rebuilt only when a new file comes under review, not on every tick of a choice.
    let review = Memo::new(move |_| {
        sharing
            .merge_review()
            .map(|r| (r.file_name.clone(), r.preview.clone()))
    });
    let body = move || {
        let Some((file_name, preview)) = review.get() else {
            return ().into_any();
        };
        let summary = untrack(|| sharing.merge_review())
            .map(|r| counts_line(&r))
            .unwrap_or_default();
        view! {
            <h2 id="merge-title">{format!("Merge “{file_name}” into this map?")}</h2>
            <p>"Nothing changes until you choose Merge. The whole merge can be undone in one step."</p>
            {preview.map_name.map(|(mine, theirs, theirs_newer)| {
                let pick = move |take: bool| {
                    view! {
                        <label class="merge-choice">
                            <input
                                type="radio"
                                name="merge-map-name"
                                prop:checked=move || {
                                    sharing.merge_review().is_some_and(|r| r.choices.take_their_name == take)
                                }
                                on:change=move |_| sharing.choose(|c| c.take_their_name = take)
                            />
                            <span class="whose">
                                {if take { "Theirs" } else { "Mine" }}
                                {(take == theirs_newer).then_some(" (newer)")}": "
                            </span>
                            <span class="value">{if take { theirs.clone() } else { mine.clone() }}</span>
                        </label>
                    }
                };
                view! {
                    <div class="merge-field" role="radiogroup" aria-label="Map name">
                        <span class="field-name">"Map name"</span>
                        {pick(false)}
                        {pick(true)}
                    </div>
                }
            })}
            <section aria-labelledby="merge-added">
                <h3 id="merge-added">{format!("New in their file ({})", preview.added.len())}</h3>
                <ul class="plain">
                    {preview.added.into_iter().map(|p| added_row(sharing, p)).collect_view()}
                </ul>
            </section>
            <section aria-labelledby="merge-missing">
                <h3 id="merge-missing">{format!("Not in their file ({})", preview.missing.len())}</h3>
                <ul class="plain">
                    {preview.missing.into_iter().map(|p| missing_row(sharing, p)).collect_view()}
                </ul>
            </section>
            <section aria-labelledby="merge-changed">
                <h3 id="merge-changed">{format!("Different in the two copies ({})", preview.changed.len())}</h3>
                {preview.changed.into_iter().map(|p| changed_block(sharing, p)).collect_view()}
            </section>
            <p class="hint">{summary}</p>
            <div class="row end">
                <button type="button" class="primary" on:click=move |_| sharing.confirm_merge()>
                    "Merge"
                </button>
                <button type="button" on:click=move |_| sharing.merge_as_separate_map()>
                    "Open as a separate map"
                </button>
                <button type="button" on:click=move |_| sharing.cancel_merge()>
                    "Cancel"
                </button>
            </div>
        }
        .into_any()
    };
    view! {
        <Modal
            open=open
            on_cancel=Callback::new(move |_| sharing.cancel_merge())
            labelled_by="merge-title"
            class="merge"
        >
            {body}
        </Modal>
    }
}
