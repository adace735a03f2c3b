//! What the screen shows, as opposed to what the maps hold: the main view, workshop
//! presentation, the shortcuts help, the first-visit tour, each map's quick-add tray, and which
//! relationships the map draws.
//!
//! The keyboard shortcuts are a table and a pure function from a key press to a [`Shortcut`],
//! so the help dialog and the handler cannot disagree and both are tested natively.

use super::notices::Tone;
use super::store::Store;
use crate::model::{
    MapId, Position, ShownTies, StakeholderFields, StakeholderId, TieShow, Tray, TrayPerson,
};
use leptos::prelude::*;
use std::collections::HashMap;

/// Which view fills the main area.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MainView {
    /// The map of influence and skepticism.
    Map,
    /// The sortable, filterable list.
    List,
    /// Every action, grouped.
    Plan,
    /// Who is due for contact.
    Due,
    /// The progress report.
    Report,
    /// The program evidence library.
    Evidence,
    /// Who listens to whom across the map: insights of the influence network.
    Network,
    /// A workshop round of individual views.
    Workshop,
}

impl MainView {
    /// Every view, in the order of the tabs.
    pub const ALL: [MainView; 8] = [
        MainView::Map,
        MainView::List,
        MainView::Plan,
        MainView::Due,
        MainView::Evidence,
        MainView::Network,
        MainView::Report,
        MainView::Workshop,
    ];

    /// The tab's name.
    pub fn label(self) -> &'static str {
        match self {
            MainView::Map => "Map",
            MainView::List => "List",
            MainView::Plan => "Plan board",
            MainView::Due => "Due for contact",
            MainView::Report => "Report",
            MainView::Evidence => "Evidence",
            MainView::Network => "Network",
            MainView::Workshop => "Workshop round",
        }
    }

    /// A short word for ids and classes.
    pub fn key(self) -> &'static str {
        match self {
            MainView::Map => "map",
            MainView::List => "list",
            MainView::Plan => "plan",
            MainView::Due => "due",
            MainView::Report => "report",
            MainView::Evidence => "evidence",
            MainView::Network => "network",
            MainView::Workshop => "workshop",
        }
    }
}

/// Something the keyboard can do from anywhere outside a text field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shortcut {
    /// Open the "add stakeholder" form.
    NewStakeholder,
    /// Show the list and put the cursor in its search box.
    FocusSearch,
    /// Ask to delete the selected stakeholder.
    DeleteSelected,
    /// Download the open map as a file.
    Export,
    /// Undo the last edit.
    Undo,
    /// Redo the last undone edit.
    Redo,
    /// Switch between the map and the list.
    ToggleMapList,
    /// Start or stop workshop presentation.
    Present,
    /// Show the shortcuts.
    Help,
}

/// One key press, as the handler sees it.
#[derive(Clone, Copy, Debug, Default)]
pub struct KeyPress<'a> {
    /// `KeyboardEvent.key`.
    pub key: &'a str,
    /// Control held.
    pub ctrl: bool,
    /// Command (Meta) held.
    pub meta: bool,
    /// Shift held.
    pub shift: bool,
    /// Alt (Option) held.
    pub alt: bool,
    /// The key went to a text field, which keeps its own keys (typing, its own undo).
    pub in_text_field: bool,
}

/// A key that triggers a shortcut: its `KeyboardEvent.key` (any case), and whether Control
/// (or Command) and Shift must be held. Shift is only looked at with Control: on its own it is
/// how "?" is typed on many keyboards.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chord {
    /// The key, lower case.
    pub key: &'static str,
    /// Control or Command held.
    pub ctrl: bool,
    /// Shift held (with Control).
    pub shift: bool,
}

const fn plain(key: &'static str) -> Chord {
    Chord {
        key,
        ctrl: false,
        shift: false,
    }
}

const fn ctrl(key: &'static str, shift: bool) -> Chord {
    Chord {
        key,
        ctrl: true,
        shift,
    }
}

/// One shortcut, defined once: the keys as the help shows them, what it does in words, the
/// shortcut it runs (`None` for keys a focused control handles itself, such as the arrows on a
/// marker) and the chords that trigger it. The help dialog and the key handler both read
/// this table.
#[derive(Clone, Copy, Debug)]
pub struct Binding {
    /// The keys, as shown in the help.
    pub keys: &'static str,
    /// What it does.
    pub does: &'static str,
    /// The shortcut it runs.
    pub runs: Option<Shortcut>,
    /// The chords that trigger it.
    pub chords: &'static [Chord],
}

/// Every keyboard shortcut, in the order the help lists them.
pub const SHORTCUTS: &[Binding] = &[
    Binding {
        keys: "N",
        does: "New stakeholder",
        runs: Some(Shortcut::NewStakeholder),
        chords: &[plain("n")],
    },
    Binding {
        keys: "/",
        does: "Search the list",
        runs: Some(Shortcut::FocusSearch),
        chords: &[plain("/")],
    },
    Binding {
        keys: "Delete",
        does: "Delete the selected stakeholder (asks first)",
        runs: Some(Shortcut::DeleteSelected),
        chords: &[plain("delete"), plain("backspace")],
    },
    Binding {
        keys: "E",
        does: "Export the map to a file",
        runs: Some(Shortcut::Export),
        chords: &[plain("e")],
    },
    Binding {
        keys: "Ctrl+Z (⌘Z)",
        does: "Undo",
        runs: Some(Shortcut::Undo),
        chords: &[ctrl("z", false)],
    },
    Binding {
        keys: "Ctrl+Shift+Z (⌘⇧Z) or Ctrl+Y",
        does: "Redo",
        runs: Some(Shortcut::Redo),
        chords: &[ctrl("z", true), ctrl("y", false)],
    },
    Binding {
        keys: "M",
        does: "Switch between map and list",
        runs: Some(Shortcut::ToggleMapList),
        chords: &[plain("m")],
    },
    Binding {
        keys: "P",
        does: "Workshop presentation (Escape leaves it)",
        runs: Some(Shortcut::Present),
        chords: &[plain("p")],
    },
    Binding {
        keys: "?",
        does: "Show these shortcuts",
        runs: Some(Shortcut::Help),
        chords: &[plain("?")],
    },
    Binding {
        keys: "Arrow keys",
        does: "Move the focused stakeholder by 1 point (Shift: 10)",
        runs: None,
        chords: &[],
    },
    Binding {
        keys: "Ctrl or Alt + arrow keys",
        does: "Go to the nearest stakeholder that way on the map (Home, End: first, last)",
        runs: None,
        chords: &[],
    },
];

impl Chord {
    /// Whether this key press is this chord.
    pub fn matches(&self, k: &KeyPress) -> bool {
        let held = k.ctrl || k.meta;
        k.key.eq_ignore_ascii_case(self.key)
            && held == self.ctrl
            && (!held || k.shift == self.shift)
    }
}

/// The shortcut a key press asks for, if any (from [`SHORTCUTS`]).
pub fn shortcut_for(k: KeyPress) -> Option<Shortcut> {
    if k.in_text_field || k.alt {
        return None;
    }
    SHORTCUTS
        .iter()
        .find(|b| b.chords.iter().any(|c| c.matches(&k)))
        .and_then(|b| b.runs)
}

/// One card of the first-steps tour: what it says, and the control it points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TourStep {
    /// The card's heading.
    pub title: &'static str,
    /// What the card says.
    pub text: &'static str,
    /// Where the control it names is, as CSS selectors, the first one on show wins. The card
    /// shows only while one of them is on screen.
    pub anchors: &'static [&'static str],
}

/// The tour on a first visit, a few cards, each pointing at the control it names.
pub const TOUR: &[TourStep] = &[
    TourStep {
        title: "Welcome to Stakemap",
        text: "This example map shows how it works: up is more influence, right is more \
               skepticism. Everything stays in this browser; nothing is sent anywhere.",
        anchors: &[".map-canvas", ".list-view", "#main-view"],
    },
    TourStep {
        title: "Place people on the map",
        text: "Add stakeholder places someone new. Drag a marker, or focus it and use the \
               arrow keys; Quick add takes a pasted list of names.",
        anchors: &["#add-stakeholder"],
    },
    TourStep {
        title: "Plan how to win them over",
        text: "A person's Plan suggests actions from the playbook for why they are skeptical. \
               The Plan board and Due for contact keep the follow-up going.",
        anchors: &["#panel-tab-plan"],
    },
    TourStep {
        title: "Share by file",
        text: "Maps and files exports a file to e-mail or put on a shared drive, and imports \
               one to open or merge, or your own register. Press ? for keyboard shortcuts.",
        anchors: &["#map-menu-button"],
    },
];

/// The tour step that points at a person's Plan: someone is selected for it.
const TOUR_PLAN_STEP: usize = 2;

/// The setting that records the tour was finished or skipped.
pub const TOUR_DONE: &str = "tour-done";

/// The setting that remembers which relationships the map draws.
pub const TIES_SHOWN: &str = "ties-shown";

fn tray_setting(map: MapId) -> String {
    format!("tray:{map}")
}

/// The screen's state. `Copy`, like the store.
#[derive(Clone, Copy)]
pub struct Ui {
    store: Store,
    view: RwSignal<MainView>,
    presenting: RwSignal<bool>,
    help_open: RwSignal<bool>,
    tour_step: RwSignal<Option<usize>>,
    trays: RwSignal<HashMap<MapId, Tray>>,
    ties: RwSignal<TieShow>,
}

/// The UI state provided by the nearest [`Ui::provide`].
pub fn use_ui() -> Ui {
    // Every component is mounted under `App`, which provides it before rendering them.
    use_context::<Ui>()
        .unwrap_or_else(|| panic!("Ui::provide must run before components that use it"))
}

impl Ui {
    /// The screen's state for `store`, opening on `view`. The tour starts when this is the
    /// first visit (the example map was just opened) and it was never finished or skipped.
    pub fn new(store: Store, view: MainView, first_visit: bool) -> Self {
        let trays = store.workspace().with_untracked(|w| {
            w.maps()
                .iter()
                .filter_map(|m| {
                    let text = store.setting(&tray_setting(m.id))?;
                    Some((m.id, Tray::from_json(&text)?))
                })
                .collect::<HashMap<_, _>>()
        });
        let tour = (first_visit && store.setting(TOUR_DONE).is_none()).then_some(0);
        Self {
            store,
            view: RwSignal::new(view),
            presenting: RwSignal::new(false),
            help_open: RwSignal::new(false),
            tour_step: RwSignal::new(tour),
            trays: RwSignal::new(trays),
            ties: RwSignal::new(
                store
                    .setting(TIES_SHOWN)
                    .and_then(|t| TieShow::from_key(&t))
                    .unwrap_or(TieShow::Selected),
            ),
        }
    }

    /// Makes it available to every component below.
    pub fn provide(self) {
        provide_context(self);
    }

    /// The view in the main area (tracked).
    pub fn view(&self) -> MainView {
        self.view.get()
    }

    /// The view in the main area, not tracked.
    pub fn view_untracked(&self) -> MainView {
        self.view.get_untracked()
    }

    /// Shows `view`.
    pub fn show(&self, view: MainView) {
        self.view.set(view);
    }

    /// Map to list, anything else to the map.
    pub fn toggle_map_list(&self) {
        self.view.update(|v| {
            *v = if *v == MainView::Map {
                MainView::List
            } else {
                MainView::Map
            }
        });
    }

    /// True while the map is presented to a room (tracked).
    pub fn presenting(&self) -> bool {
        self.presenting.get()
    }

    /// Starts or stops presenting. Presenting shows the map alone, so the side panel and its
    /// notes are closed first.
    pub fn set_presenting(&self, on: bool) {
        if on {
            self.store.selection().clear();
            // Only if another view shows: the map already on screen is kept as it is.
            if self.view.get_untracked() != MainView::Map {
                self.view.set(MainView::Map);
            }
        }
        self.presenting.set(on);
    }

    /// Which relationships the map draws (tracked).
    pub fn tie_show(&self) -> TieShow {
        self.ties.get()
    }

    /// The relationships the map draws now, for a picture of it (not tracked).
    pub fn shown_ties(&self) -> ShownTies {
        ShownTies {
            show: self.ties.get_untracked(),
            selected: self.store.selection().selected_untracked(),
        }
    }

    /// Draws the selected person's relationships, all or none, and remembers the choice.
    pub fn set_tie_show(&self, show: TieShow) {
        self.ties.set(show);
        self.store.set_setting(TIES_SHOWN, Some(show.key()));
    }

    /// True while the shortcuts help is open (tracked).
    pub fn help_open(&self) -> bool {
        self.help_open.get()
    }

    /// Opens or closes the shortcuts help.
    pub fn set_help_open(&self, open: bool) {
        self.help_open.set(open);
    }

    /// The tour step showing, if the tour is on (tracked).
    pub fn tour_step(&self) -> Option<usize> {
        self.tour_step.get()
    }

    /// Next tour step; past the last one the tour is done. The step about a person's Plan
    /// needs someone selected: the most influential person to win over is, if no one is.
    pub fn next_tour_step(&self) {
        match self.tour_step.get_untracked() {
            Some(i) if i + 1 < TOUR.len() => {
                if i + 1 == TOUR_PLAN_STEP {
                    self.show_someone();
                }
                self.tour_step.set(Some(i + 1));
            }
            _ => self.end_tour(),
        }
    }

    /// Selects the most influential person to win over (or anyone) when no one is selected.
    fn show_someone(&self) {
        let selection = self.store.selection();
        if selection.selected_untracked().is_some() || selection.adding_untracked() {
            return;
        }
        let pick = self
            .store
            .with_current_untracked(|m| {
                m.stakeholders()
                    .max_by_key(|s| {
                        (
                            s.quadrant() == crate::model::Quadrant::WinOver,
                            s.position().influence,
                        )
                    })
                    .map(|s| s.id)
            })
            .flatten();
        if pick.is_some() {
            selection.select(pick);
        }
    }

    /// Ends the tour (finished or skipped) for good.
    pub fn end_tour(&self) {
        self.tour_step.set(None);
        self.store.set_setting(TOUR_DONE, Some("1"));
    }

    /// The open map's tray (tracked).
    pub fn tray(&self) -> Tray {
        let Some(id) = self.store.current_id() else {
            return Tray::default();
        };
        self.trays.with(|t| t.get(&id).cloned()).unwrap_or_default()
    }

    /// Changes the open map's tray and keeps it in storage. The second value is false when
    /// storage refused it (the user has been told; the tray still holds it for this session).
    fn change_tray<R>(&self, f: impl FnOnce(&mut Tray) -> R) -> Option<(R, bool)> {
        let id = self.store.with_current_untracked(|m| m.id)?;
        let mut changed = None;
        self.trays.update(|t| {
            let tray = t.entry(id).or_default();
            // An empty tray leaves no key behind.
            changed = Some((f(tray), (!tray.is_empty()).then(|| tray.to_json())));
        });
        let (result, text) = changed?;
        let kept = self.store.set_setting(&tray_setting(id), text.as_deref());
        Some((result, kept))
    }

    /// The names on the open map, which the tray does not take again.
    fn names_on_map(&self) -> Vec<String> {
        self.store
            .with_current_untracked(|m| m.stakeholders().map(|s| s.name().to_owned()).collect())
            .unwrap_or_default()
    }

    /// Adds people typed or pasted one per line (a title with each name becomes their role) to
    /// the open map's tray and says what happened.
    pub fn add_to_tray(&self, text: &str) -> bool {
        let on_map = self.names_on_map();
        let Some((added, kept)) =
            self.change_tray(|t| t.add_text(text, on_map.iter().map(String::as_str)))
        else {
            return false;
        };
        // When storage refused the tray, its message stays up instead of this summary.
        if kept {
            let tone = if added.added > 0 {
                Tone::Info
            } else {
                Tone::Error
            };
            self.store.notices().notify(tone, added.message());
        }
        added.added > 0
    }

    /// Puts people in the open map's tray without a notice of its own (the caller says what
    /// happened): people a register could not place, to be placed by hand.
    pub fn put_in_tray(&self, people: Vec<TrayPerson>) {
        if people.is_empty() {
            return;
        }
        let on_map = self.names_on_map();
        self.change_tray(|t| t.add_people(people, on_map.iter().map(String::as_str)));
    }

    /// Puts the person called `name` in the tray on the map at `at`, with the role they came
    /// with, and takes them out of the tray.
    pub fn place_from_tray(&self, name: &str, at: Position) -> Option<StakeholderId> {
        let map = self.store.with_current_untracked(|m| m.id)?;
        let role = self
            .trays
            .with_untracked(|t| Some(t.get(&map)?.person(name)?.role.clone()))
            .unwrap_or_default();
        let fields = StakeholderFields {
            name: name.to_owned(),
            role,
            position: at,
            ..StakeholderFields::default()
        };
        let id = self.store.add_stakeholder(fields)?;
        self.change_tray(|t| t.remove(name));
        Some(id)
    }

    /// Takes a name out of the tray without placing it.
    pub fn drop_from_tray(&self, name: &str) {
        self.change_tray(|t| t.remove(name));
    }
}
