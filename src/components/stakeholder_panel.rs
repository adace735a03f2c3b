//! The side panel: the "add" form, or the selected stakeholder's details, plan and contacts.
//!
//! The details form is built once per person and tab, not again on every change to them: it
//! saves as the user types, and rebuilding it on each save would take the cursor out of the
//! field. The form follows later changes to the person itself.

use super::contact_log::ContactLog;
use super::history_chart::HistoryChart;
use super::stakeholder_form::StakeholderForm;
use super::stakeholder_plan::StakeholderPlan;
use super::toggle_button::ToggleButton;
use crate::state::{use_selection, use_store, PanelTab};
use leptos::prelude::*;

/// The side panel.
#[component]
pub fn StakeholderPanel() -> impl IntoView {
    let store = use_store();
    let selection = use_selection();
    // The heading follows the selected stakeholder; changes to someone else touch nothing here.
    let selected = Memo::new(move |_| selection.selected().and_then(|id| store.stakeholder(id)));
    // The panel's frame depends only on who is selected; their data is read inside it.
    let selected_id = Memo::new(move |_| selected.with(|s| s.as_ref().map(|s| s.id)));
    let adding = Memo::new(move |_| selection.adding());
    let tab = Memo::new(move |_| selection.panel_tab());

    // Someone else selected: their name, quadrant and tabs come into view, and the keyboard
    // follows from a list, a board or a button; a marker keeps it, so its arrow keys still work.
    let panel = NodeRef::<leptos::html::Aside>::new();
    Effect::new(move |before: Option<Option<crate::model::StakeholderId>>| {
        let now = selected_id.get();
        if before.is_some_and(|b| b != now) && now.is_some() {
            request_animation_frame(move || bring_into_view(panel));
        }
        now
    });

    let chosen: Signal<PanelTab> = tab.into();
    let choose = Callback::new(move |t| selection.set_panel_tab(t));
    let tab_button = move |which: PanelTab, label: &'static str| {
        let id = (which == PanelTab::Plan).then_some("panel-tab-plan");
        view! { <ToggleButton value=which chosen=chosen choose=choose label=label id=id /> }
    };

    view! {
        <aside class="panel" aria-label="Stakeholder details" node_ref=panel>
            {move || {
                if adding.get() {
                    return view! { <StakeholderForm editing=None /> }.into_any();
                }
                let Some(id) = selected_id.get() else {
                    return view! {
                        <div class="panel-empty">
                            <h2>"Stakeholders"</h2>
                            <p>
                                "Select someone on the map or in the list to see their details, \
                                 plan and contacts, or add a new stakeholder."
                            </p>
                            <button
                                type="button"
                                class="primary"
                                on:click=move |_| super::stakeholder_form::open_add_form(store)
                            >
                                "Add a stakeholder"
                            </button>
                        </div>
                    }
                    .into_any();
                };
                let name = move || selected.with(|s| s.as_ref().map(|s| s.name().to_owned()));
                // A redacted copy made without positions says nothing of anyone's quadrant.
                let no_positions = Memo::new(move |_| store.positions_left_out());
                let quadrant = move || {
                    selected.with(|s| s.as_ref().map(|s| s.quadrant())).filter(|_| !no_positions.get())
                };
                view! {
                    <div class="panel-head">
                        <h2 id="form-title" tabindex="-1">{name}</h2>
                        <p class="quadrant-readout">
                            {move || quadrant().map(|q| view! {
                                <span class=format!("chip q-{}", q.key())>{q.name()}</span>
                                " "
                                <span class="hint">{q.short_stance()}</span>
                            })}
                            {move || no_positions.get().then(|| view! {
                                <span class="hint">"Position not in this redacted copy"</span>
                            })}
                        </p>
                        <div class="panel-tabs" role="group" aria-label="Stakeholder sections">
                            {tab_button(PanelTab::Details, "Details")}
                            {tab_button(PanelTab::Plan, "Plan")}
                            {tab_button(PanelTab::Contacts, "Contacts")}
                            {tab_button(PanelTab::Evidence, "Evidence")}
                            {tab_button(PanelTab::Network, "Network")}
                            {tab_button(PanelTab::History, "History")}
                        </div>
                    </div>
                    {move || match tab.get() {
                        // Built for this person once; it keeps itself up to date.
                        PanelTab::Details => selected
                            .get_untracked()
                            .map(|s| view! { <StakeholderForm editing=Some(s) /> })
                            .into_any(),
                        PanelTab::Plan => view! { <StakeholderPlan id=id /> }.into_any(),
                        PanelTab::Contacts => view! { <ContactLog id=id /> }.into_any(),
                        PanelTab::Evidence => view! { <super::stakeholder_evidence::StakeholderEvidence id=id /> }.into_any(),
                        PanelTab::History => view! { <HistoryChart id=id /> }.into_any(),
                        PanelTab::Network => view! { <super::stakeholder_network::StakeholderNetwork id=id /> }.into_any(),
                    }}
                }
                .into_any()
            }}
        </aside>
    }
}

/// Scrolls the panel back to its top, shows that top on screen (below the list on a phone), and
/// moves focus to the person's name unless it is on the map or already in the panel.
fn bring_into_view(panel: NodeRef<leptos::html::Aside>) {
    use wasm_bindgen::JsCast;
    let Some(panel) = panel.get_untracked() else {
        return;
    };
    panel.set_scroll_top(0);
    let Some(head) = panel.query_selector(".panel-head").ok().flatten() else {
        return;
    };
    let window = web_sys::window();
    let height = window
        .as_ref()
        .and_then(|w| w.inner_height().ok())
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    let r = head.get_bounding_client_rect();
    if r.top() < 0.0 || r.top() > height - 120.0 {
        head.scroll_into_view_with_bool(true);
    }
    let active = window
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    let stays = active.is_some_and(|el| {
        el.closest(".map-canvas, .panel, .tour, dialog")
            .ok()
            .flatten()
            .is_some()
    });
    if !stays {
        if let Some(title) = panel
            .query_selector("#form-title")
            .ok()
            .flatten()
            .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = title.focus();
        }
    }
}
