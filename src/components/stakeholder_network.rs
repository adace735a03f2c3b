//! A stakeholder's Network tab: their relationships as text (each editable and deletable),
//! recording a new one without a mouse ("Dana listens to…" with a searchable picker), and who
//! can move them: routes of one or two steps ranked by the core (`Network::routes_to`), each
//! with its reason and **Plan this**, which opens the action form prefilled to act through the
//! ally.

use super::action_form::ActionForm;
use super::person_picker::{PersonPicker, Pickable};
use crate::model::{
    RelationshipFields, RelationshipId, Route, StakeholderId, Tie, TieDirection, TieStrength,
};
use crate::state::{use_selection, use_store, use_ui, MainView};
use leptos::prelude::*;

/// How many routes show before "Show all".
const FIRST_ROUTES: usize = 5;

/// Which way a new relationship reads from the selected person: "Dana listens to…" (theirs)
/// or "… listens to Dana" (towards them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Reading {
    kind: Tie,
    towards_them: bool,
}

/// Every way a new relationship can read, in the order the menu offers them.
fn readings() -> Vec<Reading> {
    let mut out = Vec::new();
    for kind in Tie::ALL {
        out.push(Reading {
            kind,
            towards_them: false,
        });
        if !kind.mutual() {
            out.push(Reading {
                kind,
                towards_them: true,
            });
        }
    }
    out
}

impl Reading {
    fn key(self) -> String {
        format!(
            "{}{}",
            if self.towards_them { "to-" } else { "" },
            self.kind.key()
        )
    }

    /// "Dana listens to / trusts…" or "… listens to / trusts Dana".
    fn words(self, name: &str) -> String {
        let verb = match self.kind {
            Tie::ListensTo => "listens to / trusts",
            other => other.verb(),
        };
        if self.towards_them {
            format!("… {verb} {name}")
        } else {
            format!("{name} {verb}…")
        }
    }
}

/// One relationship as the tab lists it.
#[derive(Clone, Debug, PartialEq)]
struct Row {
    id: RelationshipId,
    /// "Dana Ortiz … Priya Raman": who stands towards whom, for the form that changes it.
    between: String,
    words: String,
    note: String,
    recorded: String,
    fields: RelationshipFields,
}

/// One route as the tab lists it.
#[derive(Clone, Debug, PartialEq)]
struct RouteRow {
    route: Route,
    first: String,
}

/// The Network tab of the side panel.
#[component]
pub fn StakeholderNetwork(id: StakeholderId) -> impl IntoView {
    let store = use_store();
    let ui = use_ui();
    let name = Memo::new(move |_| {
        store
            .stakeholder(id)
            .map(|s| s.name().to_owned())
            .unwrap_or_default()
    });
    let first_name = Memo::new(move |_| {
        store
            .stakeholder(id)
            .and_then(|s| s.first_name().map(str::to_owned))
            .unwrap_or_default()
    });
    let rows = Memo::new(move |_| {
        store
            .with_current(|m| {
                let names = |p| m.get(p).map(|s| s.name().to_owned()).unwrap_or_default();
                m.relationships_of(id)
                    .into_iter()
                    .map(|r| Row {
                        id: r.id,
                        between: format!("{} … {}", names(r.from), names(r.to)),
                        words: r.words_from(id, &names),
                        note: r.fields.note.clone(),
                        recorded: r.created_at.local_date(store.utc_offset_minutes()).human(),
                        fields: r.fields.clone(),
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let routes = Memo::new(move |_| {
        store
            .with_current(|m| {
                m.network()
                    .routes_to(id)
                    .into_iter()
                    .map(|route| RouteRow {
                        first: route
                            .via
                            .first()
                            .and_then(|f| m.get(*f))
                            .map(|s| s.name().to_owned())
                            .unwrap_or_default(),
                        route,
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let show_all = RwSignal::new(false);
    let added = RwSignal::new(0u32);
    let planning = RwSignal::new(None::<StakeholderId>);
    let editing = RwSignal::new(None::<RelationshipId>);

    view! {
        <section class="network-panel" aria-labelledby="relationships-title">
            <h3 id="relationships-title">"Relationships"</h3>
            <Show
                when=move || !rows.with(Vec::is_empty)
                fallback=move || view! {
                    <p class="hint">{move || format!(
                        "No relationships recorded for {} yet. Record whom they listen to, report to, or work with, so the map can show who can move them.",
                        first_name.get()
                    )}</p>
                }
            >
                <ul class="relationship-list">
                    <For each=move || rows.get() key=|r| (r.id, r.words.clone(), r.note.clone()) let:row>
                        <li class="relationship" data-id=row.id.to_string()>
                            <p>
                                <strong>{format!("{} {}", first_name.get_untracked(), row.words)}</strong>
                            </p>
                            {(!row.note.is_empty()).then(|| view! { <p class="note">{row.note.clone()}</p> })}
                            <p class="action-meta">{format!("Recorded {}", row.recorded)}</p>
                            <div class="action-controls">
                                <button
                                    type="button"
                                    data-edit-tie=row.id.to_string()
                                    aria-label=format!("Change: {} {}", first_name.get_untracked(), row.words)
                                    aria-expanded=move || (editing.get() == Some(row.id)).to_string()
                                    on:click=move |_| editing.set(Some(row.id))
                                >
                                    "Change"
                                </button>
                                <button
                                    type="button"
                                    aria-label=format!("Delete: {} {}", first_name.get_untracked(), row.words)
                                    on:click=move |_| {
                                        if store.delete_relationship(row.id) {
                                            super::focus::focus_soon("#relationship-kind".to_owned());
                                        }
                                    }
                                >
                                    "Delete"
                                </button>
                            </div>
                            <Show when=move || editing.get() == Some(row.id)>
                                <EditTie
                                    id=row.id
                                    between=row.between.clone()
                                    fields=row.fields.clone()
                                    on_done=move |_| {
                                        editing.set(None);
                                        super::focus::focus_soon(format!("button[data-edit-tie=\"{}\"]", row.id));
                                    }
                                />
                            </Show>
                        </li>
                    </For>
                </ul>
            </Show>
            // Built again after each relationship added, so the form starts empty.
            {move || {
                added.get();
                view! { <AddTie id=id name=name added=added /> }
            }}
        </section>
        <section class="routes" aria-labelledby="routes-title">
            <h3 id="routes-title">{move || format!("Who can move {}?", first_name.get())}</h3>
            <Show
                when=move || !routes.with(Vec::is_empty)
                fallback=move || view! {
                    <p class="hint">{move || format!(
                        "No one on the map is known to move {} yet. Record whom {} listens to or reports to.",
                        first_name.get(),
                        first_name.get()
                    )}</p>
                }
            >
                <p class="hint">
                    "Ranked by the strength of each tie, how supportive the people on the way are, and the first person's influence; anyone at odds sets a route back."
                </p>
                <ol class="route-list">
                    {move || {
                        let limit = if show_all.get() { usize::MAX } else { FIRST_ROUTES };
                        routes
                            .get()
                            .into_iter()
                            .take(limit)
                            .map(|r| {
                                let plan_route = r.route.clone();
                                // A route is known by the first person on it: the form stays
                                // with it when the list changes.
                                let Some(i) = r.route.via.first().copied() else {
                                    return ().into_any();
                                };
                                view! {
                                    <li class="route">
                                        <p class="route-reason">{r.route.reason.clone()}</p>
                                        <button
                                            type="button"
                                            aria-label=format!("Plan this through {}", r.first)
                                            aria-expanded=move || (planning.get() == Some(i)).to_string()
                                            on:click=move |_| planning.set(Some(i))
                                        >
                                            "Plan this"
                                        </button>
                                        <Show when=move || planning.get() == Some(i)>
                                            {
                                                let route = plan_route.clone();
                                                let prefill = store
                                                    .with_current_untracked(|m| {
                                                        m.plan_through(id, &route, store.today(), store.utc_offset_minutes())
                                                    })
                                                    .flatten();
                                                prefill.map(|fields| view! {
                                                    <ActionForm
                                                        stakeholder=id
                                                        editing=None
                                                        prefill=fields
                                                        on_done=move |_| planning.set(None)
                                                    />
                                                })
                                            }
                                        </Show>
                                    </li>
                                }
                                .into_any()
                            })
                            .collect_view()
                    }}
                </ol>
                <Show when=move || { routes.with(Vec::len) > FIRST_ROUTES }>
                    <button type="button" class="link" on:click=move |_| show_all.update(|v| *v = !*v)>
                        {move || if show_all.get() {
                            "Show fewer".to_owned()
                        } else {
                            format!("Show all {} routes", routes.with(Vec::len))
                        }}
                    </button>
                </Show>
            </Show>
            <button type="button" class="link" on:click=move |_| ui.show(MainView::Network)>
                "See the whole map's network"
            </button>
        </section>
    }
}

/// The form recording a new relationship of the selected person.
#[component]
fn AddTie(id: StakeholderId, name: Memo<String>, added: RwSignal<u32>) -> impl IntoView {
    let store = use_store();
    let selection = use_selection();
    let reading = RwSignal::new(Reading {
        kind: Tie::ListensTo,
        towards_them: false,
    });
    let other = RwSignal::new(None::<StakeholderId>);
    let strength = RwSignal::new(TieStrength::Moderate);
    let both = RwSignal::new(false);
    let note = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let people = Signal::derive(move || {
        store
            .with_current(|m| {
                m.stakeholders()
                    .filter(|s| s.id != id)
                    .map(|s| Pickable {
                        id: s.id,
                        name: s.name().to_owned(),
                        role: s.fields.role.clone(),
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    // The map's connect gesture ended on someone: they fill the picker, and the keyboard goes
    // to the kind of relationship.
    Effect::new(move |_| {
        if let Some(to) = selection.connect_to() {
            if to != id {
                other.set(Some(to));
                super::focus::focus_soon("#relationship-kind".to_owned());
            }
            selection.set_connect_to(None);
        }
    });
    let add = move || {
        let Some(to) = other.get_untracked() else {
            problem.set(Some("Choose the person this relationship is with.".into()));
            super::focus::focus_soon("#relationship-person".to_owned());
            return;
        };
        let r = reading.get_untracked();
        let fields = RelationshipFields {
            kind: r.kind,
            direction: r.kind.fixed_direction().unwrap_or(if both.get_untracked() {
                TieDirection::BothWays
            } else {
                TieDirection::OneWay
            }),
            strength: strength.get_untracked(),
            note: note.get_untracked(),
        };
        let (from, to) = if r.towards_them { (to, id) } else { (id, to) };
        if store.add_relationship(from, to, fields).is_some() {
            added.update(|n| *n += 1);
            super::focus::focus_soon("#relationship-kind".to_owned());
        } else {
            problem.set(store.notices().notice().map(|n| n.title));
        }
    };
    view! {
        <form
            class="tie-form"
            aria-labelledby="add-tie-title"
            on:submit=move |ev| {
                ev.prevent_default();
                add();
            }
        >
            <h4 id="add-tie-title">"Record a relationship"</h4>
            <div class="field">
                <label for="relationship-kind">"How"</label>
                <select
                    id="relationship-kind"
                    on:change=move |ev| {
                        let key = event_target_value(&ev);
                        if let Some(r) = readings().into_iter().find(|r| r.key() == key) {
                            reading.set(r);
                        }
                    }
                >
                    {move || {
                        let n = name.get();
                        readings()
                            .into_iter()
                            .map(|r| view! {
                                <option value=r.key() selected=move || reading.get() == r>{r.words(&n)}</option>
                            })
                            .collect_view()
                    }}
                </select>
            </div>
            <div class="field">
                <label for="relationship-person">"Who"</label>
                <PersonPicker id="relationship-person" people=people chosen=other />
            </div>
            <fieldset class="choice inline">
                <legend>"Strength"</legend>
                {TieStrength::ALL.into_iter().map(|s| view! {
                    <label>
                        <input
                            type="radio"
                            name="relationship-strength"
                            prop:checked=move || strength.get() == s
                            on:change=move |_| strength.set(s)
                        />
                        {s.label()}
                    </label>
                }).collect_view()}
            </fieldset>
            <span class="check">
                <input
                    type="checkbox"
                    id="relationship-both"
                    prop:checked=move || {
                        reading.get().kind.fixed_direction().map_or(both.get(), |d| d == TieDirection::BothWays)
                    }
                    prop:disabled=move || reading.get().kind.fixed_direction().is_some()
                    on:change=move |ev| both.set(event_target_checked(&ev))
                />
                <label for="relationship-both">
                    {move || match reading.get().kind.fixed_direction() {
                        Some(TieDirection::BothWays) => "Both ways (always, for this kind)",
                        Some(TieDirection::OneWay) => "Both ways (not for this kind)",
                        None => "Both ways",
                    }}
                </label>
            </span>
            <div class="field">
                <label for="relationship-note">"Note (optional)"</label>
                <textarea
                    id="relationship-note"
                    rows="2"
                    prop:value=move || note.get()
                    on:input=move |ev| note.set(event_target_value(&ev))
                />
            </div>
            {move || problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
            <button type="submit" class="primary">"Add relationship"</button>
        </form>
    }
}

/// Changing a relationship's kind, direction, strength and note.
#[component]
fn EditTie(
    id: RelationshipId,
    between: String,
    fields: RelationshipFields,
    #[prop(into)] on_done: Callback<()>,
) -> impl IntoView {
    let store = use_store();
    let typed = RwSignal::new(fields);
    let form_id = format!("edit-tie-{id}");
    let save = move || {
        if store.edit_relationship(id, typed.get_untracked()) {
            on_done.run(());
        }
    };
    let field_id = move |what: &str| format!("{form_id}-{what}");
    view! {
        <form
            class="tie-form"
            aria-label=format!("Change the relationship: {between}")
            on:submit=move |ev| {
                ev.prevent_default();
                save();
            }
        >
            <p class="hint">{format!("From {between}")}</p>
            <div class="field">
                <label for=field_id("kind")>"Kind"</label>
                <select
                    id=field_id("kind")
                    on:change=move |ev| {
                        if let Some(k) = Tie::from_key(&event_target_value(&ev)) {
                            typed.update(|f| f.kind = k);
                        }
                    }
                >
                    {Tie::ALL.into_iter().map(|k| view! {
                        <option value=k.key() selected=move || typed.with(|f| f.kind == k)>{k.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for=field_id("strength")>"Strength"</label>
                <select
                    id=field_id("strength")
                    on:change=move |ev| {
                        if let Some(s) = TieStrength::from_key(&event_target_value(&ev)) {
                            typed.update(|f| f.strength = s);
                        }
                    }
                >
                    {TieStrength::ALL.into_iter().map(|s| view! {
                        <option value=s.key() selected=move || typed.with(|f| f.strength == s)>{s.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <span class="check">
                <input
                    type="checkbox"
                    id=field_id("both")
                    prop:checked=move || typed.with(|f| f.both_ways())
                    prop:disabled=move || typed.with(|f| f.kind.fixed_direction().is_some())
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        typed.update(|f| f.direction = if on { TieDirection::BothWays } else { TieDirection::OneWay });
                    }
                />
                <label for=field_id("both")>"Both ways"</label>
            </span>
            <div class="field">
                <label for=field_id("note")>"Note"</label>
                <textarea
                    id=field_id("note")
                    rows="2"
                    prop:value=move || typed.with(|f| f.note.clone())
                    on:input=move |ev| typed.update(|f| f.note = event_target_value(&ev))
                />
            </div>
            <div class="form-actions">
                <button type="submit" class="primary">"Save"</button>
                <button type="button" on:click=move |_| on_done.run(())>"Cancel"</button>
            </div>
        </form>
    }
}
