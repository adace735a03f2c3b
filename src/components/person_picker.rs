//! A searchable picker of people on the map: a text box that lists the names matching what is
//! typed (an ARIA combobox with a listbox), chosen with the arrow keys (Home and End for the
//! first and last) and Enter, by pointing, or by typing a name in full.

use crate::model::StakeholderId;
use leptos::prelude::*;

/// Most names listed at once; typing more narrows the list.
const LISTED: usize = 8;

/// One person the picker offers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pickable {
    /// Who.
    pub id: StakeholderId,
    /// Their name.
    pub name: String,
    /// Their role, shown beside the name and searched too.
    pub role: String,
}

/// The people among `all` matching `query` (name or role containing each typed word, ignoring
/// case), names starting with the query first, at most [`LISTED`].
fn matching(all: &[Pickable], query: &str) -> Vec<Pickable> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    let q = query.trim().to_lowercase();
    let mut found: Vec<(bool, &Pickable)> = all
        .iter()
        .filter(|p| {
            let text = format!("{} {}", p.name, p.role).to_lowercase();
            words.iter().all(|w| text.contains(w.as_str()))
        })
        .map(|p| (!p.name.to_lowercase().starts_with(&q), p))
        .collect();
    found.sort_by_key(|(later, _)| *later);
    found
        .into_iter()
        .take(LISTED)
        .map(|(_, p)| p.clone())
        .collect()
}

/// The picker. `chosen` holds the person picked; typing again clears it until another is
/// picked.
#[component]
pub fn PersonPicker(
    /// The input's id, for its `<label for>`.
    id: &'static str,
    /// Who may be picked.
    #[prop(into)]
    people: Signal<Vec<Pickable>>,
    /// The person picked.
    chosen: RwSignal<Option<StakeholderId>>,
) -> impl IntoView {
    let query = RwSignal::new(String::new());
    let open = RwSignal::new(false);
    let active = RwSignal::new(0usize);
    let list_id = format!("{id}-list");
    let options = Memo::new(move |_| people.with(|all| matching(all, &query.get())));
    // A person picked from elsewhere (the map's connect gesture) shows by name.
    Effect::new(move |_| {
        if let Some(who) = chosen.get() {
            let name = people
                .with_untracked(|all| all.iter().find(|p| p.id == who).map(|p| p.name.clone()));
            if let Some(name) = name {
                if query.get_untracked() != name {
                    query.set(name);
                }
                open.set(false);
            }
        }
    });
    let pick = move |p: &Pickable| {
        chosen.set(Some(p.id));
        query.set(p.name.clone());
        open.set(false);
    };
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        let count = options.with_untracked(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" => {
                ev.prevent_default();
                if open.get_untracked() {
                    active.update(|a| *a = (*a + 1).min(count.saturating_sub(1)));
                } else {
                    open.set(true);
                    active.set(0);
                }
            }
            "ArrowUp" => {
                ev.prevent_default();
                active.update(|a| *a = a.saturating_sub(1));
            }
            "Home" | "End" if open.get_untracked() && count > 0 => {
                ev.prevent_default();
                active.set(if ev.key() == "Home" { 0 } else { count - 1 });
            }
            "Enter" if open.get_untracked() => {
                ev.prevent_default();
                let p = options.with_untracked(|o| o.get(active.get_untracked()).cloned());
                if let Some(p) = p {
                    pick(&p);
                }
            }
            "Escape" if open.get_untracked() => {
                ev.prevent_default();
                ev.stop_propagation();
                open.set(false);
            }
            _ => {}
        }
    };
    let option_id = move |i: usize| format!("{id}-option-{i}");
    let list_for_aria = list_id.clone();
    view! {
        <div class="picker">
            <input
                id=id
                type="text"
                role="combobox"
                autocomplete="off"
                aria-autocomplete="list"
                aria-controls=list_for_aria
                aria-expanded=move || (open.get() && !options.with(Vec::is_empty)).to_string()
                aria-activedescendant=move || {
                    (open.get() && !options.with(Vec::is_empty)).then(|| option_id(active.get()))
                }
                placeholder="Type a name or role"
                prop:value=move || query.get()
                on:input=move |ev| {
                    query.set(event_target_value(&ev));
                    chosen.set(None);
                    active.set(0);
                    open.set(true);
                }
                on:keydown=on_keydown
                on:blur=move |_| {
                    open.set(false);
                    // A name typed in full is picked, even when the list was not used.
                    if chosen.get_untracked().is_none() {
                        let typed = query.get_untracked();
                        let exact = people.with_untracked(|all| {
                            let mut same = all.iter().filter(|p| p.name.trim().eq_ignore_ascii_case(typed.trim()));
                            match (same.next(), same.next()) {
                                (Some(p), None) => Some(p.clone()),
                                _ => None,
                            }
                        });
                        if let Some(p) = exact {
                            pick(&p);
                        }
                    }
                }
            />
            <ul
                id=list_id
                role="listbox"
                class="picker-list"
                aria-label="Matching people"
                hidden=move || !open.get() || options.with(Vec::is_empty)
            >
                {move || {
                    options
                        .get()
                        .into_iter()
                        .enumerate()
                        .map(|(i, p)| {
                            let shown = p.clone();
                            view! {
                                <li
                                    id=option_id(i)
                                    role="option"
                                    aria-selected=move || (active.get() == i).to_string()
                                    class:active=move || active.get() == i
                                    // Chosen on the press, before the box loses focus.
                                    on:mousedown=move |ev| {
                                        ev.prevent_default();
                                        pick(&shown);
                                    }
                                >
                                    <span class="picker-name">{p.name.clone()}</span>
                                    {(!p.role.is_empty()).then(|| view! {
                                        <span class="hint">{format!(" · {}", p.role)}</span>
                                    })}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <p class="hint" aria-live="polite">
                {move || {
                    if chosen.get().is_some() || !open.get() {
                        String::new()
                    } else {
                        match options.with(Vec::len) {
                            0 => "No one on the map matches.".to_owned(),
                            1 => "1 match: Enter picks it.".to_owned(),
                            n => format!("{n} matches: arrow keys to move, Enter to pick."),
                        }
                    }
                }}
            </p>
        </div>
    }
}
