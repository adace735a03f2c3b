//! The merge preview: what a colleague's file would change, field by field, before anything
//! changes. The newer value of each field is preselected; the user can pick the other.

use super::modal::Modal;
use crate::model::{ChangedStakeholder, MergeChoices, MergeDecision, OneSided, StakeholderId};
use crate::state::{use_sharing, Sharing};
use leptos::prelude::*;
use std::collections::BTreeSet;

fn counts_line(review: &crate::state::MergeReview) -> String {
    let p = &review.preview;
    let mut parts = Vec::new();
    for (n, one, many) in [
        (p.new_actions, "new action", "new actions"),
        (p.updated_actions, "updated action", "updated actions"),
        (p.new_touchpoints, "new contact", "new contacts"),
        (p.new_snapshots, "new snapshot", "new snapshots"),
        (p.new_history, "new history point", "new history points"),
        (
            p.new_evidence,
            "new item of evidence",
            "new items of evidence",
        ),
        (
            p.updated_evidence,
            "updated item of evidence",
            "updated items of evidence",
        ),
        (p.new_relationships, "new relationship", "new relationships"),
        (
            p.updated_relationships,
            "updated relationship",
            "updated relationships",
        ),
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

/// The two lists of people the preview lets the user override.
#[derive(Clone, Copy)]
enum PersonList {
    /// New in their file; ticked means added (not in the skip list).
    Added,
    /// Missing from their file; ticked means removed.
    Missing,
}

impl PersonList {
    fn ids(self, c: &mut MergeChoices) -> &mut BTreeSet<StakeholderId> {
        match self {
            PersonList::Added => &mut c.skip_added,
            PersonList::Missing => &mut c.remove_missing,
        }
    }

    /// Whether a ticked box means the person is in the list.
    fn ticked_is_listed(self) -> bool {
        matches!(self, PersonList::Missing)
    }

    fn label(self, name: &str) -> String {
        match self {
            PersonList::Added => format!("Add {name}"),
            PersonList::Missing => format!("Remove {name} (kept unless ticked)"),
        }
    }
}

/// One person in only one copy, with a box to add (or remove) them.
fn person_row(sharing: Sharing, list: PersonList, person: OneSided) -> impl IntoView {
    let id = person.id;
    view! {
        <li>
            <label>
                <input
                    type="checkbox"
                    prop:checked=move || {
                        sharing.merge_review().is_some_and(|mut r| {
                            list.ids(&mut r.choices).contains(&id) == list.ticked_is_listed()
                        })
                    }
                    on:change=move |ev| {
                        let listed = event_target_checked(&ev) == list.ticked_is_listed();
                        sharing.choose(|c| {
                            let ids = list.ids(c);
                            if listed { ids.insert(id); } else { ids.remove(&id); }
                        });
                    }
                />
                {list.label(&person.name)}
            </label>
        </li>
    }
}

/// One either-or decision: my value against theirs, the newer one marked.
fn mine_or_theirs(
    sharing: Sharing,
    decision: MergeDecision,
    name: String,
    field: &'static str,
    values: [String; 2],
    theirs_newer: bool,
) -> impl IntoView {
    let group = match decision {
        MergeDecision::Field(id, f) => format!("merge-{}-{}", id.0.simple(), f.key()),
        MergeDecision::MapName => "merge-map-name".to_owned(),
    };
    let [mine, theirs] = values;
    let option = move |take: bool, value: String| {
        let group = group.clone();
        view! {
            <label class="merge-choice">
                <input
                    type="radio"
                    name=group
                    prop:checked=move || {
                        sharing.merge_review().is_some_and(|r| r.choices.takes_theirs(decision) == take)
                    }
                    on:change=move |_| sharing.choose(|c| c.set_theirs(decision, take))
                />
                <span class="whose">
                    {if take { "Theirs" } else { "Mine" }}
                    {(take == theirs_newer).then_some(" (newer)")}": "
                </span>
                <span class="value">{value}</span>
            </label>
        }
    };
    view! {
        <div class="merge-field" role="radiogroup" aria-label=name>
            <span class="field-name">{field}</span>
            {option(false, mine)}
            {option(true, theirs)}
        </div>
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
                    mine_or_theirs(
                        sharing,
                        MergeDecision::Field(id, diff.field),
                        format!("{}: {}", person.name, diff.field.label()),
                        diff.field.label(),
                        [diff.mine, diff.theirs],
                        diff.theirs_newer,
                    )
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
                mine_or_theirs(
                    sharing,
                    MergeDecision::MapName,
                    "Map name".to_owned(),
                    "Map name",
                    [mine, theirs],
                    theirs_newer,
                )
            })}
            <section aria-labelledby="merge-added">
                <h3 id="merge-added">{format!("New in their file ({})", preview.added.len())}</h3>
                <ul class="plain">
                    {preview.added.into_iter().map(|p| person_row(sharing, PersonList::Added, p)).collect_view()}
                </ul>
            </section>
            <section aria-labelledby="merge-missing">
                <h3 id="merge-missing">{format!("Not in their file ({})", preview.missing.len())}</h3>
                <ul class="plain">
                    {preview.missing.into_iter().map(|p| person_row(sharing, PersonList::Missing, p)).collect_view()}
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
